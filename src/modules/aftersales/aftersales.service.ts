import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, startOfBusinessDate } from '../../core/time';
import { inJsonList } from '../../db/columns';
import { sinkFromTable } from '../../db/facts';
import { keyValueSettings } from '../../db/settings';
import { REFUND_CAUSES, type RefundCause } from '../orders/orders.rules';
import * as orders from '../orders/orders.service';
import { memberRoles, storeTimeZone } from '../team/team.service';
import * as work from '../work/work.service';
import {
  classifyReview,
  DEFAULT_LEXICON,
  DEFAULT_SPIKE,
  deadlineState,
  EVIDENCE_ITEMS,
  effectiveCause,
  evidenceNeeded,
  hasPlatformIntervention,
  isSpike,
  listingIssue,
  pareto,
  REVIEW_CLASSES,
  REVIEW_OUTCOMES,
  type ReviewClass,
  rateBp,
  refundCause,
  reviewCountsAgainstCs,
  type SpikeSettings,
  spikeSettingsProblems,
} from './aftersales.rules';
import {
  aftersalesSettings,
  buyerQuestions,
  type ContactAttempt,
  disputes,
  refundCases,
  refunds,
  reviewCases,
  reviews,
} from './aftersales.schema';

export type { ContactAttempt };

/** Where imported refund and review files land. */
export const aftersalesImportSinks = {
  'taobao-refunds': sinkFromTable('taobao-refunds', refunds, { statusColumn: 'status' }),
  reviews: sinkFromTable('reviews', reviews),
};

export type RefundRow = typeof refunds.$inferSelect;
const HOUR = 3_600_000;
/** Follow-up tasks are made for refunds and reviews of the last days only (not a year of history). */
export const RECENT_DAYS = 7;
export const REFUND_OUTCOMES = ['resolved', 'buyer_unreachable', 'escalated', 'other'] as const;
export const DISPUTE_STATUSES = ['open', 'won', 'lost', 'withdrawn'] as const;

let jieba: Jieba | null = null;
function cut(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text);
}

const zoneOf = storeTimeZone;

// ---- settings -----------------------------------------------------------------------------------

const settings = keyValueSettings(aftersalesSettings, 'aftersales');
const spike = settings.entry<SpikeSettings>('spike', DEFAULT_SPIKE, spikeSettingsProblems);
const getSetting = settings.get;
const putSetting = settings.put;

export async function getLexicon(ctx: Ctx, storeId: string): Promise<Record<string, string[]>> {
  return (await getSetting<Record<string, string[]>>(ctx, storeId, 'lexicon')) ?? DEFAULT_LEXICON;
}

export async function setLexicon(
  ctx: Ctx,
  storeId: string,
  lexicon: Record<string, string[]>,
  personId: string | null,
) {
  for (const k of Object.keys(lexicon)) {
    if (!(REVIEW_CLASSES as readonly string[]).includes(k) || k === 'other')
      throw badInput('aftersales.bad_class', `Unknown reason class: ${k}`, {
        details: { field: k },
        params: { value: k },
      });
  }
  await putSetting(ctx, storeId, 'lexicon', lexicon, personId);
  return lexicon;
}

/** Refund spike thresholds (checked: `spikeSettingsProblems`). */
export const getSpikeSettings = spike.get;
export const setSpikeSettings = spike.set;

// ---- read functions other modules use -------------------------------------------------------------

/** Finished (succeeded) refunds per order with their effective cause — for attribution. */
export async function finishedRefundCauses(
  ctx: Ctx,
  storeId: string,
  orderIds: string[],
): Promise<Map<string, { refundId: string; amountFen: number; cause: RefundCause }[]>> {
  const out = new Map<string, { refundId: string; amountFen: number; cause: RefundCause }[]>();
  if (orderIds.length === 0) return out;
  const rows = await ctx.database.db
    .select({ r: refunds, override: refundCases.causeOverride })
    .from(refunds)
    .leftJoin(
      refundCases,
      and(eq(refundCases.storeId, refunds.storeId), eq(refundCases.refundId, refunds.refundId)),
    )
    .where(
      and(
        eq(refunds.storeId, storeId),
        eq(refunds.status, 'succeeded'),
        inJsonList(refunds.orderId, orderIds),
      ),
    );
  for (const { r, override } of rows) {
    const list = out.get(r.orderId) ?? [];
    list.push({
      refundId: r.refundId,
      amountFen: r.refundAmountFen,
      cause: effectiveCause(autoCause(r), override),
    });
    out.set(r.orderId, list);
  }
  return out;
}

/** Bad reviews of the orders judged caused by CS and not changed to good (DOMAIN.md §5). */
export async function csBadReviewsOfOrders(
  ctx: Ctx,
  storeId: string,
  orderIds: string[],
): Promise<Map<string, { reviewId: string }[]>> {
  const out = new Map<string, { reviewId: string }[]>();
  if (orderIds.length === 0) return out;
  const rows = await ctx.database.db
    .select({ orderId: reviews.orderId, reviewId: reviews.reviewId, c: reviewCases })
    .from(reviewCases)
    .innerJoin(
      reviews,
      and(eq(reviews.storeId, reviewCases.storeId), eq(reviews.platformId, reviewCases.reviewKey)),
    )
    .where(and(eq(reviewCases.storeId, storeId), inJsonList(reviews.orderId, orderIds)));
  for (const r of rows) {
    const cls = r.c.reasonClass ?? r.c.suggestedClass;
    if (!r.orderId || !reviewCountsAgainstCs({ reasonClass: cls, outcome: r.c.outcome })) continue;
    const list = out.get(r.orderId) ?? [];
    list.push({ reviewId: r.reviewId });
    out.set(r.orderId, list);
  }
  return out;
}

/** Refund amounts per order (refunds not closed), for the over-refund and unknown-order checks. */
export async function refundTotalsByOrder(
  ctx: Ctx,
  storeId: string,
  /**
   * Only what one import touched (an import's follower must not re-read a store's whole history):
   * refunds written by `importId`, and every refund of the orders `orderIds` (a subquery).
   */
  touched?: { importId: string; orderIds: SQL },
) {
  const scope = touched
    ? or(eq(refunds.importId, touched.importId), inArray(refunds.orderId, touched.orderIds))
    : undefined;
  const rows = await ctx.database.db
    .select({ orderId: refunds.orderId, refundId: refunds.refundId, amount: refunds.refundAmountFen })
    .from(refunds)
    .where(and(eq(refunds.storeId, storeId), ne(refunds.status, 'closed'), scope));
  const m = new Map<string, { refundIds: string[]; amounts: number[] }>();
  for (const r of rows) {
    const e = m.get(r.orderId) ?? { refundIds: [], amounts: [] };
    e.refundIds.push(r.refundId);
    e.amounts.push(r.amount);
    m.set(r.orderId, e);
  }
  return m;
}

export async function countReviewsWithoutOrder(ctx: Ctx, storeId: string): Promise<number> {
  const [r] = await ctx.database.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), isNull(reviews.orderId)));
  return r?.n ?? 0;
}

export async function refundsOfOrder(ctx: Ctx, storeId: string, orderId: string) {
  const rows = await ctx.database.db
    .select({ r: refunds, c: refundCases })
    .from(refunds)
    .leftJoin(
      refundCases,
      and(eq(refundCases.storeId, refunds.storeId), eq(refundCases.refundId, refunds.refundId)),
    )
    .where(and(eq(refunds.storeId, storeId), eq(refunds.orderId, orderId)))
    .orderBy(asc(refunds.requestedAt));
  return rows.map(({ r, c }) => ({ ...r, cause: effectiveCause(autoCause(r), c?.causeOverride), case: c }));
}

export async function reviewsOfOrder(ctx: Ctx, storeId: string, orderId: string) {
  const rows = await ctx.database.db
    .select({ v: reviews, c: reviewCases })
    .from(reviews)
    .leftJoin(
      reviewCases,
      and(eq(reviewCases.storeId, reviews.storeId), eq(reviewCases.reviewKey, reviews.platformId)),
    )
    .where(and(eq(reviews.storeId, storeId), eq(reviews.orderId, orderId)));
  return rows.map(({ v, c }) => ({ ...v, case: c }));
}

// ---- refunds ----------------------------------------------------------------------------------------

function autoCause(
  r: Pick<RefundRow, 'refundReason' | 'refundDescription' | 'responsibleParty'>,
): RefundCause {
  return refundCause({
    reason: r.refundReason,
    description: r.refundDescription,
    responsibleParty: r.responsibleParty,
  });
}

export const REFUND_GROUPS = ['reason', 'product', 'sku', 'responsibility', 'stage', 'cause'] as const;
export type RefundGroup = (typeof REFUND_GROUPS)[number];

/**
 * Refund statistics over business dates (by request date): count, amount and rate (refunds /
 * paid orders of the same days) per group, in Pareto order, plus the daily series.
 */
export async function refundStats(
  ctx: Ctx,
  storeId: string,
  fromDate: string,
  toDate: string,
  groupBy: RefundGroup = 'reason',
) {
  const tz = await zoneOf(ctx, storeId);
  const rows = await ctx.database.db
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.storeId, storeId),
        gte(refunds.requestedAt, startOfBusinessDate(fromDate, tz)),
        lt(refunds.requestedAt, startOfBusinessDate(addDays(toDate, 1), tz)),
      ),
    );
  const overrides = await caseOverrides(
    ctx,
    storeId,
    rows.map((r) => r.refundId),
  );
  const keyOf = (r: RefundRow): string => {
    switch (groupBy) {
      case 'reason':
        return r.refundReason ?? '';
      case 'product':
        return r.itemTitle ?? r.productCode ?? '';
      case 'sku':
        return r.productCode ?? '';
      case 'responsibility':
        return r.responsibleParty ?? '';
      case 'stage':
        return r.stage ?? '';
      case 'cause':
        return effectiveCause(autoCause(r), overrides.get(r.refundId));
    }
  };
  const groups = new Map<string, { key: string; count: number; amountFen: number }>();
  const daily = new Map<string, { date: string; count: number; amountFen: number }>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = groups.get(k) ?? { key: k, count: 0, amountFen: 0 };
    g.count++;
    g.amountFen += r.refundAmountFen;
    groups.set(k, g);
    const d = businessDate(r.requestedAt, tz);
    const e = daily.get(d) ?? { date: d, count: 0, amountFen: 0 };
    e.count++;
    e.amountFen += r.refundAmountFen;
    daily.set(d, e);
  }
  const paid = await orders.paidOrderCounts(ctx, storeId, fromDate, toDate);
  const paidTotal = [...paid.values()].reduce((a, b) => a + b, 0);
  const days: { date: string; count: number; amountFen: number; paidOrders: number; rateBp: number }[] = [];
  for (let d = fromDate; d <= toDate; d = addDays(d, 1)) {
    const e = daily.get(d) ?? { date: d, count: 0, amountFen: 0 };
    const p = paid.get(d) ?? 0;
    days.push({ ...e, paidOrders: p, rateBp: rateBp(e.count, p) });
  }
  return {
    groupBy,
    total: {
      count: rows.length,
      amountFen: rows.reduce((s, r) => s + r.refundAmountFen, 0),
      paidOrders: paidTotal,
      rateBp: rateBp(rows.length, paidTotal),
    },
    groups: pareto([...groups.values()]).map((g) => ({ ...g, rateBp: rateBp(g.count, paidTotal) })),
    days,
  };
}

async function caseOverrides(
  ctx: Ctx,
  storeId: string,
  refundIds: string[],
): Promise<Map<string, string | null>> {
  const m = new Map<string, string | null>();
  for (let i = 0; i < refundIds.length; i += 5000) {
    const rows = await ctx.database.db
      .select({ id: refundCases.refundId, o: refundCases.causeOverride })
      .from(refundCases)
      .where(
        and(eq(refundCases.storeId, storeId), inArray(refundCases.refundId, refundIds.slice(i, i + 5000))),
      );
    for (const r of rows) m.set(r.id, r.o);
  }
  return m;
}

/** Reasons and products whose refunds on `date` spike against the days before. */
export async function refundSpikes(ctx: Ctx, storeId: string, date: string) {
  const s = await getSpikeSettings(ctx, storeId);
  const from = addDays(date, -s.baselineDays);
  const tz = await zoneOf(ctx, storeId);
  const rows = await ctx.database.db
    .select({ reason: refunds.refundReason, product: refunds.itemTitle, at: refunds.requestedAt })
    .from(refunds)
    .where(
      and(
        eq(refunds.storeId, storeId),
        gte(refunds.requestedAt, startOfBusinessDate(from, tz)),
        lt(refunds.requestedAt, startOfBusinessDate(addDays(date, 1), tz)),
      ),
    );
  const out: { kind: 'reason' | 'product'; key: string; today: number; mean: number; threshold: number }[] =
    [];
  for (const kind of ['reason', 'product'] as const) {
    const counts = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const k = (kind === 'reason' ? r.reason : r.product) ?? '';
      const d = businessDate(r.at, tz);
      const m = counts.get(k) ?? new Map<string, number>();
      m.set(d, (m.get(d) ?? 0) + 1);
      counts.set(k, m);
    }
    for (const [k, m] of counts) {
      const prev: number[] = [];
      for (let d = from; d < date; d = addDays(d, 1)) prev.push(m.get(d) ?? 0);
      const today = m.get(date) ?? 0;
      const sp = isSpike(today, prev, s);
      if (sp.spike) out.push({ kind, key: k, today, mean: sp.mean, threshold: sp.threshold });
    }
  }
  return out.sort((a, b) => b.today - a.today);
}

export type RefundQueueRow = RefundRow & {
  cause: RefundCause;
  autoCause: RefundCause;
  listingIssue: string | null;
  case: typeof refundCases.$inferSelect | null;
  intervention: boolean;
};

export async function listRefunds(
  ctx: Ctx,
  storeId: string,
  f: { fromDate?: string; toDate?: string; reason?: string; openOnly?: boolean; limit?: number } = {},
): Promise<RefundQueueRow[]> {
  const tz = await zoneOf(ctx, storeId);
  const where = [eq(refunds.storeId, storeId)];
  if (f.fromDate) where.push(gte(refunds.requestedAt, startOfBusinessDate(f.fromDate, tz)));
  if (f.toDate) where.push(lt(refunds.requestedAt, startOfBusinessDate(addDays(f.toDate, 1), tz)));
  if (f.reason) where.push(eq(refunds.refundReason, f.reason));
  const rows = await ctx.database.db
    .select({ r: refunds, c: refundCases })
    .from(refunds)
    .leftJoin(
      refundCases,
      and(eq(refundCases.storeId, refunds.storeId), eq(refundCases.refundId, refunds.refundId)),
    )
    .where(and(...where))
    .orderBy(desc(refunds.requestedAt))
    .limit(f.limit ?? 1000);
  return rows
    .map(({ r, c }) => {
      const auto = autoCause(r);
      return {
        ...r,
        autoCause: auto,
        cause: effectiveCause(auto, c?.causeOverride),
        listingIssue: listingIssue(r.refundReason, r.refundDescription),
        case: c,
        intervention: hasPlatformIntervention(r.csInterventionStatus),
      };
    })
    .filter((r) => !f.openOnly || !r.case?.outcome);
}

async function ensureRefundCase(ctx: Ctx, storeId: string, refundId: string) {
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(refundCases)
    .values({
      storeId,
      refundId,
      causeOverride: null,
      ownerPersonId: null,
      outcome: null,
      outcomeNote: null,
      revisitTaskId: null,
      listingTaskId: null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/**
 * Each recent refund → a revisit task for after-sale CS (one per refund); a reason pointing at
 * the listing → one task per product and issue for the operations assistant; a refund with
 * platform intervention → a dispute case. `importId` limits to the refunds an import wrote.
 */
export async function ensureRefundFollowUps(
  ctx: Ctx,
  storeId: string,
  opts: { importId?: string; sinceDays?: number } = {},
): Promise<{ revisits: number; listing: number; disputes: number }> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - (opts.sinceDays ?? RECENT_DAYS) * 24 * HOUR);
  const where = [eq(refunds.storeId, storeId), gte(refunds.requestedAt, since)];
  if (opts.importId) where.push(eq(refunds.importId, opts.importId));
  const rows = await ctx.database.db
    .select()
    .from(refunds)
    .where(and(...where))
    .limit(5000);
  let revisits = 0;
  let listing = 0;
  let disputeCount = 0;
  for (const r of rows) {
    await ensureRefundCase(ctx, storeId, r.refundId);
    const links = [
      { kind: 'refund', id: r.refundId, label: r.refundId },
      { kind: 'order', id: r.orderId, label: r.orderId },
    ];
    const t = await work.createTask(ctx, storeId, {
      title: `退款回访：${r.itemTitle ?? r.orderId}（${r.refundReason ?? '未填原因'}）`,
      description: r.refundDescription,
      ownerRole: 'cs_aftersale',
      dueAt: new Date(now.getTime() + 24 * HOUR),
      priority: 'normal',
      links,
      source: 'aftersales',
      dedupeKey: `refund-revisit:${r.refundId}`,
    });
    if (t.created) revisits++;
    const patch: Partial<typeof refundCases.$inferInsert> = { revisitTaskId: t.task.id };
    const issue = listingIssue(r.refundReason, r.refundDescription);
    if (issue) {
      const product = r.productCode ?? r.itemTitle ?? r.orderId;
      const lt2 = await work.createTask(ctx, storeId, {
        title: `详情页待修正（${{ size: '尺码/尺寸', colour: '颜色/色差', description: '描述不符' }[issue]}）：${r.itemTitle ?? product}`,
        description: `退款 ${r.refundId}：${r.refundReason ?? ''} ${r.refundDescription ?? ''}`.trim(),
        ownerRole: 'ops_assistant',
        dueAt: new Date(now.getTime() + 72 * HOUR),
        priority: 'normal',
        links: [{ kind: 'product', id: product, label: r.itemTitle ?? product }, ...links],
        source: 'aftersales',
        dedupeKey: `listing-fix:${product}:${issue}`,
      });
      if (lt2.created) listing++;
      patch.listingTaskId = lt2.task.id;
    }
    await ctx.database.db
      .update(refundCases)
      .set(patch)
      .where(and(eq(refundCases.storeId, storeId), eq(refundCases.refundId, r.refundId)));
    if (hasPlatformIntervention(r.csInterventionStatus)) {
      if (await ensureDisputeFromRefund(ctx, storeId, r)) disputeCount++;
    }
  }
  return { revisits, listing, disputes: disputeCount };
}

export async function updateRefundCase(
  ctx: Ctx,
  storeId: string,
  refundId: string,
  input: {
    cause?: string | null;
    ownerPersonId?: string | null;
    outcome?: string | null;
    outcomeNote?: string | null;
  },
  personId: string | null,
) {
  const [r] = await ctx.database.db
    .select()
    .from(refunds)
    .where(and(eq(refunds.storeId, storeId), eq(refunds.refundId, refundId)));
  if (!r) throw notFound('aftersales.refund_not_found', 'No such refund', { params: { id: refundId } });
  if (input.cause != null && !(REFUND_CAUSES as readonly string[]).includes(input.cause))
    throw badInput('aftersales.bad_cause', `Unknown cause: ${input.cause}`, {
      details: { field: 'cause' },
      params: { value: input.cause },
    });
  if (input.outcome != null && !(REFUND_OUTCOMES as readonly string[]).includes(input.outcome))
    throw badInput('aftersales.bad_outcome', `Unknown outcome: ${input.outcome}`, {
      details: { field: 'outcome' },
      params: { value: input.outcome },
    });
  await checkMember(ctx, storeId, input.ownerPersonId);
  await ensureRefundCase(ctx, storeId, refundId);
  const patch: Partial<typeof refundCases.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (input.cause !== undefined) patch.causeOverride = input.cause;
  if (input.ownerPersonId !== undefined) patch.ownerPersonId = input.ownerPersonId;
  if (input.outcome !== undefined) patch.outcome = input.outcome;
  if (input.outcomeNote !== undefined) patch.outcomeNote = input.outcomeNote;
  const [c] = await ctx.database.db
    .update(refundCases)
    .set(patch)
    .where(and(eq(refundCases.storeId, storeId), eq(refundCases.refundId, refundId)))
    .returning();
  const task = await work.getTaskByKey(ctx, storeId, `refund-revisit:${refundId}`);
  if (task) {
    const closed = task.status === 'done' || task.status === 'cancelled';
    await work.updateTask(
      ctx,
      storeId,
      task.id,
      {
        ...(input.ownerPersonId !== undefined ? { ownerPersonId: input.ownerPersonId } : {}),
        ...(input.outcome ? { outcome: input.outcome, ...(closed ? {} : { status: 'done' as const }) } : {}),
      },
      personId,
    );
  }
  return c!;
}

async function checkMember(ctx: Ctx, storeId: string, personId: string | null | undefined) {
  if (personId && (await memberRoles(ctx, storeId, personId)) === null)
    throw badInput('aftersales.owner_not_in_store', 'The owner is not a member of this store', {
      details: { field: 'ownerPersonId' },
    });
}

// ---- bad and medium reviews --------------------------------------------------------------------------

/**
 * Bad and medium reviews → a case with the suggested reason class (jieba words + lexicon) and a
 * task to phone the buyer the same day (DOMAIN.md §4). Recent reviews only (or one import's).
 */
export async function ensureReviewCases(
  ctx: Ctx,
  storeId: string,
  opts: { importId?: string; sinceDays?: number } = {},
): Promise<{ cases: number; tasks: number }> {
  const now = ctx.clock.now();
  const tz = await zoneOf(ctx, storeId);
  const lexicon = await getLexicon(ctx, storeId);
  const since = new Date(now.getTime() - (opts.sinceDays ?? RECENT_DAYS) * 24 * HOUR);
  const where = [
    eq(reviews.storeId, storeId),
    inArray(reviews.sentiment, ['bad', 'neutral']),
    gte(reviews.reviewedAt, since),
  ];
  if (opts.importId) where.push(eq(reviews.importId, opts.importId));
  const rows = await ctx.database.db
    .select()
    .from(reviews)
    .where(and(...where))
    .limit(5000);
  let cases = 0;
  let tasks = 0;
  for (const v of rows) {
    const { cls, hits } = classifyReview(cut(v.content ?? ''), lexicon);
    const inserted = await ctx.database.db
      .insert(reviewCases)
      .values({
        storeId,
        reviewKey: v.platformId,
        suggestedClass: cls,
        hits,
        reasonClass: null,
        ownerPersonId: null,
        blamedPersonId: null,
        contacts: [],
        outcome: null,
        publicReply: null,
        taskId: null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length) cases++;
    const day = businessDate(v.reviewedAt, tz);
    const endOfDay = startOfBusinessDate(addDays(day, 1), tz);
    const t = await work.createTask(ctx, storeId, {
      title: `${v.sentiment === 'bad' ? '差评' : '中评'}当天电话回访：${(v.content ?? '').slice(0, 30)}`,
      description: v.content,
      ownerRole: 'cs_aftersale',
      dueAt: endOfDay > now ? endOfDay : new Date(now.getTime() + 4 * HOUR),
      priority: v.sentiment === 'bad' ? 'high' : 'normal',
      links: [
        { kind: 'review', id: v.platformId, label: v.reviewId },
        ...(v.orderId ? [{ kind: 'order', id: v.orderId, label: v.orderId }] : []),
        { kind: 'product', id: v.productId, label: v.productId },
      ],
      source: 'aftersales',
      dedupeKey: `review:${v.platformId}`,
    });
    if (t.created) tasks++;
    await ctx.database.db
      .update(reviewCases)
      .set({ taskId: t.task.id })
      .where(and(eq(reviewCases.storeId, storeId), eq(reviewCases.reviewKey, v.platformId)));
  }
  return { cases, tasks };
}

export async function listReviewCases(
  ctx: Ctx,
  storeId: string,
  f: {
    fromDate?: string;
    toDate?: string;
    cls?: string;
    openOnly?: boolean;
    sentiment?: string;
    limit?: number;
  } = {},
) {
  const tz = await zoneOf(ctx, storeId);
  const where = [eq(reviewCases.storeId, storeId)];
  if (f.fromDate) where.push(gte(reviews.reviewedAt, startOfBusinessDate(f.fromDate, tz)));
  if (f.toDate) where.push(lt(reviews.reviewedAt, startOfBusinessDate(addDays(f.toDate, 1), tz)));
  if (f.sentiment) where.push(eq(reviews.sentiment, f.sentiment));
  if (f.openOnly) where.push(isNull(reviewCases.outcome));
  const rows = await ctx.database.db
    .select({ v: reviews, c: reviewCases })
    .from(reviewCases)
    .innerJoin(
      reviews,
      and(eq(reviews.storeId, reviewCases.storeId), eq(reviews.platformId, reviewCases.reviewKey)),
    )
    .where(and(...where))
    .orderBy(desc(reviews.reviewedAt))
    .limit(f.limit ?? 1000);
  const today = businessDate(ctx.clock.now(), tz);
  return rows
    .map(({ v, c }) => {
      const cls = c.reasonClass ?? c.suggestedClass;
      const day = businessDate(v.reviewedAt, tz);
      const calledSameDay = c.contacts.some(
        (a) => a.channel === 'phone' && businessDate(new Date(a.at), tz) === day,
      );
      return {
        ...v,
        case: c,
        reasonClass: cls,
        countsAgainstCs: reviewCountsAgainstCs({ reasonClass: cls, outcome: c.outcome }),
        calledSameDay,
        needsCallToday: !calledSameDay && !c.outcome && day <= today,
      };
    })
    .filter((r) => !f.cls || r.reasonClass === f.cls);
}

export async function updateReviewCase(
  ctx: Ctx,
  storeId: string,
  reviewKey: string,
  input: {
    reasonClass?: string | null;
    ownerPersonId?: string | null;
    blamedPersonId?: string | null;
    outcome?: string | null;
    publicReply?: string | null;
    contact?: { channel: string; note?: string | null };
  },
  personId: string | null,
) {
  const [c] = await ctx.database.db
    .select()
    .from(reviewCases)
    .where(and(eq(reviewCases.storeId, storeId), eq(reviewCases.reviewKey, reviewKey)));
  if (!c) throw notFound('aftersales.review_not_found', 'No such review case', { params: { id: reviewKey } });
  if (input.reasonClass != null && !(REVIEW_CLASSES as readonly string[]).includes(input.reasonClass))
    throw badInput('aftersales.bad_class', `Unknown reason class: ${input.reasonClass}`, {
      details: { field: 'reasonClass' },
      params: { value: input.reasonClass },
    });
  if (input.outcome != null && !(REVIEW_OUTCOMES as readonly string[]).includes(input.outcome))
    throw badInput('aftersales.bad_outcome', `Unknown outcome: ${input.outcome}`, {
      details: { field: 'outcome' },
      params: { value: input.outcome },
    });
  await checkMember(ctx, storeId, input.ownerPersonId);
  await checkMember(ctx, storeId, input.blamedPersonId);
  const now = ctx.clock.now();
  const patch: Partial<typeof reviewCases.$inferInsert> = { updatedAt: now };
  if (input.reasonClass !== undefined) patch.reasonClass = input.reasonClass as ReviewClass | null;
  if (input.ownerPersonId !== undefined) patch.ownerPersonId = input.ownerPersonId;
  if (input.blamedPersonId !== undefined) patch.blamedPersonId = input.blamedPersonId;
  if (input.outcome !== undefined) patch.outcome = input.outcome;
  if (input.publicReply !== undefined) patch.publicReply = input.publicReply;
  if (input.contact)
    patch.contacts = [
      ...c.contacts,
      { at: now.toISOString(), personId, channel: input.contact.channel, note: input.contact.note ?? null },
    ];
  const [row] = await ctx.database.db
    .update(reviewCases)
    .set(patch)
    .where(and(eq(reviewCases.storeId, storeId), eq(reviewCases.reviewKey, reviewKey)))
    .returning();
  if (c.taskId) {
    const task = await work.getTask(ctx, storeId, c.taskId);
    const closed = task.status === 'done' || task.status === 'cancelled';
    await work.updateTask(
      ctx,
      storeId,
      c.taskId,
      {
        ...(input.ownerPersonId !== undefined ? { ownerPersonId: input.ownerPersonId } : {}),
        ...(input.outcome ? { outcome: input.outcome, ...(closed ? {} : { status: 'done' as const }) } : {}),
      },
      personId,
    );
  }
  return row!;
}

/** Which products collect bad reviews and why, per month. */
export async function badReviewsByProduct(ctx: Ctx, storeId: string, fromDate: string, toDate: string) {
  const tz = await zoneOf(ctx, storeId);
  const rows = await ctx.database.db
    .select({ v: reviews, c: reviewCases })
    .from(reviews)
    .leftJoin(
      reviewCases,
      and(eq(reviewCases.storeId, reviews.storeId), eq(reviewCases.reviewKey, reviews.platformId)),
    )
    .where(
      and(
        eq(reviews.storeId, storeId),
        eq(reviews.sentiment, 'bad'),
        gte(reviews.reviewedAt, startOfBusinessDate(fromDate, tz)),
        lt(reviews.reviewedAt, startOfBusinessDate(addDays(toDate, 1), tz)),
      ),
    );
  const lexicon = await getLexicon(ctx, storeId);
  const m = new Map<
    string,
    { productId: string; month: string; total: number; byClass: Record<string, number> }
  >();
  for (const { v, c } of rows) {
    const cls = c ? (c.reasonClass ?? c.suggestedClass) : classifyReview(cut(v.content ?? ''), lexicon).cls;
    const month = businessDate(v.reviewedAt, tz).slice(0, 7);
    const k = `${v.productId}|${month}`;
    const e = m.get(k) ?? { productId: v.productId, month, total: 0, byClass: {} };
    e.total++;
    e.byClass[cls] = (e.byClass[cls] ?? 0) + 1;
    m.set(k, e);
  }
  return [...m.values()].sort((a, b) => a.month.localeCompare(b.month) || b.total - a.total);
}

// ---- buyer Q&A (问大家) -------------------------------------------------------------------------------

export async function listQuestions(
  ctx: Ctx,
  storeId: string,
  f: { unansweredOnly?: boolean; badOnly?: boolean } = {},
) {
  const where = [eq(buyerQuestions.storeId, storeId), isNull(buyerQuestions.deletedAt)];
  if (f.unansweredOnly) where.push(isNull(buyerQuestions.answer));
  if (f.badOnly) where.push(eq(buyerQuestions.isBad, true));
  return ctx.database.db
    .select()
    .from(buyerQuestions)
    .where(and(...where))
    .orderBy(desc(buyerQuestions.askedAt))
    .limit(1000);
}

export async function addQuestion(
  ctx: Ctx,
  storeId: string,
  input: { productId: string; question: string; askedAt?: Date; isBad?: boolean },
) {
  if (!input.question.trim())
    throw badInput('aftersales.question_required', 'A question is required', {
      details: { field: 'question' },
    });
  const now = ctx.clock.now();
  const row = {
    storeId,
    id: newId(),
    productId: input.productId,
    question: input.question.trim(),
    askedAt: input.askedAt ?? now,
    answer: null,
    answeredAt: null,
    answeredBy: null,
    isBad: input.isBad ?? false,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  await ctx.database.db.insert(buyerQuestions).values(row);
  if (row.isBad)
    await work.createTask(ctx, storeId, {
      title: `问大家负面问题待回复：${row.question.slice(0, 30)}`,
      ownerRole: 'cs_presale',
      dueAt: new Date(now.getTime() + 4 * HOUR),
      priority: 'high',
      links: [
        { kind: 'question', id: row.id },
        { kind: 'product', id: row.productId },
      ],
      source: 'aftersales',
      dedupeKey: `question:${row.id}`,
    });
  return row;
}

export async function answerQuestion(
  ctx: Ctx,
  storeId: string,
  id: string,
  answer: string,
  personId: string | null,
) {
  if (!answer.trim())
    throw badInput('aftersales.answer_required', 'An answer is required', { details: { field: 'answer' } });
  const now = ctx.clock.now();
  const [row] = await ctx.database.db
    .update(buyerQuestions)
    .set({ answer: answer.trim(), answeredAt: now, answeredBy: personId, updatedAt: now })
    .where(and(eq(buyerQuestions.storeId, storeId), eq(buyerQuestions.id, id)))
    .returning();
  if (!row) throw notFound('aftersales.question_not_found', 'No such question');
  const task = await work.getTaskByKey(ctx, storeId, `question:${id}`);
  if (task && task.status !== 'done' && task.status !== 'cancelled')
    await work.updateTask(ctx, storeId, task.id, { status: 'done', outcome: 'answered' }, personId);
  return row;
}

// ---- disputes and complaints ---------------------------------------------------------------------------

async function ensureDisputeFromRefund(ctx: Ctx, storeId: string, r: RefundRow): Promise<boolean> {
  const now = ctx.clock.now();
  const needed = evidenceNeeded(r.refundReason);
  const id = newId();
  const inserted = await ctx.database.db
    .insert(disputes)
    .values({
      storeId,
      id,
      source: 'refund',
      refundId: r.refundId,
      orderId: r.orderId,
      title: `客服介入：${r.itemTitle ?? r.orderId}（${r.refundReason ?? ''}）`,
      reason: r.refundReason,
      deadlineAt: r.timeoutAt,
      evidence: Object.fromEntries(needed.map((e) => [e, false])),
      status: r.status === 'succeeded' || r.status === 'closed' ? 'withdrawn' : 'open',
      ownerPersonId: null,
      note: null,
      taskId: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) return false;
  if (inserted[0]!.status === 'open') {
    const t = await work.createTask(ctx, storeId, {
      title: `纠纷举证：${r.itemTitle ?? r.orderId}`,
      description: `需要材料：${needed.join('、')}`,
      ownerRole: 'cs_aftersale',
      dueAt: r.timeoutAt ?? new Date(now.getTime() + 24 * HOUR),
      priority: 'urgent',
      links: [
        { kind: 'dispute', id },
        { kind: 'refund', id: r.refundId },
        { kind: 'order', id: r.orderId },
      ],
      source: 'aftersales',
      dedupeKey: `dispute:${r.refundId}`,
    });
    await ctx.database.db
      .update(disputes)
      .set({ taskId: t.task.id })
      .where(and(eq(disputes.storeId, storeId), eq(disputes.id, id)));
  }
  return true;
}

export async function createDispute(
  ctx: Ctx,
  storeId: string,
  input: {
    title: string;
    orderId?: string | null;
    reason?: string | null;
    deadlineAt?: Date | null;
    ownerPersonId?: string | null;
  },
  personId: string | null,
) {
  if (!input.title.trim())
    throw badInput('aftersales.title_required', 'A title is required', { details: { field: 'title' } });
  await checkMember(ctx, storeId, input.ownerPersonId);
  const now = ctx.clock.now();
  const row = {
    storeId,
    id: newId(),
    source: 'manual',
    refundId: null,
    orderId: input.orderId ?? null,
    title: input.title.trim(),
    reason: input.reason ?? null,
    deadlineAt: input.deadlineAt ?? null,
    evidence: Object.fromEntries(evidenceNeeded(input.reason ?? null).map((e) => [e, false])),
    status: 'open',
    ownerPersonId: input.ownerPersonId ?? null,
    note: null,
    taskId: null,
    createdBy: personId,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.database.db.insert(disputes).values(row);
  return row;
}

export async function listDisputes(ctx: Ctx, storeId: string, f: { openOnly?: boolean } = {}) {
  const where = [eq(disputes.storeId, storeId)];
  if (f.openOnly) where.push(eq(disputes.status, 'open'));
  const rows = await ctx.database.db
    .select()
    .from(disputes)
    .where(and(...where))
    .orderBy(sql`${disputes.deadlineAt} asc nulls last`)
    .limit(1000);
  const now = ctx.clock.now();
  return rows.map((d) => ({
    ...d,
    deadlineState: d.status === 'open' ? deadlineState(d.deadlineAt, now) : 'none',
    evidenceMissing: Object.entries(d.evidence)
      .filter(([, v]) => !v)
      .map(([k]) => k),
  }));
}

export async function updateDispute(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: {
    status?: string;
    evidence?: Record<string, boolean>;
    ownerPersonId?: string | null;
    note?: string | null;
    deadlineAt?: Date | null;
  },
  personId: string | null,
) {
  const [d] = await ctx.database.db
    .select()
    .from(disputes)
    .where(and(eq(disputes.storeId, storeId), eq(disputes.id, id)));
  if (!d) throw notFound('aftersales.dispute_not_found', 'No such dispute');
  if (input.status && !(DISPUTE_STATUSES as readonly string[]).includes(input.status))
    throw badInput('aftersales.bad_status', `Unknown status: ${input.status}`, {
      details: { field: 'status' },
      params: { value: input.status },
    });
  for (const k of Object.keys(input.evidence ?? {}))
    if (!(EVIDENCE_ITEMS as readonly string[]).includes(k))
      throw badInput('aftersales.bad_evidence', `Unknown evidence item: ${k}`, {
        details: { field: `evidence.${k}` },
        params: { value: k },
      });
  await checkMember(ctx, storeId, input.ownerPersonId);
  const patch: Partial<typeof disputes.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (input.status) patch.status = input.status;
  if (input.evidence) patch.evidence = { ...d.evidence, ...input.evidence };
  if (input.ownerPersonId !== undefined) patch.ownerPersonId = input.ownerPersonId;
  if (input.note !== undefined) patch.note = input.note;
  if (input.deadlineAt !== undefined) patch.deadlineAt = input.deadlineAt;
  const [row] = await ctx.database.db
    .update(disputes)
    .set(patch)
    .where(and(eq(disputes.storeId, storeId), eq(disputes.id, id)))
    .returning();
  if (d.taskId && input.status && input.status !== 'open') {
    const task = await work.getTask(ctx, storeId, d.taskId);
    if (task.status !== 'done' && task.status !== 'cancelled')
      await work.updateTask(ctx, storeId, d.taskId, { status: 'done', outcome: input.status }, personId);
  }
  return row!;
}

/** Follower of imports (src/imports/after-import.ts): refund follow-ups, review cases. */
export async function aftersalesAfterImport(
  ctx: Ctx,
  e: { storeId: string; importId: string; kind: string },
): Promise<void> {
  if (e.kind === 'taobao-refunds') await ensureRefundFollowUps(ctx, e.storeId, { importId: e.importId });
  else if (e.kind === 'reviews') await ensureReviewCases(ctx, e.storeId, { importId: e.importId });
}

/** Spike alerts → one task per reason or product and day, for the operations assistant. */
export async function ensureSpikeTasks(ctx: Ctx, storeId: string, date: string): Promise<number> {
  let created = 0;
  for (const s of await refundSpikes(ctx, storeId, date)) {
    const t = await work.createTask(ctx, storeId, {
      title: `退款异常上升（${s.kind === 'reason' ? '原因' : '商品'}）：${s.key || '未填'} ${date} ${s.today} 笔，前 7 天日均 ${s.mean}`,
      ownerRole: 'ops_assistant',
      dueAt: new Date(ctx.clock.now().getTime() + 8 * HOUR),
      priority: 'high',
      links: s.kind === 'product' ? [{ kind: 'product', id: s.key, label: s.key }] : [],
      source: 'aftersales',
      dedupeKey: `refund-spike:${date}:${s.kind}:${s.key}`,
    });
    if (t.created) created++;
  }
  return created;
}

// Added by the inventory/catalog issue (#8): what the product page shows of after-sales.
/** Refunds (by SKU code = 商品编码) and bad reviews (差评) of a product over the last `days` days. */
export async function productAftersalesSummary(
  db: import('../../db/client').DbOrTx,
  storeId: string,
  productId: string,
  skuCodes: string[],
  since: Date,
): Promise<{
  refunds: number;
  refundFen: number;
  badReviews: number;
  recentBad: { content: string | null; reviewedAt: string }[];
}> {
  const { sql } = await import('drizzle-orm');
  const codes = skuCodes.length ? skuCodes : [''];
  const r = (await db.execute(
    sql`select count(*)::int as n, coalesce(sum(refund_amount_fen), 0)::bigint as fen from refunds
        where store_id = ${storeId} and requested_at >= ${since.toISOString()}::timestamptz
          and product_code in (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )})`,
  )) as unknown as { rows: { n: number; fen: number }[] };
  const b = (await db.execute(
    sql`select content, reviewed_at from reviews where store_id = ${storeId} and product_id = ${productId}
        and sentiment = 'bad' and reviewed_at >= ${since.toISOString()}::timestamptz order by reviewed_at desc`,
  )) as unknown as { rows: { content: string | null; reviewed_at: string | Date }[] };
  return {
    refunds: Number(r.rows[0]?.n ?? 0),
    refundFen: Number(r.rows[0]?.fen ?? 0),
    badReviews: b.rows.length,
    recentBad: b.rows
      .slice(0, 5)
      .map((x) => ({ content: x.content, reviewedAt: new Date(x.reviewed_at).toISOString() })),
  };
}

// ---- for service (issue 7) ----
/** Buyers (nicknames as shown, 买家会员名 unless anonymous) who left a bad review in [from, to). */
export async function badReviewBuyers(ctx: Ctx, storeId: string, from: Date, to: Date): Promise<string[]> {
  const rows = await ctx.database.db
    .selectDistinct({ nick: reviews.nickname })
    .from(reviews)
    .where(
      and(
        eq(reviews.storeId, storeId),
        eq(reviews.sentiment, 'bad'),
        gte(reviews.reviewedAt, from),
        lt(reviews.reviewedAt, to),
        sql`${reviews.nickname} is not null`,
      ),
    );
  return rows.map((r) => r.nick!).filter((n) => !n.includes('***'));
}
