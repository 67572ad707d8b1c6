import { index, pgTable } from 'drizzle-orm/pg-core';
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
    index('chat_messages_session_idx').on(t.storeId, t.sessionId, t.sentAt),
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
