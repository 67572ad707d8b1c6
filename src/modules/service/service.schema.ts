import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';

/** Chat messages in StoreOps's own chat-log format; sessions are grouped by session_id. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    ...factColumns(),
    messageId: col.text('message_id').notNull(),
    sessionId: col.text('session_id').notNull(),
    sentAt: col.ts('sent_at').notNull(),
    senderRole: col.text('sender_role').notNull(),
    sender: col.text('sender').notNull(),
    buyer: col.text('buyer').notNull(),
    agent: col.text('agent'),
    content: col.text('content').notNull(),
    isAutoReply: col.bool('is_auto_reply').notNull(),
  },
  (t) => [
    factKey(t),
    // message_id last: the session pass aggregates each session's messages `order by sent_at,
    // message_id`; with the index in that order PostgreSQL 16+ (and PGlite, PostgreSQL 18) feeds
    // the ordered aggregate presorted instead of sorting every session (PGlite, 1 M messages:
    // 2.1 → 1.8 s for the pass's query). It serves every query the (store, session, sent_at)
    // index did, so it replaces it rather than adding a third index to maintain on import.
    index('chat_messages_session_idx').on(t.storeId, t.sessionId, t.sentAt, t.messageId),
    index('chat_messages_agent_idx').on(t.storeId, t.agent, t.sentAt),
  ],
);

/** 赤兔-style per-agent daily stats. */
export const csDailyStats = pgTable(
  'cs_daily_stats',
  {
    ...factColumns(),
    date: col.date('date').notNull(),
    agent: col.text('agent').notNull(),
    receptions: col.int('receptions'),
    inquiries: col.int('inquiries'),
    inquiryPaidBuyers: col.int('inquiry_paid_buyers'),
    inquiryConversion: col.bp('inquiry_conversion_bp'),
    salesFen: col.fen('sales_fen'),
    averageOrderValueFen: col.fen('average_order_value_fen'),
    itemsPerCustomer: col.dec('items_per_customer'),
    averageResponseSeconds: col.dec('average_response_seconds'),
    firstResponseSeconds: col.dec('first_response_seconds'),
    replyRate: col.bp('reply_rate_bp'),
    unrepliedBuyers: col.int('unreplied_buyers'),
    slowResponseBuyers: col.int('slow_response_buyers'),
    refundRate: col.bp('refund_rate_bp'),
  },
  (t) => [factKey(t), index('cs_daily_stats_date_idx').on(t.storeId, t.date, t.agent)],
);

/** Attendance sheet (遵时率) per agent and period. */
export const csAttendance = pgTable(
  'cs_attendance',
  {
    ...factColumns(),
    periodStart: col.date('period_start'),
    periodEnd: col.date('period_end'),
    agent: col.text('agent').notNull(),
    workDays: col.dec('work_days'),
    averageOnlineTime: col.text('average_online_time'),
    earliestOnlineTime: col.text('earliest_online_time'),
    latestOnlineTime: col.text('latest_online_time'),
    totalOnlineSeconds: col.int('total_online_seconds'),
    totalIdleSeconds: col.int('total_idle_seconds'),
  },
  (t) => [factKey(t)],
);

// ---------------------------------------------------------------- the team's own CS data

/** Store settings of the CS desk (shift types, service window, KPI limits, quality lexicon). */
export const csSettings = pgTable('cs_settings', {
  storeId: text('store_id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: col.ts('updated_at').notNull(),
});

/**
 * A chat sub-account's (子账号) usual shift. Which person works it is the team module's
 * `chat_accounts` mapping (team.service), not kept here.
 */
export const csAgents = pgTable(
  'cs_agents',
  {
    storeId: text('store_id').notNull(),
    account: text('account').notNull(),
    shiftCode: text('shift_code').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.account] })],
);

/** KPIs recomputed from the chat log: sums and counts per agent and day ('' shift) or shift. */
export const csKpis = pgTable(
  'cs_kpis',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    agent: text('agent').notNull(),
    sessions: integer('sessions').notNull(),
    receptions: integer('receptions').notNull(),
    inquiries: integer('inquiries').notNull(),
    paidBuyers: integer('paid_buyers').notNull(),
    paidOrders: integer('paid_orders').notNull(),
    salesFen: col.fen('sales_fen').notNull(),
    answeredSessions: integer('answered_sessions').notNull(),
    unansweredSessions: integer('unanswered_sessions').notNull(),
    slowSessions: integer('slow_sessions').notNull(),
    firstResponseSumSec: doublePrecision('first_response_sum_sec').notNull(),
    rounds: integer('rounds').notNull(),
    answeredRounds: integer('answered_rounds').notNull(),
    fastRounds: integer('fast_rounds').notNull(),
    responseSumSec: doublePrecision('response_sum_sec').notNull(),
    buyerMessages: integer('buyer_messages').notNull(),
    agentMessages: integer('agent_messages').notNull(),
    longWaits: integer('long_waits').notNull(),
    computedAt: col.ts('computed_at').notNull(),
    /** Distinct buyers of the credited orders (客单价 = sales ÷ these). */
    salesBuyers: integer('sales_buyers').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.date, t.shiftCode, t.agent] })],
);

/** Sessions worth a look (slow first response, no reply, a question waiting ≥ 30 min): fines' evidence. */
export const csSessionFlags = pgTable(
  'cs_session_flags',
  {
    storeId: text('store_id').notNull(),
    sessionId: text('session_id').notNull(),
    agent: text('agent').notNull(),
    buyer: text('buyer').notNull(),
    date: col.date('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    startAt: col.ts('start_at').notNull(),
    firstResponseSec: doublePrecision('first_response_sec'),
    /** [{ at (ISO), minutes, answered }] */
    longWaits: jsonb('long_waits').$type<{ at: string; minutes: number; answered: boolean }[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.sessionId] }),
    index('cs_session_flags_agent_idx').on(t.storeId, t.agent, t.date),
  ],
);

/** The roster: one cell per agent and date (a shift code, 'off' or 'leave'). */
export const csRoster = pgTable(
  'cs_roster',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    agent: text('agent').notNull(),
    shiftCode: text('shift_code').notNull(),
    note: text('note'),
    updatedBy: text('updated_by'),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.date, t.agent] })],
);

/** Attendance per agent and day (clock-ins, the attendance sheet, or entered by the leader). */
export const csAttendanceDays = pgTable(
  'cs_attendance_days',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    agent: text('agent').notNull(),
    lateMinutes: integer('late_minutes'),
    onLeave: boolean('on_leave').notNull(),
    offline: boolean('offline').notNull(),
    idleMinutes: jsonb('idle_minutes').$type<number[]>().notNull(),
    note: text('note'),
    updatedBy: text('updated_by'),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.date, t.agent] })],
);

/** The rule book of fines, one version per effective date. */
export const csFineRulebooks = pgTable(
  'cs_fine_rulebooks',
  {
    storeId: text('store_id').notNull(),
    effectiveFrom: col.date('effective_from').notNull(),
    rules: jsonb('rules').notNull(),
    createdBy: text('created_by'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.effectiveFrom] })],
);

/** Quality-check hits (质检) and their review: open → confirmed / rejected; appeal → upheld / overturned. */
export const csQualityHits = pgTable(
  'cs_quality_hits',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    sessionId: text('session_id').notNull(),
    agent: text('agent').notNull(),
    date: col.date('date').notNull(),
    check: text('check').notNull(),
    messageIndex: integer('message_index').notNull(),
    evidence: text('evidence').notNull(),
    /** Why the session was sampled: 'bad_review' or 'random'. */
    sampledFor: text('sampled_for').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    inspectorId: text('inspector_id'),
    appeal: text('appeal'),
    appealDecision: text('appeal_decision'),
    decidedBy: text('decided_by'),
    taskId: text('task_id'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('cs_quality_hits_session_idx').on(t.storeId, t.sessionId, t.check),
    index('cs_quality_hits_status_idx').on(t.storeId, t.status, t.date),
  ],
);
