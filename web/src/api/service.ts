import { http } from './http';

/** Customer service: chat KPIs, the 14:30 check, roster, quality queue, fines (module `service`). */

export type Kpi = {
  date: string;
  shiftCode: string;
  agent: string;
  sessions: number;
  receptions: number;
  inquiries: number;
  paidBuyers: number;
  paidOrders: number;
  salesFen: number;
  answeredSessions: number;
  unansweredSessions: number;
  slowSessions: number;
  firstResponseSumSec: number;
  rounds: number;
  answeredRounds: number;
  fastRounds: number;
  responseSumSec: number;
  buyerMessages: number;
  agentMessages: number;
  longWaits: number;
  inquiryConversionBp: number | null;
  aovFen: number | null;
  avgFirstResponseSec: number | null;
  avgResponseSec: number | null;
  replyRateBp: number | null;
  fastReplyRateBp: number | null;
  answerRatio: number | null;
};

export type CsCheck = {
  date: string | null;
  agents?: {
    agent: string;
    today: Kpi;
    yesterday: Kpi | null;
    lastWeek: Kpi | null;
    firstReply: string | null;
    lastReply: string | null;
  }[];
  team?: { today: Kpi; yesterday: Kpi; lastWeek: Kpi };
  byHour?: { hour: number; today: number; yesterday: number; lastWeek: number }[];
  forecast?: {
    date: string;
    campaignFactor: number;
    campaign: {
      factor: number;
      source: 'none' | 'history' | 'setting';
      campaigns: string[];
      basis: { date: string; sessions: number; usual: number }[];
    };
    hours: { hour: number; forecast: number; rostered: number; needed: number }[];
    underStaffed: number[];
  };
};

export type Metric = { ours: number | null; theirs: number | null; diff: number | null; flagged: boolean };
export type CompareRow = { date: string; agent: string; metrics: Record<string, Metric>; flagged: number };

export type Evidence = {
  kind: 'day' | 'session' | 'order';
  id: string;
  date: string;
  detail: string;
  fen: number;
};
export type Fine = { code: string; count: number; fen: number; evidence: Evidence[] };
export type AgentFines = {
  agent: string;
  personId: string | null;
  rulesFrom: string | null;
  fines: Fine[];
  totalFen: number;
};

export type Hit = {
  id: string;
  sessionId: string;
  agent: string;
  date: string;
  check: string;
  messageIndex: number;
  evidence: string;
  sampledFor: string;
  status: string;
  note: string | null;
  appeal: string | null;
  appealDecision: string | null;
  taskId: string | null;
};

export type ChatLine = {
  sentAt: string;
  senderRole: string;
  sender: string;
  isAutoReply: boolean;
  content: string;
};

export type Roster = {
  month: string;
  shifts: { code: string; name: string; start: string; end: string }[];
  entries: { date: string; agent: string; shiftCode: string; note: string | null }[];
  daysOff: Record<string, number>;
  gaps: { date: string; from: string; to: string }[];
};

export type AgentPage = {
  month: string;
  accounts: string[];
  days: Kpi[];
  totals: Kpi[];
  hits: Hit[];
  quality: { counted: number; score: number };
  fines: AgentFines[];
};

const base = (code: string) => `/stores/${encodeURIComponent(code)}/service`;

export const serviceApi = {
  check: (code: string, q: { date?: string }) => http.get<CsCheck>(`${base(code)}/check`, q),
  kpis: (code: string, q: { from: string; to: string; shift?: string }) =>
    http.get<{ items: Kpi[] }>(`${base(code)}/kpis`, q),
  compare: (code: string, q: { from: string; to: string }) =>
    http.get<{ items: CompareRow[] }>(`${base(code)}/kpis/compare`, q),
  recompute: (code: string, body: { from: string; to: string }) =>
    http.post<{ sessions: number; rows: number; ms: number }>(`${base(code)}/kpis/recompute`, body),
  fines: (code: string, month: string) => http.get<{ items: AgentFines[] }>(`${base(code)}/fines`, { month }),
  hits: (code: string, q: { status?: string; agent?: string }) =>
    http.get<{ items: Hit[] }>(`${base(code)}/quality/hits`, q),
  review: (
    code: string,
    id: string,
    body: { decision: 'confirmed' | 'rejected'; note?: string; coach?: boolean },
  ) => http.post<Hit>(`${base(code)}/quality/hits/${encodeURIComponent(id)}/review`, body),
  appeal: (code: string, id: string, text: string) =>
    http.post<Hit>(`${base(code)}/quality/hits/${encodeURIComponent(id)}/appeal`, { text }),
  decide: (code: string, id: string, decision: 'upheld' | 'overturned', note?: string) =>
    http.post<Hit>(`${base(code)}/quality/hits/${encodeURIComponent(id)}/decide`, { decision, note }),
  session: (code: string, id: string) =>
    http.get<{ items: ChatLine[] }>(`${base(code)}/sessions/${encodeURIComponent(id)}`),
  roster: (code: string, month: string) => http.get<Roster>(`${base(code)}/roster`, { month }),
  setRoster: (code: string, body: { date: string; agent: string; shiftCode: string }) =>
    http.put<{ ok: true }>(`${base(code)}/roster`, body),
  generateRoster: (code: string, month: string) =>
    http.post<{ created: number }>(`${base(code)}/roster/generate`, { month }),
  me: (code: string, month: string) => http.get<AgentPage>(`${base(code)}/me`, { month }),
};
