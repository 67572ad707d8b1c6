import { and, asc, between, desc, eq, getTableColumns, getTableName, gte, lte, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, isValidDate } from '../../core/time';
import { sqlLiteral } from '../../db/copy';
import { sinkFromTable } from '../../db/facts';
import type { ImportedEvent } from '../../imports/after-import';
import { type Locale, translate } from '../../locales';
import { notify } from '../notify/notify.service';
import { type StoreRow, storeById as teamStoreById } from '../team/team.service';
import { createTask } from '../work/work.service';
import {
  adOfflineFindings,
  baselineOf,
  type CompetitorDay,
  type CompetitorMove,
  competitorFindings,
  competitorMoves,
  type DayIndex,
  DIAGNOSIS_REACH,
  diagnoseDay,
  type FindingDraft,
  type Headline,
  headlines,
  indexDays,
  metricValue,
  type OfflinePlan,
  PRODUCT_REACH,
  type ProductDay,
  type ProductDiagnosisDay,
  paidOf,
  type RisingShop,
  risingShops,
  type StoreDay,
} from './diagnose';
import {
  type CampaignPhase,
  COMPETITOR_MOVE_KINDS,
  type CompetitorMoveKind,
  DEFAULT_REPORT_PUSH_AT,
  decompose,
  isValidHm,
  pctChange,
  platformCalendar,
  productContributions,
  ratio,
  reconcile,
} from './metrics.rules';
import {
  competitorDailyMetrics,
  industryDailyMetrics,
  metricCompetitorMoves,
  metricFindings,
  metricProductDaily,
  metricSettings,
  metricSkuDaily,
  metricStoreDaily,
  productDailyMetrics,
  storeDailyMetrics,
  trafficSourceDaily,
} from './metrics.schema';
import {
  dateRuns,
  isRollupKind,
  movedBeforeMerge,
  type RollupRange,
  recomputeRollups,
  rollupTablesOf,
  takeMovedDates,
  touchedRange,
} from './rollups';
import {
  competitorSourceFindings,
  loadSourceDays,
  productSources,
  recomputeSourceRollups,
  SOURCE_HISTORY_DAYS,
  type SourceBlock,
  sourceBlock,
  TRAFFIC_SOURCE_KIND,
  withSourceAttribution,
} from './sources';

/** Before an import's merge: note the business dates its changed rows leave (see rollups). */
export const metricsBeforeMerge = movedBeforeMerge;

/** Where imported 生意参谋 files land. */
export const metricsImportSinks = {
  'store-metrics': sinkFromTable('store-metrics', storeDailyMetrics),
  'product-metrics': sinkFromTable('product-metrics', productDailyMetrics),
  'industry-metrics': sinkFromTable('industry-metrics', industryDailyMetrics),
  'competitor-metrics': sinkFromTable('competitor-metrics', competitorDailyMetrics),
  'traffic-sources': sinkFromTable('traffic-sources', trafficSourceDaily),
};

export type { CampaignPhase } from './metrics.rules';

/**
 * Campaign phases known for a store (pre-heat / peak / after). The marketing module owns
 * campaigns; until it provides them this source is the usual platform calendar (platformCalendar).
 */
export let campaignPhaseSource: (ctx: Ctx, storeId: string) => Promise<CampaignPhase[]> = async (ctx) => {
  const y = Number(ctx.clock.now().toISOString().slice(0, 4));
  return platformCalendar(y - 3, y + 1);
};
export function setCampaignPhaseSource(f: typeof campaignPhaseSource) {
  campaignPhaseSource = f;
}

async function storeById(ctx: Ctx, storeId: string): Promise<StoreRow> {
  const s = await teamStoreById(ctx, storeId);
  if (!s) throw notFound('store.not_found', 'No such store', { params: { code: storeId } });
  return s;
}

// ------------------------------------------------------------------ rollups after imports

/**
 * Facts the diagnosis reads directly, not only through the rollups: the ad plans (ad reports,
 * for `ad_offline`), the competitors' rows (per shop, for their surges and price cuts) and the
 * 流量来源 rows (the source attribution of a swing, competitors' source surges). A file
 * of these kinds re-diagnoses the dates it touched even when the rollups came out the same.
 */
const DIAGNOSIS_READS_KIND = new Set(['ads', 'competitor-metrics', TRAFFIC_SOURCE_KIND]);

/** What one after-import rollup did, and where its time went (STOREOPS_IMPORT_TRACE prints it). */
export type RollupRun = {
  importId: string;
  kind: string;
  ms: number;
  recomputed: RollupRange[];
  tables: readonly string[];
  /** Dates whose store or product rollups came out different. */
  changedDates: string[];
  /** Ranges re-diagnosed (empty when nothing the diagnosis reads changed). */
  diagnosed: RollupRange[];
  steps: Record<string, number>;
};
const rollupRuns: RollupRun[] = [];

/** The last after-import rollup of an import in this process (benchmarks, traces). */
export function rollupRunOf(importId: string): RollupRun | undefined {
  return rollupRuns.findLast((r) => r.importId === importId);
}

function stepClock() {
  const steps: Record<string, number> = {};
  let t = performance.now();
  return {
    steps,
    mark(label: string) {
      const now = performance.now();
      steps[label] = Math.round(((steps[label] ?? 0) + now - t) * 10) / 10;
      t = now;
    },
  };
}

/**
 * After-import follower: recompute the rollups of the dates the import touched (only the tables
 * its kind feeds), then re-diagnose only what can have changed: the dates whose store or product
 * rollups came out different (and the days whose baselines read them), plus the touched dates of
 * the kinds the diagnosis reads directly. A re-import that changes no figure diagnoses nothing.
 */
export async function onImported(ctx: Ctx, e: ImportedEvent): Promise<void> {
  if (!isRollupKind(e.kind)) return;
  const t0 = performance.now();
  const clock = stepClock();
  const store = await storeById(ctx, e.storeId);
  const range = await touchedRange(ctx, e.storeId, store.timeZone, e.kind, e.importId, e.bounds);
  // Dates rows moved away from (a re-export with another payment day), outside the range.
  const moved = dateRuns(
    takeMovedDates(e.importId, store.timeZone).filter((d) => !range || d < range.from || d > range.to),
  );
  const ranges = [...(range ? [range] : []), ...moved];
  clock.mark('range');
  if (ranges.length === 0) return;
  const tables = rollupTablesOf(e.kind);
  const changed: string[] = [];
  for (const r of ranges) {
    if (e.kind === TRAFFIC_SOURCE_KIND) {
      await recomputeSourceRollups(ctx, e.storeId, r);
      continue;
    }
    const out = await recomputeRollups(ctx, e.storeId, store.timeZone, r, { tables, diff: true });
    changed.push(...(out.changedDates ?? []));
  }
  clock.mark('recompute');
  generation++;
  const toDiagnose = DIAGNOSIS_READS_KIND.has(e.kind) ? ranges.flatMap((r) => datesOf(r)) : changed;
  // A changed date changes the findings of the days whose baselines read it.
  const diagnosed = dateRuns(toDiagnose).map((r) => ({ from: r.from, to: addDays(r.to, DIAGNOSIS_REACH) }));
  // Overlapping windows diagnosed once.
  const merged: RollupRange[] = [];
  for (const r of diagnosed) {
    const last = merged.at(-1);
    if (!last || r.from > addDays(last.to, 1)) merged.push({ ...r });
    else if (r.to > last.to) last.to = r.to;
  }
  for (const r of merged) await diagnoseRange(ctx, e.storeId, r.from, r.to, clock);
  const run: RollupRun = {
    importId: e.importId,
    kind: e.kind,
    ms: Math.round((performance.now() - t0) * 10) / 10,
    recomputed: ranges,
    tables,
    changedDates: changed,
    diagnosed: merged,
    steps: clock.steps,
  };
  if (rollupRuns.length >= 50) rollupRuns.shift();
  rollupRuns.push(run);
  if (process.env.STOREOPS_IMPORT_TRACE === '1')
    process.stderr.write(
      `trace metrics.rollups ${e.kind} ${run.ms} ms: ${JSON.stringify({ recomputed: ranges, tables, changed: changed.length, diagnosed: merged, steps: clock.steps })}\n`,
    );
}

function datesOf(r: RollupRange): string[] {
  const out: string[] = [];
  for (let d = r.from; d <= r.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Recompute by hand (CLI / API): rollups and findings for [from, to]. */
export async function rebuild(ctx: Ctx, storeId: string, from: string, to: string) {
  checkDate(from, 'from');
  checkDate(to, 'to');
  if (from > to) throw badInput('metrics.bad_range', 'from is after to', { params: { from, to } });
  const store = await storeById(ctx, storeId);
  const r = await recomputeRollups(ctx, storeId, store.timeZone, { from, to });
  const src = await recomputeSourceRollups(ctx, storeId, { from, to });
  generation++;
  const findings = await diagnoseRange(ctx, storeId, from, to);
  return { ...r, ...src, findings };
}

function checkDate(d: string, field: string) {
  if (!isValidDate(d))
    throw badInput('metrics.bad_date', `Not a date: ${d}`, { params: { value: d }, details: { field } });
}

/**
 * Rows as one JSON value: PGlite converts every cell of a result on its own (~5–10 µs each), so
 * 372 days × 33 columns cost ~80 ms as rows and ~15 ms as one json_agg string.
 */
async function jsonRows<T>(ctx: Ctx, table: PgTable, where: string): Promise<T[]> {
  const r = (await ctx.database.db.execute(
    sql.raw(`select ${jsonRowsSql(table, where)} as j`),
  )) as unknown as {
    rows: { j: string }[];
  };
  return parseJsonRows<T>(table, r.rows[0].j);
}

/** A table's rows as one JSON text (a scalar subquery). */
function jsonRowsSql(table: PgTable, where: string) {
  return `(select coalesce(json_agg(t), '[]'::json)::text from (select * from ${getTableName(table)} where ${where}) t)`;
}

function parseJsonRows<T>(table: PgTable, text: string): T[] {
  const raw = JSON.parse(text) as Record<string, unknown>[];
  const names = Object.entries(getTableColumns(table)).map(
    ([key, c]) => [key, c.name, c.columnType] as const,
  );
  return raw.map((x) => {
    const o: Record<string, unknown> = {};
    for (const [key, name, type] of names) {
      const v = x[name];
      o[key] = type === 'PgTimestamp' && typeof v === 'string' ? new Date(v) : v;
    }
    return o as T;
  });
}

/**
 * The store's daily rollups, cached per process and checked on every read against the table's
 * stamp (latest computed_at and row count), so an import in another process is seen at once.
 */
const storeDayCache = new Map<string, { stamp: string; rows: StoreDay[]; ix: Map<string, DayIndex> }>();

/**
 * Bumped by every write of this module (rollups, findings, a finding's task). The embedded
 * database is locked to one process, so on PGlite this counter alone says whether a cached
 * report is stale; on PostgreSQL another process (a CLI import) may write, so the stamps are read.
 */
let generation = 0;

/** One round trip: the rollups' stamp (latest computed_at, rows) and the date's findings' stamp. */
async function stamps(ctx: Ctx, storeId: string, date: string) {
  if (ctx.database.engine === 'pglite') return { rollups: `pglite|g${generation}`, findings: '' };
  const r = (await ctx.database.db.execute(
    sql`select (select coalesce(max(computed_at)::text, '') || '|' || count(*) from metric_store_daily where store_id = ${storeId}) as r,
      (select count(*) || '|' || coalesce(max(created_at)::text, '') || '|' || coalesce(string_agg(coalesce(task_id, '-'), ',' order by key), '')
         from metric_findings where store_id = ${storeId} and date = ${date}::date)
        || '|' || (select count(*) || '|' || coalesce(max(created_at)::text, '') from metric_competitor_moves
         where store_id = ${storeId} and date = ${date}::date)
        || '|' || (select count(*) || '|' || coalesce(sum(visitors), 0) from metric_source_daily
         where store_id = ${storeId} and date = ${date}::date) as f`,
  )) as unknown as { rows: { r: string; f: string }[] };
  return { rollups: `${ctx.database.engine}|${r.rows[0].r}`, findings: r.rows[0].f };
}

async function cachedStoreDays(ctx: Ctx, storeId: string, stamp: string) {
  const hit = storeDayCache.get(storeId);
  if (hit && hit.stamp === stamp) return hit;
  const rows = await jsonRows<StoreDay>(
    ctx,
    metricStoreDaily,
    `store_id = ${sqlLiteral(storeId)} order by date`,
  );
  const entry = { stamp, rows, ix: new Map<string, DayIndex>() };
  if (storeDayCache.size > 200) storeDayCache.clear();
  storeDayCache.set(storeId, entry);
  return entry;
}

/** Finished reports by (store, date, rollups stamp, findings stamp, today): a pure function of those. */
const reportCache = new Map<string, DailyReport>();
const REPORT_CACHE_SIZE = 500;

async function reportIndex(ctx: Ctx, storeId: string, stamp: string): Promise<DayIndex> {
  const entry = await cachedStoreDays(ctx, storeId, stamp);
  const phases = await campaignPhaseSource(ctx, storeId);
  const key = JSON.stringify(phases);
  let ix = entry.ix.get(key);
  if (!ix) {
    ix = indexDays(entry.rows, phases);
    entry.ix.clear();
    entry.ix.set(key, ix);
  }
  return ix;
}

async function loadProductDays(ctx: Ctx, storeId: string, dates: string[] | { from: string; to: string }) {
  const cond = Array.isArray(dates)
    ? `date in (${dates.map((d) => `${sqlLiteral(d)}::date`).join(', ')})`
    : `date between ${sqlLiteral(dates.from)}::date and ${sqlLiteral(dates.to)}::date`;
  return jsonRows<ProductDay>(ctx, metricProductDaily, `store_id = ${sqlLiteral(storeId)} and ${cond}`);
}

/** The product figures the diagnosis reads over a range, one JSON array of arrays (no keys per row). */
function productDiagnosisDaysSql(storeId: string, from: string, to: string) {
  return `(select coalesce(json_agg(json_build_array(to_char(date, 'YYYY-MM-DD'), product_id, title, paid_amount_fen,
        platform_paid_amount_fen, visitors, reviews_bad)), '[]'::json)::text
      from metric_product_daily where store_id = ${sqlLiteral(storeId)}
        and date between ${sqlLiteral(from)}::date and ${sqlLiteral(to)}::date)`;
}

function parseProductDiagnosisDays(text: string): ProductDiagnosisDay[] {
  type Row = [string, string, string | null, number | string, number | string | null, number | null, number];
  return (JSON.parse(text) as Row[]).map(([date, productId, title, paid, platform, visitors, bad]) => ({
    date,
    productId,
    title,
    paidAmountFen: Number(paid),
    platformPaidAmountFen: platform == null ? null : Number(platform),
    visitors,
    reviewsBad: bad,
  }));
}

/** 竞品 rows (visitors, paid) over a range, one JSON value. */
async function loadCompetitorDays(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
): Promise<CompetitorDay[]> {
  const r = (await ctx.database.db.execute(
    sql.raw(`select ${competitorDaysSql(storeId, from, to)} as j`),
  )) as unknown as { rows: { j: string }[] };
  return parseCompetitorDays(r.rows[0].j);
}

function competitorDaysSql(storeId: string, from: string, to: string) {
  return `(select coalesce(json_agg(json_build_array(to_char(date, 'YYYY-MM-DD'), competitor_shop, visitors, paid_amount_fen, paid_items)), '[]'::json)::text
      from competitor_daily_metrics where store_id = ${sqlLiteral(storeId)}
        and date between ${sqlLiteral(from)}::date and ${sqlLiteral(to)}::date)`;
}

function parseCompetitorDays(text: string): CompetitorDay[] {
  return (JSON.parse(text) as [string, string, number | null, number | null, number | null][]).map(
    ([date, shop, visitors, paidAmountFen, paidItems]) => ({
      date,
      shop,
      visitors,
      paidAmountFen,
      paidItems,
    }),
  );
}

/**
 * What the diagnosis of [from, to] reads, in one statement: the store's rollups from
 * DIAGNOSIS_REACH days before, the products' from PRODUCT_REACH days before, the competitors'.
 */
async function diagnosisInputs(ctx: Ctx, storeId: string, from: string, to: string) {
  const r = (await ctx.database.db.execute(
    sql.raw(`select ${jsonRowsSql(
      metricStoreDaily,
      `store_id = ${sqlLiteral(storeId)} and date between ${sqlLiteral(addDays(from, -DIAGNOSIS_REACH))}::date and ${sqlLiteral(to)}::date order by date`,
    )} as s,
      ${productDiagnosisDaysSql(storeId, addDays(from, -PRODUCT_REACH), to)} as p,
      ${competitorDaysSql(storeId, addDays(from, -DIAGNOSIS_REACH), to)} as c`),
  )) as unknown as { rows: { s: string; p: string; c: string }[] };
  const row = r.rows[0];
  return {
    days: parseJsonRows<StoreDay>(metricStoreDaily, row.s),
    products: parseProductDiagnosisDays(row.p),
    competitors: parseCompetitorDays(row.c),
  };
}

/**
 * Diagnose every date in [from, to] that has a rollup and store the findings (replacing the
 * dates' earlier findings; a finding keeps its id and task when it is found again).
 */
export async function diagnoseRange(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  clock: { mark(label: string): void } = { mark() {} },
): Promise<number> {
  // The rollups, the campaign calendar and the ad plans that went offline early (the marketing
  // module's inference over the range, one query) side by side. Rows after the last store day are
  // read but never looked at (the loop below stops there).
  const { earlyOfflinePlans } = await import('../marketing/marketing.service');
  const [{ days, products, competitors }, phases, plans, sourceRows] = await Promise.all([
    diagnosisInputs(ctx, storeId, from, to),
    campaignPhaseSource(ctx, storeId),
    earlyOfflinePlans(ctx, storeId, from, to),
    // 流量来源 rows: where a visitor / paid-amount swing comes from (sources.ts).
    loadSourceDays(ctx, storeId, addDays(from, -SOURCE_HISTORY_DAYS), to),
  ]);
  clock.mark('diagnose.read');
  if (days.length === 0) return 0;
  const last = days[days.length - 1].date;
  const end = last < to ? last : to;
  const ix = indexDays(days, phases);
  const offline = new Map<string, OfflinePlan[]>();
  for (const p of plans) offline.set(p.date, [...(offline.get(p.date) ?? []), p]);
  const byDate = new Map<string, ProductDiagnosisDay[]>();
  for (const p of products) {
    const l = byDate.get(p.date);
    if (l) l.push(p);
    else byDate.set(p.date, [p]);
  }
  const now = ctx.clock.now();
  const found: (FindingDraft & { date: string; id: string })[] = [];
  for (let d = from; d <= end; d = addDays(d, 1)) {
    if (!ix.byDate.has(d)) continue;
    const near: ProductDiagnosisDay[] = [];
    for (let k = 0; k <= PRODUCT_REACH; k++) near.push(...(byDate.get(addDays(d, -k)) ?? []));
    for (const f of [
      ...withSourceAttribution(diagnoseDay(ix, near, d), sourceRows, d, ix.campaignDays),
      ...competitorFindings(ix, competitors, d),
      ...adOfflineFindings(ix, offline.get(d) ?? [], d),
      ...competitorSourceFindings(ix, sourceRows, d),
    ])
      found.push({ ...f, date: d, id: newId(now.getTime()) });
  }
  clock.mark('diagnose.compute');
  // The dates' earlier findings out, the new ones in; a finding found again keeps its id and
  // its task (read from the deleted row).
  await ctx.database.db.transaction(async (tx) => {
    const old = await tx
      .delete(metricFindings)
      .where(and(eq(metricFindings.storeId, storeId), between(metricFindings.date, from, end)))
      .returning({
        date: metricFindings.date,
        key: metricFindings.key,
        id: metricFindings.id,
        taskId: metricFindings.taskId,
      });
    const keep = new Map(old.map((o) => [`${o.date}|${o.key}`, o]));
    const rows = found.map((f) => {
      const prev = keep.get(`${f.date}|${f.key}`);
      return { storeId, ...f, id: prev?.id ?? f.id, taskId: prev?.taskId ?? null, createdAt: now };
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insert(metricFindings).values(rows.slice(i, i + 500));
  });
  const n = found.length;
  clock.mark('diagnose.write');
  generation++;
  return n;
}

/** The daily job: diagnose yesterday (idempotent). */
export async function dailyDiagnosis(ctx: Ctx, storeId: string, businessDateToday: string): Promise<void> {
  const d = addDays(businessDateToday, -1);
  await diagnoseRange(ctx, storeId, d, d);
}

// ------------------------------------------------------------------ the morning report

export type FindingDto = Omit<typeof metricFindings.$inferSelect, 'createdAt' | 'storeId'> & {
  text: { 'zh-CN': string; 'en-US': string };
  createdAt: string;
};

function renderFinding(locale: Locale, f: typeof metricFindings.$inferSelect): string {
  const metricName = translate(locale, `metrics.metric.${f.metric}`, {}) ?? f.metric;
  const p: Record<string, string | number> = { ...f.params, metric: metricName };
  for (const k of ['orders', 'platform'] as const)
    if (typeof p[k] === 'number') p[k] = ((p[k] as number) / 100).toFixed(2);
  const expected = f.explanation.expected;
  if (typeof expected === 'number') p.expected = formatMetric(f.metric, expected);
  const text = translate(locale, f.messageKey, p) ?? f.messageKey;
  // Where the swing comes from (流量来源), when the source file covers the day.
  if (typeof p.source !== 'string') return text;
  const tail = translate(
    locale,
    p.sourceProduct ? 'metrics.finding.source_product' : 'metrics.finding.source',
    p,
  );
  return tail ? `${text}${tail}` : text;
}

/** A metric's value as the sentence shows it: money in yuan, rates in %, counts whole. */
export function formatMetric(metric: string, v: number): string {
  if (metric === 'paidAmount' || metric === 'aov') return `¥${(v / 100).toFixed(2)}`;
  if (metric === 'conversion' || metric === 'refundRate') return `${(v * 100).toFixed(2)}%`;
  return String(Math.round(v));
}

export function findingDto(f: typeof metricFindings.$inferSelect): FindingDto {
  const { storeId: _s, createdAt, ...rest } = f;
  return {
    ...rest,
    text: { 'zh-CN': renderFinding('zh-CN', f), 'en-US': renderFinding('en-US', f) },
    createdAt: createdAt.toISOString(),
  };
}

export type ProductRow = {
  productId: string;
  title: string | null;
  paidAmountFen: number;
  lastWeekPaidAmountFen: number;
  change: number | null;
  contributionShare: number | null;
  visitors: number | null;
  conversion: number | null;
  paidOrders: number;
  paidItems: number;
  refundCount: number;
  refundAmountFen: number;
  reviewsBad: number;
  adSpendFen: number;
};

export type DailyReport = {
  store: { code: string; name: string; timeZone: string };
  date: string;
  /** The date is today (or later) in the store's zone: the day is not over. */
  partial: boolean;
  hasData: boolean;
  headline: Headline[];
  findings: FindingDto[];
  reconciliation: {
    fromOrdersFen: number;
    platformFen: number | null;
    gapFen: number | null;
    ratio: number | null;
  } | null;
  funnel: {
    visitors: number | null;
    addToCartBuyers: number | null;
    buyers: number | null;
    paidOrders: number;
  } | null;
  /** Paid-amount change vs the same weekday last week, split into visitors × conversion × AOV. */
  waterfall: (ReturnType<typeof decompose> & { base: number | null; cur: number | null }) | null;
  trend: {
    date: string;
    paidAmountFen: number | null;
    expected: number | null;
    low: number | null;
    high: number | null;
    visitors: number | null;
    industryVisitors: number | null;
    storeIndex: number | null;
    industryIndex: number | null;
  }[];
  products: ProductRow[];
  /** Each competitor's visitors and paid amount against its own baseline. */
  competitors: CompetitorMove[];
  /** Competitors ranked by growth: the last 7 days against the 28 before (top 10). */
  risingCompetitors: RisingShop[];
  /** 竞品动态 the team noted by hand for this date. */
  competitorLog: Awaited<ReturnType<typeof listCompetitorMoves>>;
  industry: { visitors: number | null; paidAmountFen: number | null; competitorsVisitors: number | null };
  /** 流量来源: visitors per source against the usual day, and the product × source cells that moved. */
  trafficSources: SourceBlock;
};

export function defaultReportDate(ctx: Ctx, timeZone: string): string {
  return addDays(businessDate(ctx.clock.now(), timeZone), -1);
}

/**
 * The morning report's default day: yesterday, unless the store's 生意参谋 file does not reach
 * it yet (the team imports it in the morning) — then the last day that file covers, so the
 * headline never compares a day with no platform data against a full one. Stores that never
 * import the platform file use yesterday.
 */
async function latestCompleteDate(ctx: Ctx, storeId: string, yesterday: string): Promise<string> {
  const r = (await ctx.database.db.execute(sql`
    select max(date)::text as d from ${metricStoreDaily}
    where store_id = ${storeId} and platform_paid_amount_fen is not null and date <= ${yesterday}`)) as unknown as {
    rows: { d: string | null }[];
  };
  return r.rows[0]?.d ?? yesterday;
}

const TREND_DAYS = 60;

export async function dailyReport(
  ctx: Ctx,
  store: StoreRow,
  date?: string,
  opts: { cache?: boolean } = {},
): Promise<DailyReport> {
  const d = date ?? (await latestCompleteDate(ctx, store.id, defaultReportDate(ctx, store.timeZone)));
  checkDate(d, 'date');
  const st = await stamps(ctx, store.id, d);
  const key = `${store.id}|${d}|${st.rollups}|${st.findings}|${businessDate(ctx.clock.now(), store.timeZone)}|${store.timeZone}`;
  const cached = opts.cache === false ? undefined : reportCache.get(key);
  if (cached) return cached;
  const report = await computeReport(ctx, store, d, st.rollups);
  if (reportCache.size >= REPORT_CACHE_SIZE) reportCache.delete(reportCache.keys().next().value!);
  reportCache.set(key, report);
  return report;
}

async function computeReport(ctx: Ctx, store: StoreRow, d: string, stamp: string): Promise<DailyReport> {
  const tr = process.env.STOREOPS_TRACE_METRICS ? performance.now() : 0;
  const ix = await reportIndex(ctx, store.id, stamp);
  const tIx = tr ? performance.now() : 0;
  const day = ix.byDate.get(d);
  const lastWeek = addDays(d, -7);
  const [findings, products, competitorRows, competitorLog, trafficSources] = await Promise.all([
    ctx.database.db
      .select()
      .from(metricFindings)
      .where(and(eq(metricFindings.storeId, store.id), eq(metricFindings.date, d)))
      .orderBy(desc(metricFindings.moneyAtStakeFen)),
    loadProductDays(ctx, store.id, [d, lastWeek]),
    loadCompetitorDays(ctx, store.id, addDays(d, -70), d),
    listCompetitorMoves(ctx, store.id, d, d),
    sourceBlock(ctx, store.id, d, ix.campaignDays),
  ]);
  const today = businessDate(ctx.clock.now(), store.timeZone);
  const tQ = tr ? performance.now() : 0;

  const trend: DailyReport['trend'] = [];
  const t0 = addDays(d, -(TREND_DAYS - 1));
  // Index base: the first day of the window with a value (a store whose data starts later too).
  let storeBase: number | null = null;
  let industryBase: number | null = null;
  for (let t = t0; t <= d && (storeBase === null || industryBase === null); t = addDays(t, 1)) {
    const r = ix.byDate.get(t);
    if (storeBase === null && r?.visitors) storeBase = r.visitors;
    if (industryBase === null && r?.industryVisitors) industryBase = r.industryVisitors;
  }
  for (let t = t0; t <= d; t = addDays(t, 1)) {
    const r = ix.byDate.get(t);
    const b = baselineOf(ix, paidOf, t);
    trend.push({
      date: t,
      paidAmountFen: paidOf(r),
      expected: b ? Math.round(b.expected) : null,
      low: b ? Math.round(b.low) : null,
      high: b ? Math.round(b.high) : null,
      visitors: r?.visitors ?? null,
      industryVisitors: r?.industryVisitors ?? null,
      storeIndex: r?.visitors != null && storeBase ? Math.round((r.visitors / storeBase) * 1000) / 10 : null,
      industryIndex:
        r?.industryVisitors != null && industryBase
          ? Math.round((r.industryVisitors / industryBase) * 1000) / 10
          : null,
    });
  }

  const lw = ix.byDate.get(lastWeek);
  const funnelOf = (r: StoreDay | undefined) => ({
    visitors: metricValue('visitors', r),
    conversion: metricValue('conversion', r),
    aov: metricValue('aov', r),
  });
  const dec = day && lw ? decompose(funnelOf(lw), funnelOf(day)) : null;

  const cur = products.filter((p) => p.date === d);
  const prev = new Map(products.filter((p) => p.date === lastWeek).map((p) => [p.productId, p]));
  const ids = new Set([...cur.map((p) => p.productId), ...prev.keys()]);
  const curBy = new Map(cur.map((p) => [p.productId, p]));
  const contrib = new Map(
    productContributions(
      [...ids].map((id) => ({
        productId: id,
        title: curBy.get(id)?.title ?? prev.get(id)?.title ?? null,
        cur: curBy.get(id)?.paidAmountFen ?? 0,
        base: prev.get(id)?.paidAmountFen ?? 0,
      })),
    ).map((c) => [c.productId, c]),
  );
  const productRows: ProductRow[] = [...ids]
    .map((id) => {
      const p = curBy.get(id);
      const q = prev.get(id);
      const amt = p?.paidAmountFen ?? 0;
      const base = q?.paidAmountFen ?? 0;
      return {
        productId: id,
        title: p?.title ?? q?.title ?? null,
        paidAmountFen: amt,
        lastWeekPaidAmountFen: base,
        change: pctChange(amt, base),
        contributionShare: contrib.get(id)?.share ?? null,
        visitors: p?.visitors ?? null,
        conversion: ratio(p?.platformPaidBuyers ?? null, p?.visitors ?? null),
        paidOrders: p?.paidOrders ?? 0,
        paidItems: p?.paidItems ?? 0,
        refundCount: p?.refundCount ?? 0,
        refundAmountFen: p?.refundAmountFen ?? 0,
        reviewsBad: p?.reviewsBad ?? 0,
        adSpendFen: p?.adSpendFen ?? 0,
      };
    })
    .sort((a, b) => b.paidAmountFen - a.paidAmountFen || a.productId.localeCompare(b.productId));

  const rec = day ? reconcile(day.orderPaidAmountFen, day.platformPaidAmountFen) : null;
  const head = headlines(ix, d);
  if (tr)
    process.stderr.write(
      `metrics report ${d}: index ${(tIx - tr).toFixed(1)} ms, findings+products ${(tQ - tIx).toFixed(1)} ms, compute ${(performance.now() - tQ).toFixed(1)} ms\n`,
    );
  return {
    store: { code: store.code, name: store.name, timeZone: store.timeZone },
    date: d,
    partial: d >= today,
    hasData: !!day,
    headline: head,
    findings: findings.map(findingDto),
    reconciliation:
      day && rec
        ? {
            fromOrdersFen: day.orderPaidAmountFen,
            platformFen: day.platformPaidAmountFen,
            gapFen: rec.gap,
            ratio: rec.ratio,
          }
        : null,
    funnel: day
      ? {
          visitors: day.visitors,
          addToCartBuyers: day.addToCartBuyers,
          buyers: metricValue('buyers', day),
          paidOrders: day.orderPaidOrders,
        }
      : null,
    waterfall: dec ? { ...dec, base: paidOf(lw), cur: paidOf(day) } : null,
    trend,
    products: productRows,
    competitors: competitorMoves(competitorRows, d, ix),
    competitorLog,
    risingCompetitors: risingShops(competitorRows, d).slice(0, 10),
    industry: {
      visitors: day?.industryVisitors ?? null,
      paidAmountFen: day?.industryPaidAmountFen ?? null,
      competitorsVisitors: day?.competitorVisitors ?? null,
    },
    trafficSources,
  };
}

/** Product drill-down: the product's and its SKUs' daily rows over [from, to]. */
export async function productTrend(ctx: Ctx, storeId: string, productId: string, from: string, to: string) {
  checkDate(from, 'from');
  checkDate(to, 'to');
  const [days, skus, sources] = await Promise.all([
    ctx.database.db
      .select()
      .from(metricProductDaily)
      .where(
        and(
          eq(metricProductDaily.storeId, storeId),
          eq(metricProductDaily.productId, productId),
          gte(metricProductDaily.date, from),
          lte(metricProductDaily.date, to),
        ),
      )
      .orderBy(asc(metricProductDaily.date)),
    ctx.database.db
      .select()
      .from(metricSkuDaily)
      .where(
        and(
          eq(metricSkuDaily.storeId, storeId),
          eq(metricSkuDaily.productId, productId),
          gte(metricSkuDaily.date, from),
          lte(metricSkuDaily.date, to),
        ),
      )
      .orderBy(asc(metricSkuDaily.date), asc(metricSkuDaily.skuCode)),
    productSources(ctx, storeId, productId, from, to),
  ]);
  return {
    productId,
    title: days.find((d) => d.title)?.title ?? null,
    days: days.map((d) => ({
      ...d,
      conversion: ratio(d.platformPaidBuyers, d.visitors),
      refundRate: ratio(d.refundCount, d.paidOrders),
    })),
    skus,
    /** Visitors per 流量来源 and day (商品来源); empty: no file. */
    sources,
  };
}

/** "→ task": one task per finding (dedupe key), linked back to the finding and its rows. */
export async function createTaskFromFinding(
  ctx: Ctx,
  storeId: string,
  findingId: string,
  opts: { personId: string | null; locale: Locale; ownerRole?: string | null; ownerPersonId?: string | null },
) {
  const [f] = await ctx.database.db
    .select()
    .from(metricFindings)
    .where(and(eq(metricFindings.storeId, storeId), eq(metricFindings.id, findingId)));
  if (!f) throw notFound('metrics.finding_not_found', 'No such finding', { params: { id: findingId } });
  const text = renderFinding(opts.locale, f);
  const r = await createTask(ctx, storeId, {
    title: `${f.date} ${text}`.slice(0, 200),
    description: text,
    ownerRole: opts.ownerPersonId ? null : (opts.ownerRole ?? 'ops_assistant'),
    ownerPersonId: opts.ownerPersonId ?? null,
    priority: f.severity === 'high' ? 'high' : 'normal',
    links: [{ kind: 'metric_finding', id: f.id, label: f.key }, ...f.links],
    source: 'metrics',
    dedupeKey: `metric_finding:${f.id}`,
    createdBy: opts.personId,
  });
  if (f.taskId !== r.task.id)
    await ctx.database.db
      .update(metricFindings)
      .set({ taskId: r.task.id })
      .where(
        and(
          eq(metricFindings.storeId, storeId),
          eq(metricFindings.date, f.date),
          eq(metricFindings.key, f.key),
        ),
      );
  generation++;
  return r;
}

const HEADLINE_LABELS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  paidAmount: { 'zh-CN': '支付金额', 'en-US': 'Paid amount' },
  visitors: { 'zh-CN': '访客数', 'en-US': 'Visitors' },
  conversion: { 'zh-CN': '支付转化率', 'en-US': 'Conversion' },
  aov: { 'zh-CN': '客单价', 'en-US': 'AOV' },
  refundRate: { 'zh-CN': '退款率', 'en-US': 'Refund rate' },
  buyers: { 'zh-CN': '支付买家数', 'en-US': 'Buyers' },
  uvValue: { 'zh-CN': 'UV价值', 'en-US': 'UV value' },
};

/** The report as plain text for the terminal (the CLI without --json). */
export function reportText(r: DailyReport, locale: Locale): string {
  const pct = (x: number | null) =>
    x == null ? '—' : `${x >= 0 ? '▲' : '▼'}${Math.abs(x * 100).toFixed(1)}%`;
  const fmt = (m: string, v: number | null) =>
    v == null ? '—' : m === 'uvValue' ? `¥${(v / 100).toFixed(2)}` : formatMetric(m, v);
  const lines = [
    `${r.store.name} (${r.store.code}) ${r.date}${r.partial ? (locale === 'zh-CN' ? '（今天，未结束）' : ' (today, partial)') : ''}`,
  ];
  if (!r.hasData) lines.push(locale === 'zh-CN' ? '当天没有数据' : 'No data for that day');
  for (const h of r.headline) {
    const c = h.comparison;
    lines.push(
      `  ${HEADLINE_LABELS[h.metric][locale].padEnd(8)} ${fmt(h.metric, h.value).padStart(12)}  ${locale === 'zh-CN' ? '较前日' : 'vs day before'} ${pct(c.vsDayBefore)}  ${locale === 'zh-CN' ? '较上周同日' : 'vs last week'} ${pct(c.vsLastWeek)}  ${locale === 'zh-CN' ? '较28日均' : 'vs 28-day'} ${pct(c.vsAvg28)}${h.industry ? `  ${locale === 'zh-CN' ? '行业' : 'industry'} ${pct(h.industry.vsBaseline)}` : ''}`,
    );
  }
  lines.push(locale === 'zh-CN' ? '诊断（按涉及金额排序）:' : 'Findings (by money at stake):');
  if (r.findings.length === 0) lines.push(locale === 'zh-CN' ? '  无异常' : '  nothing unusual');
  for (const f of r.findings)
    lines.push(`  [${f.severity}] ¥${(f.moneyAtStakeFen / 100).toFixed(0)}  ${f.text[locale]}`);
  return lines.join('\n');
}

// ---- for marketing (issue 9) ----
export type RollupDay = {
  date: string;
  /** Σ 买家实际支付金额 of orders paid that day (the rollup's order_paid_amount_fen). */
  paidAmountFen: number;
  paidOrders: number;
  paidBuyers: number;
  paidItems: number;
  /** 淘宝客佣金 of the 生意参谋 店铺整体 row (null when no file covers the day). */
  affiliateCommissionFen: number | null;
};

/**
 * The store's daily rollup rows for [from, to] (days without a row are absent): what campaign
 * results and the ads dashboard read, so they agree with the morning report.
 */
export async function storeDailyRollups(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
): Promise<RollupDay[]> {
  const rows = await ctx.database.db
    .select({
      date: metricStoreDaily.date,
      paidAmountFen: metricStoreDaily.orderPaidAmountFen,
      paidOrders: metricStoreDaily.orderPaidOrders,
      paidBuyers: metricStoreDaily.orderPaidBuyers,
      paidItems: metricStoreDaily.orderPaidItems,
      affiliateCommissionFen: metricStoreDaily.affiliateCommissionFen,
    })
    .from(metricStoreDaily)
    .where(
      and(
        eq(metricStoreDaily.storeId, storeId),
        gte(metricStoreDaily.date, from),
        lte(metricStoreDaily.date, to),
      ),
    )
    .orderBy(asc(metricStoreDaily.date));
  return rows.map((r) => ({
    ...r,
    paidAmountFen: Number(r.paidAmountFen),
    paidOrders: Number(r.paidOrders),
    paidBuyers: Number(r.paidBuyers),
    paidItems: Number(r.paidItems),
    affiliateCommissionFen: r.affiliateCommissionFen == null ? null : Number(r.affiliateCommissionFen),
  }));
}

// ------------------------------------------------------------------ push to the channels

export async function getReportSettings(ctx: Ctx, storeId: string): Promise<{ reportPushAt: string }> {
  const [row] = await ctx.database.db
    .select()
    .from(metricSettings)
    .where(eq(metricSettings.storeId, storeId));
  return { reportPushAt: row?.reportPushAt ?? DEFAULT_REPORT_PUSH_AT };
}

export async function saveReportSettings(
  ctx: Ctx,
  storeId: string,
  input: { reportPushAt: string },
): Promise<{ reportPushAt: string }> {
  if (!isValidHm(input.reportPushAt))
    throw badInput('metrics.bad_time', `Not a time: ${input.reportPushAt}`, {
      params: { value: String(input.reportPushAt) },
      details: { field: 'reportPushAt' },
    });
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(metricSettings)
    .values({ storeId, reportPushAt: input.reportPushAt, updatedAt: now })
    .onConflictDoUpdate({
      target: metricSettings.storeId,
      set: { reportPushAt: input.reportPushAt, updatedAt: now },
    });
  return { reportPushAt: input.reportPushAt };
}

/** How many findings the pushed summary lists (the rest: "n more in the report"). */
export const PUSH_TOP_FINDINGS = 3;

/** The pushed message: headline numbers, the top findings with their money at stake, the link. */
export function pushMessage(r: DailyReport, locale: Locale): { title: string; body: string; link: string } {
  const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p) ?? key;
  const h = (m: string) => r.headline.find((x) => x.metric === m);
  const show = (m: string) => {
    const v = h(m)?.value;
    return v == null ? '—' : formatMetric(m, v);
  };
  const pct = (x: number | null | undefined) =>
    x == null ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
  const lines: string[] = [];
  if (!r.hasData) lines.push(t('metrics.push.no_data'));
  else
    lines.push(
      t('metrics.push.headline', {
        paid: show('paidAmount'),
        vsLastWeek: pct(h('paidAmount')?.comparison.vsLastWeek),
        industry: pct(h('paidAmount')?.industry?.vsBaseline),
        visitors: show('visitors'),
        conversion: show('conversion'),
        aov: show('aov'),
      }),
    );
  if (r.findings.length === 0) lines.push(t('metrics.push.none'));
  else {
    lines.push(t('metrics.push.findings', { count: r.findings.length }));
    for (const [i, f] of r.findings.slice(0, PUSH_TOP_FINDINGS).entries())
      lines.push(
        t('metrics.push.finding', {
          n: i + 1,
          severity: t(`metrics.severity.${f.severity}`),
          money: (f.moneyAtStakeFen / 100).toFixed(0),
          text: f.text[locale],
        }),
      );
    if (r.findings.length > PUSH_TOP_FINDINGS)
      lines.push(t('metrics.push.more', { count: r.findings.length - PUSH_TOP_FINDINGS }));
  }
  return {
    title: t('metrics.push.title', { store: r.store.name, date: r.date }),
    body: lines.join('\n'),
    link: `/s/${r.store.code}/metrics/report?date=${r.date}`,
  };
}

/**
 * The daily job: push the morning report of the day before `businessDateToday` to the channels
 * of the store's notify rules for `metrics.daily_report` (and the inbox of their roles/people).
 * The job runner records the run per store and date, so it is sent once a day.
 */
export async function pushDailyReport(ctx: Ctx, storeId: string, businessDateToday: string) {
  const store = await storeById(ctx, storeId);
  // A restart catching up missed days does not send last week's mornings.
  if (businessDateToday < businessDate(ctx.clock.now(), store.timeZone)) return { inbox: 0, queued: 0 };
  const yesterday = addDays(businessDateToday, -1);
  // As the page: yesterday, or the last day the 生意参谋 file covers when yesterday's is not in yet.
  const date = await latestCompleteDate(ctx, storeId, yesterday);
  // The findings of the day are stored by the diagnosis job; make sure they exist (idempotent).
  await diagnoseRange(ctx, storeId, date, date);
  const report = await dailyReport(ctx, store, date);
  const msg = pushMessage(report, 'zh-CN');
  if (date !== yesterday)
    msg.body = `${translate('zh-CN', 'metrics.push.stale', { yesterday, date })}\n${msg.body}`;
  return notify(ctx, storeId, { event: 'metrics.daily_report', ...msg });
}

/** The push job's local time for a store (its setting, default 09:00). */
export async function reportPushTime(ctx: Ctx, storeId: string): Promise<string> {
  return (await getReportSettings(ctx, storeId)).reportPushAt;
}

// ------------------------------------------------------------------ 竞品动态 (competitor moves, by hand)

export type CompetitorMoveInput = { date: string; competitor: string; kind: string; note?: string | null };

export async function listCompetitorMoves(ctx: Ctx, storeId: string, from: string, to: string) {
  checkDate(from, 'from');
  checkDate(to, 'to');
  const rows = await ctx.database.db
    .select()
    .from(metricCompetitorMoves)
    .where(
      and(
        eq(metricCompetitorMoves.storeId, storeId),
        gte(metricCompetitorMoves.date, from),
        lte(metricCompetitorMoves.date, to),
      ),
    )
    .orderBy(desc(metricCompetitorMoves.date), asc(metricCompetitorMoves.competitor));
  return rows.map(({ storeId: _s, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() }));
}

export async function addCompetitorMove(
  ctx: Ctx,
  storeId: string,
  input: CompetitorMoveInput,
  personId: string | null,
) {
  checkDate(input.date, 'date');
  const competitor = input.competitor?.trim() ?? '';
  if (!competitor || competitor.length > 200)
    throw badInput('metrics.competitor_required', 'The competitor is required', {
      details: { field: 'competitor' },
    });
  if (!(COMPETITOR_MOVE_KINDS as readonly string[]).includes(input.kind))
    throw badInput('metrics.bad_move_kind', `Unknown competitor move type ${input.kind}`, {
      params: { value: String(input.kind) },
      details: { field: 'kind' },
    });
  const now = ctx.clock.now();
  const row = {
    storeId,
    id: newId(now.getTime()),
    date: input.date,
    competitor,
    kind: input.kind as CompetitorMoveKind,
    note: input.note?.trim() || null,
    createdBy: personId,
    createdAt: now,
  };
  await ctx.database.db.insert(metricCompetitorMoves).values(row);
  generation++;
  const { storeId: _s, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString() };
}

export async function deleteCompetitorMove(ctx: Ctx, storeId: string, id: string) {
  const r = await ctx.database.db
    .delete(metricCompetitorMoves)
    .where(and(eq(metricCompetitorMoves.storeId, storeId), eq(metricCompetitorMoves.id, id)))
    .returning({ id: metricCompetitorMoves.id });
  if (r.length === 0) throw notFound('metrics.move_not_found', 'No such competitor move', { params: { id } });
  generation++;
}
