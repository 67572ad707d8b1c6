import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, startOfBusinessDate } from '../../core/time';
import { sqlLiteral } from '../../db/copy';
import { sinkFromTable } from '../../db/facts';
import { keyValueSettings } from '../../db/settings';
import { factStatusHistory } from '../../imports/imports.schema';
import * as aftersales from '../aftersales/aftersales.service';
import * as inventory from '../inventory/inventory.service';
import * as chats from '../service/service.service';
import { chatAccountResolver, storeTimeZone } from '../team/team.service';
import * as work from '../work/work.service';
import {
  type Attribution,
  attributeOrder,
  type ChatTouch,
  canTakeOver,
  DEFAULT_SHIPPING,
  DEFAULT_UNPAID,
  HOUR_MS,
  isBackwards,
  overRefunded,
  type Reason,
  type ShippingSettings,
  type ShipState,
  shippingSettingsProblems,
  shippingState,
  stockShortfalls,
  type UnpaidSettings,
  unpaidSettingsProblems,
  urgeConversion as urgeConversionRule,
} from './orders.rules';
import { jdOrderLines, orderChecks, orderEvents, orderItems, orderSettings, orders } from './orders.schema';

/** Where imported order files land (the import pipeline writes through these). */
export const orderImportSinks = {
  'taobao-orders': sinkFromTable('taobao-orders', orders, {
    statusColumn: 'status',
    teamColumns: ['flagColor', 'flaggedBy', 'flaggedAt'],
  }),
  'taobao-order-items': sinkFromTable('taobao-order-items', orderItems, { statusColumn: 'status' }),
  'jd-orders': sinkFromTable('jd-orders', jdOrderLines, { statusColumn: 'status' }),
};

export type OrderRow = typeof orders.$inferSelect;

/** How far before an order a chat still counts as selling it. */
const CHAT_LOOKBACK_MS = 72 * HOUR_MS;

export const URGE_CHANNELS = ['chat', 'phone', 'sms', 'other'] as const;
export const STOCKOUT_OUTCOMES = ['exchange', 'refund', 'wait', 'cancelled'] as const;

const zoneOf = storeTimeZone;

// ---- settings -------------------------------------------------------------------------------

const settings = keyValueSettings(orderSettings, 'orders');
const getSetting = settings.get;
const putSetting = settings.put;
const shipping = settings.entry<ShippingSettings>('shipping', DEFAULT_SHIPPING, shippingSettingsProblems);
const unpaidRules = settings.entry<UnpaidSettings>('unpaid', DEFAULT_UNPAID, unpaidSettingsProblems);

/** Cut-off, 24 h / 48 h limits, warning hours, campaign extensions (checked: `shippingSettingsProblems`). */
export const getShippingSettings = shipping.get;
export const setShippingSettings = shipping.set;
/** Takeover hours, offline window, which unpaid orders are urged (checked: `unpaidSettingsProblems`). */
export const getUnpaidSettings = unpaidRules.get;
export const setUnpaidSettings = unpaidRules.set;

/** Sessions → one touch per chat account (first and last message, typed messages). */
function mergeTouches(list: chats.BuyerAgentTouch[]): chats.BuyerAgentTouch[] {
  const m = new Map<string, chats.BuyerAgentTouch>();
  for (const t of list) {
    const e = m.get(t.agent);
    if (!e) m.set(t.agent, { ...t });
    else {
      if (t.firstAt < e.firstAt) e.firstAt = t.firstAt;
      if (t.lastAt > e.lastAt) e.lastAt = t.lastAt;
      e.messages += t.messages;
    }
  }
  return [...m.values()];
}

/**
 * An order's touches: of the buyer's touches, those whose first message lies in [from, to],
 * merged per chat account (as `mergeTouches`) with the person behind it — in one pass without
 * intermediate lists (a month's recompute attributes tens of thousands of orders).
 */
function ownTouches(
  list: chats.BuyerAgentTouch[] | undefined,
  from: number,
  to: number,
  resolve: (account: string) => string | null,
): ChatTouch[] {
  const out: ChatTouch[] = [];
  if (!list) return out;
  for (const t of list) {
    const at = t.firstAt.getTime();
    if (at < from || at > to) continue;
    let e: ChatTouch | undefined;
    for (const x of out)
      if (x.agent === t.agent) {
        e = x;
        break;
      }
    if (!e)
      out.push({
        agent: t.agent,
        personId: resolve(t.agent),
        firstAt: t.firstAt,
        lastAt: t.lastAt,
        messages: t.messages,
      });
    else {
      if (t.firstAt < e.firstAt) e.firstAt = t.firstAt;
      if (t.lastAt > e.lastAt) e.lastAt = t.lastAt;
      e.messages += t.messages;
    }
  }
  return out;
}

// ---- attribution ----------------------------------------------------------------------------

export type AttributionDto = Omit<Attribution, 'reason' | 'steps'> & {
  platform: 'taobao' | 'jd';
  reason: Reason;
  steps: Reason[];
  paidAt: string | null;
  paidAmountFen: number;
  personName: string | null;
  /** The buyer (买家会员名 / JD 下单帐号), when the order names one. */
  buyer: string | null;
};

/** What attribution reads of an order, Taobao/Tmall or JD (a JD flag lives in the order's events). */
type AttributedOrder = Pick<
  OrderRow,
  'orderId' | 'createdAt' | 'paidAt' | 'paidAmountFen' | 'buyerAccount' | 'flaggedBy' | 'flaggedAt'
> & { platform: 'taobao' | 'jd' };

const taobaoForAttribution = (o: Omit<AttributedOrder, 'platform'>): AttributedOrder => ({
  ...o,
  platform: 'taobao',
});

/**
 * JD orders in the attribution's shape: the chat log (StoreOps' own format) carries JD chats
 * with the buyer's 下单帐号 as `buyer`, so they are attributed like Taobao orders; the flag is the
 * latest 'flag' event of the order (the JD export has no flag column).
 */
async function jdForAttribution(ctx: Ctx, storeId: string, list: JdOrder[]): Promise<AttributedOrder[]> {
  const flags = new Map<string, { personId: string; at: Date }>();
  for (let i = 0; i < list.length; i += 5000) {
    const ev = await ctx.database.db
      .select({ orderId: orderEvents.orderId, personId: orderEvents.personId, at: orderEvents.at })
      .from(orderEvents)
      .where(
        and(
          eq(orderEvents.storeId, storeId),
          eq(orderEvents.kind, 'flag'),
          inArray(
            orderEvents.orderId,
            list.slice(i, i + 5000).map((j) => j.orderId),
          ),
        ),
      )
      .orderBy(asc(orderEvents.at));
    for (const e of ev) if (e.personId) flags.set(e.orderId, { personId: e.personId, at: e.at });
  }
  return list.map((j) => ({
    orderId: j.orderId,
    platform: 'jd',
    createdAt: j.orderedAt,
    paidAt: j.paidAt,
    paidAmountFen: j.paidAt ? j.amountFen : 0,
    buyerAccount: j.buyer,
    flaggedBy: flags.get(j.orderId)?.personId ?? null,
    flaggedAt: flags.get(j.orderId)?.at ?? null,
  }));
}

async function attributeRows(
  ctx: Ctx,
  storeId: string,
  rows: AttributedOrder[],
  cover?: chats.TouchCover,
): Promise<AttributionDto[]> {
  if (rows.length === 0) return [];
  const { resolve, members, names } = await chatAccountResolver(ctx, storeId);
  const rules = await getUnpaidSettings(ctx, storeId);
  const minCreated = rows.reduce((m, o) => Math.min(m, o.createdAt.getTime()), Number.POSITIVE_INFINITY);
  const maxPaid = rows.reduce((m, o) => Math.max(m, (o.paidAt ?? o.createdAt).getTime()), 0);
  const buyers = rows.map((o) => o.buyerAccount).filter((b): b is string => !!b);
  // The touches last: a cover's touches may still be coming (the KPI recompute's session pass).
  const orderIds = rows.map((o) => o.orderId);
  const refundCauses = await aftersales.finishedRefundCauses(ctx, storeId, orderIds);
  const csBad = await aftersales.csBadReviewsOfOrders(ctx, storeId, orderIds);
  const touches = await chats.agentTouchesOfBuyers(
    ctx,
    storeId,
    buyers,
    new Date(minCreated - CHAT_LOOKBACK_MS),
    new Date(maxPaid),
    cover,
  );
  // Touches are per buyer over the whole window; an order keeps those in its own window.
  const touchesByBuyer = new Map<string, chats.BuyerAgentTouch[]>();
  for (const t of touches) {
    const list = touchesByBuyer.get(t.buyer) ?? [];
    list.push(t);
    touchesByBuyer.set(t.buyer, list);
  }
  const out: AttributionDto[] = [];
  for (const o of rows) {
    const from = o.createdAt.getTime() - CHAT_LOOKBACK_MS;
    const to = (o.paidAt ?? ctx.clock.now()).getTime();
    const own = ownTouches(touchesByBuyer.get(o.buyerAccount ?? ''), from, to, resolve);
    const flag = o.flaggedBy && o.flaggedAt ? { personId: o.flaggedBy, at: o.flaggedAt } : null;
    let offline: boolean | null = null;
    if (flag && !own.some((t) => t.personId === flag.personId) && own.length > 0) {
      const active = await chats.activeAgents(
        ctx,
        storeId,
        own.map((t) => t.agent),
        new Date(flag.at.getTime() - rules.offlineMinutes * 60_000),
        flag.at,
      );
      offline = active.size === 0;
    }
    const a = attributeOrder({
      orderId: o.orderId,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      paidAmountFen: o.paidAmountFen,
      touches: own,
      flag,
      originalOfflineAtFlag: offline,
      refunds: refundCauses.get(o.orderId) ?? [],
      csBadReviews: csBad.get(o.orderId) ?? [],
      members,
      takeoverHours: rules.takeoverHours,
    });
    out.push({
      orderId: a.orderId,
      personId: a.personId,
      agent: a.agent,
      creditedFen: a.creditedFen,
      reason: a.reason,
      steps: a.steps,
      platform: o.platform,
      paidAt: o.paidAt?.toISOString() ?? null,
      paidAmountFen: o.paidAmountFen,
      personName: a.personId ? (names.get(a.personId) ?? null) : null,
      buyer: o.buyerAccount ?? null,
    });
  }
  return out;
}

/** What attribution reads of an order (a month is tens of thousands of orders). */
const attributionColumns = {
  orderId: orders.orderId,
  createdAt: orders.createdAt,
  paidAt: orders.paidAt,
  paidAmountFen: orders.paidAmountFen,
  buyerAccount: orders.buyerAccount,
  flaggedBy: orders.flaggedBy,
  flaggedAt: orders.flaggedAt,
};

/** The buyer the CS KPIs match chats by: 买家会员名, else the nickname. */
const csKpiBuyer = sql<string>`coalesce(${orders.buyerAccount}, ${orders.buyerNickname}, '')`;

/** A store's orders created or paid in [from, to). */
const createdOrPaidIn = (storeId: string, from: Date, to: Date) =>
  and(
    eq(orders.storeId, storeId),
    or(
      and(gte(orders.createdAt, from), lt(orders.createdAt, to)),
      and(gte(orders.paidAt, from), lt(orders.paidAt, to)),
    ),
  );

/**
 * Credit for the orders paid on business dates [fromDate, toDate] (DOMAIN.md §5), one entry per
 * order with its reason. The CS-KPI and pay modules call this; the KPI recompute hands over the
 * chat touches its session pass read (`cover`), so only the rest of the window is read here.
 */
export async function attributeOrders(
  ctx: Ctx,
  storeId: string,
  fromDate: string,
  toDate: string,
  cover?: chats.TouchCover,
): Promise<AttributionDto[]> {
  const tz = await zoneOf(ctx, storeId);
  const rows = await ctx.database.db
    .select(attributionColumns)
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        gte(orders.paidAt, startOfBusinessDate(fromDate, tz)),
        lt(orders.paidAt, startOfBusinessDate(addDays(toDate, 1), tz)),
      ),
    )
    .orderBy(asc(orders.paidAt));
  return attributeWithJd(
    ctx,
    storeId,
    rows,
    startOfBusinessDate(fromDate, tz),
    startOfBusinessDate(addDays(toDate, 1), tz),
    cover,
  );
}

/** Taobao orders paid in [paidFrom, paidTo) (by payment) with the JD orders of then, credited. */
async function attributeWithJd(
  ctx: Ctx,
  storeId: string,
  taobao: Omit<AttributedOrder, 'platform'>[],
  paidFrom: Date,
  paidTo: Date,
  cover?: chats.TouchCover,
): Promise<AttributionDto[]> {
  const jd = await jdOrders(ctx, storeId, { paidFrom, paidTo });
  const all = [...taobao.map(taobaoForAttribution), ...(await jdForAttribution(ctx, storeId, jd))].sort(
    (a, b) => a.paidAt!.getTime() - b.paidAt!.getTime(),
  );
  return attributeRows(ctx, storeId, all, cover);
}

/** Per person: credited orders and sales (fen) over the business dates. */
export async function attributionByPerson(ctx: Ctx, storeId: string, fromDate: string, toDate: string) {
  const all = await attributeOrders(ctx, storeId, fromDate, toDate);
  const m = new Map<
    string,
    {
      personId: string;
      personName: string | null;
      orders: number;
      creditedFen: number;
      removedOrders: number;
    }
  >();
  for (const a of all) {
    if (!a.personId) continue;
    const e = m.get(a.personId) ?? {
      personId: a.personId,
      personName: a.personName,
      orders: 0,
      creditedFen: 0,
      removedOrders: 0,
    };
    e.orders++;
    e.creditedFen += a.creditedFen;
    if (a.creditedFen < a.paidAmountFen) e.removedOrders++;
    m.set(a.personId, e);
  }
  const unattributed = all.filter((a) => !a.personId).length;
  return {
    people: [...m.values()].sort((a, b) => b.creditedFen - a.creditedFen),
    orders: all.length,
    unattributed,
  };
}

export async function getOrder(ctx: Ctx, storeId: string, orderId: string): Promise<OrderRow> {
  const [row] = await ctx.database.db
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
  if (!row) throw notFound('orders.not_found', 'No such order', { params: { id: orderId } });
  return row;
}

/** One order's credit with its reason (Taobao/Tmall or JD). */
export async function attributionOf(ctx: Ctx, storeId: string, orderId: string): Promise<AttributionDto> {
  const [o] = await ctx.database.db
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
  const row = o
    ? taobaoForAttribution(o)
    : (await jdForAttribution(ctx, storeId, await jdOrders(ctx, storeId, { orderId })))[0];
  if (!row) throw notFound('orders.not_found', 'No such order', { params: { id: orderId } });
  const [a] = await attributeRows(ctx, storeId, [row]);
  return a!;
}

/** Paid orders per business date (the refund rate's denominator). */
export async function paidOrderCounts(
  ctx: Ctx,
  storeId: string,
  fromDate: string,
  toDate: string,
): Promise<Map<string, number>> {
  const tz = await zoneOf(ctx, storeId);
  const day = sql<string>`to_char(${orders.paidAt} at time zone ${tz}, 'YYYY-MM-DD')`;
  const rows = await ctx.database.db
    .select({ day, n: sql<number>`count(*)`.mapWith(Number) })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        gte(orders.paidAt, startOfBusinessDate(fromDate, tz)),
        lt(orders.paidAt, startOfBusinessDate(addDays(toDate, 1), tz)),
      ),
    )
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** Paid amounts of orders (for over-refund checks). */
export async function paidAmounts(
  ctx: Ctx,
  storeId: string,
  orderIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < orderIds.length; i += 5000) {
    const rows = await ctx.database.db
      .select({ orderId: orders.orderId, paid: orders.paidAmountFen })
      .from(orders)
      .where(and(eq(orders.storeId, storeId), inArray(orders.orderId, orderIds.slice(i, i + 5000))));
    for (const r of rows) out.set(r.orderId, r.paid);
  }
  return out;
}

// ---- JD orders (one row per line in the export) -----------------------------------------------

export type JdOrder = {
  orderId: string;
  buyer: string | null;
  status: string;
  statusText: string | null;
  orderedAt: Date;
  paidAt: Date | null;
  completedAt: Date | null;
  amountFen: number;
  itemTitles: string | null;
};

/** JD orders aggregated from their lines, by status (or one order by id). */
export async function jdOrders(
  ctx: Ctx,
  storeId: string,
  f: { statuses?: string[]; orderId?: string; limit?: number; paidFrom?: Date; paidTo?: Date },
): Promise<JdOrder[]> {
  const where = [eq(jdOrderLines.storeId, storeId)];
  if (f.paidFrom) where.push(gte(jdOrderLines.paidAt, f.paidFrom));
  if (f.paidTo) where.push(lt(jdOrderLines.paidAt, f.paidTo));
  if (f.statuses?.length) where.push(inArray(jdOrderLines.status, f.statuses));
  if (f.orderId) where.push(eq(jdOrderLines.orderId, f.orderId));
  const rows = await ctx.database.db
    .select({
      orderId: jdOrderLines.orderId,
      buyer: sql<string | null>`min(${jdOrderLines.buyerAccount})`,
      status: sql<string>`min(${jdOrderLines.status})`,
      statusText: sql<string | null>`min(${jdOrderLines.statusText})`,
      orderedAt: sql<Date>`min(${jdOrderLines.orderedAt})`.mapWith((v) => new Date(v)),
      paidAt: sql<Date | null>`min(${jdOrderLines.paidAt})`.mapWith((v) => (v ? new Date(v) : null)),
      completedAt: sql<Date | null>`max(${jdOrderLines.completedAt})`.mapWith((v) =>
        v ? new Date(v) : null,
      ),
      amountFen:
        sql<number>`coalesce(max(${jdOrderLines.orderAmountFen}), sum(${jdOrderLines.payableAmountFen}), 0)`.mapWith(
          Number,
        ),
      itemTitles: sql<string | null>`string_agg(${jdOrderLines.productName}, '；')`,
    })
    .from(jdOrderLines)
    .where(and(...where))
    .groupBy(jdOrderLines.orderId)
    .orderBy(sql`min(${jdOrderLines.orderedAt})`)
    .limit(f.limit ?? 5000);
  return rows;
}

/** A Taobao/Tmall order or a JD order: which platform, its titles (for tasks). */
async function findAnyOrder(ctx: Ctx, storeId: string, orderId: string) {
  const [o] = await ctx.database.db
    .select({ orderId: orders.orderId, itemTitles: orders.itemTitles })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
  if (o) return { ...o, platform: 'taobao' as const };
  const [j] = await jdOrders(ctx, storeId, { orderId });
  if (j) return { orderId, itemTitles: j.itemTitles, platform: 'jd' as const };
  throw notFound('orders.not_found', 'No such order', { params: { id: orderId } });
}

// ---- unpaid queue (催付) ---------------------------------------------------------------------

export type UnpaidRow = {
  orderId: string;
  platform: 'taobao' | 'jd';
  buyer: string | null;
  amountFen: number;
  createdAt: string;
  hoursUnpaid: number;
  itemTitles: string | null;
  chattedBy: { agent: string; personId: string | null; personName: string | null }[];
  flaggedBy: string | null;
  flaggedByName: string | null;
  flagColor: string | null;
  urges: number;
  lastUrgeAt: string | null;
  lastUrgeBy: string | null;
  /** More than 24 h unpaid: another CS may take over if the original CS is offline. */
  takeoverOpen: boolean;
};

export async function listUnpaid(
  ctx: Ctx,
  storeId: string,
  f: { createdFrom?: string; createdTo?: string; personId?: string; limit?: number } = {},
): Promise<UnpaidRow[]> {
  const tz = await zoneOf(ctx, storeId);
  const now = ctx.clock.now();
  const where = [eq(orders.storeId, storeId), eq(orders.status, 'awaiting_payment')];
  if (f.createdFrom) where.push(gte(orders.createdAt, startOfBusinessDate(f.createdFrom, tz)));
  if (f.createdTo) where.push(lt(orders.createdAt, startOfBusinessDate(addDays(f.createdTo, 1), tz)));
  const rows = await ctx.database.db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(asc(orders.createdAt))
    .limit(f.limit ?? 1000);
  const { resolve, names } = await chatAccountResolver(ctx, storeId);
  const { takeoverHours } = await getUnpaidSettings(ctx, storeId);
  const jd = (
    await jdOrders(ctx, storeId, { statuses: ['awaiting_payment'], limit: f.limit ?? 1000 })
  ).filter(
    (j) =>
      !(f.createdFrom && j.orderedAt < startOfBusinessDate(f.createdFrom, tz)) &&
      !(f.createdTo && j.orderedAt >= startOfBusinessDate(addDays(f.createdTo, 1), tz)),
  );
  const jdFlags = new Map(
    (await jdForAttribution(ctx, storeId, jd)).map((a) => [a.orderId, a.flaggedBy] as const),
  );
  const minCreated = [...rows.map((o) => o.createdAt), ...jd.map((j) => j.orderedAt)].reduce(
    (m, d) => Math.min(m, d.getTime()),
    now.getTime(),
  );
  const touches = await chats.agentTouchesOfBuyers(
    ctx,
    storeId,
    [...rows.map((o) => o.buyerAccount), ...jd.map((j) => j.buyer)].filter((b): b is string => !!b),
    new Date(minCreated - CHAT_LOOKBACK_MS),
    now,
  );
  const chattedBy = (buyer: string | null, createdAt: Date) =>
    mergeTouches(
      touches.filter(
        (t) => t.buyer === buyer && t.firstAt.getTime() >= createdAt.getTime() - CHAT_LOOKBACK_MS,
      ),
    ).map((t) => {
      const p = resolve(t.agent);
      return { agent: t.agent, personId: p, personName: p ? (names.get(p) ?? null) : null };
    });
  const urges = await ctx.database.db
    .select()
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.storeId, storeId),
        eq(orderEvents.kind, 'urge'),
        gte(orderEvents.at, new Date(now.getTime() - 30 * 24 * HOUR_MS)),
      ),
    )
    .orderBy(asc(orderEvents.at));
  const out: UnpaidRow[] = rows.map((o) => {
    const ou = urges.filter((u) => u.orderId === o.orderId);
    const last = ou.at(-1);
    const hours = (now.getTime() - o.createdAt.getTime()) / HOUR_MS;
    return {
      orderId: o.orderId,
      platform: 'taobao' as const,
      buyer: o.buyerAccount,
      amountFen: o.totalAmountFen ?? o.paidAmountFen,
      createdAt: o.createdAt.toISOString(),
      hoursUnpaid: Math.round(hours * 10) / 10,
      itemTitles: o.itemTitles,
      chattedBy: chattedBy(o.buyerAccount, o.createdAt),
      flaggedBy: o.flaggedBy,
      flaggedByName: o.flaggedBy ? (names.get(o.flaggedBy) ?? null) : null,
      flagColor: o.flagColor,
      urges: ou.length,
      lastUrgeAt: last?.at.toISOString() ?? null,
      lastUrgeBy: last?.personId ? (names.get(last.personId) ?? null) : null,
      takeoverOpen: hours > takeoverHours,
    };
  });
  for (const j of jd) {
    const ou = urges.filter((u) => u.orderId === j.orderId);
    const hours = (now.getTime() - j.orderedAt.getTime()) / HOUR_MS;
    out.push({
      orderId: j.orderId,
      platform: 'jd',
      buyer: j.buyer,
      amountFen: j.amountFen,
      createdAt: j.orderedAt.toISOString(),
      hoursUnpaid: Math.round(hours * 10) / 10,
      itemTitles: j.itemTitles,
      chattedBy: chattedBy(j.buyer, j.orderedAt),
      flaggedBy: jdFlags.get(j.orderId) ?? null,
      flaggedByName: names.get(jdFlags.get(j.orderId) ?? '') ?? null,
      flagColor: jdFlags.get(j.orderId) ? 'red' : null,
      urges: ou.length,
      lastUrgeAt: ou.at(-1)?.at.toISOString() ?? null,
      lastUrgeBy: ou.at(-1)?.personId ? (names.get(ou.at(-1)!.personId!) ?? null) : null,
      takeoverOpen: hours > takeoverHours,
    });
  }
  return f.personId
    ? out.filter((r) => r.flaggedBy === f.personId || r.chattedBy.some((c) => c.personId === f.personId))
    : out;
}

export async function recordUrge(
  ctx: Ctx,
  storeId: string,
  orderId: string,
  personId: string,
  input: { channel: string; note?: string | null },
) {
  if (!(URGE_CHANNELS as readonly string[]).includes(input.channel))
    throw badInput('orders.bad_channel', `Unknown channel: ${input.channel}`, {
      details: { field: 'channel' },
      params: { value: input.channel },
    });
  await findAnyOrder(ctx, storeId, orderId);
  const row = {
    storeId,
    id: newId(),
    orderId,
    kind: 'urge',
    personId,
    channel: input.channel,
    note: input.note ?? null,
    data: null,
    at: ctx.clock.now(),
  };
  await ctx.database.db.insert(orderEvents).values(row);
  return row;
}

/**
 * Flags (插旗) an order for a CS. An order still unpaid follows the 24 h rule of DOMAIN.md §5:
 * another CS than the one(s) who chatted may flag it only after 24 h while they are offline.
 */
export async function flagOrder(
  ctx: Ctx,
  storeId: string,
  orderId: string,
  personId: string,
  color = 'red',
): Promise<{ reason: Reason }> {
  const [tb] = await ctx.database.db
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
  let o: { status: string; buyerAccount: string | null; createdAt: Date; flaggedBy: string | null };
  if (tb) o = tb;
  else {
    // A JD order: its flag is kept as an event of the order (the JD export has no flag column).
    const [j] = await jdOrders(ctx, storeId, { orderId });
    if (!j) throw notFound('orders.not_found', 'No such order', { params: { id: orderId } });
    const [a] = await jdForAttribution(ctx, storeId, [j]);
    o = { status: j.status, buyerAccount: j.buyer, createdAt: j.orderedAt, flaggedBy: a!.flaggedBy };
  }
  const { resolve, members } = await chatAccountResolver(ctx, storeId);
  if (!members.has(personId))
    throw badInput('orders.link_not_member', 'The person is not a member of this store', {
      details: { field: 'personId' },
      params: { agent: personId },
    });
  const now = ctx.clock.now();
  let r: Reason = { code: 'own_order', params: {} };
  if (o.status === 'awaiting_payment') {
    const rules = await getUnpaidSettings(ctx, storeId);
    const touches = (
      await chats.agentTouchesOfBuyers(
        ctx,
        storeId,
        o.buyerAccount ? [o.buyerAccount] : [],
        new Date(o.createdAt.getTime() - CHAT_LOOKBACK_MS),
        now,
      )
    )
      .filter((t) => t.firstAt.getTime() >= o.createdAt.getTime() - CHAT_LOOKBACK_MS)
      .map((t) => ({ ...t, personId: resolve(t.agent) }));
    const original = [...new Set(touches.map((t) => t.personId).filter((p): p is string => !!p))];
    const active = await chats.activeAgents(
      ctx,
      storeId,
      touches.filter((t) => t.personId !== personId).map((t) => t.agent),
      new Date(now.getTime() - rules.offlineMinutes * 60_000),
      now,
    );
    const decision = canTakeOver({
      personId,
      createdAt: o.createdAt,
      now,
      originalPersonIds: original,
      originalOffline: active.size === 0,
      takeoverHours: rules.takeoverHours,
    });
    if (!decision.allowed)
      throw conflict('orders.takeover_not_allowed', 'This order cannot be taken over yet', {
        params: { reason: decision.reason.code, limit: rules.takeoverHours, ...decision.reason.params },
      });
    r = decision.reason;
  }
  await ctx.database.db.transaction(async (tx) => {
    if (tb)
      await tx
        .update(orders)
        .set({ flagColor: color, flaggedBy: personId, flaggedAt: now })
        .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
    await tx.insert(orderEvents).values({
      storeId,
      id: newId(),
      orderId,
      kind: 'flag',
      personId,
      channel: null,
      note: null,
      data: { color, reason: r.code, previous: o.flaggedBy },
      at: now,
    });
  });
  return { reason: r };
}

/**
 * Conversion of urged orders per person over the business dates (by urge time): recorded urges
 * plus chat urges (a CS writing to the buyer of an unpaid order after it was placed).
 */
export async function urgeConversion(ctx: Ctx, storeId: string, fromDate: string, toDate: string) {
  const tz = await zoneOf(ctx, storeId);
  const from = startOfBusinessDate(fromDate, tz);
  const to = startOfBusinessDate(addDays(toDate, 1), tz);
  const recorded = await ctx.database.db
    .select({ orderId: orderEvents.orderId, personId: orderEvents.personId, at: orderEvents.at })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.storeId, storeId),
        eq(orderEvents.kind, 'urge'),
        gte(orderEvents.at, from),
        lt(orderEvents.at, to),
      ),
    );
  // Orders created in the window (and a day before) that were not paid at once.
  const candidates = await ctx.database.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        gte(orders.createdAt, new Date(from.getTime() - 24 * HOUR_MS)),
        lt(orders.createdAt, to),
        sql`(${orders.paidAt} is null or ${orders.paidAt} > ${orders.createdAt} + interval '15 minutes')`,
      ),
    );
  const { resolve, names } = await chatAccountResolver(ctx, storeId);
  const touches = await chats.agentTouchesOfBuyers(
    ctx,
    storeId,
    candidates.map((o) => o.buyerAccount).filter((b): b is string => !!b),
    from,
    to,
  );
  const urges: { orderId: string; personId: string; at: Date }[] = recorded
    .filter((u) => u.personId)
    .map((u) => ({ orderId: u.orderId, personId: u.personId!, at: u.at }));
  for (const o of candidates) {
    const end = o.paidAt ?? to;
    for (const t of touches) {
      if (t.buyer !== o.buyerAccount) continue;
      // A chat that started after the order was placed and before it was paid: urging by chat.
      if (t.firstAt > o.createdAt && t.firstAt < end) {
        const p = resolve(t.agent);
        if (p) urges.push({ orderId: o.orderId, personId: p, at: t.firstAt });
      }
    }
  }
  const paid = new Map(candidates.map((o) => [o.orderId, o.paidAt] as const));
  for (const u of recorded) if (!paid.has(u.orderId)) paid.set(u.orderId, null);
  const missing = recorded.map((u) => u.orderId).filter((id) => !candidates.some((o) => o.orderId === id));
  if (missing.length) {
    const more = await ctx.database.db
      .select({ orderId: orders.orderId, paidAt: orders.paidAt })
      .from(orders)
      .where(and(eq(orders.storeId, storeId), inArray(orders.orderId, missing)));
    for (const m of more) paid.set(m.orderId, m.paidAt);
  }
  return urgeConversionRule(urges, paid).map((r) => ({ ...r, personName: names.get(r.personId) ?? null }));
}

// ---- shipping deadlines ----------------------------------------------------------------------

export type ShippingRow = {
  orderId: string;
  platform: 'taobao' | 'jd';
  buyer: string | null;
  paidAt: string;
  shippedAt: string | null;
  state: ShipState;
  dispatchAt: string;
  target: string;
  limit: string;
  hoursLeft: number;
  extraHours: number;
  itemTitles: string | null;
  amountFen: number;
  stockout: boolean;
};

/** Paid-not-shipped orders with their deadline state; `states` filters (default: all open). */
export async function listShipping(
  ctx: Ctx,
  storeId: string,
  f: { states?: ShipState[]; includeShippedDays?: number } = {},
): Promise<ShippingRow[]> {
  const tz = await zoneOf(ctx, storeId);
  const settings = await getShippingSettings(ctx, storeId);
  const now = ctx.clock.now();
  const open = await ctx.database.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        isNotNull(orders.paidAt),
        isNull(orders.shippedAt),
        inArray(orders.status, ['awaiting_shipment', 'partially_shipped']),
      ),
    )
    .orderBy(asc(orders.paidAt))
    .limit(5000);
  let shipped: OrderRow[] = [];
  if (f.includeShippedDays) {
    shipped = await ctx.database.db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.storeId, storeId),
          isNotNull(orders.paidAt),
          gte(orders.shippedAt, new Date(now.getTime() - f.includeShippedDays * 24 * HOUR_MS)),
        ),
      )
      .limit(5000);
  }
  const stockouts = new Set(
    (
      await ctx.database.db
        .select({ orderId: orderEvents.orderId })
        .from(orderEvents)
        .where(and(eq(orderEvents.storeId, storeId), eq(orderEvents.kind, 'stockout')))
    ).map((r) => r.orderId),
  );
  const out: ShippingRow[] = [];
  for (const o of [...open, ...shipped]) {
    const s = shippingState({ paidAt: o.paidAt!, shippedAt: o.shippedAt, now }, settings, tz);
    if (f.states?.length && !f.states.includes(s.state)) continue;
    out.push({
      orderId: o.orderId,
      platform: 'taobao',
      buyer: o.buyerAccount,
      paidAt: o.paidAt!.toISOString(),
      shippedAt: o.shippedAt?.toISOString() ?? null,
      state: s.state,
      dispatchAt: s.deadline.dispatchAt.toISOString(),
      target: s.deadline.target.toISOString(),
      limit: s.deadline.limit.toISOString(),
      hoursLeft: s.hoursLeft,
      extraHours: s.deadline.extraHours,
      itemTitles: o.itemTitles,
      amountFen: o.paidAmountFen,
      stockout: stockouts.has(o.orderId),
    });
  }
  // JD: the export has no ship time, so only the open (paid, awaiting shipment) orders.
  for (const j of await jdOrders(ctx, storeId, { statuses: ['awaiting_shipment'] })) {
    if (!j.paidAt) continue;
    const s = shippingState({ paidAt: j.paidAt, shippedAt: null, now }, settings, tz);
    if (f.states?.length && !f.states.includes(s.state)) continue;
    out.push({
      orderId: j.orderId,
      platform: 'jd',
      buyer: j.buyer,
      paidAt: j.paidAt.toISOString(),
      shippedAt: null,
      state: s.state,
      dispatchAt: s.deadline.dispatchAt.toISOString(),
      target: s.deadline.target.toISOString(),
      limit: s.deadline.limit.toISOString(),
      hoursLeft: s.hoursLeft,
      extraHours: s.deadline.extraHours,
      itemTitles: j.itemTitles,
      amountFen: j.amountFen,
      stockout: stockouts.has(j.orderId),
    });
  }
  return out;
}

/** Out of stock (DOMAIN.md §4): tell CS at once → a task to contact the buyer. */
export async function markStockout(
  ctx: Ctx,
  storeId: string,
  orderId: string,
  personId: string | null,
  note: string | null,
) {
  const o = await findAnyOrder(ctx, storeId, orderId);
  return stockoutTask(ctx, storeId, { ...o, personId, note, data: null });
}

/** The stock-out record of the order's story and its task to CS (one per order: `stockout:<order>`). */
async function stockoutTask(
  ctx: Ctx,
  storeId: string,
  o: {
    orderId: string;
    itemTitles: string | null;
    personId: string | null;
    note: string | null;
    data: Record<string, unknown> | null;
  },
) {
  const now = ctx.clock.now();
  await ctx.database.db.insert(orderEvents).values({
    storeId,
    id: newId(),
    orderId: o.orderId,
    kind: 'stockout',
    personId: o.personId,
    channel: null,
    note: o.note,
    data: o.data,
    at: now,
  });
  const { task } = await work.createTask(ctx, storeId, {
    title: `缺货联系买家换货或退款：订单 ${o.orderId}`,
    description: [o.itemTitles, o.note].filter(Boolean).join('\n') || null,
    ownerRole: 'cs_aftersale',
    dueAt: new Date(now.getTime() + 2 * HOUR_MS),
    priority: 'high',
    links: [{ kind: 'order', id: o.orderId, label: o.orderId }],
    source: 'orders',
    dedupeKey: `stockout:${o.orderId}`,
    createdBy: o.personId,
  });
  return task;
}

/**
 * Out-of-stock orders found from the stock (inventory module): paid, awaiting shipment, with a
 * SKU whose units on hand cannot cover it once earlier-paid orders took theirs
 * (`stockShortfalls`). Each gets the stock-out record (by the system, with the SKUs short) and
 * the task to CS, once: an order already marked (by hand or before) is left alone.
 */
export async function detectStockouts(
  ctx: Ctx,
  storeId: string,
): Promise<{ open: number; short: number; marked: number }> {
  const db = ctx.database.db;
  const open = await db
    .select({ orderId: orders.orderId, paidAt: orders.paidAt, itemTitles: orders.itemTitles })
    .from(orders)
    .where(
      and(eq(orders.storeId, storeId), eq(orders.status, 'awaiting_shipment'), isNotNull(orders.paidAt)),
    );
  if (open.length === 0) return { open: 0, short: 0, marked: 0 };
  const lines = await db
    .select({ orderId: orderItems.orderId, skuCode: orderItems.skuCode, quantity: orderItems.quantity })
    .from(orderItems)
    .innerJoin(orders, and(eq(orders.storeId, orderItems.storeId), eq(orders.orderId, orderItems.orderId)))
    .where(
      and(
        eq(orderItems.storeId, storeId),
        eq(orders.status, 'awaiting_shipment'),
        isNotNull(orderItems.skuCode),
        or(isNull(orderItems.refundStatus), sql`${orderItems.refundStatus} <> 'succeeded'`),
      ),
    );
  const byOrder = new Map<string, { skuCode: string; quantity: number }[]>();
  for (const l of lines) {
    const list = byOrder.get(l.orderId) ?? [];
    list.push({ skuCode: l.skuCode!, quantity: l.quantity });
    byOrder.set(l.orderId, list);
  }
  const onHand = new Map<string, number>();
  for (const [sku, p] of await inventory.stockPositions(ctx, storeId)) onHand.set(sku, p.onHand);
  const short = stockShortfalls(
    open.map((o) => ({ orderId: o.orderId, paidAt: o.paidAt!, lines: byOrder.get(o.orderId) ?? [] })),
    onHand,
  );
  if (short.length === 0) return { open: open.length, short: 0, marked: 0 };
  const already = new Set(
    (
      await db
        .select({ orderId: orderEvents.orderId })
        .from(orderEvents)
        .where(
          and(
            eq(orderEvents.storeId, storeId),
            eq(orderEvents.kind, 'stockout'),
            inArray(
              orderEvents.orderId,
              short.map((s) => s.orderId),
            ),
          ),
        )
    ).map((r) => r.orderId),
  );
  const titles = new Map(open.map((o) => [o.orderId, o.itemTitles]));
  let marked = 0;
  for (const s of short) {
    if (already.has(s.orderId)) continue;
    await stockoutTask(ctx, storeId, {
      orderId: s.orderId,
      itemTitles: titles.get(s.orderId) ?? null,
      personId: null,
      note: `库存不足：${s.skus.map((k) => `${k.skuCode} 需 ${k.needed} 件，剩 ${k.left} 件`).join('；')}`,
      data: { auto: true, skus: s.skus },
    });
    marked++;
  }
  return { open: open.length, short: short.length, marked };
}

export async function recordStockoutOutcome(
  ctx: Ctx,
  storeId: string,
  orderId: string,
  personId: string | null,
  outcome: string,
  note: string | null,
) {
  if (!(STOCKOUT_OUTCOMES as readonly string[]).includes(outcome))
    throw badInput('orders.bad_outcome', `Unknown outcome: ${outcome}`, {
      details: { field: 'outcome' },
      params: { value: outcome },
    });
  await findAnyOrder(ctx, storeId, orderId);
  await ctx.database.db.insert(orderEvents).values({
    storeId,
    id: newId(),
    orderId,
    kind: 'stockout_outcome',
    personId,
    channel: null,
    note,
    data: { outcome },
    at: ctx.clock.now(),
  });
  const task = await work.getTaskByKey(ctx, storeId, `stockout:${orderId}`);
  if (task && task.status !== 'done' && task.status !== 'cancelled')
    await work.updateTask(ctx, storeId, task.id, { status: 'done', outcome }, personId);
}

// ---- checks of odd facts -----------------------------------------------------------------------

async function upsertCheck(
  ctx: Ctx,
  storeId: string,
  kind: string,
  refId: string,
  orderId: string | null,
  data: unknown,
) {
  await ctx.database.db
    .insert(orderChecks)
    .values({ storeId, kind, refId, orderId, data, detectedAt: ctx.clock.now(), resolvedAt: null })
    .onConflictDoUpdate({
      target: [orderChecks.storeId, orderChecks.kind, orderChecks.refId],
      set: { data, resolvedAt: null },
    });
}

/**
 * Finds odd facts (issue 6 edge cases): status going backwards in a later export (the history
 * stays in fact_status_history), refunds adding up to more than paid, refunds whose order is not
 * imported (kept; resolved once the order arrives), reviews without an order id.
 */
export async function runChecks(
  ctx: Ctx,
  storeId: string,
  opts: { importId?: string } = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const hw = [eq(factStatusHistory.storeId, storeId), eq(factStatusHistory.kind, 'taobao-orders')];
  if (opts.importId) hw.push(eq(factStatusHistory.importId, opts.importId));
  const history = await ctx.database.db
    .select()
    .from(factStatusHistory)
    .where(and(...hw));
  let n = 0;
  for (const h of history) {
    if (!isBackwards(h.fromStatus, h.toStatus)) continue;
    n++;
    await upsertCheck(ctx, storeId, 'status_backwards', String(h.id), h.platformId, {
      from: h.fromStatus,
      to: h.toStatus,
      observedAt: h.observedAt.toISOString(),
    });
  }
  counts.status_backwards = n;

  // After an import, only its own refunds and the refunds of its orders (not the whole history).
  const refundTotals = await aftersales.refundTotalsByOrder(
    ctx,
    storeId,
    opts.importId
      ? {
          importId: opts.importId,
          orderIds: sql`(select ${orders.orderId} from ${orders} where ${orders.storeId} = ${storeId} and ${orders.importId} = ${opts.importId})`,
        }
      : undefined,
  );
  const paid = await paidAmounts(ctx, storeId, [...refundTotals.keys()]);
  n = 0;
  let unknown = 0;
  for (const [orderId, r] of refundTotals) {
    const p = paid.get(orderId);
    if (p === undefined) {
      unknown++;
      for (const id of r.refundIds)
        await upsertCheck(ctx, storeId, 'refund_unknown_order', id, orderId, null);
      continue;
    }
    const o = overRefunded(p, r.amounts);
    if (o.over) {
      n++;
      await upsertCheck(ctx, storeId, 'over_refund', orderId, orderId, {
        paidFen: p,
        refundedFen: o.totalFen,
      });
    }
  }
  counts.over_refund = n;
  counts.refund_unknown_order = unknown;
  // Refunds whose order has arrived since: linked now.
  await ctx.database.db.execute(sql`
    update order_checks c set resolved_at = ${ctx.clock.now()}
    where c.store_id = ${storeId} and c.kind = 'refund_unknown_order' and c.resolved_at is null
      and exists (select 1 from orders o where o.store_id = c.store_id and o.order_id = c.order_id)`);
  // A count over every review of the store (a 900 k-row scan at 2 years): for the daily run only,
  // an orders or refunds file changes nothing about reviews.
  if (!opts.importId) counts.review_without_order = await aftersales.countReviewsWithoutOrder(ctx, storeId);
  return counts;
}

export async function listChecks(ctx: Ctx, storeId: string, f: { kind?: string; openOnly?: boolean } = {}) {
  const where = [eq(orderChecks.storeId, storeId)];
  if (f.kind) where.push(eq(orderChecks.kind, f.kind));
  if (f.openOnly !== false) where.push(isNull(orderChecks.resolvedAt));
  return ctx.database.db
    .select()
    .from(orderChecks)
    .where(and(...where))
    .orderBy(desc(orderChecks.detectedAt))
    .limit(1000);
}

// ---- the order's story (drawer) ---------------------------------------------------------------

/** A JD order's story: its lines, status changes, desk records and tasks (no chats, no credit). */
async function jdStory(ctx: Ctx, storeId: string, orderId: string) {
  const [j] = await jdOrders(ctx, storeId, { orderId });
  if (!j) throw notFound('orders.not_found', 'No such order', { params: { id: orderId } });
  const lines = await ctx.database.db
    .select()
    .from(jdOrderLines)
    .where(and(eq(jdOrderLines.storeId, storeId), eq(jdOrderLines.orderId, orderId)));
  const [history, events, tasks] = await Promise.all([
    ctx.database.db
      .select()
      .from(factStatusHistory)
      .where(
        and(
          eq(factStatusHistory.storeId, storeId),
          eq(factStatusHistory.kind, 'jd-orders'),
          inArray(
            factStatusHistory.platformId,
            lines.map((l) => l.platformId),
          ),
        ),
      )
      .orderBy(asc(factStatusHistory.observedAt)),
    ctx.database.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.storeId, storeId), eq(orderEvents.orderId, orderId)))
      .orderBy(asc(orderEvents.at)),
    work.listTasks(ctx, storeId, { linkKind: 'order', linkId: orderId }),
  ]);
  const tz = await zoneOf(ctx, storeId);
  const [jdFlag] = await jdForAttribution(ctx, storeId, [j]);
  const attribution = await attributionOf(ctx, storeId, orderId);
  const chatLog = j.buyer
    ? await chats.chatMessagesOfBuyer(
        ctx,
        storeId,
        j.buyer,
        new Date(j.orderedAt.getTime() - CHAT_LOOKBACK_MS),
        new Date((j.completedAt ?? ctx.clock.now()).getTime() + 30 * 24 * HOUR_MS),
      )
    : [];
  const shipping = j.paidAt
    ? shippingState(
        { paidAt: j.paidAt, shippedAt: null, now: ctx.clock.now() },
        await getShippingSettings(ctx, storeId),
        tz,
      )
    : null;
  return {
    platform: 'jd' as const,
    order: {
      orderId,
      platformId: orderId,
      status: j.status,
      statusText: j.statusText,
      buyerAccount: j.buyer,
      totalAmountFen: j.amountFen,
      paidAmountFen: j.paidAt ? j.amountFen : 0,
      createdAt: j.orderedAt,
      paidAt: j.paidAt,
      shippedAt: null,
      itemTitles: j.itemTitles,
      flaggedBy: jdFlag?.flaggedBy ?? null,
      flaggedAt: jdFlag?.flaggedAt ?? null,
    },
    businessDate: businessDate(j.orderedAt, tz),
    items: lines.map((l) => ({
      platformId: l.platformId,
      title: l.productName ?? l.productId,
      skuCode: l.productId,
      quantity: l.quantity,
      priceFen: l.unitPriceFen ?? 0,
      properties: null,
    })),
    statusHistory: history.map((h) => ({ ...h, backwards: isBackwards(h.fromStatus, h.toStatus) })),
    events,
    checks: [],
    attribution,
    shipping,
    refunds: [],
    reviews: [],
    tasks: tasks.map((t) => work.taskDto(t, ctx.clock.now())),
    chats: chatLog,
  };
}

export async function orderStory(ctx: Ctx, storeId: string, orderId: string) {
  const [exists] = await ctx.database.db
    .select({ id: orders.orderId })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
  if (!exists) return jdStory(ctx, storeId, orderId);
  const o = await getOrder(ctx, storeId, orderId);
  const tz = await zoneOf(ctx, storeId);
  const [items, history, events, checks, attribution, refunds, reviews, tasks] = await Promise.all([
    ctx.database.db
      .select()
      .from(orderItems)
      .where(and(eq(orderItems.storeId, storeId), eq(orderItems.orderId, orderId))),
    ctx.database.db
      .select()
      .from(factStatusHistory)
      .where(
        and(
          eq(factStatusHistory.storeId, storeId),
          eq(factStatusHistory.kind, 'taobao-orders'),
          eq(factStatusHistory.platformId, o.platformId),
        ),
      )
      .orderBy(asc(factStatusHistory.observedAt)),
    ctx.database.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.storeId, storeId), eq(orderEvents.orderId, orderId)))
      .orderBy(asc(orderEvents.at)),
    ctx.database.db
      .select()
      .from(orderChecks)
      .where(and(eq(orderChecks.storeId, storeId), eq(orderChecks.orderId, orderId))),
    attributionOf(ctx, storeId, orderId),
    aftersales.refundsOfOrder(ctx, storeId, orderId),
    aftersales.reviewsOfOrder(ctx, storeId, orderId),
    work.listTasks(ctx, storeId, { linkKind: 'order', linkId: orderId }),
  ]);
  const chatLog = o.buyerAccount
    ? await chats.chatMessagesOfBuyer(
        ctx,
        storeId,
        o.buyerAccount,
        new Date(o.createdAt.getTime() - CHAT_LOOKBACK_MS),
        new Date((o.confirmedAt ?? ctx.clock.now()).getTime() + 30 * 24 * HOUR_MS),
      )
    : [];
  const shipping = o.paidAt
    ? shippingState(
        { paidAt: o.paidAt, shippedAt: o.shippedAt, now: ctx.clock.now() },
        await getShippingSettings(ctx, storeId),
        tz,
      )
    : null;
  return {
    platform: 'taobao' as const,
    order: o,
    businessDate: businessDate(o.createdAt, tz),
    items,
    statusHistory: history.map((h) => ({ ...h, backwards: isBackwards(h.fromStatus, h.toStatus) })),
    events,
    checks,
    attribution,
    shipping,
    refunds,
    reviews,
    tasks: tasks.map((t) => work.taskDto(t, ctx.clock.now())),
    chats: chatLog,
  };
}

/** Search orders for the desk (by id or buyer). */
export async function searchOrders(ctx: Ctx, storeId: string, q: string, limit = 50) {
  const like = `%${q.replace(/[%_]/g, '')}%`;
  return ctx.database.db
    .select({
      orderId: orders.orderId,
      buyer: orders.buyerAccount,
      status: orders.status,
      paidAmountFen: orders.paidAmountFen,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        sql`(${orders.orderId} like ${like} or ${orders.buyerAccount} like ${like})`,
      ),
    )
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}

// ---- tasks from the queues (after imports, daily) ------------------------------------------------

/**
 * Puts the queues into people's task lists, one task per person (or role) and business date:
 * unpaid orders to urge (to the CS who flagged or chatted, else the pre-sale role) and
 * shipments at risk or late (to the warehouse). Idempotent by dedupe keys.
 */
export async function ensureQueueTasks(ctx: Ctx, storeId: string, date?: string) {
  const tz = await zoneOf(ctx, storeId);
  const now = ctx.clock.now();
  const day = date ?? businessDate(now, tz);
  const rules = await getUnpaidSettings(ctx, storeId);
  const unpaid = (
    await listUnpaid(ctx, storeId, { createdFrom: addDays(day, -rules.urgeWindowDays) })
  ).filter((u) => u.hoursUnpaid >= rules.urgeAfterHours);
  const { members } = await chatAccountResolver(ctx, storeId);
  const groups = new Map<string, { personId: string | null; orders: UnpaidRow[] }>();
  for (const u of unpaid) {
    const flagger = u.flaggedBy && members.has(u.flaggedBy) ? u.flaggedBy : null;
    const p = flagger ?? u.chattedBy.find((c) => c.personId)?.personId ?? null;
    const key = p ?? 'role:cs_presale';
    const g = groups.get(key) ?? { personId: p, orders: [] };
    g.orders.push(u);
    groups.set(key, g);
  }
  let created = 0;
  const endOfDay = startOfBusinessDate(addDays(day, 1), tz);
  for (const [key, g] of groups) {
    const t = await work.createTask(ctx, storeId, {
      title: `催付：${g.orders.length} 单待付款（${day}）`,
      description: g.orders
        .slice(0, 50)
        .map((o) => `${o.orderId} ${o.buyer ?? ''} ¥${(o.amountFen / 100).toFixed(2)}`)
        .join('\n'),
      ...(g.personId ? { ownerPersonId: g.personId } : { ownerRole: 'cs_presale' }),
      dueAt: endOfDay,
      priority: 'normal',
      links: g.orders.slice(0, 50).map((o) => ({ kind: 'order', id: o.orderId, label: o.orderId })),
      source: 'orders',
      dedupeKey: `unpaid:${day}:${key}`,
    });
    if (t.created) created++;
  }
  const risky = await listShipping(ctx, storeId, { states: ['at_risk', 'overdue', 'late'] });
  if (risky.length) {
    const late = risky.filter((r) => r.state === 'late').length;
    const t = await work.createTask(ctx, storeId, {
      title: `发货预警：${risky.length} 单临期/超时${late ? `（${late} 单已超 48 小时）` : ''}`,
      description: risky
        .slice(0, 50)
        .map((r) => `${r.orderId} ${r.state} 截止 ${r.target}`)
        .join('\n'),
      ownerRole: 'warehouse',
      dueAt: new Date(Math.min(...risky.map((r) => Date.parse(r.target)))),
      priority: late ? 'urgent' : 'high',
      links: risky.slice(0, 50).map((r) => ({ kind: 'order', id: r.orderId, label: r.orderId })),
      source: 'orders',
      dedupeKey: `ship-risk:${day}`,
    });
    if (t.created) created++;
  }
  return { unpaid: unpaid.length, atRisk: risky.length, tasksCreated: created };
}

/** Follower of imports (src/imports/after-import.ts): checks and queue tasks. */
export async function ordersAfterImport(
  ctx: Ctx,
  e: { storeId: string; importId: string; kind: string },
): Promise<void> {
  if (e.kind === 'taobao-orders') {
    await runChecks(ctx, e.storeId, { importId: e.importId });
    await ensureQueueTasks(ctx, e.storeId);
    await detectStockouts(ctx, e.storeId);
  } else if (e.kind === 'taobao-order-items' || e.kind === 'stock') {
    await detectStockouts(ctx, e.storeId);
  } else if (e.kind === 'jd-orders') {
    await ensureQueueTasks(ctx, e.storeId);
  } else if (e.kind === 'taobao-refunds') {
    await runChecks(ctx, e.storeId, { importId: e.importId });
  }
}

/** The daily run (10:30, "store foundation" of DOMAIN.md §2): queues → tasks, checks. */
export async function dailyOrders(ctx: Ctx, storeId: string, date: string) {
  const checks = await runChecks(ctx, storeId);
  const queues = await ensureQueueTasks(ctx, storeId, date);
  const stockouts = await detectStockouts(ctx, storeId);
  const refunds = await aftersales.ensureRefundFollowUps(ctx, storeId);
  const reviews = await aftersales.ensureReviewCases(ctx, storeId);
  const spikes = await aftersales.ensureSpikeTasks(ctx, storeId, addDays(date, -1));
  return { checks, queues, stockouts, refunds, reviews, spikes };
}

/** Sets a flag at a given time (demo data and corrections typed in later; no takeover check). */
export async function recordFlagAt(
  ctx: Ctx,
  storeId: string,
  orderId: string,
  personId: string,
  at: Date,
  color = 'red',
) {
  await ctx.database.db
    .update(orders)
    .set({ flagColor: color, flaggedBy: personId, flaggedAt: at })
    .where(and(eq(orders.storeId, storeId), eq(orders.orderId, orderId)));
  await ctx.database.db.insert(orderEvents).values({
    storeId,
    id: newId(),
    orderId,
    kind: 'flag',
    personId,
    channel: null,
    note: null,
    data: { color, recorded: true },
    at,
  });
}

export async function isSettingSet(ctx: Ctx, storeId: string, key: string): Promise<boolean> {
  return (await getSetting(ctx, storeId, key)) !== null;
}

export async function markSetting(ctx: Ctx, storeId: string, key: string): Promise<void> {
  await putSetting(ctx, storeId, key, true, null);
}

/** One business date of paid sales (orders counted on the day they were paid). */
export type DailySales = { date: string; gmvFen: number; orders: number; units: number; newBuyers: number };

/**
 * Paid sales per business date in [from, to] (store zone): GMV = 买家实际支付金额 of orders paid
 * that day (closed-before-payment orders have no paid time), units = 宝贝总数量, new buyers =
 * buyers whose first paid order in this store falls on that day. Used by marketing's campaign
 * results until the diagnosis rollups land.
 */
export async function dailySales(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<DailySales[]> {
  const tz = sqlLiteral(timeZone);
  const res = await ctx.database.db.execute(
    sql.raw(`with paid as (
        select buyer_account, paid_amount_fen, coalesce(item_quantity, 0) as qty,
               (paid_at at time zone ${tz})::date as d
        from orders where store_id = ${sqlLiteral(storeId)} and paid_at is not null
      ), firsts as (
        select buyer_account, min(d) as first_d from paid where buyer_account is not null group by buyer_account
      )
      select to_char(p.d, 'YYYY-MM-DD') as date, sum(p.paid_amount_fen)::bigint as gmv, count(*)::int as n,
             sum(p.qty)::bigint as units,
             (select count(*) from firsts f where f.first_d = p.d)::int as new_buyers
      from paid p where p.d between ${sqlLiteral(from)}::date and ${sqlLiteral(to)}::date
      group by p.d order by p.d`),
  );
  const rows = (res as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    date: String(r.date),
    gmvFen: Number(r.gmv),
    orders: Number(r.n),
    units: Number(r.units),
    newBuyers: Number(r.new_buyers),
  }));
}

// ---- for service (issue 7) ----
/**
 * Orders created or paid in [from, to) with what the CS inquiry KPIs need: the buyer (买家会员名, as
 * in the chat log), creation and payment times and the paid amount. Who is credited with an order
 * comes from `attributeOrders` (the KPIs read both).
 */
export type CsKpiOrder = {
  orderId: string;
  buyer: string;
  createdAt: Date;
  paidAt: Date | null;
  paidFen: number;
};

/**
 * `ordersForCsKpis(from, to)` and `attributeOrders(fromDate, toDate, cover)` from one read of the
 * orders table: the rows created or paid in either window, split here. Exactly the two calls'
 * results; for an engine that runs its reads in turn (PGlite), where reading a month of orders
 * twice costs the KPI recompute a tenth of its time.
 */
export async function ordersAndAttributionForCsKpis(
  ctx: Ctx,
  storeId: string,
  window: { from: Date; to: Date },
  fromDate: string,
  toDate: string,
  cover?: chats.TouchCover,
  /** Called between the read and the attribution (the KPI recompute collects the read's garbage there). */
  afterRead: () => void = () => {},
): Promise<{ orders: CsKpiOrder[]; attributed: AttributionDto[] }> {
  const tz = await zoneOf(ctx, storeId);
  const paidFrom = startOfBusinessDate(fromDate, tz);
  const paidTo = startOfBusinessDate(addDays(toDate, 1), tz);
  const lo = new Date(Math.min(window.from.getTime(), paidFrom.getTime()));
  const hi = new Date(Math.max(window.to.getTime(), paidTo.getTime()));
  const rows = await ctx.database.db
    .select({ ...attributionColumns, buyer: csKpiBuyer })
    .from(orders)
    .where(createdOrPaidIn(storeId, lo, hi));
  const [wFrom, wTo, pFrom, pTo] = [
    window.from.getTime(),
    window.to.getTime(),
    paidFrom.getTime(),
    paidTo.getTime(),
  ];
  const kpiOrders: CsKpiOrder[] = [];
  const paid: Omit<AttributedOrder, 'platform'>[] = [];
  for (const r of rows) {
    const created = r.createdAt.getTime();
    const paidAt = r.paidAt?.getTime() ?? Number.NaN;
    if ((created >= wFrom && created < wTo) || (paidAt >= wFrom && paidAt < wTo))
      kpiOrders.push({
        orderId: r.orderId,
        buyer: r.buyer,
        createdAt: r.createdAt,
        paidAt: r.paidAt,
        paidFen: r.paidAmountFen,
      });
    if (paidAt >= pFrom && paidAt < pTo)
      paid.push({
        orderId: r.orderId,
        createdAt: r.createdAt,
        paidAt: r.paidAt,
        paidAmountFen: r.paidAmountFen,
        buyerAccount: r.buyerAccount,
        flaggedBy: r.flaggedBy,
        flaggedAt: r.flaggedAt,
      });
  }
  paid.sort((a, b) => a.paidAt!.getTime() - b.paidAt!.getTime());
  afterRead();
  return {
    orders: kpiOrders,
    attributed: await attributeWithJd(ctx, storeId, paid, paidFrom, paidTo, cover),
  };
}

export async function ordersForCsKpis(
  ctx: Ctx,
  storeId: string,
  from: Date,
  to: Date,
): Promise<CsKpiOrder[]> {
  return ctx.database.db
    .select({
      orderId: orders.orderId,
      buyer: csKpiBuyer,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      paidFen: orders.paidAmountFen,
    })
    .from(orders)
    .where(createdOrPaidIn(storeId, from, to));
}
