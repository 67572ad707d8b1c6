/**
 * Traffic sources (生意参谋 流量来源): the daily rollup per source (store, product, competitor),
 * the source attribution of a visitor / paid-amount swing ("80 % of our loss is 商品X's 手淘搜索
 * traffic"), the report's source block and the product drill-down's sources. The rules are
 * pure functions in metrics.rules.ts (`sourceCells`, `sourceShares`, `attributeSources`).
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { addDays } from '../../core/time';
import { sqlLiteral as lit } from '../../db/copy';
import {
  baselineOf,
  competitorStake,
  type DayIndex,
  type FindingDraft,
  metricValue,
  paidOf,
} from './diagnose';
import {
  attributeSources,
  competitorSourceSwings,
  pctChange,
  type SourceAttribution,
  type SourceDayRow,
  sourceCells,
  sourceShares,
} from './metrics.rules';
import type { RollupRange } from './rollups';

export const TRAFFIC_SOURCE_KIND = 'traffic-sources';

async function exec(ctx: Ctx, text: string) {
  return (await ctx.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] };
}

/**
 * Recompute `metric_source_daily` for [from, to] from `traffic_source_daily`: details summed per
 * 一级来源; a competitor's rows under scope 'competitor'. Delete + insert in one transaction, under
 * the store's rollup lock.
 */
export async function recomputeSourceRollups(
  ctx: Ctx,
  storeId: string,
  range: RollupRange,
): Promise<{ sourceRows: number }> {
  const s = lit(storeId);
  const d0 = lit(range.from);
  const d1 = lit(range.to);
  return ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`select pg_advisory_xact_lock(hashtext(${lit(`storeops-rollup:${storeId}`)}))`));
    await tx.execute(
      sql.raw(`delete from metric_source_daily where store_id = ${s} and date between ${d0} and ${d1}`),
    );
    const r = (await tx.execute(
      sql.raw(`insert into metric_source_daily
      select store_id, date, level,
        case level when 'product' then product_id when 'competitor' then competitor_shop else '' end,
        source, max(product_title),
        sum(visitors), sum(page_views), sum(paid_buyers), sum(paid_amount_fen),
        sum(add_to_cart_buyers), sum(favorite_buyers), sum(ordered_buyers)
      from traffic_source_daily
      where store_id = ${s} and date between ${d0} and ${d1}
      group by store_id, date, level, 4, source`),
    )) as unknown as { affectedRows?: number; rowCount?: number };
    return { sourceRows: Number(r.affectedRows ?? r.rowCount ?? 0) };
  });
}

export type SourceRollupRow = SourceDayRow & {
  paidAmountFen: number | null;
  paidBuyers: number | null;
};

/** Source rollup rows of [from, to] (scope, optionally one subject), date order. */
export async function loadSourceDays(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  opts: { scope?: 'store' | 'product' | 'competitor'; subject?: string; dates?: readonly string[] } = {},
): Promise<SourceRollupRow[]> {
  const r = await exec(
    ctx,
    `select coalesce(json_agg(t order by t.date, t.scope, t.subject, t.source), '[]'::json)::text as j from (
       select date::text as date, scope, subject, source, title, visitors, paid_amount_fen, paid_buyers
       from metric_source_daily
       where store_id = ${lit(storeId)} and date between ${lit(from)}::date and ${lit(to)}::date
       ${opts.scope ? `and scope = ${lit(opts.scope)}` : ''}
       ${opts.subject !== undefined ? `and subject = ${lit(opts.subject)}` : ''}
       ${opts.dates ? `and date in (${opts.dates.map((d) => `${lit(d)}::date`).join(', ')})` : ''}) t`,
  );
  const raw = JSON.parse(String(r.rows[0].j)) as {
    date: string;
    scope: SourceDayRow['scope'];
    subject: string;
    source: string;
    title: string | null;
    visitors: number | null;
    paid_amount_fen: number | null;
    paid_buyers: number | null;
  }[];
  return raw.map((x) => ({
    date: x.date,
    scope: x.scope,
    subject: x.subject,
    source: x.source,
    title: x.title,
    visitors: x.visitors,
    paidAmountFen: x.paid_amount_fen == null ? null : Number(x.paid_amount_fen),
    paidBuyers: x.paid_buyers,
  }));
}

/** How far back the source attribution reads (4 same weekdays, skipping up to 4 campaign weeks). */
export const SOURCE_HISTORY_DAYS = 7 * 8;

/**
 * Adds the source attribution to the day's visitor / paid-amount swings: params `source`,
 * `sourceShare` and (when a product × source carries the move) `sourceProduct`, rendered as a
 * second sentence; explanation.sources keeps the ranked cells. Findings of other kinds and days
 * without a 流量来源 file are returned unchanged.
 */
export function withSourceAttribution(
  found: FindingDraft[],
  rows: readonly SourceDayRow[],
  date: string,
  exclude: ReadonlySet<string>,
): FindingDraft[] {
  if (rows.length === 0) return found;
  return found.map((f) => {
    if (f.kind !== 'swing' || (f.metric !== 'visitors' && f.metric !== 'paidAmount')) return f;
    const change = Number(f.explanation.value) / Number(f.explanation.expected) - 1;
    const a = attributeSources(rows, date, { direction: Math.sign(change), exclude });
    if (a.state !== 'ok' || !a.top || a.top.share == null) return f;
    const params: Record<string, string | number> = {
      ...f.params,
      source: a.top.source,
      sourceShare: Math.round(a.top.share * 100),
    };
    if (a.top.productId) params.sourceProduct = a.top.title ?? a.top.productId;
    const links = [...f.links, { kind: 'metric_source_daily', id: date, label: a.top.source }];
    return {
      ...f,
      params,
      links,
      explanation: {
        ...f.explanation,
        sources: {
          rule: "each source's visitors against the median of the same weekday over 4 weeks (≥ 2 with the file); share = its change ÷ the changes in the swing's direction; a product × source is named when it carries ≥ 30 %",
          total: a.total,
          sources: a.sources.slice(0, 8),
          products: a.products.slice(0, 8),
        },
      },
    };
  });
}

export type SourceBlock = {
  state: SourceAttribution['state'];
  /** The store's visitors over its sources, today against the usual day. */
  total: SourceAttribution['total'];
  sources: {
    source: string;
    visitors: number;
    usual: number;
    change: number | null;
    share: number | null;
    paidAmountFen: number | null;
    paidBuyers: number | null;
  }[];
  /** The product × source cells that moved most (top 10). */
  products: {
    productId: string;
    title: string | null;
    source: string;
    visitors: number;
    usual: number;
    change: number | null;
    share: number | null;
  }[];
  top: { source: string; productId: string | null; title: string | null; share: number | null } | null;
  /** Competitors' visitors per source (the 竞品 variant), with their usual day. */
  competitors: { shop: string; source: string; visitors: number; usual: number; change: number | null }[];
};

/** The report's 流量来源 block for `date`: "no_data" when no file covers the day. */
export async function sourceBlock(
  ctx: Ctx,
  storeId: string,
  date: string,
  exclude: ReadonlySet<string>,
): Promise<SourceBlock> {
  // Only the days the rule reads: the date and its same weekdays (≤ 8 weeks back).
  const dates = [
    date,
    ...Array.from({ length: SOURCE_HISTORY_DAYS / 7 }, (_, k) => addDays(date, -7 * (k + 1))),
  ];
  const rows = await loadSourceDays(ctx, storeId, addDays(date, -SOURCE_HISTORY_DAYS), date, { dates });
  const a = attributeSources(rows, date, { exclude });
  const today = new Map(
    rows.filter((r) => r.date === date && r.scope === 'store').map((r) => [r.source, r] as const),
  );
  const comp = sourceShares(sourceCells(rows, date, 'competitor', exclude), 0);
  return {
    state: a.state,
    total: a.total,
    sources: a.sources.map((c) => ({
      source: c.source,
      visitors: c.cur,
      usual: Math.round(c.base),
      change: pctChange(c.cur, c.base),
      share: c.share,
      paidAmountFen: today.get(c.source)?.paidAmountFen ?? null,
      paidBuyers: today.get(c.source)?.paidBuyers ?? null,
    })),
    products: a.products.slice(0, 10).map((c) => ({
      productId: c.productId ?? '',
      title: c.title,
      source: c.source,
      visitors: c.cur,
      usual: Math.round(c.base),
      change: pctChange(c.cur, c.base),
      share: c.share,
    })),
    top: a.top
      ? { source: a.top.source, productId: a.top.productId, title: a.top.title, share: a.top.share }
      : null,
    competitors: comp
      .filter((c) => c.delta !== 0)
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta))
      .slice(0, 10)
      .map((c) => ({
        shop: c.productId ?? '',
        source: c.source,
        visitors: c.cur,
        usual: Math.round(c.base),
        change: pctChange(c.cur, c.base),
      })),
  };
}

/** Product drill-down: the product's visitors per source and day over [from, to]. */
export async function productSources(ctx: Ctx, storeId: string, productId: string, from: string, to: string) {
  const rows = await loadSourceDays(ctx, storeId, from, to, { scope: 'product', subject: productId });
  return rows.map((r) => ({
    date: r.date,
    source: r.source,
    visitors: r.visitors,
    paidAmountFen: r.paidAmountFen,
    paidBuyers: r.paidBuyers,
  }));
}

/**
 * Findings for competitors' source swings (competitorSourceSwings), outside campaign days.
 * Money at stake as for a competitor surge (competitorStake): our paid amount's shortfall against
 * its baseline, else the extra visitors valued at our UV value.
 */
export function competitorSourceFindings(
  ix: DayIndex,
  rows: readonly SourceDayRow[],
  date: string,
): FindingDraft[] {
  const day = ix.byDate.get(date);
  if (!day || ix.campaignDays.has(date) || rows.length === 0) return [];
  const b = baselineOf(ix, paidOf, date);
  const uv = metricValue('uvValue', day);
  return competitorSourceSwings(rows, date, ix.campaignDays).map((s) => ({
    key: `competitor_source:${s.shop}:${s.source}`,
    kind: 'competitor_source' as const,
    metric: 'visitors',
    severity: s.change >= 1 || s.extraShare >= 0.25 ? ('medium' as const) : ('low' as const),
    cause: null,
    moneyAtStakeFen: competitorStake(
      b?.expected ?? null,
      paidOf(day),
      { paidAmountFen: null, paidChange: null, visitors: s.visitors, visitorsChange: s.change },
      uv,
    ),
    messageKey: 'metrics.finding.competitor_source',
    params: {
      shop: s.shop,
      source: s.source,
      change: Math.round(s.change * 100),
      visitors: s.visitors,
      usual: Math.round(s.usual),
    },
    explanation: {
      rule: "a competitor's source (流量来源, 竞品) ≥ +50 % against the median of its same weekday over 4 weeks, the extra visitors ≥ 10 % of the competitor's usual total; outside campaign days",
      value: s.visitors,
      usual: s.usual,
      extraShare: s.extraShare,
    },
    links: [{ kind: 'metric_source_daily', id: date, label: s.shop }],
  }));
}
