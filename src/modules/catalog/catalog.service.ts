import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { DbOrTx } from '../../db/client';
import { sqlLiteral } from '../../db/copy';
import type { FactSink } from '../../db/facts';
import { products, skus } from './catalog.schema';

type Learn = NonNullable<FactSink['afterMerge']>;

const lit = sqlLiteral;

/**
 * Products and SKUs learnt from imported files: titles, properties and the latest price. Cost,
 * supplier and the hero flag are the team's own and never overwritten. Each learner runs in the
 * import's merge transaction, reading its staging table.
 */
function upsertSkus(select: string): Learn {
  return async (tx: DbOrTx, p) => {
    const now = lit(p.now.toISOString());
    await tx.execute(
      sql.raw(`insert into skus (store_id, sku_code, product_id, title, properties, price_fen, first_seen_at, updated_at)
        select ${lit(p.storeId)}, sku_code, product_id, title, properties, price_fen, ${now}::timestamptz, ${now}::timestamptz
        from (select distinct on (sku_code collate "C") * from (${select.replace('$stage', `"${p.stage}"`)}) s
              where sku_code is not null and sku_code <> '' order by sku_code collate "C", row_no desc) latest
        on conflict (store_id, sku_code) do update set
          product_id = coalesce(excluded.product_id, skus.product_id),
          title = coalesce(excluded.title, skus.title),
          properties = coalesce(excluded.properties, skus.properties),
          price_fen = coalesce(excluded.price_fen, skus.price_fen),
          updated_at = excluded.updated_at
        where (skus.product_id, skus.title, skus.properties, skus.price_fen) is distinct from
          (coalesce(excluded.product_id, skus.product_id), coalesce(excluded.title, skus.title),
           coalesce(excluded.properties, skus.properties), coalesce(excluded.price_fen, skus.price_fen))`),
    );
  };
}

function upsertProducts(select: string): Learn {
  return async (tx: DbOrTx, p) => {
    const now = lit(p.now.toISOString());
    await tx.execute(
      sql.raw(`insert into products (store_id, product_id, title, first_seen_at, updated_at)
        select ${lit(p.storeId)}, product_id, title, ${now}::timestamptz, ${now}::timestamptz
        from (select distinct on (product_id collate "C") * from (${select.replace('$stage', `"${p.stage}"`)}) s
              where product_id is not null and product_id <> '' order by product_id collate "C", row_no desc) latest
        on conflict (store_id, product_id) do update set title = coalesce(excluded.title, products.title), updated_at = excluded.updated_at
        where excluded.title is not null and products.title is distinct from excluded.title`),
    );
  };
}

const both =
  (...learners: Learn[]): Learn =>
  async (tx, p) => {
    for (const l of learners) await l(tx, p);
  };

/** What each imported file kind teaches the catalog. */
export const catalogLearners: Partial<Record<string, Learn>> = {
  'taobao-order-items': upsertSkus(
    'select row_no, sku_code, null::text as product_id, title, properties, price_fen from $stage',
  ),
  stock: both(
    upsertSkus(
      'select row_no, sku_code, product_id, title, sku_properties as properties, null::bigint as price_fen from $stage',
    ),
    upsertProducts('select row_no, product_id, title from $stage'),
  ),
  'product-metrics': upsertProducts('select row_no, product_id, product_title as title from $stage'),
  'jd-orders': both(
    upsertSkus(
      'select row_no, item_number as sku_code, product_id, product_name as title, null::text as properties, unit_price_fen as price_fen from $stage',
    ),
    upsertProducts('select row_no, product_id, product_name as title from $stage'),
  ),
};

/** The store's SKUs with price and cost (marketing's price floor). */
export async function skuPrices(ctx: Ctx, storeId: string) {
  return ctx.database.db
    .select({
      skuCode: skus.skuCode,
      productId: skus.productId,
      title: skus.title,
      properties: skus.properties,
      priceFen: skus.priceFen,
      costFen: skus.costFen,
    })
    .from(skus)
    .where(eq(skus.storeId, storeId))
    .orderBy(asc(skus.skuCode));
}

/** The store's products with their titles and hero (主打) flag. */
export async function productList(ctx: Ctx, storeId: string) {
  return ctx.database.db
    .select({ productId: products.productId, title: products.title, isHero: products.isHero })
    .from(products)
    .where(eq(products.storeId, storeId))
    .orderBy(desc(products.isHero), asc(products.productId));
}

/** Sets a SKU's cost (the team's own; imports never overwrite it). */
export async function setSkuCost(ctx: Ctx, storeId: string, skuCode: string, costFen: number | null) {
  await ctx.database.db
    .update(skus)
    .set({ costFen, updatedAt: ctx.clock.now() })
    .where(and(eq(skus.storeId, storeId), eq(skus.skuCode, skuCode)));
}

/** Marks products as heroes (主打). */
export async function setHeroes(ctx: Ctx, storeId: string, productIds: string[], isHero: boolean) {
  if (productIds.length === 0) return;
  await ctx.database.db
    .update(products)
    .set({ isHero, updatedAt: ctx.clock.now() })
    .where(and(eq(products.storeId, storeId), inArray(products.productId, productIds)));
}
