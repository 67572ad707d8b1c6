/**
 * The morning diagnosis over loaded rollups: pure functions from rows to headline figures and
 * findings (no database). The service loads the rows and stores what comes out.
 */
import { addDays } from '../../core/time';
import type { EarlyOfflinePlan } from '../marketing/marketing.service';
import {
  AFTER_CAMPAIGN_DAYS,
  attribute,
  BASELINE_WEEKS,
  type Baseline,
  type CampaignPhase,
  type Cause,
  compare,
  dailyNoise,
  LEVEL_LAG,
  type MetricKey,
  median,
  moneyAtStake,
  NOISE_REACH,
  type Num,
  pctChange,
  productContributions,
  ratio,
  reconcile,
  robustZ,
  type Series,
  type Severity,
  type StakeDay,
  seasonalBaseline,
  severityOfZ,
  Z_ANOMALY,
} from './metrics.rules';
import type { metricProductDaily, metricStoreDaily } from './metrics.schema';

export type StoreDay = typeof metricStoreDaily.$inferSelect;
export type ProductDay = typeof metricProductDaily.$inferSelect;
/** The product figures the diagnosis reads (the service loads only these). */
export type ProductDiagnosisDay = Pick<
  ProductDay,
  'date' | 'productId' | 'title' | 'paidAmountFen' | 'platformPaidAmountFen' | 'visitors' | 'reviewsBad'
>;

/**
 * How many days before a date its diagnosis reads (so the service loads no more, and a rollup
 * that changed date d re-diagnoses d … d + DIAGNOSIS_REACH): a product's same weekday over 8
 * weeks (56 days; its bad reviews 28); a store's or competitor's baseline, 8 same weekdays each
 * with its level 8–14 days before (70 days); the pooled noise, week-over-week pairs up to 70 + 7
 * days back; a competitor's usual price, 14 days.
 */
export const PRODUCT_REACH = 7 * BASELINE_WEEKS;
export const DIAGNOSIS_REACH = Math.max(7 * BASELINE_WEEKS + LEVEL_LAG + 7, NOISE_REACH + 7, PRODUCT_REACH);

/** The headline figures of a day, each with the rule that made it. */
export const METRIC_RULES: Record<MetricKey | 'buyers' | 'uvValue', string> = {
  paidAmount:
    '生意参谋 支付金额 when the 店铺整体 file covers the day, else Σ 买家实际支付金额 of orders paid that day',
  visitors: '生意参谋 访客数 (no orders-based substitute)',
  buyers: '生意参谋 支付买家数, else distinct buyers of orders paid that day',
  conversion: '支付转化率 = paying buyers ÷ visitors',
  aov: '客单价 = paid amount ÷ paying buyers',
  uvValue: 'UV 价值 = paid amount ÷ visitors',
  refundRate: '退款率 = refunds finished 退款成功 that day ÷ orders paid that day',
};

export function paidOf(r: StoreDay | undefined): Num {
  if (!r) return null;
  return r.platformPaidAmountFen ?? r.orderPaidAmountFen;
}
export function buyersOf(r: StoreDay | undefined): Num {
  if (!r) return null;
  return r.platformPaidBuyers ?? r.orderPaidBuyers;
}

/** Value of a headline metric on a day's row (null = no data). */
export function metricValue(
  metric: MetricKey | 'buyers' | 'uvValue' | 'industryVisitors',
  r: StoreDay | undefined,
): Num {
  if (!r) return null;
  switch (metric) {
    case 'paidAmount':
      return paidOf(r);
    case 'visitors':
      return r.visitors;
    case 'buyers':
      return buyersOf(r);
    case 'conversion':
      return ratio(buyersOf(r), r.visitors);
    case 'aov':
      return ratio(paidOf(r), buyersOf(r));
    case 'uvValue':
      return ratio(paidOf(r), r.visitors);
    case 'refundRate':
      return ratio(r.refundCount, r.orderPaidOrders);
    case 'industryVisitors':
      return r.industryVisitors;
  }
}

/** The industry counterpart of a store metric (for attribution), or null when there is none. */
function industryValue(metric: MetricKey, r: StoreDay | undefined): Num {
  if (!r) return null;
  switch (metric) {
    case 'paidAmount':
      return r.industryPaidAmountFen;
    case 'visitors':
      return r.industryVisitors;
    case 'conversion':
      return ratio(r.industryPaidBuyers, r.industryVisitors);
    case 'aov':
      return ratio(r.industryPaidAmountFen, r.industryPaidBuyers);
    default:
      return null;
  }
}

export const HEADLINE_METRICS: MetricKey[] = ['paidAmount', 'visitors', 'conversion', 'aov', 'refundRate'];
/** Metrics where only a rise is bad. */
const RISE_IS_BAD = new Set<MetricKey>(['refundRate']);

export type DayIndex = { byDate: Map<string, StoreDay>; phases: CampaignPhase[]; campaignDays: Set<string> };

export function indexDays(rows: StoreDay[], phases: CampaignPhase[] = []): DayIndex {
  // Campaign days (and the few days after) as a set: the baselines ask for every day they read.
  const campaignDays = new Set<string>();
  for (const p of phases)
    for (let d = p.from; d <= addDays(p.to, AFTER_CAMPAIGN_DAYS); d = addDays(d, 1)) campaignDays.add(d);
  return { byDate: new Map(rows.map((r) => [r.date, r])), phases, campaignDays };
}

function seriesOf(ix: DayIndex, f: (r: StoreDay | undefined) => Num): Series {
  return (d) => f(ix.byDate.get(d));
}

/** Campaign days stay out of the baseline (a 双11 is not "normal"). */
function excludeOf(ix: DayIndex) {
  return (d: string) => ix.campaignDays.has(d);
}

export function baselineOf(ix: DayIndex, f: (r: StoreDay | undefined) => Num, date: string): Baseline | null {
  return seasonalBaseline(seriesOf(ix, f), date, { exclude: excludeOf(ix) });
}

export type FindingDraft = {
  key: string;
  kind:
    | 'swing'
    | 'product_drop'
    | 'reconcile'
    | 'bad_reviews'
    | 'competitor_surge'
    | 'competitor_price_cut'
    | 'competitor_source'
    | 'ad_offline';
  metric: string;
  severity: Severity;
  cause: Cause | null;
  moneyAtStakeFen: number;
  messageKey: string;
  params: Record<string, string | number>;
  explanation: Record<string, unknown>;
  links: { kind: string; id: string; label?: string }[];
};

const pct1 = (x: number) => Math.round(x * 1000) / 10;
/** A market move the store followed: both moved ≥ 10 % the same way (industry |z| ≥ 4). */
export const MARKET_MOVE = 0.1;
/** A product's loss must be at least this share of the store's expected day to be a finding. */
export const PRODUCT_DROP_SHARE = 0.08;

/** Product figures of a day and their same-weekday baseline (median of up to 8 weeks). */
function productBaselines(products: ProductDiagnosisDay[], date: string) {
  const byProduct = new Map<
    string,
    { title: string | null; cur: number; hist: number[]; visitors: Num; visHist: number[] }
  >();
  const weekdays = new Set(Array.from({ length: 8 }, (_, k) => addDays(date, -7 * (k + 1))));
  const lastWeek = new Set(Array.from({ length: 7 }, (_, k) => addDays(date, -(k + 1))));
  const recent = new Map<string, number>();
  for (const p of products) {
    if (lastWeek.has(p.date))
      recent.set(p.productId, (recent.get(p.productId) ?? 0) + (p.platformPaidAmountFen ?? p.paidAmountFen));
    if (p.date !== date && !weekdays.has(p.date)) continue;
    let e = byProduct.get(p.productId);
    if (!e) {
      e = { title: p.title, cur: 0, hist: [], visitors: null, visHist: [] };
      byProduct.set(p.productId, e);
    }
    if (p.title) e.title = p.title;
    const amt = p.platformPaidAmountFen ?? p.paidAmountFen;
    if (p.date === date) {
      e.cur = amt;
      e.visitors = p.visitors;
    } else {
      e.hist.push(amt);
      if (p.visitors != null) e.visHist.push(p.visitors);
    }
  }
  const med = (xs: number[], n: number) => {
    // Weeks without a row are 0 sales (the product sold nothing that day).
    const all = [...xs, ...Array(Math.max(0, n - xs.length)).fill(0)].sort((a, b) => a - b);
    if (all.length === 0) return 0;
    const m = all.length >> 1;
    return all.length % 2 ? all[m] : (all[m - 1] + all[m]) / 2;
  };
  const weeksWithData = 8;
  return [...byProduct.entries()].map(([productId, e]) => ({
    productId,
    title: e.title,
    cur: e.cur,
    // The lower of the same-weekday median and the last 7 days' mean: a product on its way
    // out of season is not "collapsing" against its summer weeks.
    base: Math.min(med(e.hist, weeksWithData), (recent.get(productId) ?? 0) / 7),
    visitors: e.visitors,
    baseVisitors: e.visHist.length >= 4 ? med(e.visHist, e.visHist.length) : null,
  }));
}

/**
 * Findings of one day: store-level swings beyond the robust baseline (with market-vs-ours
 * attribution and the products behind a money swing), products whose sales collapsed, an
 * orders-vs-platform gap above 1 %, and bursts of bad reviews.
 */
export function diagnoseDay(ix: DayIndex, products: ProductDiagnosisDay[], date: string): FindingDraft[] {
  const day = ix.byDate.get(date);
  if (!day) return [];
  const out: FindingDraft[] = [];
  const usual = (m: MetricKey) => baselineOf(ix, (r) => metricValue(m, r), date)?.expected ?? null;
  const dayCtx: StakeDay = {
    visitors: day.visitors,
    conversion: metricValue('conversion', day),
    aov: metricValue('aov', day),
    buyers: buyersOf(day),
    paid: paidOf(day),
    usual: { conversion: usual('conversion'), aov: usual('aov'), paid: usual('paidAmount') },
  };
  const prods = productBaselines(products, date);
  const contributions = productContributions(
    prods.map((p) => ({ productId: p.productId, title: p.title, cur: p.cur, base: p.base })),
  );

  for (const metric of HEADLINE_METRICS) {
    const f = (r: StoreDay | undefined) => metricValue(metric, r);
    const value = f(day);
    const b = baselineOf(ix, f, date);
    const z = robustZ(value, b);
    if (value == null || b == null || z == null) continue;
    const storeChange = value / b.expected - 1;
    const fi = (r: StoreDay | undefined) => industryValue(metric, r);
    const ib = baselineOf(ix, fi, date);
    const iv = fi(day);
    const industryChange = iv != null && ib ? iv / ib.expected - 1 : null;
    // The market moved (the industry's own swing is an anomaly — its series is smooth) and the
    // store moved with it by 10 % or more: worth a line even when the store's noise hides it.
    const iz = robustZ(iv, ib);
    const marketMove =
      iz != null &&
      industryChange != null &&
      Math.abs(iz) >= Z_ANOMALY &&
      Math.abs(industryChange) >= MARKET_MOVE &&
      Math.abs(storeChange) >= MARKET_MOVE &&
      Math.sign(storeChange) === Math.sign(industryChange);
    const noise = dailyNoise(seriesOf(ix, f), date, { exclude: excludeOf(ix) });
    const sev = severityOfZ(z, storeChange, noise) ?? (marketMove ? 'low' : null);
    if (!sev) continue;
    if (RISE_IS_BAD.has(metric) ? z < 0 : false) continue;
    // A campaign day above the normal-day baseline is the campaign working, not news.
    if (!RISE_IS_BAD.has(metric) && z > 0 && ix.campaignDays.has(date)) continue;
    const att = RISE_IS_BAD.has(metric)
      ? attribute(storeChange, null)
      : attribute(storeChange, industryChange);
    const money = moneyAtStake(metric, value, b.expected, dayCtx);
    const params: Record<string, string | number> = {
      change: pct1(storeChange),
      industry: industryChange == null ? '—' : pct1(industryChange),
      ours: att.ours == null ? '—' : Math.round(att.ours * 100),
      expected: Math.round(b.expected),
    };
    const links: FindingDraft['links'] = [{ kind: 'metric_store_daily', id: date, label: metric }];
    let messageKey = `metrics.finding.swing_${att.cause}`;
    // Which products the paid-amount / visitors swing comes from.
    if ((metric === 'paidAmount' || metric === 'visitors') && contributions.length > 0) {
      const top = contributions[0];
      if (top.share != null && top.share > 0 && Math.sign(top.delta) === Math.sign(storeChange)) {
        params.product = top.title ?? top.productId;
        params.productShare = Math.round(top.share * 100);
        messageKey += '_product';
        links.push({ kind: 'product', id: top.productId, label: top.title ?? top.productId });
      }
    }
    out.push({
      key: `swing:${metric}`,
      kind: 'swing',
      metric,
      severity: sev,
      cause: att.cause,
      moneyAtStakeFen: money,
      messageKey,
      params,
      explanation: {
        rule: 'robust z = (ln x − ln(level × weekday factor)) ÷ (1.4826 × MAD of the weekday residuals over 8 weeks); |z| ≥ 4 with |change| ≥ 10 %, or |z| ≥ 3 with |change| ≥ 20 %, and |ln(1 + change)| ≥ 3 × the pooled day-to-day noise (28 week-over-week ratios); or the industry moved (|z| ≥ 4, ≥ 10 %) and the store ≥ 10 % with it',
        value,
        expected: b.expected,
        sigma: b.sigma,
        z,
        noise,
        baselineDates: b.dates,
        industryValue: iv,
        industryExpected: ib?.expected ?? null,
        attribution: att,
      },
      links,
    });
  }

  // Products whose sales collapsed against their own same-weekday baseline.
  const storeExpected = baselineOf(ix, paidOf, date)?.expected ?? paidOf(day) ?? 0;
  const ib = baselineOf(ix, (r) => r?.industryPaidAmountFen ?? null, date);
  const industryChange =
    day.industryPaidAmountFen != null && ib ? day.industryPaidAmountFen / ib.expected - 1 : null;
  for (const p of prods) {
    if (p.base <= 0) continue;
    const change = p.cur / p.base - 1;
    const lost = p.base - p.cur;
    if (change > -0.5 || lost < PRODUCT_DROP_SHARE * storeExpected) continue;
    const att = attribute(change, industryChange);
    out.push({
      key: `product_drop:${p.productId}`,
      kind: 'product_drop',
      metric: 'paidAmount',
      severity: change <= -0.8 ? 'high' : 'medium',
      cause: att.cause,
      moneyAtStakeFen: Math.round(lost),
      messageKey: `metrics.finding.product_drop_${att.cause}`,
      params: {
        product: p.title ?? p.productId,
        change: pct1(change),
        industry: industryChange == null ? '—' : pct1(industryChange),
        visitorsChange: p.baseVisitors && p.visitors != null ? pct1(p.visitors / p.baseVisitors - 1) : '—',
      },
      explanation: {
        rule: "product paid amount ≤ −50 % of min(its same-weekday median over 8 weeks, its last-7-day mean) and the loss ≥ 8 % of the store's expected day",
        value: p.cur,
        expected: p.base,
        visitors: p.visitors,
        expectedVisitors: p.baseVisitors,
        attribution: att,
      },
      links: [{ kind: 'product', id: p.productId, label: p.title ?? p.productId }],
    });
  }

  // Orders vs the platform's own 支付金额.
  const rec = reconcile(day.orderPaidAmountFen, day.platformPaidAmountFen);
  if (rec.finding && rec.gap != null) {
    out.push({
      key: 'reconcile:paidAmount',
      kind: 'reconcile',
      metric: 'paidAmount',
      severity: rec.ratio == null || Math.abs(rec.ratio) > 0.05 ? 'high' : 'medium',
      cause: null,
      moneyAtStakeFen: Math.abs(rec.gap),
      messageKey: 'metrics.finding.reconcile',
      params: {
        orders: day.orderPaidAmountFen,
        platform: day.platformPaidAmountFen ?? 0,
        gap: rec.ratio == null ? '—' : pct1(rec.ratio),
      },
      explanation: {
        rule: 'Σ 买家实际支付金额 of orders paid that day vs 生意参谋 支付金额; a gap above 1 % is a finding',
        fromOrders: day.orderPaidAmountFen,
        platform: day.platformPaidAmountFen,
        ...rec,
      },
      links: [{ kind: 'orders', id: date, label: 'orders paid that day' }],
    });
  }

  // A burst of bad reviews on one product.
  const badToday = products.filter((p) => p.date === date && p.reviewsBad >= 3);
  for (const p of badToday) {
    let hist = 0;
    for (let k = 1; k <= 28; k++) {
      const d = addDays(date, -k);
      hist += products.find((x) => x.date === d && x.productId === p.productId)?.reviewsBad ?? 0;
    }
    const avg = hist / 28;
    if (p.reviewsBad < Math.max(3, 3 * avg)) continue;
    // 10 % of the product's day; a day it sold nothing: 10 % of its usual day (8-week median).
    const usualDay = prods.find((x) => x.productId === p.productId)?.base ?? 0;
    const stake = Math.max(
      1,
      Math.round(0.1 * Math.max(p.platformPaidAmountFen ?? p.paidAmountFen, usualDay)),
    );
    out.push({
      key: `bad_reviews:${p.productId}`,
      kind: 'bad_reviews',
      metric: 'reviewsBad',
      severity: p.reviewsBad >= 6 ? 'high' : 'medium',
      cause: 'ours',
      moneyAtStakeFen: stake,
      messageKey: 'metrics.finding.bad_reviews',
      params: { product: p.title ?? p.productId, count: p.reviewsBad, avg: Math.round(avg * 10) / 10 },
      explanation: {
        rule: "bad reviews ≥ 3 and ≥ 3 × the product's 28-day daily average; money at stake: 10 % of the product's day (or of its usual day when it sold less)",
        count: p.reviewsBad,
        average28: avg,
      },
      links: [{ kind: 'reviews', id: p.productId, label: p.title ?? p.productId }],
    });
  }
  return out.sort((a, b) => b.moneyAtStakeFen - a.moneyAtStakeFen);
}

export type Headline = {
  metric: MetricKey | 'buyers' | 'uvValue';
  value: Num;
  source: 'platform' | 'orders' | null;
  rule: string;
  comparison: ReturnType<typeof compare>;
  baseline: { expected: number; low: number; high: number } | null;
  z: Num;
  /** The industry's move on the same day (vs the day before / last week / its baseline). */
  industry: { vsDayBefore: Num; vsLastWeek: Num; vsBaseline: Num } | null;
};

export function headlines(ix: DayIndex, date: string): Headline[] {
  const day = ix.byDate.get(date);
  const metrics: Headline['metric'][] = [
    'paidAmount',
    'visitors',
    'conversion',
    'aov',
    'refundRate',
    'buyers',
    'uvValue',
  ];
  return metrics.map((metric) => {
    const f = (r: StoreDay | undefined) => metricValue(metric, r);
    const b = baselineOf(ix, f, date);
    const value = f(day);
    let industry: Headline['industry'] = null;
    if (metric !== 'refundRate' && metric !== 'buyers' && metric !== 'uvValue') {
      const fi = (r: StoreDay | undefined) => industryValue(metric as MetricKey, r);
      const iv = fi(day);
      if (iv != null) {
        const ib = baselineOf(ix, fi, date);
        industry = {
          vsDayBefore: pctChange(iv, fi(ix.byDate.get(addDays(date, -1)))),
          vsLastWeek: pctChange(iv, fi(ix.byDate.get(addDays(date, -7)))),
          vsBaseline: ib ? pctChange(iv, ib.expected) : null,
        };
      }
    }
    const source =
      !day || value == null
        ? null
        : metric === 'paidAmount' || metric === 'buyers'
          ? (metric === 'paidAmount' ? day.platformPaidAmountFen : day.platformPaidBuyers) != null
            ? 'platform'
            : 'orders'
          : metric === 'refundRate'
            ? 'orders'
            : 'platform';
    return {
      metric,
      value,
      source,
      rule: METRIC_RULES[metric],
      comparison: compare(seriesOf(ix, f), date, ix.phases),
      baseline: b ? { expected: b.expected, low: b.low, high: b.high } : null,
      z: robustZ(value, b),
      industry,
    };
  });
}

/** A competitor's day (生意参谋 竞品): visitors and paid amount. */
export type CompetitorDay = {
  date: string;
  shop: string;
  visitors: number | null;
  paidAmountFen: number | null;
  /** 支付件数 (absent in older rows / files without the column). */
  paidItems?: number | null;
};

/** A competitor's average selling price of a day: 支付金额 ÷ 支付件数 (fen), null without units. */
export function averageSellingPrice(r: CompetitorDay | undefined): Num {
  if (!r || r.paidAmountFen == null || r.paidItems == null || r.paidItems <= 0) return null;
  return r.paidAmountFen / r.paidItems;
}

/** Days of history for a competitor's usual price (median ASP), and how many must have units. */
export const PRICE_HISTORY_DAYS = 14;
export const PRICE_MIN_POINTS = 5;
/** A price cut: the day's ASP ≥ 15 % under the median of the 14 days before, on ≥ 10 units (10 % flagged 9 ordinary demo days: the product mix moves ASP that much). */
export const PRICE_CUT = -0.15;
export const PRICE_MIN_UNITS = 10;

/** The day's ASP against the median ASP of the 14 days before (campaign days left out). */
export function priceChange(
  byDate: Map<string, CompetitorDay>,
  date: string,
  exclude: (d: string) => boolean = () => false,
): { asp: Num; usualAsp: Num; change: Num } {
  const asp = averageSellingPrice(byDate.get(date));
  const hist: number[] = [];
  for (let k = 1; k <= PRICE_HISTORY_DAYS; k++) {
    const d = addDays(date, -k);
    if (exclude(d)) continue;
    const a = averageSellingPrice(byDate.get(d));
    if (a != null) hist.push(a);
  }
  const usualAsp = hist.length >= PRICE_MIN_POINTS ? median(hist) : null;
  return { asp, usualAsp, change: asp != null && usualAsp ? asp / usualAsp - 1 : null };
}

export type RisingShop = {
  shop: string;
  /** Paid amount of the last 7 days (through the date) and its growth over the 28 days before (per-day means). */
  paid7: number;
  paidGrowth: Num;
  visitors7: number;
  visitorsGrowth: Num;
};

/**
 * Fast-rising competitors (issue §5: opportunities and threats): the last 7 days against the 28
 * days before, per day, ranked by paid-amount growth (visitors growth when paid is missing).
 * A shop needs ≥ 4 of the 7 days and ≥ 14 of the 28 days with data.
 */
export function risingShops(rows: CompetitorDay[], date: string): RisingShop[] {
  const recent = new Set(Array.from({ length: 7 }, (_, k) => addDays(date, -k)));
  const before = new Set(Array.from({ length: 28 }, (_, k) => addDays(date, -7 - k)));
  const acc = new Map<string, { p7: number[]; p28: number[]; v7: number[]; v28: number[] }>();
  for (const r of rows) {
    const inRecent = recent.has(r.date);
    if (!inRecent && !before.has(r.date)) continue;
    let a = acc.get(r.shop);
    if (!a) {
      a = { p7: [], p28: [], v7: [], v28: [] };
      acc.set(r.shop, a);
    }
    if (r.paidAmountFen != null) (inRecent ? a.p7 : a.p28).push(r.paidAmountFen);
    if (r.visitors != null) (inRecent ? a.v7 : a.v28).push(r.visitors);
  }
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const growth = (a: number[], b: number[]) =>
    a.length >= 4 && b.length >= 14 && mean(b) > 0 ? mean(a) / mean(b) - 1 : null;
  return [...acc.entries()]
    .map(([shop, a]) => ({
      shop,
      paid7: a.p7.reduce((x, y) => x + y, 0),
      paidGrowth: growth(a.p7, a.p28),
      visitors7: a.v7.reduce((x, y) => x + y, 0),
      visitorsGrowth: growth(a.v7, a.v28),
    }))
    .filter((x) => x.paidGrowth != null || x.visitorsGrowth != null)
    .sort(
      (x, y) =>
        (y.paidGrowth ?? y.visitorsGrowth ?? -Infinity) - (x.paidGrowth ?? x.visitorsGrowth ?? -Infinity) ||
        x.shop.localeCompare(y.shop),
    );
}

export type CompetitorMove = {
  shop: string;
  visitors: Num;
  paidAmountFen: Num;
  /** Against the competitor's own weekday-aware baseline (same method as the store's). */
  visitorsChange: Num;
  paidChange: Num;
  visitorsZ: Num;
  paidZ: Num;
  /** Average selling price (支付金额 ÷ 支付件数, fen) and its change against its 14-day median. */
  asp: Num;
  usualAsp: Num;
  aspChange: Num;
};

/** A competitor whose visitors jumped: ≥ +30 % against its baseline and |z| ≥ 4 (a promotion?). */
export const COMPETITOR_SURGE = 0.3;

/** Each competitor's move on a date against its own baseline (campaign days excluded). */
export function competitorMoves(rows: CompetitorDay[], date: string, ix: DayIndex): CompetitorMove[] {
  const byShop = new Map<string, Map<string, CompetitorDay>>();
  for (const r of rows) {
    let m = byShop.get(r.shop);
    if (!m) {
      m = new Map();
      byShop.set(r.shop, m);
    }
    m.set(r.date, r);
  }
  const out: CompetitorMove[] = [];
  for (const [shop, m] of byShop) {
    const today = m.get(date);
    if (!today) continue;
    const exclude = excludeOf(ix);
    const vb = seasonalBaseline((d) => m.get(d)?.visitors ?? null, date, { exclude });
    const pb = seasonalBaseline((d) => m.get(d)?.paidAmountFen ?? null, date, { exclude });
    out.push({
      shop,
      visitors: today.visitors,
      paidAmountFen: today.paidAmountFen,
      visitorsChange: vb && today.visitors != null ? today.visitors / vb.expected - 1 : null,
      paidChange: pb && today.paidAmountFen != null ? today.paidAmountFen / pb.expected - 1 : null,
      visitorsZ: robustZ(today.visitors, vb),
      paidZ: robustZ(today.paidAmountFen, pb),
      ...(({ asp, usualAsp, change }) => ({ asp, usualAsp, aspChange: change }))(
        priceChange(m, date, exclude),
      ),
    });
  }
  return out.sort(
    (a, b) =>
      (b.visitorsChange ?? -Infinity) - (a.visitorsChange ?? -Infinity) || a.shop.localeCompare(b.shop),
  );
}

/**
 * What a competitor's surge puts at stake: what our paid amount fell short of its baseline; when
 * it did not, the competitor's paid amount above its own baseline (sales the market moved to it);
 * else its extra visitors valued at our UV value (paid ÷ visitors). At least 1 fen.
 */
export function competitorStake(
  ourExpected: Num,
  ourPaid: Num,
  c: Pick<CompetitorMove, 'paidAmountFen' | 'paidChange' | 'visitors' | 'visitorsChange'>,
  ourUvValue: Num = null,
): number {
  if (ourExpected != null && ourPaid != null && ourExpected - ourPaid >= 1)
    return Math.round(ourExpected - ourPaid);
  if (c.paidAmountFen != null && c.paidChange != null && c.paidChange > 0) {
    const extra = c.paidAmountFen - c.paidAmountFen / (1 + c.paidChange);
    if (extra >= 1) return Math.round(extra);
  }
  if (c.visitors != null && c.visitorsChange != null && c.visitorsChange > 0 && ourUvValue != null) {
    const extra = (c.visitors - c.visitors / (1 + c.visitorsChange)) * ourUvValue;
    if (extra >= 1) return Math.round(extra);
  }
  return 1;
}

/**
 * Competitor findings (DOMAIN.md §2 (2): competitors' sales and traffic swings): a competitor's
 * visitors up ≥ 30 % and |z| ≥ 4 against its own baseline. Money at stake: what the store's paid
 * amount fell short of its baseline that day (0 when it did not).
 */
export function competitorFindings(ix: DayIndex, rows: CompetitorDay[], date: string): FindingDraft[] {
  const day = ix.byDate.get(date);
  if (!day) return [];
  const b = baselineOf(ix, paidOf, date);
  const paid = paidOf(day);
  const ourChange = b && paid != null ? paid / b.expected - 1 : null;
  const out: FindingDraft[] = [];
  if (ix.campaignDays.has(date)) return out; // everyone surges and discounts on campaign days
  for (const c of competitorMoves(rows, date, ix)) {
    const today = rows.find((r) => r.date === date && r.shop === c.shop);
    if (
      c.aspChange != null &&
      c.aspChange <= PRICE_CUT &&
      (today?.paidItems ?? 0) >= PRICE_MIN_UNITS &&
      c.asp != null &&
      c.usualAsp != null
    ) {
      out.push({
        key: `competitor_price_cut:${c.shop}`,
        kind: 'competitor_price_cut',
        metric: 'price',
        severity: c.aspChange <= -0.25 ? 'medium' : 'low',
        cause: 'market',
        moneyAtStakeFen: competitorStake(b?.expected ?? null, paid, c, metricValue('uvValue', day)),
        messageKey: 'metrics.finding.competitor_price_cut',
        params: {
          shop: c.shop,
          asp: (c.asp / 100).toFixed(2),
          usual: (c.usualAsp / 100).toFixed(2),
          change: pct1(c.aspChange),
          paidChange: c.paidChange == null ? '—' : pct1(c.paidChange),
        },
        explanation: {
          rule: "a competitor's average selling price (支付金额 ÷ 支付件数) ≥ 15 % under its median of the 14 days before (≥ 5 days with units, campaign days left out), on ≥ 10 units",
          competitor: c,
          units: today?.paidItems ?? null,
        },
        links: [{ kind: 'competitor', id: c.shop, label: c.shop }],
      });
    }
    const visitorsSurge =
      c.visitorsChange != null &&
      c.visitorsZ != null &&
      c.visitorsChange >= COMPETITOR_SURGE &&
      c.visitorsZ >= Z_ANOMALY;
    const paidSurge =
      c.paidChange != null && c.paidZ != null && c.paidChange >= COMPETITOR_SURGE && c.paidZ >= Z_ANOMALY;
    if (!visitorsSurge && !paidSurge) continue;
    const change = (visitorsSurge ? c.visitorsChange : c.paidChange) as number;
    out.push({
      key: `competitor_surge:${c.shop}`,
      kind: 'competitor_surge',
      metric: visitorsSurge ? 'visitors' : 'paidAmount',
      severity: change >= 0.5 ? 'medium' : 'low',
      cause: 'market',
      moneyAtStakeFen: competitorStake(b?.expected ?? null, paid, c, metricValue('uvValue', day)),
      messageKey: visitorsSurge
        ? 'metrics.finding.competitor_surge'
        : 'metrics.finding.competitor_paid_surge',
      params: {
        shop: c.shop,
        change: pct1(change),
        paidChange: c.paidChange == null ? '—' : pct1(c.paidChange),
        ours: ourChange == null ? '—' : pct1(ourChange),
      },
      explanation: {
        rule: "a competitor's visitors (or paid amount) ≥ +30 % and z ≥ 4 against its own weekday-aware baseline, outside campaigns",
        competitor: c,
        storePaid: paid,
        storeExpected: b?.expected ?? null,
      },
      links: [{ kind: 'competitor', id: c.shop, label: c.shop }],
    });
  }
  return out;
}

/** A paid-traffic plan that ran out of budget early that day (the marketing module's inference). */
export type OfflinePlan = Omit<EarlyOfflinePlan, 'date'>;

/** A plan's clicks ratio (day ÷ usual) at most this times the store's visitors ratio. */
export const AD_OFFLINE_RELATIVE = 0.7;
/** Lost clicks at least this share of the store's usual visitors. */
export const AD_OFFLINE_MIN_SHARE = 0.02;
/** Without the store's visitors: the plan's clicks at most this share of its usual day. */
export const AD_OFFLINE_ALONE = 0.5;

const CHANNEL_NAMES: Record<string, string> = { ztc: '直通车', ylmf: '引力魔方', wxt: '万相台' };

/**
 * Paid traffic lost to an ad plan that went offline early (its budget spent by mid-afternoon): the
 * plan's clicks fell under 70 % of its usual day at a CPC no lower than usual (or its spend hit
 * the set budget), and — so that a quiet day is not blamed on the budget — under 70 % of what the
 * store's own visitors did (clicks ratio ≤ 0.7 × visitors ratio), the lost clicks ≥ 2 % of the
 * store's usual visitors (without the store's visitors: the plan at ≤ 50 % of its usual clicks).
 * Measured on the demo year: the planted plan (clicks −58 %, visitors +9 %) is the only one left
 * on ordinary days. A finding of its own, named by channel and plan, because the store's
 * visitors or paid amount often stay inside their noise (a 15:20 stop of one plan is −10 % on
 * the day). Money at stake: the lost clicks × the store's usual UV value (paid ÷ visitors),
 * else × its usual conversion × AOV. Severity by the lost clicks' share of the usual visitors:
 * ≥ 10 % high, ≥ 3 % medium, else low. Cause: ours (the budget is ours to set).
 */
export function adOfflineFindings(ix: DayIndex, plans: OfflinePlan[], date: string): FindingDraft[] {
  const day = ix.byDate.get(date);
  if (!day || plans.length === 0) return [];
  const usualPaid = baselineOf(ix, paidOf, date)?.expected ?? null;
  const usualVisitors = baselineOf(ix, (r) => metricValue('visitors', r), date)?.expected ?? null;
  const usualConversion = baselineOf(ix, (r) => metricValue('conversion', r), date)?.expected ?? null;
  const usualAov = baselineOf(ix, (r) => metricValue('aov', r), date)?.expected ?? null;
  const visitors = metricValue('visitors', day);
  const paid = paidOf(day);
  const visitorsRatio = visitors != null && usualVisitors ? visitors / usualVisitors : null;
  return plans
    .filter((p) => {
      if (p.lostClicks <= 0 || p.usualClicks <= 0) return false;
      const clicksRatio = p.clicks / p.usualClicks;
      // Without the store's visitors: the plan's own collapse, at most half its usual clicks.
      if (visitorsRatio == null || !usualVisitors) return clicksRatio <= AD_OFFLINE_ALONE;
      // A plan's clicks follow its products' traffic: a plan that fell with the store (a quiet
      // day, a product out of stock) did not run out of budget. It must have lost ≥ 30 % more
      // than the store's visitors moved, and the lost clicks must matter (≥ 2 % of the store's day).
      return (
        clicksRatio <= AD_OFFLINE_RELATIVE * visitorsRatio &&
        p.lostClicks >= AD_OFFLINE_MIN_SHARE * usualVisitors
      );
    })
    .map((p) => {
      const share = usualVisitors ? p.lostClicks / usualVisitors : null;
      const money = adOfflineStake(p.lostClicks, usualPaid, usualVisitors, usualConversion, usualAov);
      const channel = CHANNEL_NAMES[p.channel] ?? p.channel;
      return {
        key: `ad_offline:${p.channel}:${p.planId}`,
        kind: 'ad_offline' as const,
        metric: 'visitors',
        severity: share == null ? 'low' : share >= 0.1 ? 'high' : share >= 0.03 ? 'medium' : 'low',
        cause: 'ours' as const,
        moneyAtStakeFen: money,
        messageKey: 'metrics.finding.ad_offline',
        params: {
          channel,
          plan: p.planName,
          offlineAt: p.offlineAt,
          clicksChange: p.usualClicks > 0 ? pct1(p.clicks / p.usualClicks - 1) : '—',
          lostClicks: p.lostClicks,
          spend: (p.spendFen / 100).toFixed(2),
          usualSpend: (p.usualSpendFen / 100).toFixed(2),
          visitorsChange: visitors != null && usualVisitors ? pct1(visitors / usualVisitors - 1) : '—',
          paidChange: paid != null && usualPaid ? pct1(paid / usualPaid - 1) : '—',
        },
        explanation: {
          rule: "an ad plan's clicks < 70 % of its median of the 7 days before at a CPC no lower than usual (or its spend at the set budget), ≤ 0.7 × the store's visitors ratio, lost clicks ≥ 2 % of the usual visitors: offline early; money = lost clicks × the store's usual UV value",
          plan: p,
          usualVisitors,
          usualPaid,
          lostShareOfVisitors: share,
        },
        links: [
          { kind: 'ad_plan', id: `${p.channel}:${p.planId}`, label: `${channel} ${p.planName}` },
          { kind: 'metric_store_daily', id: date, label: 'visitors' },
        ],
      } satisfies FindingDraft;
    });
}

/** Lost paid clicks in fen: × usual UV value, else × usual conversion × AOV; at least 1 fen. */
export function adOfflineStake(
  lostClicks: number,
  usualPaid: Num,
  usualVisitors: Num,
  usualConversion: Num,
  usualAov: Num,
): number {
  if (usualPaid != null && usualVisitors)
    return Math.max(1, Math.round((lostClicks * usualPaid) / usualVisitors));
  if (usualConversion != null && usualAov != null)
    return Math.max(1, Math.round(lostClicks * usualConversion * usualAov));
  return 1;
}
