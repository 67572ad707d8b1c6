import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, forbidden, notFound } from '../../core/errors';
import { collectGarbageAbove } from '../../core/gc';
import { newId } from '../../core/ids';
import { addDays, businessDate, isValidDate, startOfBusinessDate, zonedInstant } from '../../core/time';
import type { Tx } from '../../db/client';
import { sinkFromTable } from '../../db/facts';
import { badReviewBuyers, listReviewCases } from '../aftersales/aftersales.service';
import { listCampaignPeriods } from '../marketing/marketing.service';
import {
  type AttributionDto,
  attributeOrders,
  attributionOf,
  ordersAndAttributionForCsKpis,
  ordersForCsKpis,
} from '../orders/orders.service';
import {
  chatAccountLinks,
  chatAccountResolver,
  linkChatAccounts,
  memberRoles,
  qualityQueueRights,
  storeGroups,
  storeTimeZone,
} from '../team/team.service';
import { createTask } from '../work/work.service';
import {
  attendanceFromChats,
  checkFineRules,
  DEFAULT_FINE_RULES,
  evaluateFines,
  type Fine,
  type FineRule,
  type MonthFacts,
  type RuleBookVersion,
  ruleBookOn,
} from './service.fines.rules';
import {
  checkLexicon,
  DEFAULT_LEXICON,
  hashPercent,
  inspectSession,
  type Lexicon,
  type QualityMessage,
} from './service.quality.rules';
import {
  type CampaignFactor,
  campaignFactor,
  coverageGaps,
  forecastHourly,
  generateRoster,
  LEAVE,
  monthDates,
  OFF,
  type RosterEntry,
  staffPerHour,
  underStaffedHours,
} from './service.roster.rules';
import {
  addKpiRows,
  type ChatSession,
  DEFAULT_KPI_SETTINGS,
  DEFAULT_SHIFTS,
  emptyKpiRow,
  hmToMinutes,
  instantPlacer,
  type KpiRow,
  type KpiSale,
  type KpiSettings,
  kpiAccumulator,
  kpiGap,
  kpiRates,
  type MessageRole,
  type PlacedSession,
  type SessionSummary,
  type ShiftType,
  sessionPlacer,
  summarizeSession,
} from './service.rules';
import {
  chatMessages,
  csAgents,
  csAttendance,
  csAttendanceDays,
  csDailyStats,
  csFineRulebooks,
  csKpis,
  csQualityHits,
  csRoster,
  csSessionFlags,
  csSettings,
} from './service.schema';

/** Where imported chat logs and CS statistics land. */
export const serviceImportSinks = {
  'chat-log': sinkFromTable('chat-log', chatMessages),
  'cs-daily': sinkFromTable('cs-daily', csDailyStats),
  'cs-attendance': sinkFromTable('cs-attendance', csAttendance),
};

type Rows<T> = { rows: T[] };

// ------------------------------------------------------------------ settings

export type CsSettings = {
  shifts: ShiftType[];
  /** The hours customers are served (coverage check). */
  serviceWindow: { from: string; to: string };
  kpi: KpiSettings;
  lexicon: Lexicon;
  /** Share of ordinary sessions sampled for quality review, %. */
  samplePercent: number;
  /** Inquiries one agent handles in an hour (staffing estimate). */
  inquiriesPerAgentHour: number;
  /** Our KPI vs an imported (赤兔) one: flagged beyond max(abs, rel × theirs). */
  gapTolerance: { abs: number; rel: number };
  /** Tomorrow's forecast on a campaign day before any past campaign day has data to learn from. */
  campaignFactorDefault: number;
};

export const DEFAULT_CS_SETTINGS: CsSettings = {
  shifts: DEFAULT_SHIFTS,
  serviceWindow: { from: '08:30', to: '24:00' },
  kpi: DEFAULT_KPI_SETTINGS,
  lexicon: DEFAULT_LEXICON,
  samplePercent: 5,
  inquiriesPerAgentHour: 12,
  gapTolerance: { abs: 1, rel: 0.05 },
  campaignFactorDefault: 2,
};

export async function getSettings(ctx: Ctx, storeId: string): Promise<CsSettings> {
  const [row] = await ctx.database.db.select().from(csSettings).where(eq(csSettings.storeId, storeId));
  if (!row) return DEFAULT_CS_SETTINGS;
  const s = row.settings as Partial<CsSettings>;
  return {
    ...DEFAULT_CS_SETTINGS,
    ...s,
    kpi: { ...DEFAULT_KPI_SETTINGS, ...s.kpi },
    lexicon: { ...DEFAULT_LEXICON, ...s.lexicon },
  };
}

export async function saveSettings(
  ctx: Ctx,
  storeId: string,
  patch: Partial<CsSettings>,
  personId: string | null,
): Promise<CsSettings> {
  const next = { ...(await getSettings(ctx, storeId)), ...patch };
  const codes = new Set<string>();
  next.shifts.forEach((s, i) => {
    if (!s.code || [OFF, LEAVE, 'none', ''].includes(s.code) || codes.has(s.code))
      throw badInput('service.bad_shift', `Shift ${i + 1}: bad or repeated code`, {
        details: { field: `shifts[${i}].code` },
        params: { row: i + 1 },
      });
    codes.add(s.code);
    for (const k of ['start', 'end'] as const)
      if (Number.isNaN(hmToMinutes(s[k])))
        throw badInput('service.bad_shift', `Shift ${i + 1}: ${k} is not HH:mm`, {
          details: { field: `shifts[${i}].${k}` },
          params: { row: i + 1 },
        });
  });
  const problems = checkLexicon(next.lexicon);
  if (problems.length)
    throw badInput('service.lexicon_conflict', `Lexicon: "${problems[0]!.word}" in ${problems[0]!.field}`, {
      details: problems,
      params: { word: problems[0]!.word, field: problems[0]!.field },
    });
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(csSettings)
    .values({ storeId, settings: next, updatedBy: personId, updatedAt: now })
    .onConflictDoUpdate({
      target: csSettings.storeId,
      set: { settings: next, updatedBy: personId, updatedAt: now },
    });
  return next;
}

const storeZone = storeTimeZone;

function checkDate(d: string, field: string) {
  if (!isValidDate(d))
    throw badInput('service.bad_date', `${field}: not a date`, { details: { field }, params: { field } });
}
function checkMonth(m: string) {
  if (!/^\d{4}-\d{2}$/.test(m) || !isValidDate(`${m}-01`))
    throw badInput('service.bad_month', 'month: not yyyy-MM', {
      details: { field: 'month' },
      params: { field: 'month' },
    });
}

// ------------------------------------------------------------------ agents

export type AgentDto = {
  account: string;
  /** The person the account is (team's mapping: the link, else a unique name match). */
  personId: string | null;
  displayName: string | null;
  /** Linked explicitly (else matched by name, or nobody). */
  linked: boolean;
  shiftCode: string;
};

/** Every sub-account known to the desk: in the KPIs, the cs-daily file, the shift list, the quality hits or the team's links. */
async function knownAccounts(ctx: Ctx, storeId: string, links: Map<string, string>): Promise<string[]> {
  const db = ctx.database.db;
  const seen = (await db.execute(
    sql`select distinct agent from ${csKpis} where store_id = ${storeId} and shift_code = ''
        union select distinct agent from ${csDailyStats} where store_id = ${storeId}
        union select account from ${csAgents} where store_id = ${storeId}
        union select distinct agent from ${csQualityHits} where store_id = ${storeId}`,
  )) as unknown as Rows<{ agent: string }>;
  return [...new Set([...seen.rows.map((r) => r.agent), ...links.keys()])].sort();
}

/**
 * Agents: every known sub-account with its person (read from the team module's one chat-account
 * mapping) and its usual shift (this desk's).
 */
export async function listAgents(ctx: Ctx, storeId: string): Promise<AgentDto[]> {
  const links = await chatAccountLinks(ctx, storeId);
  const [accounts, { resolve, names }, shifts] = await Promise.all([
    knownAccounts(ctx, storeId, links),
    chatAccountResolver(ctx, storeId),
    ctx.database.db.select().from(csAgents).where(eq(csAgents.storeId, storeId)),
  ]);
  const shiftOf = new Map(shifts.map((m) => [m.account, m.shiftCode]));
  return accounts.map((account) => {
    const personId = resolve(account);
    return {
      account,
      personId,
      displayName: personId ? (names.get(personId) ?? null) : null,
      linked: links.has(account),
      shiftCode: shiftOf.get(account) ?? 'day',
    };
  });
}

/**
 * Saves a sub-account's usual shift (this desk) and its person (team.linkChatAccounts; null
 * removes the link, after which a name match may still find the person).
 */
export async function saveAgent(
  ctx: Ctx,
  storeId: string,
  input: { account: string; personId: string | null; shiftCode: string },
  by: string | null = null,
): Promise<void> {
  const settings = await getSettings(ctx, storeId);
  if (!settings.shifts.some((s) => s.code === input.shiftCode))
    throw badInput('service.unknown_shift', `Unknown shift: ${input.shiftCode}`, {
      details: { field: 'shiftCode' },
      params: { shift: input.shiftCode },
    });
  if (input.personId && (await memberRoles(ctx, storeId, input.personId)) === null)
    throw badInput('service.person_not_in_store', 'The person does not work in this store', {
      details: { field: 'personId' },
    });
  await linkChatAccounts(ctx, storeId, { [input.account]: input.personId }, by);
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(csAgents)
    .values({ storeId, account: input.account, shiftCode: input.shiftCode, updatedAt: now })
    .onConflictDoUpdate({
      target: [csAgents.storeId, csAgents.account],
      set: { shiftCode: input.shiftCode, updatedAt: now },
    });
}

/** The sub-accounts a person works (team's mapping, over every account the desk knows). */
export async function accountsOf(ctx: Ctx, storeId: string, personId: string): Promise<string[]> {
  const links = await chatAccountLinks(ctx, storeId);
  const [accounts, { resolve }] = await Promise.all([
    knownAccounts(ctx, storeId, links),
    chatAccountResolver(ctx, storeId),
  ]);
  return accounts.filter((a) => resolve(a) === personId);
}

/** The person a sub-account is, or null (team's mapping). */
async function personOfAccount(ctx: Ctx, storeId: string, account: string): Promise<string | null> {
  return (await chatAccountResolver(ctx, storeId)).resolve(account);
}

// ------------------------------------------------------------------ KPI recompute

/** Sessions read per page of the cursor (bounds the memory of a month's recompute). */
const SESSION_PAGE = 5000;
/** Rows parsed between two yields to the event loop (PostgreSQL: the driver drains the sockets). */
const SESSION_YIELD = 500;
/**
 * Parts the PostgreSQL session pass is split into (by ranges of session ids), each grouped by its
 * own server process: the machine's two cores group while JavaScript parses.
 */
const SESSION_PARTS = 2;
/** About how many of the chat log's pages the split point is sampled from. */
const SESSION_SPLIT_PAGES = 500;

/**
 * Session ids splitting the sessions with messages in [lo, hi) into `SESSION_PARTS` parts of about
 * equal size: quantiles of a sample of the table's pages (all of them when it is small). Empty
 * when the sample holds none of the range's messages (one part). Any split gives the same
 * sessions; a good one gives parts of equal work.
 */
async function sessionSplit(ctx: Ctx, storeId: string, lo: Date, hi: Date): Promise<string[]> {
  const size = (
    (await ctx.database.db.execute(
      sql`select pg_relation_size('chat_messages') / 8192 as pages`,
    )) as unknown as Rows<{ pages: string | number }>
  ).rows[0]!;
  const pct = Math.min(100, (100 * SESSION_SPLIT_PAGES) / Math.max(1, Number(size.pages)));
  const fractions = Array.from({ length: SESSION_PARTS - 1 }, (_, i) => (i + 1) / SESSION_PARTS);
  const q = (
    (await ctx.database.db.execute(sql`
      select percentile_disc(${sql.raw(`array[${fractions.join(',')}]::float8[]`)})
        within group (order by session_id) as b
      from ${chatMessages} tablesample system (${sql.raw(pct.toFixed(6))})
      where store_id = ${storeId} and sent_at >= ${lo} and sent_at < ${hi}`)) as unknown as Rows<{
      b: string[] | null;
    }>
  ).rows[0]!;
  // Distinct and increasing (a tiny sample may repeat an id).
  return [...new Set(q.b ?? [])].filter((b) => b !== null);
}

/**
 * A cursor over `query` (in `tx`), read in pages of `SESSION_PAGE`. `pipelined` (PostgreSQL):
 * the next page is asked for as soon as one arrives, so the server groups it while this one is
 * parsed. (`execute()` sends the fetch at once: `Promise.resolve(query)` would only call its `then`
 * in a microtask, i.e. after the synchronous parse of the page before.)
 */
async function openSessionCursor(tx: Tx, name: string, query: SQL, pipelined: boolean) {
  // The whole result is wanted: the plan of a plain query (cursor_tuple_fraction = 1).
  await tx.execute(sql`set local cursor_tuple_fraction = 1`);
  await tx.execute(sql`declare ${sql.raw(name)} no scroll cursor for ${query}`);
  const fetchPage = () => {
    const p = tx.execute(sql.raw(`fetch ${SESSION_PAGE} from ${name}`)).execute() as unknown as Promise<
      Rows<{ j: string }>
    >;
    p.catch(() => {});
    return p;
  };
  const ahead: Promise<Rows<{ j: string }>>[] = pipelined ? [fetchPage()] : [];
  const cursor = {
    done: false,
    async next(): Promise<{ j: string }[] | null> {
      if (cursor.done) return null;
      const rows = (await (ahead.shift() ?? fetchPage())).rows;
      if (rows.length < SESSION_PAGE) cursor.done = true;
      else if (pipelined) ahead.push(fetchPage());
      return rows;
    },
    async close() {
      await Promise.allSettled(ahead.splice(0));
      await tx.execute(sql.raw(`close ${name}`));
    },
  };
  return cursor;
}
/**
 * How far before `from` the session pass reads, to know where a session began: one that began
 * before `from` (e.g. a night chat crossing midnight into a day recomputed alone) is not counted
 * again with its tail. A session silent for longer than this counts its later part as begun then.
 */
const SESSION_LOOKBACK_MS = 86_400_000;
/**
 * JavaScript heap in use above which the recompute collects between its phases: after the session
 * pass always this; after the attribution and the KPIs this on PGlite (its WebAssembly heap, which
 * never shrinks, shares the process's memory), `KPI_GC_LATE_BUDGET_MB` on PostgreSQL (the process
 * holds only JavaScript; each full collection of a ~150 MB heap stops the recompute ~0.15 s).
 */
const KPI_GC_BUDGET_MB = 96;
const KPI_GC_LATE_BUDGET_MB = 256;

/**
 * Summarises the sessions that start in [from, to): the database only groups messages by session
 * (one sort, the same work as a window function over sessions); each row is turned into its
 * summary at once and handed to `take` (which counts it into the KPIs while the server groups the
 * next page), so no month of sessions is held. All KPI logic runs in `service.rules.ts`.
 * Questions left unanswered are measured afterwards (`observedUntil` is known only at the end).
 */
async function summarizeSessions(
  ctx: Ctx,
  storeId: string,
  from: Date,
  to: Date,
  settings: KpiSettings,
  take: (s: SessionSummary) => void,
  started: () => void = () => {},
): Promise<{ sessions: number; lastSeen: number; cover: TouchCover & { touches: CoverTouch[] } }> {
  let sessions = 0;
  let lastSeen = 0;
  // The typed messages of [from, to) per buyer, account and session (the attribution's touches,
  // handed to orders so it does not read the month again). A session with one buyer and one typed
  // account takes them from its times; the few others (hand-overs) are read exactly below.
  const cover: TouchCover & { touches: CoverTouch[] } = { from, until: to, touches: [] };
  const toMs = to.getTime();
  const fromMs = from.getTime();
  const mixed: string[] = [];
  const pipelined = ctx.database.engine === 'postgres';
  // One pair of message arrays for all sessions (grown when a session is longer): a month is
  // 100 k sessions, and two arrays each would be garbage for the collector to chase.
  let times: number[] = [];
  let roles: MessageRole[] = [];
  // One page of grouped rows turned into summaries. On PostgreSQL it yields to the event loop every
  // few hundred rows: the driver then reads the next pages off the sockets while this one is parsed
  // (a server blocked on a full socket buffer groups nothing).
  const takePage = async (rows: { j: string }[]) => {
    for (let i = 0; i < rows.length; i++) {
      if (pipelined && i % SESSION_YIELD === SESSION_YIELD - 1) await new Promise(setImmediate);
      const j = rows[i]!.j;
      const head = j.lastIndexOf(';');
      const [sessionId, agent, buyer, typed] = JSON.parse(j.slice(0, head)) as [
        string,
        string | null,
        string,
        string | false | null,
      ];
      // Parse "r1t1,r2t2,…" in place (no substring per message: a month is 1 M of them).
      let count = 1;
      for (let k = head + 1; k < j.length; k++) if (j.charCodeAt(k) === 44) count++;
      if (count > times.length) {
        times = new Array<number>(count * 2).fill(0);
        roles = new Array<MessageRole>(count * 2).fill(0);
      }
      let n = 0;
      let v = 0;
      let lead = true;
      for (let k = head + 1; k < j.length; k++) {
        const c = j.charCodeAt(k);
        if (c === 44) {
          times[n++] = v;
          v = 0;
          lead = true;
        } else if (lead) {
          roles[n] = (c - 48) as MessageRole;
          lead = false;
        } else v = v * 10 + (c - 48);
      }
      times[n] = v;
      const last = times[count - 1]!;
      if (last > lastSeen) lastSeen = last;
      // A session begun before `from` is the previous day's (its tail after midnight is not a
      // session of this range); only its typed messages from `from` on go to the cover.
      if (times[0]! >= fromMs) {
        const session: ChatSession = { sessionId, agent: agent ?? '', buyer, times, roles, count };
        take(summarizeSession(session, Number.MAX_SAFE_INTEGER, settings));
        sessions++;
      }
      if (typed === false) mixed.push(sessionId);
      else if (typed !== null) {
        const typedTimes: number[] = [];
        for (let k = 0; k < count; k++)
          if (roles[k] === 1 && times[k]! >= fromMs && times[k]! < toMs) typedTimes.push(times[k]!);
        if (typedTimes.length) cover.touches.push({ buyer, agent: typed, sessionId, times: typedTimes });
      }
    }
  };
  const lo = new Date(from.getTime() - SESSION_LOOKBACK_MS);
  const hi = new Date(to.getTime() + 86_400_000);
  // On PostgreSQL the sessions are split in two ranges of session ids, each grouped by its own
  // server process (two cursors on two connections, in two transactions), so the grouping runs on
  // two cores while JavaScript parses; pages are taken from both in turn. The split point is the
  // median session id of a sample of the range's messages (any split gives the same sessions).
  const bounds = pipelined ? await sessionSplit(ctx, storeId, lo, hi) : [];
  const parts = [
    ...bounds.map((b, i) =>
      i === 0 ? sql`and session_id < ${b}` : sql`and session_id >= ${bounds[i - 1]!} and session_id < ${b}`,
    ),
    bounds.length ? sql`and session_id >= ${bounds[bounds.length - 1]!}` : sql``,
  ];
  // Read through cursors in pages: only a few pages of grouped rows are ever held (by the driver
  // and, on PGlite, in its WebAssembly heap, which never shrinks) — not the month.
  const readAll = async (txs: Tx[]) => {
    const cursors = await Promise.all(
      txs.map((tx, i) => openSessionCursor(tx, `cs_sessions_${i}`, sessionsQuery(parts[i]!), pipelined)),
    );
    started();
    let open = cursors;
    while (open.length) {
      for (const c of open) {
        const rows = await c.next();
        if (rows) await takePage(rows);
      }
      open = open.filter((c) => !c.done);
    }
    for (const c of cursors) await c.close();
  };
  // Each session is grouped within one part: one transaction (and connection) per part.
  const inTransactions = (txs: Tx[]): Promise<void> =>
    txs.length === parts.length
      ? readAll(txs)
      : ctx.database.db.transaction((tx) => inTransactions([...txs, tx as unknown as Tx]));
  // One text field per session: the drivers' cost is per row and per field (on PGlite a buffer
  // copy and a decode per field), so nine fields a session cost more than the grouping. A JSON
  // array of the session's names, then ';', then its messages: one ordered aggregate carries each
  // message as its role digit and epoch ms ("0…" buyer, "1…" typed by a person, "2…" auto-reply;
  // only digits and commas, so the last ';' ends the JSON, and the messages are parsed in place,
  // not copied by JSON.parse). On PostgreSQL ≤ 15 every ordered aggregate sorts each group on its
  // own, so one is half the work of two. `typed` is the session's one typing account, false when
  // it is mixed (several accounts or buyers, or odd roles: read exactly below), null when nobody
  // typed.
  function sessionsQuery(part: SQL) {
    return sql`
      select json_build_array(session_id, min(agent), min(buyer),
        case
          when min(sender) filter (where sender_role = 'agent' and not is_auto_reply) is null then null
          when min(sender) filter (where sender_role = 'agent' and not is_auto_reply)
              = max(sender) filter (where sender_role = 'agent' and not is_auto_reply)
            and min(buyer) = max(buyer)
            and count(*) filter (where sender_role not in ('buyer', 'agent')) = 0
            then to_json(min(sender) filter (where sender_role = 'agent' and not is_auto_reply))
          else 'false'::json end)::text || ';' ||
        string_agg(case when sender_role = 'buyer' then '0' when is_auto_reply then '2' else '1' end
          || (date_part('epoch', sent_at) * 1000)::int8::text, ',' order by sent_at, message_id) as j
      from ${chatMessages}
      where store_id = ${storeId} and sent_at >= ${lo} and sent_at < ${hi} ${part}
      group by session_id
      having max(sent_at) >= ${from} and min(sent_at) < ${to}`;
  }
  await inTransactions([]);
  for (let i = 0; i < mixed.length; i += 5000) {
    const rows = (await ctx.database.db.execute(sql`
      select buyer, sender, session_id,
        string_agg((date_part('epoch', sent_at) * 1000)::int8::text, ',' order by sent_at, message_id) as t
      from ${chatMessages}
      where store_id = ${storeId} and sender_role = 'agent' and not is_auto_reply
        and sent_at >= ${from} and sent_at < ${to}
        and session_id in (${sql.join(
          mixed.slice(i, i + 5000).map((m) => sql`${m}`),
          sql`, `,
        )})
      group by buyer, sender, session_id`)) as unknown as Rows<{
      buyer: string;
      sender: string;
      session_id: string;
      t: string;
    }>;
    for (const r of rows.rows)
      cover.touches.push({
        buyer: r.buyer,
        agent: r.sender,
        sessionId: r.session_id,
        times: r.t.split(',').map(Number),
      });
  }
  return { sessions, lastSeen, cover };
}

async function rosterLookup(ctx: Ctx, storeId: string, from: string, to: string) {
  const rows = await ctx.database.db
    .select({ date: csRoster.date, agent: csRoster.agent, shiftCode: csRoster.shiftCode })
    .from(csRoster)
    .where(and(eq(csRoster.storeId, storeId), gte(csRoster.date, from), lte(csRoster.date, to)));
  // By account, then date: asked for every session and sale (no key string built per lookup).
  const m = new Map<string, Map<string, string>>();
  for (const r of rows) {
    let a = m.get(r.agent);
    if (!a) {
      a = new Map();
      m.set(r.agent, a);
    }
    a.set(r.date, r.shiftCode);
  }
  return (agent: string, date: string) => m.get(agent)?.get(date);
}

/**
 * The chat account each credited order goes to in the KPIs: the account the attribution names (the
 * one the credited CS chatted on), else — a credit by flag alone — the person's first account.
 * Orders credited to nobody, or to a person with no account, are left out.
 */
async function creditAccounts(
  ctx: Ctx,
  storeId: string,
  attributed: Pick<AttributionDto, 'orderId' | 'personId' | 'agent'>[],
  agents?: AgentDto[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let firstOf: Map<string, string> | null = null;
  for (const a of attributed) {
    if (!a.personId) continue;
    let account = a.agent;
    if (!account) {
      if (!firstOf) {
        firstOf = new Map();
        for (const x of agents ?? (await listAgents(ctx, storeId)))
          if (x.personId && !firstOf.has(x.personId)) firstOf.set(x.personId, x.account);
      }
      account = firstOf.get(a.personId) ?? null;
    }
    if (account) out.set(a.orderId, account);
  }
  return out;
}

export type RecomputeResult = {
  from: string;
  to: string;
  sessions: number;
  rows: number;
  flagged: number;
  ms: number;
};

/**
 * Recomputes the stored KPIs of business dates [from, to] from the chat log and the orders:
 * per agent per day and per shift, plus the sessions that fines and the agent's page cite.
 * Idempotent: the dates' rows are replaced.
 */
export async function recomputeKpis(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
): Promise<RecomputeResult> {
  checkDate(from, 'from');
  checkDate(to, 'to');
  if (to < from) throw badInput('service.bad_range', 'to is before from', { details: { field: 'to' } });
  const t0 = performance.now();
  const tz = await storeZone(ctx, storeId);
  const settings = await getSettings(ctx, storeId);
  const fromI = startOfBusinessDate(from, tz);
  // A night shift of `to` runs past midnight: take the sessions of the next day too, keep by date.
  const toI = startOfBusinessDate(addDays(to, 2), tz);
  // Wall time, this process's CPU time (what a loaded machine does not inflate) and RSS per phase.
  const cpu0 = process.cpuUsage();
  const trace = process.env.STOREOPS_TRACE_KPIS
    ? (l: string) => {
        const c = process.cpuUsage(cpu0);
        console.error(
          `kpis ${l} ${Math.round(performance.now() - t0)} ms cpu ${Math.round((c.user + c.system) / 1000)} ms rss ${Math.round(process.memoryUsage().rss / 1048576)} MB heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB`,
        );
      }
    : () => {};
  // Between phases the garbage of the one before (pages of sessions, order rows, attribution
  // steps) is collected when the heap holds more than this, instead of letting V8 grow the heap
  // (peak RSS: a month of a large store, measured in docs/service.md).
  const settle = (late: boolean) => {
    const mb = late && ctx.database.engine === 'postgres' ? KPI_GC_LATE_BUDGET_MB : KPI_GC_BUDGET_MB;
    const g0 = performance.now();
    if (collectGarbageAbove(mb * 1048576)) trace(`gc ${Math.round(performance.now() - g0)} ms`);
  };
  const lookback = settings.kpi.afterSaleLookbackDays * 86_400_000;
  // The roster first (a few hundred rows): the session pass places each session as it goes.
  const rosterOf = await rosterLookup(ctx, storeId, addDays(from, -1), to);
  // The orders the KPIs read: created or paid from the after-sale look-back until the last
  // inquiry's conversion window is over.
  const orderWindow = {
    from: new Date(fromI.getTime() - lookback),
    to: new Date(toI.getTime() + settings.kpi.conversionWindowHours * 3_600_000),
  };
  const sideReads = () => ordersForCsKpis(ctx, storeId, orderWindow.from, orderWindow.to);
  // On PostgreSQL the reads that do not need the session pass run beside it, on other connections
  // of the pool, while the server groups the chat log; the orders attribution likewise reads its
  // orders, refunds and reviews and waits for the pass's touches only when it needs them. PGlite
  // has one connection (a query beside the pass's open transaction would deadlock): in turn.
  const beside = ctx.database.engine === 'postgres';
  // They are started once the pass's cursors are open (`started`): the pass is the longest, and
  // their rows would otherwise hold up this thread before the pass's first fetch is even sent.
  let early: ReturnType<typeof sideReads> | null = null;
  let coverDone: (c: CoverTouch[]) => void = () => {};
  let coverFailed: (e: unknown) => void = () => {};
  const coverP: TouchCover = {
    from: fromI,
    until: toI,
    touches: new Promise<CoverTouch[]>((res, rej) => {
      coverDone = res;
      coverFailed = rej;
    }),
  };
  (coverP.touches as Promise<CoverTouch[]>).catch(() => {});
  // Who sold each order: the orders attribution (DOMAIN.md §5), the same credit as the
  // attribution page and pay — for orders paid from `from` until the last inquiry's 24 h are over.
  // Its chat touches come from the session pass (`cover`); only the look-back before `from` and
  // any payment after the pass are read.
  const attribute = () => attributeOrders(ctx, storeId, from, addDays(to, 2), coverP);
  let attributedEarly: ReturnType<typeof attribute> | null = null;
  const startBeside = () => {
    if (!beside || early) return;
    early = sideReads();
    early.catch(() => {});
    attributedEarly = attribute();
    attributedEarly.catch(() => {});
  };
  // Each session is placed and counted into the KPIs as the pass summarises it (while the server
  // groups the next page); only the sessions a flag will cite are kept. A session whose last
  // question is still open waits for `observedUntil` (known at the end of the pass).
  const placeSession = sessionPlacer(tz, settings.shifts, rosterOf);
  const kpis = kpiAccumulator(settings.kpi);
  const flags: PlacedSession[] = [];
  // A session handed from one agent to another is summarised per agent; its evidence row once.
  const flaggedIds = new Set<string>();
  const count = (s: PlacedSession) => {
    kpis.add(s);
    const worth =
      s.date >= from &&
      s.date <= to &&
      s.firstBuyerAt !== null &&
      (s.firstResponseSec === null ||
        s.firstResponseSec > settings.kpi.slowResponseSec ||
        s.longWaits.length > 0);
    if (!worth || flaggedIds.has(s.sessionId)) return;
    flaggedIds.add(s.sessionId);
    flags.push(s);
  };
  const open: PlacedSession[] = [];
  let pass: Awaited<ReturnType<typeof summarizeSessions>>;
  try {
    pass = await summarizeSessions(
      ctx,
      storeId,
      fromI,
      toI,
      settings.kpi,
      (x) => {
        const s = placeSession(x);
        const w = s.longWaits;
        if (w.length > 0 && !w[w.length - 1]!.answered) open.push(s);
        else count(s);
      },
      startBeside,
    );
  } catch (e) {
    coverFailed(e);
    throw e;
  }
  const { lastSeen, cover } = pass;
  coverDone(cover.touches);
  settle(false);
  trace('loaded');
  // Questions never answered wait until the last message we have (at most now).
  const observedUntil = Math.min(ctx.clock.now().getTime(), lastSeen + 3_600_000);
  for (const x of open) {
    const last = x.longWaits.pop()!;
    const waitSec = Math.max(0, (observedUntil - last.at) / 1000);
    if (waitSec >= settings.kpi.longWaitSec) x.longWaits.push({ ...last, waitSec });
    count(x);
  }
  open.length = 0;
  // Read beside the pass (PostgreSQL), or now, in turn: then the KPIs' orders and the attributed
  // ones come from one read of the orders table, not two.
  const { orders: orderRows, attributed } =
    early && attributedEarly
      ? { orders: await early, attributed: await attributedEarly }
      : await ordersAndAttributionForCsKpis(ctx, storeId, orderWindow, from, addDays(to, 2), coverP, () =>
          settle(false),
        );
  trace('orders+attributed');
  cover.touches.length = 0;
  const creditTo = await creditAccounts(ctx, storeId, attributed);
  settle(true);
  trace('attributed');
  const place = instantPlacer(tz, settings.shifts, rosterOf);
  const sales: KpiSale[] = [];
  for (const a of attributed) {
    const agent = creditTo.get(a.orderId);
    if (!agent || !a.paidAt) continue;
    sales.push({
      orderId: a.orderId,
      agent,
      buyer: a.buyer ?? a.orderId,
      creditedFen: a.creditedFen,
      ...place(Date.parse(a.paidAt), agent),
    });
  }
  const { rows } = kpis.finish(
    orderRows.map((o) => ({
      orderId: o.orderId,
      buyer: o.buyer,
      createdAt: o.createdAt.getTime(),
      paidAt: o.paidAt?.getTime() ?? null,
      creditAgent: creditTo.get(o.orderId) ?? null,
    })),
    sales,
  );
  const keep = rows.filter((r) => r.date >= from && r.date <= to);
  settle(true);
  trace('computed');
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .delete(csKpis)
      .where(and(eq(csKpis.storeId, storeId), gte(csKpis.date, from), lte(csKpis.date, to)));
    // One JSON parameter per table (drizzle's per-value insert builder costs more than the KPIs).
    const kpiJson = keep.map((r) => ({
      store_id: storeId,
      date: r.date,
      shift_code: r.shiftCode,
      agent: r.agent,
      sessions: r.sessions,
      receptions: r.receptions,
      inquiries: r.inquiries,
      paid_buyers: r.paidBuyers,
      paid_orders: r.paidOrders,
      sales_fen: r.salesFen,
      sales_buyers: r.salesBuyers,
      answered_sessions: r.answeredSessions,
      unanswered_sessions: r.unansweredSessions,
      slow_sessions: r.slowSessions,
      first_response_sum_sec: r.firstResponseSumSec,
      rounds: r.rounds,
      answered_rounds: r.answeredRounds,
      fast_rounds: r.fastRounds,
      response_sum_sec: r.responseSumSec,
      buyer_messages: r.buyerMessages,
      agent_messages: r.agentMessages,
      long_waits: r.longWaits,
      computed_at: now.toISOString(),
    }));
    if (kpiJson.length)
      await tx.execute(
        sql`insert into ${csKpis} select * from json_populate_recordset(null::cs_kpis, ${JSON.stringify(kpiJson)}::json)`,
      );
    await tx
      .delete(csSessionFlags)
      .where(
        and(
          eq(csSessionFlags.storeId, storeId),
          gte(csSessionFlags.date, from),
          lte(csSessionFlags.date, to),
        ),
      );
    const flagJson = flags.map((s) => ({
      store_id: storeId,
      session_id: s.sessionId,
      agent: s.agent,
      buyer: s.buyer,
      date: s.date,
      shift_code: s.shiftCode,
      start_at: new Date(s.start).toISOString(),
      first_response_sec: s.firstResponseSec,
      long_waits: s.longWaits.map((w) => ({
        at: new Date(w.at).toISOString(),
        minutes: Math.round((w.waitSec / 60) * 10) / 10,
        answered: w.answered,
      })),
    }));
    if (flagJson.length)
      await tx.execute(
        sql`insert into ${csSessionFlags} select * from json_populate_recordset(null::cs_session_flags, ${JSON.stringify(flagJson)}::json)`,
      );
  });
  trace('written');
  return {
    from,
    to,
    sessions: pass.sessions,
    rows: keep.length,
    flagged: flags.length,
    ms: Math.round(performance.now() - t0),
  };
}

/** The business dates the chat log covers. */
export async function chatDateRange(ctx: Ctx, storeId: string): Promise<{ from: string; to: string } | null> {
  const tz = await storeZone(ctx, storeId);
  const [r] = (
    (await ctx.database.db.execute(
      sql`select min(sent_at) as a, max(sent_at) as b from ${chatMessages} where store_id = ${storeId}`,
    )) as unknown as Rows<{ a: string | Date | null; b: string | Date | null }>
  ).rows;
  if (!r?.a || !r.b) return null;
  return { from: businessDate(new Date(r.a), tz), to: businessDate(new Date(r.b), tz) };
}

/** After a chat-log import: recompute the dates it touched. */
export async function afterChatImport(ctx: Ctx, e: { storeId: string; importId: string; kind: string }) {
  if (e.kind !== 'chat-log') return;
  const tz = await storeZone(ctx, e.storeId);
  const [r] = (
    (await ctx.database.db.execute(
      sql`select min(sent_at) as a, max(sent_at) as b from ${chatMessages} where store_id = ${e.storeId} and import_id = ${e.importId}`,
    )) as unknown as Rows<{ a: string | Date | null; b: string | Date | null }>
  ).rows;
  if (!r?.a || !r.b) return;
  // At most the last 62 days of what the file touched (a year's file at once stays quick); older
  // dates are recomputed on demand (POST …/service/kpis/recompute).
  const to = businessDate(new Date(r.b), tz);
  const from = businessDate(new Date(r.a), tz);
  await recomputeKpis(ctx, e.storeId, from > addDays(to, -61) ? from : addDays(to, -61), to);
}

// ------------------------------------------------------------------ KPI reading

export type KpiDto = KpiRow & ReturnType<typeof kpiRates>;

function dto(r: KpiRow): KpiDto {
  return { ...r, ...kpiRates(r) };
}

function rowOf(x: typeof csKpis.$inferSelect): KpiRow {
  const { storeId: _s, computedAt: _c, ...rest } = x;
  return rest;
}

/** Stored KPI rows of [from, to]; `shiftCode` '' = per day, a code = that shift, '*' = every shift. */
export async function listKpis(
  ctx: Ctx,
  storeId: string,
  q: { from: string; to: string; shiftCode?: string; agent?: string },
): Promise<KpiDto[]> {
  checkDate(q.from, 'from');
  checkDate(q.to, 'to');
  const where = [eq(csKpis.storeId, storeId), gte(csKpis.date, q.from), lte(csKpis.date, q.to)];
  if (q.shiftCode !== '*') where.push(eq(csKpis.shiftCode, q.shiftCode ?? ''));
  if (q.agent) where.push(eq(csKpis.agent, q.agent));
  const rows = await ctx.database.db
    .select()
    .from(csKpis)
    .where(and(...where))
    .orderBy(asc(csKpis.date), asc(csKpis.agent), asc(csKpis.shiftCode));
  return rows.map((r) => dto(rowOf(r)));
}

/** Per-agent totals over a range (sums added, rates derived from the sums). */
export async function kpiTotals(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  agents?: string[],
): Promise<KpiDto[]> {
  const rows = await listKpis(ctx, storeId, { from, to });
  const by = new Map<string, KpiRow>();
  for (const r of rows) {
    if (agents && !agents.includes(r.agent)) continue;
    by.set(r.agent, addKpiRows(by.get(r.agent) ?? emptyKpiRow(`${from}..${to}`, '', r.agent), r));
  }
  return [...by.values()].map(dto);
}

const COMPARED = [
  'receptions',
  'inquiries',
  'paidBuyers',
  'salesFen',
  'avgFirstResponseSec',
  'avgResponseSec',
  'replyRateBp',
  'unansweredSessions',
  'slowSessions',
] as const;
export type ComparedMetric = (typeof COMPARED)[number];

export type CompareRow = {
  date: string;
  agent: string;
  metrics: Record<
    ComparedMetric,
    { ours: number | null; theirs: number | null; diff: number | null; flagged: boolean }
  >;
  flagged: number;
};

/** Our KPIs beside the imported 赤兔 numbers (cs-daily), day by day and agent by agent, with gaps flagged. */
export async function compareWithImported(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
): Promise<CompareRow[]> {
  const settings = await getSettings(ctx, storeId);
  const ours = await listKpis(ctx, storeId, { from, to });
  const theirs = await ctx.database.db
    .select()
    .from(csDailyStats)
    .where(and(eq(csDailyStats.storeId, storeId), gte(csDailyStats.date, from), lte(csDailyStats.date, to)));
  const key = (d: string, a: string) => `${d}\u0001${a}`;
  const o = new Map(ours.map((r) => [key(r.date, r.agent), r]));
  const t = new Map(theirs.map((r) => [key(r.date, r.agent), r]));
  const keys = [...new Set([...o.keys(), ...t.keys()])].sort();
  return keys.map((k) => {
    const [date, agent] = k.split('\u0001') as [string, string];
    const a = o.get(k);
    const b = t.get(k);
    const theirsOf: Record<ComparedMetric, number | null> = {
      receptions: b?.receptions ?? null,
      inquiries: b?.inquiries ?? null,
      paidBuyers: b?.inquiryPaidBuyers ?? null,
      salesFen: b?.salesFen ?? null,
      avgFirstResponseSec: b?.firstResponseSeconds ?? null,
      avgResponseSec: b?.averageResponseSeconds ?? null,
      replyRateBp: b?.replyRate ?? null,
      unansweredSessions: b?.unrepliedBuyers ?? null,
      slowSessions: b?.slowResponseBuyers ?? null,
    };
    const metrics = {} as CompareRow['metrics'];
    let flagged = 0;
    for (const m of COMPARED) {
      const ov = a ? (a[m] ?? null) : null;
      const tv = theirsOf[m];
      const tol =
        m === 'salesFen'
          ? { abs: 100, rel: settings.gapTolerance.rel }
          : m === 'replyRateBp'
            ? { abs: 100, rel: 0 }
            : settings.gapTolerance;
      const g = kpiGap(ov, tv, tol);
      if (g.flagged) flagged++;
      metrics[m] = { ours: ov, theirs: tv, ...g };
    }
    return { date, agent, metrics, flagged };
  });
}

// ------------------------------------------------------------------ roster

export async function getRoster(ctx: Ctx, storeId: string, month: string) {
  checkMonth(month);
  const dates = monthDates(month);
  const rows = await ctx.database.db
    .select()
    .from(csRoster)
    .where(
      and(eq(csRoster.storeId, storeId), gte(csRoster.date, dates[0]!), lte(csRoster.date, dates.at(-1)!)),
    )
    .orderBy(asc(csRoster.agent), asc(csRoster.date));
  const settings = await getSettings(ctx, storeId);
  const entries: RosterEntry[] = rows.map((r) => ({ date: r.date, agent: r.agent, shiftCode: r.shiftCode }));
  const daysOff = new Map<string, number>();
  for (const e of entries) if (e.shiftCode === OFF) daysOff.set(e.agent, (daysOff.get(e.agent) ?? 0) + 1);
  return {
    month,
    shifts: settings.shifts,
    serviceWindow: settings.serviceWindow,
    entries: rows.map((r) => ({ date: r.date, agent: r.agent, shiftCode: r.shiftCode, note: r.note })),
    daysOff: Object.fromEntries(daysOff),
    gaps: entries.length ? coverageGaps(entries, settings.shifts, settings.serviceWindow, dates) : [],
  };
}

/** Makes a month's roster from the agents' usual shifts (4 days off each), unless one exists. */
export async function generateMonthRoster(
  ctx: Ctx,
  storeId: string,
  month: string,
  personId: string | null,
  daysOff = 4,
): Promise<{ created: number }> {
  checkMonth(month);
  const agents = await listAgents(ctx, storeId);
  if (agents.length === 0) return { created: 0 };
  const entries = generateRoster(
    month,
    agents.map((a) => ({ agent: a.account, shiftCode: a.shiftCode })),
    daysOff,
  );
  const now = ctx.clock.now();
  const inserted = await ctx.database.db
    .insert(csRoster)
    .values(entries.map((e) => ({ storeId, ...e, note: null, updatedBy: personId, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ d: csRoster.date });
  return { created: inserted.length };
}

/** Sets one roster cell (a shift, a day off or leave). */
export async function setRosterCell(
  ctx: Ctx,
  storeId: string,
  cell: { date: string; agent: string; shiftCode: string; note?: string | null },
  personId: string | null,
): Promise<void> {
  checkDate(cell.date, 'date');
  const settings = await getSettings(ctx, storeId);
  if (![OFF, LEAVE, ...settings.shifts.map((s) => s.code)].includes(cell.shiftCode))
    throw badInput('service.unknown_shift', `Unknown shift: ${cell.shiftCode}`, {
      details: { field: 'shiftCode' },
      params: { shift: cell.shiftCode },
    });
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(csRoster)
    .values({ storeId, ...cell, note: cell.note ?? null, updatedBy: personId, updatedAt: now })
    .onConflictDoUpdate({
      target: [csRoster.storeId, csRoster.date, csRoster.agent],
      set: { shiftCode: cell.shiftCode, note: cell.note ?? null, updatedBy: personId, updatedAt: now },
    });
}

/** Two cells exchange their shifts (a swap between two agents or two days). */
export async function swapRoster(
  ctx: Ctx,
  storeId: string,
  a: { agent: string; date: string },
  b: { agent: string; date: string },
  personId: string | null,
): Promise<void> {
  const db = ctx.database.db;
  const cell = async (x: { agent: string; date: string }) => {
    const [r] = await db
      .select()
      .from(csRoster)
      .where(and(eq(csRoster.storeId, storeId), eq(csRoster.agent, x.agent), eq(csRoster.date, x.date)));
    if (!r) throw notFound('service.roster_cell_not_found', `No roster cell for ${x.agent} on ${x.date}`);
    return r;
  };
  const ra = await cell(a);
  const rb = await cell(b);
  const note = `swap ${a.agent} ${a.date} ⇄ ${b.agent} ${b.date}`;
  await setRosterCell(ctx, storeId, { ...a, shiftCode: rb.shiftCode, note }, personId);
  await setRosterCell(ctx, storeId, { ...b, shiftCode: ra.shiftCode, note }, personId);
}

// ------------------------------------------------------------------ attendance

export type AttendanceInput = {
  date: string;
  agent: string;
  lateMinutes: number | null;
  onLeave: boolean;
  offline: boolean;
  idleMinutes: number[];
  note?: string | null;
};

export async function saveAttendance(
  ctx: Ctx,
  storeId: string,
  a: AttendanceInput,
  personId: string | null,
): Promise<void> {
  checkDate(a.date, 'date');
  if (a.lateMinutes !== null && (a.lateMinutes < 0 || !Number.isInteger(a.lateMinutes)))
    throw badInput('service.bad_minutes', 'lateMinutes: a whole number ≥ 0', {
      details: { field: 'lateMinutes' },
    });
  const now = ctx.clock.now();
  const row = { ...a, note: a.note ?? null, updatedBy: personId, updatedAt: now };
  await ctx.database.db
    .insert(csAttendanceDays)
    .values({ storeId, ...row })
    .onConflictDoUpdate({
      target: [csAttendanceDays.storeId, csAttendanceDays.date, csAttendanceDays.agent],
      set: row,
    });
}

export async function listAttendance(ctx: Ctx, storeId: string, month: string, agent?: string) {
  checkMonth(month);
  const dates = monthDates(month);
  const where = [
    eq(csAttendanceDays.storeId, storeId),
    gte(csAttendanceDays.date, dates[0]!),
    lte(csAttendanceDays.date, dates.at(-1)!),
  ];
  if (agent) where.push(eq(csAttendanceDays.agent, agent));
  return ctx.database.db
    .select()
    .from(csAttendanceDays)
    .where(and(...where))
    .orderBy(asc(csAttendanceDays.date), asc(csAttendanceDays.agent));
}

/** The imported attendance sheet (cs-attendance, per agent and period) rows overlapping a month. */
export async function attendanceSheet(ctx: Ctx, storeId: string, month: string) {
  checkMonth(month);
  const dates = monthDates(month);
  return ctx.database.db
    .select({
      agent: csAttendance.agent,
      periodStart: csAttendance.periodStart,
      periodEnd: csAttendance.periodEnd,
      workDays: csAttendance.workDays,
      averageOnlineTime: csAttendance.averageOnlineTime,
      earliestOnlineTime: csAttendance.earliestOnlineTime,
      latestOnlineTime: csAttendance.latestOnlineTime,
      totalOnlineSeconds: csAttendance.totalOnlineSeconds,
      totalIdleSeconds: csAttendance.totalIdleSeconds,
    })
    .from(csAttendance)
    .where(
      and(
        eq(csAttendance.storeId, storeId),
        sql`coalesce(${csAttendance.periodStart}, ${dates[0]!}) <= ${dates.at(-1)!}`,
        sql`coalesce(${csAttendance.periodEnd}, ${dates.at(-1)!}) >= ${dates[0]!}`,
      ),
    )
    .orderBy(asc(csAttendance.agent));
}

/**
 * Reads attendance from the chat log for rostered days of [from, to] (no login data exists):
 * offline on duty, and online-but-away stretches (空挂). Adds a day's record only where nobody has
 * recorded one (a person's record always wins), with a note saying where it came from.
 */
export async function deriveAttendanceFromChats(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  minIdleMinutes = 120,
): Promise<{ days: number; recorded: number }> {
  checkDate(from, 'from');
  checkDate(to, 'to');
  const tz = await storeZone(ctx, storeId);
  const settings = await getSettings(ctx, storeId);
  const roster = await ctx.database.db
    .select()
    .from(csRoster)
    .where(and(eq(csRoster.storeId, storeId), gte(csRoster.date, from), lte(csRoster.date, to)));
  const shifts = new Map(settings.shifts.map((s) => [s.code, s]));
  const msgs = (await ctx.database.db.execute(sql`
    select agent, (date_part('epoch', sent_at) * 1000)::int8::text as t, sender_role = 'buyer' as b
    from ${chatMessages}
    where store_id = ${storeId} and not is_auto_reply
      and sent_at >= ${startOfBusinessDate(from, tz)} and sent_at < ${startOfBusinessDate(addDays(to, 2), tz)}
    order by sent_at`)) as unknown as Rows<{ agent: string | null; t: string; b: boolean }>;
  const byAgent = new Map<string, { asks: number[]; replies: number[] }>();
  for (const m of msgs.rows) {
    const k = m.agent ?? '';
    let e = byAgent.get(k);
    if (!e) {
      e = { asks: [], replies: [] };
      byAgent.set(k, e);
    }
    (m.b ? e.asks : e.replies).push(Number(m.t));
  }
  const now = ctx.clock.now();
  let recorded = 0;
  for (const cell of roster) {
    const sh = shifts.get(cell.shiftCode);
    if (!sh) continue;
    const start = zonedInstant(cell.date, sh.start, tz).getTime();
    const end =
      start +
      (hmToMinutes(sh.end) -
        hmToMinutes(sh.start) +
        (hmToMinutes(sh.end) <= hmToMinutes(sh.start) ? 1440 : 0)) *
        60_000;
    const e = byAgent.get(cell.agent) ?? { asks: [], replies: [] };
    const a = attendanceFromChats(e.asks, e.replies, { start, end }, minIdleMinutes);
    if (!a.offline && a.idleMinutes.length === 0) continue;
    const ins = await ctx.database.db
      .insert(csAttendanceDays)
      .values({
        storeId,
        date: cell.date,
        agent: cell.agent,
        lateMinutes: null,
        onLeave: false,
        offline: a.offline,
        idleMinutes: a.idleMinutes,
        note: '由聊天记录推断 (from the chat log)',
        updatedBy: null,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ d: csAttendanceDays.date });
    recorded += ins.length;
  }
  return { days: roster.length, recorded };
}

// ------------------------------------------------------------------ the rule book of fines

export async function listRuleBooks(ctx: Ctx, storeId: string): Promise<RuleBookVersion[]> {
  const rows = await ctx.database.db
    .select()
    .from(csFineRulebooks)
    .where(eq(csFineRulebooks.storeId, storeId))
    .orderBy(desc(csFineRulebooks.effectiveFrom));
  return rows.map((r) => ({ effectiveFrom: r.effectiveFrom, rules: r.rules as FineRule[] }));
}

/** Saves a version of the rule book; overlapping or contradictory rules are rejected with the reason. */
export async function saveRuleBook(
  ctx: Ctx,
  storeId: string,
  v: RuleBookVersion,
  personId: string | null,
): Promise<RuleBookVersion> {
  checkDate(v.effectiveFrom, 'effectiveFrom');
  const problems = checkFineRules(v.rules);
  if (problems.length) {
    const p = problems[0]!;
    throw badInput(p.code, `${p.field}: ${p.code}`, {
      details: problems,
      params: { field: p.field, ...p.params },
    });
  }
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(csFineRulebooks)
    .values({ storeId, effectiveFrom: v.effectiveFrom, rules: v.rules, createdBy: personId, createdAt: now })
    .onConflictDoUpdate({
      target: [csFineRulebooks.storeId, csFineRulebooks.effectiveFrom],
      set: { rules: v.rules, createdBy: personId, createdAt: now },
    });
  return v;
}

/**
 * Bad reviews of [first, last] caused by CS and not changed to good (aftersales: the review's
 * reason class, e.g. service attitude or slow replies), per chat account of the CS the order is
 * attributed to (orders.attributionOf, the same credit rules as pay) — the ¥100 fine of DOMAIN.md
 * §5, with the order as evidence. An order credited to a person through a flag, with no chat,
 * goes to that person's first account.
 */
async function csCausedBadReviews(
  ctx: Ctx,
  storeId: string,
  first: string,
  last: string,
  agents: AgentDto[],
): Promise<Map<string, { orderId: string; date: string }[]>> {
  const tz = await storeZone(ctx, storeId);
  const cases = (
    await listReviewCases(ctx, storeId, { fromDate: first, toDate: last, limit: 100_000 })
  ).filter((r) => r.countsAgainstCs && r.orderId);
  const out = new Map<string, { orderId: string; date: string }[]>();
  const seen = new Set<string>();
  for (const r of cases) {
    if (seen.has(r.orderId!)) continue; // one fine per order
    seen.add(r.orderId!);
    let a: Awaited<ReturnType<typeof attributionOf>>;
    try {
      a = await attributionOf(ctx, storeId, r.orderId!);
    } catch {
      continue; // the review names an order we do not have
    }
    const account = (await creditAccounts(ctx, storeId, [a], agents)).get(a.orderId);
    if (!account) continue;
    const list = out.get(account) ?? [];
    list.push({ orderId: r.orderId!, date: businessDate(r.reviewedAt, tz) });
    out.set(account, list);
  }
  return out;
}

export type AgentFines = {
  agent: string;
  personId: string | null;
  rulesFrom: string | null;
  fines: Fine[];
  totalFen: number;
};

/** A month's fines per agent with the evidence (days, sessions), under the rule book in force on the 1st. */
export async function monthFines(
  ctx: Ctx,
  storeId: string,
  month: string,
  only?: string[],
): Promise<AgentFines[]> {
  checkMonth(month);
  const dates = monthDates(month);
  const [first, last] = [dates[0]!, dates.at(-1)!];
  const book = ruleBookOn(await listRuleBooks(ctx, storeId), first);
  const rules = book?.rules ?? DEFAULT_FINE_RULES;
  const db = ctx.database.db;
  const attendance = await listAttendance(ctx, storeId, month);
  const flags = await db
    .select()
    .from(csSessionFlags)
    .where(
      and(
        eq(csSessionFlags.storeId, storeId),
        gte(csSessionFlags.date, first),
        lte(csSessionFlags.date, last),
      ),
    )
    .orderBy(asc(csSessionFlags.startAt));
  const agents = await listAgents(ctx, storeId);
  const badReviews = await csCausedBadReviews(ctx, storeId, first, last, agents);
  const out: AgentFines[] = [];
  for (const a of agents) {
    if (only && !only.includes(a.account)) continue;
    const mine = flags.filter((f) => f.agent === a.account);
    const facts: MonthFacts = {
      attendance: attendance
        .filter((d) => d.agent === a.account)
        .map((d) => ({
          date: d.date,
          lateMinutes: d.lateMinutes,
          onLeave: d.onLeave,
          offline: d.offline,
          idleMinutes: d.idleMinutes,
        })),
      slowResponses: mine
        .filter((f) => f.firstResponseSec !== null)
        .map((f) => ({ sessionId: f.sessionId, date: f.date, seconds: f.firstResponseSec! })),
      longWaits: mine.flatMap((f) =>
        f.longWaits.map((w) => ({ sessionId: f.sessionId, date: f.date, minutes: w.minutes })),
      ),
      badReviews: badReviews.get(a.account) ?? [],
    };
    const fines = evaluateFines(rules, facts);
    out.push({
      agent: a.account,
      personId: a.personId,
      rulesFrom: book?.effectiveFrom ?? null,
      fines,
      totalFen: fines.reduce((s, f) => s + f.fen, 0),
    });
  }
  return out;
}

// ------------------------------------------------------------------ quality inspection

let jieba: Jieba | null = null;
function cut(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text);
}

/** Sampled sessions of [from, to] checked against the checklist; new hits land in the inspector's queue. */
export async function runQualityInspection(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  opts: { percent?: number } = {},
): Promise<{ sampled: number; hits: number }> {
  checkDate(from, 'from');
  checkDate(to, 'to');
  const tz = await storeZone(ctx, storeId);
  const settings = await getSettings(ctx, storeId);
  const percent = opts.percent ?? settings.samplePercent;
  const fromI = startOfBusinessDate(from, tz);
  const toI = startOfBusinessDate(addDays(to, 1), tz);
  const bad = new Set(await badReviewBuyers(ctx, storeId, fromI, new Date(toI.getTime() + 30 * 86_400_000)));
  const heads = (await ctx.database.db.execute(sql`
    select session_id, min(buyer) as buyer from ${chatMessages}
    where store_id = ${storeId} and sent_at >= ${fromI} and sent_at < ${toI}
    group by session_id`)) as unknown as Rows<{ session_id: string; buyer: string }>;
  const sample = new Map<string, string>();
  for (const h of heads.rows) {
    if (bad.has(h.buyer)) sample.set(h.session_id, 'bad_review');
    else if (hashPercent(h.session_id) < percent) sample.set(h.session_id, 'random');
  }
  let hits = 0;
  const ids = [...sample.keys()];
  const now = ctx.clock.now();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const msgs = await ctx.database.db
      .select({
        sessionId: chatMessages.sessionId,
        sentAt: chatMessages.sentAt,
        senderRole: chatMessages.senderRole,
        isAutoReply: chatMessages.isAutoReply,
        agent: chatMessages.agent,
        content: chatMessages.content,
      })
      .from(chatMessages)
      .where(and(eq(chatMessages.storeId, storeId), inArray(chatMessages.sessionId, chunk)))
      .orderBy(asc(chatMessages.sessionId), asc(chatMessages.sentAt), asc(chatMessages.messageId));
    const bySession = new Map<string, typeof msgs>();
    for (const m of msgs) {
      const l = bySession.get(m.sessionId);
      if (l) l.push(m);
      else bySession.set(m.sessionId, [m]);
    }
    const rows: (typeof csQualityHits.$inferInsert)[] = [];
    for (const [sessionId, l] of bySession) {
      const qm: QualityMessage[] = l.map((m) => ({
        t: m.sentAt.getTime(),
        role: m.senderRole === 'buyer' ? 0 : m.isAutoReply ? 2 : 1,
        text: m.content,
      }));
      const found = inspectSession(qm, settings.lexicon, cut, { slowSec: settings.kpi.slowResponseSec });
      const agent = l.find((m) => m.agent)?.agent ?? '';
      const date = businessDate(l[0]!.sentAt, tz);
      for (const h of found)
        rows.push({
          storeId,
          id: newId(),
          sessionId,
          agent,
          date,
          check: h.check,
          messageIndex: h.index,
          evidence: h.evidence,
          sampledFor: sample.get(sessionId)!,
          status: 'open',
          note: null,
          inspectorId: null,
          appeal: null,
          appealDecision: null,
          decidedBy: null,
          taskId: null,
          createdAt: now,
          updatedAt: now,
        });
    }
    if (rows.length) {
      const ins = await ctx.database.db
        .insert(csQualityHits)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: csQualityHits.id });
      hits += ins.length;
    }
  }
  return { sampled: sample.size, hits };
}

export type HitFilter = {
  status?: string;
  agent?: string;
  agents?: string[];
  from?: string;
  to?: string;
  limit?: number;
};

export async function listHits(ctx: Ctx, storeId: string, f: HitFilter = {}) {
  const where = [eq(csQualityHits.storeId, storeId)];
  if (f.status) where.push(eq(csQualityHits.status, f.status));
  if (f.agent) where.push(eq(csQualityHits.agent, f.agent));
  if (f.agents) where.push(f.agents.length ? inArray(csQualityHits.agent, f.agents) : sql`false`);
  if (f.from) where.push(gte(csQualityHits.date, f.from));
  if (f.to) where.push(lte(csQualityHits.date, f.to));
  return ctx.database.db
    .select()
    .from(csQualityHits)
    .where(and(...where))
    .orderBy(desc(csQualityHits.date), asc(csQualityHits.agent))
    .limit(f.limit ?? 500);
}

/** One session's messages (the evidence behind a hit or a fine). */
export async function sessionMessages(ctx: Ctx, storeId: string, sessionId: string) {
  const rows = await ctx.database.db
    .select({
      sentAt: chatMessages.sentAt,
      senderRole: chatMessages.senderRole,
      sender: chatMessages.sender,
      isAutoReply: chatMessages.isAutoReply,
      content: chatMessages.content,
      agent: chatMessages.agent,
      buyer: chatMessages.buyer,
    })
    .from(chatMessages)
    .where(and(eq(chatMessages.storeId, storeId), eq(chatMessages.sessionId, sessionId)))
    .orderBy(asc(chatMessages.sentAt), asc(chatMessages.messageId));
  if (rows.length === 0) throw notFound('service.session_not_found', 'No such session');
  return rows;
}

async function getHit(ctx: Ctx, storeId: string, id: string) {
  const [h] = await ctx.database.db
    .select()
    .from(csQualityHits)
    .where(and(eq(csQualityHits.storeId, storeId), eq(csQualityHits.id, id)));
  if (!h) throw notFound('service.hit_not_found', 'No such quality hit');
  return h;
}

/**
 * What a person may do in the quality queue (team.rules qualityQueueRights): inspect — manager,
 * operations assistant, owner, a CS group's leader; decide appeals — manager, owner, a CS leader.
 */
export async function qualityRights(
  ctx: Ctx,
  storeId: string,
  personId: string | null,
  roles: readonly string[],
): Promise<{ inspect: boolean; decideAppeals: boolean }> {
  const leads =
    !!personId && (await storeGroups(ctx, storeId)).some((g) => g.kind === 'cs' && g.leaderId === personId);
  return qualityQueueRights(roles, leads);
}

/**
 * The inspector's decision on a hit: confirm (optionally with a coaching task for the agent) or
 * reject, with a note.
 */
export async function reviewHit(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: { decision: 'confirmed' | 'rejected'; note?: string | null; coach?: boolean },
  personId: string | null,
) {
  const h = await getHit(ctx, storeId, id);
  if (h.status !== 'open' && h.status !== 'confirmed' && h.status !== 'rejected')
    throw badInput('service.hit_in_appeal', 'The hit is under appeal; the leader decides', {
      details: { field: 'decision' },
    });
  let taskId = h.taskId;
  if (input.decision === 'confirmed' && input.coach) {
    const agentPerson = await personOfAccount(ctx, storeId, h.agent);
    const { task } = await createTask(ctx, storeId, {
      title: `质检辅导：${h.agent} · ${h.check} · ${h.date}`,
      description: `${h.evidence}${input.note ? `\n${input.note}` : ''}`,
      ownerPersonId: agentPerson,
      ownerRole: agentPerson ? null : 'cs_presale',
      dueAt: new Date(ctx.clock.now().getTime() + 3 * 86_400_000),
      source: 'service',
      dedupeKey: `quality-coaching:${h.id}`,
      links: [{ kind: 'chat_session', id: h.sessionId, label: h.sessionId }],
      createdBy: personId,
    });
    taskId = task.id;
  }
  const [row] = await ctx.database.db
    .update(csQualityHits)
    .set({
      status: input.decision,
      note: input.note ?? h.note,
      inspectorId: personId,
      taskId,
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(csQualityHits.storeId, storeId), eq(csQualityHits.id, id)))
    .returning();
  return row!;
}

/** The agent appeals a confirmed hit of their own. */
export async function appealHit(ctx: Ctx, storeId: string, id: string, text: string, personId: string) {
  const h = await getHit(ctx, storeId, id);
  if ((await personOfAccount(ctx, storeId, h.agent)) !== personId)
    throw forbidden('service.not_your_hit', 'Only the agent can appeal their own hit');
  if (h.status !== 'confirmed')
    throw badInput('service.hit_not_appealable', 'Only a confirmed hit can be appealed', {
      details: { field: 'status' },
    });
  if (!text.trim()) throw badInput('service.appeal_required', 'Say why', { details: { field: 'text' } });
  const [row] = await ctx.database.db
    .update(csQualityHits)
    .set({ status: 'appealed', appeal: text.trim(), updatedAt: ctx.clock.now() })
    .where(and(eq(csQualityHits.storeId, storeId), eq(csQualityHits.id, id)))
    .returning();
  return row!;
}

/** The leader decides an appeal: upheld (the hit stands) or overturned (it no longer counts). */
export async function decideAppeal(
  ctx: Ctx,
  storeId: string,
  id: string,
  decision: 'upheld' | 'overturned',
  note: string | null,
  personId: string | null,
) {
  const h = await getHit(ctx, storeId, id);
  if (h.status !== 'appealed')
    throw badInput('service.hit_not_appealed', 'No appeal to decide', { details: { field: 'status' } });
  const [row] = await ctx.database.db
    .update(csQualityHits)
    .set({ status: decision, appealDecision: note, decidedBy: personId, updatedAt: ctx.clock.now() })
    .where(and(eq(csQualityHits.storeId, storeId), eq(csQualityHits.id, id)))
    .returning();
  return row!;
}

/** Hits that count against the agent: confirmed, or appealed and upheld. Score = 100 − 5 per hit. */
export function qualityScore(hits: { status: string }[]): { counted: number; score: number } {
  const counted = hits.filter((h) => h.status === 'confirmed' || h.status === 'upheld').length;
  return { counted, score: Math.max(0, 100 - 5 * counted) };
}

// ------------------------------------------------------------------ the 14:30 CS check

async function hourly(ctx: Ctx, storeId: string, tz: string, from: string, toExclusive: string) {
  const r = (await ctx.database.db.execute(sql`
    select d, h, count(*)::int as n from (
      select to_char(min(sent_at) at time zone ${tz}, 'YYYY-MM-DD') as d,
             extract(hour from min(sent_at) at time zone ${tz})::int as h
      from ${chatMessages}
      where store_id = ${storeId} and sent_at >= ${startOfBusinessDate(from, tz)} and sent_at < ${startOfBusinessDate(toExclusive, tz)}
        and sender_role = 'buyer'
      group by session_id) s
    group by d, h`)) as unknown as Rows<{ d: string; h: number; n: number }>;
  const m = new Map<string, number[]>();
  for (const x of r.rows) {
    const l = m.get(x.d) ?? new Array<number>(24).fill(0);
    l[x.h] = x.n;
    m.set(x.d, l);
  }
  return m;
}

/** The latest business date with KPIs on or before today. */
export async function latestKpiDate(ctx: Ctx, storeId: string): Promise<string | null> {
  const tz = await storeZone(ctx, storeId);
  const today = businessDate(ctx.clock.now(), tz);
  const [r] = await ctx.database.db
    .select({ d: sql<string | null>`max(${csKpis.date})` })
    .from(csKpis)
    .where(and(eq(csKpis.storeId, storeId), lte(csKpis.date, today)));
  return r?.d ?? null;
}

/**
 * Tomorrow's campaign factor (service.roster.rules campaignFactor): the campaigns of the marketing
 * calendar (marketing.service) over the past year, and the sessions per day from the stored KPIs.
 */
async function forecastCampaignFactor(
  ctx: Ctx,
  storeId: string,
  tomorrow: string,
  defaultFactor: number,
): Promise<CampaignFactor> {
  const from = addDays(tomorrow, -365);
  const periods = (await listCampaignPeriods(ctx, storeId, from, tomorrow)).map((p) => ({
    name: p.name,
    from: p.from,
    to: p.to,
  }));
  if (!periods.some((p) => p.from <= tomorrow && tomorrow <= p.to))
    return campaignFactor(tomorrow, periods, new Map(), defaultFactor);
  const daily = (await ctx.database.db.execute(sql`
    select date::text as date, sum(sessions)::int as n from ${csKpis}
    where store_id = ${storeId} and shift_code = '' and date >= ${addDays(from, -28)} and date < ${tomorrow}
    group by date`)) as unknown as Rows<{ date: string; n: number }>;
  return campaignFactor(
    tomorrow,
    periods,
    new Map(daily.rows.map((r) => [r.date, Number(r.n)])),
    defaultFactor,
  );
}

/**
 * The CS check (DOMAIN.md §2, 14:30): per agent — online window (first and last reply), volume,
 * response speed, conversion — against yesterday and the same day last week; sessions per hour;
 * and tomorrow's forecast per hour against the roster (campaign days raise it).
 */
export async function csCheck(
  ctx: Ctx,
  storeId: string,
  q: { date?: string },
): Promise<{
  date: string;
  agents: {
    agent: string;
    today: KpiDto;
    yesterday: KpiDto | null;
    lastWeek: KpiDto | null;
    firstReply: string | null;
    lastReply: string | null;
  }[];
  team: { today: KpiDto; yesterday: KpiDto; lastWeek: KpiDto };
  byHour: { hour: number; today: number; yesterday: number; lastWeek: number }[];
  forecast: {
    date: string;
    campaignFactor: number;
    /** Where the factor comes from: the marketing calendar and past campaign days. */
    campaign: CampaignFactor;
    hours: { hour: number; forecast: number; rostered: number; needed: number }[];
    underStaffed: number[];
  };
} | null> {
  const date = q.date ?? (await latestKpiDate(ctx, storeId));
  if (!date) return null;
  checkDate(date, 'date');
  const tz = await storeZone(ctx, storeId);
  const settings = await getSettings(ctx, storeId);
  const y = addDays(date, -1);
  const w = addDays(date, -7);
  const rows = await listKpis(ctx, storeId, { from: w, to: date });
  const at = (d: string) => rows.filter((r) => r.date === d);
  const sum = (l: KpiDto[], d: string) => dto(l.reduce((a, b) => addKpiRows(a, b), emptyKpiRow(d, '', '*')));
  const online = (await ctx.database.db.execute(sql`
    select agent, to_char(min(sent_at) at time zone ${tz}, 'HH24:MI') as a, to_char(max(sent_at) at time zone ${tz}, 'HH24:MI') as b
    from ${chatMessages}
    where store_id = ${storeId} and sender_role <> 'buyer' and not is_auto_reply
      and sent_at >= ${startOfBusinessDate(date, tz)} and sent_at < ${startOfBusinessDate(addDays(date, 1), tz)}
    group by agent`)) as unknown as Rows<{ agent: string; a: string; b: string }>;
  const on = new Map(online.rows.map((r) => [r.agent, r]));
  const agents = at(date).map((t) => ({
    agent: t.agent,
    today: t,
    yesterday: at(y).find((r) => r.agent === t.agent) ?? null,
    lastWeek: at(w).find((r) => r.agent === t.agent) ?? null,
    firstReply: on.get(t.agent)?.a ?? null,
    lastReply: on.get(t.agent)?.b ?? null,
  }));
  const tomorrow = addDays(date, 1);
  const hist = await hourly(ctx, storeId, tz, addDays(tomorrow, -28), tomorrow);
  const zero = () => new Array<number>(24).fill(0);
  const byHour = Array.from({ length: 24 }, (_, h) => ({
    hour: h,
    today: (hist.get(date) ?? zero())[h]!,
    yesterday: (hist.get(y) ?? zero())[h]!,
    lastWeek: (hist.get(w) ?? zero())[h]!,
  }));
  const campaign = await forecastCampaignFactor(ctx, storeId, tomorrow, settings.campaignFactorDefault);
  const factor = campaign.factor;
  const fc = forecastHourly(hist, tomorrow, { weeks: 4, campaignFactor: factor });
  const roster = await ctx.database.db
    .select({ date: csRoster.date, agent: csRoster.agent, shiftCode: csRoster.shiftCode })
    .from(csRoster)
    .where(and(eq(csRoster.storeId, storeId), eq(csRoster.date, tomorrow)));
  const staff = staffPerHour(roster, settings.shifts, tomorrow);
  const under = underStaffedHours(fc, staff, settings.inquiriesPerAgentHour);
  return {
    date,
    agents,
    team: { today: sum(at(date), date), yesterday: sum(at(y), y), lastWeek: sum(at(w), w) },
    byHour,
    forecast: {
      date: tomorrow,
      campaignFactor: factor,
      campaign,
      hours: fc.map((f, h) => ({
        hour: h,
        forecast: f,
        rostered: staff[h]!,
        needed: Math.ceil(f / settings.inquiriesPerAgentHour),
      })),
      underStaffed: under.map((u) => u.hour),
    },
  };
}

// ------------------------------------------------------------------ the agent's own page

export async function agentPage(ctx: Ctx, storeId: string, personId: string, month: string) {
  checkMonth(month);
  const accounts = await accountsOf(ctx, storeId, personId);
  const dates = monthDates(month);
  const [first, last] = [dates[0]!, dates.at(-1)!];
  const days = accounts.length
    ? (await listKpis(ctx, storeId, { from: first, to: last })).filter((r) => accounts.includes(r.agent))
    : [];
  const totals = accounts.length ? await kpiTotals(ctx, storeId, first, last, accounts) : [];
  const hits = await listHits(ctx, storeId, { agents: accounts, from: first, to: last });
  const fines = accounts.length ? await monthFines(ctx, storeId, month, accounts) : [];
  return { month, accounts, days, totals, hits, quality: qualityScore(hits), fines };
}

// ------------------------------------------------------------------ the daily job

/** Yesterday's KPIs and quality sample (idempotent). */
export async function dailyServiceJob(ctx: Ctx, storeId: string, date: string): Promise<void> {
  const y = addDays(date, -1);
  await recomputeKpis(ctx, storeId, y, y);
  await runQualityInspection(ctx, storeId, y, y);
  await deriveAttendanceFromChats(ctx, storeId, y, y);
}

// ---- for orders (issue 6) ----
// Read functions the orders/after-sales desk uses: who chatted with a buyer, who was active.

/** One chat account's typed messages (auto-replies excluded) to one buyer in one chat session. */
export type BuyerAgentTouch = {
  buyer: string;
  agent: string;
  sessionId: string;
  firstAt: Date;
  lastAt: Date;
  messages: number;
};

/** Above this many buyers, touches are read in one pass over the window instead of by buyer. */
const TOUCH_SCAN_BUYERS = 2000;

/**
 * Every typed message (auto-replies excluded) of [from, until) as its times (ms, ascending) per
 * buyer, chat account and session: what the KPI recompute's session pass already read, handed to
 * the orders attribution so the month's chat log is read once.
 */
export type TouchCover = {
  from: Date;
  until: Date;
  /** May still be coming (the session pass runs beside the attribution's other reads). */
  touches: CoverTouch[] | Promise<CoverTouch[]>;
};

export type CoverTouch = { buyer: string; agent: string; sessionId: string; times: number[] };

/**
 * The touches of the buyers in [from, to] (one per buyer, account and session). With a `cover`,
 * its part of the window is taken from it and only the rest is read (the same touches: db test).
 */
export async function agentTouchesOfBuyers(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  buyers: string[],
  from: Date,
  to: Date,
  cover?: TouchCover,
): Promise<BuyerAgentTouch[]> {
  if (!cover) return touchesBetween(ctx, storeId, buyers, from, to, false);
  const wanted = new Set(buyers);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const byKey = new Map<string, BuyerAgentTouch>();
  const add = (t: BuyerAgentTouch) => {
    const k = `${t.buyer}\u0001${t.agent}\u0001${t.sessionId}`;
    const e = byKey.get(k);
    if (!e) byKey.set(k, t);
    else {
      if (t.firstAt < e.firstAt) e.firstAt = t.firstAt;
      if (t.lastAt > e.lastAt) e.lastAt = t.lastAt;
      e.messages += t.messages;
    }
  };
  // Before the cover: [from, cover.from); after it: [cover.until, to] — read first, so that the
  // reads run while the cover's touches may still be coming.
  const read: BuyerAgentTouch[][] = [];
  if (from < cover.from) {
    const before = to < cover.from;
    read.push(await touchesBetween(ctx, storeId, buyers, from, before ? to : cover.from, !before));
  }
  if (to >= cover.until)
    read.push(await touchesBetween(ctx, storeId, buyers, from > cover.until ? from : cover.until, to, false));
  const coverTouches = await cover.touches;
  for (const c of coverTouches) {
    if (!wanted.has(c.buyer)) continue;
    let first = -1;
    let last = -1;
    let n = 0;
    for (const x of c.times)
      if (x >= fromMs && x <= toMs) {
        if (first < 0) first = x;
        last = x;
        n++;
      }
    if (n > 0)
      add({
        buyer: c.buyer,
        agent: c.agent,
        sessionId: c.sessionId,
        firstAt: new Date(first),
        lastAt: new Date(last),
        messages: n,
      });
  }
  for (const list of read) for (const t of list) add(t);
  return [...byKey.values()];
}

/** Touches from the typed messages of [from, to] ([from, to) when `toExclusive`). */
async function touchesBetween(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  buyers: string[],
  from: Date,
  to: Date,
  toExclusive: boolean,
): Promise<BuyerAgentTouch[]> {
  const { and, eq, gte, inArray, lt, lte, sql } = await import('drizzle-orm');
  const out: BuyerAgentTouch[] = [];
  const unique = [...new Set(buyers)];
  const select = {
    buyer: chatMessages.buyer,
    agent: chatMessages.sender,
    sessionId: chatMessages.sessionId,
    firstAt: sql<Date>`min(${chatMessages.sentAt})`.mapWith((v) => new Date(v)),
    lastAt: sql<Date>`max(${chatMessages.sentAt})`.mapWith((v) => new Date(v)),
    messages: sql<number>`count(*)`.mapWith(Number),
  };
  const typed = [
    eq(chatMessages.storeId, storeId),
    eq(chatMessages.senderRole, 'agent'),
    eq(chatMessages.isAutoReply, false),
    gte(chatMessages.sentAt, from),
    toExclusive ? lt(chatMessages.sentAt, to) : lte(chatMessages.sentAt, to),
  ];
  if (unique.length > TOUCH_SCAN_BUYERS) {
    // Many buyers (a month's orders, e.g. the KPI recompute): one pass over the window's typed
    // messages, kept for the buyers asked — not one scan of the window per chunk of buyers.
    const wanted = new Set(unique);
    const rows = await ctx.database.db
      .select(select)
      .from(chatMessages)
      .where(and(...typed))
      .groupBy(chatMessages.buyer, chatMessages.sender, chatMessages.sessionId);
    for (const r of rows) if (wanted.has(r.buyer)) out.push(r);
    return out;
  }
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await ctx.database.db
      .select(select)
      .from(chatMessages)
      .where(and(...typed, inArray(chatMessages.buyer, unique.slice(i, i + 5000))))
      .groupBy(chatMessages.buyer, chatMessages.sender, chatMessages.sessionId);
    out.push(...rows);
  }
  return out;
}

/** The chat accounts (of those given) that typed a message in [from, to]: "online" then. */
export async function activeAgents(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  agents: string[],
  from: Date,
  to: Date,
): Promise<Set<string>> {
  if (agents.length === 0) return new Set();
  const { and, eq, gte, inArray, lte } = await import('drizzle-orm');
  const rows = await ctx.database.db
    .selectDistinct({ agent: chatMessages.sender })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.storeId, storeId),
        eq(chatMessages.senderRole, 'agent'),
        eq(chatMessages.isAutoReply, false),
        inArray(chatMessages.sender, agents),
        gte(chatMessages.sentAt, from),
        lte(chatMessages.sentAt, to),
      ),
    );
  return new Set(rows.map((r) => r.agent));
}

/** A buyer's chat messages in a window, oldest first (the order drawer's story). */
export async function chatMessagesOfBuyer(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  buyer: string,
  from: Date,
  to: Date,
  limit = 300,
) {
  const { and, asc, eq, gte, lte } = await import('drizzle-orm');
  return ctx.database.db
    .select({
      sessionId: chatMessages.sessionId,
      sentAt: chatMessages.sentAt,
      senderRole: chatMessages.senderRole,
      sender: chatMessages.sender,
      agent: chatMessages.agent,
      content: chatMessages.content,
      isAutoReply: chatMessages.isAutoReply,
    })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.storeId, storeId),
        eq(chatMessages.buyer, buyer),
        gte(chatMessages.sentAt, from),
        lte(chatMessages.sentAt, to),
      ),
    )
    .orderBy(asc(chatMessages.sentAt))
    .limit(limit);
}

/** Every chat account seen in the store's chat logs (to link accounts to people). */
export async function chatAccounts(
  ctx: import('../../core/context').Ctx,
  storeId: string,
): Promise<string[]> {
  const { and, eq } = await import('drizzle-orm');
  const rows = await ctx.database.db
    .selectDistinct({ agent: chatMessages.sender })
    .from(chatMessages)
    .where(and(eq(chatMessages.storeId, storeId), eq(chatMessages.senderRole, 'agent')));
  return rows.map((r) => r.agent).sort();
}

// ---- for marketing (issue 9) ----
/**
 * Working shifts per day in the CS roster for [from, to] (days off and leave not counted; days
 * without a roster absent): marketing's "extra CS shifts planned" readiness check.
 */
export async function workingShiftsPerDay(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await ctx.database.db
    .select({ date: csRoster.date, n: sql<number>`count(*)` })
    .from(csRoster)
    .where(
      and(
        eq(csRoster.storeId, storeId),
        gte(csRoster.date, from),
        lte(csRoster.date, to),
        sql`${csRoster.shiftCode} not in (${OFF}, ${LEAVE})`,
      ),
    )
    .groupBy(csRoster.date);
  return new Map(rows.map((r) => [String(r.date), Number(r.n)]));
}
