/**
 * Sellable days and restock (DOMAIN.md §7: "sellable days per SKU (stock ÷ recent daily sales,
 * raised for planned campaigns) … restock with the manufacturer before stock-out … stock checked
 * before any campaign"). Pure functions: the service loads the history, these decide.
 *
 * The method (docs/inventory.md):
 * 1. Base level: the mean of the last 28 "normal" days (not a campaign day, not a stock-out day),
 *    winsorised at median + 4·max(1.48·MAD, median/2, 1) so one spike the calendar does not know about cannot lift it.
 *    Fewer than 28 normal days (a new SKU) → the mean of what there is; no history → 0.
 * 2. Weekday pattern: over the last 42 normal days, each weekday's mean ÷ the overall mean,
 *    shrunk toward 1 by n/(n+2) (n = that weekday's days); only with ≥ 14 normal days.
 * 3. Season: with a year of history, last year's sales in the coming 21 days ÷ last year's sales
 *    in the 21 days up to the same date (campaign days of last year left out of both), shrunk
 *    and clamped to [0.5, 2].
 * 4. Campaigns: a future campaign day is the base × weekday × season × the campaign's uplift —
 *    the uplift given by the calendar, else this SKU's own campaign days in the windows read
 *    (recent, and last year's same season) ÷ its normal level (≥ 3 campaign days seen), else DEFAULT_CAMPAIGN_UPLIFT. Past campaign days never feed the
 *    base, so a spike is not extrapolated into normal days.
 */
import { addDays } from '../../core/time';

export const BASE_WINDOW_DAYS = 28;
export const PATTERN_WINDOW_DAYS = 42;
/** Last year's windows for the season: this many days before and after the same date. */
export const SEASON_WINDOW_DAYS = 21;
export const MIN_DAYS_FOR_WEEKDAY = 14;
export const DEFAULT_CAMPAIGN_UPLIFT = 2;
export const DEFAULT_SERVICE_LEVEL = 0.95;
/** Days between two restock decisions (the products block runs every 3–7 days, DOMAIN.md §2). */
export const DEFAULT_REVIEW_DAYS = 7;
export const SLOW_MOVER_DAYS = 30;
export const OVERSTOCK_COVER_DAYS = 120;

/** A campaign period on the marketing calendar (dates inclusive, store-local). */
export type CampaignPeriod = {
  name: string;
  start: string;
  end: string;
  /** Expected sales multiple on campaign days; null = learn it from the SKU's history. */
  uplift?: number | null;
};

/** One day of one SKU: units sold that day; `stockout` = ended the day with nothing to sell. */
export type DayPoint = { date: string; qty: number; stockout?: boolean };

export type ForecastOptions = {
  /** The business date the forecast is made on (history must end the day before or on it). */
  asOf: string;
  /** Past and future campaign periods. */
  campaigns?: CampaignPeriod[];
  horizonDays?: number;
};

export type Forecast = {
  /** Normal-day level (units/day) before weekday, season and campaign. */
  baseVelocity: number;
  weekdayFactors: number[]; // index 0 = Sunday … 6 = Saturday
  seasonFactor: number;
  campaignUplift: number;
  /** Expected units for asOf+1 … asOf+horizon. */
  daily: { date: string; qty: number; campaign: string | null }[];
  /** Standard deviation of normal daily sales around the base (units). */
  sigma: number;
  historyDays: number;
  confidence: 'none' | 'low' | 'normal';
  lastSaleDate: string | null;
  soldLast30: number;
};

/** Days since 1970-01-01 of a yyyy-MM-dd date, and back. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}
export function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;

export function campaignOn(date: string, campaigns: CampaignPeriod[] | undefined): CampaignPeriod | null {
  if (!campaigns) return null;
  for (const c of campaigns) if (date >= c.start && date <= c.end) return c;
  return null;
}

/** A calendar prepared once for many SKUs: day number → campaign. */
export type PreparedCalendar = { byDay: Map<number, CampaignPeriod>; periods: CampaignPeriod[] };
const prepared = new WeakMap<CampaignPeriod[], PreparedCalendar>();
export function prepareCalendar(campaigns: CampaignPeriod[]): PreparedCalendar {
  let p = prepared.get(campaigns);
  if (!p) {
    const byDay = new Map<number, CampaignPeriod>();
    for (const c of campaigns)
      for (let d = dayNumber(c.start), e = dayNumber(c.end); d <= e; d++) if (!byDay.has(d)) byDay.set(d, c);
    p = { byDay, periods: campaigns };
    prepared.set(campaigns, p);
  }
  return p;
}

const horizonDates = new Map<string, string[]>();
function datesAfter(asOfDay: number, horizon: number): string[] {
  const key = `${asOfDay}:${horizon}`;
  let d = horizonDates.get(key);
  if (!d) {
    d = Array.from({ length: horizon }, (_, i) => dayString(asOfDay + i + 1));
    if (horizonDates.size > 64) horizonDates.clear();
    horizonDates.set(key, d);
  }
  return d;
}

/**
 * One SKU's sales, sparse: day numbers (ascending or not) with units sold, and the days it ended
 * out of stock. Days without an entry sold 0. `firstDay` = when the SKU was first on sale (default:
 * its first entry).
 */
export type SkuSeries = {
  /** The first day of the recent window loaded (older days of it were not read, not zero). */
  windowStart?: number;
  days: ArrayLike<number>;
  qty: ArrayLike<number>;
  stockoutDays?: ArrayLike<number>;
  firstDay?: number;
  /**
   * Sums the database aggregated (the loader of `readPlan`): with them, `days`/`qty`/`stockoutDays`
   * hold only the recent window's normal days, and the season and the learnt uplift come from here.
   */
  pre?: SkuAggregates;
};

/** Per-SKU sums over the windows of `readPlan` (see there), computed by the database. */
export type SkuAggregates = {
  soldLast30: number;
  /** The last day with a sale among the days read; -1 = none. */
  lastSale: number;
  /** Last year's 21 days up to the same date: units on normal days, and stock-out days not in a campaign. */
  seasonBeforeQty: number;
  seasonBeforeOuts: number;
  /** Last year's coming days (up to 21). */
  seasonAheadQty: number;
  seasonAheadOuts: number;
  /** Past campaign days the uplift learns from: units on days not out of stock, and stock-out days. */
  campaignQty: number;
  campaignOuts: number;
  /** False when the campaign days were not read (nothing to learn): the uplift stays the default. */
  campaignRead: boolean;
};

/** Stock-out days the recent window makes room for beyond the campaign days it skips. */
export const RECENT_SLACK_DAYS = 7;

/**
 * Which history days the forecast reads (the loader fetches only these): the recent window holds
 * 56 normal days (campaign days skipped, plus slack for stock-out days), last year's window the
 * season, and the campaign days of the past year the uplift.
 */
export function historyWindows(asOf: string, campaigns: CampaignPeriod[] = [], horizonDays = 60) {
  const t = dayNumber(asOf);
  const cal = prepareCalendar(campaigns);
  let start = t;
  for (let normal = 0; normal < PATTERN_WINDOW_DAYS + RECENT_SLACK_DAYS; start--)
    if (!cal.byDay.has(start)) normal++;
  const ly = t - 364;
  return {
    recent: [start + 1, t] as const,
    lastYear: [ly - SEASON_WINDOW_DAYS + 1, ly + Math.min(horizonDays, SEASON_WINDOW_DAYS)] as const,
  };
}

/** Inclusive day-number ranges. */
export type DayRange = readonly [number, number];

/** The maximal runs of days in [from, to] for which `keep(day)` holds. */
export function dayRuns(from: number, to: number, keep: (d: number) => boolean): DayRange[] {
  const out: DayRange[] = [];
  let start = -1;
  for (let d = from; d <= to + 1; d++) {
    if (d <= to && keep(d)) {
      if (start < 0) start = d;
    } else if (start >= 0) {
      out.push([start, d - 1]);
      start = -1;
    }
  }
  return out;
}

/** Sorted, merged union of ranges. */
export function mergeRuns(ranges: DayRange[]): DayRange[] {
  const s = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * What the database aggregates for the forecast, as day ranges (so the loader reads only these
 * days and sums most of them in SQL; the forecast gets per-day values only for the recent normal
 * days the level and the weekday pattern need):
 * - `recentNormal`: the recent window's normal (non-campaign) days — per-day values;
 * - `last30`: the last 30 days (units sold, campaign days included);
 * - `seasonBefore` / `seasonAhead`: last year's normal days around the same date — sums;
 * - `campaign`: past campaign days the uplift is learnt from — sums; empty when every planned
 *   campaign in the horizon comes with its uplift (nothing to learn);
 * - `read`: the union — the only days the loader touches.
 */
export function readPlan(asOf: string, campaigns: CampaignPeriod[] = [], horizonDays = 60) {
  const t = dayNumber(asOf);
  const cal = prepareCalendar(campaigns);
  const w = historyWindows(asOf, campaigns, horizonDays);
  const normal = (d: number) => !cal.byDay.has(d);
  const ly = t - 364;
  const recentNormal = dayRuns(w.recent[0], w.recent[1], normal);
  const last30: DayRange[] = [[t - SLOW_MOVER_DAYS + 1, t]];
  const seasonBefore = dayRuns(ly - SEASON_WINDOW_DAYS + 1, ly, normal);
  const seasonAhead = dayRuns(ly + 1, ly + Math.min(horizonDays, SEASON_WINDOW_DAYS), normal);
  let needUplift = false;
  for (let d = t + 1; d <= t + horizonDays; d++) {
    const c = cal.byDay.get(d);
    if (c && c.uplift == null) needUplift = true;
  }
  const inWindows = (d: number) =>
    d >= t - 364 && ((d >= w.recent[0] && d <= t) || (d >= w.lastYear[0] && d <= w.lastYear[1]));
  const campaign = needUplift
    ? mergeRuns([
        ...dayRuns(w.recent[0], t, (d) => cal.byDay.has(d) && inWindows(d)),
        ...dayRuns(w.lastYear[0], w.lastYear[1], (d) => cal.byDay.has(d) && inWindows(d)),
      ])
    : [];
  return {
    windowStart: w.recent[0],
    recentNormal,
    last30,
    seasonBefore,
    seasonAhead,
    campaign,
    read: mergeRuns([...recentNormal, ...last30, ...seasonBefore, ...seasonAhead, ...campaign]),
  };
}

/** Forecast daily demand for one SKU from its daily history (dates as strings). */
export function forecastSku(points: DayPoint[], opts: ForecastOptions): Forecast {
  const days: number[] = [];
  const qty: number[] = [];
  const stockoutDays: number[] = [];
  for (const p of points) {
    const d = dayNumber(p.date);
    days.push(d);
    qty.push(p.qty);
    if (p.stockout) stockoutDays.push(d);
  }
  return forecastSeries({ days, qty, stockoutDays }, opts);
}

/** Days back from asOf the forecast can read (season window and a year of campaigns). */
const HISTORY_READ_DAYS = 400;
export const MAX_LEARNT_UPLIFT = 10;
const EMPTY: CampaignPeriod[] = [];

/**
 * What a run over many SKUs shares (asOf, calendar, horizon): the campaign of each day read or
 * forecast, the horizon's dates and weekdays, the non-campaign day counts of last year's windows.
 * Made once per run, not per SKU (this is where the per-day Date, string and Map work went).
 */
type RunPrep = {
  asOf: string;
  campaigns: CampaignPeriod[];
  horizon: number;
  t: number;
  lo: number;
  /** Day d (lo ≤ d ≤ t + horizon) is a campaign day: `campaign[d - lo]`. */
  campaign: Uint8Array;
  /** The calendar's campaign days, in the order of `prepareCalendar` (sums keep their order). */
  campaignDays: Int32Array;
  dates: string[];
  horizonCampaign: (CampaignPeriod | null)[];
  horizonWeekday: Uint8Array;
  /** Non-campaign days in last year's 21 days up to the same date, and in the coming ones. */
  normalBefore: number;
  normalAhead: number;
  /** dayString of days lo … t, filled as asked. */
  names: (string | undefined)[];
};
let lastPrep: RunPrep | null = null;
function runPrep(asOf: string, campaigns: CampaignPeriod[], horizon: number): RunPrep {
  const p = lastPrep;
  if (p && p.asOf === asOf && p.campaigns === campaigns && p.horizon === horizon) return p;
  const cal = prepareCalendar(campaigns);
  const t = dayNumber(asOf);
  const lo = t - HISTORY_READ_DAYS;
  const campaign = new Uint8Array(HISTORY_READ_DAYS + 1 + horizon);
  for (let d = lo; d <= t + horizon; d++) if (cal.byDay.has(d)) campaign[d - lo] = 1;
  const horizonCampaign: (CampaignPeriod | null)[] = [];
  const horizonWeekday = new Uint8Array(horizon);
  for (let i = 0; i < horizon; i++) {
    horizonCampaign.push(cal.byDay.get(t + i + 1) ?? null);
    horizonWeekday[i] = weekdayOf(t + i + 1);
  }
  const normalIn = (from: number, len: number) => {
    let k = 0;
    for (let d = from; d < from + len; d++) if (!cal.byDay.has(d)) k++;
    return k;
  };
  const ly = t - 364;
  lastPrep = {
    asOf,
    campaigns,
    horizon,
    t,
    lo,
    campaign,
    campaignDays: Int32Array.from(cal.byDay.keys()),
    dates: datesAfter(t, horizon),
    horizonCampaign,
    horizonWeekday,
    normalBefore: normalIn(ly - SEASON_WINDOW_DAYS + 1, SEASON_WINDOW_DAYS),
    normalAhead: normalIn(ly + 1, Math.min(horizon, SEASON_WINDOW_DAYS)),
    names: new Array(HISTORY_READ_DAYS + 1),
  };
  return lastPrep;
}

// Scratch for one SKU (the forecast runs for every SKU of a store: no allocation per SKU).
const SALES = new Float64Array(HISTORY_READ_DAYS + 1);
const OUT = new Uint8Array(HISTORY_READ_DAYS + 1);
const NORMAL_DAY = new Int32Array(PATTERN_WINDOW_DAYS);
const NORMAL_QTY = new Float64Array(PATTERN_WINDOW_DAYS);
const SORTED = new Float64Array(BASE_WINDOW_DAYS);
const WD_SUM = new Float64Array(7);
const WD_N = new Int32Array(7);

/** The median of the first `n` values of SORTED, sorting them in place (n ≤ 28: insertion sort, no allocation). */
function sortedMedian(n: number): number {
  if (!n) return 0;
  for (let i = 1; i < n; i++) {
    const x = SORTED[i]!;
    let j = i - 1;
    while (j >= 0 && SORTED[j]! > x) {
      SORTED[j + 1] = SORTED[j]!;
      j--;
    }
    SORTED[j + 1] = x;
  }
  const m = n >> 1;
  return n % 2 ? SORTED[m]! : (SORTED[m - 1]! + SORTED[m]!) / 2;
}

/**
 * The forecast on a sparse series (the fast path the service and the benchmark use). `into`: a
 * forecast to overwrite (its `daily` and `weekdayFactors` reused) — a run over many SKUs that
 * reads each forecast before the next allocates them once.
 */
export function forecastSeries(series: SkuSeries, opts: ForecastOptions, into?: Forecast): Forecast {
  const horizon = opts.horizonDays ?? 60;
  const P = runPrep(opts.asOf, opts.campaigns ?? EMPTY, horizon);
  const { t, lo, campaign } = P;
  // Dense scratch arrays over the 400 days the forecast can read.
  SALES.fill(0);
  OUT.fill(0);
  let first = series.firstDay ?? Number.POSITIVE_INFINITY;
  let lastSale = -1;
  let soldLast30 = 0;
  const sd = series.days;
  const sq = series.qty;
  for (let i = 0; i < sd.length; i++) {
    const d = sd[i]!;
    if (d > t) continue;
    const q = sq[i]!;
    if (d >= lo) SALES[d - lo]! += q;
    if (d < first) first = d;
    if (q > 0 && d > lastSale) lastSale = d;
    if (d > t - SLOW_MOVER_DAYS) soldLast30 += q;
  }
  const pre = series.pre;
  if (pre) {
    soldLast30 = pre.soldLast30;
    lastSale = pre.lastSale;
  }
  const so = series.stockoutDays;
  if (so)
    for (let i = 0; i < so.length; i++) {
      const d = so[i]!;
      if (d >= lo && d <= t) OUT[d - lo] = 1;
    }
  const historyDays = Number.isFinite(first) && first <= t ? t - first + 1 : 0;

  // Normal days (not out of stock, not a campaign day), newest first, up to the pattern window.
  let nn = 0;
  const stop = Math.max(first, series.windowStart ?? t - 365);
  let d = t;
  for (; d >= stop && d >= lo && nn < PATTERN_WINDOW_DAYS; d--) {
    const at = d - lo;
    if (OUT[at] === 1 || campaign[at] === 1) continue;
    NORMAL_DAY[nn] = d;
    NORMAL_QTY[nn++] = SALES[at]!;
  }
  // A recent window reaching back beyond the 400 days (a calendar of nearly all campaign days).
  for (; d >= stop && nn < PATTERN_WINDOW_DAYS; d--) {
    if (prepareCalendar(opts.campaigns ?? EMPTY).byDay.has(d)) continue;
    NORMAL_DAY[nn] = d;
    NORMAL_QTY[nn++] = 0;
  }

  // 1. Base level, robust to spikes the calendar does not name.
  const nr = Math.min(nn, BASE_WINDOW_DAYS);
  for (let i = 0; i < nr; i++) SORTED[i] = NORMAL_QTY[i]!;
  const med = sortedMedian(nr);
  for (let i = 0; i < nr; i++) SORTED[i] = Math.abs(NORMAL_QTY[i]! - med);
  const mad = sortedMedian(nr);
  // Scale: MAD (normal-consistent), but never below half the median (weekday swings are not
  // spikes) nor 1 unit (slow sellers).
  const cap = med + 4 * Math.max(1.4826 * mad, 0.5 * med, 1);
  let sum = 0;
  for (let i = 0; i < nr; i++) sum += Math.min(NORMAL_QTY[i]!, cap);
  const base = nr ? sum / nr : 0;
  let sq2 = 0;
  for (let i = 0; i < nr; i++) sq2 += (Math.min(NORMAL_QTY[i]!, cap) - base) ** 2;
  const sigma = Math.sqrt(nr ? sq2 / nr : 0);

  // 2. Weekday pattern.
  const weekdayFactors = into?.weekdayFactors ?? new Array<number>(7);
  for (let w = 0; w < 7; w++) weekdayFactors[w] = 1;
  if (nn >= MIN_DAYS_FOR_WEEKDAY) {
    WD_SUM.fill(0);
    WD_N.fill(0);
    let total = 0;
    for (let i = 0; i < nn; i++) {
      const q = Math.min(NORMAL_QTY[i]!, cap);
      const w = weekdayOf(NORMAL_DAY[i]!);
      WD_SUM[w]! += q;
      WD_N[w]!++;
      total += q;
    }
    const patternMean = total / nn;
    if (patternMean > 0) {
      for (let w = 0; w < 7; w++) {
        const n = WD_N[w]!;
        if (!n) continue;
        const raw = WD_SUM[w]! / n / patternMean;
        const k = n / (n + 2);
        weekdayFactors[w] = 1 + k * (raw - 1);
      }
      // Renormalise so a week of factors averages 1 (the base already is the mean level).
      let s = 0;
      for (let w = 0; w < 7; w++) s += weekdayFactors[w]!;
      const avg = s / 7;
      for (let w = 0; w < 7; w++) weekdayFactors[w] = weekdayFactors[w]! / avg;
    }
  }

  // 3. Season from last year (same weekday a year ago = 364 days).
  let seasonFactor = 1;
  if (historyDays >= 364 + SEASON_WINDOW_DAYS) {
    const ly = t - 364;
    const aheadLen = Math.min(horizon, SEASON_WINDOW_DAYS);
    let before: number;
    let ahead: number;
    if (pre) {
      // With database sums: units on normal days ÷ (non-campaign days − stock-out days among them).
      const kb = P.normalBefore - pre.seasonBeforeOuts;
      const ka = P.normalAhead - pre.seasonAheadOuts;
      before = kb > 0 ? pre.seasonBeforeQty / kb : 0;
      ahead = ka > 0 ? pre.seasonAheadQty / ka : 0;
    } else {
      before = normalMean(ly - SEASON_WINDOW_DAYS + 1, SEASON_WINDOW_DAYS, lo, campaign);
      ahead = normalMean(ly + 1, aheadLen, lo, campaign);
    }
    if (before > 0 && ahead > 0) seasonFactor = Math.min(2, Math.max(0.5, 1 + 0.7 * (ahead / before - 1)));
  }

  // 4. Campaign uplift learnt from the SKU's own past campaign days (within its history).
  const lyFrom = t - 364 - SEASON_WINDOW_DAYS + 1;
  const lyTo = t - 364 + Math.min(horizon, SEASON_WINDOW_DAYS);
  let learntUplift = DEFAULT_CAMPAIGN_UPLIFT;
  if (base > 0 && historyDays > 0 && (!pre || pre.campaignRead)) {
    let s = 0;
    let k = 0;
    const cd = P.campaignDays;
    const ws = series.windowStart;
    for (let i = 0; i < cd.length; i++) {
      const d = cd[i]!;
      if (d > t || d < first || d < t - 364 || (!pre && d >= lo && OUT[d - lo] === 1)) continue;
      // With a windowed load, only the days read: the recent window and last year's.
      if (ws !== undefined && d < ws && (d < lyFrom || d > lyTo)) continue;
      if (!pre) s += d >= lo ? SALES[d - lo]! : 0;
      k++;
    }
    if (pre) {
      s = pre.campaignQty;
      k -= pre.campaignOuts;
    }
    if (k >= 3) learntUplift = Math.min(MAX_LEARNT_UPLIFT, Math.max(1, s / k / base));
  }

  const dates = P.dates;
  const daily: Forecast['daily'] = into && into.daily.length === horizon ? into.daily : new Array(horizon);
  const reuse = daily === into?.daily;
  for (let i = 0; i < horizon; i++) {
    const c = P.horizonCampaign[i]!;
    const uplift = c ? (c.uplift ?? learntUplift) : 1;
    const qty = base * weekdayFactors[P.horizonWeekday[i]!]! * seasonFactor * uplift;
    if (reuse) {
      const e = daily[i]!;
      e.date = dates[i]!;
      e.qty = qty;
      e.campaign = c?.name ?? null;
    } else daily[i] = { date: dates[i]!, qty, campaign: c?.name ?? null };
  }

  let lastSaleDate: string | null = null;
  if (lastSale >= 0) {
    const at = lastSale - lo;
    const known = at >= 0 && at <= HISTORY_READ_DAYS ? P.names[at] : undefined;
    lastSaleDate = known ?? dayString(lastSale);
    if (known === undefined && at >= 0 && at <= HISTORY_READ_DAYS) P.names[at] = lastSaleDate;
  }
  const f: Forecast = into ?? ({} as Forecast);
  f.baseVelocity = base;
  f.weekdayFactors = weekdayFactors;
  f.seasonFactor = seasonFactor;
  f.campaignUplift = learntUplift;
  f.daily = daily;
  f.sigma = sigma;
  f.historyDays = historyDays;
  f.confidence = historyDays === 0 ? 'none' : nn < MIN_DAYS_FOR_WEEKDAY ? 'low' : 'normal';
  f.lastSaleDate = lastSaleDate;
  f.soldLast30 = soldLast30;
  return f;
}

/** Mean sales over the normal days of [from, from + len) (the SALES / OUT scratch of one SKU). */
function normalMean(from: number, len: number, lo: number, campaign: Uint8Array): number {
  let s = 0;
  let k = 0;
  for (let d = from; d < from + len; d++) {
    const at = d - lo; // ≥ 0: last year's windows lie within the 400 days read
    if (OUT[at] === 1 || campaign[at] === 1) continue;
    s += SALES[at]!;
    k++;
  }
  return k ? s / k : 0;
}

/**
 * `addDays`, remembered per base date (a run over many SKUs asks for the same few dates again
 * and again; an array per base, no key string per call).
 */
const addDaysSeen = new Map<string, string[]>();
function addDaysMemo(date: string, days: number): string {
  if (days < 0 || days > 4096 || !Number.isInteger(days)) return addDays(date, days);
  let seen = addDaysSeen.get(date);
  if (seen === undefined) {
    if (addDaysSeen.size > 64) addDaysSeen.clear();
    seen = [];
    addDaysSeen.set(date, seen);
  }
  let r = seen[days];
  if (r === undefined) {
    r = addDays(date, days);
    seen[days] = r;
  }
  return r;
}

/**
 * Sellable days: how many days the stock covers walking down the forecast day by day (fractional
 * on the last day). `null` = the forecast never runs it out within the horizon (no demand).
 * The stock-out date is the first day whose demand the stock cannot fully meet.
 */
export function sellableDays(
  stock: number,
  daily: { date: string; qty: number }[],
): { days: number | null; stockoutDate: string | null } {
  if (stock <= 0) return { days: 0, stockoutDate: daily[0]?.date ?? null };
  let left = stock;
  for (let i = 0; i < daily.length; i++) {
    const q = daily[i]!.qty;
    if (q >= left && q > 0) return { days: i + left / q, stockoutDate: daily[i]!.date };
    left -= q;
  }
  // Beyond the horizon: extend at the average rate of the horizon.
  let total = 0;
  for (let i = 0; i < daily.length; i++) total += daily[i]!.qty;
  const avg = daily.length ? total / daily.length : 0;
  if (avg <= 1e-9) return { days: null, stockoutDate: null };
  const days = daily.length + left / avg;
  return { days, stockoutDate: daily.length ? addDaysMemo(daily[0]!.date, Math.floor(days)) : null };
}

/** Inverse of the standard normal CDF (Acklam's approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`service level must be in (0,1): ${p}`);
  const a = NQ_A;
  const b = NQ_B;
  const c = NQ_C;
  const d = NQ_D;
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
// Acklam's coefficients (module constants: normalQuantile runs for every SKU of a plan).
const NQ_A = [
  -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
  2.50662827745924,
];
const NQ_B = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
const NQ_C = [
  -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497,
  2.93816398269878,
];
const NQ_D = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];

export type RestockInput = {
  /** Available now (on hand − reserved). */
  available: number;
  /** Ordered from the supplier, not yet received. */
  inbound?: number;
  leadTimeDays: number;
  reviewDays?: number;
  serviceLevel?: number;
  /** Order in multiples of this (carton size); at least the minimum order quantity. */
  packSize?: number;
  minOrderQty?: number;
};

export type RestockAdvice = {
  /** Expected demand during the lead time (campaign days included). */
  leadTimeDemand: number;
  safetyStock: number;
  reorderPoint: number;
  /** Stock to hold after ordering: demand over lead time + review period + safety stock. */
  orderUpTo: number;
  suggestedQty: number;
  /** Order now: available + inbound is at or below the reorder point. */
  reorderNow: boolean;
};

/** Forecast demand over the first `days` days (beyond the horizon, its last day repeats). */
function demandOver(daily: { qty: number }[], days: number): number {
  let s = 0;
  const n = daily.length;
  for (let i = 0; i < days; i++) s += i < n ? daily[i]!.qty : n ? daily[n - 1]!.qty : 0;
  return s;
}

/**
 * Reorder point = demand over the lead time + safety stock, safety = z(service level) · σ ·
 * √(lead time) (σ the normal daily deviation). When stock position (available + inbound) is at
 * or below it, order up to demand over (lead time + review) + safety, rounded up to the pack.
 */
export function restockAdvice(
  f: { daily: { qty: number }[]; sigma: number },
  input: RestockInput,
): RestockAdvice {
  if (input.leadTimeDays < 0) throw new RangeError('lead time must be ≥ 0');
  const L = Math.round(input.leadTimeDays);
  const R = Math.round(input.reviewDays ?? DEFAULT_REVIEW_DAYS);
  const z = normalQuantile(input.serviceLevel ?? DEFAULT_SERVICE_LEVEL);
  const leadTimeDemand = demandOver(f.daily, L);
  const safetyStock = Math.max(0, z * f.sigma * Math.sqrt(Math.max(L, 1)));
  const reorderPoint = Math.ceil(leadTimeDemand + safetyStock);
  const orderUpTo = Math.ceil(demandOver(f.daily, L + R) + safetyStock);
  const position = input.available + (input.inbound ?? 0);
  const reorderNow = orderUpTo > 0 && position <= reorderPoint;
  let suggestedQty = 0;
  if (reorderNow) {
    let q = Math.max(0, orderUpTo - position);
    q = Math.max(q, input.minOrderQty ?? 0);
    const pack = input.packSize ?? 1;
    if (pack > 1) q = Math.ceil(q / pack) * pack;
    suggestedQty = q;
  }
  return { leadTimeDemand, safetyStock, reorderPoint, orderUpTo, suggestedQty, reorderNow };
}

/** Stock ordered and not received: `dueInDays` after asOf it is expected (≤ 0 = overdue, not arrived). */
export type InboundBatch = { qty: number; dueInDays: number };

/**
 * The batches behind a run of in-transit (在途) days, from the daily totals of the run: a rise is a
 * batch shipped that day (the supplier's reorder), a fall is stock arriving, taken from the oldest
 * batch first. Each batch still in transit on the run's last day (asOf) is due `leadDays` after
 * the day it showed up (`dueInDays` relative to asOf; ≤ 0 = overdue). Back-to-back reorders thus
 * keep their own due days instead of the first batch's.
 */
export function inTransitBatches(totals: number[], leadDays: number): InboundBatch[] {
  const open: { qty: number; day: number }[] = [];
  let prev = 0;
  for (let i = 0; i < totals.length; i++) {
    const q = Math.max(0, totals[i] ?? 0);
    if (q > prev) open.push({ qty: q - prev, day: i });
    else if (q < prev) {
      let gone = prev - q;
      while (gone > 0 && open.length) {
        const b = open[0]!;
        const take = Math.min(gone, b.qty);
        b.qty -= take;
        gone -= take;
        if (b.qty <= 0) open.shift();
      }
    }
    prev = q;
  }
  const last = totals.length - 1;
  return open.map((b) => ({ qty: b.qty, dueInDays: b.day + Math.round(leadDays) - last }));
}

/**
 * How far the stock-out alarm looks: until a reorder placed today could arrive and be checked
 * again — the supplier's lead time + the review period (the same lead time the reorder point and
 * the suggested quantity use).
 */
export function riskHorizonDays(leadTimeDays: number, reviewDays = DEFAULT_REVIEW_DAYS): number {
  if (leadTimeDays < 0) throw new RangeError('lead time must be ≥ 0');
  return Math.max(1, Math.ceil(leadTimeDays) + Math.round(reviewDays));
}

export type StockoutRisk = {
  /** Day (1 = the day after asOf) the stock may run out, at the cautious end of the demand. */
  day: number;
  /**
   * demand — the stock does not cover the demand even with the inbound arriving on time;
   * inbound_overdue — a batch is past its expected arrival and without it the stock runs out;
   * inbound_late — a batch on time arrives after the stock has run out.
   */
  reason: 'demand' | 'inbound_overdue' | 'inbound_late';
  /** Units of overdue inbound not counted. */
  overdueQty: number;
  /** Expected shortfall: the most units short on any day of the horizon (cautious demand − stock − inbound arrived), rounded up. */
  shortBy: number;
  /** The days the walk looked ahead. */
  horizonDays: number;
};

/**
 * Default smallest shortfall (units) worth an alarm: any. On the simulator's history (two seeds,
 * docs/inventory.md) one unit cut a further quarter of the new alarms but lost a caught stock-out
 * of a slow SKU on one seed, and made the catches later.
 */
export const RISK_MIN_SHORT_UNITS = 0;
/** Default service level of the cautious demand the stock-out risk walks down. */
export const RISK_SERVICE_LEVEL = 0.8;

/**
 * Will the SKU run out within `horizonDays`? Walks the stock down the forecast (campaign days
 * included), at the cautious end of the demand — cumulative forecast + z·σ·√k (z from
 * `serviceLevel`, default 80 %) — with batches arriving on their due day; an overdue batch (past its
 * expected date, still not here: a supplier late, DOMAIN.md §7) is not counted at all. The most
 * common stock-out the simulator and real stores see is exactly that: stock for 10 days and a
 * batch "in transit" that does not come. An alarm needs a shortfall of at least `minShortUnits`
 * units on some day of the horizon (`shortBy`); `day` is the first day with any shortfall.
 */
export function stockoutRisk(
  f: { daily: { qty: number }[]; sigma: number },
  available: number,
  inbound: InboundBatch[],
  horizonDays: number,
  serviceLevel = RISK_SERVICE_LEVEL,
  minShortUnits = 0,
): StockoutRisk | null {
  const z = normalQuantile(serviceLevel);
  let overdueQty = 0;
  for (const b of inbound) if (b.dueInDays <= 0) overdueQty += b.qty;
  let demand = 0;
  let arrived = 0;
  let first = 0;
  let firstWaiting = false;
  let short = 0;
  const have = Math.max(0, available);
  for (let k = 1; k <= horizonDays; k++) {
    for (const b of inbound) if (b.dueInDays === k) arrived += b.qty;
    demand += f.daily[k - 1]?.qty ?? f.daily[f.daily.length - 1]?.qty ?? 0;
    if (demand <= 0) continue;
    const gap = demand + z * f.sigma * Math.sqrt(k) - (have + arrived);
    if (gap <= 0) continue;
    if (!first) {
      first = k;
      firstWaiting = inbound.some((b) => b.dueInDays > k);
    }
    if (gap > short) short = gap;
  }
  if (!first || short < minShortUnits || short <= 0) return null;
  return {
    day: first,
    reason: overdueQty > 0 ? 'inbound_overdue' : firstWaiting ? 'inbound_late' : 'demand',
    overdueQty,
    shortBy: Math.ceil(short - 1e-9),
    horizonDays,
  };
}

/**
 * The stock-out alarm on the supplier's lead time: does the stock (with inbound on its due day,
 * overdue inbound not counted) run short, by more than `minShortUnits` (default: any shortfall), before a reorder placed today
 * could arrive and be reviewed — within lead time + review days (`riskHorizonDays`)?
 */
export function leadTimeStockoutRisk(
  f: { daily: { qty: number }[]; sigma: number },
  available: number,
  inbound: InboundBatch[],
  leadTimeDays: number,
  opts: { reviewDays?: number; serviceLevel?: number; minShortUnits?: number } = {},
): StockoutRisk | null {
  return stockoutRisk(
    f,
    available,
    inbound,
    riskHorizonDays(leadTimeDays, opts.reviewDays),
    opts.serviceLevel ?? RISK_SERVICE_LEVEL,
    opts.minShortUnits ?? RISK_MIN_SHORT_UNITS,
  );
}

/** An alarm's memory from one daily check to the next (`nextRiskAlarm`). */
export type RiskAlarmState = { streak: number; raised: boolean; quiet: number };
export const NO_RISK_ALARM: RiskAlarmState = { streak: 0, raised: false, quiet: 0 };

/**
 * Persistence and hysteresis of the daily stock-out alarm: it is raised once the rule has held
 * `persistDays` checks running, and once raised stays raised (no new alarm) through up to
 * `holdDays` checks where the rule lapses. `fresh` = raised today and not yesterday: a new alarm.
 * The backtest scores the alarm through it; the daily check's hysteresis is its task key (one
 * restock task per SKU and week). Measured (docs/inventory.md): persistence 2 lost catches on the
 * second seed, so the product raises on the first day.
 */
export function nextRiskAlarm(
  prev: RiskAlarmState,
  atRisk: boolean,
  persistDays = 1,
  holdDays = 0,
): RiskAlarmState & { fresh: boolean } {
  if (atRisk) {
    const streak = prev.streak + 1;
    const raised = prev.raised || streak >= persistDays;
    return { streak, raised, quiet: 0, fresh: raised && !prev.raised };
  }
  if (prev.raised && prev.quiet < holdDays)
    return { streak: 0, raised: true, quiet: prev.quiet + 1, fresh: false };
  return { streak: 0, raised: false, quiet: 0, fresh: false };
}

export type StockClass = 'out_of_stock' | 'low' | 'ok' | 'overstock' | 'slow_mover' | 'no_demand';

/**
 * Classes a SKU for the restock list: out of stock; low (sellable days below the lead time +
 * review, or below `lowDays`); slow mover (stock but nothing sold in 30 days); overstock (more
 * than 120 days of cover); no demand (no stock, no sales).
 */
export function classifyStock(p: {
  available: number;
  sellableDays: number | null;
  soldLast30: number;
  leadTimeDays: number;
  lowDays?: number;
}): StockClass {
  if (p.available <= 0) return p.soldLast30 > 0 ? 'out_of_stock' : 'no_demand';
  if (p.soldLast30 === 0) return 'slow_mover';
  if (
    p.sellableDays !== null &&
    p.sellableDays < Math.max(p.lowDays ?? 0, p.leadTimeDays + DEFAULT_REVIEW_DAYS)
  )
    return 'low';
  if (p.sellableDays === null || p.sellableDays > OVERSTOCK_COVER_DAYS) return 'overstock';
  return 'ok';
}

/** Campaigns starting within `withinDays` after asOf, by start (the last answer kept: one per run, not per SKU). */
let lastUpcoming: {
  campaigns: CampaignPeriod[];
  asOf: string;
  within: number;
  list: CampaignPeriod[];
} | null = null;
function upcomingCampaigns(campaigns: CampaignPeriod[], asOf: string, withinDays: number): CampaignPeriod[] {
  const u = lastUpcoming;
  if (u && u.campaigns === campaigns && u.asOf === asOf && u.within === withinDays) return u.list;
  const until = addDaysMemo(asOf, withinDays);
  const list = campaigns
    .filter((c) => c.start > asOf && c.start <= until)
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  lastUpcoming = { campaigns, asOf, within: withinDays, list };
  return list;
}

/** The campaign (if any) that starts within `days` after asOf and which this stock does not last through. */
export function campaignShortfall(
  f: Pick<Forecast, 'daily'>,
  available: number,
  campaigns: CampaignPeriod[],
  asOf: string,
  withinDays: number,
): { campaign: CampaignPeriod; stockoutDate: string; shortBy: number } | null {
  const upcoming = upcomingCampaigns(campaigns, asOf, withinDays);
  for (let k = 0; k < upcoming.length; k++) {
    const c = upcoming[k]!;
    let need = 0;
    let stockoutDate: string | null = null;
    for (const d of f.daily) {
      if (d.date > c.end) break;
      need += d.qty;
      if (stockoutDate === null && need > available) stockoutDate = d.date;
    }
    if (stockoutDate !== null && stockoutDate <= c.end)
      return { campaign: c, stockoutDate, shortBy: Math.ceil(need - available) };
  }
  return null;
}

// ---------------------------------------------------------------- ledger

export const MOVEMENT_KINDS = ['inbound', 'outbound', 'return', 'adjustment', 'damage'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * The signed quantity of a movement: inbound and return add, outbound and damage take away (the
 * person types a positive count); an adjustment is signed (count − book). Zero is no movement.
 */
export function signedQty(kind: MovementKind, qty: number): number {
  if (!Number.isInteger(qty) || qty === 0 || Math.abs(qty) > 10_000_000)
    throw new RangeError(`quantity must be a non-zero integer: ${qty}`);
  switch (kind) {
    case 'inbound':
    case 'return':
      if (qty < 0) throw new RangeError(`${kind} takes a positive quantity`);
      return qty;
    case 'outbound':
    case 'damage':
      return -Math.abs(qty);
    case 'adjustment':
      return qty;
  }
}

// ---------------------------------------------------------------- stock-taking (盘点)

/**
 * A count difference large enough to escalate (DOMAIN.md §3, "stock count unclear"): at least 5
 * units and at least 10 % of the book quantity (any difference on a book of 0 counts as 10 %+).
 */
export function isLargeCountDifference(
  expected: number,
  counted: number,
  minUnits = 5,
  minShare = 0.1,
): boolean {
  const diff = Math.abs(counted - expected);
  if (diff < minUnits) return false;
  return expected <= 0 || diff / expected >= minShare;
}

export const COUNT_SHEET_STATUSES = ['open', 'submitted', 'approved', 'rejected'] as const;
export type CountSheetStatus = (typeof COUNT_SHEET_STATUSES)[number];

// ---------------------------------------------------------------- purchase orders

export const PO_STATUSES = ['draft', 'sent', 'partly_received', 'received', 'cancelled'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

/** The status of a sent purchase order from its lines' ordered and received quantities. */
export function poStatusAfterReceipt(lines: { qtyOrdered: number; qtyReceived: number }[]): PoStatus {
  const any = lines.some((l) => l.qtyReceived > 0);
  const all = lines.every((l) => l.qtyReceived >= l.qtyOrdered);
  return all ? 'received' : any ? 'partly_received' : 'sent';
}

export function canMovePo(from: PoStatus, to: PoStatus): boolean {
  const allowed: Record<PoStatus, PoStatus[]> = {
    draft: ['sent', 'cancelled'],
    sent: ['partly_received', 'received', 'cancelled'],
    partly_received: ['partly_received', 'received'],
    received: [],
    cancelled: [],
  };
  return allowed[from].includes(to);
}

/**
 * The monthly supplier sales report (DOMAIN.md §7: "monthly, on the 11th–15th: last month's
 * sales report to each supplier"): the month it covers, and whether today is in the window.
 */
export function supplierReportPeriod(today: string): {
  month: string;
  from: string;
  to: string;
  inWindow: boolean;
} {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const month = `${py}-${String(pm).padStart(2, '0')}`;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return {
    month,
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, '0')}`,
    inWindow: d >= 11 && d <= 15,
  };
}

/**
 * How many days ahead a campaign's stock shortfall becomes a task (DOMAIN.md §7, "restock with
 * the manufacturer before stock-out", "stock checked before any campaign"): the store's alert
 * window, or longer when the supplier needs longer — lead time + the review period — since an
 * order placed later arrives after the campaign started.
 */
export function campaignAlertDays(
  withinDays: number,
  leadTimeDays: number,
  reviewDays = DEFAULT_REVIEW_DAYS,
): number {
  return Math.max(withinDays, Math.ceil(leadTimeDays) + reviewDays);
}
