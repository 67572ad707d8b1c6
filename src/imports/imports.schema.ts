import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { stores } from '../modules/team/team.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One import of one file: who, when, what, the counts and the rejected rows. Also the unit of
 * duplicate detection (same store + same file hash already done → nothing is written).
 */
export const importRuns = pgTable(
  'import_runs',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    version: text('version'),
    fileName: text('file_name').notNull(),
    fileHash: text('file_hash').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    /** running | done | rejected | failed | duplicate */
    status: text('status').notNull(),
    allowPartial: boolean('allow_partial').notNull().default(false),
    rows: integer('rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    /** The first rejected rows ({ row, column, value, message, messageEn, code }). */
    rejected: jsonb('rejected'),
    /** A file-level error ({ code, message, params }). */
    error: jsonb('error'),
    personId: text('person_id'),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    durationMs: integer('duration_ms'),
    /** Rows read so far (progress of a running import). */
    progressRows: integer('progress_rows').notNull().default(0),
    /** For a duplicate: the earlier import of the same bytes. */
    duplicateOf: text('duplicate_of'),
    /** A running import touches this while it works; one silent for long was interrupted. */
    heartbeatAt: ts('heartbeat_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('import_runs_hash_idx').on(t.storeId, t.fileHash),
    index('import_runs_started_idx').on(t.storeId, t.startedAt),
  ],
);

/**
 * Status changes of platform facts seen across imports (an order going 等待买家付款 → 交易成功,
 * a refund opening and closing), so a newer export keeps the history of an older one.
 */
export const factStatusHistory = pgTable(
  'fact_status_history',
  {
    storeId: text('store_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    platformId: text('platform_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    observedAt: ts('observed_at').notNull(),
    importId: text('import_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('fact_status_history_fact_idx').on(t.storeId, t.kind, t.platformId),
    index('fact_status_history_import_idx').on(t.storeId, t.importId),
  ],
);
