import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { sqlLiteral } from '../../db/copy';
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

/** One business date of paid sales (orders counted on the day they were paid). */
export type DailySales = { date: string; gmvFen: number; orders: number; units: number; newBuyers: number };

/**
 * Paid sales per business date in [from, to] (store zone): GMV = 买家实际支付金额 of orders paid
 * that day (closed-before-payment orders have no paid time), units = 宝贝总数量, new buyers =
 * buyers whose first paid order in this store falls on that day. Used by marketing's campaign
 * results until the diagnosis rollups land.
 */
export async function dailySales(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<DailySales[]> {
  const tz = sqlLiteral(timeZone);
  const res = await ctx.database.db.execute(
    sql.raw(`with paid as (
        select buyer_account, paid_amount_fen, coalesce(item_quantity, 0) as qty,
               (paid_at at time zone ${tz})::date as d
        from orders where store_id = ${sqlLiteral(storeId)} and paid_at is not null
      ), firsts as (
        select buyer_account, min(d) as first_d from paid where buyer_account is not null group by buyer_account
      )
      select to_char(p.d, 'YYYY-MM-DD') as date, sum(p.paid_amount_fen)::bigint as gmv, count(*)::int as n,
             sum(p.qty)::bigint as units,
             (select count(*) from firsts f where f.first_d = p.d)::int as new_buyers
      from paid p where p.d between ${sqlLiteral(from)}::date and ${sqlLiteral(to)}::date
      group by p.d order by p.d`),
  );
  const rows = (res as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    date: String(r.date),
    gmvFen: Number(r.gmv),
    orders: Number(r.n),
    units: Number(r.units),
    newBuyers: Number(r.new_buyers),
  }));
}
