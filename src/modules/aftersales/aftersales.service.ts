import { sinkFromTable } from '../../db/facts';
import { refunds, reviews } from './aftersales.schema';

/** Where imported refund and review files land. */
export const aftersalesImportSinks = {
  'taobao-refunds': sinkFromTable('taobao-refunds', refunds, { statusColumn: 'status' }),
  reviews: sinkFromTable('reviews', reviews),
};

// Added by the inventory/catalog issue (#8): what the product page shows of after-sales.
/** Refunds (by SKU code = 商品编码) and bad reviews (差评) of a product over the last `days` days. */
export async function productAftersalesSummary(
  db: import('../../db/client').DbOrTx,
  storeId: string,
  productId: string,
  skuCodes: string[],
  since: Date,
): Promise<{
  refunds: number;
  refundFen: number;
  badReviews: number;
  recentBad: { content: string | null; reviewedAt: string }[];
}> {
  const { sql } = await import('drizzle-orm');
  const codes = skuCodes.length ? skuCodes : [''];
  const r = (await db.execute(
    sql`select count(*)::int as n, coalesce(sum(refund_amount_fen), 0)::bigint as fen from refunds
        where store_id = ${storeId} and requested_at >= ${since.toISOString()}::timestamptz
          and product_code in (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )})`,
  )) as unknown as { rows: { n: number; fen: number }[] };
  const b = (await db.execute(
    sql`select content, reviewed_at from reviews where store_id = ${storeId} and product_id = ${productId}
        and sentiment = 'bad' and reviewed_at >= ${since.toISOString()}::timestamptz order by reviewed_at desc`,
  )) as unknown as { rows: { content: string | null; reviewed_at: string | Date }[] };
  return {
    refunds: Number(r.rows[0]?.n ?? 0),
    refundFen: Number(r.rows[0]?.fen ?? 0),
    badReviews: b.rows.length,
    recentBad: b.rows
      .slice(0, 5)
      .map((x) => ({ content: x.content, reviewedAt: new Date(x.reviewed_at).toISOString() })),
  };
}
