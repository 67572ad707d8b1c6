/**
 * An independent computation of the chat KPIs in plain SQL (window functions), used by the tests
 * to check the rules on a simulated store and by the benchmark as its baseline. It shares no code
 * with service.rules.ts.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export type SqlKpi = {
  date: string;
  agent: string;
  sessions: number;
  receptions: number;
  answered: number;
  first_sum: number;
  slow: number;
  buyer_messages: number;
  agent_messages: number;
  rounds: number;
  answered_rounds: number;
  response_sum: number;
  fast_rounds: number;
};

export async function sqlKpis(db: Db, storeId: string, timeZone: string): Promise<SqlKpi[]> {
  const r = (await db.execute(sql`
    with nm as (
      select session_id, sent_at, sender_role as r,
        count(*) filter (where sender_role <> 'buyer') over w as g,
        lag(sender_role) over w as pr
      from chat_messages where store_id = ${storeId} and not is_auto_reply
      window w as (partition by session_id order by sent_at, message_id)),
    rs as (select session_id, g, min(sent_at) as st from nm where r = 'buyer' group by session_id, g),
    ans as (
      select nm.session_id, rs.g, extract(epoch from nm.sent_at - rs.st) as w
      from nm join rs on rs.session_id = nm.session_id and rs.g = nm.g - 1
      where nm.r <> 'buyer' and nm.pr = 'buyer'),
    first_ans as (
      select distinct on (session_id) session_id, w from ans order by session_id, g),
    sess as (
      select session_id, min(agent) as agent, min(buyer) as buyer, min(sent_at) as start,
        count(*) filter (where sender_role = 'buyer') as bm,
        count(*) filter (where sender_role <> 'buyer' and not is_auto_reply) as am
      from chat_messages where store_id = ${storeId} group by session_id),
    rounds as (
      select rs.session_id, count(*) as n from rs group by rs.session_id),
    answered as (
      select session_id, count(*) as n, sum(w) as s, count(*) filter (where w <= 180) as fast
      from ans group by session_id)
    select to_char(s.start at time zone ${timeZone}, 'YYYY-MM-DD') as date, s.agent,
      count(*)::int as sessions,
      count(distinct s.buyer)::int as receptions,
      count(f.w)::int as answered,
      coalesce(sum(f.w), 0)::float8 as first_sum,
      (count(*) filter (where f.w > 120))::int as slow,
      sum(s.bm)::int as buyer_messages,
      sum(s.am)::int as agent_messages,
      coalesce(sum(ro.n), 0)::int as rounds,
      coalesce(sum(a.n), 0)::int as answered_rounds,
      coalesce(sum(a.s), 0)::float8 as response_sum,
      coalesce(sum(a.fast), 0)::int as fast_rounds
    from sess s
      left join first_ans f on f.session_id = s.session_id
      left join rounds ro on ro.session_id = s.session_id
      left join answered a on a.session_id = s.session_id
    where s.bm > 0
    group by 1, 2
    order by 1, 2`)) as unknown as { rows: SqlKpi[] };
  return r.rows.map((x) => ({ ...x, first_sum: Number(x.first_sum), response_sum: Number(x.response_sum) }));
}

/** The benchmark's baseline: first response time of every session, one window-function query. */
export const FIRST_RESPONSE_SQL = `
  select session_id, extract(epoch from first_reply - first_buyer) as first_response_sec
  from (
    select session_id,
      min(sent_at) filter (where sender_role = 'buyer') over w as first_buyer,
      min(sent_at) filter (where sender_role <> 'buyer' and not is_auto_reply) over w as first_reply,
      row_number() over (partition by session_id order by sent_at desc) as rn
    from chat_messages where store_id = $1
    window w as (partition by session_id)
  ) x where rn = 1`;
