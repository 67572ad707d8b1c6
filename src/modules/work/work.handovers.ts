import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { businessDate } from '../../core/time';
import { notify } from '../notify/notify.service';
import { memberRoles, ROLES } from '../team/team.service';
import { storeZone } from './work.routines';
import { HANDOVER_DEFAULT_ROLE, HANDOVER_KINDS, type HandoverKind } from './work.rules';
import { handoverItems, handovers } from './work.schema';

export const HANDOVER_ITEM_STATES = ['done', 'not_done', 'follow_up', 'open'] as const;

export type HandoverInput = {
  kind: HandoverKind;
  toPersonId?: string | null;
  toRole?: string | null;
  note?: string | null;
  items: { body: string; state?: (typeof HANDOVER_ITEM_STATES)[number] }[];
};

/**
 * Writes a handover (day → night CS, night → day via the handover book, assistant ↔ manager,
 * operations ↔ designer). Items marked done are recorded closed; every other item stays open
 * and is carried into the receiver's day until someone closes it.
 */
export async function createHandover(ctx: Ctx, storeId: string, fromPersonId: string, input: HandoverInput) {
  if (!(HANDOVER_KINDS as readonly string[]).includes(input.kind))
    throw badInput('work.bad_handover_kind', `Unknown handover kind ${input.kind}`, {
      details: { field: 'kind' },
    });
  const toRole = input.toPersonId
    ? (input.toRole ?? null)
    : (input.toRole ?? HANDOVER_DEFAULT_ROLE[input.kind]);
  if (toRole && !(ROLES as readonly string[]).includes(toRole))
    throw badInput('work.unknown_role', `Unknown role: ${toRole}`, {
      params: { role: toRole },
      details: { field: 'toRole' },
    });
  if (input.toPersonId && (await memberRoles(ctx, storeId, input.toPersonId)) === null)
    throw badInput('work.owner_not_in_store', 'The receiver is not a member of this store', {
      details: { field: 'toPersonId' },
    });
  if (!input.toPersonId && !toRole)
    throw badInput('work.handover_no_receiver', 'Name who receives the handover', {
      details: { field: 'toPersonId' },
    });
  const items = input.items.map((i) => ({ ...i, body: i.body.trim() })).filter((i) => i.body);
  if (!items.length && !input.note?.trim())
    throw badInput('work.handover_empty', 'A handover needs a note or an item', {
      details: { field: 'items' },
    });
  items.forEach((it, i) => {
    if (it.state && !(HANDOVER_ITEM_STATES as readonly string[]).includes(it.state))
      throw badInput('work.bad_handover_state', 'Unknown item state', {
        details: { field: `items.${i}.state` },
      });
  });
  const now = ctx.clock.now();
  const tz = await storeZone(ctx, storeId);
  const id = newId();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(handovers).values({
      storeId,
      id,
      kind: input.kind,
      fromPersonId,
      toPersonId: input.toPersonId ?? null,
      toRole,
      businessDate: businessDate(now, tz),
      note: input.note?.trim() || null,
      createdAt: now,
    });
    if (items.length)
      await tx.insert(handoverItems).values(
        items.map((it) => ({
          storeId,
          id: newId(),
          handoverId: id,
          body: it.body,
          state: it.state ?? 'open',
          closedAt: it.state === 'done' ? now : null,
          closedBy: it.state === 'done' ? fromPersonId : null,
          closeNote: null,
        })),
      );
  });
  const open = items.filter((i) => i.state !== 'done').length;
  await notify(ctx, storeId, {
    event: 'handover.received',
    title: `交接：${open} 项待跟进`,
    body: input.note ?? null,
    personIds: input.toPersonId ? [input.toPersonId] : [],
    roles: input.toPersonId ? [] : toRole ? [toRole] : [],
    link: 'today',
  });
  return getHandover(ctx, storeId, id);
}

export async function getHandover(ctx: Ctx, storeId: string, id: string) {
  const db = ctx.database.db;
  const [h] = await db
    .select()
    .from(handovers)
    .where(and(eq(handovers.storeId, storeId), eq(handovers.id, id)));
  if (!h) throw notFound('work.handover_not_found', 'No such handover');
  const items = await db
    .select()
    .from(handoverItems)
    .where(and(eq(handoverItems.storeId, storeId), eq(handoverItems.handoverId, id)))
    .orderBy(asc(handoverItems.id));
  return { ...h, items };
}

export async function listHandovers(
  ctx: Ctx,
  storeId: string,
  f: { date?: string; personId?: string; limit?: number } = {},
) {
  const db = ctx.database.db;
  const where = [eq(handovers.storeId, storeId)];
  if (f.date) where.push(eq(handovers.businessDate, f.date));
  if (f.personId)
    where.push(or(eq(handovers.fromPersonId, f.personId), eq(handovers.toPersonId, f.personId))!);
  const hs = await db
    .select()
    .from(handovers)
    .where(and(...where))
    .orderBy(desc(handovers.createdAt))
    .limit(f.limit ?? 100);
  if (!hs.length) return [];
  const items = await db
    .select()
    .from(handoverItems)
    .where(
      and(
        eq(handoverItems.storeId, storeId),
        inArray(
          handoverItems.handoverId,
          hs.map((h) => h.id),
        ),
      ),
    )
    .orderBy(asc(handoverItems.id));
  return hs.map((h) => ({ ...h, items: items.filter((i) => i.handoverId === h.id) }));
}

/** Open items handed to this person (by name, or to a role they hold), from any day, oldest first. */
export async function openItemsFor(ctx: Ctx, storeId: string, personId: string, roles: string[]) {
  const to = [eq(handovers.toPersonId, personId)];
  if (roles.length) to.push(and(isNull(handovers.toPersonId), inArray(handovers.toRole, roles))!);
  return ctx.database.db
    .select({
      id: handoverItems.id,
      body: handoverItems.body,
      state: handoverItems.state,
      handoverId: handovers.id,
      kind: handovers.kind,
      fromPersonId: handovers.fromPersonId,
      businessDate: handovers.businessDate,
      note: handovers.note,
      createdAt: handovers.createdAt,
    })
    .from(handoverItems)
    .innerJoin(
      handovers,
      and(eq(handovers.storeId, handoverItems.storeId), eq(handovers.id, handoverItems.handoverId)),
    )
    .where(and(eq(handoverItems.storeId, storeId), isNull(handoverItems.closedAt), or(...to)))
    .orderBy(asc(handovers.createdAt), asc(handoverItems.id));
}

export async function closeHandoverItem(
  ctx: Ctx,
  storeId: string,
  itemId: string,
  personId: string,
  note?: string | null,
) {
  const [row] = await ctx.database.db
    .update(handoverItems)
    .set({ closedAt: ctx.clock.now(), closedBy: personId, closeNote: note ?? null })
    .where(
      and(eq(handoverItems.storeId, storeId), eq(handoverItems.id, itemId), isNull(handoverItems.closedAt)),
    )
    .returning();
  if (!row) throw notFound('work.handover_item_not_found', 'No such open handover item');
  return row;
}
