/**
 * Paid-ads monitoring rules (pure): plan metrics, plans that went offline early, keywords and
 * creatives going wrong, ROI under the floor, account balance days left.
 */

export type AdRow = {
  channel: string;
  date: string;
  planId: string;
  planName: string;
  unitId?: string | null;
  unitName?: string | null;
  keyword?: string | null;
  impressions: number;
  clicks: number;
  spendFen: number;
  orders: number;
  gmvFen: number;
  averageRank?: number | null;
};

export type AdMetrics = {
  impressions: number;
  clicks: number;
  spendFen: number;
  orders: number;
  gmvFen: number;
  /** Click-through rate, basis points. */
  ctrBp: number | null;
  /** Cost per click, fen. */
  cpcFen: number | null;
  /** Conversion rate (orders / clicks), basis points. */
  cvrBp: number | null;
  /** ROI = GMV / spend, in hundredths (250 = 2.50). */
  roi: number | null;
};

export function metricsOf(
  rows: Pick<AdRow, 'impressions' | 'clicks' | 'spendFen' | 'orders' | 'gmvFen'>[],
): AdMetrics {
  let impressions = 0;
  let clicks = 0;
  let spendFen = 0;
  let orders = 0;
  let gmvFen = 0;
  for (const r of rows) {
    impressions += r.impressions;
    clicks += r.clicks;
    spendFen += r.spendFen;
    orders += r.orders;
    gmvFen += r.gmvFen;
  }
  return {
    impressions,
    clicks,
    spendFen,
    orders,
    gmvFen,
    ctrBp: impressions > 0 ? Math.round((clicks * 10_000) / impressions) : null,
    cpcFen: clicks > 0 ? Math.round(spendFen / clicks) : null,
    cvrBp: clicks > 0 ? Math.round((orders * 10_000) / clicks) : null,
    roi: spendFen > 0 ? Math.round((gmvFen * 100) / spendFen) : null,
  };
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Typical share of a day's paid clicks per hour (Taobao home goods: quiet night, peaks at
 * 10–11 h and 20–22 h). Used to turn "only X % of the usual clicks" into a likely offline time.
 */
export const HOUR_PROFILE = [
  1.2, 0.6, 0.35, 0.25, 0.2, 0.3, 0.8, 1.8, 3.2, 4.6, 5.6, 5.8, 5.0, 5.0, 5.3, 5.3, 5.1, 4.9, 4.8, 5.6, 6.6,
  7.4, 7.0, 4.2,
].map((v, _, a) => v / a.reduce((x, y) => x + y, 0));

/** The hour by which `share` of a usual day's clicks has happened (0–24, fractional). */
export function hourReaching(share: number): number {
  let acc = 0;
  for (let h = 0; h < 24; h++) {
    if (acc + HOUR_PROFILE[h] >= share) return h + (share - acc) / HOUR_PROFILE[h];
    acc += HOUR_PROFILE[h];
  }
  return 24;
}

export type OfflineFinding = {
  /** Estimated local time the plan stopped, 'HH:mm'. */
  offlineAt: string;
  /** How it was inferred. */
  basis: 'hourly' | 'budget' | 'daily_pattern';
  spendFen: number;
  budgetFen: number | null;
  /** Clicks likely lost for the rest of the day (from the usual day), when estimable. */
  lostClicks: number | null;
};

const hhmm = (hour: number) => {
  const m = Math.min(24 * 60 - 1, Math.round(hour * 60));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * From hourly data (spend per hour 0–23): the plan went offline early when spend stopped before
 * `lastHour` (22 h: the usual late-evening traffic is still there) after it had been spending,
 * and — when the daily budget is known — the day's spend reached ≥ 95 % of it.
 */
export function offlineFromHourly(
  hours: { hour: number; spendFen: number; clicks: number }[],
  budgetFen: number | null,
  lastHour = 22,
): OfflineFinding | null {
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  let lastSpend = -1;
  let spend = 0;
  for (let h = 0; h < 24; h++) {
    const v = byHour.get(h)?.spendFen ?? 0;
    spend += v;
    if (v > 0) lastSpend = h;
  }
  if (lastSpend < 0 || lastSpend + 1 >= lastHour) return null;
  if (budgetFen != null && spend < budgetFen * 0.95) return null;
  // Without a budget, require that spending was steady before the stop (not a plan paused in the morning).
  const active = [...byHour.values()].filter((h) => h.spendFen > 0).length;
  if (budgetFen == null && active < 4) return null;
  let clicks = 0;
  for (const h of hours) clicks += h.clicks;
  const shareBefore = HOUR_PROFILE.slice(0, lastSpend + 1).reduce((a, b) => a + b, 0);
  return {
    offlineAt: hhmm(lastSpend + 1),
    basis: 'hourly',
    spendFen: spend,
    budgetFen,
    lostClicks: shareBefore > 0 ? Math.round((clicks / shareBefore) * (1 - shareBefore)) : null,
  };
}

/**
 * From daily data only (the usual export): a plan likely went offline early when its clicks
 * fell under 70 % of its usual day (median of up to 7 earlier days) while clicks got no cheaper
 * (CPC ≥ 100 % of usual) — a plan starved of budget, not of demand — or when a known daily
 * budget was spent (≥ 97 %) with clicks under 85 % of usual. The stop time is where the usual
 * hour profile reaches the share of clicks it did get.
 */
export function offlineFromDaily(
  day: { spendFen: number; clicks: number },
  history: { spendFen: number; clicks: number }[],
  budgetFen: number | null,
): OfflineFinding | null {
  const usualClicks = median(history.slice(-7).map((h) => h.clicks));
  const usualCpc = median(
    history
      .slice(-7)
      .filter((h) => h.clicks > 0)
      .map((h) => h.spendFen / h.clicks),
  );
  if (usualClicks == null || usualClicks <= 0 || usualCpc == null || day.clicks <= 0) return null;
  const ratio = day.clicks / usualClicks;
  const cpc = day.spendFen / day.clicks;
  let basis: OfflineFinding['basis'] | null = null;
  if (budgetFen != null && day.spendFen >= budgetFen * 0.97 && ratio < 0.85) basis = 'budget';
  else if (ratio < 0.7 && cpc >= usualCpc) basis = 'daily_pattern';
  if (!basis) return null;
  const hour = hourReaching(ratio);
  if (hour >= 22) return null;
  return {
    offlineAt: hhmm(hour),
    basis,
    spendFen: day.spendFen,
    budgetFen,
    lostClicks: Math.max(0, Math.round(usualClicks - day.clicks)),
  };
}

export type Trend = { key: string; label: string; from: number; to: number; changeBp: number };

/**
 * Compares the last `recent` days with the `prior` days before them, per key. `value` reads one
 * row's numerator and denominator (CTR: clicks / impressions; CPC: spend / clicks; rank: rank / 1).
 */
export function trends<T extends { date: string }>(
  rows: T[],
  key: (r: T) => string,
  label: (r: T) => string,
  value: (r: T) => [number, number],
  lastDate: string,
  recent = 3,
  prior = 7,
  minDenominator = 1,
): Trend[] {
  const dates = [...new Set(rows.map((r) => r.date))].filter((d) => d <= lastDate).sort();
  const recentDates = new Set(dates.slice(-recent));
  const priorDates = new Set(dates.slice(-(recent + prior), -recent));
  const acc = new Map<string, { label: string; rn: number; rd: number; pn: number; pd: number }>();
  for (const r of rows) {
    const inR = recentDates.has(r.date);
    const inP = priorDates.has(r.date);
    if (!inR && !inP) continue;
    const k = key(r);
    const a = acc.get(k) ?? { label: label(r), rn: 0, rd: 0, pn: 0, pd: 0 };
    const [n, d] = value(r);
    if (inR) {
      a.rn += n;
      a.rd += d;
    } else {
      a.pn += n;
      a.pd += d;
    }
    acc.set(k, a);
  }
  const out: Trend[] = [];
  for (const [k, a] of acc) {
    if (a.rd < minDenominator || a.pd < minDenominator) continue;
    const from = a.pn / a.pd;
    const to = a.rn / a.rd;
    if (from === 0) continue;
    out.push({ key: k, label: a.label, from, to, changeBp: Math.round(((to - from) * 10_000) / from) });
  }
  return out.sort((x, y) => x.changeBp - y.changeBp || x.key.localeCompare(y.key));
}

/** Creatives (units) whose CTR fell by at least `dropBp` (default 20 %) → a design request. */
export function fallingCtr(rows: AdRow[], lastDate: string, dropBp = 2000): Trend[] {
  return trends(
    rows.filter((r) => r.unitId),
    (r) => `${r.channel}:${r.planId}:${r.unitId}`,
    (r) => `${r.planName} / ${r.unitName ?? r.unitId}`,
    (r) => [r.clicks, r.impressions],
    lastDate,
    3,
    7,
    500,
  ).filter((t) => t.changeBp <= -dropBp);
}

/** Keywords whose average rank got worse (number up) by ≥ 1 place, or whose CPC rose ≥ 20 %. */
export function keywordAlerts(rows: AdRow[], lastDate: string): { rank: Trend[]; cpc: Trend[] } {
  const kw = rows.filter((r) => r.keyword);
  const key = (r: AdRow) => `${r.channel}:${r.planId}:${r.keyword}`;
  const label = (r: AdRow) => `${r.keyword}（${r.planName}）`;
  const rank = trends(
    kw.filter((r) => r.averageRank != null),
    key,
    label,
    (r) => [r.averageRank!, 1],
    lastDate,
  ).filter((t) => t.to - t.from >= 1);
  const cpc = trends(kw, key, label, (r) => [r.spendFen, r.clicks], lastDate, 3, 7, 10).filter(
    (t) => t.changeBp >= 2000,
  );
  return { rank: rank.sort((a, b) => b.to - b.from - (a.to - a.from)), cpc: cpc.reverse() };
}

/** ROI (hundredths) under the store's floor, with enough spend to matter. */
export function roiBelowFloor(m: AdMetrics, floor: number, minSpendFen = 10_000): boolean {
  return m.spendFen >= minSpendFen && (m.roi ?? 0) < floor;
}

/** Days the balance lasts at the recent daily spend (average of up to the last 7 days). */
export function daysLeft(balanceFen: number, dailySpend: number[]): number | null {
  const recent = dailySpend.slice(-7);
  if (recent.length === 0) return null;
  const avg = recent.reduce((a, b) => a + b, 0) / recent.length;
  if (avg <= 0) return null;
  return Math.floor((balanceFen / avg) * 10) / 10;
}

// ── Affiliates (淘宝客) ─────────────────────────────────────────────────────────────────────

export type AffiliateLine = {
  orderId: string;
  partnerKey: string;
  partnerName: string;
  paidAmountFen: number;
  commissionFen: number;
  settledCommissionFen: number | null;
  status: 'paid' | 'settled' | 'invalid';
};

export type PartnerStats = {
  partnerKey: string;
  partnerName: string;
  /** Distinct orders brought (all statuses). */
  orders: number;
  /** Orders that went invalid (订单失效: refunded or closed — no commission is due). */
  invalidOrders: number;
  /** invalid ÷ orders, basis points. */
  invalidRateBp: number;
  /** GMV of the lines still valid (付款金额). */
  gmvFen: number;
  /** Commission spent: settled lines at their settled commission, paid lines at the estimate. */
  commissionFen: number;
  /** GMV ÷ commission, hundredths (null without commission). */
  roi: number | null;
  /** reliable | unreliable | too_few (fewer orders than the minimum: no verdict yet). */
  reliability: 'reliable' | 'unreliable' | 'too_few';
};

/**
 * Commission spend, orders and ROI per affiliate partner, and whether the partner is reliable:
 * a partner whose orders go invalid (refunded or closed before settlement: cash-back or
 * fake-order traffic) at `maxInvalidBp` or more of at least `minOrders` orders is unreliable.
 * Invalid lines cost no commission and bring no GMV. Sorted by commission, highest first.
 */
export function affiliatePartners(
  lines: AffiliateLine[],
  opts: { maxInvalidBp?: number; minOrders?: number } = {},
): PartnerStats[] {
  const maxInvalidBp = opts.maxInvalidBp ?? 3000;
  const minOrders = opts.minOrders ?? 5;
  const by = new Map<
    string,
    { name: string; orders: Map<string, boolean>; gmv: number; commission: number }
  >();
  for (const l of lines) {
    const p = by.get(l.partnerKey) ?? { name: l.partnerName, orders: new Map(), gmv: 0, commission: 0 };
    by.set(l.partnerKey, p);
    const valid = l.status !== 'invalid';
    // An order is invalid when none of its lines is still valid.
    p.orders.set(l.orderId, (p.orders.get(l.orderId) ?? false) || valid);
    if (!valid) continue;
    p.gmv += l.paidAmountFen;
    p.commission += l.status === 'settled' ? (l.settledCommissionFen ?? l.commissionFen) : l.commissionFen;
  }
  const out: PartnerStats[] = [];
  for (const [key, p] of by) {
    const orders = p.orders.size;
    const invalidOrders = [...p.orders.values()].filter((v) => !v).length;
    const invalidRateBp = orders > 0 ? Math.round((invalidOrders * 10_000) / orders) : 0;
    out.push({
      partnerKey: key,
      partnerName: p.name,
      orders,
      invalidOrders,
      invalidRateBp,
      gmvFen: p.gmv,
      commissionFen: p.commission,
      roi: p.commission > 0 ? Math.round((p.gmv * 100) / p.commission) : null,
      reliability: orders < minOrders ? 'too_few' : invalidRateBp >= maxInvalidBp ? 'unreliable' : 'reliable',
    });
  }
  return out.sort((a, b) => b.commissionFen - a.commissionFen || a.partnerKey.localeCompare(b.partnerKey));
}
