import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, conflict, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import type { DbOrTx } from '../../db/client';
import { sqlLiteral } from '../../db/copy';
import { sinkFromTable } from '../../db/facts';
import { packed, Unpacker } from '../../db/packed';
import { type Locale, translate } from '../../locales';
import { skus } from '../catalog/catalog.schema';
import { listCampaignPeriods } from '../marketing/marketing.service';
import { memberRoles, storeTimeZone } from '../team/team.service';
import { createTask, getTaskByKey, updateTask } from '../work/work.service';
import {
  type CampaignPeriod,
  campaignAlertDays,
  campaignShortfall,
  canMovePo,
  classifyStock,
  DEFAULT_SERVICE_LEVEL,
  dayNumber,
  dayString,
  type Forecast,
  forecastSeries,
  type InboundBatch,
  inTransitBatches,
  isLargeCountDifference,
  leadTimeStockoutRisk,
  MOVEMENT_KINDS,
  type MovementKind,
  type PoStatus,
  poStatusAfterReceipt,
  type RestockAdvice,
  readPlan,
  restockAdvice,
  type SkuSeries,
  type StockClass,
  type StockoutRisk,
  sellableDays,
  signedQty,
  supplierReportPeriod,
} from './inventory.rules';
import {
  countLines,
  countSheets,
  purchaseOrderLines,
  purchaseOrders,
  stockMovements,
  stockSnapshots,
  supplierSkus,
  suppliers,
  warehouses,
} from './inventory.schema';

/** Where imported stock snapshots land. */
export const inventoryImportSinks = {
  stock: sinkFromTable('stock', stockSnapshots),
};

// ---------------------------------------------------------------- campaign calendar (injected)

/**
 * Where the planned campaigns come from: the marketing calendar by default; the demo swaps in the
 * simulator's festival calendar (its history's campaigns), tests swap in their own.
 */
export type CampaignCalendar = (
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
) => Promise<CampaignPeriod[]>;
export const NO_CAMPAIGNS: CampaignCalendar = async () => [];
/** The store's own campaign calendar (marketing module); uplift is learnt from each SKU's history. */
export const MARKETING_CALENDAR: CampaignCalendar = async (ctx, storeId, from, to) =>
  (await listCampaignPeriods(ctx, storeId, from, to)).map((c) => ({
    name: c.name,
    start: c.from,
    end: c.to,
    uplift: null,
  }));
let campaignCalendar: CampaignCalendar = MARKETING_CALENDAR;
export function setCampaignCalendar(c: CampaignCalendar): void {
  campaignCalendar = c;
}
export function getCampaignCalendar(): CampaignCalendar {
  return campaignCalendar;
}

// ---------------------------------------------------------------- helpers

type Rows<T> = { rows: T[] };
async function q<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

export const storeZone = storeTimeZone;

export async function today(ctx: Ctx, storeId: string): Promise<string> {
  return businessDate(ctx.clock.now(), await storeZone(ctx, storeId));
}

// ---------------------------------------------------------------- warehouses

export const DEFAULT_WAREHOUSE = 'main';

export async function listWarehouses(ctx: Ctx, storeId: string) {
  return ctx.database.db
    .select()
    .from(warehouses)
    .where(eq(warehouses.storeId, storeId))
    .orderBy(asc(warehouses.code));
}

export async function saveWarehouse(
  ctx: Ctx,
  storeId: string,
  input: { code: string; name: string; leaderPersonId?: string | null },
) {
  const code = input.code.trim();
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(code))
    throw badInput('inventory.bad_warehouse_code', 'Warehouse code: letters, digits, - and _', {
      details: { field: 'code' },
    });
  if (input.leaderPersonId && (await memberRoles(ctx, storeId, input.leaderPersonId)) === null)
    throw badInput('inventory.person_not_in_store', 'That person is not a member of this store', {
      details: { field: 'leaderPersonId' },
    });
  const row = {
    storeId,
    code,
    name: input.name.trim() || code,
    leaderPersonId: input.leaderPersonId ?? null,
    createdAt: ctx.clock.now(),
  };
  await ctx.database.db
    .insert(warehouses)
    .values(row)
    .onConflictDoUpdate({
      target: [warehouses.storeId, warehouses.code],
      set: { name: row.name, leaderPersonId: row.leaderPersonId },
    });
  return row;
}

// ---------------------------------------------------------------- stock ledger

export type MovementInput = {
  skuCode: string;
  warehouse: string;
  kind: MovementKind;
  /** Units, positive for inbound/outbound/return/damage (the sign follows the kind); signed for adjustments. */
  qty: number;
  reason?: string | null;
  refKind?: string | null;
  refId?: string | null;
  /** The same key again posts nothing (a document posts once). */
  dedupeKey?: string | null;
  personId?: string | null;
  occurredAt?: Date;
};

export type MovementRow = typeof stockMovements.$inferSelect;

/**
 * Posts one movement. The SKU must be one of this store's SKUs and the warehouse one of its
 * warehouses: a movement never lands on another store's SKU.
 */
export async function postMovement(
  ctx: Ctx,
  storeId: string,
  input: MovementInput,
  db: DbOrTx = ctx.database.db,
): Promise<{ movement: MovementRow; created: boolean }> {
  if (!(MOVEMENT_KINDS as readonly string[]).includes(input.kind))
    throw badInput('inventory.bad_movement_kind', `Unknown movement kind: ${input.kind}`, {
      details: { field: 'kind' },
    });
  let qty: number;
  try {
    qty = signedQty(input.kind, input.qty);
  } catch {
    throw badInput('inventory.bad_qty', `Bad quantity for ${input.kind}: ${input.qty}`, {
      details: { field: 'qty', value: input.qty },
    });
  }
  const [sku] = await db
    .select({ skuCode: skus.skuCode })
    .from(skus)
    .where(and(eq(skus.storeId, storeId), eq(skus.skuCode, input.skuCode)));
  if (!sku)
    throw badInput('inventory.unknown_sku', `No SKU ${input.skuCode} in this store`, {
      details: { field: 'skuCode', value: input.skuCode },
    });
  const [wh] = await db
    .select({ code: warehouses.code })
    .from(warehouses)
    .where(and(eq(warehouses.storeId, storeId), eq(warehouses.code, input.warehouse)));
  if (!wh)
    throw badInput('inventory.unknown_warehouse', `No warehouse ${input.warehouse} in this store`, {
      details: { field: 'warehouse', value: input.warehouse },
    });
  const now = ctx.clock.now();
  const row: MovementRow = {
    storeId,
    id: newId(),
    skuCode: input.skuCode,
    warehouse: input.warehouse,
    kind: input.kind,
    qty,
    reason: input.reason ?? null,
    refKind: input.refKind ?? null,
    refId: input.refId ?? null,
    dedupeKey: input.dedupeKey ?? null,
    personId: input.personId ?? null,
    occurredAt: input.occurredAt ?? now,
    createdAt: now,
  };
  const inserted = await db.insert(stockMovements).values(row).onConflictDoNothing().returning();
  if (!inserted.length) {
    const [existing] = await db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.storeId, storeId), eq(stockMovements.dedupeKey, input.dedupeKey!)));
    return { movement: existing!, created: false };
  }
  return { movement: inserted[0]!, created: true };
}

export async function listMovements(
  ctx: Ctx,
  storeId: string,
  f: { skuCode?: string; warehouse?: string; kind?: string; limit?: number; offset?: number } = {},
) {
  const where = [eq(stockMovements.storeId, storeId)];
  if (f.skuCode) where.push(eq(stockMovements.skuCode, f.skuCode));
  if (f.warehouse) where.push(eq(stockMovements.warehouse, f.warehouse));
  if (f.kind) where.push(eq(stockMovements.kind, f.kind));
  return ctx.database.db
    .select()
    .from(stockMovements)
    .where(and(...where))
    .orderBy(desc(stockMovements.occurredAt), desc(stockMovements.id))
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0);
}

export type StockLevel = {
  skuCode: string;
  warehouse: string;
  onHand: number;
};

/** On hand per SKU and warehouse = the sum of its movements (up to `asOf` when given). */
export async function stockLevels(
  ctx: Ctx,
  storeId: string,
  f: { skuCode?: string; warehouse?: string; asOf?: Date } = {},
  db: DbOrTx = ctx.database.db,
): Promise<StockLevel[]> {
  const rows = await q<{ sku_code: string; warehouse: string; on_hand: number }>(
    db,
    sql`select sku_code, warehouse, sum(qty)::int as on_hand from stock_movements
        where store_id = ${storeId}
        ${f.skuCode ? sql`and sku_code = ${f.skuCode}` : sql``}
        ${f.warehouse ? sql`and warehouse = ${f.warehouse}` : sql``}
        ${f.asOf ? sql`and occurred_at <= ${f.asOf.toISOString()}::timestamptz` : sql``}
        group by sku_code, warehouse order by sku_code, warehouse`,
  );
  return rows.map((r) => ({ skuCode: r.sku_code, warehouse: r.warehouse, onHand: Number(r.on_hand) }));
}

/** Reserved per SKU: units on paid orders not shipped yet (awaiting shipment). */
export async function reservedBySku(ctx: Ctx, storeId: string): Promise<Map<string, number>> {
  const rows = await q<{ sku_code: string; n: number }>(
    ctx.database.db,
    sql`select i.sku_code, sum(i.quantity)::int as n from order_items i
        join orders o on o.store_id = i.store_id and o.order_id = i.order_id
        where i.store_id = ${storeId} and o.status = 'awaiting_shipment' and i.sku_code is not null
          and coalesce(i.refund_status, '') <> 'succeeded'
        group by i.sku_code`,
  );
  return new Map(rows.map((r) => [r.sku_code, Number(r.n)]));
}

export type StockPosition = {
  skuCode: string;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  /** Where the numbers come from: the ledger, or the latest imported snapshot when the SKU has no movements. */
  source: 'ledger' | 'snapshot';
  snapshotDate: string | null;
};

/**
 * Stock per SKU for planning. A SKU with movements in the ledger counts from the ledger (on hand −
 * reserved); one without (the ledger not in use for it yet) from the latest imported snapshot
 * (available as the ERP reports it, in transit as inbound). Open purchase-order lines add inbound.
 */
export async function stockPositions(ctx: Ctx, storeId: string): Promise<Map<string, StockPosition>> {
  const db = ctx.database.db;
  const out = new Map<string, StockPosition>();
  const snaps = await q<{
    sku_code: string;
    date: string;
    available: number;
    in_transit: number;
    reserved: number;
  }>(
    db,
    sql`with latest as (select max(date) as d from stock_snapshots where store_id = ${storeId})
        select s.sku_code, max(s.date)::text as date, sum(s.available)::int as available,
               coalesce(sum(s.in_transit), 0)::int as in_transit, coalesce(sum(s.reserved), 0)::int as reserved
        from stock_snapshots s, latest
        where s.store_id = ${storeId} and s.date = latest.d and s.sku_code is not null
        group by s.sku_code`,
  );
  for (const s of snaps)
    out.set(s.sku_code, {
      skuCode: s.sku_code,
      onHand: Number(s.available) + Number(s.reserved),
      reserved: Number(s.reserved),
      available: Number(s.available),
      inbound: Number(s.in_transit),
      source: 'snapshot',
      snapshotDate: s.date,
    });
  const levels = await stockLevels(ctx, storeId);
  if (levels.length) {
    const reserved = await reservedBySku(ctx, storeId);
    const onHand = new Map<string, number>();
    for (const l of levels) onHand.set(l.skuCode, (onHand.get(l.skuCode) ?? 0) + l.onHand);
    for (const [sku, n] of onHand) {
      const r = reserved.get(sku) ?? 0;
      out.set(sku, {
        skuCode: sku,
        onHand: n,
        reserved: r,
        available: n - r,
        inbound: 0,
        source: 'ledger',
        snapshotDate: out.get(sku)?.snapshotDate ?? null,
      });
    }
  }
  const open = await q<{ sku_code: string; n: number }>(
    db,
    sql`select l.sku_code, sum(l.qty_ordered - l.qty_received)::int as n from purchase_order_lines l
        join purchase_orders p on p.store_id = l.store_id and p.id = l.po_id
        where l.store_id = ${storeId} and p.status in ('sent', 'partly_received') group by l.sku_code`,
  );
  for (const o of open) {
    const p = out.get(o.sku_code);
    if (p && p.source === 'ledger') p.inbound += Math.max(0, Number(o.n));
  }
  return out;
}

/**
 * Inbound batches per SKU with the day each is expected (`InboundBatch.dueInDays` after asOf):
 * - a SKU the snapshots show "in transit" (在途) on asOf: the run of in-transit days up to asOf is
 *   split into batches (`inTransitBatches`: a rise is a reorder shipped that day, a fall an
 *   arrival, oldest first), each expected the supplier's lead time after it showed up
 *   (`leadTimeDays`, as `leadTimes` gives it), else after the SKU's observed transit time — the
 *   median length of its completed in-transit runs over the last 180 days — else
 *   `fallbackLeadDays`; past that it is overdue;
 * - open purchase-order lines: expected on the order's expected date, else the supplier's lead
 *   time (the supplier-SKU's own, else the supplier's) after the order was sent (overdue when past it).
 */
export async function inboundFromSnapshots(
  ctx: Ctx,
  storeId: string,
  asOf: string,
  fallbackLeadDays = DEFAULT_LEAD_TIME_DAYS,
  leadTimeDays?: Map<string, number>,
): Promise<Map<string, (InboundBatch & { from: 'snapshot' | 'po' })[]>> {
  const rows = await q<{
    sku_code: string;
    lead: number | null;
    since: string | null;
    totals: string | null;
  }>(
    ctx.database.db,
    sql`with s as (
          select sku_code, date, coalesce(sum(in_transit), 0) as qty from stock_snapshots
          where store_id = ${storeId} and sku_code is not null and date <= ${asOf}::date
            and date > ${asOf}::date - 180
          group by sku_code, date),
        g as (select sku_code, date, qty, qty > 0 as moving,
                date - (row_number() over (partition by sku_code, qty > 0 order by date))::int as grp from s),
        runs as (select sku_code, moving, min(date) as a, max(date) as b,
                   case when max(date) = ${asOf}::date and bool_or(moving)
                     then string_agg(qty::bigint::text, ',' order by date) end as totals
                 from g group by sku_code, moving, grp)
        select sku_code,
          percentile_cont(0.5) within group (order by b - a + 1) filter (where moving and b < ${asOf}::date and a > ${asOf}::date - 179) as lead,
          max(a) filter (where moving and b = ${asOf}::date)::text as since,
          max(totals) filter (where moving and b = ${asOf}::date) as totals
        from runs group by sku_code`,
  );
  const out = new Map<string, (InboundBatch & { from: 'snapshot' | 'po' })[]>();
  const t = dayNumber(asOf);
  for (const r of rows) {
    if (!r.since || !r.totals) continue;
    const lead =
      leadTimeDays?.get(r.sku_code) ?? (r.lead === null ? fallbackLeadDays : Math.round(Number(r.lead)));
    const batches = inTransitBatches(r.totals.split(',').map(Number), lead);
    if (batches.length)
      out.set(
        r.sku_code,
        batches.map((x) => ({ ...x, from: 'snapshot' as const })),
      );
  }
  const tz = await storeZone(ctx, storeId);
  const pos = await q<{ sku_code: string; qty: number; expected: string | null; sent: string; lead: number }>(
    ctx.database.db,
    sql`select l.sku_code, sum(l.qty_ordered - l.qty_received)::int as qty, p.expected_date::text as expected,
          (coalesce(p.sent_at, p.created_at) at time zone ${tz})::date::text as sent,
          coalesce(ss.lead_time_days, su.lead_time_days, ${fallbackLeadDays})::int as lead
        from purchase_order_lines l join purchase_orders p on p.store_id = l.store_id and p.id = l.po_id
        left join suppliers su on su.store_id = p.store_id and su.id = p.supplier_id
        left join supplier_skus ss on ss.store_id = p.store_id and ss.supplier_id = p.supplier_id and ss.sku_code = l.sku_code
        where l.store_id = ${storeId} and p.status in ('sent', 'partly_received') and l.qty_ordered > l.qty_received
        group by l.sku_code, p.expected_date, 4, 5`,
  );
  for (const p of pos) {
    const list = out.get(p.sku_code) ?? [];
    list.push({
      qty: Number(p.qty),
      dueInDays: p.expected ? dayNumber(p.expected) - t : dayNumber(p.sent) + Number(p.lead) - t,
      from: 'po',
    });
    out.set(p.sku_code, list);
  }
  return out;
}

export type ReconcileFinding = {
  skuCode: string;
  warehouse: string;
  snapshotDate: string;
  snapshotQty: number;
  ledgerQty: number;
  difference: number;
};

/**
 * Ledger vs the latest imported snapshot, for SKUs the ledger tracks: the snapshot's available +
 * reserved against the ledger's on hand at the end of that business date. Every difference is a
 * finding (a count to check, a movement nobody posted).
 */
export async function reconcile(ctx: Ctx, storeId: string): Promise<ReconcileFinding[]> {
  const db = ctx.database.db;
  const tz = await storeZone(ctx, storeId);
  const rows = await q<{
    sku_code: string;
    warehouse: string | null;
    date: string;
    qty: number;
    ledger: number;
  }>(
    db,
    sql`with latest as (select max(date) as d from stock_snapshots where store_id = ${storeId}),
        snap as (
          select s.sku_code, coalesce(s.warehouse, ${DEFAULT_WAREHOUSE}) as warehouse, s.date,
                 sum(s.available + coalesce(s.reserved, 0))::int as qty
          from stock_snapshots s, latest where s.store_id = ${storeId} and s.date = latest.d
          group by 1, 2, 3),
        tracked as (select distinct sku_code from stock_movements where store_id = ${storeId})
        select snap.sku_code, snap.warehouse, snap.date::text as date, snap.qty,
          coalesce((select sum(m.qty) from stock_movements m where m.store_id = ${storeId}
             and m.sku_code = snap.sku_code and m.warehouse = snap.warehouse
             and m.occurred_at < ((snap.date + 1)::timestamp at time zone ${tz})), 0)::int as ledger
        from snap join tracked using (sku_code)`,
  );
  return rows
    .map((r) => ({
      skuCode: r.sku_code,
      warehouse: r.warehouse ?? DEFAULT_WAREHOUSE,
      snapshotDate: r.date,
      snapshotQty: Number(r.qty),
      ledgerQty: Number(r.ledger),
      difference: Number(r.qty) - Number(r.ledger),
    }))
    .filter((r) => r.difference !== 0)
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference));
}

/**
 * Opening balances: one adjustment per SKU and warehouse from the latest snapshot, for SKUs the
 * ledger does not track yet. How a store starts using the ledger (and the demo).
 */
export async function openFromSnapshot(ctx: Ctx, storeId: string, personId: string | null = null) {
  const db = ctx.database.db;
  const rows = await q<{ sku_code: string; warehouse: string; date: string; qty: number }>(
    db,
    sql`with latest as (select max(date) as d from stock_snapshots where store_id = ${storeId})
        select s.sku_code, coalesce(s.warehouse, ${DEFAULT_WAREHOUSE}) as warehouse, s.date::text as date,
               sum(s.available + coalesce(s.reserved, 0))::int as qty
        from stock_snapshots s, latest
        where s.store_id = ${storeId} and s.date = latest.d and s.sku_code is not null
          and not exists (select 1 from stock_movements m where m.store_id = ${storeId} and m.sku_code = s.sku_code)
        group by 1, 2, 3`,
  );
  const tz = await storeZone(ctx, storeId);
  let n = 0;
  for (const r of rows) {
    await saveWarehouseIfMissing(ctx, storeId, r.warehouse);
    const { created } = await postMovement(ctx, storeId, {
      skuCode: r.sku_code,
      warehouse: r.warehouse,
      kind: 'adjustment',
      qty: r.qty,
      reason: `期初库存（${r.date} 快照）`,
      refKind: 'snapshot',
      refId: r.date,
      dedupeKey: `opening:${r.sku_code}:${r.warehouse}`,
      personId,
      occurredAt: new Date(zonedInstant(r.date, '23:59:59', tz).getTime()),
    });
    if (created) n++;
  }
  return { posted: n };
}

async function saveWarehouseIfMissing(ctx: Ctx, storeId: string, code: string) {
  await ctx.database.db
    .insert(warehouses)
    .values({ storeId, code, name: code === DEFAULT_WAREHOUSE ? '主仓' : code, createdAt: ctx.clock.now() })
    .onConflictDoNothing();
}

// ---------------------------------------------------------------- sales history and the plan

/**
 * Daily units per SKU of a store, in its time zone: Tmall/Taobao order lines (paid, not closed)
 * and JD lines; stock-out days from snapshots (nothing available at the end of the day).
 */
export function storeSalesSource(storeId: string, tz: string): string {
  const s = sqlLiteral(storeId);
  const z = sqlLiteral(tz);
  return `(select sku_code, day, sum(qty)::int as qty, bool_or(stockout) as stockout from (
      select i.sku_code, (i.paid_at at time zone ${z})::date as day, i.quantity as qty, false as stockout
        from order_items i where i.store_id = ${s} and i.paid_at is not null and i.sku_code is not null
        and coalesce(i.status, '') not in ('closed', 'cancelled', 'awaiting_payment')
      union all
      select j.item_number, (j.paid_at at time zone ${z})::date, j.quantity, false
        from jd_order_lines j where j.store_id = ${s} and j.paid_at is not null and j.item_number is not null
        and j.status not in ('closed', 'cancelled', 'awaiting_payment')
      union all
      select sku_code, date, 0, true from stock_snapshots
        where store_id = ${s} and sku_code is not null and available <= 0
    ) x group by sku_code, day)`;
}

/**
 * Runs `fn` in a transaction (a savepoint inside one) with session settings local to it
 * (PostgreSQL and PGlite alike).
 */
async function withSettings<T>(db: DbOrTx, settings: string, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const s of settings.split(';')) if (s.trim()) await tx.execute(sql.raw(s));
    return fn(tx);
  });
}

// The roles of a day read, as bits (see readBits).
const RECENT = 1;
const LAST30 = 2;
const BEFORE = 4;
const AHEAD = 8;
const CAMPAIGN = 16;

/**
 * Each day the forecast reads gets its roles as bits, looked up by its day number in one array
 * from `lo` (one subscript per row instead of a range test per role); 0 = not read.
 */
function readBits(p: ReturnType<typeof readPlan>, t: number) {
  const lo = Math.min(...p.read.map((r) => r[0]));
  const bits = new Int32Array(Math.max(t, ...p.read.map((r) => r[1])) - lo + 1);
  const mark = (runs: readonly (readonly [number, number])[], bit: number) => {
    for (const [a, b] of runs) for (let x = a; x <= b; x++) bits[x - lo]! |= bit;
  };
  mark(p.recentNormal, RECENT);
  mark(p.last30, LAST30);
  mark(p.seasonBefore, BEFORE);
  mark(p.seasonAhead, AHEAD);
  mark(p.campaign, CAMPAIGN);
  return { lo, bits };
}

/**
 * Loads what the forecast reads, aggregated per SKU in one grouped query over only the days of
 * `readPlan` (the recent window's normal days, the last 30 days, last year's normal days around
 * the same date, and past campaign days when an uplift has to be learnt): the recent normal days
 * as one array per SKU (level and weekday pattern need the days), everything else as sums (season,
 * campaign uplift, units in 30 days, last sale). `source` is a relation with columns
 * (sku_code, day date, qty int, stockout bool).
 */
export async function loadHistories(
  db: DbOrTx,
  source: string,
  asOf: string,
  campaigns: CampaignPeriod[],
  horizonDays = 60,
  /**
   * A relation (sku_code, first_day date) with each SKU's first day on sale, when one is kept;
   * without it the first day is found by scanning the whole source.
   */
  firstDaySource?: string,
): Promise<Map<string, SkuSeries>> {
  const p = readPlan(asOf, campaigns, horizonDays);
  const windowStart = p.windowStart;
  const d = (n: number) => `${sqlLiteral(dayString(n))}::date`;
  const inRuns = (runs: readonly (readonly [number, number])[]) =>
    runs.length ? `(${runs.map(([a, b]) => `day between ${d(a)} and ${d(b)}`).join(' or ')})` : 'false';
  const epoch = `'1970-01-01'::date`;
  const t = dayNumber(asOf);
  const { lo, bits } = readBits(p, t);
  if (t - windowStart >= 512) throw new RangeError('recent window longer than 511 days');
  const sum = (bit: number) => `coalesce(sum(qty) filter (where b & ${bit} <> 0 and not stockout), 0)::int`;
  const outs = (bit: number) => `count(*) filter (where b & ${bit} <> 0 and stockout)::int`;
  // Recent normal days: one small integer per day with a sale or a stock-out,
  // ((qty · 512) + days before asOf) · 2 + out, as text (parses far faster than a float8[]).
  // One group per SKU with a string of its recent days: hashing needs more than the default
  // 4 MB of work memory (else it spills to disk), and the query is too short for JIT to pay off.
  const rows = await withSettings(db, "set local work_mem = '256MB'; set local jit = off", (tx) =>
    q<{
      sku_code: string;
      e: string | null;
      s30: number;
      last: number | null;
      sb: number;
      ob: number;
      sa: number;
      oa: number;
      sc: number;
      oc: number;
    }>(
      tx,
      sql.raw(`select sku_code,
        string_agg((((qty::int8 * 512) + (${t} - dn)) * 2 + stockout::int)::text, ',')
          filter (where b & ${RECENT} <> 0 and (qty > 0 or stockout)) as e,
        coalesce(sum(qty) filter (where b & ${LAST30} <> 0), 0)::int as s30,
        max(dn) filter (where qty > 0) as last,
        ${sum(BEFORE)} as sb, ${outs(BEFORE)} as ob,
        ${sum(AHEAD)} as sa, ${outs(AHEAD)} as oa,
        ${sum(CAMPAIGN)} as sc, ${outs(CAMPAIGN)} as oc
      from (select sku_code, qty, stockout, dn, ('{${bits.join(',')}}'::int[])[dn - ${lo - 1}] as b
        from (select sku_code, qty, stockout, day - ${epoch} as dn from ${source} s where ${inRuns(p.read)}) r) x
      group by sku_code`),
    ),
  );
  const first = await q<{ sku_code: string; f: number }>(
    db,
    sql.raw(
      firstDaySource
        ? `select sku_code, first_day - ${epoch} as f from ${firstDaySource} s where first_day <= ${sqlLiteral(asOf)}::date`
        : `select sku_code, min(day - ${epoch}) as f from ${source} s where day <= ${sqlLiteral(asOf)}::date group by sku_code`,
    ),
  );
  const out = new Map<string, SkuSeries>();
  const campaignRead = p.campaign.length > 0;
  const none: never[] = [];
  for (const r of rows) {
    const parts = r.e ? r.e.split(',') : none;
    let n = 0;
    let no = 0;
    const vals = new Float64Array(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const v = +parts[i]!;
      vals[i] = v;
      if (v >= 1024) n++;
      if (v % 2 === 1) no++;
    }
    const days = new Int32Array(n);
    const qty = new Int32Array(n);
    const stockoutDays = new Int32Array(no);
    n = 0;
    no = 0;
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i]!;
      const out = v % 2;
      const rest = (v - out) / 2;
      const back = rest % 512;
      const qn = (rest - back) / 512;
      if (qn > 0) {
        days[n] = t - back;
        qty[n++] = qn;
      }
      if (out === 1) stockoutDays[no++] = t - back;
    }
    out.set(r.sku_code, {
      days,
      qty,
      stockoutDays,
      windowStart,
      pre: {
        soldLast30: Number(r.s30),
        lastSale: r.last === null ? -1 : Number(r.last),
        seasonBeforeQty: Number(r.sb),
        seasonBeforeOuts: Number(r.ob),
        seasonAheadQty: Number(r.sa),
        seasonAheadOuts: Number(r.oa),
        campaignQty: Number(r.sc),
        campaignOuts: Number(r.oc),
        campaignRead,
      },
    });
  }
  for (const f of first) {
    const s = out.get(f.sku_code);
    if (s) s.firstDay = Number(f.f);
    else
      out.set(f.sku_code, { days: none, qty: none, stockoutDays: none, firstDay: Number(f.f), windowStart });
  }
  return out;
}

// ---------------------------------------------------------------- the yearly sales rollup

const EPOCH = `'1970-01-01'::date`;
const dayLit = (n: number) => `${sqlLiteral(dayString(n))}::date`;

/** Day number of 1 January of the year holding day number `d`. */
export function yearOf(d: number): number {
  return dayNumber(`${dayString(d).slice(0, 4)}-01-01`);
}
/** Day number of 1 January of the year after the one starting on day `y`. */
const nextYear = (y: number) => yearOf(y + 366);

/** The most units one SKU's day keeps in the rollup (a day above counts as this many). */
export const MAX_DAY_UNITS = 550_000;

/**
 * SQL: each SKU's days of `source` in [from, to] (one row per SKU and day; only days with a sale
 * or a stock-out), as rollup text starting at day `origin` (SQL, an integer day number; days
 * before the first one are U+0001), grouped by SKU and `part` (SQL; a year's 1 January or a
 * constant). Columns: sku_code, part, s.
 */
function rollupPieces(source: string, where: string, part: string, origin: string): string {
  return `select sku_code, part, string_agg(repeat(chr(1), dn - coalesce(prev + 1, ${origin}))
        || chr(v + case when v < 55295 then 1 else 2049 end), '' order by dn) as s
      from (select sku_code, part, dn, v, lag(dn) over (partition by sku_code, part order by dn) as prev
        from (select sku_code, ${part} as part, day - ${EPOCH} as dn,
            least(greatest(qty, 0), ${MAX_DAY_UNITS}) * 2 + stockout::int as v
          from ${source} src where ${where} and sku_code is not null and (qty > 0 or stockout)) x) y
      group by sku_code, part`;
}

/**
 * Rewrites `inventory_sales_years` of a store from `source` (a relation (sku_code, day date, qty
 * int, stockout bool), one row per SKU and day; in the product `storeSalesSource`, the order lines
 * and the snapshots): the days [from, to] of every SKU (spliced into the year rows: days outside
 * the range are kept), or everything without a range. One transaction: a reader sees the old
 * days or the new ones.
 */
export async function refreshSalesYears(
  db: DbOrTx,
  storeId: string,
  source: string,
  range?: { from: string; to: string },
): Promise<{ years: number }> {
  const s = sqlLiteral(storeId);
  const T = 'inventory_sales_years';
  const count = (r: unknown) => {
    const x = r as { rowCount?: number; affectedRows?: number };
    return Number(x.rowCount ?? x.affectedRows ?? 0);
  };
  return db.transaction(async (tx) => {
    if (!range) {
      await tx.execute(sql.raw(`delete from ${T} where store_id = ${s}`));
      const y = `date_trunc('year', day::timestamp)::date`;
      const r = await tx.execute(
        sql.raw(`insert into ${T} (store_id, sku_code, year, days)
          select ${s}, sku_code, part, s from (${rollupPieces(source, 'true', y, `part - ${EPOCH}`)}) p`),
      );
      return { years: count(r) };
    }
    let years = 0;
    const from = dayNumber(range.from);
    const to = dayNumber(range.to);
    for (let y = yearOf(from); y <= to; y = nextYear(y)) {
      const a = Math.max(from, y);
      const b = Math.min(to, nextYear(y) - 1);
      // Old days before a, the new [a, b] (padded to its length), old days after b; trailing
      // no-sale days trimmed (a row always ends on a day with a sale or a stock-out).
      const splice = (old: string, mid: string) =>
        `rtrim(rpad(left(${old}, ${a - y}), ${a - y}, chr(1)) || rpad(${mid}, ${b - a + 1}, chr(1))
          || substr(${old}, ${b - y + 2}), chr(1))`;
      await tx.execute(
        sql.raw(`update ${T} set days = ${splice('days', "''")}
          where store_id = ${s} and year = ${dayLit(y)} and length(days) > ${a - y}`),
      );
      const r = await tx.execute(
        sql.raw(`insert into ${T} as t (store_id, sku_code, year, days)
          select ${s}, sku_code, ${dayLit(y)}, repeat(chr(1), ${a - y}) || s
          from (${rollupPieces(source, `day between ${dayLit(a)} and ${dayLit(b)}`, '0', String(a))}) p
          on conflict (store_id, sku_code, year) do update
            set days = ${splice('t.days', `substr(excluded.days, ${a - y + 1})`)}`),
      );
      years += count(r);
      await tx.execute(
        sql.raw(`delete from ${T} where store_id = ${s} and year = ${dayLit(y)} and days = ''`),
      );
    }
    return { years };
  });
}

/**
 * Builds the store's yearly rollup from its whole history once (a store that had facts before
 * the rollup existed); afterwards the import followers keep it (`salesYearsAfterImport`).
 */
export async function ensureSalesYears(ctx: Ctx, storeId: string): Promise<void> {
  const [built] = await q<{ x: number }>(
    ctx.database.db,
    sql`select 1 as x from inventory_sales_years_built where store_id = ${storeId}`,
  );
  if (built) return;
  const tz = await storeZone(ctx, storeId);
  await ctx.database.db.transaction(async (tx) => {
    await refreshSalesYears(tx, storeId, storeSalesSource(storeId, tz));
    await tx.execute(sql`insert into inventory_sales_years_built (store_id, built_at)
      values (${storeId}, ${ctx.clock.now()}) on conflict (store_id) do nothing`);
  });
}

/** The import kinds whose facts feed the rollup, with the table and the business-date column. */
const SALES_ROLLUP_KINDS: Record<string, { table: string; date: (tz: string) => string }> = {
  'taobao-order-items': {
    table: 'order_items',
    date: (tz) => `(paid_at at time zone ${sqlLiteral(tz)})::date`,
  },
  'jd-orders': { table: 'jd_order_lines', date: (tz) => `(paid_at at time zone ${sqlLiteral(tz)})::date` },
  stock: { table: 'stock_snapshots', date: () => 'date' },
};

/**
 * Import follower: rewrites the days between the first and the last business date this import
 * wrote (rows carrying its import_id). Nothing before the store's first full build (the first
 * forecast builds it all). A re-export that moves a line to another payment day outside that
 * range leaves the old day until it is touched again or `refreshSalesYears` runs without a range.
 */
export async function salesYearsAfterImport(
  ctx: Ctx,
  e: { storeId: string; importId: string; kind: string },
): Promise<{ from: string; to: string } | null> {
  const k = SALES_ROLLUP_KINDS[e.kind];
  if (!k) return null;
  const [built] = await q<{ x: number }>(
    ctx.database.db,
    sql`select 1 as x from inventory_sales_years_built where store_id = ${e.storeId}`,
  );
  if (!built) return null;
  const tz = await storeZone(ctx, e.storeId);
  const dcol = k.date(tz);
  const [r] = await q<{ a: string | null; b: string | null }>(
    ctx.database.db,
    sql.raw(`select min(${dcol})::text as a, max(${dcol})::text as b from ${k.table}
      where store_id = ${sqlLiteral(e.storeId)} and import_id = ${sqlLiteral(e.importId)}`),
  );
  if (!r?.a || !r.b) return null;
  const range = { from: r.a, to: r.b };
  await refreshSalesYears(ctx.database.db, e.storeId, storeSalesSource(e.storeId, tz), range);
  return range;
}

/**
 * `loadHistories` on the yearly rollup: the same `SkuSeries` per SKU (the same days, sums and
 * stock-outs), from the days `readPlan` lists — per year one `substr` from the first to the last
 * day read in it, so the database returns 2–3 short strings per SKU (one character a day) and
 * aggregates nothing; the roles of each day are applied here, in one pass.
 */
export async function loadSalesYears(
  db: DbOrTx,
  storeId: string,
  asOf: string,
  campaigns: CampaignPeriod[],
  horizonDays = 60,
  /** As in `loadHistories`; without it, each SKU's first day in the rollup. */
  firstDaySource?: string,
): Promise<Map<string, SkuSeries>> {
  const p = readPlan(asOf, campaigns, horizonDays);
  const windowStart = p.windowStart;
  const t = dayNumber(asOf);
  const { lo, bits } = readBits(p, t);
  const n = bits.length;
  // Per year: the first and the last day read in it.
  const spans = new Map<number, [number, number]>();
  for (const [a0, b0] of p.read)
    for (let y = yearOf(a0); y <= b0; y = nextYear(y)) {
      const a = Math.max(a0, y);
      const b = Math.min(b0, t, nextYear(y) - 1);
      if (a > b) continue;
      const sp = spans.get(y);
      if (sp) {
        sp[0] = Math.min(sp[0], a);
        sp[1] = Math.max(sp[1], b);
      } else spans.set(y, [a, b]);
    }
  const s = sqlLiteral(storeId);
  const years = [...spans.keys()];
  // One row per year, its SKUs packed into one string (`packed`): the database returns 2–3 fields
  // instead of 3 per SKU and year (on PGlite each returned field costs more than the JS walk).
  const packs = years.length
    ? await q<{ y: number; a: string | null }>(
        db,
        sql.raw(`select y, ${packed('sku_code', 'd')} as a from (select sku_code, year - ${EPOCH} as y, case year ${years
          .map((y) => {
            const [a, b] = spans.get(y)!;
            return `when ${dayLit(y)} then substr(days, ${a - y + 1}, ${b - a + 1})`;
          })
          .join(' ')} end as d
        from inventory_sales_years where store_id = ${s} and year in (${years.map(dayLit).join(', ')}) offset 0) x
        group by y`),
      )
    : [];
  // The rows: SKU, the year's first day read, and where its days are in the year's pack.
  const rowSku: string[] = [];
  const rowStart: number[] = [];
  const rowPack: string[] = [];
  const rowFrom: number[] = [];
  const rowTo: number[] = [];
  for (const pk of packs) {
    const d0 = spans.get(Number(pk.y))![0];
    const u = new Unpacker(pk.a ?? '');
    while (u.next()) {
      rowSku.push(u.text());
      u.next();
      rowStart.push(d0);
      rowPack.push(u.a);
      rowFrom.push(u.from);
      rowTo.push(u.to);
    }
  }
  // A SKU's rows come in any order: chain them (the SKU's last row, each row's previous one of the
  // same SKU), then read each SKU's rows into shared buffers (views per SKU, no array per SKU).
  const lastRow = new Map<string, number>();
  const prevRow = new Int32Array(rowSku.length);
  let chars = 0;
  for (let i = 0; i < rowSku.length; i++) {
    const sku = rowSku[i]!;
    prevRow[i] = lastRow.get(sku) ?? -1;
    lastRow.set(sku, i);
    chars += rowTo[i]! - rowFrom[i]!;
  }
  const dayAll = new Int32Array(chars);
  const qtyAll = new Int32Array(chars);
  const outAll = new Int32Array(chars);
  let nd = 0;
  let no = 0;
  const out = new Map<string, SkuSeries>();
  const campaignRead = p.campaign.length > 0;
  const none: never[] = [];
  for (const [sku, lastI] of lastRow) {
    const d0 = nd;
    const o0 = no;
    let s30 = 0;
    let last = -1;
    let sb = 0;
    let ob = 0;
    let sa = 0;
    let oa = 0;
    let sc = 0;
    let oc = 0;
    let any = false;
    for (let ri = lastI; ri >= 0; ri = prevRow[ri]!) {
      const str = rowPack[ri]!;
      let dn = rowStart[ri]!;
      for (let i = rowFrom[ri]!, e = rowTo[ri]!; i < e; i++, dn++) {
        let c = str.charCodeAt(i);
        if (c === 1) continue;
        if (c >= 0xd800 && c < 0xdc00) {
          c = str.codePointAt(i)!;
          i++;
        }
        const at = dn - lo;
        if (at < 0 || at >= n) continue;
        const b = bits[at]!;
        if (b === 0) continue;
        const v = c < 0xd800 ? c - 1 : c - 2049;
        const isOut = v & 1;
        const qn = (v - isOut) / 2;
        any = true;
        if (qn > 0 && dn > last) last = dn;
        if (b & LAST30) s30 += qn;
        if (b & RECENT) {
          if (qn > 0) {
            dayAll[nd] = dn;
            qtyAll[nd++] = qn;
          }
          if (isOut) outAll[no++] = dn;
        }
        if (b & BEFORE) {
          if (isOut) ob++;
          else sb += qn;
        }
        if (b & AHEAD) {
          if (isOut) oa++;
          else sa += qn;
        }
        if (b & CAMPAIGN) {
          if (isOut) oc++;
          else sc += qn;
        }
      }
    }
    if (!any) continue;
    out.set(sku, {
      days: dayAll.subarray(d0, nd),
      qty: qtyAll.subarray(d0, nd),
      stockoutDays: outAll.subarray(o0, no),
      windowStart,
      pre: {
        soldLast30: s30,
        lastSale: last,
        seasonBeforeQty: sb,
        seasonBeforeOuts: ob,
        seasonAheadQty: sa,
        seasonAheadOuts: oa,
        campaignQty: sc,
        campaignOuts: oc,
        campaignRead,
      },
    });
  }
  // Each SKU's first day, packed into one string as the rollup rows.
  const [first] = await q<{ a: string | null }>(
    db,
    sql.raw(
      `select ${packed('sku_code', 'f::text')} as a from (${
        firstDaySource
          ? `select sku_code, first_day - ${EPOCH} as f from ${firstDaySource} s where first_day <= ${sqlLiteral(asOf)}::date`
          : // The SKU's first year's leading no-sale days skipped: its first day with a sale or a stock-out.
            `select distinct on (sku_code) sku_code, (year - ${EPOCH}) + length(days) - length(ltrim(days, chr(1))) as f
            from inventory_sales_years where store_id = ${s} and year <= ${sqlLiteral(asOf)}::date order by sku_code, year`
      } offset 0) x`,
    ),
  );
  const u = new Unpacker(first?.a ?? '');
  while (u.next()) {
    const sku = u.text();
    u.next();
    const fd = Number(u.text());
    if (fd > t) continue;
    const sr = out.get(sku);
    if (sr) sr.firstDay = fd;
    else out.set(sku, { days: none, qty: none, stockoutDays: none, firstDay: fd, windowStart });
  }
  return out;
}

export type PlanOptions = {
  asOf: string;
  campaigns: CampaignPeriod[];
  leadTimeDays: (skuCode: string) => number;
  serviceLevel?: number;
  horizonDays?: number;
  lowDays?: number;
  /** Inbound batches with their expected days (`inboundFromSnapshots`): the stock-out risk. */
  inbound?: Map<string, InboundBatch[]>;
};

export type PlanRow = {
  skuCode: string;
  available: number;
  inbound: number;
  baseVelocity: number;
  velocityNext7: number;
  sellableDays: number | null;
  stockoutDate: string | null;
  leadTimeDays: number;
  class: StockClass;
  confidence: Forecast['confidence'];
  soldLast30: number;
  lastSaleDate: string | null;
  advice: RestockAdvice;
  campaignRisk: { campaign: string; start: string; stockoutDate: string; shortBy: number } | null;
  /**
   * May run out before a reorder placed today could arrive: within the supplier's lead time +
   * review days (`leadTimeStockoutRisk`: cautious demand, inbound on its expected day, overdue
   * inbound not counted; `shortBy` the units short).
   */
  stockoutRisk: (StockoutRisk & { date: string }) | null;
  /** Why, in words (Chinese first: it is shown to the manager). */
  why: string;
};

/**
 * A row of the plan. `why` (the words) is built on first read and in JSON: a 50 000-SKU plan
 * shows a page of rows, and the text was a fifth of the plan's CPU. The fields are those of
 * `PlanRow`, in its order (JSON is the same as a plain object's).
 */
class PlanRowOf implements PlanRow {
  skuCode: string;
  available: number;
  inbound: number;
  baseVelocity: number;
  velocityNext7: number;
  sellableDays: number | null;
  stockoutDate: string | null;
  leadTimeDays: number;
  class: StockClass;
  confidence: Forecast['confidence'];
  soldLast30: number;
  lastSaleDate: string | null;
  advice: RestockAdvice;
  campaignRisk: PlanRow['campaignRisk'];
  stockoutRisk: PlanRow['stockoutRisk'];
  #why: string | undefined;
  /** For the words only: the season factor and the campaign's uplift. */
  readonly #season: number;
  readonly #uplift: number;
  constructor(
    skuCode: string,
    available: number,
    inbound: number,
    baseVelocity: number,
    velocityNext7: number,
    sellableDays: number | null,
    stockoutDate: string | null,
    leadTimeDays: number,
    cls: StockClass,
    confidence: Forecast['confidence'],
    soldLast30: number,
    lastSaleDate: string | null,
    advice: RestockAdvice,
    campaignRisk: PlanRow['campaignRisk'],
    stockoutRisk: PlanRow['stockoutRisk'],
    season: number,
    uplift: number,
  ) {
    this.skuCode = skuCode;
    this.available = available;
    this.inbound = inbound;
    this.baseVelocity = baseVelocity;
    this.velocityNext7 = velocityNext7;
    this.sellableDays = sellableDays;
    this.stockoutDate = stockoutDate;
    this.leadTimeDays = leadTimeDays;
    this.class = cls;
    this.confidence = confidence;
    this.soldLast30 = soldLast30;
    this.lastSaleDate = lastSaleDate;
    this.advice = advice;
    this.campaignRisk = campaignRisk;
    this.stockoutRisk = stockoutRisk;
    this.#season = season;
    this.#uplift = uplift;
  }
  /** Why, in words (Chinese first: it is shown to the manager): the parts that apply, joined by '；'. */
  get why(): string {
    if (this.#why !== undefined) return this.#why;
    let why = `日均 ${this.baseVelocity.toFixed(1)} 件`;
    if (this.#season !== 1) why += `；季节 ×${this.#season.toFixed(2)}`;
    const risk = this.campaignRisk;
    if (risk)
      why += `；${risk.campaign} ${risk.start} 起预计 ×${this.#uplift.toFixed(1)}，${risk.stockoutDate} 断货，缺 ${risk.shortBy} 件`;
    if (this.stockoutDate) why += `；预计 ${this.stockoutDate} 断货`;
    const outRisk = this.stockoutRisk;
    if (outRisk) why += `；${riskWhy(outRisk, this.leadTimeDays, this.inbound > 0)}`;
    else why += `；交期 ${this.leadTimeDays} 天`;
    if (this.confidence === 'low') why += '；历史不足 14 天';
    this.#why = why;
    return why;
  }
  toJSON(): PlanRow {
    return {
      skuCode: this.skuCode,
      available: this.available,
      inbound: this.inbound,
      baseVelocity: this.baseVelocity,
      velocityNext7: this.velocityNext7,
      sellableDays: this.sellableDays,
      stockoutDate: this.stockoutDate,
      leadTimeDays: this.leadTimeDays,
      class: this.class,
      confidence: this.confidence,
      soldLast30: this.soldLast30,
      lastSaleDate: this.lastSaleDate,
      advice: this.advice,
      campaignRisk: this.campaignRisk,
      stockoutRisk: this.stockoutRisk,
      why: this.why,
    };
  }
}

/**
 * The stock-out risk in words (src/locales, zh-CN: shown to the warehouse and CS), e.g.
 * 按供应商交期 7 天，现货 5 天内售罄，缺 12 件.
 */
export function riskWhy(
  r: StockoutRisk,
  leadTimeDays: number,
  hasInbound: boolean,
  locale: Locale = 'zh-CN',
): string {
  const p = { lead: leadTimeDays, day: r.day, short: r.shortBy, qty: r.overdueQty, horizon: r.horizonDays };
  const key =
    r.reason === 'inbound_overdue'
      ? 'inventory.why.risk_inbound_overdue'
      : r.reason === 'inbound_late'
        ? 'inventory.why.risk_inbound_late'
        : hasInbound
          ? 'inventory.why.risk_demand_inbound'
          : 'inventory.why.risk_demand';
  return translate(locale, key, p) ?? key;
}

/** Sellable days and restock for every SKU with history or stock: the pure rules over loaded data. */
export function planFromHistories(
  histories: Map<string, SkuSeries>,
  stock: Map<string, { available: number; inbound: number }>,
  o: PlanOptions,
): PlanRow[] {
  const out: PlanRow[] = [];
  const keys = new Set(histories.keys());
  for (const k of stock.keys()) keys.add(k);
  // Only campaigns that can start within the 30 days the shortfall looks at (once, not per SKU).
  const soon = addDays(o.asOf, 30);
  const upcoming = o.campaigns.filter((c) => c.start > o.asOf && c.start <= soon);
  const fo = { asOf: o.asOf, campaigns: o.campaigns, horizonDays: o.horizonDays };
  const noHistory: SkuSeries = { days: [], qty: [] };
  const noStock = { available: 0, inbound: 0 };
  // One forecast object for the run: each SKU's is read (into the row) before the next overwrites it.
  let f: Forecast | undefined;
  for (const sku of keys) {
    f = forecastSeries(histories.get(sku) ?? noHistory, fo, f);
    const st = stock.get(sku) ?? noStock;
    const lead = o.leadTimeDays(sku);
    const sd = sellableDays(st.available, f.daily);
    const advice = restockAdvice(f, {
      available: st.available,
      inbound: st.inbound,
      leadTimeDays: lead,
      serviceLevel: o.serviceLevel,
    });
    const cls = classifyStock({
      available: st.available,
      sellableDays: sd.days,
      soldLast30: f.soldLast30,
      leadTimeDays: lead,
      lowDays: o.lowDays,
    });
    const risk = upcoming.length
      ? campaignShortfall(f, st.available + st.inbound, upcoming, o.asOf, 30)
      : null;
    let v7 = 0;
    for (let i = 0; i < 7 && i < f.daily.length; i++) v7 += f.daily[i]!.qty;
    const batches = o.inbound?.get(sku);
    const outRisk = o.inbound ? leadTimeStockoutRisk(f, st.available, batches ?? [], lead) : null;
    out.push(
      new PlanRowOf(
        sku,
        st.available,
        st.inbound,
        f.baseVelocity,
        v7 / 7,
        sd.days,
        sd.stockoutDate,
        lead,
        cls,
        f.confidence,
        f.soldLast30,
        f.lastSaleDate,
        advice,
        risk
          ? {
              campaign: risk.campaign.name,
              start: risk.campaign.start,
              stockoutDate: risk.stockoutDate,
              shortBy: risk.shortBy,
            }
          : null,
        outRisk ? { ...outRisk, date: addDays(o.asOf, outRisk.day) } : null,
        f.seasonFactor,
        risk ? (risk.campaign.uplift ?? f.campaignUplift) : 0,
      ),
    );
  }
  // Code order by UTF-16 units (not locale collation: ICU per comparison is slow for 50 000 rows).
  return out.sort(
    (a, b) =>
      (a.sellableDays ?? 1e9) - (b.sellableDays ?? 1e9) ||
      (a.skuCode < b.skuCode ? -1 : a.skuCode > b.skuCode ? 1 : 0),
  );
}

export const DEFAULT_LEAD_TIME_DAYS = 15;

/** Lead time per SKU: the supplier-SKU's own, else its supplier's, else the default. */
export async function leadTimes(ctx: Ctx, storeId: string): Promise<Map<string, number>> {
  const rows = await ctx.database.db
    .select({ sku: supplierSkus.skuCode, own: supplierSkus.leadTimeDays, sup: suppliers.leadTimeDays })
    .from(supplierSkus)
    .innerJoin(
      suppliers,
      and(eq(suppliers.storeId, supplierSkus.storeId), eq(suppliers.id, supplierSkus.supplierId)),
    )
    .where(eq(supplierSkus.storeId, storeId));
  const m = new Map<string, number>();
  for (const r of rows) {
    const lt = r.own ?? r.sup;
    m.set(r.sku, Math.min(m.get(r.sku) ?? Number.POSITIVE_INFINITY, lt));
  }
  return m;
}

export type RestockPlan = { asOf: string; campaigns: CampaignPeriod[]; rows: PlanRow[] };

/** The store's restock / sellable-days list as of its business date today (or `asOf`). */
export async function restockPlan(
  ctx: Ctx,
  storeId: string,
  opts: { asOf?: string; campaigns?: CampaignPeriod[]; serviceLevel?: number; lowDays?: number } = {},
): Promise<RestockPlan> {
  const tz = await storeZone(ctx, storeId);
  const asOf = opts.asOf ?? addDays(businessDate(ctx.clock.now(), tz), -1);
  const campaigns =
    opts.campaigns ?? (await campaignCalendar(ctx, storeId, addDays(asOf, -400), addDays(asOf, 90)));
  await ensureSalesYears(ctx, storeId);
  const histories = await loadSalesYears(ctx.database.db, storeId, asOf, campaigns);
  const positions = await stockPositions(ctx, storeId);
  const lt = await leadTimes(ctx, storeId);
  // Inbound with expected days: purchase orders for SKUs the ledger tracks, else the snapshots' 在途.
  const inbound = await inboundFromSnapshots(ctx, storeId, asOf, DEFAULT_LEAD_TIME_DAYS, lt);
  // As in stockPositions: a ledger SKU's inbound is its open purchase orders, a snapshot SKU's the 在途.
  for (const [sku, list] of inbound) {
    const from = positions.get(sku)?.source === 'ledger' ? 'po' : 'snapshot';
    inbound.set(
      sku,
      list.filter((b) => b.from === from),
    );
  }
  const rows = planFromHistories(histories, positions, {
    asOf,
    campaigns,
    leadTimeDays: (s) => lt.get(s) ?? DEFAULT_LEAD_TIME_DAYS,
    serviceLevel: opts.serviceLevel ?? DEFAULT_SERVICE_LEVEL,
    lowDays: opts.lowDays,
    inbound,
  });
  return { asOf, campaigns, rows };
}

// ---------------------------------------------------------------- alerts → tasks

export const ALERT_LOW_DAYS = 7;
export const ALERT_CAMPAIGN_WITHIN_DAYS = 14;

/**
 * The daily inventory check (DOMAIN.md §3, §4, §7): below N sellable days, or running out before
 * a reorder placed today could arrive (the stock-out risk on the supplier's lead time + review) →
 * restock task for the warehouse, and a warning to CS when the stock-out is within the N days; an overdue inbound batch the stock needs →
 * chase task (催货) for the warehouse; on sale (sold in 30 days) with nothing available → delist task
 * (editor); a campaign within N days the stock does not last through → task to marketing and the
 * warehouse. One task per thing and day (dedupe keys), so running it twice changes nothing.
 */
export async function runDailyInventoryCheck(
  ctx: Ctx,
  storeId: string,
  businessDateStr: string,
  opts: { lowDays?: number; campaignWithinDays?: number; campaigns?: CampaignPeriod[] } = {},
) {
  const lowDays = opts.lowDays ?? ALERT_LOW_DAYS;
  const lowByDays = (r: PlanRow) => r.sellableDays !== null && r.sellableDays < lowDays;
  // Runs out before a reorder placed today could arrive (lead time + review), for lack of stock:
  // an overdue batch is the supplier's to chase (below), not a reorder.
  const runsOutInLeadTime = (r: PlanRow) =>
    r.stockoutRisk !== null && r.stockoutRisk.reason !== 'inbound_overdue';
  const within = opts.campaignWithinDays ?? ALERT_CAMPAIGN_WITHIN_DAYS;
  const plan = await restockPlan(ctx, storeId, {
    asOf: addDays(businessDateStr, -1),
    campaigns: opts.campaigns,
    lowDays,
  });
  const tz = await storeZone(ctx, storeId);
  const due = (days: number) => zonedInstant(addDays(businessDateStr, days), '18:00:00', tz);
  // One task per SKU and week (the Monday): a low-stock episode is one thing to do, not one per
  // day while the forecast's stock-out date moves.
  const dow = new Date(`${businessDateStr}T00:00:00Z`).getUTCDay();
  const week = addDays(businessDateStr, -((dow + 6) % 7));
  let created = 0;
  const mk = async (input: Parameters<typeof createTask>[2]) => {
    if ((await createTask(ctx, storeId, input)).created) created++;
  };
  for (const r of plan.rows) {
    const link = [{ kind: 'sku', id: r.skuCode, label: r.skuCode }];
    if (r.available <= 0 && r.soldLast30 > 0) {
      await mk({
        title: `下架或补货：${r.skuCode} 在售但可用库存为 0`,
        description: r.why,
        ownerRole: 'editor',
        dueAt: due(0),
        priority: 'high',
        links: link,
        source: 'inventory',
        dedupeKey: `inventory:delist:${r.skuCode}:${week}`,
      });
    } else if (r.soldLast30 > 0 && (lowByDays(r) || runsOutInLeadTime(r))) {
      const risk = runsOutInLeadTime(r) ? r.stockoutRisk : null;
      // The reorder covers at least the shortfall the alarm saw (the advice orders at the reorder
      // point, over the lead time only; the alarm looks lead time + review ahead).
      const p = {
        sku: r.skuCode,
        lead: r.leadTimeDays,
        date: risk?.date ?? '',
        qty: Math.max(r.advice.suggestedQty, risk?.shortBy ?? 0),
      };
      await mk({
        title:
          lowByDays(r) || !risk
            ? `补货：${r.skuCode} 可售 ${(r.sellableDays ?? 0).toFixed(1)} 天，建议采购 ${r.advice.suggestedQty} 件`
            : (translate('zh-CN', 'inventory.task.restock_risk', p) ?? r.skuCode),
        description: r.why,
        ownerRole: 'warehouse',
        dueAt: due(1),
        priority: r.sellableDays !== null && r.sellableDays < 3 ? 'high' : 'normal',
        links: link,
        source: 'inventory',
        dedupeKey: `inventory:restock:${r.skuCode}:${week}`,
      });
      // CS is warned only of a stock-out within the low-stock window: the warehouse reorders weeks
      // ahead, but a warning that far out is noise at the chat desk (and repeats every week).
      if (lowByDays(r) || (risk && risk.day <= lowDays))
        await mk({
          title:
            lowByDays(r) || !risk
              ? `库存预警：${r.skuCode} 约 ${r.stockoutDate} 断货，接待时注意`
              : (translate('zh-CN', 'inventory.task.low_warning_risk', p) ?? r.skuCode),
          description: r.why,
          ownerRole: 'cs_presale',
          dueAt: due(0),
          priority: 'normal',
          links: link,
          source: 'inventory',
          dedupeKey: `inventory:low-warning:${r.skuCode}:${week}`,
        });
    }
    if (r.stockoutRisk?.reason === 'inbound_overdue' && r.soldLast30 > 0) {
      await mk({
        title: `催货：${r.skuCode} 在途 ${r.stockoutRisk.overdueQty} 件逾期未到，约 ${r.stockoutRisk.date} 断货`,
        description: r.why,
        ownerRole: 'warehouse',
        dueAt: due(0),
        priority: 'high',
        links: link,
        source: 'inventory',
        dedupeKey: `inventory:inbound-overdue:${r.skuCode}:${week}`,
      });
    }
    // Early enough to order from the supplier before the campaign (lead time + review).
    if (
      r.campaignRisk &&
      r.campaignRisk.start <= addDays(businessDateStr, campaignAlertDays(within, r.leadTimeDays))
    ) {
      for (const role of ['marketing', 'warehouse'] as const) {
        await mk({
          title: `活动备货不足：${r.campaignRisk.campaign} ${r.skuCode} 缺 ${r.campaignRisk.shortBy} 件`,
          description: r.why,
          ownerRole: role,
          dueAt: due(1),
          priority: 'high',
          links: [...link, { kind: 'campaign', id: r.campaignRisk.campaign, label: r.campaignRisk.campaign }],
          source: 'inventory',
          dedupeKey: `inventory:campaign:${r.campaignRisk.campaign}:${r.campaignRisk.start}:${r.skuCode}:${role}`,
        });
      }
    }
  }
  return { asOf: plan.asOf, skus: plan.rows.length, created };
}

// ---------------------------------------------------------------- stock-taking (盘点)

export type CountSheetDto = typeof countSheets.$inferSelect & {
  lines: (typeof countLines.$inferSelect & { difference: number | null; large: boolean })[];
};

/**
 * A count sheet for a warehouse: one line per SKU (the given set, else every SKU the ledger holds
 * there), with the book quantity frozen now.
 */
export async function createCountSheet(
  ctx: Ctx,
  storeId: string,
  input: { warehouse: string; skuCodes?: string[]; note?: string | null; personId?: string | null },
): Promise<CountSheetDto> {
  const [wh] = await ctx.database.db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.storeId, storeId), eq(warehouses.code, input.warehouse)));
  if (!wh)
    throw badInput('inventory.unknown_warehouse', `No warehouse ${input.warehouse} in this store`, {
      details: { field: 'warehouse', value: input.warehouse },
    });
  const levels = new Map(
    (await stockLevels(ctx, storeId, { warehouse: input.warehouse })).map((l) => [l.skuCode, l.onHand]),
  );
  let codes = input.skuCodes?.length ? [...new Set(input.skuCodes)] : [...levels.keys()];
  if (input.skuCodes?.length) {
    const known = new Set(
      (
        await ctx.database.db
          .select({ c: skus.skuCode })
          .from(skus)
          .where(and(eq(skus.storeId, storeId), inArray(skus.skuCode, codes)))
      ).map((r) => r.c),
    );
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length)
      throw badInput('inventory.unknown_sku', `No SKU ${unknown[0]} in this store`, {
        details: { field: 'skuCodes', value: unknown },
      });
  }
  codes = codes.sort();
  if (!codes.length) throw badInput('inventory.empty_count_sheet', 'Nothing to count in this warehouse');
  const now = ctx.clock.now();
  const id = newId();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(countSheets).values({
      storeId,
      id,
      warehouse: input.warehouse,
      status: 'open',
      note: input.note ?? null,
      createdBy: input.personId ?? null,
      createdAt: now,
    });
    await tx
      .insert(countLines)
      .values(codes.map((c) => ({ storeId, sheetId: id, skuCode: c, expectedQty: levels.get(c) ?? 0 })));
  });
  // The counting itself is the warehouse's work: a task until the sheet is submitted.
  const tz = await storeZone(ctx, storeId);
  await createTask(ctx, storeId, {
    title: `盘点：${wh?.name ?? input.warehouse} ${codes.length} 个 SKU，录入实盘数量后提交`,
    description: input.note ?? null,
    ownerRole: 'warehouse',
    dueAt: zonedInstant(addDays(businessDate(now, tz), 1), '18:00:00', tz),
    priority: 'normal',
    links: [{ kind: 'count_sheet', id, label: '盘点单' }],
    source: 'inventory',
    dedupeKey: `inventory:count:${id}`,
  });
  return getCountSheet(ctx, storeId, id);
}

export async function listCountSheets(ctx: Ctx, storeId: string) {
  return ctx.database.db
    .select()
    .from(countSheets)
    .where(eq(countSheets.storeId, storeId))
    .orderBy(desc(countSheets.createdAt))
    .limit(200);
}

export async function getCountSheet(ctx: Ctx, storeId: string, id: string): Promise<CountSheetDto> {
  const [sheet] = await ctx.database.db
    .select()
    .from(countSheets)
    .where(and(eq(countSheets.storeId, storeId), eq(countSheets.id, id)));
  if (!sheet) throw notFound('inventory.count_sheet_not_found', 'No such count sheet');
  const lines = await ctx.database.db
    .select()
    .from(countLines)
    .where(and(eq(countLines.storeId, storeId), eq(countLines.sheetId, id)))
    .orderBy(asc(countLines.skuCode));
  return {
    ...sheet,
    lines: lines.map((l) => ({
      ...l,
      difference: l.countedQty === null ? null : l.countedQty - l.expectedQty,
      large: l.countedQty !== null && isLargeCountDifference(l.expectedQty, l.countedQty),
    })),
  };
}

/** Enters counted quantities (typed at the shelf or imported as sku,qty rows). Open sheets only. */
export async function enterCounts(
  ctx: Ctx,
  storeId: string,
  sheetId: string,
  counts: { skuCode: string; countedQty: number; note?: string | null }[],
  personId: string | null,
) {
  const sheet = await getCountSheet(ctx, storeId, sheetId);
  if (sheet.status !== 'open' && sheet.status !== 'rejected')
    throw conflict('inventory.count_sheet_closed', 'This count sheet is no longer open');
  const onSheet = new Set(sheet.lines.map((l) => l.skuCode));
  counts.forEach((c, i) => {
    if (!onSheet.has(c.skuCode))
      throw badInput('inventory.sku_not_on_sheet', `Row ${i + 1}: ${c.skuCode} is not on this sheet`, {
        details: { row: i + 1, field: 'skuCode', value: c.skuCode },
      });
    if (!Number.isInteger(c.countedQty) || c.countedQty < 0)
      throw badInput('inventory.bad_count', `Row ${i + 1}: count must be a whole number ≥ 0`, {
        details: { row: i + 1, field: 'countedQty', value: c.countedQty },
      });
  });
  for (const c of counts)
    await ctx.database.db
      .update(countLines)
      .set({ countedQty: c.countedQty, countedBy: personId, note: c.note ?? null })
      .where(
        and(
          eq(countLines.storeId, storeId),
          eq(countLines.sheetId, sheetId),
          eq(countLines.skuCode, c.skuCode),
        ),
      );
  if (sheet.status === 'rejected')
    await ctx.database.db
      .update(countSheets)
      .set({ status: 'open' })
      .where(and(eq(countSheets.storeId, storeId), eq(countSheets.id, sheetId)));
  return getCountSheet(ctx, storeId, sheetId);
}

/**
 * Submits a counted sheet for the warehouse leader's review. Large differences escalate at once:
 * a task to the manager (DOMAIN.md §3 chain: CS leader → marketing leader → manager; the chain
 * engine, built separately, can walk it from the task).
 */
export async function submitCountSheet(ctx: Ctx, storeId: string, sheetId: string) {
  const sheet = await getCountSheet(ctx, storeId, sheetId);
  if (sheet.status !== 'open')
    throw conflict('inventory.count_sheet_closed', 'This count sheet is no longer open');
  const missing = sheet.lines.filter((l) => l.countedQty === null);
  if (missing.length)
    throw badInput(
      'inventory.count_missing',
      `${missing.length} lines not counted yet (first: ${missing[0]!.skuCode})`,
      {
        details: { field: 'countedQty', skuCodes: missing.slice(0, 20).map((l) => l.skuCode) },
      },
    );
  await ctx.database.db
    .update(countSheets)
    .set({ status: 'submitted', submittedAt: ctx.clock.now() })
    .where(and(eq(countSheets.storeId, storeId), eq(countSheets.id, sheetId)));
  const counting = await getTaskByKey(ctx, storeId, `inventory:count:${sheetId}`);
  if (counting && counting.status !== 'done' && counting.status !== 'cancelled')
    await updateTask(ctx, storeId, counting.id, { status: 'done' }, null);
  const large = sheet.lines.filter((l) => l.large);
  const [wh] = await ctx.database.db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.storeId, storeId), eq(warehouses.code, sheet.warehouse)));
  await createTask(ctx, storeId, {
    title: `审核盘点单：${wh?.name ?? sheet.warehouse}，${sheet.lines.filter((l) => l.difference).length} 个 SKU 有差异`,
    ownerPersonId: wh?.leaderPersonId ?? null,
    ownerRole: wh?.leaderPersonId ? null : 'warehouse',
    priority: large.length ? 'high' : 'normal',
    links: [{ kind: 'count_sheet', id: sheetId, label: '盘点单' }],
    source: 'inventory',
    dedupeKey: `inventory:count-review:${sheetId}`,
  });
  if (large.length)
    await createTask(ctx, storeId, {
      title: `盘点差异大：${large.length} 个 SKU（如 ${large[0]!.skuCode} 账面 ${large[0]!.expectedQty} 实盘 ${large[0]!.countedQty}）`,
      description: large.map((l) => `${l.skuCode}: ${l.expectedQty} → ${l.countedQty}`).join('\n'),
      ownerRole: 'manager',
      priority: 'high',
      links: [{ kind: 'count_sheet', id: sheetId, label: '盘点单' }],
      source: 'inventory',
      dedupeKey: `inventory:count-escalation:${sheetId}`,
    });
  return getCountSheet(ctx, storeId, sheetId);
}

/**
 * The warehouse leader (or, without one, a warehouse / manager / owner role) approves: each
 * difference is posted as an adjustment, once. Or rejects: the sheet goes back for a recount.
 */
export async function reviewCountSheet(
  ctx: Ctx,
  storeId: string,
  sheetId: string,
  personId: string,
  decision: 'approve' | 'reject',
) {
  const sheet = await getCountSheet(ctx, storeId, sheetId);
  if (sheet.status !== 'submitted')
    throw conflict('inventory.count_sheet_not_submitted', 'Submit the sheet first');
  const [wh] = await ctx.database.db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.storeId, storeId), eq(warehouses.code, sheet.warehouse)));
  const roles = (await memberRoles(ctx, storeId, personId)) ?? [];
  const isLeader = wh?.leaderPersonId
    ? wh.leaderPersonId === personId || roles.includes('owner') || roles.includes('manager')
    : roles.some((r) => r === 'warehouse' || r === 'manager' || r === 'owner');
  if (!isLeader)
    throw forbidden('inventory.not_warehouse_leader', 'Only the warehouse leader approves a count');
  const now = ctx.clock.now();
  if (decision === 'reject') {
    await ctx.database.db
      .update(countSheets)
      .set({ status: 'rejected' })
      .where(and(eq(countSheets.storeId, storeId), eq(countSheets.id, sheetId)));
    return getCountSheet(ctx, storeId, sheetId);
  }
  await ctx.database.db.transaction(async (tx) => {
    for (const l of sheet.lines) {
      if (!l.difference) continue;
      await postMovement(
        ctx,
        storeId,
        {
          skuCode: l.skuCode,
          warehouse: sheet.warehouse,
          kind: 'adjustment',
          qty: l.difference,
          reason: `盘点调整：账面 ${l.expectedQty}，实盘 ${l.countedQty}${l.note ? `（${l.note}）` : ''}`,
          refKind: 'count_sheet',
          refId: sheetId,
          dedupeKey: `count:${sheetId}:${l.skuCode}`,
          personId,
          occurredAt: now,
        },
        tx,
      );
    }
    await tx
      .update(countSheets)
      .set({ status: 'approved', approvedBy: personId, approvedAt: now })
      .where(and(eq(countSheets.storeId, storeId), eq(countSheets.id, sheetId)));
  });
  return getCountSheet(ctx, storeId, sheetId);
}

// ---------------------------------------------------------------- suppliers and purchase orders

export type SupplierInput = {
  name: string;
  contactName?: string | null;
  phone?: string | null;
  wechat?: string | null;
  leadTimeDays: number;
  note?: string | null;
  skus?: {
    skuCode: string;
    leadTimeDays?: number | null;
    packSize?: number | null;
    minOrderQty?: number | null;
    costFen?: number | null;
  }[];
};

export async function saveSupplier(ctx: Ctx, storeId: string, input: SupplierInput, id?: string) {
  if (!input.name.trim())
    throw badInput('inventory.supplier_name_required', 'A supplier needs a name', {
      details: { field: 'name' },
    });
  if (!Number.isInteger(input.leadTimeDays) || input.leadTimeDays < 0 || input.leadTimeDays > 365)
    throw badInput('inventory.bad_lead_time', 'Lead time: whole days, 0–365', {
      details: { field: 'leadTimeDays' },
    });
  const now = ctx.clock.now();
  const supplierId = id ?? newId();
  const db = ctx.database.db;
  if (input.skus?.length) {
    const codes = input.skus.map((s) => s.skuCode);
    const known = new Set(
      (
        await db
          .select({ c: skus.skuCode })
          .from(skus)
          .where(and(eq(skus.storeId, storeId), inArray(skus.skuCode, codes)))
      ).map((r) => r.c),
    );
    const bad = codes.findIndex((c) => !known.has(c));
    if (bad >= 0)
      throw badInput('inventory.unknown_sku', `No SKU ${codes[bad]} in this store`, {
        details: { row: bad + 1, field: 'skuCode', value: codes[bad] },
      });
  }
  await db.transaction(async (tx) => {
    const values = {
      storeId,
      id: supplierId,
      name: input.name.trim(),
      contactName: input.contactName ?? null,
      phone: input.phone ?? null,
      wechat: input.wechat ?? null,
      leadTimeDays: input.leadTimeDays,
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    };
    if (id) {
      const r = await tx
        .update(suppliers)
        .set({ ...values, createdAt: undefined })
        .where(and(eq(suppliers.storeId, storeId), eq(suppliers.id, id)))
        .returning();
      if (!r.length) throw notFound('inventory.supplier_not_found', 'No such supplier');
    } else await tx.insert(suppliers).values(values);
    if (input.skus) {
      await tx
        .delete(supplierSkus)
        .where(and(eq(supplierSkus.storeId, storeId), eq(supplierSkus.supplierId, supplierId)));
      if (input.skus.length)
        await tx.insert(supplierSkus).values(
          input.skus.map((s) => ({
            storeId,
            supplierId,
            skuCode: s.skuCode,
            leadTimeDays: s.leadTimeDays ?? null,
            packSize: s.packSize ?? null,
            minOrderQty: s.minOrderQty ?? null,
            costFen: s.costFen ?? null,
          })),
        );
    }
  });
  return getSupplier(ctx, storeId, supplierId);
}

export async function getSupplier(ctx: Ctx, storeId: string, id: string) {
  const [s] = await ctx.database.db
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.storeId, storeId), eq(suppliers.id, id)));
  if (!s) throw notFound('inventory.supplier_not_found', 'No such supplier');
  const items = await ctx.database.db
    .select()
    .from(supplierSkus)
    .where(and(eq(supplierSkus.storeId, storeId), eq(supplierSkus.supplierId, id)))
    .orderBy(asc(supplierSkus.skuCode));
  return { ...s, skus: items };
}

export async function listSuppliers(ctx: Ctx, storeId: string) {
  const rows = await ctx.database.db
    .select()
    .from(suppliers)
    .where(eq(suppliers.storeId, storeId))
    .orderBy(asc(suppliers.name));
  const counts = await q<{ supplier_id: string; n: number }>(
    ctx.database.db,
    sql`select supplier_id, count(*)::int as n from supplier_skus where store_id = ${storeId} group by supplier_id`,
  );
  const n = new Map(counts.map((c) => [c.supplier_id, Number(c.n)]));
  return rows.map((r) => ({ ...r, skuCount: n.get(r.id) ?? 0 }));
}

export type PoDto = typeof purchaseOrders.$inferSelect & {
  lines: (typeof purchaseOrderLines.$inferSelect)[];
  supplierName: string;
};

export async function createPurchaseOrder(
  ctx: Ctx,
  storeId: string,
  input: {
    supplierId: string;
    warehouse: string;
    expectedDate?: string | null;
    note?: string | null;
    lines: { skuCode: string; qty: number; costFen?: number | null }[];
  },
  personId: string | null,
): Promise<PoDto> {
  const sup = await getSupplier(ctx, storeId, input.supplierId);
  // The main warehouse (主仓) exists in every store, created on first use.
  if (input.warehouse === DEFAULT_WAREHOUSE) await saveWarehouseIfMissing(ctx, storeId, DEFAULT_WAREHOUSE);
  const [wh] = await ctx.database.db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.storeId, storeId), eq(warehouses.code, input.warehouse)));
  if (!wh)
    throw badInput('inventory.unknown_warehouse', `No warehouse ${input.warehouse} in this store`, {
      details: { field: 'warehouse' },
    });
  if (!input.lines.length)
    throw badInput('inventory.po_empty', 'A purchase order needs lines', { details: { field: 'lines' } });
  const known = new Set(
    (
      await ctx.database.db
        .select({ c: skus.skuCode })
        .from(skus)
        .where(
          and(
            eq(skus.storeId, storeId),
            inArray(
              skus.skuCode,
              input.lines.map((l) => l.skuCode),
            ),
          ),
        )
    ).map((r) => r.c),
  );
  input.lines.forEach((l, i) => {
    if (!known.has(l.skuCode))
      throw badInput('inventory.unknown_sku', `Row ${i + 1}: no SKU ${l.skuCode} in this store`, {
        details: { row: i + 1, field: 'skuCode' },
      });
    if (!Number.isInteger(l.qty) || l.qty <= 0)
      throw badInput('inventory.bad_qty', `Row ${i + 1}: quantity must be a whole number > 0`, {
        details: { row: i + 1, field: 'qty' },
      });
  });
  const now = ctx.clock.now();
  const id = newId();
  const [{ n }] = await q<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from purchase_orders where store_id = ${storeId}`,
  );
  const day = await today(ctx, storeId);
  const number = `PO${day.replace(/-/g, '')}-${String(Number(n) + 1).padStart(3, '0')}`;
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(purchaseOrders).values({
      storeId,
      id,
      number,
      supplierId: sup.id,
      warehouse: input.warehouse,
      status: 'draft',
      expectedDate: input.expectedDate ?? addDays(day, sup.leadTimeDays),
      note: input.note ?? null,
      createdBy: personId,
      createdAt: now,
    });
    const merged = new Map<string, { qty: number; costFen: number | null }>();
    for (const l of input.lines) {
      const m = merged.get(l.skuCode);
      merged.set(l.skuCode, { qty: (m?.qty ?? 0) + l.qty, costFen: l.costFen ?? m?.costFen ?? null });
    }
    await tx.insert(purchaseOrderLines).values(
      [...merged].map(([skuCode, l]) => ({
        storeId,
        poId: id,
        skuCode,
        qtyOrdered: l.qty,
        qtyReceived: 0,
        costFen: l.costFen,
      })),
    );
  });
  return getPurchaseOrder(ctx, storeId, id);
}

export async function getPurchaseOrder(ctx: Ctx, storeId: string, id: string): Promise<PoDto> {
  const [po] = await ctx.database.db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.storeId, storeId), eq(purchaseOrders.id, id)));
  if (!po) throw notFound('inventory.po_not_found', 'No such purchase order');
  const lines = await ctx.database.db
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.storeId, storeId), eq(purchaseOrderLines.poId, id)))
    .orderBy(asc(purchaseOrderLines.skuCode));
  const [s] = await ctx.database.db
    .select({ name: suppliers.name })
    .from(suppliers)
    .where(and(eq(suppliers.storeId, storeId), eq(suppliers.id, po.supplierId)));
  return { ...po, lines, supplierName: s?.name ?? '' };
}

export async function listPurchaseOrders(
  ctx: Ctx,
  storeId: string,
  f: { status?: string; supplierId?: string } = {},
) {
  const where = [eq(purchaseOrders.storeId, storeId)];
  if (f.status) where.push(eq(purchaseOrders.status, f.status));
  if (f.supplierId) where.push(eq(purchaseOrders.supplierId, f.supplierId));
  return ctx.database.db
    .select({
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      status: purchaseOrders.status,
      supplierId: purchaseOrders.supplierId,
      supplierName: suppliers.name,
      warehouse: purchaseOrders.warehouse,
      expectedDate: purchaseOrders.expectedDate,
      createdAt: purchaseOrders.createdAt,
      qtyOrdered: sql<number>`(select coalesce(sum(qty_ordered), 0)::int from purchase_order_lines l where l.store_id = ${purchaseOrders.storeId} and l.po_id = ${purchaseOrders.id})`,
      qtyReceived: sql<number>`(select coalesce(sum(qty_received), 0)::int from purchase_order_lines l where l.store_id = ${purchaseOrders.storeId} and l.po_id = ${purchaseOrders.id})`,
    })
    .from(purchaseOrders)
    .leftJoin(
      suppliers,
      and(eq(suppliers.storeId, purchaseOrders.storeId), eq(suppliers.id, purchaseOrders.supplierId)),
    )
    .where(and(...where))
    .orderBy(desc(purchaseOrders.createdAt))
    .limit(500);
}

export async function setPurchaseOrderStatus(
  ctx: Ctx,
  storeId: string,
  id: string,
  to: 'sent' | 'cancelled',
) {
  const po = await getPurchaseOrder(ctx, storeId, id);
  if (!canMovePo(po.status as PoStatus, to))
    throw conflict('inventory.po_bad_transition', `A ${po.status} purchase order cannot become ${to}`, {
      params: { from: po.status, to },
    });
  await ctx.database.db
    .update(purchaseOrders)
    .set({ status: to, sentAt: to === 'sent' ? ctx.clock.now() : po.sentAt })
    .where(and(eq(purchaseOrders.storeId, storeId), eq(purchaseOrders.id, id)));
  return getPurchaseOrder(ctx, storeId, id);
}

/**
 * Receives goods against a sent PO: each received line posts an inbound movement (once per
 * receipt: `receiptId` makes a retried request harmless) and the PO moves to partly received or
 * received.
 */
export async function receivePurchaseOrder(
  ctx: Ctx,
  storeId: string,
  id: string,
  receipt: { receiptId: string; lines: { skuCode: string; qty: number }[] },
  personId: string | null,
) {
  const po = await getPurchaseOrder(ctx, storeId, id);
  if (!(po.status === 'sent' || po.status === 'partly_received'))
    throw conflict('inventory.po_not_receivable', `A ${po.status} purchase order cannot receive goods`, {
      params: { status: po.status },
    });
  const byCode = new Map(po.lines.map((l) => [l.skuCode, l]));
  receipt.lines.forEach((l, i) => {
    if (!byCode.has(l.skuCode))
      throw badInput('inventory.sku_not_on_po', `Row ${i + 1}: ${l.skuCode} is not on this purchase order`, {
        details: { row: i + 1, field: 'skuCode' },
      });
    if (!Number.isInteger(l.qty) || l.qty <= 0)
      throw badInput('inventory.bad_qty', `Row ${i + 1}: quantity must be a whole number > 0`, {
        details: { row: i + 1, field: 'qty' },
      });
  });
  await ctx.database.db.transaction(async (tx) => {
    for (const l of receipt.lines) {
      const { created } = await postMovement(
        ctx,
        storeId,
        {
          skuCode: l.skuCode,
          warehouse: po.warehouse,
          kind: 'inbound',
          qty: l.qty,
          reason: `采购入库 ${po.number}（${po.supplierName}）`,
          refKind: 'purchase_order',
          refId: po.id,
          dedupeKey: `po:${po.id}:${receipt.receiptId}:${l.skuCode}`,
          personId,
        },
        tx,
      );
      if (created)
        await tx
          .update(purchaseOrderLines)
          .set({ qtyReceived: sql`${purchaseOrderLines.qtyReceived} + ${l.qty}` })
          .where(
            and(
              eq(purchaseOrderLines.storeId, storeId),
              eq(purchaseOrderLines.poId, id),
              eq(purchaseOrderLines.skuCode, l.skuCode),
            ),
          );
    }
    const lines = await tx
      .select()
      .from(purchaseOrderLines)
      .where(and(eq(purchaseOrderLines.storeId, storeId), eq(purchaseOrderLines.poId, id)));
    const status = poStatusAfterReceipt(lines);
    await tx
      .update(purchaseOrders)
      .set({ status, receivedAt: status === 'received' ? ctx.clock.now() : null })
      .where(and(eq(purchaseOrders.storeId, storeId), eq(purchaseOrders.id, id)));
  });
  return getPurchaseOrder(ctx, storeId, id);
}

export type SupplierReportRow = {
  supplierId: string;
  supplierName: string;
  skuCode: string;
  title: string | null;
  unitsSold: number;
  salesFen: number;
  unitsRefunded: number;
  onHand: number | null;
};

/** Last month's sales per supplier and SKU (paid order lines in the store's zone), for the 11th–15th report. */
export async function supplierSalesReport(ctx: Ctx, storeId: string, month?: string) {
  const tz = await storeZone(ctx, storeId);
  const period = supplierReportPeriod(await today(ctx, storeId));
  const m = month ?? period.month;
  if (!/^\d{4}-\d{2}$/.test(m))
    throw badInput('inventory.bad_month', 'Month as yyyy-MM', { details: { field: 'month' } });
  const from = `${m}-01`;
  const rows = await q<{
    supplier_id: string;
    supplier_name: string;
    sku_code: string;
    title: string | null;
    units: number;
    sales: number;
    refunded: number;
  }>(
    ctx.database.db,
    sql`select ss.supplier_id, s.name as supplier_name, ss.sku_code, k.title,
          coalesce(sum(i.quantity), 0)::int as units, coalesce(sum(coalesce(i.paid_amount_fen, i.price_fen * i.quantity)), 0)::bigint as sales,
          coalesce(sum(i.quantity) filter (where i.refund_status = 'succeeded'), 0)::int as refunded
        from supplier_skus ss
        join suppliers s on s.store_id = ss.store_id and s.id = ss.supplier_id
        left join skus k on k.store_id = ss.store_id and k.sku_code = ss.sku_code
        left join order_items i on i.store_id = ss.store_id and i.sku_code = ss.sku_code and i.paid_at is not null
          and (i.paid_at at time zone ${tz})::date >= ${from}::date
          and (i.paid_at at time zone ${tz})::date < (${from}::date + interval '1 month')::date
          and coalesce(i.status, '') not in ('closed', 'cancelled', 'awaiting_payment')
        where ss.store_id = ${storeId}
        group by ss.supplier_id, s.name, ss.sku_code, k.title
        order by s.name, ss.sku_code`,
  );
  const levels = new Map<string, number>();
  for (const l of await stockLevels(ctx, storeId))
    levels.set(l.skuCode, (levels.get(l.skuCode) ?? 0) + l.onHand);
  return {
    month: m,
    inWindow: period.inWindow && period.month === m,
    rows: rows.map(
      (r): SupplierReportRow => ({
        supplierId: r.supplier_id,
        supplierName: r.supplier_name,
        skuCode: r.sku_code,
        title: r.title,
        unitsSold: Number(r.units),
        salesFen: Number(r.sales),
        unitsRefunded: Number(r.refunded),
        onHand: levels.get(r.sku_code) ?? null,
      }),
    ),
  };
}

// ---------------------------------------------------------------- after a stock import

/**
 * After a `stock` import (src/imports/after-import.ts): the snapshot is reconciled against the
 * ledger — the differences become one task for the warehouse per snapshot date (what to check, the
 * largest first) — and the alerts run for the snapshot's next business date (restock, CS warning,
 * delist, campaign shortfall → tasks; deduped, so a re-import creates nothing twice).
 */
export async function inventoryAfterImport(
  ctx: Ctx,
  e: { storeId: string; importId: string; kind: string },
): Promise<{ findings: number; created: number }> {
  // First the weekly sales rollup the forecast reads (order lines and snapshots).
  await salesYearsAfterImport(ctx, e);
  if (e.kind !== 'stock') return { findings: 0, created: 0 };
  const [latest] = await q<{ d: string | null }>(
    ctx.database.db,
    sql`select max(date)::text as d from stock_snapshots where store_id = ${e.storeId} and import_id = ${e.importId}`,
  );
  if (!latest?.d) return { findings: 0, created: 0 };
  // A backfill of old snapshots (a year of history imported at once) is not today's stock: no
  // reconciling against today's ledger, no alerts for weeks long gone.
  const todayStr = await today(ctx, e.storeId);
  if (latest.d < addDays(todayStr, -2)) return { findings: 0, created: 0 };
  let created = 0;
  const findings = await reconcile(ctx, e.storeId);
  const tz = await storeZone(ctx, e.storeId);
  if (findings.length) {
    const date = findings[0]!.snapshotDate;
    const lines = findings
      .slice(0, 30)
      .map(
        (f) =>
          `${f.skuCode} @${f.warehouse}：快照 ${f.snapshotQty}，台账 ${f.ledgerQty}，差 ${f.difference > 0 ? '+' : ''}${f.difference}`,
      );
    if (findings.length > 30) lines.push(`……共 ${findings.length} 个差异`);
    const t = await createTask(ctx, e.storeId, {
      title: `库存对账：${date} 快照与台账有 ${findings.length} 个差异，请核对或盘点`,
      description: lines.join('\n'),
      ownerRole: 'warehouse',
      dueAt: zonedInstant(addDays(date, 1), '18:00:00', tz),
      priority: findings.some((f) => isLargeCountDifference(f.ledgerQty, f.snapshotQty)) ? 'high' : 'normal',
      links: findings.slice(0, 10).map((f) => ({ kind: 'sku', id: f.skuCode, label: f.skuCode })),
      source: 'inventory',
      dedupeKey: `inventory:reconcile:${date}`,
    });
    if (t.created) created++;
  }
  // The alerts as of the snapshot's date (the check for the next business date looks back one day),
  // never for a date ahead of the store's today.
  const next = addDays(latest.d, 1);
  const day = [next, todayStr].sort()[0]!;
  const check = await runDailyInventoryCheck(ctx, e.storeId, day);
  return { findings: findings.length, created: created + check.created };
}
