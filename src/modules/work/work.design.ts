import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { notify } from '../notify/notify.service';
import { memberRoles } from '../team/team.service';
import { canMoveDesign, DESIGN_KINDS, DESIGN_STATUSES, type DesignStatus } from './work.rules';
import { type DesignFile, designRequests } from './work.schema';

// createTask / updateTask come from work.service (no cycle: work.service re-exports this file lazily).
type TaskApi = {
  createTask: typeof import('./work.service').createTask;
  updateTask: typeof import('./work.service').updateTask;
};
async function taskApi(): Promise<TaskApi> {
  return import('./work.service');
}

export type DesignRequestRow = typeof designRequests.$inferSelect;

export type DesignRequestInput = {
  title: string;
  kind: (typeof DESIGN_KINDS)[number];
  requesterId?: string | null;
  designerId?: string | null;
  subjectKind?: string | null;
  subjectId?: string | null;
  subjectLabel?: string | null;
  brief?: string | null;
  dueAt?: Date | null;
  /** Which module asks ('marketing', 'catalog') or 'manual'. */
  source?: string;
  /** One request per thing (e.g. 'campaign-poster:<id>'); the same key returns the first. */
  dedupeKey?: string | null;
};

/**
 * A design request (美工需求) in the designer's queue, with a task for the designer (the named
 * one, else the designer role) due at the same time. Idempotent by `dedupeKey`.
 */
export async function createDesignRequest(
  ctx: Ctx,
  storeId: string,
  input: DesignRequestInput,
  byPersonId: string | null = null,
): Promise<{ request: DesignRequestRow; created: boolean }> {
  const title = input.title?.trim();
  if (!title)
    throw badInput('work.title_required', 'A request needs a title', { details: { field: 'title' } });
  if (!(DESIGN_KINDS as readonly string[]).includes(input.kind))
    throw badInput('work.bad_design_kind', `Unknown design kind ${input.kind}`, {
      details: { field: 'kind' },
    });
  if (input.designerId && (await memberRoles(ctx, storeId, input.designerId)) === null)
    throw badInput('work.owner_not_in_store', 'The designer is not a member of this store', {
      details: { field: 'designerId' },
    });
  const db = ctx.database.db;
  if (input.dedupeKey) {
    const [existing] = await db
      .select()
      .from(designRequests)
      .where(and(eq(designRequests.storeId, storeId), eq(designRequests.dedupeKey, input.dedupeKey)));
    if (existing) return { request: existing, created: false };
  }
  const now = ctx.clock.now();
  const id = newId();
  const requesterId = input.requesterId ?? byPersonId;
  const { createTask } = await taskApi();
  const { task } = await createTask(ctx, storeId, {
    title: `美工需求：${title}`,
    description: input.brief ?? null,
    ownerPersonId: input.designerId ?? null,
    ownerRole: input.designerId ? null : 'designer',
    dueAt: input.dueAt ?? null,
    source: 'design',
    dedupeKey: `design:${id}`,
    links: [
      { kind: 'design_request', id, label: title },
      ...(input.subjectKind && input.subjectId
        ? [{ kind: input.subjectKind, id: input.subjectId, label: input.subjectLabel ?? undefined }]
        : []),
    ],
    createdBy: requesterId,
  });
  const [row] = await db
    .insert(designRequests)
    .values({
      storeId,
      id,
      title,
      kind: input.kind,
      requesterId,
      designerId: input.designerId ?? null,
      subjectKind: input.subjectKind ?? null,
      subjectId: input.subjectId ?? null,
      subjectLabel: input.subjectLabel ?? null,
      brief: input.brief ?? null,
      dueAt: input.dueAt ?? null,
      status: 'requested',
      files: [],
      taskId: task.id,
      source: input.source ?? 'manual',
      dedupeKey: input.dedupeKey ?? null,
      createdAt: now,
      updatedAt: now,
      deliveredAt: null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await db
      .select()
      .from(designRequests)
      .where(and(eq(designRequests.storeId, storeId), eq(designRequests.dedupeKey, input.dedupeKey!)));
    return { request: existing!, created: false };
  }
  await notify(ctx, storeId, {
    event: 'design.requested',
    title: `新的美工需求：${title}`,
    personIds: input.designerId ? [input.designerId] : [],
    roles: input.designerId ? [] : ['designer'],
    link: 'work/design',
  });
  return { request: row, created: true };
}

export async function listDesignRequests(
  ctx: Ctx,
  storeId: string,
  f: { status?: string[]; designerId?: string; limit?: number } = {},
) {
  const where = [eq(designRequests.storeId, storeId)];
  if (f.status?.length) where.push(inArray(designRequests.status, f.status));
  if (f.designerId) where.push(eq(designRequests.designerId, f.designerId));
  return ctx.database.db
    .select()
    .from(designRequests)
    .where(and(...where))
    .orderBy(desc(designRequests.createdAt))
    .limit(f.limit ?? 500);
}

export type DesignUpdate = {
  status?: DesignStatus;
  designerId?: string | null;
  dueAt?: Date | null;
  addFiles?: DesignFile[];
};

/** Moves a request along (requested → accepted → in progress → delivered); delivered closes its task. */
export async function updateDesignRequest(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: DesignUpdate,
  personId: string | null,
) {
  const db = ctx.database.db;
  const [cur] = await db
    .select()
    .from(designRequests)
    .where(and(eq(designRequests.storeId, storeId), eq(designRequests.id, id)));
  if (!cur) throw notFound('work.design_not_found', 'No such design request');
  if (input.status && !(DESIGN_STATUSES as readonly string[]).includes(input.status))
    throw badInput('work.bad_status', `Unknown status ${input.status}`, { details: { field: 'status' } });
  if (input.status && input.status !== cur.status && !canMoveDesign(cur.status, input.status))
    throw badInput('work.bad_status_move', `A ${cur.status} request cannot become ${input.status}`, {
      params: { from: cur.status, to: input.status },
    });
  if (input.designerId && (await memberRoles(ctx, storeId, input.designerId)) === null)
    throw badInput('work.owner_not_in_store', 'The designer is not a member of this store', {
      details: { field: 'designerId' },
    });
  const now = ctx.clock.now();
  const patch: Partial<DesignRequestRow> = { updatedAt: now };
  if (input.status) patch.status = input.status;
  if (input.status === 'delivered') patch.deliveredAt = now;
  if (input.designerId !== undefined) patch.designerId = input.designerId;
  if (input.dueAt !== undefined) patch.dueAt = input.dueAt;
  if (input.addFiles?.length)
    patch.files = [...cur.files, ...input.addFiles.map((f) => ({ ...f, at: now.toISOString() }))];
  const [row] = await db
    .update(designRequests)
    .set(patch)
    .where(and(eq(designRequests.storeId, storeId), eq(designRequests.id, id)))
    .returning();
  if (cur.taskId) {
    const { updateTask } = await taskApi();
    const taskPatch: Parameters<typeof updateTask>[3] = {};
    if (input.status === 'delivered') taskPatch.status = 'done';
    else if (input.status === 'cancelled') taskPatch.status = 'cancelled';
    else if (input.status === 'in_progress' || input.status === 'accepted') taskPatch.status = 'doing';
    if (input.designerId !== undefined) taskPatch.ownerPersonId = input.designerId;
    if (input.dueAt !== undefined) taskPatch.dueAt = input.dueAt;
    if (Object.keys(taskPatch).length)
      await updateTask(ctx, storeId, cur.taskId, taskPatch, personId).catch(() => undefined);
  }
  if (input.status === 'delivered' && cur.requesterId)
    await notify(ctx, storeId, {
      event: 'design.delivered',
      title: `美工需求已交付：${cur.title}`,
      personIds: [cur.requesterId],
      link: 'work/design',
    });
  return row!;
}
