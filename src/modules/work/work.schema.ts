import { index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { col } from '../../db/columns';

/** A link from a task to the record it is about (order, refund, review, sku, campaign, finding…). */
export type TaskLink = { kind: string; id: string; label?: string };

/**
 * Tasks: one per thing to do. Other modules create them through `work.createTask` with a
 * `dedupe_key` (one task per thing, not one per import); people create them by hand.
 */
export const tasks = pgTable(
  'tasks',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Exactly one of owner person / owner role is usually set; both null = unassigned. */
    ownerPersonId: text('owner_person_id'),
    ownerRole: text('owner_role'),
    dueAt: col.ts('due_at'),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    /** Which module made it ('manual' for a person), and the key that makes it unique there. */
    source: text('source').notNull(),
    dedupeKey: text('dedupe_key'),
    links: jsonb('links').$type<TaskLink[]>().notNull(),
    /** What came of it (a revisit's result, a buyer's choice), written when it is closed. */
    outcome: text('outcome'),
    createdBy: text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
    closedAt: col.ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('tasks_dedupe_idx').on(t.storeId, t.dedupeKey),
    index('tasks_owner_idx').on(t.storeId, t.ownerPersonId, t.status),
    index('tasks_status_due_idx').on(t.storeId, t.status, t.dueAt),
  ],
);

/** A task's story: created, assigned, status changes, comments. */
export const taskEvents = pgTable(
  'task_events',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    taskId: text('task_id').notNull(),
    /** null = the system (a rule, the scheduler). */
    personId: text('person_id'),
    kind: text('kind').notNull(),
    body: text('body'),
    data: jsonb('data'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] }), index('task_events_task_idx').on(t.storeId, t.taskId)],
);
