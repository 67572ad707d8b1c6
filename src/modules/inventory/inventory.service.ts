import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, DEFAULT_TIME_ZONE, zonedInstant } from '../../core/time';
import type { DbOrTx } from '../../db/client';
import { sqlLiteral } from '../../db/copy';
import { sinkFromTable } from '../../db/facts';
import { skus } from '../catalog/catalog.schema';
import { allStores, memberRoles } from '../team/team.service';
import { createTask } from '../work/work.service';
import {
  type CampaignPeriod,
  campaignShortfall,
  classifyStock,
  DEFAULT_SERVICE_LEVEL,
  dayNumber,
  dayString,
  type Forecast,
  forecastSeries,
  historyWindows,
  MOVEMENT_KINDS,
  type MovementKind,
  type RestockAdvice,
  restockAdvice,
  type SkuSeries,
  type StockClass,
  sellableDays,
  signedQty,
} from './inventory.rules';
import { stockMovements, stockSnapshots, supplierSkus, suppliers, warehouses } from './inventory.schema';

/** Where imported stock snapshots land. */
export const inventoryImportSinks = {
  stock: sinkFromTable('stock', stockSnapshots),
};

// ---------------------------------------------------------------- campaign calendar (injected)

/**
 * Where the planned campaigns come from. The marketing calendar is built in parallel; until it is
 * wired (`setCampaignCalendar` at start-up, pointing at marketing.service), there are none.
 */
export type CampaignCalendar = (
  ctx: Ctx,
  storeId: string,
  from: string,
  to: string,
) => Promise<CampaignPeriod[]>;
export const NO_CAMPAIGNS: CampaignCalendar = async () => [];
let campaignCalendar: CampaignCalendar = NO_CAMPAIGNS;
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

export async function storeZone(ctx: Ctx, storeId: string): Promise<string> {
  const s = (await allStores(ctx)).find((x) => x.id === storeId);
  return s?.timeZone ?? DEFAULT_TIME_ZONE;
}

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
  const qty = signedQty(input.kind, input.qty);
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
 * Loads the sparse histories the forecast reads — the recent window, last year's window and the
 * campaign days — aggregated per SKU in the database (two int arrays per SKU, not a row per day).
 * `source` is a relation with columns (sku_code, day date, qty int, stockout bool).
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
  const w = historyWindows(asOf, campaigns, horizonDays);
  const windowStart = w.recent[0];
  const d = (n: number) => `${sqlLiteral(dayString(n))}::date`;
  const campaignClause = campaigns
    .filter((c) => c.start <= asOf)
    .map(
      (c) =>
        `(day between ${sqlLiteral(c.start)}::date and ${sqlLiteral(c.end < asOf ? c.end : asOf)}::date)`,
    )
    .join(' or ');
  const epoch = `'1970-01-01'::date`;
  const rows = await q<{
    sku_code: string;
    first_day: number;
    days: number[];
    qty: number[];
    outs: number[] | null;
  }>(
    db,
    sql.raw(`select sku_code, min(day - ${epoch}) filter (where qty > 0 or stockout) as first_day,
        array_agg(day - ${epoch}) filter (where qty > 0) as days,
        array_agg(qty) filter (where qty > 0) as qty,
        array_agg(day - ${epoch}) filter (where stockout) as outs
      from ${source} s
      where day <= ${sqlLiteral(asOf)}::date and (
        day between ${d(w.recent[0])} and ${d(w.recent[1])}
        or day between ${d(w.lastYear[0])} and ${d(w.lastYear[1])}
        ${campaignClause ? `or ${campaignClause}` : ''})
      group by sku_code`),
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
  for (const r of rows)
    out.set(r.sku_code, {
      days: r.days ?? [],
      qty: r.qty ?? [],
      stockoutDays: r.outs ?? [],
      firstDay: Number(r.first_day),
      windowStart,
    });
  for (const f of first) {
    const s = out.get(f.sku_code);
    if (s) s.firstDay = Number(f.f);
    else out.set(f.sku_code, { days: [], qty: [], stockoutDays: [], firstDay: Number(f.f), windowStart });
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
  /** Why, in words (Chinese first: it is shown to the manager). */
  why: string;
};

/** Sellable days and restock for every SKU with history or stock: the pure rules over loaded data. */
export function planFromHistories(
  histories: Map<string, SkuSeries>,
  stock: Map<string, { available: number; inbound: number }>,
  o: PlanOptions,
): PlanRow[] {
  const out: PlanRow[] = [];
  const keys = new Set([...histories.keys(), ...stock.keys()]);
  for (const sku of keys) {
    const h = histories.get(sku) ?? { days: [], qty: [] };
    const f = forecastSeries(h, { asOf: o.asOf, campaigns: o.campaigns, horizonDays: o.horizonDays });
    const st = stock.get(sku) ?? { available: 0, inbound: 0 };
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
    const risk = campaignShortfall(f, st.available + st.inbound, o.campaigns, o.asOf, 30);
    let v7 = 0;
    for (let i = 0; i < 7 && i < f.daily.length; i++) v7 += f.daily[i]!.qty;
    const why = [
      `日均 ${f.baseVelocity.toFixed(1)} 件`,
      f.seasonFactor !== 1 ? `季节 ×${f.seasonFactor.toFixed(2)}` : null,
      risk
        ? `${risk.campaign.name} ${risk.campaign.start} 起预计 ×${(risk.campaign.uplift ?? f.campaignUplift).toFixed(1)}，${risk.stockoutDate} 断货，缺 ${risk.shortBy} 件`
        : null,
      sd.stockoutDate ? `预计 ${sd.stockoutDate} 断货` : null,
      `交期 ${lead} 天`,
      f.confidence === 'low' ? '历史不足 14 天' : null,
    ]
      .filter(Boolean)
      .join('；');
    out.push({
      skuCode: sku,
      available: st.available,
      inbound: st.inbound,
      baseVelocity: f.baseVelocity,
      velocityNext7: v7 / 7,
      sellableDays: sd.days,
      stockoutDate: sd.stockoutDate,
      leadTimeDays: lead,
      class: cls,
      confidence: f.confidence,
      soldLast30: f.soldLast30,
      lastSaleDate: f.lastSaleDate,
      advice,
      campaignRisk: risk
        ? {
            campaign: risk.campaign.name,
            start: risk.campaign.start,
            stockoutDate: risk.stockoutDate,
            shortBy: risk.shortBy,
          }
        : null,
      why,
    });
  }
  return out.sort(
    (a, b) => (a.sellableDays ?? 1e9) - (b.sellableDays ?? 1e9) || a.skuCode.localeCompare(b.skuCode),
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
  const histories = await loadHistories(ctx.database.db, storeSalesSource(storeId, tz), asOf, campaigns);
  const positions = await stockPositions(ctx, storeId);
  const lt = await leadTimes(ctx, storeId);
  const rows = planFromHistories(histories, positions, {
    asOf,
    campaigns,
    leadTimeDays: (s) => lt.get(s) ?? DEFAULT_LEAD_TIME_DAYS,
    serviceLevel: opts.serviceLevel ?? DEFAULT_SERVICE_LEVEL,
    lowDays: opts.lowDays,
  });
  return { asOf, campaigns, rows };
}

// ---------------------------------------------------------------- alerts → tasks

export const ALERT_LOW_DAYS = 7;
export const ALERT_CAMPAIGN_WITHIN_DAYS = 14;

/**
 * The daily inventory check (DOMAIN.md §3, §4, §7): below N sellable days → restock task for the
 * warehouse and a warning to CS; on sale (sold in 30 days) with nothing available → delist task
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
  const within = opts.campaignWithinDays ?? ALERT_CAMPAIGN_WITHIN_DAYS;
  const plan = await restockPlan(ctx, storeId, {
    asOf: addDays(businessDateStr, -1),
    campaigns: opts.campaigns,
    lowDays,
  });
  const tz = await storeZone(ctx, storeId);
  const due = (days: number) => zonedInstant(addDays(businessDateStr, days), '18:00:00', tz);
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
        dedupeKey: `inventory:delist:${r.skuCode}:${businessDateStr}`,
      });
    } else if (r.sellableDays !== null && r.sellableDays < lowDays && r.soldLast30 > 0) {
      await mk({
        title: `补货：${r.skuCode} 可售 ${r.sellableDays.toFixed(1)} 天，建议采购 ${r.advice.suggestedQty} 件`,
        description: r.why,
        ownerRole: 'warehouse',
        dueAt: due(1),
        priority: r.sellableDays < 3 ? 'high' : 'normal',
        links: link,
        source: 'inventory',
        dedupeKey: `inventory:restock:${r.skuCode}:${r.stockoutDate ?? businessDateStr}`,
      });
      await mk({
        title: `库存预警：${r.skuCode} 约 ${r.stockoutDate} 断货，接待时注意`,
        description: r.why,
        ownerRole: 'cs_presale',
        dueAt: due(0),
        priority: 'normal',
        links: link,
        source: 'inventory',
        dedupeKey: `inventory:low-warning:${r.skuCode}:${r.stockoutDate ?? businessDateStr}`,
      });
    }
    if (r.campaignRisk && r.campaignRisk.start <= addDays(businessDateStr, within)) {
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
