import { pgTable, primaryKey } from 'drizzle-orm/pg-core';
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
