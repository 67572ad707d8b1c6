import { index, pgTable, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';

/** Stock snapshots: available and in-transit stock per SKU (and warehouse) per date. */
export const stockSnapshots = pgTable(
  'stock_snapshots',
  {
    ...factColumns(),
    date: col.date('date').notNull(),
    skuCode: col.text('sku_code'),
    productId: col.text('product_id'),
    skuId: col.text('sku_id'),
    title: col.text('title'),
    skuProperties: col.text('sku_properties'),
    warehouse: col.text('warehouse'),
    available: col.int('available').notNull(),
    inTransit: col.int('in_transit'),
    reserved: col.int('reserved'),
  },
  (t) => [factKey(t), index('stock_snapshots_sku_idx').on(t.storeId, t.skuCode, t.date)],
);

/** Warehouses of a store (a small team often has one: 主仓). */
export const warehouses = pgTable(
  'warehouses',
  {
    storeId: col.text('store_id').notNull(),
    code: col.text('code').notNull(),
    name: col.text('name').notNull(),
    /** The warehouse leader who approves count differences (a person of the store). */
    leaderPersonId: col.text('leader_person_id'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.code] })],
);

/**
 * The stock ledger: every movement of a SKU in a warehouse, signed (+ in, − out), with who and
 * why. On hand = the sum of movements. `dedupe_key` makes a movement posted by a rule or a
 * document (order, PO receipt, count sheet) happen once.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    skuCode: col.text('sku_code').notNull(),
    warehouse: col.text('warehouse').notNull(),
    /** inbound | outbound | return | adjustment | damage */
    kind: col.text('kind').notNull(),
    qty: col.int('qty').notNull(),
    reason: col.text('reason'),
    refKind: col.text('ref_kind'),
    refId: col.text('ref_id'),
    dedupeKey: col.text('dedupe_key'),
    personId: col.text('person_id'),
    occurredAt: col.ts('occurred_at').notNull(),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('stock_movements_dedupe_idx').on(t.storeId, t.dedupeKey),
    index('stock_movements_sku_idx').on(t.storeId, t.skuCode, t.warehouse, t.occurredAt),
  ],
);

/** Suppliers (厂家): contacts, lead time, payment terms. */
export const suppliers = pgTable(
  'suppliers',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    name: col.text('name').notNull(),
    contactName: col.text('contact_name'),
    phone: col.text('phone'),
    wechat: col.text('wechat'),
    leadTimeDays: col.int('lead_time_days').notNull(),
    note: col.text('note'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

/** Which supplier makes which SKU, with its own lead time, carton and minimum order. */
export const supplierSkus = pgTable(
  'supplier_skus',
  {
    storeId: col.text('store_id').notNull(),
    supplierId: col.text('supplier_id').notNull(),
    skuCode: col.text('sku_code').notNull(),
    leadTimeDays: col.int('lead_time_days'),
    packSize: col.int('pack_size'),
    minOrderQty: col.int('min_order_qty'),
    costFen: col.fen('cost_fen'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.supplierId, t.skuCode] }),
    index('supplier_skus_sku_idx').on(t.storeId, t.skuCode),
  ],
);

/** Purchase orders: draft → sent → partly_received → received (or cancelled). */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    number: col.text('number').notNull(),
    supplierId: col.text('supplier_id').notNull(),
    warehouse: col.text('warehouse').notNull(),
    status: col.text('status').notNull(),
    expectedDate: col.date('expected_date'),
    note: col.text('note'),
    createdBy: col.text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    sentAt: col.ts('sent_at'),
    receivedAt: col.ts('received_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('purchase_orders_number_idx').on(t.storeId, t.number),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    storeId: col.text('store_id').notNull(),
    poId: col.text('po_id').notNull(),
    skuCode: col.text('sku_code').notNull(),
    qtyOrdered: col.int('qty_ordered').notNull(),
    qtyReceived: col.int('qty_received').notNull(),
    costFen: col.fen('cost_fen'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.poId, t.skuCode] })],
);

/** Stock-taking (盘点): a count sheet per warehouse (optionally a SKU set). */
export const countSheets = pgTable(
  'count_sheets',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    warehouse: col.text('warehouse').notNull(),
    /** open (counting) → submitted → approved (posted) | rejected */
    status: col.text('status').notNull(),
    note: col.text('note'),
    createdBy: col.text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    submittedAt: col.ts('submitted_at'),
    approvedBy: col.text('approved_by'),
    approvedAt: col.ts('approved_at'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

export const countLines = pgTable(
  'count_lines',
  {
    storeId: col.text('store_id').notNull(),
    sheetId: col.text('sheet_id').notNull(),
    skuCode: col.text('sku_code').notNull(),
    /** On hand in the ledger when the sheet was made (frozen for the review). */
    expectedQty: col.int('expected_qty').notNull(),
    countedQty: col.int('counted_qty'),
    countedBy: col.text('counted_by'),
    note: col.text('note'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.sheetId, t.skuCode] })],
);

/**
 * Units sold per SKU and calendar year (the forecast's input, kept by the import followers): one
 * row per SKU and year (`year` = its 1 January) whose text `days` holds one character per day of
 * the year, the store's business dates, from 1 January up to the last day with a sale or a
 * stock-out: character code `v + 1` (`v + 2049` from U+D800 on, skipping the surrogates), where
 * `v = units · 2 + (1 if the day ended with nothing available)` — a day without a sale is U+0001.
 * Units above 550 000 a day for one SKU count as 550 000. Derived from the order lines and the
 * stock snapshots (`storeSalesSource`); `refreshSalesYears` rewrites the days an import touched.
 * The forecast reads 2–3 rows per SKU (`substr` of the days it needs) instead of ≈ 50 daily rows;
 * most days take one byte (a character below U+0080: fewer than 64 units).
 */
export const salesYears = pgTable(
  'inventory_sales_years',
  {
    storeId: col.text('store_id').notNull(),
    skuCode: col.text('sku_code').notNull(),
    year: col.date('year').notNull(),
    days: col.text('days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.skuCode, t.year] }),
    index('inventory_sales_years_year_idx').on(t.storeId, t.year),
  ],
);

/** Stores whose `inventory_sales_years` were built from the whole history (then kept by imports). */
export const salesYearsBuilt = pgTable('inventory_sales_years_built', {
  storeId: col.text('store_id').primaryKey(),
  builtAt: col.ts('built_at').notNull(),
});
