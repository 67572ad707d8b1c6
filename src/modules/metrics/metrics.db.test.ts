import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { addDays, fixedClock } from '../../core/time';
import { mergeTimeBounds, type TimeBounds } from '../../db/facts';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { takeFollowerErrors } from '../../imports/after-import';
import { importFile } from '../../imports/imports.service';
import { openStagedBatches } from '../../imports/staged-batches';
import { buildApp } from '../../server/app';
import { type Manifest, simulateStore } from '../../simulator';
import * as team from '../team/team.service';
import { DIAGNOSIS_REACH } from './diagnose';
import { attributeSources } from './metrics.rules';
import * as metrics from './metrics.service';
import { touchedRange } from './rollups';
import { loadSourceDays } from './sources';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let storeId = '';
let store: team.StoreRow;
let manifest: Manifest;
/** The first import of each rollup kind's file: its run id and path. */
const imported: { kind: string; id: string; path: string }[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'storeops-metrics-'));
const END = '2026-09-30';
const DAYS = 100;
const ROLLUP_KINDS = new Set([
  'taobao-orders',
  'taobao-order-items',
  'taobao-refunds',
  'reviews',
  'ads',
  'store-metrics',
  'product-metrics',
  'industry-metrics',
  'competitor-metrics',
  'traffic-sources',
]);

async function rows<T>(text: string): Promise<T[]> {
  return ((await ctx.database.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-10-01T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'demo', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  store = (await team.findStoreByCode(ctx, 'demo'))!;
  storeId = store.id;
  const sim = await simulateStore({
    outDir: join(tmp, 'files'),
    days: DAYS,
    seed: 20261124,
    scale: 'small',
    endDate: END,
  });
  manifest = sim.manifest;
  // The 7-day XLSX order slice repeats orders of the CSV; import the CSV only (as the importer
  // would merge them anyway) to keep the test short.
  for (const f of sim.files) {
    if (!ROLLUP_KINDS.has(f.kind) || (f.path.endsWith('.xlsx') && f.kind === 'taobao-orders')) continue;
    const r = await importFile(ctx, { storeId, personId: null, kind: 'auto', path: f.path });
    expect(r.status, `${f.path}: ${JSON.stringify(r.error)}`).toBe('done');
    imported.push({ kind: r.kind!, id: r.id, path: f.path });
  }
}, 240_000);

// Every follower of the imports here (those of beforeAll too) must succeed.
afterEach(() => {
  expect(takeFollowerErrors()).toEqual([]);
});

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`metrics rollups on ${testEngine()}`, () => {
  it('take the dates a first load touched from the file’s time range, the same as from the facts', async () => {
    expect(imported.length).toBeGreaterThan(5);
    for (const f of imported) {
      const file = await openStagedBatches(f.path, { fileName: f.path.split('/').pop() });
      const bounds: TimeBounds = {};
      for await (const b of file.batches) mergeTimeBounds(bounds, b.bounds);
      await file.close();
      const fromFacts = await touchedRange(ctx, storeId, store.timeZone, f.kind, f.id);
      expect(fromFacts, f.path).not.toBeNull();
      expect(await touchedRange(ctx, storeId, store.timeZone, f.kind, f.id, bounds), f.path).toEqual(
        fromFacts,
      );
    }
  });

  it('equal an independent plain-SQL computation over the facts, day by day', async () => {
    // Independent: business date by shifting the UTC instant by the store's fixed +08:00 offset.
    const expected = await rows<{ date: string; amt: number; n: number; buyers: number }>(
      `select to_char(paid_at + interval '8 hours', 'YYYY-MM-DD') as date, sum(paid_amount_fen)::bigint as amt,
         count(*)::int as n, count(distinct buyer_account)::int as buyers
       from orders where store_id = '${storeId}' and paid_at is not null group by 1 order by 1`,
    );
    const got = await rows<{ date: string; amt: number; n: number; buyers: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, order_paid_amount_fen::bigint as amt, order_paid_orders as n,
         order_paid_buyers as buyers from metric_store_daily where store_id = '${storeId}' and order_paid_orders > 0 order by 1`,
    );
    expect(expected.length).toBeGreaterThan(90);
    expect(got.map((r) => ({ ...r, amt: Number(r.amt) }))).toEqual(
      expected.map((r) => ({ ...r, amt: Number(r.amt) })),
    );

    const refunds = await rows<{ date: string; n: number; amt: number }>(
      `select to_char(refund_finished_at + interval '8 hours', 'YYYY-MM-DD') as date, count(*)::int as n, sum(refund_amount_fen)::bigint as amt
       from refunds where store_id = '${storeId}' and status = 'succeeded' and refund_finished_at is not null group by 1 order by 1`,
    );
    const gotRefunds = await rows<{ date: string; n: number; amt: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, refund_count as n, refund_amount_fen::bigint as amt
       from metric_store_daily where store_id = '${storeId}' and refund_count > 0 order by 1`,
    );
    expect(gotRefunds.map((r) => ({ ...r, amt: Number(r.amt) }))).toEqual(
      refunds.map((r) => ({ ...r, amt: Number(r.amt) })),
    );

    // Product rows add up to the store's lines; the platform's 支付金额 agrees with the orders.
    const [sum] = await rows<{ lines: number; sku: number }>(
      `select (select sum(paid_amount_fen) from metric_product_daily where store_id = '${storeId}')::bigint as lines,
              (select sum(paid_amount_fen) from metric_sku_daily where store_id = '${storeId}')::bigint as sku`,
    );
    const [lines] = await rows<{ s: number }>(
      `select sum(paid_amount_fen)::bigint as s from order_items where store_id = '${storeId}' and paid_at is not null`,
    );
    expect(Number(sum.lines)).toBe(Number(lines.s));
    // Lines are mapped to the catalog's products (the item report has no 商品id), not one per line.
    const [{ n: productCount }] = await rows<{ n: number }>(
      `select count(distinct product_id)::int as n from metric_product_daily where store_id = '${storeId}'`,
    );
    expect(productCount).toBeLessThanOrEqual(manifest.products.length);
    expect(Number(sum.sku)).toBe(Number(lines.s));
    const gaps = await rows<{ date: string }>(
      `select date from metric_store_daily where store_id = '${storeId}' and platform_paid_amount_fen is not null
         and abs(order_paid_amount_fen - platform_paid_amount_fen) > 0.01 * platform_paid_amount_fen`,
    );
    expect(gaps).toEqual([]);
  });

  it('tells the planted market dip from the store’s own drops', async () => {
    const dip = manifest.plantedEvents.find((e) => e.id === 'market-dip');
    const stockout = manifest.plantedEvents.find((e) => e.id === 'hero-stockout');
    expect(dip && stockout).toBeTruthy();
    // The deepest dip day (×0.7) must be a visitors swing classified as the market's.
    const deepest = addDays(dip!.from, 1);
    const r = await metrics.dailyReport(ctx, store, deepest);
    const swing = r.findings.find((f) => f.key === 'swing:visitors');
    if (process.env.DEBUG_METRICS) {
      console.log(JSON.stringify(manifest.plantedEvents.map((e) => [e.id, e.from, e.to])));
      for (let d = addDays(dip!.from, -3); d <= addDays(dip!.to, 2); d = addDays(d, 1)) {
        const x = await metrics.dailyReport(ctx, store, d);
        const v = x.headline.find((h) => h.metric === 'visitors')!;
        console.log(
          d,
          v.value,
          v.baseline?.expected,
          v.z,
          JSON.stringify(v.industry),
          x.findings.map((f) => f.text['zh-CN']),
        );
      }
    }
    expect(swing?.cause, JSON.stringify(r.findings.map((f) => [f.key, f.cause, f.text['zh-CN']]))).toBe(
      'market',
    );
    // No store-level drop blamed on us on the dip days.
    for (let d = dip!.from; d <= dip!.to; d = addDays(d, 1)) {
      const rep = await metrics.dailyReport(ctx, store, d);
      const drops = rep.findings.filter((f) => f.kind === 'swing' && Number(f.params.change) < 0);
      expect(drops.filter((f) => f.cause === 'ours')).toEqual([]);
    }
    // The hero stock-out: the product's collapse is ours, named, with money at stake.
    const itemId = (stockout!.details as { itemId: string }).itemId;
    const mid = addDays(stockout!.from, 2);
    const rs = await metrics.dailyReport(ctx, store, mid);
    const drop = rs.findings.find((f) => f.key === `product_drop:${itemId}`);
    expect(drop?.cause, JSON.stringify(rs.findings.map((f) => [f.key, f.cause]))).toBe('ours');
    expect(drop!.moneyAtStakeFen).toBeGreaterThan(0);
    expect(drop!.text['zh-CN']).toContain('自己');
    // The competitor's 3-day promotion: its visitors jump against its own baseline.
    const promo = manifest.plantedEvents.find((e) => e.id === 'competitor-promotion')!;
    const shop = (promo.details as { competitor?: string }).competitor ?? manifest.competitors[0];
    const surges: string[] = [];
    for (let d = promo.from; d <= promo.to; d = addDays(d, 1)) {
      const rep = await metrics.dailyReport(ctx, store, d);
      expect(rep.competitors.find((c) => c.shop === shop)?.visitorsChange).toBeGreaterThan(0.2);
      if (rep.findings.some((f) => f.key === `competitor_surge:${shop}`)) surges.push(d);
    }
    expect(surges.length).toBeGreaterThan(0);
  });

  it('reports a day with comparisons, null for no data, and a partial today', async () => {
    const r = await metrics.dailyReport(ctx, store, END);
    expect(r.hasData).toBe(true);
    const paid = r.headline.find((h) => h.metric === 'paidAmount')!;
    expect(paid.value).toBeGreaterThan(0);
    expect(paid.comparison.dayBefore).toBeGreaterThan(0);
    expect(paid.comparison.lastYear).toBeNull(); // 100 days of history: no last year
    expect(paid.comparison.vsLastYear).toBeNull();
    expect(r.trend).toHaveLength(60);
    expect(r.waterfall?.method).toBe('lmdi');
    const w = r.waterfall!;
    expect(w.visitors + w.conversion + w.aov).toBeCloseTo(w.delta, 0);
    // A day without any facts: no data, never a fake 0 %.
    const empty = await metrics.dailyReport(ctx, store, '2020-01-01');
    expect(empty.hasData).toBe(false);
    for (const h of empty.headline) {
      expect(h.value).toBeNull();
      expect(h.comparison.vsDayBefore).toBeNull();
    }
    expect(JSON.stringify(empty)).not.toContain('NaN');
    // Today (the clock is 2026-10-01 09:00 +08:00) is partial; the default date is yesterday.
    expect((await metrics.dailyReport(ctx, store, '2026-10-01')).partial).toBe(true);
    expect((await metrics.dailyReport(ctx, store)).date).toBe('2026-09-30');
  });

  it('names the ad plan that ran out of budget early on the planted day', async () => {
    const ev = manifest.plantedEvents.find((e) => e.id === 'ad-budget-exhausted')!;
    const d = ev.details as { planId: string; planName: string };
    const r = await metrics.dailyReport(ctx, store, ev.from);
    const f = r.findings.find((x) => x.kind === 'ad_offline');
    expect(f?.key, JSON.stringify(r.findings.map((x) => x.key))).toBe(`ad_offline:ztc:${d.planId}`);
    expect(f!.cause).toBe('ours');
    expect(f!.moneyAtStakeFen).toBeGreaterThan(0);
    expect(f!.text['zh-CN']).toContain(`直通车计划「${d.planName}」`);
  });

  it('attributes the planted hero stock-out to the hero’s 手淘搜索 traffic (流量来源)', async () => {
    const stockout = manifest.plantedEvents.find((e) => e.id === 'hero-stockout')!;
    const itemId = (stockout.details as { itemId: string }).itemId;
    // The rollup equals plain SQL over the imported rows (store level, details summed).
    const expected = await rows<{ date: string; source: string; v: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, source, sum(visitors)::int as v from traffic_source_daily
       where store_id = '${storeId}' and level = 'store' group by 1, 2 order by 1, 2`,
    );
    const got = await rows<{ date: string; source: string; v: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, source, visitors as v from metric_source_daily
       where store_id = '${storeId}' and scope = 'store' order by 1, 2`,
    );
    expect(expected.length).toBeGreaterThan(DAYS * 5);
    expect(got).toEqual(expected);
    // …and the store's sources add up to its 访客数 (店铺整体) every day.
    const off = await rows<{ n: number }>(
      `select count(*)::int as n from metric_store_daily m
       join (select date, sum(visitors) as v from metric_source_daily where store_id = '${storeId}' and scope = 'store' group by date) s
         on s.date = m.date
       where m.store_id = '${storeId}' and m.visitors is distinct from s.v`,
    );
    expect(off[0].n).toBe(0);
    // Every day of the stock-out, the store's loss comes first from the hero's 手淘搜索 traffic;
    // the report names it on the days the store's visitors fell (on others the store still grew).
    const sourceRows = await loadSourceDays(ctx, storeId, addDays(stockout.from, -60), stockout.to);
    let named = 0;
    for (let d = addDays(stockout.from, 1); d <= stockout.to; d = addDays(d, 1)) {
      const loss = attributeSources(sourceRows, d, { direction: -1 });
      expect(loss.top, `${d} ${JSON.stringify(loss.products.slice(0, 3))}`).toMatchObject({
        productId: itemId,
        source: '手淘搜索',
      });
      expect(loss.top!.share).toBeGreaterThanOrEqual(0.3);
      const r = await metrics.dailyReport(ctx, store, d);
      const ts = r.trafficSources;
      expect(ts.state).toBe('ok');
      if (ts.total!.delta < 0) {
        expect(ts.top).toMatchObject({ productId: itemId, source: '手淘搜索' });
        named++;
      }
      // A visitors swing found that day says where it comes from.
      for (const f of r.findings.filter((x) => x.key === 'swing:visitors' && Number(x.params.change) < 0)) {
        expect(f.params.source).toBe('手淘搜索');
        expect(f.text['zh-CN']).toContain('的「手淘搜索」流量');
      }
    }
    expect(named).toBeGreaterThan(0);
    // The product drill-down lists the hero's sources, with 手淘搜索 collapsing inside the stock-out.
    const trend = await metrics.productTrend(ctx, storeId, itemId, addDays(stockout.from, -7), stockout.to);
    const search = (d: string) =>
      trend.sources.find((x) => x.date === d && x.source === '手淘搜索')?.visitors ?? 0;
    expect(search(addDays(stockout.from, 1))).toBeLessThan(search(addDays(stockout.from, -6)) * 0.3);
    // No 流量来源 file on a day: "no data", not a zero split.
    expect((await metrics.dailyReport(ctx, store, '2020-01-01')).trafficSources).toMatchObject({
      state: 'no_data',
      top: null,
      sources: [],
    });
  });

  it('names the competitor whose 直通车 visitors jumped during its planted promotion', async () => {
    const promo = manifest.plantedEvents.find((e) => e.id === 'competitor-promotion')!;
    const shop = (promo.details as { competitor: string }).competitor;
    let found = 0;
    for (let d = promo.from; d <= promo.to; d = addDays(d, 1)) {
      const r = await metrics.dailyReport(ctx, store, d);
      const f = r.findings.find((x) => x.key === `competitor_source:${shop}:直通车`);
      if (f) {
        found++;
        expect(f.moneyAtStakeFen).toBeGreaterThan(0);
        expect(f.text['zh-CN']).toContain(`竞品「${shop}」的「直通车」访客 +`);
      }
      expect(r.trafficSources.competitors[0]).toMatchObject({ shop, source: '直通车' });
    }
    expect(found).toBeGreaterThan(0);
    // Outside the promotion no competitor source finding on ordinary days near it.
    for (const d of [addDays(promo.from, -7), addDays(promo.to, 8)]) {
      const r = await metrics.dailyReport(ctx, store, d);
      expect(
        r.findings.filter((x) => x.kind === 'competitor_source').map((x) => x.key),
        d,
      ).toEqual([]);
    }
  });

  it('sees the ad plan that went offline as a drop of its products’ 直通车 visitors', async () => {
    const ev = manifest.plantedEvents.find((e) => e.id === 'ad-budget-exhausted')!;
    const items = (ev.details as { itemIds: string[] }).itemIds;
    const ztc = async (d: string) => {
      let n = 0;
      for (const id of items)
        for (const x of (await metrics.productTrend(ctx, storeId, id, d, d)).sources)
          if (x.source === '直通车') n += x.visitors ?? 0;
      return n;
    };
    const day = await ztc(ev.from);
    const usual = [];
    for (let k = 1; k <= 4; k++) usual.push(await ztc(addDays(ev.from, -7 * k)));
    usual.sort((a, b) => a - b);
    const median = (usual[1] + usual[2]) / 2;
    expect(day, JSON.stringify({ day, usual })).toBeLessThan(median * 0.8);
  });

  it('puts an order paid at 00:30 +08:00 on that business date and recomputes only its day', async () => {
    const before = await rows<{ date: string; n: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, order_paid_orders as n from metric_store_daily
       where store_id = '${storeId}' and date in ('2026-09-10', '2026-09-11')  order by 1`,
    );
    const path = join(tmp, 'one-order.csv');
    const { writeFileSync } = await import('node:fs');
    // The order report's minimal columns, UTF-8.
    writeFileSync(
      path,
      '订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 \n9000000000000001,tz_buyer,12.34,买家已付款，等待卖家发货,2026-09-11 00:29:00,2026-09-11 00:30:00\n',
    );
    const r = await importFile(ctx, { storeId, personId: null, kind: 'taobao-orders', path });
    expect(r.status, JSON.stringify(r)).toBe('done');
    const after = await rows<{ date: string; n: number; at: string }>(
      `select to_char(date, 'YYYY-MM-DD') as date, order_paid_orders as n, computed_at::text as at from metric_store_daily
       where store_id = '${storeId}' and date in ('2026-09-10', '2026-09-11') order by 1`,
    );
    expect(after[0].n).toBe(before[0].n);
    expect(after[1].n).toBe(before[1].n + 1);
    // An orders file feeds the store rollup only; the day changed, so it and the days whose
    // baselines read it were re-diagnosed.
    const run = metrics.rollupRunOf(r.id)!;
    expect(run.tables).toEqual(['store']);
    expect(run.changedDates).toEqual(['2026-09-11']);
    expect(run.diagnosed).toEqual([{ from: '2026-09-11', to: addDays('2026-09-11', DIAGNOSIS_REACH) }]);
    // The same import's follower again: the same figures, so nothing is re-diagnosed (the
    // findings keep their stamps).
    const findings = () =>
      rows<{ key: string; at: string }>(
        `select key, created_at::text as at from metric_findings where store_id = '${storeId}' and date >= '2026-09-11' order by 1, 2`,
      );
    const stamped = await findings();
    expect(stamped.length).toBeGreaterThan(0);
    ctx.clock.advance(60_000); // a re-diagnosis would stamp its findings a minute later
    await metrics.onImported(ctx, {
      storeId,
      importId: r.id,
      kind: 'taobao-orders',
      inserted: 1,
      updated: 0,
    });
    const again = metrics.rollupRunOf(r.id)!;
    expect(again).not.toBe(run);
    expect(again.changedDates).toEqual([]);
    expect(again.diagnosed).toEqual([]);
    expect(await findings()).toEqual(stamped);
    ctx.clock.advance(-60_000);
  });

  it('recomputes both days when a re-export moves an order’s payment to another day', async () => {
    const count = async (d: string) =>
      (
        await rows<{ n: number }>(
          `select coalesce((select order_paid_orders from metric_store_daily where store_id = '${storeId}' and date = '${d}'), 0)::int as n`,
        )
      )[0].n;
    const [b11, b12] = [await count('2026-09-11'), await count('2026-09-12')];
    const path = join(tmp, 'one-order-moved.csv');
    const { writeFileSync } = await import('node:fs');
    // The same order (imported by the test above, paid 09-11 00:30), now paid on 09-12.
    writeFileSync(
      path,
      '订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 \n9000000000000001,tz_buyer,12.34,买家已付款，等待卖家发货,2026-09-11 00:29:00,2026-09-12 10:00:00\n',
    );
    const r = await importFile(ctx, { storeId, personId: null, kind: 'taobao-orders', path });
    expect(r.status, JSON.stringify(r)).toBe('done');
    expect(r.updated).toBe(1);
    expect(await count('2026-09-11')).toBe(b11 - 1);
    expect(await count('2026-09-12')).toBe(b12 + 1);
    // And back: the old day (09-12) loses it again, 09-11 gets it back.
    writeFileSync(
      path,
      '订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 \n9000000000000001,tz_buyer,12.34,买家已付款，等待卖家发货,2026-09-11 00:29:00,2026-09-11 00:30:00\n\n',
    );
    expect((await importFile(ctx, { storeId, personId: null, kind: 'taobao-orders', path })).status).toBe(
      'done',
    );
    expect(await count('2026-09-11')).toBe(b11);
    expect(await count('2026-09-12')).toBe(b12);
  });

  it('rolls JD orders up like Taobao orders (a JD store, from its order export)', async () => {
    const owner = (await team.cliActor(ctx))!;
    await team.createStore(ctx, owner, { code: 'jd', name: '测试京东店', platform: 'jd' });
    const jd = (await team.findStoreByCode(ctx, 'jd'))!;
    const file = manifest.files.find((f) => f.kind === 'jd-orders')!;
    const r = await importFile(ctx, {
      storeId: jd.id,
      personId: null,
      kind: 'jd-orders',
      path: join(tmp, 'files', file.path.split('/').pop()!),
    });
    expect(r.status, JSON.stringify(r.error)).toBe('done');
    // Independent: one row per order (应付金额 repeats on its lines), +08:00 by shifting.
    const expected = await rows<{ date: string; amt: number; n: number }>(
      `select to_char(paid_at + interval '8 hours', 'YYYY-MM-DD') as date, sum(amt)::bigint as amt, count(*)::int as n
       from (select order_id, min(paid_at) as paid_at, max(payable_amount_fen) as amt from jd_order_lines
             where store_id = '${jd.id}' and paid_at is not null group by order_id) o group by 1 order by 1`,
    );
    const got = await rows<{ date: string; amt: number; n: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, order_paid_amount_fen::bigint as amt, order_paid_orders as n
       from metric_store_daily where store_id = '${jd.id}' and order_paid_orders > 0 order by 1`,
    );
    expect(expected.length).toBeGreaterThan(80);
    expect(got.map((x) => ({ ...x, amt: Number(x.amt) }))).toEqual(
      expected.map((x) => ({ ...x, amt: Number(x.amt) })),
    );
    // Product rows: the orders' goods (应付 − 运费) shared over their lines; a fen of rounding per order at most.
    const [{ goods, orders }] = await rows<{ goods: number; orders: number }>(
      `select sum(amt - fee)::bigint as goods, count(*)::int as orders from (select order_id, max(payable_amount_fen) as amt,
         max(coalesce(shipping_fee_fen, 0)) as fee from jd_order_lines where store_id = '${jd.id}' and paid_at is not null group by order_id) o`,
    );
    const [{ lines }] = await rows<{ lines: number }>(
      `select sum(paid_amount_fen)::bigint as lines from metric_product_daily where store_id = '${jd.id}'`,
    );
    expect(Math.abs(Number(lines) - Number(goods))).toBeLessThanOrEqual(orders);
    expect(Number(lines)).toBeGreaterThan(0);
    const report = await metrics.dailyReport(ctx, jd, END);
    expect(report.hasData).toBe(true);
    expect(report.headline.find((h) => h.metric === 'paidAmount')?.source).toBe('orders');
  });

  it('serves the report over HTTP and turns a finding into one task', async () => {
    const owner = await team.cliActor(ctx);
    const { token } = await team.createApiToken(ctx, owner!, 'test');
    const app = await buildApp({ ctx, webDir: null });
    try {
      const auth = { authorization: `Bearer ${token}`, 'accept-language': 'en-US' };
      const stockout = manifest.plantedEvents.find((e) => e.id === 'hero-stockout')!;
      const date = addDays(stockout.from, 2);
      const res = await app.inject({ url: `/api/v1/stores/demo/metrics/report?date=${date}`, headers: auth });
      expect(res.statusCode).toBe(200);
      const body = res.json() as metrics.DailyReport;
      expect(body.date).toBe(date);
      expect(body.findings.length).toBeGreaterThan(0);
      const bad = await app.inject({
        url: '/api/v1/stores/demo/metrics/report?date=2026-13-01',
        headers: auth,
      });
      expect(bad.statusCode).toBe(400);
      const f = body.findings[0];
      const t1 = await app.inject({
        method: 'POST',
        url: `/api/v1/stores/demo/metrics/findings/${f.id}/task`,
        headers: auth,
        payload: {},
      });
      expect(t1.statusCode, t1.body).toBe(200);
      const t2 = await app.inject({
        method: 'POST',
        url: `/api/v1/stores/demo/metrics/findings/${f.id}/task`,
        headers: auth,
        payload: {},
      });
      expect(t1.json()).toMatchObject({ created: true });
      expect(t2.json()).toMatchObject({ created: false, taskId: t1.json().taskId });
      const again = (
        await app.inject({ url: `/api/v1/stores/demo/metrics/report?date=${date}`, headers: auth })
      ).json() as metrics.DailyReport;
      expect(again.findings.find((x) => x.id === f.id)?.taskId).toBe(t1.json().taskId);
      const drill = await app.inject({
        url: `/api/v1/stores/demo/metrics/products/${(stockout.details as { itemId: string }).itemId}?from=${stockout.from}&to=${stockout.to}`,
        headers: auth,
      });
      expect(drill.statusCode).toBe(200);
      expect(drill.json().days.length).toBeGreaterThan(0);
      const missing = await app.inject({
        method: 'POST',
        url: '/api/v1/stores/demo/metrics/findings/nope/task',
        headers: auth,
        payload: {},
      });
      expect(missing.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe(`the morning report pushed at the store's time on ${testEngine()}`, () => {
  it('sends headline numbers, the top findings with money at stake and the link to the rule’s channel, once a day', async () => {
    const { createServer } = await import('node:http');
    const { zonedInstant } = await import('../../core/time');
    const notify = await import('../notify/notify.service');
    const { DAILY_JOBS } = await import('../../server/daily-jobs');
    const { tick } = await import('../../server/scheduler');
    notify.setAutoDelivery(false);
    const got: { title: string; body: string; link: string }[] = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        got.push(JSON.parse(data));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
      const ch = await notify.saveChannel(ctx, storeId, null, { kind: 'webhook', name: '运营群', url });
      await notify.saveRule(ctx, storeId, null, { event: 'metrics.daily_report', channelIds: [ch.id] });
      expect(await metrics.getReportSettings(ctx, storeId)).toEqual({ reportPushAt: '09:00' });
      await expect(metrics.saveReportSettings(ctx, storeId, { reportPushAt: '9:3' })).rejects.toMatchObject({
        code: 'metrics.bad_time',
      });
      await metrics.saveReportSettings(ctx, storeId, { reportPushAt: '09:30' });
      const jobs = DAILY_JOBS.filter((j) => j.name === 'metrics.report-push');
      const SH = 'Asia/Shanghai';

      ctx.clock.set(zonedInstant('2026-10-01', '09:29', SH));
      // (The JD store of the test above has no rule: its run at its default 09:00 sends nothing.)
      expect((await tick(ctx, jobs)).failed).toBe(0);
      expect(got).toHaveLength(0);

      ctx.clock.set(zonedInstant('2026-10-01', '09:30', SH));
      expect(await tick(ctx, jobs)).toMatchObject({ ran: 1, failed: 0 });
      expect(got).toHaveLength(1);
      const report = await metrics.dailyReport(ctx, store, END);
      const msg = got[0];
      expect(msg.title).toBe(`测试旗舰店 ${END} 早间数据诊断`);
      expect(msg.link).toBe(`/s/demo/metrics/report?date=${END}`);
      const paid = report.headline.find((h) => h.metric === 'paidAmount')!.value!;
      expect(msg.body).toContain(`支付金额 ¥${(paid / 100).toFixed(2)}`);
      if (report.findings.length > 0) {
        const top = report.findings[0];
        expect(msg.body).toContain(`1. [`);
        expect(msg.body).toContain(`涉及 ¥${(top.moneyAtStakeFen / 100).toFixed(0)}：${top.text['zh-CN']}`);
      } else expect(msg.body).toContain('无异常');

      // Later ticks the same day send nothing more.
      ctx.clock.set(zonedInstant('2026-10-01', '11:00', SH));
      expect((await tick(ctx, jobs)).ran).toBe(0);
      expect(got).toHaveLength(1);

      // The next day at the new time: yesterday's 生意参谋 file is not in: the last complete day, said so.
      await metrics.saveReportSettings(ctx, storeId, { reportPushAt: '08:15' });
      ctx.clock.set(zonedInstant('2026-10-02', '08:14', SH));
      expect((await tick(ctx, jobs)).ran).toBe(0);
      expect(got).toHaveLength(1);
      ctx.clock.set(zonedInstant('2026-10-02', '08:15', SH));
      expect((await tick(ctx, jobs)).ran).toBe(1);
      expect(got).toHaveLength(2);
      expect(got[1].title).toContain(END);
      expect(got[1].body).toContain(`昨天（2026-10-01）的生意参谋数据还没有导入，以下是 ${END} 的诊断`);
    } finally {
      server.close();
      notify.setAutoDelivery(true);
      ctx.clock.set('2026-10-01T01:00:00Z');
    }
  });

  it('keeps 竞品动态 by date and shows them in that day’s report', async () => {
    const owner = (await team.cliActor(ctx))!;
    const m = await metrics.addCompetitorMove(
      ctx,
      storeId,
      { date: '2026-09-20', competitor: '竞品旗舰店A', kind: 'price_cut', note: '主推款降 20 元' },
      owner.person.id,
    );
    await expect(
      metrics.addCompetitorMove(
        ctx,
        storeId,
        { date: '2026-09-20', competitor: ' ', kind: 'price_cut' },
        null,
      ),
    ).rejects.toMatchObject({ code: 'metrics.competitor_required' });
    await expect(
      metrics.addCompetitorMove(ctx, storeId, { date: '2026-09-20', competitor: 'x', kind: 'rumour' }, null),
    ).rejects.toMatchObject({ code: 'metrics.bad_move_kind' });
    const report = await metrics.dailyReport(ctx, store, '2026-09-20');
    expect(report.competitorLog.map((x) => [x.competitor, x.kind, x.note])).toEqual([
      ['竞品旗舰店A', 'price_cut', '主推款降 20 元'],
    ]);
    expect((await metrics.dailyReport(ctx, store, '2026-09-21')).competitorLog).toEqual([]);
    await metrics.deleteCompetitorMove(ctx, storeId, m.id);
    expect((await metrics.dailyReport(ctx, store, '2026-09-20')).competitorLog).toEqual([]);
    await expect(metrics.deleteCompetitorMove(ctx, storeId, m.id)).rejects.toMatchObject({
      code: 'metrics.move_not_found',
    });
  });
});
