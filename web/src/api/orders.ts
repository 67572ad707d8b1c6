import { http } from './http';

/** The orders and after-sales desk (issue 6). */

export type Reason = { code: string; params: Record<string, string | number> };

export type UnpaidRow = {
  orderId: string;
  platform: 'taobao' | 'jd';
  buyer: string | null;
  amountFen: number;
  createdAt: string;
  hoursUnpaid: number;
  itemTitles: string | null;
  chattedBy: { agent: string; personId: string | null; personName: string | null }[];
  flaggedBy: string | null;
  flaggedByName: string | null;
  flagColor: string | null;
  urges: number;
  lastUrgeAt: string | null;
  lastUrgeBy: string | null;
  takeoverOpen: boolean;
};

export const SHIP_STATES = ['ok', 'at_risk', 'overdue', 'late', 'shipped_on_time', 'shipped_late'] as const;
export type ShipState = (typeof SHIP_STATES)[number];
export type ShippingRow = {
  orderId: string;
  platform: 'taobao' | 'jd';
  buyer: string | null;
  paidAt: string;
  shippedAt: string | null;
  state: ShipState;
  dispatchAt: string;
  target: string;
  limit: string;
  hoursLeft: number;
  extraHours: number;
  itemTitles: string | null;
  amountFen: number;
  stockout: boolean;
};

export type Attribution = {
  orderId: string;
  platform: 'taobao' | 'jd';
  personId: string | null;
  personName: string | null;
  agent: string | null;
  creditedFen: number;
  paidAmountFen: number;
  paidAt: string | null;
  reason: Reason;
  steps: Reason[];
};

export type ByPerson = {
  people: {
    personId: string;
    personName: string | null;
    orders: number;
    creditedFen: number;
    removedOrders: number;
  }[];
  orders: number;
  unattributed: number;
};

export type Conversion = {
  personId: string;
  personName: string | null;
  urged: number;
  paid: number;
  rateBp: number;
};

export type Check = {
  kind: string;
  refId: string;
  orderId: string | null;
  data: Record<string, unknown> | null;
  detectedAt: string;
  resolvedAt: string | null;
};

export type StoryTask = {
  id: string;
  title: string;
  status: string;
  ownerPersonId: string | null;
  ownerRole: string | null;
  dueAt: string | null;
  outcome: string | null;
  overdue: boolean;
};

export type OrderStory = {
  order: Record<string, unknown> & {
    orderId: string;
    status: string;
    statusText: string | null;
    buyerAccount: string | null;
    paidAmountFen: number;
    createdAt: string;
    paidAt: string | null;
    shippedAt: string | null;
    itemTitles: string | null;
    flaggedBy: string | null;
    flaggedAt: string | null;
  };
  items: {
    platformId: string;
    title: string;
    skuCode: string | null;
    quantity: number;
    priceFen: number;
    properties: string | null;
  }[];
  statusHistory: {
    id: number;
    fromStatus: string | null;
    toStatus: string;
    observedAt: string;
    backwards: boolean;
  }[];
  events: {
    id: string;
    kind: string;
    personId: string | null;
    channel: string | null;
    note: string | null;
    at: string;
    data: unknown;
  }[];
  checks: Check[];
  attribution: Attribution;
  shipping: { state: ShipState; deadline: { target: string; limit: string; dispatchAt: string } } | null;
  refunds: (RefundRow & { case: RefundCase | null })[];
  reviews: {
    platformId: string;
    reviewId: string;
    sentiment: string;
    content: string | null;
    reviewedAt: string;
  }[];
  tasks: StoryTask[];
  chats: {
    sessionId: string;
    sentAt: string;
    senderRole: string;
    sender: string;
    content: string;
    isAutoReply: boolean;
  }[];
};

export type RefundCase = {
  causeOverride: string | null;
  ownerPersonId: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  revisitTaskId: string | null;
  listingTaskId: string | null;
};

export type RefundRow = {
  refundId: string;
  orderId: string;
  itemTitle: string | null;
  productCode: string | null;
  refundAmountFen: number;
  paidAmountFen: number | null;
  requestedAt: string;
  status: string;
  refundReason: string | null;
  refundDescription: string | null;
  responsibleParty: string | null;
  stage: string | null;
  csInterventionStatus: string | null;
  cause: string;
  autoCause: string;
  listingIssue: string | null;
  intervention: boolean;
  case: RefundCase | null;
};

export type RefundStats = {
  from: string;
  to: string;
  groupBy: string;
  total: { count: number; amountFen: number; paidOrders: number; rateBp: number };
  groups: {
    key: string;
    count: number;
    amountFen: number;
    shareBp: number;
    cumulativeBp: number;
    rateBp: number;
  }[];
  days: { date: string; count: number; amountFen: number; paidOrders: number; rateBp: number }[];
};

export type Spike = {
  kind: 'reason' | 'product';
  key: string;
  today: number;
  mean: number;
  threshold: number;
};

export type ReviewRow = {
  platformId: string;
  reviewId: string;
  orderId: string | null;
  productId: string;
  sentiment: string;
  rating: number | null;
  content: string | null;
  reviewedAt: string;
  sellerReply: string | null;
  reasonClass: string;
  countsAgainstCs: boolean;
  calledSameDay: boolean;
  needsCallToday: boolean;
  case: {
    suggestedClass: string;
    hits: string[];
    reasonClass: string | null;
    ownerPersonId: string | null;
    blamedPersonId: string | null;
    contacts: { at: string; personId: string | null; channel: string; note: string | null }[];
    outcome: string | null;
    publicReply: string | null;
    taskId: string | null;
  };
};

export type Dispute = {
  id: string;
  source: string;
  refundId: string | null;
  orderId: string | null;
  title: string;
  reason: string | null;
  deadlineAt: string | null;
  evidence: Record<string, boolean>;
  status: string;
  ownerPersonId: string | null;
  note: string | null;
  deadlineState: string;
  evidenceMissing: string[];
};

export type Question = {
  id: string;
  productId: string;
  question: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
  isBad: boolean;
};

export type StorePersonLite = { personId: string; displayName: string; roles: string[] };

const s = (code: string) => `/stores/${encodeURIComponent(code)}`;
const o = (code: string, id: string) => `${s(code)}/orders/${encodeURIComponent(id)}`;
type Range = { from?: string; to?: string };

export const ordersApi = {
  unpaid: (code: string, q: { createdFrom?: string; createdTo?: string; personId?: string } = {}) =>
    http.get<{ items: UnpaidRow[] }>(`${s(code)}/orders/unpaid`, q),
  urge: (code: string, orderId: string, channel: string, note?: string) =>
    http.post<unknown>(`${o(code, orderId)}/urges`, { channel, note }),
  flag: (code: string, orderId: string, color?: string) =>
    http.post<{ reason: Reason }>(`${o(code, orderId)}/flag`, { color }),
  conversion: (code: string, q: Range) =>
    http.get<{ from: string; to: string; items: Conversion[] }>(`${s(code)}/orders/urge-conversion`, q),
  attribution: (code: string, q: Range) =>
    http.get<{ from: string; to: string; items: Attribution[] }>(`${s(code)}/orders/attribution`, q),
  byPerson: (code: string, q: Range) =>
    http.get<ByPerson & { from: string; to: string }>(`${s(code)}/orders/attribution/by-person`, q),
  shipping: (code: string, q: { states?: string; includeShippedDays?: number } = {}) =>
    http.get<{ items: ShippingRow[] }>(`${s(code)}/orders/shipping`, q),
  stockout: (code: string, orderId: string, note?: string) =>
    http.post<unknown>(`${o(code, orderId)}/stockout`, { note }),
  stockoutOutcome: (code: string, orderId: string, outcome: string, note?: string) =>
    http.post<unknown>(`${o(code, orderId)}/stockout-outcome`, { outcome, note }),
  checks: (code: string, kind?: string) => http.get<{ items: Check[] }>(`${s(code)}/orders/checks`, { kind }),
  story: (code: string, orderId: string) => http.get<OrderStory>(o(code, orderId)),
  agents: (code: string) =>
    http.get<{
      items: { agent: string; linked: string | null; personId: string | null }[];
      people: StorePersonLite[];
    }>(`${s(code)}/orders/settings/agents`),
  shippingSettings: (code: string) => http.get<ShippingSettings>(`${s(code)}/orders/settings/shipping`),
  setShippingSettings: (code: string, body: Partial<ShippingSettings>) =>
    http.put<ShippingSettings>(`${s(code)}/orders/settings/shipping`, body),
  unpaidSettings: (code: string) => http.get<UnpaidSettings>(`${s(code)}/orders/settings/unpaid`),
  setUnpaidSettings: (code: string, body: Partial<UnpaidSettings>) =>
    http.put<UnpaidSettings>(`${s(code)}/orders/settings/unpaid`, body),
  search: (code: string, q: string) =>
    http.get<{
      items: {
        orderId: string;
        buyer: string | null;
        status: string;
        paidAmountFen: number;
        createdAt: string;
      }[];
    }>(`${s(code)}/orders/search`, { q }),
  setAgents: (code: string, links: Record<string, string | null>) =>
    http.put<Record<string, string>>(`${s(code)}/orders/settings/agents`, links),
  runDaily: (code: string) => http.post<unknown>(`${s(code)}/orders/daily`),
};

export type ShippingSettings = {
  cutoff: string;
  targetHours: number;
  limitHours: number;
  riskHours: number;
  campaigns: { from: string; to: string; extraHours: number; name?: string }[];
};

export type UnpaidSettings = {
  takeoverHours: number;
  offlineMinutes: number;
  urgeAfterHours: number;
  urgeWindowDays: number;
};

export type SpikeSettings = { baselineDays: number; minCount: number; factor: number };

export const aftersalesApi = {
  spikeSettings: (code: string) => http.get<SpikeSettings>(`${s(code)}/aftersales/settings/spike`),
  setSpikeSettings: (code: string, body: Partial<SpikeSettings>) =>
    http.put<SpikeSettings>(`${s(code)}/aftersales/settings/spike`, body),
  lexicon: (code: string) => http.get<Record<string, string[]>>(`${s(code)}/aftersales/lexicon`),
  setLexicon: (code: string, body: Record<string, string[]>) =>
    http.put<Record<string, string[]>>(`${s(code)}/aftersales/lexicon`, body),
  refunds: (code: string, q: Range & { reason?: string; openOnly?: boolean }) =>
    http.get<{ from: string; to: string; items: RefundRow[] }>(`${s(code)}/aftersales/refunds`, q),
  stats: (code: string, q: Range & { groupBy?: string }) =>
    http.get<RefundStats>(`${s(code)}/aftersales/refund-stats`, q),
  spikes: (code: string, date?: string) =>
    http.get<{ date: string; items: Spike[] }>(`${s(code)}/aftersales/refund-spikes`, { date }),
  updateRefund: (
    code: string,
    refundId: string,
    body: Partial<{
      cause: string | null;
      ownerPersonId: string | null;
      outcome: string | null;
      outcomeNote: string | null;
    }>,
  ) => http.patch<unknown>(`${s(code)}/aftersales/refunds/${encodeURIComponent(refundId)}`, body),
  assignRefunds: (code: string, ids: string[], ownerPersonId: string | null) =>
    http.post<unknown>(`${s(code)}/aftersales/refunds/assign`, { ids, ownerPersonId }),
  reviews: (code: string, q: Range & { cls?: string; sentiment?: string; openOnly?: boolean }) =>
    http.get<{ from: string; to: string; items: ReviewRow[] }>(`${s(code)}/aftersales/reviews`, q),
  updateReview: (
    code: string,
    key: string,
    body: Partial<{
      reasonClass: string | null;
      ownerPersonId: string | null;
      blamedPersonId: string | null;
      outcome: string | null;
      publicReply: string | null;
      contact: { channel: string; note?: string | null };
    }>,
  ) => http.patch<unknown>(`${s(code)}/aftersales/reviews/${encodeURIComponent(key)}`, body),
  assignReviews: (code: string, ids: string[], ownerPersonId: string | null) =>
    http.post<unknown>(`${s(code)}/aftersales/reviews/assign`, { ids, ownerPersonId }),
  reviewsByProduct: (code: string, q: Range) =>
    http.get<{
      items: { productId: string; month: string; total: number; byClass: Record<string, number> }[];
    }>(`${s(code)}/aftersales/reviews/by-product`, q),
  disputes: (code: string, openOnly?: boolean) =>
    http.get<{ items: Dispute[] }>(`${s(code)}/aftersales/disputes`, { openOnly }),
  createDispute: (code: string, body: { title: string; orderId?: string; reason?: string }) =>
    http.post<Dispute>(`${s(code)}/aftersales/disputes`, body),
  updateDispute: (
    code: string,
    id: string,
    body: Partial<{ status: string; evidence: Record<string, boolean> }>,
  ) => http.patch<unknown>(`${s(code)}/aftersales/disputes/${encodeURIComponent(id)}`, body),
  questions: (code: string, q: { unansweredOnly?: boolean; badOnly?: boolean }) =>
    http.get<{ items: Question[] }>(`${s(code)}/aftersales/questions`, q),
  addQuestion: (code: string, body: { productId: string; question: string; isBad?: boolean }) =>
    http.post<Question>(`${s(code)}/aftersales/questions`, body),
  answer: (code: string, id: string, answer: string) =>
    http.post<Question>(`${s(code)}/aftersales/questions/${encodeURIComponent(id)}/answer`, { answer }),
};

export const yuan = (fen: number | null | undefined) => (fen == null ? '' : `¥${(fen / 100).toFixed(2)}`);
export const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
