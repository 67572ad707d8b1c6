import { and, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { sinkFromTable } from '../../db/facts';
import { jdOrderLines, orderItems, orders } from './orders.schema';

/** Where imported order files land (the import pipeline writes through these). */
export const orderImportSinks = {
  'taobao-orders': sinkFromTable('taobao-orders', orders, {
    statusColumn: 'status',
    teamColumns: ['flagColor', 'flaggedBy', 'flaggedAt'],
  }),
  'taobao-order-items': sinkFromTable('taobao-order-items', orderItems, { statusColumn: 'status' }),
  'jd-orders': sinkFromTable('jd-orders', jdOrderLines, { statusColumn: 'status' }),
};

// ---- for service (issue 7) ----
/**
 * Orders created or paid in [from, to) with what the CS KPIs need: the buyer (买家会员名, as in the
 * chat log), creation and payment times, paid amount and the 插旗 flag. Until the orders module's
 * attribution rules land, the service module applies DOMAIN.md §5 attribution itself.
 */
export async function ordersForCsKpis(
  ctx: Ctx,
  storeId: string,
  from: Date,
  to: Date,
): Promise<
  {
    orderId: string;
    buyer: string;
    createdAt: Date;
    paidAt: Date | null;
    paidFen: number;
    flaggedBy: string | null;
  }[]
> {
  return ctx.database.db
    .select({
      orderId: orders.orderId,
      buyer: sql<string>`coalesce(${orders.buyerAccount}, ${orders.buyerNickname}, '')`,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      paidFen: orders.paidAmountFen,
      flaggedBy: orders.flaggedBy,
    })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        or(
          and(gte(orders.createdAt, from), lt(orders.createdAt, to)),
          and(gte(orders.paidAt, from), lt(orders.paidAt, to)),
        ),
      ),
    );
}
