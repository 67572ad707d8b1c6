import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { addDays, fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { importFile } from '../../imports/imports.service';
import { fixture } from '../../imports/test-fixtures';
import { products, skus } from '../catalog/catalog.schema';
import { storeDailyMetrics } from '../metrics/metrics.schema';
import { rebuild, storeDailyRollups } from '../metrics/metrics.service';
import { orders } from '../orders/orders.schema';
import { dailySales } from '../orders/orders.service';
import { csRoster } from '../service/service.schema';
import * as team from '../team/team.service';
import { listTasks } from '../work/work.service';
import { adReportHours, adReports } from './marketing.schema';
import * as mk from './marketing.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let store = '';
let other = '';
const people: Record<string, string> = {};
const tmp = mkdtempSync(join(tmpdir(), 'storeops-mk-'));
const now = new Date('2026-09-01T02:00:00Z'); // 10:00 in Shanghai

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock(now), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  await team.createStore(ctx, actor, { code: 'beta', name: '京东店', platform: 'jd' });
  const a2 = (await team.loadActor(ctx, owner.id, 'cli'))!;
  store = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  other = (await team.findStoreByCode(ctx, 'beta'))!.id;
  for (const role of [
    'marketing',
    'finance',
    'manager',
    'designer',
    'warehouse',
    'cs_presale',
    'ops_assistant',
  ]) {
    people[role] = (
      await team.createPerson(ctx, a2, {
        login: role,
        displayName: role,
        password: 'secret-123',
        memberships: [{ storeCode: 'alpha', roles: [role] }],
      })
    ).id;
  }
  const t = ctx.clock.now();
  await ctx.database.db.insert(products).values([
    { storeId: store, productId: 'P1', title: '凉席', isHero: false, firstSeenAt: t, updatedAt: t },
    { storeId: store, productId: 'P2', title: '保温杯', isHero: true, firstSeenAt: t, updatedAt: t },
  ]);
  await ctx.database.db.insert(skus).values([
    {
      storeId: store,
      skuCode: 'S1',
      productId: 'P1',
      title: '凉席 1.8m',
      priceFen: 10_000,
      costFen: 6_000,
      firstSeenAt: t,
      updatedAt: t,
    },
    {
      storeId: store,
      skuCode: 'S2',
      productId: 'P2',
      title: '保温杯 500ml',
      priceFen: 5_000,
      costFen: 2_000,
      firstSeenAt: t,
      updatedAt: t,
    },
  ]);
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`marketing on ${testEngine()}`, () => {
  let d11 = '';
  it('creates 双11 from the platform event: phases copied, heroes first, a checklist with owners and tasks', async () => {
    const events = await mk.listPlatformEvents(ctx, store, 2026);
    expect(events.map((e) => e.code)).toContain('double11');
    const c = await mk.createCampaign(
      ctx,
      store,
      {
        kind: 'platform',
        eventCode: 'double11',
        eventYear: 2026,
        productIds: ['P1', 'P2'],
        goalGmvFen: 1_000_000,
        ownerPersonId: people.marketing,
      },
      people.marketing,
    );
    d11 = c.id;
    expect(c.name).toBe('双11 2026');
    expect(c.productIds).toEqual(['P2', 'P1']);
    const full = await mk.getCampaign(ctx, store, c.id);
    expect(full.checklist.map((i) => i.code)).toEqual([
      'signup',
      'design',
      'ads_budget',
      'stock',
      'cs_shifts',
      'coupons',
      'cs_brief',
      'content',
    ]);
    const owners = Object.fromEntries(full.checklist.map((i) => [i.code, i.ownerPersonId]));
    expect(owners.design).toBe(people.designer);
    expect(owners.ads_budget).toBe(people.marketing);
    expect(owners.cs_brief).toBe(people.cs_presale);
    const tasks = await listTasks(ctx, store, { source: 'marketing', linkKind: 'campaign', linkId: c.id });
    expect(tasks).toHaveLength(8);
    // Regenerating is idempotent: still 8 tasks.
    await mk.generateChecklist(ctx, store, c.id);
    expect(
      await listTasks(ctx, store, { source: 'marketing', linkKind: 'campaign', linkId: c.id }),
    ).toHaveLength(8);
  });

  it('the CS brief needs an acknowledgement; done items raise the readiness score and close the task', async () => {
    await expect(
      mk.completeChecklistItem(ctx, store, d11, 'cs_brief', people.cs_presale),
    ).rejects.toMatchObject({
      code: 'marketing.ack_required',
    });
    await expect(
      mk.completeChecklistItem(ctx, store, d11, 'cs_brief', people.designer, { acknowledge: true }),
    ).rejects.toMatchObject({ code: 'marketing.ack_not_cs' });
    const item = await mk.completeChecklistItem(ctx, store, d11, 'cs_brief', people.cs_presale, {
      acknowledge: true,
    });
    expect(item).toMatchObject({ done: true, acknowledgedBy: people.cs_presale, taskStatus: 'done' });
    expect((await mk.getCampaign(ctx, store, d11)).readiness).toMatchObject({ done: 1, total: 8 });
  });

  it('late items escalate along their chain (ads budget: marketing → finance → manager)', async () => {
    const c = await mk.getCampaign(ctx, store, d11);
    const ads = c.checklist.find((i) => i.code === 'ads_budget')!;
    expect(await mk.escalateLateItems(ctx, store, ads.dueDate)).toBe(2); // sign-up and design are already late
    await mk.escalateLateItems(ctx, store, addDays(ads.dueDate, 1));
    let tasks = await listTasks(ctx, store, { source: 'marketing', linkKind: 'campaign', linkId: d11 });
    const t = tasks.find((x) => x.id === ads.taskId)!;
    expect([t.ownerPersonId, t.priority]).toEqual([people.finance, 'high']);
    await mk.escalateLateItems(ctx, store, addDays(ads.dueDate, 2));
    await mk.escalateLateItems(ctx, store, addDays(ads.dueDate, 2)); // idempotent
    tasks = await listTasks(ctx, store, { source: 'marketing', linkKind: 'campaign', linkId: d11 });
    expect(tasks.find((x) => x.id === ads.taskId)!.ownerPersonId).toBe(people.manager);
  });

  it('listCampaignPeriods: overlapping, not cancelled, only this store', async () => {
    const live = await mk.createCampaign(
      ctx,
      store,
      {
        kind: 'live_stream',
        name: '达人直播',
        phases: [{ code: 'main', name: '正式', from: '2026-11-20', to: '2026-11-20' }],
      },
      null,
    );
    const gone = await mk.createCampaign(
      ctx,
      store,
      {
        kind: 'store',
        name: '店庆',
        phases: [{ code: 'main', name: '正式', from: '2026-11-05', to: '2026-11-06' }],
      },
      null,
    );
    await mk.updateCampaign(ctx, store, gone.id, { status: 'cancelled' });
    await expect(
      mk.updateCampaign(ctx, store, gone.id, { ownerPersonId: 'someone-else' }),
    ).rejects.toMatchObject({
      code: 'marketing.owner_not_in_store',
    });
    const p = await mk.listCampaignPeriods(ctx, store, '2026-11-10', '2026-11-30');
    expect(p.map((x) => x.id)).toEqual([d11, live.id]);
    expect(p[0]).toMatchObject({ from: '2026-10-14', to: '2026-11-11', productIds: ['P2', 'P1'] });
    expect(p[0].phases.map((x) => x.code)).toEqual(['preheat', 'deposit', 'peak']);
    expect(await mk.listCampaignPeriods(ctx, other, '2026-01-01', '2026-12-31')).toEqual([]);
  });

  it('the price floor: a scheduled stack below cost + fees becomes one urgent task; expiring offers too', async () => {
    const at = (s: string) => new Date(s);
    await mk.createOffer(
      ctx,
      store,
      {
        kind: 'discount',
        name: '凉席 85 折',
        startsAt: at('2026-08-31T16:00:00Z'),
        endsAt: at('2026-09-02T16:00:00Z'),
        productIds: ['P1'],
        percentBp: 8_500,
      },
      null,
    );
    await mk.createOffer(
      ctx,
      store,
      {
        kind: 'store_coupon',
        name: '满 80 减 15',
        startsAt: at('2026-09-10T16:00:00Z'),
        endsAt: at('2026-09-12T16:00:00Z'),
        tiers: [{ thresholdFen: 8_000, minusFen: 1_500 }],
      },
      null,
    );
    await expect(
      mk.createOffer(
        ctx,
        store,
        {
          kind: 'discount',
          name: '坏折扣',
          startsAt: at('2026-09-10T16:00:00Z'),
          endsAt: at('2026-09-12T16:00:00Z'),
          percentBp: 0,
        },
        null,
      ),
    ).rejects.toMatchObject({ code: 'marketing.bad_offer' });
    const floor = await mk.floorCheck(ctx, store);
    const s1 = floor.find((f) => f.skuCode === 'S1')!;
    // Now: 85 折 = 85 元 (above the floor of 63.56); no window has both the discount and the coupon.
    expect(s1.breach).toBeNull();
    // Move the discount to overlap the coupon: 85 − 15 = 70 … still above; a product coupon makes it 60.
    await mk.createOffer(
      ctx,
      store,
      {
        kind: 'product_coupon',
        name: '凉席券 10 元',
        startsAt: at('2026-09-11T00:00:00Z'),
        endsAt: at('2026-09-11T16:00:00Z'),
        productIds: ['P1'],
        tiers: [{ thresholdFen: 0, minusFen: 3_000 }],
      },
      null,
    );
    const again = (await mk.floorCheck(ctx, store)).find((f) => f.skuCode === 'S1')!;
    expect(again.lowestUnitFen).toBe(10_000 - 1_500 - 3_000);
    expect(again.breach).not.toBeNull();
    const r = await mk.promotionsCheck(ctx, store, '2026-09-01');
    expect(r).toMatchObject({ breaches: 1 });
    expect(r.expiring).toHaveLength(1); // the 85 折 ends within 48 h
    await mk.promotionsCheck(ctx, store, '2026-09-01');
    const tasks = await listTasks(ctx, store, { source: 'marketing' });
    expect(tasks.filter((t) => t.title.startsWith('价格底线预警'))).toHaveLength(1);
    expect(tasks.filter((t) => t.title.startsWith('优惠即将到期'))).toHaveLength(1);
  });

  it('the coupon simulator prices a cart and shows the floor', async () => {
    const s = await mk.simulateCart(
      ctx,
      store,
      [
        { skuCode: 'S1', quantity: 1 },
        { skuCode: 'S2', quantity: 1 },
      ],
      new Date('2026-09-11T02:00:00Z'),
    );
    expect(s.totalFen).toBe(15_000 - 1_500 - 3_000);
    const l1 = s.lines.find((l) => l.skuCode === 'S1')!;
    expect(l1.belowFloor).toBe(true);
    await expect(mk.simulateCart(ctx, store, [{ skuCode: 'NOPE', quantity: 1 }])).rejects.toMatchObject({
      code: 'marketing.unknown_sku',
    });
  });

  it('ads: names the plan that went offline early yesterday; balance days left', async () => {
    const t = ctx.clock.now();
    const rows = [];
    for (let i = 8; i >= 1; i--) {
      const date = addDays('2026-09-01', -i);
      const off = i === 1;
      for (const [plan, name] of [
        ['p1', '凉席-核心词'],
        ['p2', '保温杯-拉新'],
      ]) {
        const clicks = off && plan === 'p1' ? 180 : 400;
        const spend = off && plan === 'p1' ? 23_400 : 40_000;
        rows.push({
          storeId: store,
          platformId: `${plan}-${date}`,
          importId: 'imp',
          firstSeenAt: t,
          updatedAt: t,
          channel: 'ztc',
          level: 'unit',
          date,
          planId: plan,
          planName: name,
          unitId: `${plan}u`,
          unitName: '主图',
          impressions: clicks * 30,
          clicks,
          spendFen: spend,
          orders: 8,
          gmvFen: plan === 'p2' ? 40_000 : 120_000,
        });
      }
    }
    await ctx.database.db.insert(adReports).values(rows);
    await mk.setAdBalance(ctx, store, 'ztc', 100_000, people.marketing);
    const d = await mk.adsDashboard(ctx, store);
    expect(d.date).toBe('2026-08-31');
    expect(d.offline.map((p) => p.planName)).toEqual(['凉席-核心词']);
    expect(d.lowRoi.map((p) => p.planName)).toEqual(['保温杯-拉新']);
    expect(d.balances[0]).toMatchObject({ channel: 'ztc', alert: true });
    const r = await mk.adsCheck(ctx, store, '2026-09-01');
    expect(r.tasks).toBe(3);
    expect((await mk.adsCheck(ctx, store, '2026-09-01')).tasks).toBe(0);
    const tasks = await listTasks(ctx, store, { source: 'marketing' });
    expect(tasks.some((x) => x.title.includes('提前下线：凉席-核心词'))).toBe(true);
  });

  it('campaign results equal the diagnosis rollups of the same days; baseline from the 14 days before', async () => {
    const t = ctx.clock.now();
    const c = await mk.createCampaign(
      ctx,
      store,
      {
        kind: 'store',
        name: '开学季',
        phases: [{ code: 'main', name: '正式', from: '2026-08-25', to: '2026-08-26' }],
        goalGmvFen: 100_000,
      },
      null,
    );
    const rows = [];
    for (let i = 0; i < 20; i++) {
      const date = addDays('2026-08-10', i);
      const n = date >= '2026-08-25' ? 3 : 1;
      for (let k = 0; k < n; k++) {
        rows.push({
          storeId: store,
          platformId: `o-${date}-${k}`,
          importId: 'imp',
          firstSeenAt: t,
          updatedAt: t,
          orderId: `o-${date}-${k}`,
          buyerAccount: `b${i}-${k}`,
          paidAmountFen: 10_000,
          status: 'TRADE_FINISHED',
          createdAt: new Date(`${date}T04:00:00Z`),
          paidAt: new Date(`${date}T04:00:00Z`),
          itemQuantity: 2,
        });
      }
    }
    await ctx.database.db.insert(orders).values(rows);
    // Before the rollups are built there is nothing to report (results never read the orders).
    expect((await mk.campaignResults(ctx, store, c.id)).total.actual.gmvFen).toBe(0);
    await rebuild(ctx, store, '2026-08-10', '2026-08-29');
    const r = await mk.campaignResults(ctx, store, c.id);
    const rolled = await storeDailyRollups(ctx, store, '2026-08-25', '2026-08-26');
    expect(rolled).toHaveLength(2);
    expect(r.total.actual.gmvFen).toBe(rolled.reduce((a, x) => a + x.paidAmountFen, 0));
    expect(r.total.actual.orders).toBe(rolled.reduce((a, x) => a + x.paidOrders, 0));
    expect(r.total.actual.units).toBe(rolled.reduce((a, x) => a + x.paidItems, 0));
    expect(r.days.map((d) => [d.date, d.gmvFen])).toEqual(
      (await storeDailyRollups(ctx, store, '2026-08-11', '2026-08-26')).map((d) => [d.date, d.paidAmountFen]),
    );
    // …and the rollups agree with the orders they were built from.
    const direct = await dailySales(ctx, store, '2026-08-25', '2026-08-26', 'Asia/Shanghai');
    expect(r.total.actual.gmvFen).toBe(direct.reduce((a, x) => a + x.gmvFen, 0));
    expect(r.total.actual).toMatchObject({ gmvFen: 60_000, orders: 6, units: 12, newBuyers: 6, days: 2 });
    expect(r.total.baseline.gmvFen).toBe(20_000);
    expect(r.total.gmvLiftBp).toBe(20_000);
    expect(r.attainment.gmvBp).toBe(6_000);
    const xlsx = await mk.campaignSummaryXlsx(ctx, store, c.id);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('hourly ads, affiliates, linked readiness items', () => {
  it('an hourly ads file lands in ad_report_hours, its day totals in ad_reports; the hourly rule names the stop', async () => {
    const path = fixture('ads/直通车-分时报表-20260301.csv');
    const r = await importFile(ctx, { storeId: store, personId: null, kind: 'ads', path });
    expect(r.status).toBe('done');
    const hours = await ctx.database.db.select().from(adReportHours).where(eq(adReportHours.storeId, store));
    expect(hours).toHaveLength(12);
    const days = await ctx.database.db
      .select()
      .from(adReports)
      .where(and(eq(adReports.storeId, store), eq(adReports.date, '2026-03-01')));
    expect(days.map((d) => [d.planId, d.hour, d.spendFen, d.clicks, d.gmvFen, d.orders]).sort()).toEqual([
      ['3001001', null, 18_900, 270, 19_900, 1],
      ['3001002', null, 2_400, 30, 29_900, 1],
    ]);
    expect(days.find((d) => d.planId === '3001001')).toMatchObject({ averageCpcFen: 70, roi: 10_529 });
    // Re-importing the same file changes nothing (same ids, same sums).
    const again = await importFile(ctx, { storeId: store, personId: null, kind: 'auto', path });
    expect(again.status).toMatch(/done|duplicate/);
    expect(
      await ctx.database.db.select().from(adReportHours).where(eq(adReportHours.storeId, store)),
    ).toHaveLength(12);
    const dash = await mk.adsDashboard(ctx, store, '2026-03-01');
    expect(dash.offline.map((p) => [p.planName, p.offline?.basis, p.offline?.offlineAt])).toEqual([
      ['凉席-智能推广', 'hourly', '16:00'],
    ]);
    // The other plan spent at 9 h and 21 h only: not a budget stop.
    expect(dash.plans.find((p) => p.planId === '3001002')?.offline).toBeNull();
  });

  it('affiliates per partner from the 推广订单明细; the store-level 淘宝客佣金 when no file covers the days', async () => {
    // A file with a bad row (no partner, unknown status) is refused whole…
    const bad = await importFile(ctx, {
      storeId: store,
      personId: null,
      kind: 'auto',
      path: fixture('bad/淘宝联盟-推广订单明细-坏行.csv'),
    });
    expect(bad).toMatchObject({ kind: 'affiliate-orders', status: 'rejected', rejectedCount: 1 });
    expect(bad.rejected[0]).toMatchObject({ row: 2, column: '推广者id' });
    // …a good one lands.
    const path = fixture('affiliate-orders/淘宝联盟-推广订单明细-20261101.csv');
    const r = await importFile(ctx, { storeId: store, personId: null, kind: 'auto', path });
    expect(r).toMatchObject({ kind: 'affiliate-orders', status: 'done', rows: 3 });
    const a = await mk.affiliateSummary(ctx, store, '2026-11-01');
    expect(a.source).toBe('affiliate_file');
    expect(
      a.partners.map((p) => [p.partnerName, p.orders, p.invalidOrders, p.commissionFen, p.gmvFen]),
    ).toEqual([
      ['省钱小达人', 1, 0, 3_980, 19_900],
      ['返利联盟', 2, 1, 599, 5_990],
    ]);
    expect(a).toMatchObject({ commissionFen: 4_579, orders: 3, roi: Math.round((25_890 * 100) / 4_579) });
    // Another store sees nothing of it.
    expect((await mk.affiliateSummary(ctx, other, '2026-11-01')).source).toBe('none');
    // Fallback: 生意参谋 淘宝客佣金 through the rollups.
    const t = ctx.clock.now();
    await ctx.database.db.insert(storeDailyMetrics).values([
      {
        storeId: store,
        platformId: 'sm-1',
        importId: 'imp',
        firstSeenAt: t,
        updatedAt: t,
        date: '2026-07-01',
        affiliateCommissionFen: 1_234,
      },
      {
        storeId: store,
        platformId: 'sm-2',
        importId: 'imp',
        firstSeenAt: t,
        updatedAt: t,
        date: '2026-07-02',
        affiliateCommissionFen: 766,
      },
    ]);
    await rebuild(ctx, store, '2026-07-01', '2026-07-02');
    const f = await mk.affiliateSummary(ctx, store, '2026-07-02');
    expect(f).toMatchObject({ source: 'store_metrics', commissionFen: 2_000, partners: [] });
  });

  it('CS shifts auto-complete from the roster; stock shows what is missing and needs a reason to override', async () => {
    const c = await mk.createCampaign(
      ctx,
      store,
      {
        kind: 'store',
        name: '中秋节',
        phases: [
          { code: 'preheat', name: '预热', from: '2026-09-20', to: '2026-09-21' },
          { code: 'main', name: '正式', from: '2026-09-22', to: '2026-09-23' },
        ],
        productIds: ['P2'],
      },
      null,
    );
    const t = ctx.clock.now();
    const rosterRows = [];
    for (let i = 1; i <= 14; i++)
      for (const agent of ['a', 'b', 'c'])
        rosterRows.push({
          storeId: store,
          date: addDays('2026-09-05', i),
          agent,
          shiftCode: agent === 'c' ? 'off' : 'day',
          updatedAt: t,
        });
    for (const date of ['2026-09-22', '2026-09-23'])
      for (const agent of ['a', 'b', 'c'])
        rosterRows.push({ storeId: store, date, agent, shiftCode: 'day', updatedAt: t });
    // The 22nd is staffed like a normal day at first: only a and b.
    rosterRows.find((x) => x.date === '2026-09-22' && x.agent === 'c')!.shiftCode = 'off';
    await ctx.database.db.insert(csRoster).values(rosterRows);
    expect(await mk.runAutoChecks(ctx, store, [c.id])).toBe(0);
    let items = (await mk.getCampaign(ctx, store, c.id)).checklist;
    const shifts = () => items.find((i) => i.code === 'cs_shifts')!;
    const stock = () => items.find((i) => i.code === 'stock')!;
    expect(shifts().done).toBe(false);
    expect(shifts().autoCheck).toMatchObject({
      source: 'roster',
      ok: false,
      basis: { normalShifts: 2, peakDays: ['2026-09-22', '2026-09-23'] },
      missing: [{ kind: 'no_extra_shifts', date: '2026-09-22', shifts: 2, normal: 2 }],
    });
    expect(stock().autoCheck).toMatchObject({
      source: 'inventory',
      ok: false,
      missing: [{ kind: 'no_stock_data', productId: 'P2' }],
    });
    // Extra shift planned → the next check completes the item and its task.
    await ctx.database.db
      .update(csRoster)
      .set({ shiftCode: 'day' })
      .where(and(eq(csRoster.storeId, store), eq(csRoster.date, '2026-09-22'), eq(csRoster.agent, 'c')));
    expect(await mk.runAutoChecks(ctx, store, [c.id])).toBe(1);
    items = (await mk.getCampaign(ctx, store, c.id)).checklist;
    expect(shifts()).toMatchObject({ done: true, doneBy: null, taskStatus: 'done' });
    // The stock item: a manual override needs a reason, which is kept.
    await expect(mk.completeChecklistItem(ctx, store, c.id, 'stock', people.warehouse)).rejects.toMatchObject(
      {
        code: 'marketing.override_reason_required',
      },
    );
    const done = await mk.completeChecklistItem(ctx, store, c.id, 'stock', people.warehouse, {
      reason: '保温杯由供应商直发，不占仓库库存',
    });
    expect(done).toMatchObject({ done: true, overrideReason: '保温杯由供应商直发，不占仓库库存' });
    // Items done by hand are not re-checked.
    expect(await mk.runAutoChecks(ctx, store, [c.id])).toBe(0);
    expect((await mk.getCampaign(ctx, store, c.id)).checklist.find((i) => i.code === 'stock')?.done).toBe(
      true,
    );
  });
});
