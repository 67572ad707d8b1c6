import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import { ROLES, storePeople, storeTimeZone } from '../team/team.service';
import { DEFAULT_ROUTINES } from './work.defaults';
import {
  addWorkingMinutes,
  DEFAULT_WORKING_HOURS,
  type Frequency,
  isDueOn,
  validateRoutineItem,
  validateWorkingHours,
  type WorkingHours,
} from './work.rules';
import { checklistItems, daysOff, routineItems, workSettings } from './work.schema';

export type RoutineItemRow = typeof routineItems.$inferSelect;

export const storeZone = storeTimeZone;

// ---- working hours ----------------------------------------------------------------------

export async function getWorkingHours(ctx: Ctx, storeId: string): Promise<WorkingHours> {
  const [s] = await ctx.database.db.select().from(workSettings).where(eq(workSettings.storeId, storeId));
  return s?.workingHours ?? DEFAULT_WORKING_HOURS;
}

export async function saveWorkingHours(
  ctx: Ctx,
  storeId: string,
  hours: WorkingHours,
): Promise<WorkingHours> {
  const errs = validateWorkingHours(hours);
  if (errs.length)
    throw badInput(errs[0]!.code, errs[0]!.message, {
      details: { field: errs[0]!.field, errors: errs },
      params: { field: errs[0]!.field, value: '' },
    });
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(workSettings)
    .values({ storeId, workingHours: hours, updatedAt: now })
    .onConflictDoUpdate({ target: workSettings.storeId, set: { workingHours: hours, updatedAt: now } });
  return hours;
}

/** `minutes` of the store's working time after `from` (escalation deadlines). */
export async function workingDeadline(ctx: Ctx, storeId: string, from: Date, minutes: number): Promise<Date> {
  const [hours, tz] = await Promise.all([getWorkingHours(ctx, storeId), storeZone(ctx, storeId)]);
  return addWorkingMinutes(
    from,
    minutes,
    hours,
    (d) => businessDate(d, tz),
    (d, t) => zonedInstant(d, t, tz),
    addDays,
  );
}

// ---- routine templates ------------------------------------------------------------------

/** Copies the default routines into a store the first time (editable there afterwards). */
export async function ensureRoutines(ctx: Ctx, storeId: string): Promise<void> {
  const db = ctx.database.db;
  const [any] = await db
    .select({ id: routineItems.id })
    .from(routineItems)
    .where(eq(routineItems.storeId, storeId))
    .limit(1);
  if (any) return;
  const now = ctx.clock.now();
  const rows = Object.entries(DEFAULT_ROUTINES).flatMap(([role, items]) =>
    items.map((it, i) => ({
      storeId,
      id: newId(),
      role,
      key: it.key,
      title: it.title,
      startTime: it.start,
      endTime: it.end,
      frequency: it.frequency,
      sort: i,
      active: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await db.insert(routineItems).values(rows).onConflictDoNothing();
}

export async function listRoutineItems(ctx: Ctx, storeId: string, role?: string): Promise<RoutineItemRow[]> {
  await ensureRoutines(ctx, storeId);
  const where = [eq(routineItems.storeId, storeId)];
  if (role) where.push(eq(routineItems.role, role));
  return ctx.database.db
    .select()
    .from(routineItems)
    .where(and(...where))
    .orderBy(asc(routineItems.role), asc(routineItems.sort));
}

export type RoutineItemSave = {
  role: string;
  title: string;
  start: string | null;
  end: string;
  frequency: Frequency;
  active?: boolean;
  key?: string;
};

/** Creates or edits a routine item; an impossible time or frequency is rejected naming the field. */
export async function saveRoutineItem(
  ctx: Ctx,
  storeId: string,
  id: string | null,
  input: RoutineItemSave,
): Promise<RoutineItemRow> {
  const errs = validateRoutineItem(input, ROLES);
  if (errs.length) {
    const e = errs[0]!;
    throw badInput(e.code, e.message, {
      details: { field: e.field, errors: errs },
      params: { field: e.field, value: String((input as Record<string, unknown>)[e.field] ?? '') },
    });
  }
  await ensureRoutines(ctx, storeId);
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const values = {
    role: input.role,
    title: input.title.trim(),
    startTime: input.start,
    endTime: input.end,
    frequency: input.frequency,
    active: input.active ?? true,
    updatedAt: now,
  };
  if (id) {
    const [row] = await db
      .update(routineItems)
      .set(values)
      .where(and(eq(routineItems.storeId, storeId), eq(routineItems.id, id)))
      .returning();
    if (!row) throw notFound('work.routine_not_found', 'No such routine item');
    return row;
  }
  const [row] = await db
    .insert(routineItems)
    .values({
      storeId,
      id: newId(),
      key: input.key ?? `custom-${newId()}`,
      sort: 100,
      createdAt: now,
      ...values,
    })
    .returning();
  return row!;
}

// ---- days off ---------------------------------------------------------------------------

/** Roster days off (the service module's roster writes them too): no checklist on those days. */
export async function setDayOff(
  ctx: Ctx,
  storeId: string,
  personId: string,
  date: string,
  off: boolean,
  reason?: string,
) {
  const db = ctx.database.db;
  if (off)
    await db
      .insert(daysOff)
      .values({ storeId, personId, date, reason: reason ?? null })
      .onConflictDoNothing();
  else
    await db
      .delete(daysOff)
      .where(and(eq(daysOff.storeId, storeId), eq(daysOff.personId, personId), eq(daysOff.date, date)));
}

// ---- daily checklists -------------------------------------------------------------------

/**
 * Each person's checklist of a business date from their roles' routines: items due that day
 * (frequency), nobody on a day off. Idempotent: running it again adds nothing twice, and a
 * person who joined since gets theirs.
 */
export async function generateChecklists(ctx: Ctx, storeId: string, date: string): Promise<number> {
  const db = ctx.database.db;
  await ensureRoutines(ctx, storeId);
  const [people, items, off] = await Promise.all([
    storePeople(ctx, storeId),
    db
      .select()
      .from(routineItems)
      .where(and(eq(routineItems.storeId, storeId), eq(routineItems.active, true))),
    db
      .select()
      .from(daysOff)
      .where(and(eq(daysOff.storeId, storeId), eq(daysOff.date, date))),
  ]);
  const resting = new Set(off.map((o) => o.personId));
  const now = ctx.clock.now();
  const rows: (typeof checklistItems.$inferInsert)[] = [];
  for (const p of people) {
    if (resting.has(p.personId)) continue;
    for (const it of items) {
      if (!p.roles.includes(it.role) || !isDueOn(it.frequency, date)) continue;
      rows.push({
        storeId,
        businessDate: date,
        personId: p.personId,
        routineItemId: it.id,
        role: it.role,
        title: it.title,
        startTime: it.startTime,
        endTime: it.endTime,
        doneAt: null,
        createdAt: now,
      });
    }
  }
  if (!rows.length) return 0;
  const inserted = await db
    .insert(checklistItems)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: checklistItems.routineItemId });
  return inserted.length;
}

export type ChecklistRow = typeof checklistItems.$inferSelect;

export async function checklist(
  ctx: Ctx,
  storeId: string,
  date: string,
  personIds?: string[],
): Promise<ChecklistRow[]> {
  const where = [eq(checklistItems.storeId, storeId), eq(checklistItems.businessDate, date)];
  if (personIds) where.push(inArray(checklistItems.personId, personIds.length ? personIds : ['-']));
  return ctx.database.db
    .select()
    .from(checklistItems)
    .where(and(...where))
    .orderBy(sql`${checklistItems.startTime} asc nulls first`, asc(checklistItems.endTime));
}

export async function setChecklistDone(
  ctx: Ctx,
  storeId: string,
  personId: string,
  date: string,
  routineItemId: string,
  done: boolean,
) {
  const [row] = await ctx.database.db
    .update(checklistItems)
    .set({ doneAt: done ? ctx.clock.now() : null })
    .where(
      and(
        eq(checklistItems.storeId, storeId),
        eq(checklistItems.businessDate, date),
        eq(checklistItems.personId, personId),
        eq(checklistItems.routineItemId, routineItemId),
      ),
    )
    .returning();
  if (!row) throw notFound('work.checklist_not_found', 'No such checklist item');
  return row;
}
