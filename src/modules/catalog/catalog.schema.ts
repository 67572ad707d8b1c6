import { index, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { col } from '../../db/columns';

/**
 * Products (宝贝) and SKUs (商家编码). Titles and prices are learnt from imported files; cost,
 * supplier and the hero (主打) flag are the team's own and never overwritten by an import.
 */
export const products = pgTable(
  'products',
  {
    storeId: col.text('store_id').notNull(),
    productId: col.text('product_id').notNull(),
    title: col.text('title'),
    isHero: col.bool('is_hero').notNull().default(false),
    firstSeenAt: col.ts('first_seen_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.productId] })],
);

export const skus = pgTable(
  'skus',
  {
    storeId: col.text('store_id').notNull(),
    skuCode: col.text('sku_code').notNull(),
    productId: col.text('product_id'),
    title: col.text('title'),
    properties: col.text('properties'),
    priceFen: col.fen('price_fen'),
    costFen: col.fen('cost_fen'),
    supplier: col.text('supplier'),
    firstSeenAt: col.ts('first_seen_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.skuCode] })],
);

/** Listing history: every title/subtitle/price/on-sale change of a product, who and why. */
export const listingEvents = pgTable(
  'listing_events',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    productId: col.text('product_id').notNull(),
    /** title | subtitle | listed | delisted | hero | note */
    kind: col.text('kind').notNull(),
    before: col.text('before'),
    after: col.text('after'),
    personId: col.text('person_id'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('listing_events_product_idx').on(t.storeId, t.productId),
  ],
);

/** New-product pipeline (上新): one card per product in the making. */
export const newProducts = pgTable(
  'new_products',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    name: col.text('name').notNull(),
    productId: col.text('product_id'),
    /** plan | sample | photo | detail_page | listing | launch | cs_briefed | done */
    stage: col.text('stage').notNull(),
    briefing: col.text('briefing'),
    csAcknowledgedBy: col.text('cs_acknowledged_by'),
    csAcknowledgedAt: col.ts('cs_acknowledged_at'),
    createdBy: col.text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

/** Each stage of a new product: owner, due date, when done. */
export const newProductStages = pgTable(
  'new_product_stages',
  {
    storeId: col.text('store_id').notNull(),
    newProductId: col.text('new_product_id').notNull(),
    stage: col.text('stage').notNull(),
    ownerPersonId: col.text('owner_person_id'),
    ownerRole: col.text('owner_role'),
    dueDate: col.date('due_date'),
    doneAt: col.ts('done_at'),
    doneBy: col.text('done_by'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.newProductId, t.stage] })],
);
