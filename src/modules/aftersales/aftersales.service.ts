import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { sinkFromTable } from '../../db/facts';
import { refunds, reviews } from './aftersales.schema';

/** Where imported refund and review files land. */
export const aftersalesImportSinks = {
  'taobao-refunds': sinkFromTable('taobao-refunds', refunds, { statusColumn: 'status' }),
  reviews: sinkFromTable('reviews', reviews),
};

// ---- for service (issue 7) ----
/** Buyers (nicknames as shown, 买家会员名 unless anonymous) who left a bad review in [from, to). */
export async function badReviewBuyers(ctx: Ctx, storeId: string, from: Date, to: Date): Promise<string[]> {
  const rows = await ctx.database.db
    .selectDistinct({ nick: reviews.nickname })
    .from(reviews)
    .where(
      and(
        eq(reviews.storeId, storeId),
        eq(reviews.sentiment, 'bad'),
        gte(reviews.reviewedAt, from),
        lt(reviews.reviewedAt, to),
        sql`${reviews.nickname} is not null`,
      ),
    );
  return rows.map((r) => r.nick!).filter((n) => !n.includes('***'));
}
