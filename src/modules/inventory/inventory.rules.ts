/**
 * Sellable days and restock (DOMAIN.md §7: "sellable days per SKU (stock ÷ recent daily sales,
 * raised for planned campaigns) … restock with the manufacturer before stock-out … stock checked
 * before any campaign"). Pure functions: the service loads the history, these decide.
 *
 * The method (docs/inventory.md):
 * 1. Base level: the mean of the last 28 "normal" days (not a campaign day, not a stock-out day),
 *    winsorised at median + 4·max(1.48·MAD, median/2, 1) so one spike the calendar does not know about cannot lift it.
 *    Fewer than 28 normal days (a new SKU) → the mean of what there is; no history → 0.
 * 2. Weekday pattern: over the last 56 normal days, each weekday's mean ÷ the overall mean,
 *    shrunk toward 1 by n/(n+4) (n = that weekday's days); only with ≥ 14 normal days.
 * 3. Season: with a year of history, last year's sales in the coming window ÷ last year's sales
 *    in the 28 days before the same date (campaign days of last year left out of both), shrunk
 *    and clamped to [0.5, 2].
 * 4. Campaigns: a future campaign day is the base × weekday × season × the campaign's uplift —
 *    the uplift given by the calendar, else this SKU's own past campaign days ÷ its normal level
 *    (≥ 3 campaign days seen), else DEFAULT_CAMPAIGN_UPLIFT. Past campaign days never feed the
 *    base, so a spike is not extrapolated into normal days.
 */
import { addDays } from '../../core/time';

export const BASE_WINDOW_DAYS = 28;
export const PATTERN_WINDOW_DAYS = 56;
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

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function campaignOn(date: string, campaigns: CampaignPeriod[] | undefined): CampaignPeriod | null {
  if (!campaigns) return null;
  for (const c of campaigns) if (date >= c.start && date <= c.end) return c;
  return null;
}

/**
 * Fills gaps: the history as a dense array from the first day with data to asOf (days without a
 * row sold 0). Points after asOf are ignored.
 */
export function denseHistory(points: DayPoint[], asOf: string): DayPoint[] {
  const valid = points.filter((p) => p.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (!valid.length) return [];
  const byDate = new Map<string, DayPoint>();
  for (const p of valid) {
    const prev = byDate.get(p.date);
    byDate.set(p.date, prev ? { ...prev, qty: prev.qty + p.qty, stockout: prev.stockout || p.stockout } : p);
  }
  const out: DayPoint[] = [];
  const n = daysBetween(valid[0]!.date, asOf);
  for (let i = 0; i <= n; i++) {
    const d = addDays(valid[0]!.date, i);
    out.push(byDate.get(d) ?? { date: d, qty: 0 });
  }
  return out;
}

/** Forecast daily demand for one SKU from its daily history. */
export function forecastSku(points: DayPoint[], opts: ForecastOptions): Forecast {
  const horizon = opts.horizonDays ?? 60;
  const hist = denseHistory(points, opts.asOf);
  const campaigns = opts.campaigns ?? [];
  const isNormal = (p: DayPoint) => !p.stockout && !campaignOn(p.date, campaigns);
  const normal = hist.filter(isNormal);

  // 1. Base level, robust to spikes the calendar does not name.
  const recent = normal.slice(-BASE_WINDOW_DAYS).map((p) => p.qty);
  const med = median(recent);
  const mad = median(recent.map((q) => Math.abs(q - med)));
  // Scale: MAD (normal-consistent), but never below half the median (weekday swings are not
  // spikes) nor 1 unit (slow sellers).
  const cap = med + 4 * Math.max(1.4826 * mad, 0.5 * med, 1);
  const clipped = recent.map((q) => Math.min(q, cap));
  const base = mean(clipped);
  const sigma = Math.sqrt(mean(clipped.map((q) => (q - base) ** 2)));

  // 2. Weekday pattern.
  const weekdayFactors = [1, 1, 1, 1, 1, 1, 1];
  const pattern = normal.slice(-PATTERN_WINDOW_DAYS);
  const patternMean = mean(pattern.map((p) => Math.min(p.qty, cap)));
  if (pattern.length >= MIN_DAYS_FOR_WEEKDAY && patternMean > 0) {
    for (let w = 0; w < 7; w++) {
      const days = pattern.filter((p) => weekday(p.date) === w).map((p) => Math.min(p.qty, cap));
      if (!days.length) continue;
      const raw = mean(days) / patternMean;
      const k = days.length / (days.length + 4);
      weekdayFactors[w] = 1 + k * (raw - 1);
    }
    // Renormalise so a week of factors averages 1 (the base already is the mean level).
    const avg = mean(weekdayFactors);
    for (let w = 0; w < 7; w++) weekdayFactors[w] = weekdayFactors[w]! / avg;
  }

  // 3. Season from last year.
  let seasonFactor = 1;
  if (hist.length >= 365 + BASE_WINDOW_DAYS) {
    const byDate = new Map(hist.map((p) => [p.date, p]));
    const sumRange = (from: string, days: number) => {
      let s = 0;
      let n = 0;
      for (let i = 0; i < days; i++) {
        const p = byDate.get(addDays(from, i));
        if (p && isNormal(p)) {
          s += p.qty;
          n++;
        }
      }
      return n ? s / n : 0;
    };
    const lastYear = addDays(opts.asOf, -364); // same weekday a year ago
    const before = sumRange(addDays(lastYear, -BASE_WINDOW_DAYS + 1), BASE_WINDOW_DAYS);
    const ahead = sumRange(addDays(lastYear, 1), Math.min(horizon, 28));
    if (before > 0 && ahead > 0) {
      const raw = ahead / before;
      seasonFactor = Math.min(2, Math.max(0.5, 1 + 0.7 * (raw - 1)));
    }
  }

  // 4. Campaign uplift learnt from the SKU's own past campaign days.
  const pastCampaign = hist.filter((p) => !p.stockout && campaignOn(p.date, campaigns));
  let learntUplift = DEFAULT_CAMPAIGN_UPLIFT;
  if (pastCampaign.length >= 3 && base > 0) {
    learntUplift = Math.min(10, Math.max(1, mean(pastCampaign.map((p) => p.qty)) / base));
  }

  const daily: Forecast['daily'] = [];
  for (let i = 1; i <= horizon; i++) {
    const date = addDays(opts.asOf, i);
    const c = campaignOn(date, campaigns);
    const uplift = c ? (c.uplift ?? learntUplift) : 1;
    daily.push({
      date,
      qty: base * weekdayFactors[weekday(date)]! * seasonFactor * uplift,
      campaign: c?.name ?? null,
    });
  }

  let lastSaleDate: string | null = null;
  for (let i = hist.length - 1; i >= 0; i--)
    if (hist[i]!.qty > 0) {
      lastSaleDate = hist[i]!.date;
      break;
    }
  const from30 = addDays(opts.asOf, -(SLOW_MOVER_DAYS - 1));
  const soldLast30 = hist.filter((p) => p.date >= from30).reduce((s, p) => s + p.qty, 0);

  return {
    baseVelocity: base,
    weekdayFactors,
    seasonFactor,
    campaignUplift: learntUplift,
    daily,
    sigma,
    historyDays: hist.length,
    confidence: hist.length === 0 ? 'none' : normal.length < MIN_DAYS_FOR_WEEKDAY ? 'low' : 'normal',
    lastSaleDate,
    soldLast30,
  };
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
  const avg = mean(daily.map((d) => d.qty));
  if (avg <= 1e-9) return { days: null, stockoutDate: null };
  const days = daily.length + left / avg;
  return { days, stockoutDate: daily.length ? addDays(daily[0]!.date, Math.floor(days)) : null };
}

/** Inverse of the standard normal CDF (Acklam's approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`service level must be in (0,1): ${p}`);
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
    2.50662827745924,
  ];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497,
    2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
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

/**
 * Reorder point = demand over the lead time + safety stock, safety = z(service level) · σ ·
 * √(lead time) (σ the normal daily deviation). When stock position (available + inbound) is at
 * or below it, order up to demand over (lead time + review) + safety, rounded up to the pack.
 */
export function restockAdvice(f: Pick<Forecast, 'daily' | 'sigma'>, input: RestockInput): RestockAdvice {
  if (input.leadTimeDays < 0) throw new RangeError('lead time must be ≥ 0');
  const L = Math.round(input.leadTimeDays);
  const R = Math.round(input.reviewDays ?? DEFAULT_REVIEW_DAYS);
  const z = normalQuantile(input.serviceLevel ?? DEFAULT_SERVICE_LEVEL);
  const demand = (days: number) => {
    let s = 0;
    for (let i = 0; i < days; i++) {
      const d = f.daily[i];
      s += d ? d.qty : (f.daily[f.daily.length - 1]?.qty ?? 0);
    }
    return s;
  };
  const leadTimeDemand = demand(L);
  const safetyStock = Math.max(0, z * f.sigma * Math.sqrt(Math.max(L, 1)));
  const reorderPoint = Math.ceil(leadTimeDemand + safetyStock);
  const orderUpTo = Math.ceil(demand(L + R) + safetyStock);
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

/** The campaign (if any) that starts within `days` after asOf and which this stock does not last through. */
export function campaignShortfall(
  f: Pick<Forecast, 'daily'>,
  available: number,
  campaigns: CampaignPeriod[],
  asOf: string,
  withinDays: number,
): { campaign: CampaignPeriod; stockoutDate: string; shortBy: number } | null {
  const upcoming = campaigns
    .filter((c) => c.start > asOf && c.start <= addDays(asOf, withinDays))
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  for (const c of upcoming) {
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
