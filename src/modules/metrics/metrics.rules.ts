/**
 * The rules of the morning data diagnosis (DOMAIN.md §2, 08:30–10:30 数据诊断): comparisons,
 * a weekday-aware robust baseline, anomaly severity, market-vs-ours attribution, the
 * paid = visitors × conversion × AOV decomposition and product contributions. Pure functions:
 * no database, no clock. Every "no data" is `null` — never NaN, never a fake 0 %.
 */
import { addDays } from '../../core/time';

export type Num = number | null;

/** num / den; null when either is missing or the denominator is 0 (no data, not 0 %). */
export function ratio(num: Num | undefined, den: Num | undefined): Num {
  if (num == null || den == null || den === 0 || !Number.isFinite(num) || !Number.isFinite(den)) return null;
  return num / den;
}

/** Relative change (cur − base) / base as a fraction (−0.22 = −22 %); null without a base. */
export function pctChange(cur: Num | undefined, base: Num | undefined): Num {
  if (cur == null || base == null || base === 0) return null;
  return (cur - base) / base;
}

/** Mean of the values that exist; null when fewer than `minCount` exist. */
export function meanOf(values: Num[], minCount = 1): Num {
  const xs = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (xs.length < Math.max(1, minCount)) return null;
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function median(values: number[]): Num {
  if (values.length === 0) return null;
  const xs = [...values].sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: number[]): Num {
  const m = median(values);
  if (m === null) return null;
  return median(values.map((x) => Math.abs(x - m)));
}

// ------------------------------------------------------------------ comparisons

/** A daily series read by date; missing days → null. */
export type Series = (date: string) => Num;

export type CampaignPhase = {
  /** e.g. '双11' */
  name: string;
  phase: 'preheat' | 'peak' | 'after';
  from: string;
  to: string;
};

export type Comparison = {
  value: Num;
  dayBefore: Num;
  lastWeek: Num;
  avg7: Num;
  avg28: Num;
  lastYear: Num;
  /** Mean of the earlier days of the same campaign phase (null outside campaigns). */
  phaseAvg: Num;
  phase: CampaignPhase | null;
  vsDayBefore: Num;
  vsLastWeek: Num;
  vsAvg7: Num;
  vsAvg28: Num;
  vsLastYear: Num;
  vsPhase: Num;
};

export function phaseOf(date: string, phases: CampaignPhase[]): CampaignPhase | null {
  return phases.find((p) => p.from <= date && date <= p.to) ?? null;
}

/**
 * The comparisons of the morning report. Trailing averages are over the 7 / 28 days before the
 * date (the date itself excluded) and need at least 4 / 14 days with data. "Same period last year"
 * is 364 days back (the same weekday).
 */
export function compare(series: Series, date: string, phases: CampaignPhase[] = []): Comparison {
  const value = series(date);
  const back = (n: number) => series(addDays(date, -n));
  const range = (n: number) => Array.from({ length: n }, (_, i) => back(i + 1));
  const dayBefore = back(1);
  const lastWeek = back(7);
  const avg7 = meanOf(range(7), 4);
  const avg28 = meanOf(range(28), 14);
  const lastYear = back(364);
  const phase = phaseOf(date, phases);
  let phaseAvg: Num = null;
  if (phase) {
    const earlier: Num[] = [];
    for (let d = phase.from; d < date; d = addDays(d, 1)) earlier.push(series(d));
    phaseAvg = meanOf(earlier);
  }
  return {
    value,
    dayBefore,
    lastWeek,
    avg7,
    avg28,
    lastYear,
    phaseAvg,
    phase,
    vsDayBefore: pctChange(value, dayBefore),
    vsLastWeek: pctChange(value, lastWeek),
    vsAvg7: pctChange(value, avg7),
    vsAvg28: pctChange(value, avg28),
    vsLastYear: pctChange(value, lastYear),
    vsPhase: pctChange(value, phaseAvg),
  };
}

// ------------------------------------------------------------------ baseline and anomalies

/** Weeks of same-weekday history the baseline looks at. */
export const BASELINE_WEEKS = 8;
/** The level is the median of the week before last week's same weekday (days t−14 … t−8). */
export const LEVEL_LAG = 7;
/** At least this many same-weekday values with data, else no baseline. */
export const BASELINE_MIN_POINTS = 4;
/** Fallback without 4 same-weekday values: at least this many of the last 14 days. */
export const SHORT_MIN_POINTS = 7;
/** Floor of the robust spread (log scale ≈ 4 %), so a very quiet history does not flag noise. */
export const MIN_SIGMA = 0.04;
/** |z| from which a swing is an anomaly, and the severity steps. */
export const Z_ANOMALY = 4;
export const Z_MEDIUM = 5.5;
export const Z_HIGH = 8;
/** 1.4826 × MAD estimates σ for normal noise. */
const MAD_TO_SIGMA = 1.4826;

export type Baseline = {
  /** Median of the same weekday over the last weeks (the expected value). */
  expected: number;
  /** Robust spread on the log scale (σ of ln x). */
  sigma: number;
  /** Band of ±2σ around `expected` (for charts). */
  low: number;
  high: number;
  points: number;
  /** The dates the baseline used. */
  dates: string[];
};

/**
 * Weekday-aware seasonal baseline with a moving level:
 *
 *   level(t)   = median of the 7 days t−14 … t−8 (≥ 4 usable values)
 *   r_k        = ln(x(t−7k) ÷ level(t−7k)),  k = 1 … BASELINE_WEEKS   (the same weekday)
 *   expected   = level(t) · exp(median r_k)
 *   sigma      = max(MIN_SIGMA, 1.4826 · MAD(r_k))
 *
 * The level follows trends and seasons with a week's lag (the lag keeps a drop of several
 * days — a stock-out — visible for a week instead of being absorbed); the weekday factor is the median of how
 * that weekday stood against its own week's level; the spread is robust (median/MAD), on the log
 * scale (multiplicative noise: a 10 % swing weighs the same on a big and a small day). Campaign
 * days (`exclude`) and days without data or ≤ 0 are left out everywhere. With fewer than
 * BASELINE_MIN_POINTS factors it falls back to the median of the same weekday (≥ 4 values), then
 * to the last 14 days weekday-blind (≥ SHORT_MIN_POINTS values), else null.
 */
export function seasonalBaseline(
  series: Series,
  date: string,
  opts: { exclude?: (date: string) => boolean; weeks?: number } = {},
): Baseline | null {
  const weeks = opts.weeks ?? BASELINE_WEEKS;
  const usable = (d: string): number | null => {
    if (opts.exclude?.(d)) return null;
    const v = series(d);
    return v != null && v > 0 && Number.isFinite(v) ? v : null;
  };
  const level = (d: string): number | null => {
    const xs: number[] = [];
    for (let k = LEVEL_LAG + 1; k <= LEVEL_LAG + 7; k++) {
      const v = usable(addDays(d, -k));
      if (v !== null) xs.push(v);
    }
    return xs.length >= 4 ? median(xs) : null;
  };
  const build = (center: number, logs: number[], dates: string[]): Baseline => {
    const m = median(logs)!;
    const sigma = Math.max(MIN_SIGMA, MAD_TO_SIGMA * (median(logs.map((x) => Math.abs(x - m))) ?? 0));
    const expected = center * Math.exp(m);
    return {
      expected,
      sigma,
      low: expected * Math.exp(-2 * sigma),
      high: expected * Math.exp(2 * sigma),
      points: logs.length,
      dates,
    };
  };

  const now = level(date);
  if (now !== null) {
    const logs: number[] = [];
    const dates: string[] = [];
    for (let k = 1; k <= weeks; k++) {
      const d = addDays(date, -7 * k);
      const v = usable(d);
      const l = v === null ? null : level(d);
      if (v === null || l === null) continue;
      logs.push(Math.log(v / l));
      dates.push(d);
    }
    if (logs.length >= BASELINE_MIN_POINTS) return build(now, logs, dates);
  }
  // Fallbacks for short histories: the same weekday, then the last 14 days.
  for (const [step, count, min] of [
    [7, weeks, BASELINE_MIN_POINTS],
    [1, 14, SHORT_MIN_POINTS],
  ] as const) {
    const xs: number[] = [];
    const dates: string[] = [];
    for (let k = 1; k <= count; k++) {
      const d = addDays(date, -step * k);
      const v = usable(d);
      if (v === null) continue;
      xs.push(Math.log(v));
      dates.push(d);
    }
    if (xs.length >= min) return build(1, xs, dates);
  }
  return null;
}

/** Days of week-over-week ratios the pooled noise reads, and how many it needs. */
export const NOISE_DAYS = 28;
export const NOISE_MIN_POINTS = 14;
/** How far back the pairs may be looked for (campaign days leave gaps). */
export const NOISE_REACH = 70;

/**
 * The metric's usual day-to-day noise (σ of ln x), pooled over all weekdays: 1.4826 × MAD of the
 * week-over-week log ratios ln(x(d) ÷ x(d−7)) of the last NOISE_DAYS usable days before `date`
 * (looking back at most NOISE_REACH days), ÷ √2 (each
 * ratio carries the noise of two days). The baseline's own spread comes from only 8 same-weekday
 * values and is, by chance, often far too small (a −33 % day at "z = −10" on a store whose paid
 * amount moves 13 % on a median day); this one reads 28 pairs. Campaign days (`exclude`) and
 * days without data are left out; fewer than NOISE_MIN_POINTS pairs → null.
 */
export function dailyNoise(
  series: Series,
  date: string,
  opts: { exclude?: (date: string) => boolean } = {},
): Num {
  const usable = (d: string): number | null => {
    if (opts.exclude?.(d)) return null;
    const v = series(d);
    return v != null && v > 0 && Number.isFinite(v) ? v : null;
  };
  const logs: number[] = [];
  for (let k = 1; k <= NOISE_REACH && logs.length < NOISE_DAYS; k++) {
    const d = addDays(date, -k);
    const a = usable(d);
    const b = a === null ? null : usable(addDays(d, -7));
    if (a !== null && b !== null) logs.push(Math.log(a / b));
  }
  if (logs.length < NOISE_MIN_POINTS) return null;
  const m = median(logs)!;
  return (MAD_TO_SIGMA * median(logs.map((x) => Math.abs(x - m)))!) / Math.SQRT2;
}

/** Robust z of a value against its baseline (log scale), capped at ±99; null without data. */
export function robustZ(value: Num, b: Baseline | null): Num {
  if (value == null || b === null) return null;
  if (value <= 0) return -99;
  const z = (Math.log(value) - Math.log(b.expected)) / b.sigma;
  return Math.max(-99, Math.min(99, z));
}

export type Severity = 'high' | 'medium' | 'low';

/** A big swing: |change| ≥ 20 % that is also ≥ 3σ (a move the team would look at by hand). */
export const BIG_SWING = 0.2;
/** The smallest relative change a |z| ≥ 4 swing must have to be a finding. */
export const MIN_EFFECT = 0.1;
export const Z_BIG_SWING = 3;
/** A swing must also exceed this many times the metric's pooled day-to-day noise (log scale). */
export const NOISE_K = 4;

/**
 * Severity of a swing from its robust z and its relative change against the baseline:
 * |z| ≥ 4 with |change| ≥ 10 % (an anomaly big enough to act on; the demo store's noise has
 * heavy tails, see docs/metrics.md) or a big
 * swing (|change| ≥ 20 % with |z| ≥ 3) is a finding;
 * |z| ≥ 8 or |change| ≥ 50 % → high, |z| ≥ 5.5 or |change| ≥ 25 % → medium, else low.
 */
export function severityOfZ(z: Num, change: Num = null, noise: Num = null): Severity | null {
  if (z == null) return null;
  const a = Math.abs(z);
  const c = change == null ? 0 : Math.abs(change);
  // A minimum absolute effect: a 6 % move on a calm metric may be 4 σ, but nobody acts on it.
  const flagged =
    (a >= Z_ANOMALY && (change == null || c >= MIN_EFFECT)) || (a >= Z_BIG_SWING && c >= BIG_SWING);
  if (!flagged) return null;
  // And beyond the metric's usual day-to-day noise (pooled over weekdays, `dailyNoise`).
  if (change != null && noise != null && Math.abs(Math.log1p(change)) < NOISE_K * noise) return null;
  if (a >= Z_HIGH || c >= 0.5) return 'high';
  if (a >= Z_MEDIUM || c >= 0.25) return 'medium';
  return 'low';
}

// ------------------------------------------------------------------ attribution

export type Cause = 'market' | 'ours' | 'mixed' | 'unknown';

export type Attribution = {
  store: number;
  industry: Num;
  /** store − industry, in fraction points (−0.07 = "about 7 points are ours"). */
  ours: Num;
  /** How much of the store's swing the market explains, 0…1 (null without industry data). */
  marketShare: Num;
  cause: Cause;
};

/**
 * DOMAIN.md §2: "if the whole industry moved, it is the market; if only we moved, look for our
 * own cause". The store's and the industry's swings are both measured against their own
 * baselines. The market explains industry / store of the swing when both move the same way
 * (capped at 1); ≥ 2/3 → market, ≤ 1/3 → ours, between → mixed. No industry data → unknown.
 */
export function attribute(storeChange: number, industryChange: Num): Attribution {
  if (industryChange == null)
    return { store: storeChange, industry: null, ours: null, marketShare: null, cause: 'unknown' };
  const ours = storeChange - industryChange;
  let share = 0;
  if (storeChange !== 0 && Math.sign(storeChange) === Math.sign(industryChange)) {
    share = Math.min(1, industryChange / storeChange);
  }
  const cause: Cause = share >= 2 / 3 ? 'market' : share <= 1 / 3 ? 'ours' : 'mixed';
  return { store: storeChange, industry: industryChange, ours, marketShare: share, cause };
}

// ------------------------------------------------------------------ decomposition

export type Funnel = { visitors: Num; conversion: Num; aov: Num };
export type Decomposition = {
  method: 'lmdi' | 'sequential';
  /** Contribution of each factor to the change of the paid amount, in fen; they sum to `delta`. */
  visitors: number;
  conversion: number;
  aov: number;
  delta: number;
};

/** Logarithmic mean L(a, b) = (a − b) / (ln a − ln b), L(a, a) = a. */
export function logMean(a: number, b: number): number {
  if (a === b) return a;
  return (a - b) / (Math.log(a) - Math.log(b));
}

/**
 * paid = visitors × conversion × AOV. With all six factors > 0: additive LMDI
 * (ΔP_x = L(P1, P0) · ln(x1 / x0)), which sums exactly to ΔP and does not depend on the order of
 * the factors. Otherwise (a zero day) sequential substitution in the order visitors →
 * conversion → AOV, a missing AOV taken as the other day's. Null without visitors or conversion.
 */
export function decompose(base: Funnel, cur: Funnel): Decomposition | null {
  const { visitors: v0, conversion: c0 } = base;
  const { visitors: v1, conversion: c1 } = cur;
  if (v0 == null || v1 == null || c0 == null || c1 == null) return null;
  const a0 = base.aov ?? cur.aov;
  const a1 = cur.aov ?? base.aov;
  if (a0 == null || a1 == null) return null;
  const p0 = v0 * c0 * a0;
  const p1 = v1 * c1 * a1;
  const delta = p1 - p0;
  if (v0 > 0 && v1 > 0 && c0 > 0 && c1 > 0 && a0 > 0 && a1 > 0) {
    const L = logMean(p1, p0);
    return {
      method: 'lmdi',
      visitors: L * Math.log(v1 / v0),
      conversion: L * Math.log(c1 / c0),
      aov: L * Math.log(a1 / a0),
      delta,
    };
  }
  return {
    method: 'sequential',
    visitors: (v1 - v0) * c0 * a0,
    conversion: v1 * (c1 - c0) * a0,
    aov: v1 * c1 * (a1 - a0),
    delta,
  };
}

export type ProductDelta = { productId: string; title: string | null; cur: number; base: number };
export type ProductContribution = ProductDelta & {
  delta: number;
  /** Share of the store's change in the same direction (0…1); null when the store did not move. */
  share: Num;
};

/**
 * Which products the change comes from: each product's change, ranked by the size of its part
 * in the store's move (losses first when the store fell), share = delta ÷ the sum of the deltas
 * in the store's direction (0 for products that moved the other way).
 */
export function productContributions(rows: ProductDelta[]): ProductContribution[] {
  const total = rows.reduce((s, r) => s + (r.cur - r.base), 0);
  // Shares of the moves in the store's direction (gross), so they stay within 0 … 1 even when
  // other products moved the other way.
  const gross = rows.reduce((s, r) => {
    const d = r.cur - r.base;
    return total !== 0 && Math.sign(d) === Math.sign(total) ? s + d : s;
  }, 0);
  const out = rows.map((r) => {
    const delta = r.cur - r.base;
    const share = total === 0 ? null : Math.sign(delta) === Math.sign(total) ? delta / gross : 0;
    return { ...r, delta, share };
  });
  const dir = total < 0 ? 1 : -1;
  return out.sort((a, b) => dir * (a.delta - b.delta) || a.productId.localeCompare(b.productId));
}

// ------------------------------------------------------------------ reconciliation and money

/** Orders-derived vs platform figure: a gap above 1 % of the platform's is a finding. */
export const RECONCILE_TOLERANCE = 0.01;

export function reconcile(fromOrders: number, platform: Num): { gap: Num; ratio: Num; finding: boolean } {
  if (platform == null) return { gap: null, ratio: null, finding: false };
  const gap = fromOrders - platform;
  if (platform === 0) return { gap, ratio: null, finding: gap !== 0 };
  const r = gap / platform;
  return { gap, ratio: r, finding: Math.abs(r) > RECONCILE_TOLERANCE };
}

export type MetricKey = 'paidAmount' | 'visitors' | 'conversion' | 'aov' | 'refundRate';

/** What a day looked like, for turning a swing into money; `usual` = the baselines' expected values. */
export type StakeDay = {
  visitors: Num;
  conversion: Num;
  aov: Num;
  buyers: Num;
  paid: Num;
  /** Used when the day's own figure is missing or zero (a day without buyers has no AOV). */
  usual?: { conversion?: Num; aov?: Num; paid?: Num };
};

/**
 * The money a swing is worth (fen, > 0 whenever the metric moved and any money figure is known):
 * a drop is the money lost, a rise the money gained (what is at stake if it does not last).
 * paid amount: |expected − actual|; visitors: |Δ visitors| × conversion × AOV; conversion:
 * visitors × |Δ conversion| × AOV; AOV: buyers × |Δ AOV|; refund rate (only a rise counts):
 * extra rate × paid. A figure the day lacks (no buyers → no AOV) is taken from its baseline;
 * when even that is missing, the expected paid amount × the relative change.
 */
export function moneyAtStake(metric: MetricKey, actual: number, expected: number, day: StakeDay): number {
  const diff = metric === 'refundRate' ? actual - expected : expected - actual;
  if (metric === 'refundRate' && !(diff > 0)) return 0;
  const miss = Math.abs(diff);
  if (!(miss > 0) || !Number.isFinite(miss)) return 0;
  const pos = (x: Num | undefined): number | null => (x != null && Number.isFinite(x) && x > 0 ? x : null);
  const conv = pos(day.conversion) ?? pos(day.usual?.conversion);
  const aov = pos(day.aov) ?? pos(day.usual?.aov);
  const paid = pos(day.paid) ?? pos(day.usual?.paid);
  let v: number | null = null;
  switch (metric) {
    case 'paidAmount':
      v = miss;
      break;
    case 'visitors':
      v = conv != null && aov != null ? miss * conv * aov : null;
      break;
    case 'conversion': {
      const visitors = pos(day.visitors);
      v = visitors != null && aov != null ? visitors * miss * aov : null;
      break;
    }
    case 'aov': {
      const buyers = pos(day.buyers) ?? (paid != null && aov != null ? paid / aov : null);
      v = buyers != null ? buyers * miss : null;
      break;
    }
    case 'refundRate':
      v = paid != null ? miss * paid : null;
      break;
  }
  if (v == null && paid != null && expected > 0 && metric !== 'refundRate') v = (paid * miss) / expected;
  return v == null || !Number.isFinite(v) ? 0 : Math.max(1, Math.round(v));
}

// ------------------------------------------------------------------ the platform calendar

/** Spring Festival (正月初一) dates: 年货节 and the festival's market low move with it. */
const SPRING_FESTIVAL: Record<number, string> = {
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/**
 * The usual Tmall calendar (DOMAIN.md §2 activities: 年货节, 618, 双11, 双12, plus 春节, 女王节,
 * 国庆) as campaign phases, used until the marketing module provides the store's own campaigns.
 * 年货节 = festival −30 … −20, 春节 = −9 … +6 (a market-wide low), 女王节 03-05 … 03-08,
 * 618 = 05-26 … 06-20 (pre-heat to 05-30, after from 06-19), 国庆 10-01 … 10-07,
 * 双11 = 10-24 … 11-13 (pre-heat to 10-30, after from 11-12), 双12 = 12-10 … 12-13.
 */
export function platformCalendar(fromYear: number, toYear: number): CampaignPhase[] {
  const out: CampaignPhase[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const sf = SPRING_FESTIVAL[y];
    if (sf) {
      out.push({ name: '年货节', phase: 'peak', from: addDays(sf, -30), to: addDays(sf, -20) });
      out.push({ name: '春节', phase: 'peak', from: addDays(sf, -9), to: addDays(sf, 6) });
    }
    const d = (md: string) => `${y}-${md}`;
    out.push(
      { name: '女王节', phase: 'preheat', from: d('03-05'), to: d('03-07') },
      { name: '女王节', phase: 'peak', from: d('03-08'), to: d('03-08') },
      { name: '618', phase: 'preheat', from: d('05-26'), to: d('05-30') },
      { name: '618', phase: 'peak', from: d('05-31'), to: d('06-18') },
      { name: '618', phase: 'after', from: d('06-19'), to: d('06-20') },
      { name: '国庆', phase: 'peak', from: d('10-01'), to: d('10-07') },
      { name: '双11', phase: 'preheat', from: d('10-24'), to: d('10-30') },
      { name: '双11', phase: 'peak', from: d('10-31'), to: d('11-11') },
      { name: '双11', phase: 'after', from: d('11-12'), to: d('11-13') },
      { name: '双12', phase: 'preheat', from: d('12-10'), to: d('12-11') },
      { name: '双12', phase: 'peak', from: d('12-12'), to: d('12-12') },
      { name: '双12', phase: 'after', from: d('12-13'), to: d('12-13') },
    );
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

/** Days after a campaign's last phase that still are not normal (returns, the slump after). */
export const AFTER_CAMPAIGN_DAYS = 3;

/** True when a day is inside a campaign or within AFTER_CAMPAIGN_DAYS after one (kept out of baselines). */
export function isCampaignDay(date: string, phases: CampaignPhase[]): boolean {
  return phases.some((p) => p.from <= date && date <= addDays(p.to, AFTER_CAMPAIGN_DAYS));
}

/** The morning report's push time when the store set none (store time). */
export const DEFAULT_REPORT_PUSH_AT = '09:00';

/** 'HH:mm', 00:00–23:59. */
export function isValidHm(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59;
}

/** 竞品动态 types the data analyst records by hand. */
export const COMPETITOR_MOVE_KINDS = ['price_cut', 'coupon', 'campaign', 'new_product', 'other'] as const;
export type CompetitorMoveKind = (typeof COMPETITOR_MOVE_KINDS)[number];

// ------------------------------------------------------------------ traffic sources (流量来源)

/** One rollup row of a traffic source: the store's (subject '') or a product's (subject = its id). */
export type SourceDayRow = {
  date: string;
  scope: 'store' | 'product' | 'competitor';
  subject: string;
  source: string;
  title: string | null;
  visitors: Num;
};

/** A source (store) or product × source (product) with its day and its usual day. */
export type SourceCell = {
  key: string;
  productId: string | null;
  title: string | null;
  source: string;
  cur: number;
  base: number;
};
export type SourceShare = SourceCell & {
  delta: number;
  /** Share of the move in the store's direction (0…1); null when nothing moved. */
  share: Num;
};

/** Weeks a source's usual day looks back (same weekday) and how many must have data. */
export const SOURCE_BASELINE_WEEKS = 4;
export const SOURCE_BASELINE_MIN_WEEKS = 2;

/**
 * Each (subject, source)'s visitors on `date` against its usual day: the median of the same
 * weekday over the 4 weeks before (≥ 2 weeks with the file; campaign days in `exclude` skipped).
 * A week the file covers (any row of that scope and subject that day) without a row for the
 * source counts 0 visitors — the source dried up; a week the file does not cover is skipped.
 * Today without a row for a source the subject had is 0 when the subject has rows today; a
 * subject with no row at all today is left out (no data, not a collapse). Sorted by key.
 */
export function sourceCells(
  rows: readonly SourceDayRow[],
  date: string,
  scope: 'store' | 'product' | 'competitor',
  exclude: ReadonlySet<string> = new Set(),
): SourceCell[] {
  const weeks: string[] = [];
  for (let k = 1; weeks.length < SOURCE_BASELINE_WEEKS && k <= SOURCE_BASELINE_WEEKS + 4; k++) {
    const w = addDays(date, -7 * k);
    if (!exclude.has(w)) weeks.push(w);
  }
  const wanted = new Set([date, ...weeks]);
  /** subject → date → source → visitors */
  const bySubject = new Map<string, { title: string | null; days: Map<string, Map<string, number>> }>();
  for (const r of rows) {
    if (r.scope !== scope || !wanted.has(r.date)) continue;
    let s = bySubject.get(r.subject);
    if (!s) {
      s = { title: null, days: new Map() };
      bySubject.set(r.subject, s);
    }
    if (r.title) s.title = r.title;
    let day = s.days.get(r.date);
    if (!day) {
      day = new Map();
      s.days.set(r.date, day);
    }
    day.set(r.source, (day.get(r.source) ?? 0) + (r.visitors ?? 0));
  }
  const out: SourceCell[] = [];
  for (const [subject, s] of bySubject) {
    const today = s.days.get(date);
    if (!today) continue;
    const covered = weeks.filter((w) => s.days.has(w));
    if (covered.length < SOURCE_BASELINE_MIN_WEEKS) continue;
    const sources = new Set<string>(today.keys());
    for (const w of covered) for (const src of s.days.get(w)!.keys()) sources.add(src);
    for (const source of sources) {
      const base = median(covered.map((w) => s.days.get(w)!.get(source) ?? 0)) ?? 0;
      out.push({
        key: scope === 'store' ? source : `${subject}|${source}`,
        productId: scope === 'store' ? null : subject,
        title: s.title,
        source,
        cur: today.get(source) ?? 0,
        base,
      });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Shares of a move: each cell's change and its part of the moves in `direction` (the store's:
 * −1 a loss, +1 a gain): share = delta ÷ Σ deltas in that direction, 0 for cells that moved the
 * other way, so shares stay within 0…1. Ranked biggest part first. Without a direction (0) every
 * share is null.
 */
export function sourceShares(cells: readonly SourceCell[], direction: number): SourceShare[] {
  const dir = Math.sign(direction);
  const gross = cells.reduce((s, c) => {
    const d = c.cur - c.base;
    return dir !== 0 && Math.sign(d) === dir ? s + d : s;
  }, 0);
  return cells
    .map((c) => {
      const delta = c.cur - c.base;
      const share = dir === 0 || gross === 0 ? null : Math.sign(delta) === dir ? delta / gross : 0;
      return { ...c, delta, share };
    })
    .sort((a, b) => (dir < 0 ? a.delta - b.delta : b.delta - a.delta) || a.key.localeCompare(b.key));
}

export type SourceAttribution = {
  /** no_data: no 流量来源 file covers the day; no_baseline: it does, without enough history. */
  state: 'ok' | 'no_data' | 'no_baseline';
  direction: -1 | 0 | 1;
  /** The store's visitors over its sources (店铺来源), today and usually. */
  total: { cur: number; base: number; delta: number; change: Num } | null;
  sources: SourceShare[];
  products: SourceShare[];
  /** What the sentence names: a product × source when one carries ≥ 30 % of the move, else a source. */
  top: SourceShare | null;
};

/** A product × source is named when it carries at least this share of the move. */
export const SOURCE_PRODUCT_MIN_SHARE = 0.3;

/**
 * Where a visitor swing comes from: the store's sources (店铺来源) and the products' sources
 * (商品来源) against their usual day. `direction` is the swing's sign (−1 a drop); without it
 * the store's total over its sources decides (else the products'). "80 % of our loss is
 * 商品X's 手淘搜索 traffic" = top (a product × source with share 0.8).
 */
export function attributeSources(
  rows: readonly SourceDayRow[],
  date: string,
  opts: { direction?: number; exclude?: ReadonlySet<string> } = {},
): SourceAttribution {
  const anyToday = rows.some((r) => r.date === date && r.scope !== 'competitor');
  const empty = (state: SourceAttribution['state']): SourceAttribution => ({
    state,
    direction: 0,
    total: null,
    sources: [],
    products: [],
    top: null,
  });
  if (!anyToday) return empty('no_data');
  const store = sourceCells(rows, date, 'store', opts.exclude);
  const products = sourceCells(rows, date, 'product', opts.exclude);
  if (store.length === 0 && products.length === 0) return empty('no_baseline');
  const sum = (cs: SourceCell[], f: (c: SourceCell) => number) => cs.reduce((s, c) => s + f(c), 0);
  const total =
    store.length > 0
      ? (() => {
          const cur = sum(store, (c) => c.cur);
          const base = sum(store, (c) => c.base);
          return { cur, base, delta: cur - base, change: pctChange(cur, base) };
        })()
      : null;
  const own = total ? total.delta : sum(products, (c) => c.cur - c.base);
  const direction = Math.sign(opts.direction ?? 0) || Math.sign(own);
  const dir = (direction === 0 ? 0 : direction) as -1 | 0 | 1;
  const sourceRank = sourceShares(store, dir);
  const productRank = sourceShares(products, dir);
  const p0 = productRank[0];
  const s0 = sourceRank[0];
  const top =
    p0 && p0.share != null && p0.share >= SOURCE_PRODUCT_MIN_SHARE
      ? p0
      : s0 && s0.share != null && s0.share > 0
        ? s0
        : p0 && p0.share != null && p0.share > 0
          ? p0
          : null;
  return { state: 'ok', direction: dir, total, sources: sourceRank, products: productRank, top };
}

/** A competitor's source is a swing when its visitors are ≥ +50 % of its usual day… */
export const COMPETITOR_SOURCE_SURGE = 0.5;
/** …and the extra visitors are ≥ 10 % of the competitor's usual visitors over all sources. */
export const COMPETITOR_SOURCE_MIN_SHARE = 0.1;

export type CompetitorSourceSwing = {
  shop: string;
  source: string;
  visitors: number;
  usual: number;
  change: number;
  /** The extra visitors ÷ the competitor's usual visitors over all its sources. */
  extraShare: number;
};

/**
 * Competitors' traffic-source swings (the 竞品 variant of 流量来源): a source of a competitor up
 * ≥ 50 % against its usual day (same rule as the store's: median of the same weekday over 4
 * weeks) carrying extra visitors ≥ 10 % of the competitor's usual total — a new ad push (直通车),
 * a promotion lifting 手淘推荐, a search-rank win. Biggest extra share first.
 */
export function competitorSourceSwings(
  rows: readonly SourceDayRow[],
  date: string,
  exclude: ReadonlySet<string> = new Set(),
): CompetitorSourceSwing[] {
  const cells = sourceCells(rows, date, 'competitor', exclude);
  const usualTotal = new Map<string, number>();
  for (const c of cells) usualTotal.set(c.productId!, (usualTotal.get(c.productId!) ?? 0) + c.base);
  const out: CompetitorSourceSwing[] = [];
  for (const c of cells) {
    const total = usualTotal.get(c.productId!) ?? 0;
    if (c.base <= 0 || total <= 0) continue;
    const change = c.cur / c.base - 1;
    const extraShare = (c.cur - c.base) / total;
    if (change < COMPETITOR_SOURCE_SURGE || extraShare < COMPETITOR_SOURCE_MIN_SHARE) continue;
    out.push({ shop: c.productId!, source: c.source, visitors: c.cur, usual: c.base, change, extraShare });
  }
  return out.sort((a, b) => b.extraShare - a.extraShare || a.shop.localeCompare(b.shop));
}
