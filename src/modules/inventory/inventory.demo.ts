import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { zonedInstant } from '../../core/time';
import * as catalog from '../catalog/catalog.service';
import { storePeople } from '../team/team.service';
import type { CampaignPeriod } from './inventory.rules';
import * as inv from './inventory.service';

/**
 * Demo data a team would have typed in for inventory and products: the main warehouse with its
 * leader, three suppliers with lead times and their SKUs, opening balances from the latest
 * snapshot, a sent purchase order, a count sheet being counted, three hero products and a new
 * product on the board. Idempotent: does nothing when the store already has suppliers.
 */
export async function seedInventoryDemo(ctx: Ctx, storeId: string, log: (s: string) => void = () => {}) {
  if ((await inv.listSuppliers(ctx, storeId)).length) return;
  const people = await storePeople(ctx, storeId);
  const byRole = (r: string) => people.find((p) => p.roles.includes(r))?.personId ?? null;
  const warehouseLead = byRole('warehouse');
  await inv.saveWarehouse(ctx, storeId, {
    code: inv.DEFAULT_WAREHOUSE,
    name: '主仓（杭州）',
    leaderPersonId: warehouseLead,
  });
  const top = (
    (await ctx.database.db.execute(
      sql`select i.sku_code, sum(i.quantity)::int as n from order_items i join skus k on k.store_id = i.store_id and k.sku_code = i.sku_code
        where i.store_id = ${storeId} and i.sku_code is not null group by i.sku_code order by n desc`,
    )) as unknown as { rows: { sku_code: string }[] }
  ).rows.map((r) => r.sku_code);
  if (!top.length) return;
  const split = (k: number) => top.filter((_, i) => i % 3 === k);
  const suppliers = [
    {
      name: '义乌恒美服饰厂',
      contactName: '陈厂长',
      phone: '13800000001',
      wechat: 'hengmei-chen',
      leadTimeDays: 12,
      note: '月结 30 天；每月 11–15 日对账',
    },
    {
      name: '广州锦绣制衣',
      contactName: '黄经理',
      phone: '13800000002',
      wechat: 'jinxiu-huang',
      leadTimeDays: 7,
      note: '小单快反，最小起订 50 件',
    },
    {
      name: '苏州丝语面料',
      contactName: '周小姐',
      phone: '13800000003',
      wechat: 'siyu-zhou',
      leadTimeDays: 20,
      note: '真丝面料，旺季交期延长',
    },
  ];
  const saved = [];
  for (const [k, s] of suppliers.entries())
    saved.push(
      await inv.saveSupplier(ctx, storeId, {
        ...s,
        skus: split(k).map((c) => ({
          skuCode: c,
          packSize: k === 1 ? 10 : null,
          minOrderQty: k === 1 ? 50 : null,
        })),
      }),
    );
  const opened = await inv.openFromSnapshot(ctx, storeId, warehouseLead);
  log(`  inventory demo: 3 suppliers, ${opened.posted} opening balances`);
  // A few movements with who and why, and a damage the ERP does not know (a reconcile finding).
  const [a, b, c] = top;
  // The damage was found on the day of the last snapshot and never told to the ERP: the
  // reconcile shows it as a finding.
  const snapDay = (
    (await ctx.database.db.execute(
      sql`select max(date)::text as d from stock_snapshots where store_id = ${storeId}`,
    )) as unknown as { rows: { d: string | null }[] }
  ).rows[0]?.d;
  const tz = await inv.storeZone(ctx, storeId);
  if (a)
    await inv.postMovement(ctx, storeId, {
      skuCode: a,
      warehouse: 'main',
      kind: 'damage',
      qty: 3,
      reason: '拆包发现污渍，报损',
      personId: warehouseLead,
      dedupeKey: 'demo:damage:1',
      occurredAt: snapDay ? zonedInstant(snapDay, '15:00:00', tz) : undefined,
    });
  if (b)
    await inv.postMovement(ctx, storeId, {
      skuCode: b,
      warehouse: 'main',
      kind: 'return',
      qty: 2,
      reason: '买家退货入库（7 天无理由）',
      personId: warehouseLead,
      dedupeKey: 'demo:return:1',
    });
  const po = await inv.createPurchaseOrder(
    ctx,
    storeId,
    {
      supplierId: saved[1]!.id,
      warehouse: 'main',
      note: '双12 备货',
      lines: split(1)
        .slice(0, 3)
        .map((s) => ({ skuCode: s, qty: 100 })),
    },
    warehouseLead,
  );
  await inv.setPurchaseOrderStatus(ctx, storeId, po.id, 'sent');
  const sheet = await inv.createCountSheet(ctx, storeId, {
    warehouse: 'main',
    skuCodes: [a, b, c].filter(Boolean) as string[],
    note: '月度抽盘',
    personId: warehouseLead,
  });
  await inv.enterCounts(
    ctx,
    storeId,
    sheet.id,
    sheet.lines
      .slice(0, 2)
      .map((l, i) => ({ skuCode: l.skuCode, countedQty: Math.max(0, l.expectedQty - (i === 0 ? 1 : 12)) })),
    warehouseLead,
  );
  // Heroes: the three best-selling products.
  const heroes = (
    (await ctx.database.db.execute(
      sql`select k.product_id from order_items i join skus k on k.store_id = i.store_id and k.sku_code = i.sku_code
        join products p on p.store_id = k.store_id and p.product_id = k.product_id
        where i.store_id = ${storeId} group by k.product_id order by sum(i.quantity) desc limit 3`,
    )) as unknown as { rows: { product_id: string }[] }
  ).rows;
  for (const h of heroes) await catalog.setHero(ctx, storeId, h.product_id, true, byRole('manager'));
  const np = await catalog.createNewProduct(
    ctx,
    storeId,
    {
      name: '冬季加厚羊羔毛外套',
      dueDates: { plan: '2026-11-18', sample: '2026-11-22', photo: '2026-11-24' },
    },
    byRole('manager'),
  );
  await catalog.advanceNewProduct(ctx, storeId, np.id, byRole('manager'));
  await catalog.advanceNewProduct(ctx, storeId, np.id, byRole('warehouse'));
  log(
    '  inventory demo: a PO sent, a count sheet being counted, 3 hero products, a new product at the photo shoot',
  );
}

/**
 * Until the marketing calendar is wired, the demo plans with the platform festivals the simulator
 * plays (双11, 双12, 年货节, 618…): `windows` from its manifest, plus the same festivals next year.
 */
export function demoCampaignCalendar(
  windows: { name: string; start: string; end: string }[],
): inv.CampaignCalendar {
  const periods: CampaignPeriod[] = windows.map((w) => ({ name: w.name, start: w.start, end: w.end }));
  const next = windows.map((w) => ({ name: w.name, start: shiftYear(w.start), end: shiftYear(w.end) }));
  const all = [...periods, ...next.filter((n) => !periods.some((p) => p.start === n.start))];
  return async (_ctx, _storeId, from, to) => all.filter((p) => p.end >= from && p.start <= to);
}
function shiftYear(d: string) {
  return `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
}
