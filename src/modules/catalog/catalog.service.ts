import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { sqlLiteral } from '../../db/copy';
import type { FactSink } from '../../db/facts';

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
