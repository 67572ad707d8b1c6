import { and, asc, desc, eq, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DbOrTx } from '../../db/client';
import { notify } from '../notify/notify.service';
import { memberRoles, ROLES } from '../team/team.service';
import {
  CLOSED_STATUSES,
  canMoveStatus,
  isOverdue,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from './work.rules';
import { type TaskAttachment, type TaskLink, taskEvents, tasks } from './work.schema';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskDto = Omit<TaskRow, 'dueAt' | 'createdAt' | 'updatedAt' | 'closedAt'> & {
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  overdue: boolean;
};
export type { TaskLink };

export type CreateTaskInput = {
  title: string;
  description?: string | null;
  ownerPersonId?: string | null;
  ownerRole?: string | null;
  dueAt?: Date | null;
  priority?: TaskPriority;
  links?: TaskLink[];
  /** Which module asks ('orders', 'inventory', …) or 'manual'. */
  source: string;
  /** One task per thing: the same key again returns the existing task instead of a new one. */
  dedupeKey?: string | null;
  /** The person creating it; null = the system. */
  createdBy?: string | null;
};

export function taskDto(row: TaskRow, now: Date): TaskDto {
  return {
    ...row,
    dueAt: row.dueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    overdue: isOverdue(row, now),
  };
}

async function checkOwner(
  ctx: Ctx,
  storeId: string,
  ownerPersonId?: string | null,
  ownerRole?: string | null,
) {
  if (ownerRole != null && !(ROLES as readonly string[]).includes(ownerRole)) {
    throw badInput('work.unknown_role', `Unknown role: ${ownerRole}`, { params: { role: ownerRole } });
  }
  if (ownerPersonId != null && (await memberRoles(ctx, storeId, ownerPersonId)) === null) {
    // Another store's person (or nobody): never assign across stores.
    throw badInput('work.owner_not_in_store', 'The owner is not a member of this store', {
      details: { field: 'ownerPersonId', value: ownerPersonId },
    });
  }
}

/**
 * The one way any module creates a task. With a `dedupeKey` it is idempotent: when a task with
 * that key exists (open or closed) it is returned unchanged with `created: false`, so a daily
 * rule or a re-import never makes a second task for the same thing.
 */
export async function createTask(
  ctx: Ctx,
  storeId: string,
  input: CreateTaskInput,
  db: DbOrTx = ctx.database.db,
): Promise<{ task: TaskRow; created: boolean }> {
  const title = input.title.trim();
  if (!title) throw badInput('work.title_required', 'A task needs a title', { details: { field: 'title' } });
  if (input.priority && !TASK_PRIORITIES.includes(input.priority)) {
    throw badInput('work.bad_priority', `Unknown priority: ${input.priority}`, {
      details: { field: 'priority' },
    });
  }
  await checkOwner(ctx, storeId, input.ownerPersonId, input.ownerRole);
  const now = ctx.clock.now();
  const row: TaskRow = {
    storeId,
    id: newId(),
    title,
    description: input.description ?? null,
    ownerPersonId: input.ownerPersonId ?? null,
    ownerRole: input.ownerRole ?? null,
    dueAt: input.dueAt ?? null,
    priority: input.priority ?? 'normal',
    status: 'open',
    source: input.source,
    dedupeKey: input.dedupeKey ?? null,
    links: input.links ?? [],
    attachments: [],
    outcome: null,
    createdBy: input.createdBy ?? null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  const inserted = await db.insert(tasks).values(row).onConflictDoNothing().returning();
  if (inserted.length === 0) {
    const [existing] = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.storeId, storeId), eq(tasks.dedupeKey, input.dedupeKey!)));
    return { task: existing!, created: false };
  }
  await db.insert(taskEvents).values({
    storeId,
    id: newId(),
    taskId: row.id,
    personId: row.createdBy,
    kind: 'created',
    body: null,
    data: { source: row.source, ownerPersonId: row.ownerPersonId, ownerRole: row.ownerRole },
    createdAt: now,
  });
  if (row.ownerPersonId && row.ownerPersonId !== row.createdBy) {
    const tell = () =>
      notify(ctx, storeId, {
        event: 'task.assigned',
        title: `新任务：${row.title}`,
        personIds: [row.ownerPersonId],
        link: `work/tasks?id=${row.id}`,
      });
    // Inside a caller's transaction, never touch the database outside it (PGlite would wait on
    // itself): tell the owner once the transaction has let go.
    if (db === ctx.database.db) await tell();
    else setImmediate(() => void tell());
  }
  return { task: inserted[0]!, created: true };
}

export type TaskFilter = {
  ownerPersonId?: string;
  /** Tasks for any of these roles that no person holds yet (a role's shared queue). */
  ownerRoles?: string[];
  status?: TaskStatus[];
  /** Open (not done/cancelled) only. */
  openOnly?: boolean;
  overdueOnly?: boolean;
  source?: string;
  linkKind?: string;
  linkId?: string;
  limit?: number;
  offset?: number;
};

export async function listTasks(ctx: Ctx, storeId: string, f: TaskFilter = {}): Promise<TaskRow[]> {
  const now = ctx.clock.now();
  const where = [eq(tasks.storeId, storeId)];
  const owners = [];
  if (f.ownerPersonId) owners.push(eq(tasks.ownerPersonId, f.ownerPersonId));
  if (f.ownerRoles?.length)
    owners.push(and(isNull(tasks.ownerPersonId), inArray(tasks.ownerRole, f.ownerRoles))!);
  if (owners.length) where.push(or(...owners)!);
  if (f.status?.length) where.push(inArray(tasks.status, f.status));
  if (f.openOnly || f.overdueOnly) where.push(notInArray(tasks.status, [...CLOSED_STATUSES]));
  if (f.overdueOnly) where.push(lt(tasks.dueAt, now));
  if (f.source) where.push(eq(tasks.source, f.source));
  if (f.linkKind && f.linkId) {
    where.push(sql`${tasks.links} @> ${JSON.stringify([{ kind: f.linkKind, id: f.linkId }])}::jsonb`);
  }
  return ctx.database.db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, desc(tasks.createdAt))
    .limit(f.limit ?? 500)
    .offset(f.offset ?? 0);
}

export async function getTask(ctx: Ctx, storeId: string, id: string): Promise<TaskRow> {
  const [row] = await ctx.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.storeId, storeId), eq(tasks.id, id)));
  if (!row) throw notFound('work.task_not_found', 'No such task');
  return row;
}

export async function getTaskByKey(ctx: Ctx, storeId: string, dedupeKey: string): Promise<TaskRow | null> {
  const [row] = await ctx.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.storeId, storeId), eq(tasks.dedupeKey, dedupeKey)));
  return row ?? null;
}

export type UpdateTaskInput = {
  status?: TaskStatus;
  ownerPersonId?: string | null;
  ownerRole?: string | null;
  dueAt?: Date | null;
  priority?: TaskPriority;
  outcome?: string | null;
  title?: string;
  description?: string | null;
};

/** Changes a task and records each change in its story. `personId` null = the system. */
export async function updateTask(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: UpdateTaskInput,
  personId: string | null,
): Promise<TaskRow> {
  const current = await getTask(ctx, storeId, id);
  if (input.status && !TASK_STATUSES.includes(input.status)) {
    throw badInput('work.bad_status', `Unknown status: ${input.status}`, { details: { field: 'status' } });
  }
  if (input.status && input.status !== current.status && !canMoveStatus(current.status, input.status)) {
    throw badInput('work.bad_status_move', `A ${current.status} task cannot become ${input.status}`, {
      params: { from: current.status, to: input.status },
    });
  }
  if (input.priority && !TASK_PRIORITIES.includes(input.priority)) {
    throw badInput('work.bad_priority', `Unknown priority: ${input.priority}`, {
      details: { field: 'priority' },
    });
  }
  if (input.title !== undefined && !input.title.trim()) {
    throw badInput('work.title_required', 'A task needs a title', { details: { field: 'title' } });
  }
  await checkOwner(ctx, storeId, input.ownerPersonId, input.ownerRole);
  const now = ctx.clock.now();
  const patch: Partial<TaskRow> = { updatedAt: now };
  const events: { kind: string; data: Record<string, unknown> }[] = [];
  if (input.status && input.status !== current.status) {
    patch.status = input.status;
    patch.closedAt = CLOSED_STATUSES.has(input.status) ? now : null;
    events.push({ kind: 'status', data: { from: current.status, to: input.status } });
  }
  if (input.ownerPersonId !== undefined && input.ownerPersonId !== current.ownerPersonId) {
    patch.ownerPersonId = input.ownerPersonId;
    events.push({ kind: 'assign', data: { from: current.ownerPersonId, to: input.ownerPersonId } });
  }
  if (input.ownerRole !== undefined && input.ownerRole !== current.ownerRole) {
    patch.ownerRole = input.ownerRole;
    events.push({ kind: 'assign_role', data: { from: current.ownerRole, to: input.ownerRole } });
  }
  if (input.dueAt !== undefined && input.dueAt?.getTime() !== current.dueAt?.getTime()) {
    patch.dueAt = input.dueAt;
    events.push({ kind: 'due', data: { from: current.dueAt, to: input.dueAt } });
  }
  if (input.priority && input.priority !== current.priority) {
    patch.priority = input.priority;
    events.push({ kind: 'priority', data: { from: current.priority, to: input.priority } });
  }
  if (input.outcome !== undefined && input.outcome !== current.outcome) {
    patch.outcome = input.outcome;
    events.push({ kind: 'outcome', data: { outcome: input.outcome } });
  }
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.description !== undefined) patch.description = input.description;
  return ctx.database.db
    .transaction(async (tx) => {
      const [row] = await tx
        .update(tasks)
        .set(patch)
        .where(and(eq(tasks.storeId, storeId), eq(tasks.id, id)))
        .returning();
      if (events.length) {
        await tx.insert(taskEvents).values(
          events.map((e) => ({
            storeId,
            id: newId(),
            taskId: id,
            personId,
            kind: e.kind,
            body: null,
            data: e.data,
            createdAt: now,
          })),
        );
      }
      return row!;
    })
    .then(async (row) => {
      if (patch.ownerPersonId && patch.ownerPersonId !== personId)
        await notify(ctx, storeId, {
          event: 'task.assigned',
          title: `新任务：${row.title}`,
          personIds: [patch.ownerPersonId],
          link: `work/tasks?id=${row.id}`,
        });
      return row;
    });
}

export async function addTaskComment(
  ctx: Ctx,
  storeId: string,
  taskId: string,
  personId: string | null,
  body: string,
): Promise<void> {
  await getTask(ctx, storeId, taskId);
  const text = body.trim();
  if (!text)
    throw badInput('work.comment_required', 'A comment cannot be empty', { details: { field: 'body' } });
  await ctx.database.db.insert(taskEvents).values({
    storeId,
    id: newId(),
    taskId,
    personId,
    kind: 'comment',
    body: text,
    data: null,
    createdAt: ctx.clock.now(),
  });
}

export async function taskStory(ctx: Ctx, storeId: string, taskId: string) {
  return ctx.database.db
    .select()
    .from(taskEvents)
    .where(and(eq(taskEvents.storeId, storeId), eq(taskEvents.taskId, taskId)))
    .orderBy(asc(taskEvents.createdAt), asc(taskEvents.id));
}

// ---- the rest of the desk: routines, escalations, handovers, design requests, Today ------
export * from './work.design';
export * from './work.escalations';
export * from './work.handovers';
export * from './work.routines';
export * from './work.today';

/**
 * Tells each owner once when their task becomes overdue (a `task.overdue` notification and an
 * `overdue` line in the task's story). Run from the scheduler tick; idempotent.
 */
export async function notifyOverdueTasks(ctx: Ctx, storeId: string, limit = 200): Promise<number> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.storeId, storeId),
        notInArray(tasks.status, [...CLOSED_STATUSES]),
        lt(tasks.dueAt, now),
        sql`${tasks.ownerPersonId} is not null`,
        sql`not exists (select 1 from ${taskEvents} e where e.store_id = ${tasks.storeId} and e.task_id = ${tasks.id} and e.kind = 'overdue')`,
      ),
    )
    .limit(limit);
  for (const t of rows) {
    await db.insert(taskEvents).values({
      storeId,
      id: newId(),
      taskId: t.id,
      personId: null,
      kind: 'overdue',
      body: null,
      data: { dueAt: t.dueAt },
      createdAt: now,
    });
    await notify(ctx, storeId, {
      event: 'task.overdue',
      title: `任务逾期：${t.title}`,
      personIds: [t.ownerPersonId],
      link: `work/tasks?id=${t.id}`,
    });
  }
  return rows.length;
}

export type AttachmentInput = { name: string; url?: string; size?: number; mime?: string };

/**
 * Adds file metadata to a task (name, link, size, type) and records it in the task's story.
 * A link must be http(s) so a pasted path or script never becomes a clickable target.
 */
export async function addTaskAttachments(
  ctx: Ctx,
  storeId: string,
  taskId: string,
  personId: string | null,
  files: AttachmentInput[],
): Promise<TaskRow> {
  const current = await getTask(ctx, storeId, taskId);
  files.forEach((f, i) => {
    if (!f.name?.trim())
      throw badInput('work.attachment_name_required', 'A file needs a name', {
        details: { field: `files.${i}.name` },
      });
    if (f.url !== undefined && !/^https?:\/\//i.test(f.url))
      throw badInput('work.attachment_bad_url', 'A file link must start with http:// or https://', {
        details: { field: `files.${i}.url`, value: f.url },
      });
    if (f.size !== undefined && (!Number.isInteger(f.size) || f.size < 0))
      throw badInput('work.attachment_bad_size', 'A file size is a whole number of bytes, not negative', {
        details: { field: `files.${i}.size`, value: f.size },
      });
  });
  if (files.length === 0) return current;
  const now = ctx.clock.now();
  const added: TaskAttachment[] = files.map((f) => ({
    name: f.name.trim(),
    ...(f.url !== undefined ? { url: f.url } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.mime !== undefined ? { mime: f.mime } : {}),
    at: now.toISOString(),
    by: personId,
  }));
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set({ attachments: [...current.attachments, ...added], updatedAt: now })
      .where(and(eq(tasks.storeId, storeId), eq(tasks.id, taskId)))
      .returning();
    await tx.insert(taskEvents).values({
      storeId,
      id: newId(),
      taskId,
      personId,
      kind: 'attachment',
      body: added.map((a) => a.name).join(', '),
      data: { files: added },
      createdAt: now,
    });
    return row!;
  });
}
