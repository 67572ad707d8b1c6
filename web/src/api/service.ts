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
  /** Distinct paying buyers of the credited orders (客单价 = salesFen ÷ this). */
  salesBuyers: number;
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
  swapRoster: (code: string, a: { agent: string; date: string }, b: { agent: string; date: string }) =>
    http.post<{ ok: true }>(`${base(code)}/roster/swap`, { a, b }),
  qualityRights: (code: string) =>
    http.get<{ inspect: boolean; decideAppeals: boolean }>(`${base(code)}/quality/rights`),
  settings: (code: string) => http.get<CsSettings>(`${base(code)}/settings`),
  saveSettings: (code: string, patch: Partial<CsSettings>) =>
    http.patch<CsSettings>(`${base(code)}/settings`, patch),
  agents: (code: string) => http.get<{ items: Agent[] }>(`${base(code)}/agents`),
  saveAgent: (code: string, body: { account: string; personId: string | null; shiftCode: string }) =>
    http.put<{ ok: true }>(`${base(code)}/agents`, body),
  ruleBooks: (code: string) =>
    http.get<{ items: RuleBook[]; defaults: FineRuleData[] }>(`${base(code)}/fine-rules`),
  saveRuleBook: (code: string, body: RuleBook) => http.put<unknown>(`${base(code)}/fine-rules`, body),
  attendance: (code: string, month: string) =>
    http.get<{ items: AttendanceDay[]; sheet: AttendanceSheetRow[] }>(`${base(code)}/attendance`, { month }),
  saveAttendance: (code: string, body: Omit<AttendanceDay, 'note'> & { note?: string | null }) =>
    http.put<{ ok: true }>(`${base(code)}/attendance`, body),
};

export type ShiftType = { code: string; name: string; start: string; end: string; dutyUntil?: string };
export type CsSettings = {
  shifts: ShiftType[];
  serviceWindow: { from: string; to: string };
  inquiriesPerAgentHour: number;
  campaignFactorDefault: number;
  samplePercent: number;
};
export type Agent = {
  account: string;
  personId: string | null;
  displayName: string | null;
  linked: boolean;
  shiftCode: string;
};
export type FineRuleData = { code: string } & Record<string, unknown>;
export type RuleBook = { effectiveFrom: string; rules: FineRuleData[] };
export type AttendanceDay = {
  date: string;
  agent: string;
  lateMinutes: number | null;
  onLeave: boolean;
  offline: boolean;
  idleMinutes: number[];
  note: string | null;
};
export type AttendanceSheetRow = {
  agent: string;
  periodStart: string | null;
  periodEnd: string | null;
  workDays: string | null;
  averageOnlineTime: string | null;
  earliestOnlineTime: string | null;
  latestOnlineTime: string | null;
  totalOnlineSeconds: number | null;
  totalIdleSeconds: number | null;
};
