import { http } from './http';

/** Marketing: campaign calendar and readiness, coupons and the price floor, paid ads, content. */

export type Phase = { code: string; name: string; from: string; to: string };
export type Readiness = { score: number; done: number; late: number; total: number };

export type Campaign = {
  id: string;
  name: string;
  kind: 'platform' | 'official_slot' | 'store' | 'live_stream' | 'group_buy';
  eventCode: string | null;
  eventYear: number | null;
  phases: Phase[];
  startDate: string;
  endDate: string;
  productIds: string[];
  budgetFen: number | null;
  goalGmvFen: number | null;
  goalUnits: number | null;
  goalNewBuyers: number | null;
  ownerPersonId: string | null;
  signUpDeadline: string | null;
  status: string;
  notes: string | null;
  readiness: Readiness;
};

export type AutoCheckGap =
  | { kind: 'no_roster'; date: string }
  | { kind: 'no_extra_shifts'; date: string; shifts: number; normal: number }
  | { kind: 'no_products' }
  | { kind: 'no_stock_data'; productId: string }
  | {
      kind: 'stock_short';
      productId: string;
      skuCode: string;
      available: number;
      stockoutDate: string | null;
    };
export type AutoCheck = {
  source: 'roster' | 'inventory';
  ok: boolean;
  checkedAt: string;
  basis: { peakDays?: string[]; normalShifts?: number | null; skusChecked?: number; through?: string };
  missing: AutoCheckGap[];
};

export type ChecklistItem = {
  code: string;
  autoCheck: AutoCheck | null;
  overrideReason: string | null;
  title: string;
  chain: string[];
  dueDate: string;
  ownerPersonId: string | null;
  taskId: string | null;
  needsAck: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  doneBy: string | null;
  doneAt: string | null;
  escalationLevel: number;
  done: boolean;
  late: boolean;
  taskStatus: string | null;
  currentRole: string;
  ownerName: string | null;
  doneByName: string | null;
};

export type CampaignDetail = Campaign & {
  checklist: ChecklistItem[];
  products: { productId: string; title: string | null; isHero: boolean }[];
};

export type Totals = { gmvFen: number; orders: number; units: number; newBuyers: number; days: number };
export type PhaseResult = {
  code: string;
  name: string;
  from: string;
  to: string;
  actual: Totals;
  baseline: Totals;
  gmvLiftBp: number | null;
};
export type CampaignResults = {
  phases: PhaseResult[];
  total: PhaseResult;
  baselineFrom: string;
  baselineTo: string;
  goals: { gmvFen: number | null; units: number | null; newBuyers: number | null };
  attainment: { gmvBp: number | null; unitsBp: number | null; newBuyersBp: number | null };
};

export type PlatformEvent = {
  code: string;
  year: number;
  name: string;
  phases: Phase[];
  signUpDeadline: string | null;
};

export type OfferKind = 'discount' | 'product_coupon' | 'store_coupon' | 'full_reduction' | 'cross_store';
export type Offer = {
  id: string;
  kind: OfferKind;
  name: string;
  startsAt: string;
  endsAt: string;
  productIds: string[] | null;
  percentBp: number | null;
  unitMinusFen: number | null;
  tiers: { thresholdFen: number; minusFen: number }[] | null;
  perEach: { everyFen: number; minusFen: number; capFen?: number | null } | null;
  campaignId: string | null;
};

export type FloorRow = {
  skuCode: string;
  productId: string;
  title: string | null;
  priceFen: number;
  costFen: number | null;
  floorFen: number | null;
  lowestUnitFen: number;
  worstWindowFrom: string | null;
  offerIds: string[];
  offerNames: string[];
  quantity: number;
  topUpFen: number;
  breach: { windowFrom: string; windowTo: string | null; marginFen: number } | null;
};

export type SimLine = {
  skuCode: string;
  title: string | null;
  unitPriceFen: number;
  quantity: number;
  itemDiscountFen: number;
  storeShareFen: number;
  crossStoreShareFen: number;
  netFen: number;
  unitNetFen: number;
  costFen: number | null;
  floorFen: number | null;
  belowFloor: boolean;
  lowestReachableFen: number;
  appliedOfferIds: string[];
};
export type SimResult = {
  at: string;
  subtotalFen: number;
  itemDiscountFen: number;
  fullReductionFen: number;
  storeCouponFen: number;
  productCouponFen: number;
  crossStoreFen: number;
  totalFen: number;
  lines: SimLine[];
  applied: { offerId: string; name: string; kind: OfferKind; amountFen: number }[];
};

export type AdMetrics = {
  impressions: number;
  clicks: number;
  spendFen: number;
  orders: number;
  gmvFen: number;
  ctrBp: number | null;
  cpcFen: number | null;
  cvrBp: number | null;
  roi: number | null;
};
export type AdPlan = AdMetrics & {
  key: string;
  channel: string;
  planId: string;
  planName: string;
  budgetFen: number | null;
  offline: { offlineAt: string; basis: string; spendFen: number; lostClicks: number | null } | null;
  belowRoiFloor: boolean;
};
export type Trend = { key: string; label: string; from: number; to: number; changeBp: number };
export type AffiliatePartner = {
  partnerKey: string;
  partnerName: string;
  orders: number;
  invalidOrders: number;
  invalidRateBp: number;
  gmvFen: number;
  commissionFen: number;
  roi: number | null;
  reliability: 'reliable' | 'unreliable' | 'too_few';
};
export type Affiliates = {
  source: 'affiliate_file' | 'store_metrics' | 'none';
  from: string;
  to: string;
  commissionFen: number | null;
  gmvFen: number | null;
  orders: number | null;
  roi: number | null;
  partners: AffiliatePartner[];
};
export type AdsDashboard = {
  date: string | null;
  affiliates: Affiliates | null;
  roiFloor?: number;
  channels: (AdMetrics & { channel: string })[];
  plans: AdPlan[];
  offline: AdPlan[];
  lowRoi: AdPlan[];
  creatives: Trend[];
  keywords: { rank: Trend[]; cpc: Trend[] };
  balances: {
    channel: string;
    balanceFen: number;
    daysLeft: number | null;
    alert: boolean;
    enteredAt: string;
  }[];
};

export type Post = {
  id: string;
  channel: string;
  title: string;
  audience: string | null;
  plannedAt: string;
  campaignId: string | null;
  topic: string | null;
  ownerPersonId: string | null;
  status: 'planned' | 'ready' | 'published' | 'cancelled';
  publishedUrl: string | null;
};

const base = (code: string) => `/stores/${encodeURIComponent(code)}/marketing`;

export const marketingApi = {
  campaigns: (code: string, from: string, to: string) =>
    http.get<Campaign[]>(`${base(code)}/campaigns`, { from, to }),
  campaign: (code: string, id: string) => http.get<CampaignDetail>(`${base(code)}/campaigns/${id}`),
  createCampaign: (code: string, body: Record<string, unknown>) =>
    http.post<CampaignDetail>(`${base(code)}/campaigns`, body),
  events: (code: string, year: number) => http.get<PlatformEvent[]>(`${base(code)}/events`, { year }),
  results: (code: string, id: string) => http.get<CampaignResults>(`${base(code)}/campaigns/${id}/results`),
  summaryUrl: (code: string, id: string) => `/api/v1${base(code)}/campaigns/${id}/summary.xlsx`,
  done: (code: string, id: string, item: string, acknowledge?: boolean, reason?: string) =>
    http.post<ChecklistItem>(`${base(code)}/campaigns/${id}/checklist/${item}/done`, { acknowledge, reason }),
  autoCheck: (code: string, id: string) =>
    http.post<{ completed: number; campaign: CampaignDetail }>(
      `${base(code)}/campaigns/${id}/checklist/check`,
    ),
  offers: (code: string) => http.get<Offer[]>(`${base(code)}/offers`),
  floor: (code: string) => http.get<FloorRow[]>(`${base(code)}/floor`),
  simulate: (code: string, cart: { skuCode: string; quantity: number }[], at?: string) =>
    http.post<SimResult>(`${base(code)}/simulate`, { cart, at }),
  ads: (code: string, date?: string) => http.get<AdsDashboard>(`${base(code)}/ads`, { date }),
  posts: (code: string, from: string, to: string) => http.get<Post[]>(`${base(code)}/posts`, { from, to }),
};

export const yuan = (fen: number | null | undefined) => (fen == null ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const pct = (bp: number | null | undefined) => (bp == null ? '—' : `${(bp / 100).toFixed(1)}%`);

export type SkuFloor = {
  skuCode: string;
  productId: string;
  title: string | null;
  properties: string | null;
  priceFen: number;
  costFen: number | null;
  floorFen: number | null;
};
export const skuFloors = (code: string) => http.get<SkuFloor[]>(`${base(code)}/skus`);

export const createOffer = (code: string, body: Record<string, unknown>) =>
  http.post<Offer>(`${base(code)}/offers`, body);
export const cancelOffer = (code: string, id: string) =>
  http.post<Offer>(`${base(code)}/offers/${id}/cancel`);
export const createPost = (code: string, body: Record<string, unknown>) =>
  http.post<Post>(`${base(code)}/posts`, body);
export const updatePost = (code: string, id: string, body: Record<string, unknown>) =>
  http.patch<Post>(`${base(code)}/posts/${id}`, body);
export const updateEvent = (
  code: string,
  year: number,
  event: string,
  body: { phases?: Phase[]; signUpDeadline?: string | null },
) => http.put<PlatformEvent>(`${base(code)}/events/${year}/${event}`, body);
export const updateCampaign = (code: string, id: string, body: Record<string, unknown>) =>
  http.patch<CampaignDetail>(`${base(code)}/campaigns/${id}`, body);
