import { and, asc, desc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { notify } from '../notify/notify.service';
import { memberRoles, type StorePerson, storeGroups, storePeople } from '../team/team.service';
import { workingDeadline } from './work.routines';
import {
  CHAIN_TARGETS,
  type ChainInput,
  type ChainStep,
  type ChainTarget,
  DEFAULT_CHAINS,
  firstStepFor,
  normaliseChain,
  TARGET_ROLES,
  validateChain,
} from './work.rules';
import { escalationChains, escalationEvents, escalations, taskEvents, tasks } from './work.schema';

export type ChainRow = typeof escalationChains.$inferSelect;
export type EscalationRow = typeof escalations.$inferSelect;

type Team = { people: StorePerson[]; groups: Awaited<ReturnType<typeof storeGroups>> };

async function loadTeam(ctx: Ctx, storeId: string): Promise<Team> {
  const [people, groups] = await Promise.all([storePeople(ctx, storeId), storeGroups(ctx, storeId)]);
  return { people, groups };
}

/** Who takes a step: the leader of a group of that kind, else the first person holding its roles. */
export function resolveTarget(team: Team, target: ChainTarget): string | null {
  const members = new Set(team.people.map((p) => p.personId));
  if (target !== 'manager') {
    const g = team.groups.find((x) => x.kind === target && x.leaderId && members.has(x.leaderId));
    if (g) return g.leaderId;
  }
  const roles = TARGET_ROLES[target];
  const p = team.people.find((x) => x.roles.some((r) => roles.includes(r)));
  if (p) return p.personId;
  if (target === 'manager') return team.people.find((x) => x.roles.includes('owner'))?.personId ?? null;
  return null;
}

function heldTargets(team: Team): Set<string> {
  return new Set(CHAIN_TARGETS.filter((t) => resolveTarget(team, t) !== null));
}

/** Copies DOMAIN.md §3's chains into a store the first time. */
export async function ensureChains(ctx: Ctx, storeId: string): Promise<void> {
  const db = ctx.database.db;
  const [any] = await db
    .select({ id: escalationChains.id })
    .from(escalationChains)
    .where(eq(escalationChains.storeId, storeId))
    .limit(1);
  if (any) return;
  const now = ctx.clock.now();
  await db
    .insert(escalationChains)
    .values(
      DEFAULT_CHAINS.map((c) => ({
        storeId,
        id: newId(),
        key: c.key,
        groupKind: c.group,
        name: c.name,
        condition: c.condition,
        steps: c.steps,
        active: true,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
}

export async function listChains(ctx: Ctx, storeId: string): Promise<ChainRow[]> {
  await ensureChains(ctx, storeId);
  return ctx.database.db
    .select()
    .from(escalationChains)
    .where(eq(escalationChains.storeId, storeId))
    .orderBy(asc(escalationChains.groupKind), asc(escalationChains.key));
}

/** Saves a chain; a loop, a step after the manager or a target nobody holds is rejected with the reason. */
export async function saveChain(
  ctx: Ctx,
  storeId: string,
  id: string | null,
  input: ChainInput & { active?: boolean },
): Promise<ChainRow> {
  const team = await loadTeam(ctx, storeId);
  const errs = validateChain(input, heldTargets(team));
  if (errs.length) {
    const e = errs[0]!;
    const target = e.field.endsWith('.target')
      ? String(input.steps[Number(e.field.split('.')[1])]?.target ?? '')
      : '';
    throw badInput(e.code, e.message, {
      details: { field: e.field, errors: errs },
      params: { field: e.field, target },
    });
  }
  await ensureChains(ctx, storeId);
  const steps = normaliseChain(input.steps);
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const values = {
    groupKind: input.group,
    name: input.name.trim(),
    condition: input.condition ?? '',
    steps,
    active: input.active ?? true,
    updatedAt: now,
  };
  if (id) {
    const [row] = await db
      .update(escalationChains)
      .set(values)
      .where(and(eq(escalationChains.storeId, storeId), eq(escalationChains.id, id)))
      .returning();
    if (!row) throw notFound('work.chain_not_found', 'No such chain');
    return row;
  }
  const [row] = await db
    .insert(escalationChains)
    .values({ storeId, id: newId(), key: input.key || `custom-${newId()}`, ...values })
    .returning();
  return row!;
}

async function getChain(ctx: Ctx, storeId: string, idOrKey: string): Promise<ChainRow> {
  await ensureChains(ctx, storeId);
  const [row] = await ctx.database.db
    .select()
    .from(escalationChains)
    .where(
      and(
        eq(escalationChains.storeId, storeId),
        or(eq(escalationChains.id, idOrKey), eq(escalationChains.key, idOrKey)),
      ),
    );
  if (!row) throw notFound('work.chain_not_found', 'No such chain');
  return row;
}

async function recordEvent(
  ctx: Ctx,
  storeId: string,
  e: Omit<typeof escalationEvents.$inferInsert, 'storeId' | 'id'>,
) {
  await ctx.database.db.insert(escalationEvents).values({ storeId, id: newId(), ...e });
}

/** Finds the first step from `from` that someone can take; the manager step always resolves (or the owner). */
function ownerFrom(team: Team, steps: ChainStep[], from: number): { index: number; owner: string | null } {
  for (let i = from; i < steps.length; i++) {
    const owner = resolveTarget(team, steps[i]!.target);
    if (owner) return { index: i, owner };
  }
  return { index: steps.length - 1, owner: null };
}

export type RaiseInput = {
  chain: string;
  title?: string;
  description?: string | null;
  taskId?: string | null;
};

/**
 * A person raises a difficulty, on a task or on its own. It starts at the first step of the
 * chain the raiser is not themself part of; the step's owner has the step's hours of WORKING
 * time to accept or solve it, else `checkEscalations` moves it up.
 */
export async function raiseDifficulty(
  ctx: Ctx,
  storeId: string,
  personId: string,
  input: RaiseInput,
): Promise<EscalationRow> {
  const chain = await getChain(ctx, storeId, input.chain);
  const db = ctx.database.db;
  let title = input.title?.trim() ?? '';
  if (input.taskId) {
    const [task] = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.storeId, storeId), eq(tasks.id, input.taskId)));
    if (!task) throw notFound('work.task_not_found', 'No such task');
    if (!title) title = task.title;
  }
  if (!title)
    throw badInput('work.title_required', 'A difficulty needs a title', { details: { field: 'title' } });
  const team = await loadTeam(ctx, storeId);
  const roles = (await memberRoles(ctx, storeId, personId)) ?? [];
  const mine = new Set<string>(
    CHAIN_TARGETS.filter(
      (t) =>
        t !== 'manager' &&
        TARGET_ROLES[t].some((r) => roles.includes(r)) &&
        resolveTarget(team, t) === personId,
    ),
  );
  const steps = chain.steps;
  const { index, owner } = ownerFrom(team, steps, firstStepFor(steps, mine));
  const now = ctx.clock.now();
  const due = await workingDeadline(ctx, storeId, now, steps[index]!.hours * 60);
  const row: EscalationRow = {
    storeId,
    id: newId(),
    chainId: chain.id,
    taskId: input.taskId ?? null,
    title,
    description: input.description ?? null,
    raisedBy: personId,
    status: 'open',
    steps,
    stepIndex: index,
    ownerPersonId: owner,
    stepStartedAt: now,
    stepDueAt: due,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  await db.insert(escalations).values(row);
  await recordEvent(ctx, storeId, {
    escalationId: row.id,
    kind: 'raised',
    stepIndex: index,
    personId,
    ownerPersonId: owner,
    body: input.description ?? null,
    at: now,
  });
  if (input.taskId) {
    await db
      .update(tasks)
      .set({ status: 'waiting', updatedAt: now })
      .where(and(eq(tasks.storeId, storeId), eq(tasks.id, input.taskId)));
    await db.insert(taskEvents).values({
      storeId,
      id: newId(),
      taskId: input.taskId,
      personId,
      kind: 'escalated',
      body: input.description ?? null,
      data: { escalationId: row.id, chain: chain.key },
      createdAt: now,
    });
  }
  await notify(ctx, storeId, {
    event: 'escalation.raised',
    title: `困难上报：${title}`,
    body: chain.name,
    personIds: [owner],
    link: 'today',
  });
  return row;
}

async function getEscalation(ctx: Ctx, storeId: string, id: string): Promise<EscalationRow> {
  const [row] = await ctx.database.db
    .select()
    .from(escalations)
    .where(and(eq(escalations.storeId, storeId), eq(escalations.id, id)));
  if (!row) throw notFound('work.escalation_not_found', 'No such escalation');
  return row;
}

async function mayAct(ctx: Ctx, storeId: string, e: EscalationRow, personId: string) {
  if (e.ownerPersonId === personId) return;
  const roles = (await memberRoles(ctx, storeId, personId)) ?? [];
  if (roles.includes('manager') || roles.includes('owner')) return;
  throw forbidden('work.not_step_owner', 'Only the person this step waits on (or the manager) can do that');
}

/** The step's owner takes it on: it stops moving up. */
export async function acceptEscalation(
  ctx: Ctx,
  storeId: string,
  id: string,
  personId: string,
  note?: string | null,
) {
  const e = await getEscalation(ctx, storeId, id);
  if (e.status !== 'open') throw badInput('work.escalation_closed', 'This difficulty is no longer open');
  await mayAct(ctx, storeId, e, personId);
  const now = ctx.clock.now();
  const [row] = await ctx.database.db
    .update(escalations)
    .set({ status: 'accepted', ownerPersonId: personId, updatedAt: now })
    .where(and(eq(escalations.storeId, storeId), eq(escalations.id, id)))
    .returning();
  await recordEvent(ctx, storeId, {
    escalationId: id,
    kind: 'accepted',
    stepIndex: e.stepIndex,
    personId,
    ownerPersonId: personId,
    body: note ?? null,
    at: now,
  });
  return row!;
}

export async function solveEscalation(
  ctx: Ctx,
  storeId: string,
  id: string,
  personId: string,
  note?: string | null,
) {
  const e = await getEscalation(ctx, storeId, id);
  if (e.status === 'solved' || e.status === 'cancelled')
    throw badInput('work.escalation_closed', 'This difficulty is no longer open');
  if (e.raisedBy !== personId) await mayAct(ctx, storeId, e, personId);
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const [row] = await db
    .update(escalations)
    .set({ status: 'solved', updatedAt: now, closedAt: now })
    .where(and(eq(escalations.storeId, storeId), eq(escalations.id, id)))
    .returning();
  await recordEvent(ctx, storeId, {
    escalationId: id,
    kind: 'solved',
    stepIndex: e.stepIndex,
    personId,
    ownerPersonId: e.ownerPersonId,
    body: note ?? null,
    at: now,
  });
  if (e.taskId) {
    await db
      .update(tasks)
      .set({ status: 'open', updatedAt: now })
      .where(and(eq(tasks.storeId, storeId), eq(tasks.id, e.taskId), eq(tasks.status, 'waiting')));
    await db.insert(taskEvents).values({
      storeId,
      id: newId(),
      taskId: e.taskId,
      personId,
      kind: 'escalation_solved',
      body: note ?? null,
      data: { escalationId: id },
      createdAt: now,
    });
  }
  await notify(ctx, storeId, {
    event: 'escalation.solved',
    title: `困难已解决：${e.title}`,
    body: note ?? null,
    personIds: [e.raisedBy],
  });
  return row!;
}

/**
 * Moves every open difficulty whose step ran out of working time to the next step (its owner's
 * time starts when the previous step's ran out, so a late check is still exact). At the last
 * step (the manager) it stays, marked overdue once. Run from the scheduler tick; idempotent.
 */
export async function checkEscalations(ctx: Ctx, storeId: string): Promise<number> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const due = await db
    .select()
    .from(escalations)
    .where(
      and(eq(escalations.storeId, storeId), eq(escalations.status, 'open'), lte(escalations.stepDueAt, now)),
    );
  if (!due.length) return 0;
  const team = await loadTeam(ctx, storeId);
  let moved = 0;
  for (const e0 of due) {
    let e = e0;
    for (let guard = 0; guard < 20 && e.stepDueAt.getTime() <= now.getTime(); guard++) {
      const last = e.stepIndex >= e.steps.length - 1;
      if (last) {
        const [seen] = await db
          .select({ id: escalationEvents.id })
          .from(escalationEvents)
          .where(
            and(
              eq(escalationEvents.storeId, storeId),
              eq(escalationEvents.escalationId, e.id),
              eq(escalationEvents.kind, 'overdue'),
              eq(escalationEvents.stepIndex, e.stepIndex),
            ),
          )
          .limit(1);
        if (!seen)
          await recordEvent(ctx, storeId, {
            escalationId: e.id,
            kind: 'overdue',
            stepIndex: e.stepIndex,
            personId: null,
            ownerPersonId: e.ownerPersonId,
            body: null,
            at: e.stepDueAt,
          });
        break;
      }
      const { index, owner } = ownerFrom(team, e.steps, e.stepIndex + 1);
      const start = e.stepDueAt;
      const nextDue = await workingDeadline(ctx, storeId, start, e.steps[index]!.hours * 60);
      const [row] = await db
        .update(escalations)
        .set({
          stepIndex: index,
          ownerPersonId: owner,
          stepStartedAt: start,
          stepDueAt: nextDue,
          updatedAt: now,
        })
        .where(
          and(
            eq(escalations.storeId, storeId),
            eq(escalations.id, e.id),
            eq(escalations.stepIndex, e.stepIndex),
            eq(escalations.status, 'open'),
          ),
        )
        .returning();
      if (!row) break; // someone else moved it
      await recordEvent(ctx, storeId, {
        escalationId: e.id,
        kind: 'moved',
        stepIndex: index,
        personId: null,
        ownerPersonId: owner,
        body: null,
        at: start,
      });
      await notify(ctx, storeId, {
        event: 'escalation.moved',
        title: `困难升级：${e.title}`,
        body: `超时未处理，已升级`,
        personIds: [owner, e.raisedBy],
      });
      moved++;
      e = row;
    }
  }
  return moved;
}

export type EscalationFilter = {
  ownerPersonId?: string;
  raisedBy?: string;
  status?: string[];
  taskId?: string;
  limit?: number;
};

export async function listEscalations(
  ctx: Ctx,
  storeId: string,
  f: EscalationFilter = {},
): Promise<EscalationRow[]> {
  const where = [eq(escalations.storeId, storeId)];
  if (f.ownerPersonId) where.push(eq(escalations.ownerPersonId, f.ownerPersonId));
  if (f.raisedBy) where.push(eq(escalations.raisedBy, f.raisedBy));
  if (f.status?.length) where.push(inArray(escalations.status, f.status));
  if (f.taskId) where.push(eq(escalations.taskId, f.taskId));
  return ctx.database.db
    .select()
    .from(escalations)
    .where(and(...where))
    .orderBy(desc(escalations.createdAt))
    .limit(f.limit ?? 200);
}

export async function escalationStory(ctx: Ctx, storeId: string, id: string) {
  await getEscalation(ctx, storeId, id);
  return ctx.database.db
    .select()
    .from(escalationEvents)
    .where(and(eq(escalationEvents.storeId, storeId), eq(escalationEvents.escalationId, id)))
    .orderBy(asc(escalationEvents.at), asc(escalationEvents.id));
}
