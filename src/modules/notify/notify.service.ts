import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { zoneOffsetMinutes } from '../../core/time';
import { storeById, storePeople } from '../team/team.service';
import { parseHm } from '../work/work.rules';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  channelBody,
  DELIVERY_TIMEOUT_MS,
  dingTalkUrl,
  isRetryable,
  isValidChannelUrl,
  nextAttemptAt,
  quietWait,
  robotAccepted,
  webhookSignature,
} from './notify.rules';
import {
  notifications,
  notifyChannels,
  notifyDeliveries,
  notifyRules,
  notifySettings,
} from './notify.schema';

export { NOTIFY_EVENTS } from './notify.rules';

export type NotifyEvent = {
  event: string;
  title: string;
  body?: string | null;
  /** A desk path to open (e.g. /s/demo/work/tasks?id=…). */
  link?: string | null;
  /** Recipients named by the caller, besides those the store's rules add. */
  personIds?: (string | null | undefined)[];
  roles?: string[];
};

/**
 * Tell people about an event: in-app inbox rows for the named people and the roles of the
 * store's rules, and one queued delivery per channel of a matching rule. Outbound delivery runs
 * asynchronously (retried with back-off): this never waits for a webhook and never throws at
 * the caller (a failure to notify must not undo the thing that happened).
 */
export async function notify(
  ctx: Ctx,
  storeId: string,
  e: NotifyEvent,
): Promise<{ inbox: number; queued: number }> {
  try {
    const db = ctx.database.db;
    const now = ctx.clock.now();
    const rules = await db
      .select()
      .from(notifyRules)
      .where(
        and(eq(notifyRules.storeId, storeId), eq(notifyRules.event, e.event), eq(notifyRules.active, true)),
      );
    const roles = new Set([...(e.roles ?? []), ...rules.flatMap((r) => r.roles)]);
    const persons = new Set<string>([
      ...(e.personIds ?? []).filter((p): p is string => !!p),
      ...rules.flatMap((r) => r.personIds),
    ]);
    if (roles.size) {
      for (const p of await storePeople(ctx, storeId))
        if (p.roles.some((r) => roles.has(r))) persons.add(p.personId);
    }
    if (persons.size) {
      await db.insert(notifications).values(
        [...persons].map((personId) => ({
          storeId,
          id: newId(),
          personId,
          event: e.event,
          title: e.title,
          body: e.body ?? null,
          link: e.link ?? null,
          createdAt: now,
          readAt: null,
        })),
      );
    }
    const channelIds = [...new Set(rules.flatMap((r) => r.channelIds))];
    let queued = 0;
    if (channelIds.length) {
      const channels = await db
        .select()
        .from(notifyChannels)
        .where(
          and(
            eq(notifyChannels.storeId, storeId),
            inArray(notifyChannels.id, channelIds),
            eq(notifyChannels.active, true),
          ),
        );
      const at = await firstAllowedInstant(ctx, storeId, now);
      if (channels.length) {
        await db.insert(notifyDeliveries).values(
          channels.map((c) => ({
            storeId,
            id: newId(),
            channelId: c.id,
            event: e.event,
            payload: { title: e.title, body: e.body ?? null, link: e.link ?? null },
            status: 'pending',
            attempts: 0,
            nextAttemptAt: at,
            lastStatus: null,
            lastError: null,
            createdAt: now,
            sentAt: null,
          })),
        );
        queued = channels.length;
        kickDelivery(ctx);
      }
    }
    return { inbox: persons.size, queued };
  } catch (err) {
    process.stderr.write(`notify ${e.event} failed: ${(err as Error).message}\n`);
    return { inbox: 0, queued: 0 };
  }
}

let kickEnabled = true;
/** Tests turn the automatic send-after-notify off and call `deliverDue` themselves. */
export function setAutoDelivery(on: boolean): void {
  kickEnabled = on;
}
function kickDelivery(ctx: Ctx) {
  if (!kickEnabled) return;
  setImmediate(() => {
    deliverDue(ctx).catch((err) => process.stderr.write(`notify delivery: ${(err as Error).message}\n`));
  });
}

/** The first instant outside the store's quiet hours (now when none). */
async function firstAllowedInstant(ctx: Ctx, storeId: string, now: Date): Promise<Date> {
  const [s] = await ctx.database.db.select().from(notifySettings).where(eq(notifySettings.storeId, storeId));
  if (!s?.quietStart || !s.quietEnd) return now;
  const store = await storeById(ctx, storeId);
  const off = zoneOffsetMinutes(now, store?.timeZone ?? 'Asia/Shanghai');
  const local = Math.floor((((now.getTime() / 60000 + off) % 1440) + 1440) % 1440);
  const wait = quietWait(local, parseHm(s.quietStart), parseHm(s.quietEnd));
  return wait ? new Date(now.getTime() + wait * 60000 - (now.getTime() % 60000)) : now;
}

type Sender = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;
let sender: Sender = (url, init) => fetch(url, init);

/**
 * Sends the deliveries that are due (all stores), each claimed atomically so two servers or two
 * overlapping ticks never send one twice. Failures are retried with back-off, then marked failed.
 */
export async function deliverDue(
  ctx: Ctx,
  limit = 20,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<{ sent: number; failed: number; retried: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const due = await db
    .select({ storeId: notifyDeliveries.storeId, id: notifyDeliveries.id })
    .from(notifyDeliveries)
    .where(
      and(
        // a 'sending' row whose lease ran out was claimed by a process that died mid-send
        inArray(notifyDeliveries.status, ['pending', 'sending']),
        lte(notifyDeliveries.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(notifyDeliveries.nextAttemptAt))
    .limit(limit);
  const out = { sent: 0, failed: 0, retried: 0 };
  for (const d of due) {
    const [claimed] = await db
      .update(notifyDeliveries)
      // the claim is a lease: nextAttemptAt moves past the send's timeout, so nobody else takes it
      .set({
        status: 'sending',
        attempts: sql`${notifyDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + timeoutMs + 60_000),
      })
      .where(
        and(
          eq(notifyDeliveries.storeId, d.storeId),
          eq(notifyDeliveries.id, d.id),
          inArray(notifyDeliveries.status, ['pending', 'sending']),
          lte(notifyDeliveries.nextAttemptAt, now),
        ),
      )
      .returning();
    if (!claimed) continue;
    const [channel] = await db
      .select()
      .from(notifyChannels)
      .where(and(eq(notifyChannels.storeId, d.storeId), eq(notifyChannels.id, claimed.channelId)));
    const store = await storeById(ctx, d.storeId);
    let status: number | null = null;
    let error: string | null = null;
    if (!channel) error = 'channel deleted';
    else {
      try {
        const r = await sendOnce(
          channel,
          claimed.payload,
          claimed.event,
          store?.code ?? '',
          ctx.clock.now(),
          timeoutMs,
        );
        status = r.status;
        error = r.error;
      } catch (err) {
        error =
          (err as Error).name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : (err as Error).message;
      }
    }
    const after = ctx.clock.now();
    if (!error) {
      out.sent++;
      await db
        .update(notifyDeliveries)
        .set({ status: 'sent', sentAt: after, lastStatus: status, lastError: null, nextAttemptAt: null })
        .where(and(eq(notifyDeliveries.storeId, d.storeId), eq(notifyDeliveries.id, d.id)));
    } else {
      const next = channel && isRetryable(status) ? nextAttemptAt(claimed.attempts, after) : null;
      if (next) out.retried++;
      else out.failed++;
      await db
        .update(notifyDeliveries)
        .set({
          status: next ? 'pending' : 'failed',
          nextAttemptAt: next,
          lastStatus: status,
          lastError: error.slice(0, 500),
        })
        .where(and(eq(notifyDeliveries.storeId, d.storeId), eq(notifyDeliveries.id, d.id)));
    }
  }
  return out;
}

async function sendOnce(
  channel: typeof notifyChannels.$inferSelect,
  payload: { title: string; body?: string | null; link?: string | null },
  event: string,
  storeCode: string,
  now: Date,
  timeoutMs: number,
): Promise<{ status: number; error: string | null }> {
  const kind = channel.kind as ChannelKind;
  const ts = Date.now();
  const body = JSON.stringify(channelBody(kind, payload, { event, store: storeCode, at: now.toISOString() }));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let url = channel.url;
  if (kind === 'dingtalk') url = dingTalkUrl(channel.url, channel.secret, ts);
  if (kind === 'webhook' && channel.secret) {
    headers['x-storeops-timestamp'] = String(ts);
    headers['x-storeops-signature'] = webhookSignature(channel.secret, ts, body);
  }
  const res = await sender(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300)
    return { status: res.status, error: `HTTP ${res.status} ${text.slice(0, 200)}` };
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a webhook may answer anything
  }
  if (!robotAccepted(kind, json)) return { status: 400, error: `robot refused: ${text.slice(0, 200)}` };
  return { status: res.status, error: null };
}

// ---- inbox ------------------------------------------------------------------------------

export async function inbox(
  ctx: Ctx,
  storeId: string,
  personId: string,
  opts: { unreadOnly?: boolean; limit?: number } = {},
) {
  const where = [eq(notifications.storeId, storeId), eq(notifications.personId, personId)];
  if (opts.unreadOnly) where.push(isNull(notifications.readAt));
  const rows = await ctx.database.db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(Math.min(opts.limit ?? 50, 200));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
}

export async function unreadCount(ctx: Ctx, storeId: string, personId: string): Promise<number> {
  const [{ n }] = (await ctx.database.db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.storeId, storeId),
        eq(notifications.personId, personId),
        isNull(notifications.readAt),
      ),
    )) as [{ n: number }];
  return Number(n);
}

/** Marks some (or all, when ids is undefined) of a person's notifications read. */
export async function markRead(ctx: Ctx, storeId: string, personId: string, ids?: string[]): Promise<void> {
  const where = [
    eq(notifications.storeId, storeId),
    eq(notifications.personId, personId),
    isNull(notifications.readAt),
  ];
  if (ids) {
    if (!ids.length) return;
    where.push(inArray(notifications.id, ids));
  }
  await ctx.database.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(...where));
}

// ---- channels, rules, settings ----------------------------------------------------------

export type ChannelInput = {
  kind: string;
  name: string;
  url: string;
  secret?: string | null;
  active?: boolean;
};

function channelDto(c: typeof notifyChannels.$inferSelect) {
  const { secret, ...rest } = c;
  return {
    ...rest,
    hasSecret: !!secret,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function listChannels(ctx: Ctx, storeId: string) {
  const rows = await ctx.database.db
    .select()
    .from(notifyChannels)
    .where(eq(notifyChannels.storeId, storeId))
    .orderBy(asc(notifyChannels.createdAt));
  return rows.map(channelDto);
}

export async function saveChannel(
  ctx: Ctx,
  storeId: string,
  id: string | null,
  input: Partial<ChannelInput>,
) {
  if (input.kind !== undefined && !(CHANNEL_KINDS as readonly string[]).includes(input.kind))
    throw badInput('notify.bad_channel_kind', `Unknown channel kind ${input.kind}`, {
      details: { field: 'kind' },
    });
  if (input.url !== undefined && !isValidChannelUrl(input.url))
    throw badInput('notify.bad_url', 'The webhook address must be an http(s) URL', {
      details: { field: 'url' },
    });
  if (input.name !== undefined && !input.name.trim())
    throw badInput('validation.required', 'Name is required', {
      details: { field: 'name' },
      params: { field: 'name' },
    });
  const now = ctx.clock.now();
  const db = ctx.database.db;
  if (id) {
    const patch: Partial<typeof notifyChannels.$inferInsert> = { updatedAt: now };
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.name !== undefined) patch.name = input.name.trim();
    if (input.url !== undefined) patch.url = input.url;
    if (input.secret !== undefined) patch.secret = input.secret || null;
    if (input.active !== undefined) patch.active = input.active;
    const [row] = await db
      .update(notifyChannels)
      .set(patch)
      .where(and(eq(notifyChannels.storeId, storeId), eq(notifyChannels.id, id)))
      .returning();
    if (!row) throw notFound('notify.channel_not_found', 'No such channel');
    return channelDto(row);
  }
  if (!input.kind || !input.url || !input.name)
    throw badInput('validation.required', 'kind, name and url are required', {
      details: { field: !input.kind ? 'kind' : !input.url ? 'url' : 'name' },
      params: { field: !input.kind ? 'kind' : !input.url ? 'url' : 'name' },
    });
  const [row] = await db
    .insert(notifyChannels)
    .values({
      storeId,
      id: newId(),
      kind: input.kind,
      name: input.name.trim(),
      url: input.url,
      secret: input.secret || null,
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return channelDto(row!);
}

export async function deleteChannel(ctx: Ctx, storeId: string, id: string) {
  const r = await ctx.database.db
    .delete(notifyChannels)
    .where(and(eq(notifyChannels.storeId, storeId), eq(notifyChannels.id, id)))
    .returning();
  if (!r.length) throw notFound('notify.channel_not_found', 'No such channel');
}

export type RuleInput = {
  event: string;
  roles?: string[];
  personIds?: string[];
  channelIds?: string[];
  active?: boolean;
};

export async function listRules(ctx: Ctx, storeId: string) {
  const rows = await ctx.database.db
    .select()
    .from(notifyRules)
    .where(eq(notifyRules.storeId, storeId))
    .orderBy(asc(notifyRules.event));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function saveRule(ctx: Ctx, storeId: string, id: string | null, input: RuleInput) {
  if (!input.event?.trim())
    throw badInput('validation.required', 'event required', {
      details: { field: 'event' },
      params: { field: 'event' },
    });
  const channels = new Set((await listChannels(ctx, storeId)).map((c) => c.id));
  const missing = (input.channelIds ?? []).filter((c) => !channels.has(c));
  if (missing.length)
    throw badInput('notify.channel_not_found', 'No such channel', {
      details: { field: 'channelIds', missing },
    });
  const members = new Set((await storePeople(ctx, storeId)).map((p) => p.personId));
  const strangers = (input.personIds ?? []).filter((p) => !members.has(p));
  if (strangers.length)
    throw badInput('work.owner_not_in_store', 'Not a member of this store', {
      details: { field: 'personIds', missing: strangers },
    });
  const values = {
    event: input.event.trim(),
    roles: input.roles ?? [],
    personIds: input.personIds ?? [],
    channelIds: input.channelIds ?? [],
    active: input.active ?? true,
  };
  const db = ctx.database.db;
  if (id) {
    const [row] = await db
      .update(notifyRules)
      .set(values)
      .where(and(eq(notifyRules.storeId, storeId), eq(notifyRules.id, id)))
      .returning();
    if (!row) throw notFound('notify.rule_not_found', 'No such rule');
    return row;
  }
  const [row] = await db
    .insert(notifyRules)
    .values({ storeId, id: newId(), ...values, createdAt: ctx.clock.now() })
    .returning();
  return row!;
}

export async function deleteRule(ctx: Ctx, storeId: string, id: string) {
  await ctx.database.db
    .delete(notifyRules)
    .where(and(eq(notifyRules.storeId, storeId), eq(notifyRules.id, id)));
}

export async function getSettings(ctx: Ctx, storeId: string) {
  const [s] = await ctx.database.db.select().from(notifySettings).where(eq(notifySettings.storeId, storeId));
  return { quietStart: s?.quietStart ?? null, quietEnd: s?.quietEnd ?? null };
}

export async function saveSettings(
  ctx: Ctx,
  storeId: string,
  input: { quietStart: string | null; quietEnd: string | null },
) {
  for (const f of ['quietStart', 'quietEnd'] as const) {
    if (input[f] !== null && parseHm(input[f]) === null)
      throw badInput('work.bad_time', `Impossible time: ${input[f]}`, {
        details: { field: f },
        params: { field: f, value: String(input[f]) },
      });
  }
  if ((input.quietStart === null) !== (input.quietEnd === null))
    throw badInput('notify.quiet_half', 'Quiet hours need both a start and an end', {
      details: { field: input.quietStart === null ? 'quietStart' : 'quietEnd' },
    });
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(notifySettings)
    .values({ storeId, ...input, updatedAt: now })
    .onConflictDoUpdate({ target: notifySettings.storeId, set: { ...input, updatedAt: now } });
  return getSettings(ctx, storeId);
}

export async function listDeliveries(
  ctx: Ctx,
  storeId: string,
  opts: { status?: string; limit?: number } = {},
) {
  const where = [eq(notifyDeliveries.storeId, storeId)];
  if (opts.status) where.push(eq(notifyDeliveries.status, opts.status));
  const rows = await ctx.database.db
    .select()
    .from(notifyDeliveries)
    .where(and(...where))
    .orderBy(desc(notifyDeliveries.createdAt), desc(notifyDeliveries.id))
    .limit(Math.min(opts.limit ?? 100, 500));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  }));
}

/** Queues a test message to one channel (the settings page's "send test"). */
export async function testChannel(ctx: Ctx, storeId: string, channelId: string) {
  const [c] = await ctx.database.db
    .select()
    .from(notifyChannels)
    .where(and(eq(notifyChannels.storeId, storeId), eq(notifyChannels.id, channelId)));
  if (!c) throw notFound('notify.channel_not_found', 'No such channel');
  const now = ctx.clock.now();
  const id = newId();
  await ctx.database.db.insert(notifyDeliveries).values({
    storeId,
    id,
    channelId,
    event: 'test',
    payload: { title: 'StoreOps 测试消息 / test message' },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastStatus: null,
    lastError: null,
    createdAt: now,
    sentAt: null,
  });
  kickDelivery(ctx);
  return { id };
}

/** Test seam: replace the HTTP sender (never used outside tests). */
export function setSenderForTests(s: Sender | null): void {
  sender = s ?? ((url, init) => fetch(url, init));
}
