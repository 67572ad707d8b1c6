/**
 * Customer-service rules (DOMAIN.md §5, FORMATS.md "Customer-service data") as pure functions:
 * chat KPIs per agent per day and per shift, shift attribution, the roster and its coverage,
 * attendance, the rule book of fines and the quality checks. No database, no clock: the service
 * feeds them rows and stores what they return.
 */
import { addDays, zoneOffsetMinutes } from '../../core/time';

// ------------------------------------------------------------------ chats → sessions

/** Who sent a message: the buyer, a person at the desk, or the auto-reply robot. */
export const ROLE_BUYER = 0;
export const ROLE_AGENT = 1;
export const ROLE_AUTO = 2;
export type MessageRole = 0 | 1 | 2;

/**
 * One session's messages in time order, as parallel arrays (epoch ms and roles). `count`: how many
 * of the arrays' entries are the session's (a pass may reuse longer arrays); all when absent.
 */
export type ChatSession = {
  sessionId: string;
  agent: string;
  buyer: string;
  times: number[];
  roles: MessageRole[];
  count?: number;
};

export type SessionSummary = {
  sessionId: string;
  agent: string;
  buyer: string;
  /** First message (epoch ms). */
  start: number;
  /** First buyer message, null when the buyer never wrote (an agent's reminder nobody answered). */
  firstBuyerAt: number | null;
  buyerMessages: number;
  agentMessages: number;
  /** Seconds from the first buyer message to the first human reply; null = no human reply. */
  firstResponseSec: number | null;
  /** Buyer→human-reply rounds: a round opens at a buyer message and closes at the next human reply. */
  rounds: number;
  answeredRounds: number;
  /** Sum of the answered rounds' waits, seconds. */
  responseSumSec: number;
  /** Rounds answered within the 3-minute limit. */
  fastRounds: number;
  /** Waits of questions left 30 min or more (answered late or never), seconds, with when they were asked. */
  longWaits: { at: number; waitSec: number; answered: boolean }[];
};

export type KpiSettings = {
  /** A first response slower than this is a slow response (DOMAIN.md §5: 2 min). */
  slowResponseSec: number;
  /** The 3-minute reply rate's limit. */
  fastReplySec: number;
  /** A question waiting this long is recorded for the unanswered-question fine (30 min). */
  longWaitSec: number;
  /** A buyer with an order created this many days before the chat is an after-sales contact, not an inquiry. */
  afterSaleLookbackDays: number;
  /** An inquiry converts when the buyer pays within this many hours of first asking. */
  conversionWindowHours: number;
};

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  slowResponseSec: 120,
  fastReplySec: 180,
  longWaitSec: 30 * 60,
  afterSaleLookbackDays: 15,
  conversionWindowHours: 24,
};

/**
 * One session's numbers. Auto-replies are ignored for response times (they neither answer a
 * round nor count as the agent's messages). `observedUntil` closes questions never answered:
 * their wait is measured up to it (end of the data, or now).
 */
export function summarizeSession(
  s: ChatSession,
  observedUntil: number,
  settings: KpiSettings = DEFAULT_KPI_SETTINGS,
): SessionSummary {
  const { times, roles } = s;
  const n = s.count ?? times.length;
  let firstBuyerAt: number | null = null;
  let firstResponseSec: number | null = null;
  let buyerMessages = 0;
  let agentMessages = 0;
  let rounds = 0;
  let answeredRounds = 0;
  let responseSumSec = 0;
  let fastRounds = 0;
  let roundStart = -1;
  const longWaits: SessionSummary['longWaits'] = [];
  for (let i = 0; i < n; i++) {
    const r = roles[i];
    const t = times[i]!;
    if (r === ROLE_BUYER) {
      buyerMessages++;
      if (firstBuyerAt === null) firstBuyerAt = t;
      if (roundStart < 0) {
        roundStart = t;
        rounds++;
      }
    } else if (r === ROLE_AGENT) {
      agentMessages++;
      if (roundStart >= 0) {
        const wait = (t - roundStart) / 1000;
        if (firstResponseSec === null) firstResponseSec = wait;
        answeredRounds++;
        responseSumSec += wait;
        if (wait <= settings.fastReplySec) fastRounds++;
        if (wait >= settings.longWaitSec) longWaits.push({ at: roundStart, waitSec: wait, answered: true });
        roundStart = -1;
      }
    }
  }
  if (roundStart >= 0) {
    const wait = Math.max(0, (observedUntil - roundStart) / 1000);
    if (wait >= settings.longWaitSec) longWaits.push({ at: roundStart, waitSec: wait, answered: false });
  }
  return {
    sessionId: s.sessionId,
    agent: s.agent,
    buyer: s.buyer,
    start: n > 0 ? times[0]! : 0,
    firstBuyerAt,
    buyerMessages,
    agentMessages,
    firstResponseSec,
    rounds,
    answeredRounds,
    responseSumSec,
    fastRounds,
    longWaits,
  };
}

// ------------------------------------------------------------------ local time and shifts

/** Local date and minute of day of instants in a zone, cached per hour (fast for a million messages). */
export function localClock(timeZone: string) {
  const offsets = new Map<number, number>();
  const dates = new Map<number, string>();
  return (t: number): { date: string; minute: number } => {
    const hour = Math.floor(t / 3_600_000);
    let off = offsets.get(hour);
    if (off === undefined) {
      off = zoneOffsetMinutes(new Date(hour * 3_600_000), timeZone);
      offsets.set(hour, off);
    }
    const local = t + off * 60_000;
    const day = Math.floor(local / 86_400_000);
    let date = dates.get(day);
    if (date === undefined) {
      const d = new Date(day * 86_400_000);
      date = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
      dates.set(day, date);
    }
    return { date, minute: Math.floor((local - day * 86_400_000) / 60_000) };
  };
}

/** A shift type (store setting). `end` may be '24:00'; `dutyUntil` (optional) may pass midnight. */
export type ShiftType = { code: string; name: string; start: string; end: string; dutyUntil?: string };

export const DEFAULT_SHIFTS: ShiftType[] = [
  { code: 'day', name: '早班', start: '08:30', end: '17:30' },
  { code: 'night', name: '晚班', start: '17:00', end: '24:00', dutyUntil: '02:00' },
];

/** 'HH:mm' → minutes; '24:00' → 1440. */
export function hmToMinutes(hm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hm);
  if (!m) return Number.NaN;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 24 || mi > 59 || (h === 24 && mi > 0)) return Number.NaN;
  return h * 60 + mi;
}

/** A shift's nominal and duty windows in minutes from its start date's midnight (may exceed 1440). */
export function shiftWindow(s: ShiftType): { start: number; end: number; dutyEnd: number } {
  const start = hmToMinutes(s.start);
  let end = hmToMinutes(s.end);
  if (end <= start) end += 1440;
  let dutyEnd = s.dutyUntil ? hmToMinutes(s.dutyUntil) : end;
  while (dutyEnd < end) dutyEnd += 1440;
  return { start, end, dutyEnd };
}

export const NO_SHIFT = 'none';

/**
 * The shift an instant belongs to: (shift date, shift code). A night shift crossing midnight
 * belongs to the date it started (00:40 on the 26th → the 25th's night shift). When the agent is
 * rostered on one of the candidate shifts, that one wins; otherwise the nominal window wins over
 * the extended duty window, then the shift listed first. Outside every window → 'none', that day.
 */
export function shiftOf(
  date: string,
  minute: number,
  shifts: ShiftType[],
  rostered?: (shiftDate: string) => string | null | undefined,
): { shiftDate: string; shiftCode: string } {
  return shiftLocator(shifts)(date, minute, rostered);
}

/** shiftOf with the shift windows parsed once and previous dates cached (for many sessions). */
export function shiftLocator(shifts: ShiftType[]) {
  const windows = shifts.map((s, order) => ({ code: s.code, order, ...shiftWindow(s) }));
  const prev = new Map<string, string>();
  const prevOf = (d: string) => {
    let p = prev.get(d);
    if (p === undefined) {
      p = addDays(d, -1);
      prev.set(d, p);
    }
    return p;
  };
  return (
    date: string,
    minute: number,
    rostered?: (shiftDate: string) => string | null | undefined,
  ): { shiftDate: string; shiftCode: string } => {
    let best: { shiftDate: string; code: string; nominal: boolean; order: number } | null = null;
    for (const w of windows) {
      for (let back = 0; back < 2; back++) {
        const m = minute + back * 1440;
        if (m < w.start || m >= w.dutyEnd) continue;
        const shiftDate = back === 0 ? date : prevOf(date);
        if (rostered && rostered(shiftDate) === w.code) return { shiftDate, shiftCode: w.code };
        const nominal = m < w.end;
        if (!best || (nominal && !best.nominal)) best = { shiftDate, code: w.code, nominal, order: w.order };
      }
    }
    return best
      ? { shiftDate: best.shiftDate, shiftCode: best.code }
      : { shiftDate: date, shiftCode: NO_SHIFT };
  };
}

// ------------------------------------------------------------------ KPIs

/**
 * An order as the conversion KPIs need it: whose, when, and the chat account that the orders
 * module's attribution (DOMAIN.md §5, `orders.attributeOrders`) credits it to.
 */
export type KpiOrder = {
  orderId: string;
  buyer: string;
  createdAt: number;
  paidAt: number | null;
  /** The chat account credited with the order by the orders attribution, null when nobody. */
  creditAgent: string | null;
};

/**
 * A credited sale (one entry of the orders attribution), placed at its payment: the business date
 * and the shift of the credited account in which it was paid.
 */
export type KpiSale = {
  orderId: string;
  agent: string;
  /** The buyer (or the order id when the platform gives none): 客单价 is per paying buyer. */
  buyer: string;
  /** Sales after the attribution's removals (refunds caused by buyer/service, CS bad reviews). */
  creditedFen: number;
  date: string;
  shiftDate: string;
  shiftCode: string;
};

/** Sums and counts per agent and period; rates are derived (so days add up to months exactly). */
export type KpiRow = {
  date: string;
  /** '' = the whole day; else the shift code ('day', 'night', 'none'). */
  shiftCode: string;
  agent: string;
  sessions: number;
  receptions: number;
  inquiries: number;
  paidBuyers: number;
  paidOrders: number;
  salesFen: number;
  /** Distinct buyers of the credited orders (客单价's denominator). */
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
};

export type KpiRates = {
  inquiryConversionBp: number | null;
  aovFen: number | null;
  avgFirstResponseSec: number | null;
  avgResponseSec: number | null;
  replyRateBp: number | null;
  fastReplyRateBp: number | null;
  /** 答问比: human replies per buyer message. */
  answerRatio: number | null;
};

const ratioBp = (a: number, b: number) => (b > 0 ? Math.round((a * 10_000) / b) : null);

export function kpiRates(r: KpiRow): KpiRates {
  return {
    inquiryConversionBp: ratioBp(r.paidBuyers, r.inquiries),
    aovFen: r.salesBuyers > 0 ? Math.round(r.salesFen / r.salesBuyers) : null,
    avgFirstResponseSec: r.answeredSessions > 0 ? r.firstResponseSumSec / r.answeredSessions : null,
    avgResponseSec: r.answeredRounds > 0 ? r.responseSumSec / r.answeredRounds : null,
    replyRateBp: ratioBp(r.answeredSessions, r.sessions),
    fastReplyRateBp: ratioBp(r.fastRounds, r.rounds),
    answerRatio: r.buyerMessages > 0 ? Math.round((r.agentMessages / r.buyerMessages) * 100) / 100 : null,
  };
}

export function emptyKpiRow(date: string, shiftCode: string, agent: string): KpiRow {
  return {
    date,
    shiftCode,
    agent,
    sessions: 0,
    receptions: 0,
    inquiries: 0,
    paidBuyers: 0,
    paidOrders: 0,
    salesFen: 0,
    salesBuyers: 0,
    answeredSessions: 0,
    unansweredSessions: 0,
    slowSessions: 0,
    firstResponseSumSec: 0,
    rounds: 0,
    answeredRounds: 0,
    fastRounds: 0,
    responseSumSec: 0,
    buyerMessages: 0,
    agentMessages: 0,
    longWaits: 0,
  };
}

/** Adds b's sums into a (for months, stores, teams). */
export function addKpiRows(a: KpiRow, b: KpiRow): KpiRow {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof KpiRow)[]) {
    if (typeof b[k] === 'number') (out[k] as number) += b[k] as number;
  }
  return out;
}

/** A session placed in time: its business date and its shift. */
export type PlacedSession = SessionSummary & { date: string; shiftDate: string; shiftCode: string };

/** One inquiry: a buyer who asked an agent before ordering, and which order (if any) it won. */
export type Inquiry = {
  agent: string;
  buyer: string;
  date: string;
  shiftDate: string;
  shiftCode: string;
  firstAt: number;
  isInquiry: boolean;
  orders: string[];
};

export type KpiResult = {
  rows: KpiRow[];
  /** Order id → the inquiry (agent, day) it converted, when one did. */
  credits: Map<string, { agent: string; date: string }>;
  inquiries: Inquiry[];
};

/**
 * The KPIs of placed sessions, per agent per day (shiftCode '') and per agent per shift.
 * A session counts when the buyer wrote in it; it belongs to the day and shift of its start
 * (a chat crossing midnight stays on the day it began).
 * - 接待人数 receptions: distinct buyers who wrote to the agent that day (that shift).
 * - 询单人数 inquiries: those with no order created in the look-back before they first wrote, or
 *   who paid an order within the window after writing (they asked before paying).
 * - 询单→付款: an inquiry whose buyer paid, within the window after first writing, an order that
 *   the orders attribution credits to this agent (one order → one agent, DOMAIN.md §5).
 * - 客服销售额 / credited orders / paying buyers: the `sales` (the attribution's credited orders),
 *   on the business date and shift of their payment — so a day's sales of an agent are exactly
 *   what the orders attribution page credits the agent for orders paid that day.
 */
export function computeKpis(
  sessions: PlacedSession[],
  orders: KpiOrder[],
  settings: KpiSettings = DEFAULT_KPI_SETTINGS,
  sales: KpiSale[] = [],
): KpiResult {
  const acc = kpiAccumulator(settings);
  for (const s of sessions) acc.add(s);
  return acc.finish(orders, sales);
}

/**
 * `computeKpis` in two steps, for a pass that cannot hold a month of sessions at once: `add` each
 * placed session as it comes (in any order), then `finish` with the orders and the credited sales
 * (once; the accumulator is spent). The same rules and results as `computeKpis`.
 */
export function kpiAccumulator(settings: KpiSettings = DEFAULT_KPI_SETTINGS): {
  add: (s: PlacedSession) => void;
  finish: (orders: KpiOrder[], sales?: KpiSale[]) => KpiResult;
} {
  // Strings are interned to small numbers once (a string keeps its hash), and every lookup after
  // that is by number: a month of a large store is 100 k sessions.
  const interner = () => {
    const m = new Map<string, number>();
    return (v: string) => {
      let n = m.get(v);
      if (n === undefined) {
        n = m.size;
        m.set(v, n);
      }
      return n;
    };
  };
  const agentId = interner();
  const dateId = interner();
  const shiftId = interner();
  const buyerId = interner();
  type Sets = {
    row: KpiRow;
    buyers: Set<number>;
    inquiries: Set<number>;
    paid: Set<number>;
    saleBuyers: Set<number>;
    contacts: Map<number, Inquiry>;
  };
  const rows = new Map<number, Sets>();
  const row = (date: string, shiftCode: string, agent: string): Sets => {
    const k = (dateId(date) * 256 + shiftId(shiftCode)) * 65_536 + agentId(agent);
    let r = rows.get(k);
    if (!r) {
      r = {
        row: emptyKpiRow(date, shiftCode, agent),
        buyers: new Set(),
        inquiries: new Set(),
        paid: new Set(),
        saleBuyers: new Set(),
        contacts: new Map(),
      };
      rows.set(k, r);
    }
    return r;
  };
  const buyerOf = new Map<Inquiry, number>();
  // One session's figures into a row (its day's, then its shift's).
  const countSession = (r: KpiRow, s: PlacedSession) => {
    r.sessions++;
    r.buyerMessages += s.buyerMessages;
    r.agentMessages += s.agentMessages;
    r.rounds += s.rounds;
    r.answeredRounds += s.answeredRounds;
    r.fastRounds += s.fastRounds;
    r.responseSumSec += s.responseSumSec;
    r.longWaits += s.longWaits.length;
    if (s.firstResponseSec === null) r.unansweredSessions++;
    else {
      r.answeredSessions++;
      r.firstResponseSumSec += s.firstResponseSec;
      if (s.firstResponseSec > settings.slowResponseSec) r.slowSessions++;
    }
  };
  const add = (s: PlacedSession) => {
    if (s.firstBuyerAt === null) return;
    const b = buyerId(s.buyer);
    const day = row(s.date, '', s.agent);
    const shift = row(s.shiftDate, s.shiftCode, s.agent);
    countSession(day.row, s);
    countSession(shift.row, s);
    const c = day.contacts.get(b);
    if (!c) {
      const contact: Inquiry = {
        agent: s.agent,
        buyer: s.buyer,
        date: s.date,
        shiftDate: s.shiftDate,
        shiftCode: s.shiftCode,
        firstAt: s.firstBuyerAt,
        isInquiry: true,
        orders: [],
      };
      day.contacts.set(b, contact);
      buyerOf.set(contact, b);
    } else if (s.firstBuyerAt < c.firstAt) {
      c.firstAt = s.firstBuyerAt;
      c.shiftDate = s.shiftDate;
      c.shiftCode = s.shiftCode;
    }
    if (!shift.buyers.has(b)) {
      shift.buyers.add(b);
      shift.row.receptions++;
    }
  };

  const finish = (orders: KpiOrder[], sales: KpiSale[] = []): KpiResult => {
    // Orders by buyer, in creation order (only buyers who chatted matter).
    const byBuyer = new Map<number, KpiOrder[]>();
    for (const o of orders) {
      const b = buyerId(o.buyer);
      const l = byBuyer.get(b);
      if (l) l.push(o);
      else byBuyer.set(b, [o]);
    }
    for (const l of byBuyer.values()) if (l.length > 1) l.sort((a, b) => a.createdAt - b.createdAt);
    const lookback = settings.afterSaleLookbackDays * 86_400_000;
    const window = settings.conversionWindowHours * 3_600_000;
    const contactsByBuyer = new Map<number, Inquiry[]>();
    const allContacts: Inquiry[] = [];
    for (const r of [...rows.values()]) {
      for (const [b, c] of r.contacts) {
        allContacts.push(c);
        r.row.receptions++;
        const own = byBuyer.get(b);
        // After-sales contact: an order in the look-back and no payment following the chat.
        let recent = false;
        let paysAfter = false;
        if (own)
          for (const o of own) {
            if (o.createdAt < c.firstAt && o.createdAt >= c.firstAt - lookback) recent = true;
            if (o.paidAt !== null && o.paidAt >= c.firstAt && o.paidAt - c.firstAt <= window)
              paysAfter = true;
          }
        c.isInquiry = !recent || paysAfter;
        if (!c.isInquiry) continue;
        r.row.inquiries++;
        const shift = row(c.shiftDate, c.shiftCode, c.agent);
        if (!shift.inquiries.has(b)) {
          shift.inquiries.add(b);
          shift.row.inquiries++;
        }
        const l = contactsByBuyer.get(b);
        if (l) l.push(c);
        else contactsByBuyer.set(b, [c]);
      }
    }

    const credits: KpiResult['credits'] = new Map();
    for (const [b, contacts] of contactsByBuyer) {
      const own = byBuyer.get(b);
      if (!own) continue;
      for (const o of own) {
        if (o.paidAt === null || o.creditAgent === null) continue;
        const paidAt = o.paidAt;
        // The credited agent's latest inquiry within the window before payment converted.
        let win: Inquiry | undefined;
        for (const c of contacts)
          if (c.agent === o.creditAgent && c.firstAt <= paidAt && paidAt - c.firstAt <= window)
            if (!win || c.firstAt >= win.firstAt) win = c;
        if (!win) continue;
        win.orders.push(o.orderId);
        credits.set(o.orderId, { agent: win.agent, date: win.date });
      }
    }
    const sell = (r: Sets, x: KpiSale, b: number) => {
      r.row.salesFen += x.creditedFen;
      r.row.paidOrders++;
      if (!r.saleBuyers.has(b)) {
        r.saleBuyers.add(b);
        r.row.salesBuyers++;
      }
    };
    for (const x of sales) {
      const b = buyerId(x.buyer);
      sell(row(x.date, '', x.agent), x, b);
      sell(row(x.shiftDate, x.shiftCode, x.agent), x, b);
    }
    // Paid buyers: distinct buyers with a credited order, per day row and per shift row.
    for (const l of contactsByBuyer.values()) {
      for (const c of l) {
        if (c.orders.length === 0) continue;
        row(c.date, '', c.agent).row.paidBuyers++;
        const shift = row(c.shiftDate, c.shiftCode, c.agent);
        const b = buyerOf.get(c)!;
        if (!shift.paid.has(b)) {
          shift.paid.add(b);
          shift.row.paidBuyers++;
        }
      }
    }
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const out = [...rows.values()]
      .map((r) => r.row)
      .sort((a, b) => cmp(a.date, b.date) || cmp(a.agent, b.agent) || cmp(a.shiftCode, b.shiftCode));
    return { rows: out, credits, inquiries: allContacts };
  };
  return { add, finish };
}

/**
 * Places instants (e.g. payments) of an agent: business date in the store's zone and the shift,
 * by the same rules as sessions (the agent's rostered shift wins in an overlap).
 */
export function instantPlacer(
  timeZone: string,
  shifts: ShiftType[],
  rosterOf?: (agent: string, shiftDate: string) => string | null | undefined,
) {
  const clock = localClock(timeZone);
  const locate = shiftLocator(shifts);
  return (at: number, agent: string): { date: string; shiftDate: string; shiftCode: string } => {
    const { date, minute } = clock(at);
    const sh = locate(date, minute, rosterOf ? (d: string) => rosterOf(agent, d) : undefined);
    return { date, shiftDate: sh.shiftDate, shiftCode: sh.shiftCode };
  };
}

/**
 * Places one summary at a time in time (business date of its start, shift of its first buyer
 * message) in the store's zone: for a pass that places each session as soon as it is summarised.
 */
export function sessionPlacer(
  timeZone: string,
  shifts: ShiftType[],
  rosterOf?: (agent: string, shiftDate: string) => string | null | undefined,
): (s: SessionSummary) => PlacedSession {
  const clock = localClock(timeZone);
  const locate = shiftLocator(shifts);
  return (s) => {
    const at = s.firstBuyerAt ?? s.start;
    const { date, minute } = clock(s.start);
    const local = at === s.start ? { date, minute } : clock(at);
    const sh = locate(local.date, local.minute, rosterOf ? (d: string) => rosterOf(s.agent, d) : undefined);
    // A new object of one shape (not the summary with three properties added to it).
    return {
      sessionId: s.sessionId,
      agent: s.agent,
      buyer: s.buyer,
      start: s.start,
      firstBuyerAt: s.firstBuyerAt,
      buyerMessages: s.buyerMessages,
      agentMessages: s.agentMessages,
      firstResponseSec: s.firstResponseSec,
      rounds: s.rounds,
      answeredRounds: s.answeredRounds,
      responseSumSec: s.responseSumSec,
      fastRounds: s.fastRounds,
      longWaits: s.longWaits,
      date,
      shiftDate: sh.shiftDate,
      shiftCode: sh.shiftCode,
    };
  };
}

/** Places summaries in time (business date, shift) in the store's zone. */
export function placeSessions(
  summaries: SessionSummary[],
  timeZone: string,
  shifts: ShiftType[],
  rosterOf?: (agent: string, shiftDate: string) => string | null | undefined,
): PlacedSession[] {
  return summaries.map(sessionPlacer(timeZone, shifts, rosterOf));
}

/** Gap between our figure and an imported (赤兔) one: flagged when off by more than the tolerance. */
export function kpiGap(
  ours: number | null,
  theirs: number | null,
  tolerance: { abs: number; rel: number },
): { diff: number | null; flagged: boolean } {
  if (ours === null || theirs === null) return { diff: null, flagged: (ours === null) !== (theirs === null) };
  const diff = ours - theirs;
  const limit = Math.max(tolerance.abs, Math.abs(theirs) * tolerance.rel);
  return { diff, flagged: Math.abs(diff) > limit };
}
