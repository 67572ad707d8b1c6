import { index, pgTable } from 'drizzle-orm/pg-core';
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
