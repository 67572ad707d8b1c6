import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { addDays, businessDate, startOfBusinessDate } from '../../core/time';
import type { DbOrTx } from '../../db/client';
import { sqlLiteral as lit } from '../../db/copy';
import type { TimeBounds } from '../../db/facts';

/**
 * Daily rollups (store, product, SKU) recomputed from the facts for a range of business dates in
 * the store's zone: delete the range, insert it again, in one transaction. Set-based SQL (one
 * statement per table), so a year recomputes as fast as a day plus the scan.
 *
 * The rules (each figure's inputs; docs/metrics.md repeats them):
 * - paid amount / orders / buyers / items: orders with a payment time that day (Σ 买家实际支付金额,
 *   refunds not subtracted, as 生意参谋 支付金额); buyers = distinct 买家会员名.
 * - created orders: orders created that day (paid or not).
 * - refunds: refunds that finished with 退款成功 that day (count, Σ 退款金额); requests: opened that day.
 * - reviews: by 评价时间, good / neutral / bad.
 * - ad spend: per channel, one report level (plan if present, else unit, else keyword) so a file
 *   with plan and unit rows is not counted twice.
 * - visitors, page views, add-to-cart, favourites, DSR, affiliate commission and the platform's
 *   own paid figures: the 生意参谋 店铺整体 row of the day (null when no file covers it).
 * - industry: Σ over the 类目 rows of 市场大盘; competitors: Σ over 竞品 rows.
 * - product rows: order lines by 付款时间 (line 实付, without postage; product as PRODUCT_OF_LINE),
 *   refunds by the SKU's product,
 *   reviews, unit-level ad spend and clicks, the 商品效果 row.
 */

export type RollupRange = { from: string; to: string };

/**
 * The 宝贝报表 has no 商品id (its id column is the 子订单编号): a line's product is its SKU's
 * product in the catalog (learnt from the stock file), else the product whose title (from the
 * 生意参谋 商品 file) equals the line's title, else `title:<title>`.
 */
const PRODUCT_OF_TITLE = (s: string) =>
  `pt as (select distinct on (title) title, product_id from products
     where store_id = ${s} and title is not null order by title, product_id)`;
const PRODUCT_OF_LINE = `coalesce(k.product_id, pt.product_id, 'title:' || i.title)`;
const LINE_JOINS = `left join skus k on k.store_id = i.store_id and k.sku_code = i.sku_code
  left join pt on pt.title = i.title`;

/**
 * JD orders (jd_order_lines, one row per line; 订单金额 / 应付金额 / 运费 repeat on every line of
 * an order) as paid orders: 应付金额 (what the buyer pays, postage included — like Taobao's
 * 买家实际支付金额), the buyer account (`jd:`-prefixed: another platform's namespace), Σ 订购数量.
 */
const JD_PAID_ORDERS = (s: string, inRange: string) =>
  `select min(paid_at), max(coalesce(payable_amount_fen, order_amount_fen, 0)),
     'jd:' || coalesce(max(buyer_account), order_id), sum(quantity)
   from jd_order_lines where store_id = ${s} and ${inRange} group by order_id`;
/**
 * A JD line's paid amount (without postage): the order's 应付金额 − 运费 shared out over its lines
 * by 京东价 × 订购数量 (the export gives no per-line discount); 京东价 × 数量 when the order has no
 * 应付金额.
 */
const JD_LINE_AMOUNT = `coalesce(round(
    (max(coalesce(j.payable_amount_fen, 0) - coalesce(j.shipping_fee_fen, 0)) over (partition by j.order_id))::numeric
    * (coalesce(j.unit_price_fen, 0) * j.quantity)
    / nullif(sum(coalesce(j.unit_price_fen, 0) * j.quantity) over (partition by j.order_id), 0))::bigint,
  coalesce(j.unit_price_fen, 0) * j.quantity)`;

async function exec(db: DbOrTx, text: string) {
  return (await db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] };
}

/** The three rollup tables. */
export type RollupTable = 'store' | 'product' | 'sku';
const ALL_TABLES: readonly RollupTable[] = ['store', 'product', 'sku'];
const TABLE_NAME: Record<RollupTable, string> = {
  store: 'metric_store_daily',
  product: 'metric_product_daily',
  sku: 'metric_sku_daily',
};
/** A digest of a date's rows without their stamp, in a fixed order (the before/after comparison). */
const ROW_DIGEST: Record<'store' | 'product', (alias: string) => string> = {
  store: (a) => `md5(string_agg((to_jsonb(${a}) - 'computed_at')::text, '|'))`,
  product: (a) => `md5(string_agg(to_jsonb(${a})::text, '|' order by ${a}.product_id))`,
};

/**
 * The rollup tables an import kind can change (which facts each table's statement reads, see
 * recomputeRollups): the store row reads orders, JD lines, refunds, reviews, ad reports and the
 * 生意参谋 store / industry / competitor files; the product row reads order lines, JD lines,
 * refunds, reviews, unit-level ads and the 商品效果 file; the SKU row reads order lines and JD
 * lines. Product and SKU rows both map lines to products through the catalog (skus, products),
 * which the stock, JD and 商品效果 files teach.
 */
const TABLES_OF_KIND: Record<string, readonly RollupTable[]> = {
  'taobao-orders': ['store'],
  'taobao-order-items': ['product', 'sku'],
  'jd-orders': ALL_TABLES,
  'taobao-refunds': ['store', 'product'],
  reviews: ['store', 'product'],
  ads: ['store', 'product'],
  'store-metrics': ['store'],
  'product-metrics': ['product', 'sku'],
  'industry-metrics': ['store'],
  'competitor-metrics': ['store'],
  stock: ['product', 'sku'],
};

export function rollupTablesOf(kind: string): readonly RollupTable[] {
  return TABLES_OF_KIND[kind] ?? ALL_TABLES;
}

export type RecomputeOptions = {
  /** Only these tables (default: all three). */
  tables?: readonly RollupTable[];
  /** Also return the dates whose rows came out different from what was stored (store, product). */
  diff?: boolean;
};

export async function recomputeRollups(
  ctx: Ctx,
  storeId: string,
  timeZone: string,
  range: RollupRange,
  opts: RecomputeOptions = {},
): Promise<{ storeRows: number; productRows: number; skuRows: number; changedDates?: string[] }> {
  const { from, to } = range;
  const tables = opts.tables ?? ALL_TABLES;
  const s = lit(storeId);
  const tz = lit(timeZone);
  const t0 = lit(startOfBusinessDate(from, timeZone).toISOString());
  const t1 = lit(startOfBusinessDate(addDays(to, 1), timeZone).toISOString());
  const d0 = lit(from);
  const d1 = lit(to);
  const now = lit(ctx.clock.now().toISOString());
  const day = (col: string) => `((${col}) at time zone ${tz})::date`;
  const inRange = (col: string) => `${col} >= ${t0}::timestamptz and ${col} < ${t1}::timestamptz`;

  // Each table's new rows, by the rules above (one INSERT … SELECT over the facts each).
  const insert: Record<RollupTable, () => string> = {
    store: () => `insert into metric_store_daily
      with days as (select d::date as date from generate_series(${d0}::date, ${d1}::date, interval '1 day') d),
      po as (select paid_at, paid_amount_fen as amt, coalesce(buyer_account, buyer_nickname, order_id) as buyer,
              coalesce(item_quantity, 0) as items
            from orders where store_id = ${s} and ${inRange('paid_at')}
          union all
            ${JD_PAID_ORDERS(s, inRange('paid_at'))}),
      o as (select ${day('paid_at')} as date, sum(amt) as amt, count(*) as n,
              count(distinct buyer) as buyers, sum(items) as items
            from po group by 1),
      oc as (select date, sum(n) as n from (
              select ${day('created_at')} as date, count(*) as n
              from orders where store_id = ${s} and ${inRange('created_at')} group by 1
            union all
              select ${day('ordered_at')} as date, count(distinct order_id) as n
              from jd_order_lines where store_id = ${s} and ${inRange('ordered_at')} group by 1) x group by date),
      rf as (select ${day('refund_finished_at')} as date, count(*) as n, sum(refund_amount_fen) as amt
            from refunds where store_id = ${s} and status = 'succeeded' and ${inRange('refund_finished_at')} group by 1),
      rq as (select ${day('requested_at')} as date, count(*) as n
            from refunds where store_id = ${s} and ${inRange('requested_at')} group by 1),
      rv as (select ${day('reviewed_at')} as date,
              count(*) filter (where sentiment = 'good') as good,
              count(*) filter (where sentiment = 'neutral') as neutral,
              count(*) filter (where sentiment = 'bad') as bad
            from reviews where store_id = ${s} and ${inRange('reviewed_at')} group by 1),
      adl as (select date, channel, level, sum(spend_fen) as spend,
              rank() over (partition by date, channel order by case level when 'plan' then 0 when 'unit' then 1 else 2 end) as pick
            from ad_reports where store_id = ${s} and date between ${d0} and ${d1} group by date, channel, level),
      ad as (select date,
              sum(spend) filter (where channel = 'ztc') as ztc,
              sum(spend) filter (where channel = 'ylmf') as ylmf,
              sum(spend) filter (where channel not in ('ztc', 'ylmf')) as other
            from adl where pick = 1 group by date),
      sm as (select date, max(visitors) as visitors, max(page_views) as page_views,
              max(add_to_cart_buyers) as cart, max(store_favorite_buyers) as fav,
              max(paid_amount_fen) as amt, max(paid_buyers) as buyers, max(paid_items) as items,
              max(affiliate_commission_fen) as aff, max(description_score) as ds,
              max(logistics_score) as ls, max(service_score) as ss
            from store_daily_metrics where store_id = ${s} and date between ${d0} and ${d1} group by date),
      ind as (select date, sum(visitors) as visitors, sum(paid_amount_fen) as amt, sum(paid_buyers) as buyers
            from industry_daily_metrics where store_id = ${s} and date between ${d0} and ${d1} group by date),
      cmp as (select date, sum(visitors) as visitors, sum(paid_amount_fen) as amt
            from competitor_daily_metrics where store_id = ${s} and date between ${d0} and ${d1} group by date)
      select ${s}, days.date,
        coalesce(o.amt, 0), coalesce(o.n, 0), coalesce(o.buyers, 0), coalesce(o.items, 0), coalesce(oc.n, 0),
        coalesce(rf.n, 0), coalesce(rf.amt, 0), coalesce(rq.n, 0),
        coalesce(rv.good, 0), coalesce(rv.neutral, 0), coalesce(rv.bad, 0),
        coalesce(ad.ztc, 0), coalesce(ad.ylmf, 0), coalesce(ad.other, 0),
        sm.visitors, sm.page_views, sm.cart, sm.fav, sm.amt, sm.buyers, sm.items, sm.aff, sm.ds, sm.ls, sm.ss,
        ind.visitors, ind.amt, ind.buyers, cmp.visitors, cmp.amt,
        ${now}::timestamptz
      from days
        left join o on o.date = days.date left join oc on oc.date = days.date
        left join rf on rf.date = days.date left join rq on rq.date = days.date
        left join rv on rv.date = days.date left join ad on ad.date = days.date
        left join sm on sm.date = days.date left join ind on ind.date = days.date
        left join cmp on cmp.date = days.date
      where coalesce(o.n, oc.n, rf.n, rq.n, rv.good) is not null or ad.date is not null or sm.date is not null
        or ind.date is not null or cmp.date is not null`,
    product: () => `insert into metric_product_daily
      with ${PRODUCT_OF_TITLE(s)},
      al as (select i.paid_at, ${PRODUCT_OF_LINE} as product_id, i.title, coalesce(i.paid_amount_fen, 0) as amt,
              i.order_id, i.quantity
            from order_items i ${LINE_JOINS}
            where i.store_id = ${s} and ${inRange('i.paid_at')}
          union all
            select j.paid_at, coalesce(k.product_id, 'jd:' || j.product_id), j.product_name, ${JD_LINE_AMOUNT},
              'jd:' || j.order_id, j.quantity
            from jd_order_lines j left join skus k on k.store_id = j.store_id and k.sku_code = j.item_number
            where j.store_id = ${s} and ${inRange('j.paid_at')}),
      li as (select ${day('paid_at')} as date, product_id, max(title) as title,
              sum(amt) as amt, count(distinct order_id) as n, sum(quantity) as items
            from al group by 1, 2),
      rf as (select ${day('r.refund_finished_at')} as date, coalesce(k.product_id, pt.product_id) as product_id,
              count(*) as n, sum(r.refund_amount_fen) as amt
            from refunds r left join skus k on k.store_id = r.store_id and k.sku_code = r.product_code
              left join pt on pt.title = r.item_title
            where r.store_id = ${s} and r.status = 'succeeded' and ${inRange('r.refund_finished_at')}
              and coalesce(k.product_id, pt.product_id) is not null group by 1, 2),
      rv as (select ${day('reviewed_at')} as date, product_id,
              count(*) filter (where sentiment = 'good') as good,
              count(*) filter (where sentiment = 'neutral') as neutral,
              count(*) filter (where sentiment = 'bad') as bad
            from reviews where store_id = ${s} and ${inRange('reviewed_at')} group by 1, 2),
      ad as (select date, product_id, sum(spend_fen) as spend, sum(coalesce(clicks, 0)) as clicks
            from ad_reports where store_id = ${s} and level = 'unit' and product_id is not null
              and date between ${d0} and ${d1} group by 1, 2),
      pm as (select date, product_id, max(product_title) as title, max(coalesce(product_visitors, visitors)) as visitors,
              max(add_to_cart_buyers) as cart, max(paid_buyers) as buyers, max(paid_amount_fen) as amt
            from product_daily_metrics where store_id = ${s} and date between ${d0} and ${d1} group by 1, 2),
      k as (select date, product_id from li union select date, product_id from rf
            union select date, product_id from rv union select date, product_id from ad
            union select date, product_id from pm)
      select ${s}, k.date, k.product_id, coalesce(li.title, pm.title),
        coalesce(li.amt, 0), coalesce(li.n, 0), coalesce(li.items, 0),
        coalesce(rf.n, 0), coalesce(rf.amt, 0),
        coalesce(rv.good, 0), coalesce(rv.neutral, 0), coalesce(rv.bad, 0),
        coalesce(ad.spend, 0), coalesce(ad.clicks, 0),
        pm.visitors, pm.cart, pm.buyers, pm.amt
      from k
        left join li on li.date = k.date and li.product_id = k.product_id
        left join rf on rf.date = k.date and rf.product_id = k.product_id
        left join rv on rv.date = k.date and rv.product_id = k.product_id
        left join ad on ad.date = k.date and ad.product_id = k.product_id
        left join pm on pm.date = k.date and pm.product_id = k.product_id`,
    sku: () => `insert into metric_sku_daily
      with ${PRODUCT_OF_TITLE(s)},
      al as (select i.paid_at, i.sku_code, ${PRODUCT_OF_LINE} as product_id, coalesce(i.paid_amount_fen, 0) as amt,
              i.order_id, i.quantity
            from order_items i ${LINE_JOINS}
            where i.store_id = ${s} and ${inRange('i.paid_at')} and i.sku_code is not null and i.sku_code <> ''
          union all
            select j.paid_at, j.item_number, coalesce(k.product_id, 'jd:' || j.product_id), ${JD_LINE_AMOUNT},
              'jd:' || j.order_id, j.quantity
            from jd_order_lines j left join skus k on k.store_id = j.store_id and k.sku_code = j.item_number
            where j.store_id = ${s} and ${inRange('j.paid_at')} and j.item_number is not null and j.item_number <> '')
      select ${s}, ${day('paid_at')}, sku_code, max(product_id), sum(amt), count(distinct order_id), sum(quantity)
      from al group by 2, 3`,
  };

  return ctx.database.db.transaction(async (tx) => {
    await exec(tx, `select pg_advisory_xact_lock(hashtext(${lit(`storeops-rollup:${storeId}`)}))`);
    const counts: Record<RollupTable, number> = { store: 0, product: 0, sku: 0 };
    const changed = new Set<string>();
    for (const t of tables) {
      // The range's rows deleted, then inserted again (two statements: in one, PostgreSQL may
      // run the insert before the delete). With `diff`, each returns a digest per date.
      const digest = opts.diff && t !== 'sku';
      const perDate = (w: string) =>
        `select '${w}' as w, to_char(date, 'YYYY-MM-DD') as date, count(*)::int as n,
          ${digest ? ROW_DIGEST[t as 'store' | 'product'](w) : 'null::text'} as h from ${w} group by date`;
      const gone = await exec(
        tx,
        `with old as (delete from ${TABLE_NAME[t]} where store_id = ${s} and date between ${d0} and ${d1}
          returning ${digest ? '*' : 'date'}) ${perDate('old')}`,
      );
      const made = await exec(
        tx,
        `with new as (${insert[t]()} returning ${digest ? '*' : 'date'}) ${perDate('new')}`,
      );
      const r = { rows: [...gone.rows, ...made.rows] };
      const before = new Map<string, string>();
      const after = new Map<string, string>();
      for (const x of r.rows) {
        if (x.w === 'new') counts[t] += Number(x.n);
        (x.w === 'new' ? after : before).set(String(x.date), String(x.h));
      }
      if (!digest) continue;
      // A date changed when its digest differs (a row added, removed or altered).
      for (const [d, h] of after) if (before.get(d) !== h) changed.add(d);
      for (const d of before.keys()) if (!after.has(d)) changed.add(d);
    }
    const out = { storeRows: counts.store, productRows: counts.product, skuRows: counts.sku };
    return opts.diff ? { ...out, changedDates: [...changed].sort() } : out;
  });
}

/** Which fact table and which date columns each import kind touches. */
const TOUCHED: Record<string, { table: string; ts?: string[]; date?: string }> = {
  'taobao-orders': { table: 'orders', ts: ['paid_at', 'created_at'] },
  'taobao-order-items': { table: 'order_items', ts: ['paid_at'] },
  'jd-orders': { table: 'jd_order_lines', ts: ['paid_at', 'ordered_at'] },
  'taobao-refunds': { table: 'refunds', ts: ['refund_finished_at', 'requested_at'] },
  reviews: { table: 'reviews', ts: ['reviewed_at'] },
  ads: { table: 'ad_reports', date: 'date' },
  'store-metrics': { table: 'store_daily_metrics', date: 'date' },
  'product-metrics': { table: 'product_daily_metrics', date: 'date' },
  'industry-metrics': { table: 'industry_daily_metrics', date: 'date' },
  'competitor-metrics': { table: 'competitor_daily_metrics', date: 'date' },
  // 流量来源: its own rollup (sources.ts recomputeSourceRollups), then the diagnosis.
  'traffic-sources': { table: 'traffic_source_daily', date: 'date' },
  // The stock file teaches the catalog which product a SKU belongs to.
  stock: { table: 'stock_snapshots', date: 'date' },
};

export function isRollupKind(kind: string): boolean {
  return kind in TOUCHED;
}

/**
 * The business dates an import wrote (rows carrying its import_id): min and max over the date
 * columns the rollups read. Null when the kind feeds no rollup or nothing dated was written.
 */
export async function touchedRange(
  ctx: Ctx,
  storeId: string,
  timeZone: string,
  kind: string,
  importId: string,
  bounds?: TimeBounds,
): Promise<RollupRange | null> {
  const t = TOUCHED[kind];
  if (!t) return null;
  if (bounds) return rangeOfBounds(t, bounds, timeZone);
  const cols = t.date ? [t.date] : t.ts!.map((c) => `((${c}) at time zone ${lit(timeZone)})::date`);
  const parts = cols.map((c) => `min(${c}) as lo${cols.indexOf(c)}, max(${c}) as hi${cols.indexOf(c)}`);
  const r = await exec(
    ctx.database.db,
    `select ${parts.join(', ')} from ${t.table} where store_id = ${lit(storeId)} and import_id = ${lit(importId)}`,
  );
  const row = r.rows[0] ?? {};
  let lo: string | null = null;
  let hi: string | null = null;
  for (let i = 0; i < cols.length; i++) {
    const a = toDate(row[`lo${i}`]);
    const b = toDate(row[`hi${i}`]);
    if (a && (lo === null || a < lo)) lo = a;
    if (b && (hi === null || b > hi)) hi = b;
  }
  return lo && hi ? { from: lo, to: hi } : null;
}

/**
 * The touched range from the import's own note of its rows' time range (every row of the file
 * was written): the same dates as the query over the facts, without scanning them.
 */
function rangeOfBounds(
  t: { ts?: string[]; date?: string },
  bounds: TimeBounds,
  timeZone: string,
): RollupRange | null {
  let lo: string | null = null;
  let hi: string | null = null;
  for (const c of t.date ? [t.date] : t.ts!) {
    const b = bounds[c];
    if (!b) continue;
    const a = typeof b.min === 'number' ? businessDate(new Date(b.min), timeZone) : b.min;
    const z = typeof b.max === 'number' ? businessDate(new Date(b.max), timeZone) : b.max;
    if (lo === null || a < lo) lo = a;
    if (hi === null || z > hi) hi = z;
  }
  return lo && hi ? { from: lo, to: hi } : null;
}

function toDate(v: unknown): string | null {
  if (v == null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

/**
 * The dates a re-import moves rows away from. An upsert overwrites a row's payment time, so an
 * order whose 付款时间 moved from 11-10 to 11-11 would stay counted on 11-10 (the touched range
 * reads the new values only). Before the merge (same transaction, facts as they were) this notes
 * the hours of the old values of every changed date column — hours, not dates, because the
 * store's zone is applied after the commit, with the store at hand — under the import's id, for
 * the after-import follower to recompute those dates too. Kept in memory: the follower runs in
 * the importing process right after the commit; if that process dies first, the follower's work
 * is lost anyway and `metrics rebuild` restores it.
 */
const movedHours = new Map<string, Set<number>>();
const HOUR_MS = 3_600_000;

export function movedBeforeMerge(
  kind: string,
):
  | ((tx: DbOrTx, p: { storeId: string; importId: string; stages: readonly string[] }) => Promise<void>)
  | undefined {
  const t = TOUCHED[kind];
  if (!t?.ts) return undefined;
  const cols = t.ts;
  return async (tx, p) => {
    const src =
      p.stages.length === 1
        ? `"${p.stages[0]}"`
        : `(${p.stages.map((x) => `select platform_id, ${cols.join(', ')} from "${x}"`).join(' union all ')})`;
    const r = await exec(
      tx,
      `select distinct h from (${cols
        .map(
          (c) => `select floor(extract(epoch from f.${c}) / 3600)::bigint as h
            from ${t.table} f join ${src} s on f.store_id = ${lit(p.storeId)} and f.platform_id = s.platform_id
            where f.${c} is not null and f.${c} is distinct from s.${c}`,
        )
        .join(' union all ')}) x`,
    );
    if (r.rows.length === 0) return;
    if (movedHours.size > 1000) movedHours.clear(); // runs whose transaction rolled back
    movedHours.set(p.importId, new Set(r.rows.map((x) => Number(x.h) * HOUR_MS)));
  };
}

/** The business dates (store zone) the import moved rows away from; forgets them. */
export function takeMovedDates(importId: string, timeZone: string): string[] {
  const hours = movedHours.get(importId);
  movedHours.delete(importId);
  if (!hours) return [];
  const dates = new Set<string>();
  for (const h of hours) {
    dates.add(businessDate(new Date(h), timeZone));
    dates.add(businessDate(new Date(h + HOUR_MS - 1), timeZone));
  }
  return [...dates].sort();
}

/** Sorted dates → contiguous ranges. */
export function dateRuns(dates: readonly string[]): RollupRange[] {
  const out: RollupRange[] = [];
  for (const d of [...new Set(dates)].sort()) {
    const last = out.at(-1);
    if (last && addDays(last.to, 1) === d) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}
