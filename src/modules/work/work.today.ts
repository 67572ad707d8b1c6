import { and, eq, inArray, isNull, lt, notInArray, or } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { businessDate, zonedInstant } from '../../core/time';
import { storePeople } from '../team/team.service';
import { listEscalations } from './work.escalations';
import { openItemsFor } from './work.handovers';
import { checklist, storeZone } from './work.routines';
import { CLOSED_STATUSES, compareTasksForQueue, isOverdue, nowAndNext, parseHm } from './work.rules';
import { tasks } from './work.schema';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Everything the Today page shows for one person, in a handful of queries: the routine blocks
 * of the day (now and next), their tasks (theirs and their roles' unassigned queue), handover
 * items received and still open, difficulties waiting on them and the ones they raised; for a
 * manager or owner also the team's progress (who is behind) and what is escalated.
 */
export async function todayFor(ctx: Ctx, storeId: string, personId: string, roles: string[]) {
  const now = ctx.clock.now();
  const tz = await storeZone(ctx, storeId);
  const date = businessDate(now, tz);
  const minutes = Math.round((now.getTime() - zonedInstant(date, '00:00', tz).getTime()) / 60000);
  const isLead = roles.includes('manager') || roles.includes('owner');
  const db = ctx.database.db;

  const openTask = notInArray(tasks.status, [...CLOSED_STATUSES]);
  const [mine, allChecklist, received, waiting, raised, people] = await Promise.all([
    db
      .select()
      .from(tasks)
      .where(
        and(
          eq(tasks.storeId, storeId),
          openTask,
          or(
            eq(tasks.ownerPersonId, personId),
            and(isNull(tasks.ownerPersonId), inArray(tasks.ownerRole, roles.length ? roles : ['-'])),
          )!,
        ),
      )
      .limit(300),
    checklist(ctx, storeId, date, isLead ? undefined : [personId]),
    openItemsFor(ctx, storeId, personId, roles),
    listEscalations(ctx, storeId, { ownerPersonId: personId, status: ['open', 'accepted'] }),
    listEscalations(ctx, storeId, { raisedBy: personId, status: ['open', 'accepted'] }),
    storePeople(ctx, storeId),
  ]);
  const names = new Map(people.map((p) => [p.personId, p.displayName]));
  const name = (id: string | null) => (id ? (names.get(id) ?? '') : null);

  const myBlocks = allChecklist
    .filter((c) => c.personId === personId)
    .map((c) => ({
      routineItemId: c.routineItemId,
      role: c.role,
      title: c.title,
      start: c.startTime,
      end: c.endTime,
      done: !!c.doneAt,
      startMin: c.startTime === null ? null : parseHm(c.startTime),
      endMin: parseHm(c.endTime) ?? 0,
    }));
  const { now: nowBlock, next } = nowAndNext(
    myBlocks.map((b) => ({ ...b, start: b.startMin, end: b.endMin, b })),
    minutes,
  );

  mine.sort((a, b) => compareTasksForQueue(a, b, now));
  const escalationDto = (e: Awaited<ReturnType<typeof listEscalations>>[number]) => ({
    id: e.id,
    title: e.title,
    description: e.description,
    status: e.status,
    taskId: e.taskId,
    raisedBy: e.raisedBy,
    raisedByName: name(e.raisedBy),
    ownerPersonId: e.ownerPersonId,
    ownerName: name(e.ownerPersonId),
    step: e.stepIndex + 1,
    steps: e.steps.length,
    target: e.steps[e.stepIndex]?.target ?? null,
    stepDueAt: iso(e.stepDueAt),
    overdue: e.status === 'open' && e.stepDueAt.getTime() <= now.getTime(),
    createdAt: iso(e.createdAt),
  });

  let team: null | {
    people: {
      personId: string;
      displayName: string;
      roles: string[];
      done: number;
      total: number;
      pastDue: number;
      overdueTasks: number;
      openTasks: number;
      behind: boolean;
    }[];
    escalated: ReturnType<typeof escalationDto>[];
  } = null;
  if (isLead) {
    const [openTasks, escalated] = await Promise.all([
      db
        .select({ ownerPersonId: tasks.ownerPersonId, dueAt: tasks.dueAt, status: tasks.status })
        .from(tasks)
        .where(and(eq(tasks.storeId, storeId), openTask)),
      listEscalations(ctx, storeId, { status: ['open', 'accepted'] }),
    ]);
    team = {
      people: people
        .filter((p) => p.personId !== personId && !p.roles.includes('owner'))
        .map((p) => {
          const items = allChecklist.filter((c) => c.personId === p.personId);
          const done = items.filter((c) => c.doneAt).length;
          const pastDue = items.filter((c) => !c.doneAt && (parseHm(c.endTime) ?? 0) <= minutes).length;
          const theirs = openTasks.filter((t) => t.ownerPersonId === p.personId);
          const overdueTasks = theirs.filter((t) => isOverdue(t, now)).length;
          return {
            personId: p.personId,
            displayName: p.displayName,
            roles: p.roles,
            done,
            total: items.length,
            pastDue,
            overdueTasks,
            openTasks: theirs.length,
            behind: pastDue > 0 || overdueTasks > 0,
          };
        })
        .sort(
          (a, b) =>
            Number(b.behind) - Number(a.behind) || b.pastDue + b.overdueTasks - (a.pastDue + a.overdueTasks),
        ),
      escalated: escalated.map(escalationDto),
    };
  }

  return {
    now: now.toISOString(),
    businessDate: date,
    timeZone: tz,
    minutes,
    routine: {
      blocks: myBlocks.map(({ startMin: _s, endMin: _e, ...b }) => b),
      nowId: nowBlock?.b.routineItemId ?? null,
      nextId: next?.b.routineItemId ?? null,
    },
    tasks: {
      items: mine.slice(0, 50).map((t) => ({
        id: t.id,
        title: t.title,
        status: t.status,
        priority: t.priority,
        dueAt: iso(t.dueAt),
        overdue: isOverdue(t, now),
        ownerPersonId: t.ownerPersonId,
        ownerRole: t.ownerRole,
        source: t.source,
        links: t.links,
      })),
      total: mine.length,
      overdue: mine.filter((t) => isOverdue(t, now)).length,
    },
    handover: received.map((r) => ({ ...r, fromName: name(r.fromPersonId), createdAt: iso(r.createdAt) })),
    escalations: { waiting: waiting.map(escalationDto), raised: raised.map(escalationDto) },
    team,
  };
}

/** Counts for a person's badge: open tasks overdue (cheap). */
export async function overdueCount(ctx: Ctx, storeId: string, personId: string): Promise<number> {
  const rows = await ctx.database.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.storeId, storeId),
        eq(tasks.ownerPersonId, personId),
        notInArray(tasks.status, [...CLOSED_STATUSES]),
        lt(tasks.dueAt, ctx.clock.now()),
      ),
    );
  return rows.length;
}
