import { http } from './http';

/** The metrics module: the morning report (数据诊断), product drill-down, finding → task. */

export type Num = number | null;
export type MetricKey =
  | 'paidAmount'
  | 'visitors'
  | 'conversion'
  | 'aov'
  | 'refundRate'
  | 'buyers'
  | 'uvValue';

export type Comparison = {
  value: Num;
  dayBefore: Num;
  lastWeek: Num;
  avg7: Num;
  avg28: Num;
  lastYear: Num;
  phaseAvg: Num;
  phase: { name: string; phase: 'preheat' | 'peak' | 'after'; from: string; to: string } | null;
  vsDayBefore: Num;
  vsLastWeek: Num;
  vsAvg7: Num;
  vsAvg28: Num;
  vsLastYear: Num;
  vsPhase: Num;
};

export type Headline = {
  metric: MetricKey;
  value: Num;
  source: 'platform' | 'orders' | null;
  rule: string;
  comparison: Comparison;
  baseline: { expected: number; low: number; high: number } | null;
  z: Num;
  industry: { vsDayBefore: Num; vsLastWeek: Num; vsBaseline: Num } | null;
};

export type Finding = {
  id: string;
  date: string;
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
  severity: 'high' | 'medium' | 'low';
  cause: 'market' | 'ours' | 'mixed' | 'unknown' | null;
  moneyAtStakeFen: number;
  params: Record<string, string | number>;
  explanation: Record<string, unknown>;
  links: { kind: string; id: string; label?: string }[];
  taskId: string | null;
  text: { 'zh-CN': string; 'en-US': string };
};

export type ProductRow = {
  productId: string;
  title: string | null;
  paidAmountFen: number;
  lastWeekPaidAmountFen: number;
  change: Num;
  contributionShare: Num;
  visitors: Num;
  conversion: Num;
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
  partial: boolean;
  hasData: boolean;
  headline: Headline[];
  findings: Finding[];
  reconciliation: { fromOrdersFen: number; platformFen: Num; gapFen: Num; ratio: Num } | null;
  funnel: { visitors: Num; addToCartBuyers: Num; buyers: Num; paidOrders: number } | null;
  waterfall: {
    method: 'lmdi' | 'sequential';
    visitors: number;
    conversion: number;
    aov: number;
    delta: number;
    base: Num;
    cur: Num;
  } | null;
  trend: {
    date: string;
    paidAmountFen: Num;
    expected: Num;
    low: Num;
    high: Num;
    visitors: Num;
    industryVisitors: Num;
    storeIndex: Num;
    industryIndex: Num;
  }[];
  products: ProductRow[];
  competitors: {
    shop: string;
    visitors: Num;
    paidAmountFen: Num;
    visitorsChange: Num;
    paidChange: Num;
    visitorsZ: Num;
    paidZ: Num;
    asp: Num;
    usualAsp: Num;
    aspChange: Num;
  }[];
  risingCompetitors: {
    shop: string;
    paid7: number;
    paidGrowth: Num;
    visitors7: number;
    visitorsGrowth: Num;
  }[];
  competitorLog: CompetitorMove[];
  industry: { visitors: Num; paidAmountFen: Num; competitorsVisitors: Num };
  /** 流量来源 (生意参谋): visitors per source against the usual day; state no_data without the file. */
  trafficSources: {
    state: 'ok' | 'no_data' | 'no_baseline';
    total: { cur: number; base: number; delta: number; change: Num } | null;
    sources: {
      source: string;
      visitors: number;
      usual: number;
      change: Num;
      share: Num;
      paidAmountFen: Num;
      paidBuyers: Num;
    }[];
    products: {
      productId: string;
      title: string | null;
      source: string;
      visitors: number;
      usual: number;
      change: Num;
      share: Num;
    }[];
    top: { source: string; productId: string | null; title: string | null; share: Num } | null;
    competitors: { shop: string; source: string; visitors: number; usual: number; change: Num }[];
  };
};

export const COMPETITOR_MOVE_KINDS = ['price_cut', 'coupon', 'campaign', 'new_product', 'other'] as const;
export type CompetitorMove = {
  id: string;
  date: string;
  competitor: string;
  kind: (typeof COMPETITOR_MOVE_KINDS)[number];
  note: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type ProductDay = {
  date: string;
  productId: string;
  title: string | null;
  paidAmountFen: number;
  paidOrders: number;
  paidItems: number;
  refundCount: number;
  refundAmountFen: number;
  reviewsGood: number;
  reviewsNeutral: number;
  reviewsBad: number;
  adSpendFen: number;
  adClicks: number;
  visitors: Num;
  addToCartBuyers: Num;
  conversion: Num;
  refundRate: Num;
};

export type ProductSourceDay = {
  date: string;
  source: string;
  visitors: Num;
  paidAmountFen: Num;
  paidBuyers: Num;
};

export type ProductTrend = {
  productId: string;
  title: string | null;
  days: ProductDay[];
  /** Visitors per 流量来源 and day (商品来源); empty without the file. */
  sources: ProductSourceDay[];
  skus: { date: string; skuCode: string; paidAmountFen: number; paidOrders: number; paidItems: number }[];
};

const base = (code: string) => `/stores/${encodeURIComponent(code)}/metrics`;

export const metricsApi = {
  report: (code: string, date?: string) => http.get<DailyReport>(`${base(code)}/report`, { date }),
  product: (code: string, productId: string, from: string, to: string) =>
    http.get<ProductTrend>(`${base(code)}/products/${encodeURIComponent(productId)}`, { from, to }),
  createTask: (code: string, findingId: string) =>
    http.post<{ taskId: string; created: boolean }>(
      `${base(code)}/findings/${encodeURIComponent(findingId)}/task`,
      {},
    ),
  settings: (code: string) => http.get<{ reportPushAt: string }>(`${base(code)}/settings`),
  saveSettings: (code: string, reportPushAt: string) =>
    http.put<{ reportPushAt: string }>(`${base(code)}/settings`, { reportPushAt }),
  pushNow: (code: string) => http.post<{ inbox: number; queued: number }>(`${base(code)}/report/push`, {}),
  addMove: (code: string, body: { date: string; competitor: string; kind: string; note?: string | null }) =>
    http.post<CompetitorMove>(`${base(code)}/competitor-moves`, body),
  deleteMove: (code: string, id: string) =>
    http.del<{ ok: true }>(`${base(code)}/competitor-moves/${encodeURIComponent(id)}`),
};
