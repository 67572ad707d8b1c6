import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import { quoteIdent, sqlLiteral } from '../../db/copy';
import { type FactSink, sinkFromTable } from '../../db/facts';
import { productList, skuPrices } from '../catalog/catalog.service';
import { storeDailyRollups } from '../metrics/metrics.service';
import { dailySales } from '../orders/orders.service';
import { workingShiftsPerDay } from '../service/service.service';
import { memberRoles, storePeople, storeTimeZone } from '../team/team.service';
import { createTask, getTaskByKey, listTasks, updateTask } from '../work/work.service';
import {
  type AdRow,
  type AffiliateLine,
  affiliatePartners,
  daysLeft,
  fallingCtr,
  keywordAlerts,
  metricsOf,
  offlineFromDaily,
  offlineFromHourly,
  type PartnerStats,
  roiBelowFloor,
} from './ads.rules';
import {
  type AutoCheck,
  attainment,
  builtInPlatformEvents,
  CAMPAIGN_KINDS,
  type CampaignKind,
  campaignSpan,
  csShiftCheck,
  DEFAULT_READINESS,
  escalationStep,
  heroFirst,
  type Phase,
  PLATFORM_EVENT_CODES,
  peakDays,
  phaseResults,
  phasesProblem,
  type ReadinessSettings,
  readinessPlan,
  readinessScore,
  type SkuCover,
  stockCheck,
} from './campaign.rules';
import {
  type CartLine,
  checkFloor,
  DEFAULT_FEES,
  type FeeSettings,
  floorPrice,
  lowestReachable,
  OFFER_KINDS,
  type Offer,
  type OfferKind,
  offerProblem,
  priceCart,
  type Tier,
} from './marketing.rules';
import {
  adAccounts,
  adPlanBudgets,
  adReportHours,
  adReports,
  affiliateOrders,
  campaignChecklist,
  campaigns,
  contentPosts,
  marketingSettings,
  offers,
  platformEvents,
} from './marketing.schema';

/**
 * After an ads file with an hour column (小时 / 时段) is merged: its hourly rows move from
 * `ad_reports` to `ad_report_hours`, and each touched day row (plan / unit / keyword) is rebuilt
 * as the sum of all its stored hours — so `ad_reports` keeps one row per day (what the rollups
 * and the daily rules read) and the hours feed the hourly early-offline rule. Daily files are
 * untouched (the stage has no hourly rows: two cheap statements that find nothing).
 */
const adHourlyAfterMerge: NonNullable<FactSink['afterMerge']> = async (tx, p) => {
  const s = sqlLiteral(p.storeId);
  const stage = quoteIdent(p.stage);
  const now = `${sqlLiteral(p.now.toISOString())}::timestamptz`;
  const hourCols = [
    'channel',
    'level',
    'date',
    'hour',
    'plan_id',
    'plan_name',
    'unit_id',
    'unit_name',
    'product_id',
    'keyword',
    'impressions',
    'clicks',
    'spend_fen',
    'gmv_fen',
    'orders',
  ].join(', ');
  await tx.execute(
    sql.raw(`with moved as (
        delete from ad_reports f
        where f.store_id = ${s} and f.hour is not null
          and f.platform_id in (select platform_id from ${stage} where hour is not null)
        returning f.*)
      insert into ad_report_hours (store_id, platform_id, import_id, first_seen_at, updated_at, ${hourCols})
      select store_id, platform_id, import_id, first_seen_at, updated_at, ${hourCols} from moved
      on conflict (store_id, platform_id) do update set
        import_id = excluded.import_id, updated_at = excluded.updated_at,
        plan_name = excluded.plan_name, unit_name = excluded.unit_name, product_id = excluded.product_id,
        impressions = excluded.impressions, clicks = excluded.clicks, spend_fen = excluded.spend_fen,
        gmv_fen = excluded.gmv_fen, orders = excluded.orders`),
  );
  const dayId = `left(h.platform_id, 24)`;
  await tx.execute(
    sql.raw(`insert into ad_reports (store_id, platform_id, import_id, first_seen_at, updated_at,
        channel, level, date, plan_id, plan_name, unit_id, unit_name, product_id, keyword,
        impressions, clicks, spend_fen, click_rate_bp, average_cpc_fen, cpm_fen, gmv_fen, orders, roi_bp,
        click_conversion_rate_bp)
      select ${s}, d.day_id, ${sqlLiteral(p.importId)}, ${now}, ${now},
        d.channel, d.level, d.date, d.plan_id, d.plan_name, d.unit_id, d.unit_name, d.product_id, d.keyword,
        d.impressions, d.clicks, d.spend,
        case when d.impressions > 0 then round(d.clicks * 10000.0 / d.impressions) end,
        case when d.clicks > 0 then round(d.spend * 1.0 / d.clicks) end,
        case when d.impressions > 0 then round(d.spend * 1000.0 / d.impressions) end,
        d.gmv, d.orders,
        case when d.spend > 0 and d.gmv is not null then round(d.gmv * 10000.0 / d.spend) end,
        case when d.clicks > 0 and d.orders is not null then round(d.orders * 10000.0 / d.clicks) end
      from (
        select ${dayId} as day_id, h.channel, h.level, h.date, max(h.plan_id) as plan_id,
          max(h.plan_name) as plan_name, max(h.unit_id) as unit_id, max(h.unit_name) as unit_name,
          max(h.product_id) as product_id, max(h.keyword) as keyword,
          sum(h.impressions) as impressions, sum(h.clicks) as clicks, sum(h.spend_fen) as spend,
          sum(h.gmv_fen) as gmv, sum(h.orders) as orders
        from ad_report_hours h
        where h.store_id = ${s}
          and ${dayId} in (select left(platform_id, 24) from ${stage} where hour is not null)
        group by 1, 2, 3, 4) d
      on conflict (store_id, platform_id) do update set
        import_id = excluded.import_id, updated_at = excluded.updated_at,
        plan_name = excluded.plan_name, unit_name = excluded.unit_name, product_id = excluded.product_id,
        impressions = excluded.impressions, clicks = excluded.clicks, spend_fen = excluded.spend_fen,
        click_rate_bp = excluded.click_rate_bp, average_cpc_fen = excluded.average_cpc_fen,
        cpm_fen = excluded.cpm_fen, gmv_fen = excluded.gmv_fen, orders = excluded.orders,
        roi_bp = excluded.roi_bp, click_conversion_rate_bp = excluded.click_conversion_rate_bp`),
  );
};

/** Where imported ad reports (直通车, 引力魔方, 万相台 unified) and affiliate orders land. */
export const marketingImportSinks = {
  ads: sinkFromTable('ads', adReports, { afterMerge: adHourlyAfterMerge }),
  'affiliate-orders': sinkFromTable('affiliate-orders', affiliateOrders, { statusColumn: 'status' }),
};

const SOURCE = 'marketing';

const storeZone = storeTimeZone;

async function today(ctx: Ctx, storeId: string): Promise<{ date: string; tz: string }> {
  const tz = await storeZone(ctx, storeId);
  return { date: businessDate(ctx.clock.now(), tz), tz };
}

/** The first current member of the store holding `role` (for a task's owner), or null. */
async function personFor(ctx: Ctx, storeId: string, role: string): Promise<string | null> {
  const people = await storePeople(ctx, storeId);
  return people.find((p) => p.roles.includes(role))?.personId ?? null;
}

// ── Settings ───────────────────────────────────────────────────────────────────────────────

export type MarketingSettings = FeeSettings & {
  roiFloor: number;
  expiryLeadHours: number;
  balanceAlertDays: number;
  readiness: ReadinessSettings;
};

export const DEFAULT_SETTINGS: MarketingSettings = {
  ...DEFAULT_FEES,
  roiFloor: 200,
  expiryLeadHours: 48,
  balanceAlertDays: 3,
  readiness: DEFAULT_READINESS,
};

export async function getSettings(ctx: Ctx, storeId: string): Promise<MarketingSettings> {
  const [row] = await ctx.database.db
    .select()
    .from(marketingSettings)
    .where(eq(marketingSettings.storeId, storeId));
  if (!row) return DEFAULT_SETTINGS;
  return {
    commissionBp: row.commissionBp,
    paymentFeeBp: row.paymentFeeBp,
    perUnitCostFen: row.perUnitCostFen,
    roiFloor: row.roiFloor,
    expiryLeadHours: row.expiryLeadHours,
    balanceAlertDays: row.balanceAlertDays,
    readiness: { ...DEFAULT_READINESS, ...row.readiness },
  };
}

export async function updateSettings(
  ctx: Ctx,
  storeId: string,
  patch: Partial<MarketingSettings>,
): Promise<MarketingSettings> {
  const next = { ...(await getSettings(ctx, storeId)), ...patch };
  if (next.commissionBp < 0 || next.paymentFeeBp < 0 || next.commissionBp + next.paymentFeeBp >= 10_000)
    throw badInput('marketing.bad_fee_rate', 'Fee rates must be between 0 and 100 %', {
      details: { field: 'commissionBp' },
    });
  const row = { storeId, ...next, updatedAt: ctx.clock.now() };
  await ctx.database.db
    .insert(marketingSettings)
    .values(row)
    .onConflictDoUpdate({ target: marketingSettings.storeId, set: row });
  return next;
}

// ── Platform events ────────────────────────────────────────────────────────────────────────

/** The year's platform events, seeded from the built-ins the first time a year is looked at. */
export async function listPlatformEvents(ctx: Ctx, storeId: string, year: number) {
  const db = ctx.database.db;
  const where = and(eq(platformEvents.storeId, storeId), eq(platformEvents.year, year));
  let rows = await db.select().from(platformEvents).where(where);
  if (rows.length === 0) {
    const now = ctx.clock.now();
    await db
      .insert(platformEvents)
      .values(builtInPlatformEvents(year).map((e) => ({ storeId, ...e, updatedAt: now })))
      .onConflictDoNothing();
    rows = await db.select().from(platformEvents).where(where);
  }
  return rows.sort((a, b) => a.phases[0].from.localeCompare(b.phases[0].from));
}

export async function updatePlatformEvent(
  ctx: Ctx,
  storeId: string,
  year: number,
  code: string,
  patch: { name?: string; phases?: Phase[]; signUpDeadline?: string | null },
) {
  if (!(PLATFORM_EVENT_CODES as readonly string[]).includes(code))
    throw notFound('marketing.event_not_found', 'No such platform event');
  await listPlatformEvents(ctx, storeId, year);
  if (patch.phases) {
    const bad = phasesProblem(patch.phases);
    if (bad)
      throw badInput('marketing.bad_phases', 'Phases must be ordered and not overlap', {
        details: { field: bad },
      });
  }
  const [row] = await ctx.database.db
    .update(platformEvents)
    .set({ ...patch, updatedAt: ctx.clock.now() })
    .where(
      and(eq(platformEvents.storeId, storeId), eq(platformEvents.year, year), eq(platformEvents.code, code)),
    )
    .returning();
  return row!;
}

// ── Campaigns ──────────────────────────────────────────────────────────────────────────────

export type CampaignInput = {
  name?: string;
  kind: CampaignKind;
  eventCode?: string | null;
  eventYear?: number | null;
  phases?: Phase[];
  productIds?: string[];
  budgetFen?: number | null;
  goalGmvFen?: number | null;
  goalUnits?: number | null;
  goalNewBuyers?: number | null;
  ownerPersonId?: string | null;
  signUpDeadline?: string | null;
  notes?: string | null;
};

type CampaignRow = typeof campaigns.$inferSelect;
type ChecklistRow = typeof campaignChecklist.$inferSelect;

async function heroOrdered(ctx: Ctx, storeId: string, productIds: string[]) {
  const heroes = new Set((await productList(ctx, storeId)).filter((p) => p.isHero).map((p) => p.productId));
  return heroFirst(productIds, heroes);
}

/** A campaign's owner must work in this store (never assign across stores). */
async function checkOwner(ctx: Ctx, storeId: string, personId: string | null | undefined) {
  if (personId && (await memberRoles(ctx, storeId, personId)) === null)
    throw badInput('marketing.owner_not_in_store', 'The owner is not a member of this store', {
      details: { field: 'ownerPersonId' },
    });
}

export async function createCampaign(
  ctx: Ctx,
  storeId: string,
  input: CampaignInput,
  personId: string | null,
): Promise<CampaignRow> {
  if (!(CAMPAIGN_KINDS as readonly string[]).includes(input.kind))
    throw badInput('marketing.bad_kind', `Unknown campaign kind: ${input.kind}`, {
      details: { field: 'kind' },
    });
  let phases = input.phases;
  let name = input.name?.trim();
  let signUpDeadline = input.signUpDeadline ?? null;
  if (input.eventCode) {
    const year = input.eventYear ?? Number(input.phases?.[0]?.from.slice(0, 4) ?? 0);
    const ev = (await listPlatformEvents(ctx, storeId, year)).find((e) => e.code === input.eventCode);
    if (!ev)
      throw badInput('marketing.event_not_found', 'No such platform event', {
        details: { field: 'eventCode' },
      });
    phases ??= ev.phases;
    name ||= `${ev.name} ${year}`;
    signUpDeadline ??= ev.signUpDeadline;
    input = { ...input, eventYear: year };
  }
  if (!name)
    throw badInput('marketing.name_required', 'A campaign needs a name', { details: { field: 'name' } });
  await checkOwner(ctx, storeId, input.ownerPersonId);
  const bad = phasesProblem(phases ?? []);
  if (bad)
    throw badInput('marketing.bad_phases', 'Phases must be ordered and not overlap', {
      details: { field: bad },
    });
  const span = campaignSpan(phases!)!;
  const now = ctx.clock.now();
  const row: CampaignRow = {
    storeId,
    id: newId(),
    name,
    kind: input.kind,
    eventCode: input.eventCode ?? null,
    eventYear: input.eventYear ?? null,
    phases: phases!,
    startDate: span.from,
    endDate: span.to,
    productIds: await heroOrdered(ctx, storeId, input.productIds ?? []),
    budgetFen: input.budgetFen ?? null,
    goalGmvFen: input.goalGmvFen ?? null,
    goalUnits: input.goalUnits ?? null,
    goalNewBuyers: input.goalNewBuyers ?? null,
    ownerPersonId: input.ownerPersonId ?? null,
    signUpDeadline,
    status: 'planned',
    notes: input.notes ?? null,
    createdBy: personId,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.database.db.insert(campaigns).values(row);
  await generateChecklist(ctx, storeId, row.id);
  return row;
}

export async function getCampaignRow(ctx: Ctx, storeId: string, id: string): Promise<CampaignRow> {
  const [row] = await ctx.database.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.storeId, storeId), eq(campaigns.id, id)));
  if (!row) throw notFound('marketing.campaign_not_found', 'No such campaign');
  return row;
}

export async function updateCampaign(
  ctx: Ctx,
  storeId: string,
  id: string,
  patch: Partial<CampaignInput> & { status?: 'planned' | 'cancelled' },
): Promise<CampaignRow> {
  const current = await getCampaignRow(ctx, storeId, id);
  const set: Partial<CampaignRow> = { updatedAt: ctx.clock.now() };
  await checkOwner(ctx, storeId, patch.ownerPersonId);
  if (patch.name !== undefined) {
    if (!patch.name.trim())
      throw badInput('marketing.name_required', 'A campaign needs a name', { details: { field: 'name' } });
    set.name = patch.name.trim();
  }
  if (patch.phases) {
    const bad = phasesProblem(patch.phases);
    if (bad)
      throw badInput('marketing.bad_phases', 'Phases must be ordered and not overlap', {
        details: { field: bad },
      });
    const span = campaignSpan(patch.phases)!;
    Object.assign(set, { phases: patch.phases, startDate: span.from, endDate: span.to });
  }
  if (patch.productIds) set.productIds = await heroOrdered(ctx, storeId, patch.productIds);
  for (const k of [
    'budgetFen',
    'goalGmvFen',
    'goalUnits',
    'goalNewBuyers',
    'ownerPersonId',
    'signUpDeadline',
    'notes',
    'status',
  ] as const) {
    if (patch[k] !== undefined) (set as Record<string, unknown>)[k] = patch[k];
  }
  const [row] = await ctx.database.db
    .update(campaigns)
    .set(set)
    .where(and(eq(campaigns.storeId, storeId), eq(campaigns.id, id)))
    .returning();
  if (patch.phases || patch.signUpDeadline !== undefined) await generateChecklist(ctx, storeId, current.id);
  return row!;
}

/**
 * (Re)generates a campaign's checklist: one item per readiness rule, due dates from its phases,
 * each with one task in `work` (dedupe key `campaign:<id>:<item>`). Items already done keep
 * their state; moved due dates move the tasks.
 */
export async function generateChecklist(ctx: Ctx, storeId: string, campaignId: string) {
  const c = await getCampaignRow(ctx, storeId, campaignId);
  const settings = await getSettings(ctx, storeId);
  const { tz } = await today(ctx, storeId);
  const plan = readinessPlan({ ...c, kind: c.kind as CampaignKind }, settings.readiness);
  const existing = new Map(
    (
      await ctx.database.db
        .select()
        .from(campaignChecklist)
        .where(and(eq(campaignChecklist.storeId, storeId), eq(campaignChecklist.campaignId, campaignId)))
    ).map((r) => [r.code, r]),
  );
  const now = ctx.clock.now();
  for (const item of plan) {
    const role = item.chain[0];
    const marketingOwner = role === 'marketing' && c.ownerPersonId ? c.ownerPersonId : null;
    const ownerPersonId = marketingOwner ?? (await personFor(ctx, storeId, role));
    const dueAt = zonedInstant(item.dueDate, '18:00', tz);
    const { task } = await createTask(ctx, storeId, {
      title: item.title,
      ownerPersonId,
      ownerRole: ownerPersonId ? null : role,
      dueAt,
      priority: 'normal',
      links: [{ kind: 'campaign', id: c.id, label: c.name }],
      source: SOURCE,
      dedupeKey: `campaign:${c.id}:${item.code}`,
    });
    const prev = existing.get(item.code);
    if (prev && prev.dueDate !== item.dueDate && !prev.doneAt) {
      await updateTask(ctx, storeId, task.id, { dueAt }, null);
    }
    const row: ChecklistRow = {
      storeId,
      campaignId,
      code: item.code,
      title: item.title,
      chain: item.chain,
      dueDate: item.dueDate,
      ownerPersonId: prev?.ownerPersonId ?? ownerPersonId,
      taskId: task.id,
      needsAck: item.needsAck,
      acknowledgedBy: prev?.acknowledgedBy ?? null,
      acknowledgedAt: prev?.acknowledgedAt ?? null,
      doneBy: prev?.doneBy ?? null,
      doneAt: prev?.doneAt ?? null,
      escalationLevel: prev?.escalationLevel ?? 0,
      autoCheck: prev?.autoCheck ?? null,
      overrideReason: prev?.overrideReason ?? null,
      updatedAt: now,
    };
    await ctx.database.db
      .insert(campaignChecklist)
      .values(row)
      .onConflictDoUpdate({
        target: [campaignChecklist.storeId, campaignChecklist.campaignId, campaignChecklist.code],
        set: { title: row.title, chain: row.chain, dueDate: row.dueDate, taskId: row.taskId, updatedAt: now },
      });
  }
  return checklist(ctx, storeId, campaignId);
}

/** The checklist, with each item's state read through from its task (done there = done here). */
export async function checklist(ctx: Ctx, storeId: string, campaignId: string) {
  const rows = await ctx.database.db
    .select()
    .from(campaignChecklist)
    .where(and(eq(campaignChecklist.storeId, storeId), eq(campaignChecklist.campaignId, campaignId)))
    .orderBy(asc(campaignChecklist.dueDate), asc(campaignChecklist.code));
  const tasks = new Map(
    (await listTasks(ctx, storeId, { source: SOURCE, linkKind: 'campaign', linkId: campaignId })).map((t) => [
      t.id,
      t,
    ]),
  );
  const { date } = await today(ctx, storeId);
  const names = new Map((await storePeople(ctx, storeId)).map((p) => [p.personId, p.displayName]));
  return rows.map((r) => {
    const task = r.taskId ? tasks.get(r.taskId) : undefined;
    const done = r.doneAt !== null || task?.status === 'done';
    const holder = task?.ownerPersonId ?? r.ownerPersonId;
    return {
      ...r,
      done,
      late: !done && r.dueDate < date,
      taskStatus: task?.status ?? null,
      // Done items stay with whoever held them; open ones move along the chain when late.
      currentRole: done ? r.chain[r.escalationLevel] : escalationStep(r.chain, r.dueDate, date).role,
      ownerName: holder ? (names.get(holder) ?? null) : null,
      doneByName: r.doneBy ? (names.get(r.doneBy) ?? null) : null,
      acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
      doneAt: r.doneAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** Marks an item done (and its task); a CS brief needs the acknowledgement of who was briefed. */
export async function completeChecklistItem(
  ctx: Ctx,
  storeId: string,
  campaignId: string,
  code: string,
  personId: string | null,
  opts: { acknowledge?: boolean; reason?: string } = {},
) {
  const [row] = await ctx.database.db
    .select()
    .from(campaignChecklist)
    .where(
      and(
        eq(campaignChecklist.storeId, storeId),
        eq(campaignChecklist.campaignId, campaignId),
        eq(campaignChecklist.code, code),
      ),
    );
  if (!row) throw notFound('marketing.item_not_found', 'No such checklist item');
  const now = ctx.clock.now();
  // A linked item whose automatic check found something missing is overridden by hand only
  // with a reason (kept on the item and shown on the campaign page).
  const reason = opts.reason?.trim() || null;
  if (row.autoCheck && !row.autoCheck.ok && !row.doneAt && !reason)
    throw badInput('marketing.override_reason_required', 'The automatic check found gaps: give a reason', {
      details: { field: 'reason' },
    });
  if (row.needsAck && !opts.acknowledge && !row.acknowledgedAt)
    throw badInput('marketing.ack_required', 'The CS brief must be acknowledged', {
      details: { field: 'acknowledge' },
    });
  if (row.needsAck && !row.acknowledgedAt && personId) {
    // Acknowledged by the people briefed (CS), or their manager — not by whoever clicks.
    const roles = (await memberRoles(ctx, storeId, personId)) ?? [];
    if (!roles.some((r) => ['cs_presale', 'cs_aftersale', 'manager', 'owner'].includes(r)))
      throw forbidden('marketing.ack_not_cs', 'Only CS (or the manager) can acknowledge the brief');
  }
  await ctx.database.db
    .update(campaignChecklist)
    .set({
      doneAt: now,
      doneBy: personId,
      overrideReason: row.autoCheck && !row.autoCheck.ok ? reason : row.overrideReason,
      acknowledgedAt: row.needsAck ? (row.acknowledgedAt ?? now) : row.acknowledgedAt,
      acknowledgedBy: row.needsAck ? (row.acknowledgedBy ?? personId) : row.acknowledgedBy,
      updatedAt: now,
    })
    .where(
      and(
        eq(campaignChecklist.storeId, storeId),
        eq(campaignChecklist.campaignId, campaignId),
        eq(campaignChecklist.code, code),
      ),
    );
  if (row.taskId) {
    const task = await getTaskByKey(ctx, storeId, `campaign:${campaignId}:${code}`);
    if (task && task.status !== 'done' && task.status !== 'cancelled')
      await updateTask(ctx, storeId, task.id, { status: 'done' }, personId);
  }
  return (await checklist(ctx, storeId, campaignId)).find((i) => i.code === code)!;
}

/** Checklist items checked against other modules: CS shifts → the roster, stock → inventory. */
export const LINKED_ITEMS = ['cs_shifts', 'stock'] as const;

/**
 * Runs the automatic checks of the linked open items of the given campaigns (default: every
 * planned campaign not yet over): "extra CS shifts planned" against the service roster (peak
 * days vs the 14 normal days before the campaign), "stock checked against the forecast" against
 * inventory's sellable days (every SKU of the campaign's products lasts through its last day).
 * An item whose check passes is done (by the system, its task too); one that fails keeps what is
 * missing, shown on the campaign page, and can still be marked done by hand with a reason.
 * Items done by hand are never re-checked. Returns how many items it completed.
 */
export async function runAutoChecks(ctx: Ctx, storeId: string, campaignIds?: string[]): Promise<number> {
  const { date } = await today(ctx, storeId);
  const live = await ctx.database.db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.storeId, storeId),
        eq(campaigns.status, 'planned'),
        gte(campaigns.endDate, date),
        campaignIds ? inArray(campaigns.id, campaignIds) : undefined,
      ),
    );
  if (live.length === 0) return 0;
  const open = await ctx.database.db
    .select()
    .from(campaignChecklist)
    .where(
      and(
        eq(campaignChecklist.storeId, storeId),
        inArray(
          campaignChecklist.campaignId,
          live.map((c) => c.id),
        ),
        inArray(campaignChecklist.code, [...LINKED_ITEMS]),
        sql`${campaignChecklist.doneAt} is null`,
      ),
    );
  if (open.length === 0) return 0;
  // The inventory plan is computed once per run (every SKU's forecast), and only when needed.
  let cover: Map<string, SkuCover[]> | null = null;
  const stockCover = async () => {
    if (cover) return cover;
    const inv = await import('../inventory/inventory.service');
    const plan = await inv.restockPlan(ctx, storeId);
    const bySku = new Map(plan.rows.map((r) => [r.skuCode, r]));
    cover = new Map();
    for (const k of await skuPrices(ctx, storeId)) {
      const r = bySku.get(k.skuCode);
      if (!k.productId || !r) continue;
      const list = cover.get(k.productId) ?? [];
      list.push({ skuCode: k.skuCode, available: r.available, stockoutDate: r.stockoutDate });
      cover.set(k.productId, list);
    }
    return cover;
  };
  const now = ctx.clock.now();
  let completed = 0;
  for (const item of open) {
    const c = live.find((x) => x.id === item.campaignId)!;
    let result: Omit<AutoCheck, 'source' | 'checkedAt'>;
    let source: AutoCheck['source'];
    if (item.code === 'cs_shifts') {
      const peak = peakDays(c.phases);
      const normalFrom = addDays(c.startDate, -14);
      const normalDays = Array.from({ length: 14 }, (_, i) => addDays(normalFrom, i));
      const shifts = await workingShiftsPerDay(ctx, storeId, normalFrom, c.endDate);
      result = csShiftCheck(peak, shifts, normalDays);
      source = 'roster';
    } else {
      const m = await stockCover();
      result = stockCheck(
        c.productIds.map((pid) => ({ productId: pid, skus: m.get(pid) ?? [] })),
        c.endDate,
      );
      source = 'inventory';
    }
    const autoCheck: AutoCheck = { source, checkedAt: now.toISOString(), ...result };
    await ctx.database.db
      .update(campaignChecklist)
      .set({ autoCheck, ...(result.ok ? { doneAt: now, doneBy: null } : {}), updatedAt: now })
      .where(
        and(
          eq(campaignChecklist.storeId, storeId),
          eq(campaignChecklist.campaignId, item.campaignId),
          eq(campaignChecklist.code, item.code),
        ),
      );
    if (result.ok) {
      completed++;
      const task = await getTaskByKey(ctx, storeId, `campaign:${item.campaignId}:${item.code}`);
      if (task && task.status !== 'done' && task.status !== 'cancelled')
        await updateTask(ctx, storeId, task.id, { status: 'done' }, null);
    }
  }
  return completed;
}

/**
 * Late items move along their chain (one step per day late): the task goes to the next role
 * with high priority. Idempotent per level. The daily 13:30 activities check (which first runs
 * the automatic checks of the linked items, so an item the roster or the stock already satisfies
 * is done rather than escalated).
 */
export async function escalateLateItems(ctx: Ctx, storeId: string, date: string): Promise<number> {
  await runAutoChecks(ctx, storeId);
  const live = await ctx.database.db
    .select()
    .from(campaigns)
    .where(
      and(eq(campaigns.storeId, storeId), eq(campaigns.status, 'planned'), gte(campaigns.endDate, date)),
    );
  let moved = 0;
  for (const c of live) {
    for (const item of await checklist(ctx, storeId, c.id)) {
      if (item.done || !item.taskId) continue;
      const step = escalationStep(item.chain, item.dueDate, date);
      if (step.level <= item.escalationLevel) continue;
      const ownerPersonId = await personFor(ctx, storeId, step.role);
      await updateTask(
        ctx,
        storeId,
        item.taskId,
        { ownerPersonId, ownerRole: ownerPersonId ? null : step.role, priority: 'high' },
        null,
      );
      await ctx.database.db
        .update(campaignChecklist)
        .set({ escalationLevel: step.level, updatedAt: ctx.clock.now() })
        .where(
          and(
            eq(campaignChecklist.storeId, storeId),
            eq(campaignChecklist.campaignId, c.id),
            eq(campaignChecklist.code, item.code),
          ),
        );
      moved++;
    }
  }
  return moved;
}

function campaignDto(c: CampaignRow) {
  return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** Campaigns overlapping [from, to], each with its readiness score (the calendar). */
export async function listCampaigns(ctx: Ctx, storeId: string, from: string, to: string) {
  const rows = await ctx.database.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.storeId, storeId), lte(campaigns.startDate, to), gte(campaigns.endDate, from)))
    .orderBy(asc(campaigns.startDate), asc(campaigns.name));
  const { date } = await today(ctx, storeId);
  const out = [];
  for (const c of rows) {
    const items = await checklist(ctx, storeId, c.id);
    out.push({ ...campaignDto(c), readiness: readinessScore(items, date) });
  }
  return out;
}

export async function getCampaign(ctx: Ctx, storeId: string, id: string) {
  const c = await getCampaignRow(ctx, storeId, id);
  const items = await checklist(ctx, storeId, id);
  const { date } = await today(ctx, storeId);
  const catalog = new Map((await productList(ctx, storeId)).map((p) => [p.productId, p]));
  const products = c.productIds.map((pid) => ({
    productId: pid,
    title: catalog.get(pid)?.title ?? null,
    isHero: catalog.get(pid)?.isHero ?? false,
  }));
  return { ...campaignDto(c), products, readiness: readinessScore(items, date), checklist: items };
}

/** What other modules (inventory, CS, diagnosis) need of the calendar. */
export type CampaignPeriod = {
  id: string;
  name: string;
  kind: string;
  eventCode: string | null;
  from: string;
  to: string;
  phases: Phase[];
  /** Hero products first. */
  productIds: string[];
};

/**
 * The campaigns (not cancelled) overlapping [fromDate, toDate], with phases and products —
 * the calendar as the inventory, CS and diagnosis modules read it.
 */
export async function listCampaignPeriods(
  ctx: Ctx,
  storeId: string,
  fromDate: string,
  toDate: string,
): Promise<CampaignPeriod[]> {
  const rows = await ctx.database.db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.storeId, storeId),
        lte(campaigns.startDate, toDate),
        gte(campaigns.endDate, fromDate),
        sql`${campaigns.status} <> 'cancelled'`,
      ),
    )
    .orderBy(asc(campaigns.startDate), asc(campaigns.id));
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    eventCode: c.eventCode,
    from: c.startDate,
    to: c.endDate,
    phases: c.phases,
    productIds: c.productIds,
  }));
}

/**
 * Results per phase vs goals and the 14-day pre-campaign baseline, from the diagnosis rollups
 * (metric_store_daily: GMV, orders, units by payment date — the morning report's figures). New
 * buyers (first paid order in the store) are not a rollup figure: they come from the orders.
 */
export async function campaignResults(ctx: Ctx, storeId: string, id: string) {
  const c = await getCampaignRow(ctx, storeId, id);
  const tz = await storeZone(ctx, storeId);
  const from = addDays(c.startDate, -14);
  const rollups = await storeDailyRollups(ctx, storeId, from, c.endDate);
  const firsts = new Map(
    (await dailySales(ctx, storeId, from, c.endDate, tz)).map((d) => [d.date, d.newBuyers]),
  );
  const days = rollups.map((d) => ({
    date: d.date,
    gmvFen: d.paidAmountFen,
    orders: d.paidOrders,
    units: d.paidItems,
    newBuyers: firsts.get(d.date) ?? 0,
  }));
  const r = phaseResults(c.phases, days);
  return {
    campaignId: c.id,
    name: c.name,
    ...r,
    goals: { gmvFen: c.goalGmvFen, units: c.goalUnits, newBuyers: c.goalNewBuyers },
    attainment: {
      gmvBp: attainment(r.total.actual.gmvFen, c.goalGmvFen),
      unitsBp: attainment(r.total.actual.units, c.goalUnits),
      newBuyersBp: attainment(r.total.actual.newBuyers, c.goalNewBuyers),
    },
    days,
  };
}

/** The activity summary (活动总结) as an XLSX workbook. */
export async function campaignSummaryXlsx(ctx: Ctx, storeId: string, id: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const r = await campaignResults(ctx, storeId, id);
  const c = await getCampaign(ctx, storeId, id);
  const wb = new ExcelJS.Workbook();
  const yuan = (f: number | null) => (f == null ? null : f / 100);
  const pct = (bp: number | null) => (bp == null ? null : bp / 10_000);
  const s = wb.addWorksheet('活动总结');
  s.addRow([`${r.name} 活动总结`]);
  s.addRow(['基线', `${r.baselineFrom} ~ ${r.baselineTo}（活动前 14 天日均 × 阶段天数）`]);
  s.addRow([]);
  s.addRow([
    '阶段',
    '开始',
    '结束',
    '天数',
    '成交金额(元)',
    '订单数',
    '件数',
    '新客数',
    '基线成交(元)',
    '较基线',
  ]);
  for (const p of [...r.phases, r.total]) {
    s.addRow([
      p.name,
      p.from,
      p.to,
      p.actual.days,
      yuan(p.actual.gmvFen),
      p.actual.orders,
      p.actual.units,
      p.actual.newBuyers,
      yuan(p.baseline.gmvFen),
      pct(p.gmvLiftBp),
    ]);
  }
  s.getColumn(10).numFmt = '0.0%';
  s.addRow([]);
  s.addRow(['目标', '目标值', '实际', '达成率']);
  s.addRow(['成交金额(元)', yuan(r.goals.gmvFen), yuan(r.total.actual.gmvFen), pct(r.attainment.gmvBp)]);
  s.addRow(['件数', r.goals.units, r.total.actual.units, pct(r.attainment.unitsBp)]);
  s.addRow(['新客数', r.goals.newBuyers, r.total.actual.newBuyers, pct(r.attainment.newBuyersBp)]);
  const k = wb.addWorksheet('筹备清单');
  k.addRow(['事项', '截止日', '负责角色', '状态', '完成时间']);
  for (const i of c.checklist)
    k.addRow([i.title, i.dueDate, i.currentRole, i.done ? '已完成' : i.late ? '逾期' : '进行中', i.doneAt]);
  const d = wb.addWorksheet('每日');
  d.addRow(['日期', '成交金额(元)', '订单数', '件数', '新客数']);
  for (const x of r.days) d.addRow([x.date, yuan(x.gmvFen), x.orders, x.units, x.newBuyers]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── Offers and the price floor ─────────────────────────────────────────────────────────────

type OfferRow = typeof offers.$inferSelect;

export type OfferInput = {
  kind: OfferKind;
  name: string;
  startsAt: Date;
  endsAt: Date;
  productIds?: string[] | null;
  percentBp?: number | null;
  unitMinusFen?: number | null;
  tiers?: Tier[] | null;
  perEach?: Offer['perEach'];
  campaignId?: string | null;
};

export function toOffer(r: OfferRow): Offer {
  return {
    id: r.id,
    kind: r.kind as OfferKind,
    name: r.name,
    startsAt: r.startsAt.getTime(),
    endsAt: r.endsAt.getTime(),
    productIds: r.productIds ?? null,
    percentBp: r.percentBp,
    unitMinusFen: r.unitMinusFen,
    tiers: r.tiers ?? null,
    perEach: r.perEach ?? null,
  };
}

function offerDto(r: OfferRow) {
  return {
    ...r,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function createOffer(ctx: Ctx, storeId: string, input: OfferInput, personId: string | null) {
  if (!(OFFER_KINDS as readonly string[]).includes(input.kind))
    throw badInput('marketing.bad_offer', `Unknown offer kind: ${input.kind}`, {
      details: { field: 'kind' },
    });
  if (!input.name.trim())
    throw badInput('marketing.name_required', 'An offer needs a name', { details: { field: 'name' } });
  const now = ctx.clock.now();
  const row: OfferRow = {
    storeId,
    id: newId(),
    kind: input.kind,
    name: input.name.trim(),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    productIds: input.productIds?.length ? input.productIds : null,
    percentBp: input.percentBp ?? null,
    unitMinusFen: input.unitMinusFen ?? null,
    tiers: input.tiers ?? null,
    perEach: input.perEach ?? null,
    campaignId: input.campaignId ?? null,
    status: 'active',
    createdBy: personId,
    createdAt: now,
    updatedAt: now,
  };
  const bad = offerProblem(toOffer(row));
  if (bad)
    throw badInput('marketing.bad_offer', `The offer's ${bad} is not valid`, {
      details: { field: bad },
      params: { field: bad },
    });
  await ctx.database.db.insert(offers).values(row);
  return offerDto(row);
}

export async function cancelOffer(ctx: Ctx, storeId: string, id: string) {
  const [row] = await ctx.database.db
    .update(offers)
    .set({ status: 'cancelled', updatedAt: ctx.clock.now() })
    .where(and(eq(offers.storeId, storeId), eq(offers.id, id)))
    .returning();
  if (!row) throw notFound('marketing.offer_not_found', 'No such offer');
  return offerDto(row);
}

export async function listOffers(ctx: Ctx, storeId: string, opts: { includeEnded?: boolean } = {}) {
  const where = [eq(offers.storeId, storeId), eq(offers.status, 'active')];
  if (!opts.includeEnded) where.push(gte(offers.endsAt, ctx.clock.now()));
  const rows = await ctx.database.db
    .select()
    .from(offers)
    .where(and(...where))
    .orderBy(asc(offers.startsAt), asc(offers.id));
  return rows.map(offerDto);
}

async function liveOffers(ctx: Ctx, storeId: string): Promise<Offer[]> {
  const rows = await ctx.database.db
    .select()
    .from(offers)
    .where(
      and(eq(offers.storeId, storeId), eq(offers.status, 'active'), gte(offers.endsAt, ctx.clock.now())),
    );
  return rows.map(toOffer);
}

/**
 * The price-floor guard over the store's SKUs: the lowest reachable price under every window of
 * active and scheduled offers vs cost + fees. With `alert`, each breach becomes one task for
 * marketing (one per SKU and offer set).
 */
export async function floorCheck(ctx: Ctx, storeId: string, opts: { alert?: boolean } = {}) {
  const settings = await getSettings(ctx, storeId);
  const all = await liveOffers(ctx, storeId);
  const skus = (await skuPrices(ctx, storeId)).filter((s) => s.priceFen != null && s.productId);
  const touched = skus.filter((s) =>
    all.some((o) => o.productIds === null || o.productIds.includes(s.productId!)),
  );
  const now = ctx.clock.now().getTime();
  const results = checkFloor(
    touched.map((s) => ({
      skuCode: s.skuCode,
      productId: s.productId!,
      priceFen: s.priceFen!,
      costFen: s.costFen,
    })),
    all,
    now,
    settings,
  );
  const titles = new Map(skus.map((s) => [s.skuCode, s.title]));
  const names = new Map(all.map((o) => [o.id, o.name]));
  const tz = await storeZone(ctx, storeId);
  const out = results.map((r) => ({
    ...r,
    title: titles.get(r.skuCode) ?? null,
    offerNames: r.offerIds.map((id) => names.get(id) ?? id),
    worstWindowFrom: r.worstWindowFrom === null ? null : new Date(r.worstWindowFrom).toISOString(),
    breach: r.breach
      ? {
          ...r.breach,
          windowFrom: new Date(r.breach.windowFrom).toISOString(),
          windowTo: Number.isFinite(r.breach.windowTo) ? new Date(r.breach.windowTo).toISOString() : null,
        }
      : null,
  }));
  if (opts.alert) {
    const owner = await personFor(ctx, storeId, 'marketing');
    for (const r of out) {
      if (!r.breach) continue;
      const when = businessDate(new Date(r.breach.windowFrom), tz);
      await createTask(ctx, storeId, {
        title: `价格底线预警：${r.title ?? r.skuCode} 叠加优惠后 ¥${(r.lowestUnitFen / 100).toFixed(2)}，低于底线 ¥${(r.floorFen! / 100).toFixed(2)}（${when} 起）`,
        description: `叠加：${r.offerNames.join(' + ')}；购买 ${r.quantity} 件${r.breach.topUpFen ? `，凑单 ¥${(r.breach.topUpFen / 100).toFixed(2)}` : ''}。成本 ¥${(r.costFen! / 100).toFixed(2)}，扣点与手续费按店铺设置。请在生效前调整优惠。`,
        ownerPersonId: owner,
        ownerRole: owner ? null : 'marketing',
        dueAt: new Date(Math.max(ctx.clock.now().getTime(), Date.parse(r.breach.windowFrom))),
        priority: 'urgent',
        links: [{ kind: 'sku', id: r.skuCode, label: r.title ?? r.skuCode }],
        source: SOURCE,
        dedupeKey: `floor:${r.skuCode}:${[...r.offerIds].sort().join('+')}`,
      });
    }
  }
  return out;
}

/** The store's SKUs with price, cost and their floor price (the simulator's picker). */
export async function skuFloors(ctx: Ctx, storeId: string) {
  const settings = await getSettings(ctx, storeId);
  return (await skuPrices(ctx, storeId))
    .filter((s) => s.priceFen != null && s.productId)
    .map((s) => ({ ...s, floorFen: s.costFen == null ? null : floorPrice(s.costFen, settings) }));
}

/** The coupon simulator: a cart at an instant (default now) → prices per line, and each SKU's floor. */
export async function simulateCart(
  ctx: Ctx,
  storeId: string,
  cart: { skuCode: string; quantity: number }[],
  at?: Date,
) {
  const settings = await getSettings(ctx, storeId);
  const skus = new Map((await skuPrices(ctx, storeId)).map((s) => [s.skuCode, s]));
  const lines: CartLine[] = cart.map((l, i) => {
    const s = skus.get(l.skuCode);
    if (!s || s.priceFen == null || !s.productId)
      throw badInput('marketing.unknown_sku', `Unknown SKU: ${l.skuCode}`, {
        details: { field: `cart[${i}].skuCode` },
      });
    return { skuCode: s.skuCode, productId: s.productId, unitPriceFen: s.priceFen, quantity: l.quantity };
  });
  const all = await liveOffers(ctx, storeId);
  const instant = (at ?? ctx.clock.now()).getTime();
  const price = priceCart(lines, all, instant);
  return {
    at: new Date(instant).toISOString(),
    ...price,
    lines: price.lines.map((l) => {
      const s = skus.get(l.skuCode)!;
      const floor = s.costFen == null ? null : floorPrice(s.costFen, settings);
      const lowest = lowestReachable(
        { skuCode: s.skuCode, productId: s.productId!, priceFen: s.priceFen!, costFen: s.costFen },
        all,
        instant,
      );
      return {
        ...l,
        title: s.title,
        costFen: s.costFen,
        floorFen: floor,
        belowFloor: floor !== null && l.netFen < floor * l.quantity,
        lowestReachableFen: lowest.lowestUnitFen,
      };
    }),
    offerNames: Object.fromEntries(all.map((o) => [o.id, o.name])),
  };
}

/**
 * The 10:30 promotions check: offers running out within the lead time become a task each
 * (renew, or let it go on purpose), and the price floor is checked with alerts.
 */
export async function promotionsCheck(ctx: Ctx, storeId: string, _date: string) {
  const settings = await getSettings(ctx, storeId);
  const now = ctx.clock.now().getTime();
  const all = await liveOffers(ctx, storeId);
  const expiring = all
    .filter((o) => o.startsAt <= now && o.endsAt - now <= settings.expiryLeadHours * 3_600_000)
    .sort((a, b) => a.endsAt - b.endsAt);
  const tz = await storeZone(ctx, storeId);
  const owner = await personFor(ctx, storeId, 'marketing');
  for (const o of expiring) {
    const end = new Date(o.endsAt);
    await createTask(ctx, storeId, {
      title: `优惠即将到期：${o.name}（${businessDate(end, tz)} 结束）`,
      description: '续期，或确认到期后不再需要。',
      ownerPersonId: owner,
      ownerRole: owner ? null : 'marketing',
      dueAt: end,
      priority: 'high',
      links: [{ kind: 'offer', id: o.id, label: o.name }],
      source: SOURCE,
      dedupeKey: `offer-expiry:${o.id}:${o.endsAt}`,
    });
  }
  const floor = await floorCheck(ctx, storeId, { alert: true });
  return { expiring: expiring.map((o) => o.id), breaches: floor.filter((f) => f.breach).length };
}

// ── Paid ads ───────────────────────────────────────────────────────────────────────────────

async function adRows(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
  opts: { withoutKeywords?: boolean } = {},
): Promise<AdRow[]> {
  const rows = await ctx.database.db
    .select()
    .from(adReports)
    .where(
      and(
        eq(adReports.storeId, storeId),
        gte(adReports.date, from),
        lte(adReports.date, to),
        opts.withoutKeywords ? sql`${adReports.level} <> 'keyword'` : undefined,
      ),
    );
  return rows.map((r) => ({
    channel: r.channel,
    date: r.date,
    level: r.level,
    planId: r.planId ?? r.planName ?? '',
    planName: r.planName ?? r.planId ?? '',
    unitId: r.unitId,
    unitName: r.unitName,
    keyword: r.keyword,
    impressions: r.impressions ?? 0,
    clicks: r.clicks ?? 0,
    spendFen: r.spendFen,
    orders: r.orders ?? 0,
    gmvFen: r.gmvFen ?? 0,
    averageRank: r.averageRank,
  }));
}

/**
 * The plans that ran out of budget early (went offline) on each date of a range, inferred from
 * the daily reports as the ads dashboard does (`offlineFromDaily`: the plan's clicks under 70 % of
 * its usual day at a CPC no lower than usual, or its spend at the set budget): one query for the
 * whole range, for the morning diagnosis (metrics module) of many dates at once. Plan totals from
 * unit rows when the plan has any (a plan row would double count).
 */
/** A paid-traffic plan that ran out of budget early on `date` (the metrics diagnosis reads these). */
export type EarlyOfflinePlan = {
  date: string;
  channel: string;
  planId: string;
  planName: string;
  offlineAt: string;
  clicks: number;
  usualClicks: number;
  lostClicks: number;
  spendFen: number;
  usualSpendFen: number;
};

export async function earlyOfflinePlans(
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
): Promise<EarlyOfflinePlan[]> {
  type Row = AdRow & { level: string };
  const rows = (await adRows(ctx, storeId, addDays(from, -7), to, { withoutKeywords: true })) as Row[];
  const budgets = new Map(
    (await ctx.database.db.select().from(adPlanBudgets).where(eq(adPlanBudgets.storeId, storeId))).map(
      (b) => [`${b.channel}:${b.planId}`, b.dailyBudgetFen],
    ),
  );
  const byPlanDay = new Map<string, Map<string, Row[]>>();
  const hasUnits = new Set<string>();
  for (const r of rows) {
    const k = `${r.channel}:${r.planId}`;
    if (r.level === 'unit') hasUnits.add(k);
    const days = byPlanDay.get(k) ?? new Map<string, Row[]>();
    days.set(r.date, [...(days.get(r.date) ?? []), r]);
    byPlanDay.set(k, days);
  }
  const out = [];
  for (const [k, days] of byPlanDay) {
    const dayMetrics = (d: string) => {
      const rs = (days.get(d) ?? []).filter((r) => (r.level === 'unit') === hasUnits.has(k));
      return rs.length ? { m: metricsOf(rs), first: rs[0]! } : null;
    };
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const today = dayMetrics(d);
      if (!today) continue;
      const history: { spendFen: number; clicks: number }[] = [];
      for (let i = 7; i >= 1; i--) {
        const h = dayMetrics(addDays(d, -i));
        if (h) history.push(h.m);
      }
      const off = offlineFromDaily(today.m, history, budgets.get(k) ?? null);
      if (!off) continue;
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      out.push({
        date: d,
        channel: today.first.channel,
        planId: today.first.planId,
        planName: today.first.planName,
        offlineAt: off.offlineAt,
        clicks: today.m.clicks,
        usualClicks: mid(history.map((h) => h.clicks)),
        lostClicks: off.lostClicks ?? 0,
        spendFen: today.m.spendFen,
        usualSpendFen: mid(history.map((h) => h.spendFen)),
      });
    }
  }
  return out;
}

/** The latest date with ad data on or before yesterday (ad reports come a day late). */
export async function latestAdDate(ctx: Ctx, storeId: string): Promise<string | null> {
  const { date } = await today(ctx, storeId);
  const [row] = await ctx.database.db
    .select({ d: sql<string>`max(${adReports.date})` })
    .from(adReports)
    .where(and(eq(adReports.storeId, storeId), lte(adReports.date, addDays(date, -1))));
  return row?.d ? String(row.d).slice(0, 10) : null;
}

/**
 * Hourly spend of each plan on `date` (from `ad_report_hours`, one level per plan: units when
 * the file had units, else plans), keyed `channel:plan` like the dashboard's plans.
 */
async function hourlyByPlan(ctx: Ctx, storeId: string, date: string) {
  const rows = await ctx.database.db
    .select()
    .from(adReportHours)
    .where(
      and(
        eq(adReportHours.storeId, storeId),
        eq(adReportHours.date, date),
        sql`${adReportHours.level} <> 'keyword'`,
      ),
    );
  const byPlan = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.channel}:${r.planId ?? r.planName ?? ''}`;
    byPlan.set(k, [...(byPlan.get(k) ?? []), r]);
  }
  const out = new Map<string, { hour: number; spendFen: number; clicks: number }[]>();
  for (const [k, rs] of byPlan) {
    const hasUnits = rs.some((r) => r.level === 'unit');
    const hours = new Map<number, { hour: number; spendFen: number; clicks: number }>();
    for (const r of rs.filter((x) => (x.level === 'unit') === hasUnits)) {
      const h = hours.get(r.hour) ?? { hour: r.hour, spendFen: 0, clicks: 0 };
      h.spendFen += r.spendFen;
      h.clicks += r.clicks ?? 0;
      hours.set(r.hour, h);
    }
    out.set(
      k,
      [...hours.values()].sort((a, b) => a.hour - b.hour),
    );
  }
  return out;
}

/**
 * Affiliates (淘宝客) over the 30 days ending `date` (orders by creation time in the store's
 * zone): per partner from the imported 推广订单明细; without that file, the store-level
 * 淘宝客佣金 of the 生意参谋 rollups (no partners) — or nothing.
 */
export async function affiliateSummary(ctx: Ctx, storeId: string, date: string) {
  const tz = await storeZone(ctx, storeId);
  const from = addDays(date, -29);
  const rows = await ctx.database.db
    .select()
    .from(affiliateOrders)
    .where(
      and(
        eq(affiliateOrders.storeId, storeId),
        gte(affiliateOrders.createdAt, zonedInstant(from, '00:00', tz)),
        sql`${affiliateOrders.createdAt} < ${zonedInstant(addDays(date, 1), '00:00', tz)}`,
      ),
    );
  if (rows.length > 0) {
    const partners = affiliatePartners(
      rows.map((r) => ({
        orderId: r.orderId,
        partnerKey: r.partnerId ?? r.partnerName ?? '',
        partnerName: r.partnerName ?? r.partnerId ?? '',
        paidAmountFen: r.paidAmountFen,
        commissionFen: r.commissionFen,
        settledCommissionFen: r.settledCommissionFen,
        status: r.status as AffiliateLine['status'],
      })),
    );
    const commissionFen = partners.reduce((a, p) => a + p.commissionFen, 0);
    const gmvFen = partners.reduce((a, p) => a + p.gmvFen, 0);
    return {
      source: 'affiliate_file' as const,
      from,
      to: date,
      commissionFen,
      gmvFen,
      orders: partners.reduce((a, p) => a + p.orders, 0),
      roi: commissionFen > 0 ? Math.round((gmvFen * 100) / commissionFen) : null,
      partners,
    };
  }
  const days = await storeDailyRollups(ctx, storeId, from, date);
  const known = days.filter((d) => d.affiliateCommissionFen !== null);
  return {
    source: known.length ? ('store_metrics' as const) : ('none' as const),
    from,
    to: date,
    commissionFen: known.length ? known.reduce((a, d) => a + (d.affiliateCommissionFen ?? 0), 0) : null,
    gmvFen: null,
    orders: null,
    roi: null,
    partners: [] as PartnerStats[],
  };
}

/**
 * The ads dashboard for one date (default: the latest day with data, normally yesterday): per
 * channel and plan the metrics, the plans that went offline early, ROI under the floor,
 * creatives with falling CTR, keyword alerts, account balances with days left.
 */
export async function adsDashboard(ctx: Ctx, storeId: string, date?: string) {
  const d = date ?? (await latestAdDate(ctx, storeId));
  const settings = await getSettings(ctx, storeId);
  const balances = await ctx.database.db.select().from(adAccounts).where(eq(adAccounts.storeId, storeId));
  if (!d)
    return {
      date: null,
      channels: [],
      plans: [],
      offline: [],
      lowRoi: [],
      creatives: [],
      keywords: { rank: [], cpc: [] },
      balances: [],
      affiliates: null,
    };
  const rows = await adRows(ctx, storeId, addDays(d, -13), d);
  // Plan totals come from unit rows when there are any (a plan-level row would double count).
  const planLevel = (rs: AdRow[]) => {
    const units = rs.filter((r) => (r as AdRow & { level: string }).level !== 'keyword');
    const hasUnits = units.some((r) => (r as AdRow & { level: string }).level === 'unit');
    return units.filter((r) => ((r as AdRow & { level: string }).level === 'unit') === hasUnits);
  };
  const base = planLevel(rows);
  const budgets = new Map(
    (await ctx.database.db.select().from(adPlanBudgets).where(eq(adPlanBudgets.storeId, storeId))).map(
      (b) => [`${b.channel}:${b.planId}`, b.dailyBudgetFen],
    ),
  );
  const byPlan = new Map<string, AdRow[]>();
  for (const r of base) {
    const k = `${r.channel}:${r.planId}`;
    byPlan.set(k, [...(byPlan.get(k) ?? []), r]);
  }
  const hourly = await hourlyByPlan(ctx, storeId, d);
  const plans = [];
  const offline = [];
  for (const [key, rs] of byPlan) {
    const todayRows = rs.filter((r) => r.date === d);
    if (todayRows.length === 0) continue;
    const m = metricsOf(todayRows);
    const history: { spendFen: number; clicks: number }[] = [];
    for (let i = 7; i >= 1; i--) {
      const day = rs.filter((r) => r.date === addDays(d, -i));
      if (day.length) history.push(metricsOf(day));
    }
    const budget = budgets.get(key) ?? null;
    // Hourly data when the plan has it (the day's spend per hour shows when it stopped); the
    // daily inference otherwise.
    const hours = hourly.get(key);
    const off = hours?.length ? offlineFromHourly(hours, budget) : offlineFromDaily(m, history, budget);
    const plan = {
      key,
      channel: rs[0].channel,
      planId: rs[0].planId,
      planName: rs[0].planName,
      ...m,
      budgetFen: budget,
      offline: off,
      belowRoiFloor: roiBelowFloor(m, settings.roiFloor),
    };
    plans.push(plan);
    if (off) offline.push(plan);
  }
  plans.sort((a, b) => b.spendFen - a.spendFen);
  const channels = [...new Set(base.filter((r) => r.date === d).map((r) => r.channel))].map((ch) => ({
    channel: ch,
    ...metricsOf(base.filter((r) => r.date === d && r.channel === ch)),
  }));
  const spendByChannel = (ch: string) => {
    const out: number[] = [];
    for (let i = 6; i >= 0; i--)
      out.push(
        base.filter((r) => r.channel === ch && r.date === addDays(d, -i)).reduce((a, r) => a + r.spendFen, 0),
      );
    return out;
  };
  return {
    date: d,
    roiFloor: settings.roiFloor,
    channels,
    plans,
    offline,
    lowRoi: plans.filter((p) => p.belowRoiFloor),
    creatives: fallingCtr(base, d),
    keywords: keywordAlerts(rows, d),
    affiliates: await affiliateSummary(ctx, storeId, d),
    balances: balances.map((b) => {
      const left = daysLeft(b.balanceFen, spendByChannel(b.channel));
      return {
        channel: b.channel,
        balanceFen: b.balanceFen,
        enteredAt: b.enteredAt.toISOString(),
        daysLeft: left,
        alert: left !== null && left < settings.balanceAlertDays,
      };
    }),
  };
}

export async function setAdBalance(
  ctx: Ctx,
  storeId: string,
  channel: string,
  balanceFen: number,
  personId: string | null,
) {
  const row = { storeId, channel, balanceFen, enteredBy: personId, enteredAt: ctx.clock.now() };
  await ctx.database.db
    .insert(adAccounts)
    .values(row)
    .onConflictDoUpdate({ target: [adAccounts.storeId, adAccounts.channel], set: row });
}

export async function setPlanBudget(
  ctx: Ctx,
  storeId: string,
  channel: string,
  planId: string,
  dailyBudgetFen: number,
) {
  const row = { storeId, channel, planId, dailyBudgetFen, updatedAt: ctx.clock.now() };
  await ctx.database.db
    .insert(adPlanBudgets)
    .values(row)
    .onConflictDoUpdate({
      target: [adPlanBudgets.storeId, adPlanBudgets.channel, adPlanBudgets.planId],
      set: row,
    });
}

/**
 * The 11:00 ads check: yesterday's early-offline plans, low ROI, tired creatives (→ a design
 * request), balances running out — one task each, idempotent by key.
 */
export async function adsCheck(ctx: Ctx, storeId: string, date: string) {
  // The morning report reads the latest day imported (normally yesterday; ad reports come T+1).
  const latest = await latestAdDate(ctx, storeId);
  if (!latest || latest < addDays(date, -7)) return { tasks: 0 };
  const dash = await adsDashboard(ctx, storeId, latest);
  if (!dash.date) return { tasks: 0 };
  const mk = await personFor(ctx, storeId, 'marketing');
  const designer = await personFor(ctx, storeId, 'designer');
  const tz = await storeZone(ctx, storeId);
  const due = zonedInstant(date, '12:00', tz);
  let n = 0;
  const task = async (
    title: string,
    key: string,
    link: { kind: string; id: string; label: string },
    role = 'marketing',
    description?: string,
  ) => {
    const person = role === 'designer' ? designer : mk;
    const r = await createTask(ctx, storeId, {
      title,
      description,
      ownerPersonId: person,
      ownerRole: person ? null : role,
      dueAt: due,
      priority: 'high',
      links: [link],
      source: SOURCE,
      dedupeKey: key,
    });
    if (r.created) n++;
  };
  for (const p of dash.offline)
    await task(
      `推广计划提前下线：${p.planName}（${dash.date} 约 ${p.offline!.offlineAt} 预算花完）`,
      `ads-offline:${p.key}:${dash.date}`,
      { kind: 'ad_plan', id: p.key, label: p.planName },
      'marketing',
      '检查日限额与出价，必要时提高预算或调整时段。',
    );
  for (const p of dash.lowRoi)
    await task(
      `推广 ROI 低于底线：${p.planName}（${((p.roi ?? 0) / 100).toFixed(2)} < ${(dash.roiFloor! / 100).toFixed(2)}）`,
      `ads-roi:${p.key}:${dash.date}`,
      { kind: 'ad_plan', id: p.key, label: p.planName },
    );
  for (const c of dash.creatives)
    await task(
      `设计需求：更换推广创意 ${c.label}（点击率 ${(c.from * 100).toFixed(2)}% → ${(c.to * 100).toFixed(2)}%）`,
      `ads-creative:${c.key}:${dash.date}`,
      { kind: 'ad_unit', id: c.key, label: c.label },
      'designer',
    );
  for (const b of dash.balances.filter((x) => x.alert))
    await task(`推广账户余额不足：${b.channel} 约可用 ${b.daysLeft} 天`, `ads-balance:${b.channel}:${date}`, {
      kind: 'ad_account',
      id: b.channel,
      label: b.channel,
    });
  return { tasks: n };
}

// ── Content ────────────────────────────────────────────────────────────────────────────────

export const POST_STATUSES = ['planned', 'ready', 'published', 'cancelled'] as const;
export type PostInput = {
  channel: string;
  title: string;
  audience?: string | null;
  plannedAt: Date;
  campaignId?: string | null;
  topic?: string | null;
  ownerPersonId?: string | null;
  status?: (typeof POST_STATUSES)[number];
  publishedUrl?: string | null;
};

type PostRow = typeof contentPosts.$inferSelect;
const postDto = (r: PostRow) => ({
  ...r,
  plannedAt: r.plannedAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function createPost(ctx: Ctx, storeId: string, input: PostInput) {
  if (!input.title.trim())
    throw badInput('marketing.name_required', 'A post needs a title', { details: { field: 'title' } });
  if (input.status === 'published' && !input.publishedUrl)
    throw badInput('marketing.link_required', 'A published post needs its link', {
      details: { field: 'publishedUrl' },
    });
  const now = ctx.clock.now();
  const row: PostRow = {
    storeId,
    id: newId(),
    channel: input.channel,
    title: input.title.trim(),
    audience: input.audience ?? null,
    plannedAt: input.plannedAt,
    campaignId: input.campaignId ?? null,
    topic: input.topic ?? null,
    ownerPersonId: input.ownerPersonId ?? null,
    status: input.status ?? 'planned',
    publishedUrl: input.publishedUrl ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.database.db.insert(contentPosts).values(row);
  return postDto(row);
}

export async function updatePost(ctx: Ctx, storeId: string, id: string, patch: Partial<PostInput>) {
  const [cur] = await ctx.database.db
    .select()
    .from(contentPosts)
    .where(and(eq(contentPosts.storeId, storeId), eq(contentPosts.id, id)));
  if (!cur) throw notFound('marketing.post_not_found', 'No such post');
  const next = { ...cur, ...patch, updatedAt: ctx.clock.now() } as PostRow;
  if (next.status === 'published' && !next.publishedUrl)
    throw badInput('marketing.link_required', 'A published post needs its link', {
      details: { field: 'publishedUrl' },
    });
  const [row] = await ctx.database.db
    .update(contentPosts)
    .set(next)
    .where(and(eq(contentPosts.storeId, storeId), eq(contentPosts.id, id)))
    .returning();
  return postDto(row!);
}

export async function listPosts(ctx: Ctx, storeId: string, from: Date, to: Date) {
  const rows = await ctx.database.db
    .select()
    .from(contentPosts)
    .where(
      and(
        eq(contentPosts.storeId, storeId),
        gte(contentPosts.plannedAt, from),
        lte(contentPosts.plannedAt, to),
      ),
    )
    .orderBy(asc(contentPosts.plannedAt));
  return rows.map(postDto);
}

// Kept for callers that only need ids of campaign tasks.
export async function campaignTaskIds(ctx: Ctx, storeId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return ctx.database.db
    .select({ campaignId: campaignChecklist.campaignId, taskId: campaignChecklist.taskId })
    .from(campaignChecklist)
    .where(and(eq(campaignChecklist.storeId, storeId), inArray(campaignChecklist.campaignId, campaignIds)))
    .orderBy(desc(campaignChecklist.dueDate));
}

/**
 * After an import: new ad reports → the ads check on the latest day (tasks at once, not only at
 * 11:00); new prices (order items, JD orders) → the price floor again with alerts.
 */
export async function marketingAfterImport(
  ctx: Ctx,
  e: { storeId: string; kind: string; inserted: number; updated: number },
): Promise<void> {
  if (e.kind === 'ads') {
    const { date } = await today(ctx, e.storeId);
    await adsCheck(ctx, e.storeId, date);
  } else if (e.kind === 'taobao-order-items' || e.kind === 'jd-orders') {
    if ((await liveOffers(ctx, e.storeId)).length > 0) await floorCheck(ctx, e.storeId, { alert: true });
  }
}

// Added by the inventory/catalog issue (#8): search terms for the title keyword coverage.
/** Keywords of the paid-search (直通车) keyword reports since a date, weighted by impressions. */
export async function searchTermsSince(
  db: import('../../db/client').DbOrTx,
  storeId: string,
  since: string,
  productId?: string,
): Promise<{ term: string; weight: number }[]> {
  const { sql } = await import('drizzle-orm');
  const r = (await db.execute(
    sql`select keyword as term, sum(coalesce(impressions, 0))::bigint as weight from ad_reports
        where store_id = ${storeId} and level = 'keyword' and keyword is not null and date >= ${since}::date
        ${productId ? sql`and (product_id = ${productId} or product_id is null)` : sql``}
        group by keyword order by weight desc limit 200`,
  )) as unknown as { rows: { term: string; weight: number }[] };
  return r.rows.map((x) => ({ term: x.term, weight: Number(x.weight) }));
}
