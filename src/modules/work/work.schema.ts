import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { col } from '../../db/columns';
import type { ChainStep, Frequency, WorkingHours } from './work.rules';

/** A link from a task to the record it is about (order, refund, review, sku, campaign, finding…). */
export type TaskLink = { kind: string; id: string; label?: string };

/** A file that belongs to a task, as metadata (the file itself stays where the team keeps it). */
export type TaskAttachment = {
  name: string;
  url?: string;
  size?: number;
  mime?: string;
  at: string;
  by: string | null;
};

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
    attachments: jsonb('attachments').$type<TaskAttachment[]>().notNull().default(sql`'[]'::jsonb`),
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

/** Per-store settings of the desk: working hours (escalation timing counts only these). */
export const workSettings = pgTable('work_settings', {
  storeId: text('store_id').primaryKey(),
  workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
  updatedAt: col.ts('updated_at').notNull(),
});

/** A store's routine templates: items per role with a time block and a frequency (DOMAIN.md §2). */
export const routineItems = pgTable(
  'routine_items',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    role: text('role').notNull(),
    /** Stable key within the role (defaults keep DOMAIN.md's block names). */
    key: text('key').notNull(),
    title: text('title').notNull(),
    /** 'HH:mm' local; null = before the day starts. */
    startTime: text('start_time'),
    endTime: text('end_time').notNull(),
    frequency: jsonb('frequency').$type<Frequency>().notNull(),
    sort: integer('sort').notNull(),
    active: boolean('active').notNull(),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('routine_items_key_idx').on(t.storeId, t.role, t.key),
  ],
);

/** Each person's checklist of a business day, generated from the routines (idempotent by key). */
export const checklistItems = pgTable(
  'checklist_items',
  {
    storeId: text('store_id').notNull(),
    businessDate: col.date('business_date').notNull(),
    personId: text('person_id').notNull(),
    routineItemId: text('routine_item_id').notNull(),
    role: text('role').notNull(),
    title: text('title').notNull(),
    startTime: text('start_time'),
    endTime: text('end_time').notNull(),
    doneAt: col.ts('done_at'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.businessDate, t.personId, t.routineItemId] })],
);

/** Days a person does not work (roster days off): no checklist is generated for them. */
export const daysOff = pgTable(
  'days_off',
  {
    storeId: text('store_id').notNull(),
    personId: text('person_id').notNull(),
    date: col.date('date').notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.personId, t.date] })],
);

/**
 * One row per (job, store, business date) the scheduler ran: a restart never runs a day twice
 * nor skips it. `status` running | done | failed.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    storeId: text('store_id').notNull(),
    job: text('job').notNull(),
    businessDate: col.date('business_date').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    startedAt: col.ts('started_at').notNull(),
    finishedAt: col.ts('finished_at'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.job, t.businessDate] })],
);

/** Escalation chains (DOMAIN.md §3): a difficulty, its condition, whom to contact in order. */
export const escalationChains = pgTable(
  'escalation_chains',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    key: text('key').notNull(),
    groupKind: text('group_kind').notNull(),
    name: text('name').notNull(),
    condition: text('condition').notNull(),
    steps: jsonb('steps').$type<ChainStep[]>().notNull(),
    active: boolean('active').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('escalation_chains_key_idx').on(t.storeId, t.key),
  ],
);

/** A difficulty someone raised, walking its chain. status open | accepted | solved | cancelled. */
export const escalations = pgTable(
  'escalations',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    chainId: text('chain_id').notNull(),
    taskId: text('task_id'),
    title: text('title').notNull(),
    description: text('description'),
    raisedBy: text('raised_by').notNull(),
    status: text('status').notNull(),
    /** The chain as it was when raised (later edits do not move running escalations). */
    steps: jsonb('steps').$type<ChainStep[]>().notNull(),
    stepIndex: integer('step_index').notNull(),
    ownerPersonId: text('owner_person_id'),
    stepStartedAt: col.ts('step_started_at').notNull(),
    stepDueAt: col.ts('step_due_at').notNull(),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
    closedAt: col.ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('escalations_owner_idx').on(t.storeId, t.ownerPersonId, t.status),
    index('escalations_due_idx').on(t.storeId, t.status, t.stepDueAt),
  ],
);

/** Every step of an escalation: raised, moved (timed out), accepted, solved, comment. */
export const escalationEvents = pgTable(
  'escalation_events',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    escalationId: text('escalation_id').notNull(),
    kind: text('kind').notNull(),
    stepIndex: integer('step_index').notNull(),
    personId: text('person_id'),
    ownerPersonId: text('owner_person_id'),
    body: text('body'),
    at: col.ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('escalation_events_idx').on(t.storeId, t.escalationId),
  ],
);

/** A handover (shift, assistant ↔ manager, operations ↔ designer): a note and open items. */
export const handovers = pgTable(
  'handovers',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    fromPersonId: text('from_person_id').notNull(),
    toPersonId: text('to_person_id'),
    toRole: text('to_role'),
    businessDate: col.date('business_date').notNull(),
    note: text('note'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] }), index('handovers_to_idx').on(t.storeId, t.toPersonId)],
);

/** One line of a handover; open items are carried into the receiver's day until closed. */
export const handoverItems = pgTable(
  'handover_items',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    handoverId: text('handover_id').notNull(),
    body: text('body').notNull(),
    /** done | not_done (with why) | follow_up | open */
    state: text('state').notNull(),
    closedAt: col.ts('closed_at'),
    closedBy: text('closed_by'),
    closeNote: text('close_note'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('handover_items_idx').on(t.storeId, t.handoverId),
  ],
);

export type DesignFile = { name: string; url?: string; size?: number; mime?: string; at?: string };

/** Design requests (美工需求): the designer's queue. */
export const designRequests = pgTable(
  'design_requests',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    requesterId: text('requester_id'),
    designerId: text('designer_id'),
    /** product | sku | campaign, and which one. */
    subjectKind: text('subject_kind'),
    subjectId: text('subject_id'),
    subjectLabel: text('subject_label'),
    brief: text('brief'),
    dueAt: col.ts('due_at'),
    status: text('status').notNull(),
    files: jsonb('files').$type<DesignFile[]>().notNull(),
    taskId: text('task_id'),
    source: text('source').notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
    deliveredAt: col.ts('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('design_requests_dedupe_idx').on(t.storeId, t.dedupeKey),
  ],
);
