import { sinkFromTable } from '../../db/facts';
import { adReports } from './marketing.schema';

/** Where imported ad reports land (直通车, 引力魔方, 万相台 unified). */
export const marketingImportSinks = {
  ads: sinkFromTable('ads', adReports),
};

// Added by the inventory/catalog issue (#8): search terms for the title keyword coverage.
/** Keywords of the paid-search (直通车) keyword reports since a date, weighted by impressions. */
export async function searchTermsSince(
  db: import('../../db/client').DbOrTx,
  storeId: string,
  since: string,
  productId?: string,
): Promise<{ term: string; weight: number }[]> {
  const { sql } = await import('drizzle-orm');
  const r = (await db.execute(
    sql`select keyword as term, sum(coalesce(impressions, 0))::bigint as weight from ad_reports
        where store_id = ${storeId} and level = 'keyword' and keyword is not null and date >= ${since}::date
        ${productId ? sql`and (product_id = ${productId} or product_id is null)` : sql``}
        group by keyword order by weight desc limit 200`,
  )) as unknown as { rows: { term: string; weight: number }[] };
  return r.rows.map((x) => ({ term: x.term, weight: Number(x.weight) }));
}
