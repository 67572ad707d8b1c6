import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** A store on one platform. Its `id` is the tenant key (`store_id`) of every business table. */
export const stores = pgTable(
  'stores',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    platform: text('platform').notNull(), // taobao | tmall | jd
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [uniqueIndex('stores_code_key').on(t.code)],
);

export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    phone: text('phone'),
    csLevel: text('cs_level'), // junior | mid | senior | account_manager
    isOwner: boolean('is_owner').notNull().default(false),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [uniqueIndex('people_login_key').on(sql`lower(${t.login})`)],
);

/** Who works in which store with which roles. */
export const storeMembers = pgTable(
  'store_members',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    roles: text('roles').array().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.personId] }), index('store_members_person_idx').on(t.personId)],
);

export const groups = pgTable(
  'groups',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    leaderId: text('leader_id').references(() => people.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

export const groupMembers = pgTable(
  'group_members',
  {
    storeId: text('store_id').notNull(),
    groupId: text('group_id').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.groupId, t.personId] })],
);

/**
 * A person's platform chat sub-accounts (旺旺 / 咚咚子账号), per store and platform: the one
 * mapping of chat account → person that orders (attribution, pay credit) and service (KPIs, fines,
 * the agent's page) read through team.service.
 */
export const chatAccounts = pgTable(
  'chat_accounts',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    platform: text('platform').notNull(),
    account: text('account').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    updatedBy: text('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.platform, t.account] }),
    index('chat_accounts_person_idx').on(t.storeId, t.personId),
  ],
);

/** Web sessions. The cookie holds a secret; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

/** Bearer tokens for scripts. Only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_person_idx').on(t.personId)],
);

/** Who changed what. `changes` holds { field: [before, after] } or the created record. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    storeId: text('store_id'),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes'),
    at: ts('at').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [
    index('audit_log_org_at_idx').on(t.orgId, t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
  ],
);
