import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { col } from '../../db/columns';

/** Per-store notification settings: quiet hours (no robot/webhook messages; in-app still arrives). */
export const notifySettings = pgTable('notify_settings', {
  storeId: text('store_id').primaryKey(),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  updatedAt: col.ts('updated_at').notNull(),
});

/** Outbound channels of a store: DingTalk robot, WeCom robot, generic JSON webhook. */
export const notifyChannels = pgTable(
  'notify_channels',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** DingTalk sign secret (HMAC-SHA256), or the webhook's signing secret. Never sent back. */
    secret: text('secret'),
    active: boolean('active').notNull(),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

/** Rules: which event goes to which roles, people and channels. */
export const notifyRules = pgTable(
  'notify_rules',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    event: text('event').notNull(),
    roles: text('roles').array().notNull(),
    personIds: text('person_ids').array().notNull(),
    channelIds: text('channel_ids').array().notNull(),
    active: boolean('active').notNull(),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] }), index('notify_rules_event_idx').on(t.storeId, t.event)],
);

/** The in-app inbox. */
export const notifications = pgTable(
  'notifications',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    personId: text('person_id').notNull(),
    event: text('event').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    createdAt: col.ts('created_at').notNull(),
    readAt: col.ts('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('notifications_person_idx').on(t.storeId, t.personId, t.readAt),
  ],
);

/** One message to one channel, retried with back-off; the delivery log. */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    channelId: text('channel_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload')
      .$type<{ title: string; body?: string | null; link?: string | null }>()
      .notNull(),
    /** pending | sent | failed */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: col.ts('next_attempt_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: col.ts('created_at').notNull(),
    sentAt: col.ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('notify_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
