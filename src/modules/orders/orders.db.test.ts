import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { takeFollowerErrors } from '../../imports/after-import';
import { importFile } from '../../imports/imports.service';
import { simulateStore } from '../../simulator';
import * as aftersales from '../aftersales/aftersales.service';
import * as team from '../team/team.service';
import * as work from '../work/work.service';
import { seedOrdersDemo } from './orders.demo';
import * as ordersSvc from './orders.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let store = '';
let mei = '';
let lin = '';
let yu = '';
const tmp = mkdtempSync(join(tmpdir(), 'storeops-orders-'));

const rows = async <T>(q: ReturnType<typeof sql>) => {
  const r = (await ctx.database.db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
};

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  // The export of the simulated store is stamped the morning after its last day (2026-11-24).
  ctx = { database, clock: fixedClock('2026-11-25T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'demo', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  store = (await team.findStoreByCode(ctx, 'demo'))!.id;
  const person = async (login: string, displayName: string, role: string) =>
    (
      await team.createPerson(ctx, actor, {
        login,
        displayName,
        password: 'secret-123',
        memberships: [{ storeCode: 'demo', roles: [role as 'cs_presale'] }],
      })
    ).id;
  mei = await person('xiaomei', '小美(售前)', 'cs_presale');
  yu = await person('xiaoyu', '小雨', 'cs_presale');
  lin = await person('xiaolin', '小林(售后)', 'cs_aftersale');
  await person('ops', '李运营', 'ops_assistant');
  const dir = join(tmp, 'sim');
  const sim = await simulateStore({ outDir: dir, days: 21, seed: 7, scale: 'small' });
  for (const f of sim.files) {
    if (f.kind === 'jd-orders') continue;
    const r = await importFile(ctx, {
      storeId: store,
      personId: null,
      kind: 'auto',
      path: join(dir, f.path.split('/').pop()!),
    });
    expect(r.status, `${f.kind}: ${r.error?.message}`).toBe('done');
  }
}, 300_000);

// Every follower of the imports here (those of beforeAll too) must succeed.
afterEach(() => {
  expect(takeFollowerErrors()).toEqual([]);
});

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`orders and after-sales desk on ${testEngine()}`, () => {
  it('refund reason statistics equal a plain SQL count', async () => {
    const stats = await aftersales.refundStats(ctx, store, '2026-11-04', '2026-11-24', 'reason');
    const plain = await rows<{ reason: string | null; n: string; fen: string }>(sql`
      select refund_reason as reason, count(*) as n, sum(refund_amount_fen) as fen from refunds
      where store_id = ${store}
        and requested_at >= ${new Date('2026-11-03T16:00:00Z')} and requested_at < ${new Date('2026-11-24T16:00:00Z')}
      group by refund_reason`);
    expect(plain.length).toBeGreaterThan(1);
    const got = new Map(stats.groups.map((g) => [g.key, [g.count, g.amountFen]]));
    for (const p of plain) expect(got.get(p.reason ?? '')).toEqual([Number(p.n), Number(p.fen)]);
    expect(stats.total.count).toBe(plain.reduce((s, p) => s + Number(p.n), 0));
    // Pareto order and a rate against paid orders of the same days.
    expect(stats.groups.at(-1)!.cumulativeBp).toBe(10_000);
    const [paid] = await rows<{ n: string }>(sql`
      select count(*) as n from orders where store_id = ${store}
        and paid_at >= ${new Date('2026-11-03T16:00:00Z')} and paid_at < ${new Date('2026-11-24T16:00:00Z')}`);
    expect(stats.total.paidOrders).toBe(Number(paid!.n));
    // By responsibility and by stage sum to the same total.
    for (const g of ['responsibility', 'stage', 'cause', 'product'] as const) {
      const s = await aftersales.refundStats(ctx, store, '2026-11-04', '2026-11-24', g);
      expect(s.groups.reduce((a, x) => a + x.count, 0)).toBe(stats.total.count);
    }
  });

  it('the import follower made one revisit task per recent refund and review tasks', async () => {
    const revisits = await work.listTasks(ctx, store, { source: 'aftersales' });
    const refundTasks = revisits.filter((t) => t.dedupeKey?.startsWith('refund-revisit:'));
    const [recent] = await rows<{ n: string }>(sql`
      select count(*) as n from refunds where store_id = ${store} and requested_at >= ${new Date('2026-11-18T01:00:00Z')}`);
    expect(refundTasks.length).toBe(Number(recent!.n));
    expect(refundTasks.every((t) => t.ownerRole === 'cs_aftersale')).toBe(true);
    // Running again creates nothing new.
    const again = await aftersales.ensureRefundFollowUps(ctx, store);
    expect(again.revisits).toBe(0);
    const reviewCases = await aftersales.listReviewCases(ctx, store);
    expect(reviewCases.length).toBeGreaterThan(0);
    expect(reviewCases.every((r) => r.case.taskId)).toBe(true);
  });

  it('attributes paid orders to store members only, each with a reason', async () => {
    const all = await ordersSvc.attributeOrders(ctx, store, '2026-11-10', '2026-11-24');
    expect(all.length).toBeGreaterThan(50);
    const members = new Set([mei, yu, lin]);
    for (const a of all) {
      if (a.personId) expect(members.has(a.personId)).toBe(true);
      expect(a.reason.code).toBeTruthy();
    }
    const codes = new Set(all.map((a) => a.reason.code));
    expect(codes.has('chatted_and_closed')).toBe(true);
    // Agents with no person (阿杰, 小静 …) leave their orders unattributed, with that reason.
    expect(codes.has('agent_not_member') || codes.has('no_chat')).toBe(true);
    const byPerson = await ordersSvc.attributionByPerson(ctx, store, '2026-11-10', '2026-11-24');
    expect(byPerson.people.find((p) => p.personId === mei)?.orders).toBeGreaterThan(0);
    expect(byPerson.people.reduce((s, p) => s + p.orders, 0) + byPerson.unattributed).toBe(all.length);
  });

  it('one read for the CS KPIs gives exactly ordersForCsKpis and attributeOrders', async () => {
    const byId = <T extends { orderId: string }>(l: T[]) =>
      [...l].sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    const at = (s: string) => new Date(s);
    // KPI window wider than the paid dates, narrower, and overlapping them on one side only.
    for (const [wFrom, wTo, fromDate, toDate] of [
      ['2026-10-20T16:00:00Z', '2026-11-26T16:00:00Z', '2026-11-10', '2026-11-20'],
      ['2026-11-14T16:00:00Z', '2026-11-16T16:00:00Z', '2026-11-01', '2026-11-24'],
      ['2026-11-01T16:00:00Z', '2026-11-12T16:00:00Z', '2026-11-10', '2026-11-24'],
    ] as const) {
      const both = await ordersSvc.ordersAndAttributionForCsKpis(
        ctx,
        store,
        { from: at(wFrom), to: at(wTo) },
        fromDate,
        toDate,
      );
      const kpiOrders = await ordersSvc.ordersForCsKpis(ctx, store, at(wFrom), at(wTo));
      const attributed = await ordersSvc.attributeOrders(ctx, store, fromDate, toDate);
      expect(kpiOrders.length).toBeGreaterThan(0);
      expect(attributed.length).toBeGreaterThan(0);
      expect(byId(both.orders)).toEqual(byId(kpiOrders));
      expect(byId(both.attributed)).toEqual(byId(attributed));
      // In payment order, as attributeOrders returns them.
      const paid = both.attributed.map((a) => a.paidAt!);
      expect(paid).toEqual([...paid].sort());
    }
  });

  it('a bad review caused by CS takes the order out of that CS’s sales', async () => {
    const credited = (await ordersSvc.attributeOrders(ctx, store, '2026-11-01', '2026-11-24')).find(
      (a) => a.personId === mei && a.creditedFen > 0,
    )!;
    expect(credited).toBeTruthy();
    // A bad review of that order, classified as service.
    await ctx.database.db.execute(sql`
      insert into reviews (store_id, platform_id, import_id, first_seen_at, updated_at, review_id, order_id, product_id, sentiment, content, reviewed_at)
      values (${store}, 'V-test', 'manual', now(), now(), 'V-test', ${credited.orderId}, 'P1', 'bad', '客服态度很差，爱理不理', ${new Date('2026-11-24T10:00:00Z')})`);
    await aftersales.ensureReviewCases(ctx, store);
    const [c] = (await aftersales.listReviewCases(ctx, store)).filter((r) => r.platformId === 'V-test');
    expect(c!.reasonClass).toBe('service');
    let a = await ordersSvc.attributionOf(ctx, store, credited.orderId);
    expect(a.creditedFen).toBe(0);
    expect(a.reason.code).toBe('bad_review_removed');
    // Changed to a good review → back in the sales.
    await aftersales.updateReviewCase(
      ctx,
      store,
      'V-test',
      { outcome: 'changed', contact: { channel: 'phone' } },
      lin,
    );
    a = await ordersSvc.attributionOf(ctx, store, credited.orderId);
    expect(a.creditedFen).toBe(credited.creditedFen);
    const task = await work.getTaskByKey(ctx, store, 'review:V-test');
    expect(task?.status).toBe('done');
    expect(task?.outcome).toBe('changed');
  });

  it('unpaid queue: urging, the 24 h takeover rule, conversion', async () => {
    const unpaid = await ordersSvc.listUnpaid(ctx, store);
    expect(unpaid.length).toBeGreaterThan(0);
    const o = unpaid[0]!;
    await ordersSvc.recordUrge(ctx, store, o.orderId, mei, { channel: 'phone', note: '已电话' });
    await expect(ordersSvc.recordUrge(ctx, store, o.orderId, mei, { channel: 'fax' })).rejects.toMatchObject({
      code: 'orders.bad_channel',
    });
    const after = (await ordersSvc.listUnpaid(ctx, store)).find((r) => r.orderId === o.orderId)!;
    expect(after.urges).toBe(1);
    // Flag by 小雨: allowed only if nobody else chatted, or after 24 h with them offline.
    const others = after.chattedBy.filter((c) => c.personId && c.personId !== yu);
    if (others.length > 0 && after.hoursUnpaid <= 24) {
      await expect(ordersSvc.flagOrder(ctx, store, o.orderId, yu)).rejects.toMatchObject({
        code: 'orders.takeover_not_allowed',
      });
    } else {
      await ordersSvc.flagOrder(ctx, store, o.orderId, yu);
    }
    // 25 h later with nobody typing: the takeover is open.
    ctx.clock.set(new Date(new Date(o.createdAt).getTime() + 25 * 3_600_000));
    const r = await ordersSvc.flagOrder(ctx, store, o.orderId, yu);
    expect(['taken_over', 'no_original_cs', 'own_order']).toContain(r.reason.code);
    ctx.clock.set('2026-11-25T01:00:00Z');
    const conv = await ordersSvc.urgeConversion(ctx, store, '2026-11-10', '2026-11-24');
    expect(conv.length).toBeGreaterThan(0);
    for (const c of conv) expect(c.paid).toBeLessThanOrEqual(c.urged);
  });

  it('shipping: deadline states, out-of-stock task and outcome', async () => {
    const list = await ordersSvc.listShipping(ctx, store);
    expect(list.length).toBeGreaterThan(0);
    const o = list[0]!;
    const task = await ordersSvc.markStockout(ctx, store, o.orderId, mei, '黑色缺货');
    expect(task.ownerRole).toBe('cs_aftersale');
    await ordersSvc.recordStockoutOutcome(ctx, store, o.orderId, lin, 'exchange', '换成白色');
    expect((await work.getTask(ctx, store, task.id)).outcome).toBe('exchange');
    // Moving the clock 3 days on makes the open ones late.
    ctx.clock.set('2026-11-28T01:00:00Z');
    const late = await ordersSvc.listShipping(ctx, store, { states: ['late'] });
    expect(late.length).toBe(list.length);
    ctx.clock.set('2026-11-25T01:00:00Z');
    await ordersSvc.setShippingSettings(ctx, store, { cutoff: '17:30' }, null);
    await expect(ordersSvc.setShippingSettings(ctx, store, { cutoff: '25:00' }, null)).rejects.toMatchObject({
      code: 'orders.bad_cutoff',
    });
  });

  it('out of stock from the stock sheet: a task per short order to CS, once, outcome closes it', async () => {
    // A SKU of an open order, in the latest stock export; the export now says none is left.
    const [pick] = await rows<{ sku: string }>(sql`
      select i.sku_code as sku from order_items i
      join orders o on o.store_id = i.store_id and o.order_id = i.order_id
      where i.store_id = ${store} and o.status = 'awaiting_shipment' and i.sku_code is not null
        and exists (select 1 from stock_snapshots s where s.store_id = i.store_id and s.sku_code = i.sku_code
                    and s.date = (select max(date) from stock_snapshots where store_id = ${store}))
      order by i.sku_code limit 1`);
    expect(pick, 'an open order with a SKU in the stock export').toBeDefined();
    await ctx.database.db.execute(sql`
      update stock_snapshots set available = 0, reserved = 0, in_transit = 0
      where store_id = ${store} and sku_code = ${pick!.sku}
        and date = (select max(date) from stock_snapshots where store_id = ${store})`);
    const expected = await rows<{ order_id: string }>(sql`
      select distinct o.order_id from orders o join order_items i on i.store_id = o.store_id and i.order_id = o.order_id
      where o.store_id = ${store} and o.status = 'awaiting_shipment' and i.sku_code = ${pick!.sku}
        and coalesce(i.refund_status, '') <> 'succeeded'`);
    expect(expected.length).toBeGreaterThan(0);
    const before = new Set(
      (
        await rows<{ order_id: string }>(
          sql`select order_id from order_events where store_id = ${store} and kind = 'stockout'`,
        )
      ).map((r) => r.order_id),
    );
    const r = await ordersSvc.detectStockouts(ctx, store);
    expect(r.short).toBeGreaterThanOrEqual(expected.length);
    for (const e of expected) {
      const task = await work.getTaskByKey(ctx, store, `stockout:${e.order_id}`);
      expect(task, e.order_id).not.toBeNull();
      expect(task!.ownerRole).toBe('cs_aftersale');
      if (!before.has(e.order_id)) expect(task!.description).toContain(pick!.sku);
    }
    // Idempotent: a second run marks nothing and makes no task.
    const tasksBefore = (await work.listTasks(ctx, store, { source: 'orders' })).length;
    expect((await ordersSvc.detectStockouts(ctx, store)).marked).toBe(0);
    expect((await work.listTasks(ctx, store, { source: 'orders' })).length).toBe(tasksBefore);
    // The shipping queue shows them as out of stock; the outcome closes the task.
    const ship = await ordersSvc.listShipping(ctx, store);
    const first = expected[0]!.order_id;
    expect(ship.find((x) => x.orderId === first)?.stockout).toBe(true);
    await ordersSvc.recordStockoutOutcome(ctx, store, first, lin, 'refund', '买家选择退款');
    expect((await work.getTaskByKey(ctx, store, `stockout:${first}`))!.status).toBe('done');
    const story = await ordersSvc.orderStory(ctx, store, first);
    expect(JSON.stringify(story)).toContain('stockout_outcome');
  });

  it('edge cases: status backwards, refund for an unknown order, over-refund, reviews without order', async () => {
    const [o] = await rows<{ platform_id: string; order_id: string; paid_amount_fen: string }>(sql`
      select platform_id, order_id, paid_amount_fen from orders where store_id = ${store} and status = 'completed' limit 1`);
    await ctx.database.db.execute(sql`
      insert into fact_status_history (store_id, kind, platform_id, from_status, to_status, observed_at, import_id)
      values (${store}, 'taobao-orders', ${o!.platform_id}, 'completed', 'shipped', now(), 'imp-x')`);
    const refund = (id: string, orderId: string, fen: number) => sql`
      insert into refunds (store_id, platform_id, import_id, first_seen_at, updated_at, refund_id, order_id, refund_amount_fen, requested_at, status)
      values (${store}, ${id}, 'manual', now(), now(), ${id}, ${orderId}, ${fen}, now(), 'succeeded')`;
    await ctx.database.db.execute(refund('R-unknown', 'NO-SUCH-ORDER', 1000));
    await ctx.database.db.execute(refund('R-over-1', o!.order_id, Number(o!.paid_amount_fen)));
    await ctx.database.db.execute(refund('R-over-2', o!.order_id, 100));
    const counts = await ordersSvc.runChecks(ctx, store);
    expect(counts.status_backwards).toBeGreaterThanOrEqual(1);
    expect(counts.refund_unknown_order).toBeGreaterThanOrEqual(1);
    expect(counts.over_refund).toBeGreaterThanOrEqual(1);
    const checks = await ordersSvc.listChecks(ctx, store);
    expect(checks.some((c) => c.kind === 'refund_unknown_order' && c.refId === 'R-unknown')).toBe(true);
    const story = await ordersSvc.orderStory(ctx, store, o!.order_id);
    expect(story.statusHistory.some((h) => h.backwards)).toBe(true);
    expect(story.refunds.length).toBeGreaterThanOrEqual(2);
    expect(story.checks.some((c) => c.kind === 'over_refund')).toBe(true);
  });

  it('queue tasks after import flow to people and roles, once per day', async () => {
    const a = await ordersSvc.ensureQueueTasks(ctx, store, '2026-11-25');
    const b = await ordersSvc.ensureQueueTasks(ctx, store, '2026-11-25');
    expect(b.tasksCreated).toBe(0);
    const tasks = await work.listTasks(ctx, store, { source: 'orders' });
    expect(tasks.some((t) => t.dedupeKey?.startsWith('unpaid:2026-11-25'))).toBe(a.unpaid > 0);
  });

  it('disputes: from refunds with intervention, evidence checklist, deadline', async () => {
    const d = await aftersales.createDispute(
      ctx,
      store,
      { title: '买家投诉未收到货', reason: '未收到货' },
      mei,
    );
    expect(Object.keys(d.evidence)).toEqual(['chat_log', 'delivery_signature', 'tracking']);
    await aftersales.updateDispute(ctx, store, d.id, { evidence: { delivery_signature: true } }, mei);
    const list = await aftersales.listDisputes(ctx, store, { openOnly: true });
    const got = list.find((x) => x.id === d.id)!;
    expect(got.evidenceMissing).toEqual(['chat_log', 'tracking']);
    await expect(
      aftersales.updateDispute(ctx, store, d.id, { evidence: { dna: true } }, mei),
    ).rejects.toMatchObject({
      code: 'aftersales.bad_evidence',
    });
  });

  it('seeds the demo desk: flags, owners on refunds and reviews, today’s tasks', async () => {
    await seedOrdersDemo(ctx, store);
    await seedOrdersDemo(ctx, store); // idempotent
    const reviews = await aftersales.listReviewCases(ctx, store, {
      fromDate: '2026-11-16',
      toDate: '2026-11-24',
    });
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((r) => r.case.ownerPersonId === lin)).toBe(true);
    const refunds = await aftersales.listRefunds(ctx, store, {
      fromDate: '2026-11-20',
      toDate: '2026-11-24',
    });
    expect(refunds.some((r) => r.case?.ownerPersonId === lin)).toBe(true);
    const tasks = await work.listTasks(ctx, store, { ownerPersonId: lin, openOnly: true });
    expect(tasks.length).toBeGreaterThan(0);
    // Done when (issue 6): the manager sees yesterday's unpaid, at-risk shipments, refund reasons
    // and bad reviews with owners; the tasks are on the people's (or their role's) Today.
    const yesterday = '2026-11-24';
    const unpaid = await ordersSvc.listUnpaid(ctx, store, { createdFrom: yesterday, createdTo: yesterday });
    expect(unpaid.length).toBeGreaterThan(0);
    const risky = await ordersSvc.listShipping(ctx, store, { states: ['at_risk', 'overdue', 'late'] });
    expect(risky.length).toBeGreaterThan(0);
    const reasons = await aftersales.refundStats(ctx, store, yesterday, yesterday, 'reason');
    expect(reasons.groups.length).toBeGreaterThan(0);
    const bad = await aftersales.listReviewCases(ctx, store, { fromDate: yesterday, toDate: yesterday });
    expect(bad.every((r) => r.case.ownerPersonId)).toBe(true);
    const open = await work.listTasks(ctx, store, { openOnly: true, source: 'orders' });
    const today = '2026-11-25';
    expect(open.some((t) => t.dedupeKey === `ship-risk:${today}` && t.ownerRole === 'warehouse')).toBe(true);
    const urge = open.filter((t) => t.dedupeKey?.startsWith(`unpaid:${today}:`));
    expect(urge.length).toBeGreaterThan(0);
    // Each urge task is a person's (the flagger or chatting CS) or the pre-sale role's.
    const members = new Set((await team.storePeople(ctx, store)).map((p) => p.personId));
    for (const t of urge)
      expect(t.ownerPersonId ? members.has(t.ownerPersonId) : t.ownerRole === 'cs_presale').toBe(true);
    const meiToday = await work.listTasks(ctx, store, {
      ownerPersonId: mei,
      ownerRoles: ['cs_presale'],
      openOnly: true,
    });
    expect(meiToday.some((t) => t.dedupeKey?.startsWith(`unpaid:${today}:`))).toBe(true);
  });

  it('a refund reason spiking makes one alert task for the operations assistant', async () => {
    for (let i = 0; i < 6; i++) {
      await ctx.database.db.execute(sql`
        insert into refunds (store_id, platform_id, import_id, first_seen_at, updated_at, refund_id, order_id, refund_amount_fen, requested_at, status, refund_reason)
        values (${store}, ${`R-spike-${i}`}, 'manual', now(), now(), ${`R-spike-${i}`}, 'X', 500, ${new Date('2026-11-24T03:00:00Z')}, 'succeeded', '漏发配件')`);
    }
    expect(await aftersales.ensureSpikeTasks(ctx, store, '2026-11-24')).toBeGreaterThanOrEqual(1);
    expect(await aftersales.ensureSpikeTasks(ctx, store, '2026-11-24')).toBe(0);
    const alert = await work.getTaskByKey(ctx, store, 'refund-spike:2026-11-24:reason:漏发配件');
    expect(alert?.ownerRole).toBe('ops_assistant');
  });

  it('JD orders (one export row per line) join the unpaid and shipping queues and have a story', async () => {
    const line = (orderId: string, n: number, status: string, paidAt: Date | null) => sql`
      insert into jd_order_lines (store_id, platform_id, import_id, first_seen_at, updated_at, order_id, line_id, product_id, product_name, quantity, ordered_at, paid_at, order_amount_fen, status)
      values (${store}, ${`${orderId}-${n}`}, 'manual', now(), now(), ${orderId}, ${`${orderId}-${n}`}, ${`P${n}`}, ${`商品${n}`}, 1, ${new Date('2026-11-24T02:00:00Z')}, ${paidAt}, 9900, ${status})`;
    await ctx.database.db.execute(line('JD-1', 1, 'awaiting_shipment', new Date('2026-11-24T02:05:00Z')));
    await ctx.database.db.execute(line('JD-1', 2, 'awaiting_shipment', new Date('2026-11-24T02:05:00Z')));
    await ctx.database.db.execute(line('JD-2', 1, 'awaiting_payment', null));
    const ship = (await ordersSvc.listShipping(ctx, store)).filter((r) => r.platform === 'jd');
    expect(ship.map((r) => [r.orderId, r.amountFen, r.state])).toEqual([['JD-1', 9900, 'at_risk']]);
    const unpaid = (await ordersSvc.listUnpaid(ctx, store)).filter((r) => r.platform === 'jd');
    expect(unpaid.map((r) => r.orderId)).toEqual(['JD-2']);
    await ordersSvc.recordUrge(ctx, store, 'JD-2', mei, { channel: 'sms' });
    const task = await ordersSvc.markStockout(ctx, store, 'JD-1', mei, null);
    expect(task.links).toContainEqual({ kind: 'order', id: 'JD-1', label: 'JD-1' });
    const story = await ordersSvc.orderStory(ctx, store, 'JD-1');
    expect(story.platform).toBe('jd');
    expect(story.items).toHaveLength(2);
    expect(story.tasks.map((t) => t.id)).toContain(task.id);
  });

  it('JD orders get credit the same way when the chat log has the buyer’s chats, flags included', async () => {
    const paid = new Date('2026-11-24T03:00:00Z');
    await ctx.database.db.execute(sql`
      insert into jd_order_lines (store_id, platform_id, import_id, first_seen_at, updated_at, order_id, line_id, product_id, product_name, quantity, ordered_at, paid_at, order_amount_fen, status, buyer_account)
      values (${store}, 'JD-9-1', 'manual', now(), now(), 'JD-9', 'JD-9-1', 'P9', '商品9', 1, ${new Date('2026-11-24T02:30:00Z')}, ${paid}, 12800, 'awaiting_shipment', 'jd_buyer_9'),
             (${store}, 'JD-8-1', 'manual', now(), now(), 'JD-8', 'JD-8-1', 'P8', '商品8', 1, ${new Date('2026-11-24T02:30:00Z')}, null, 5000, 'awaiting_payment', 'jd_buyer_8')`);
    const msg = (id: string, buyer: string, at: string, sender: string, role: string) => sql`
      insert into chat_messages (store_id, platform_id, import_id, first_seen_at, updated_at, message_id, session_id, sent_at, sender_role, sender, buyer, agent, content, is_auto_reply)
      values (${store}, ${id}, 'manual', now(), now(), ${id}, ${`s-${buyer}`}, ${new Date(at)}, ${role}, ${sender}, ${buyer}, '测试旗舰店:小美', '在吗', false)`;
    await ctx.database.db.execute(msg('jm1', 'jd_buyer_9', '2026-11-24T02:10:00Z', 'jd_buyer_9', 'buyer'));
    await ctx.database.db.execute(
      msg('jm2', 'jd_buyer_9', '2026-11-24T02:11:00Z', '测试旗舰店:小美', 'agent'),
    );
    await ctx.database.db.execute(
      msg('jm3', 'jd_buyer_8', '2026-11-24T02:40:00Z', '测试旗舰店:小美', 'agent'),
    );
    const all = await ordersSvc.attributeOrders(ctx, store, '2026-11-24', '2026-11-24');
    const jd = all.find((a) => a.orderId === 'JD-9');
    expect(jd).toMatchObject({ platform: 'jd', personId: mei, creditedFen: 12800 });
    expect(jd!.reason.code).toBeTruthy();
    expect(all.filter((a) => a.platform === 'taobao').length).toBeGreaterThan(0);
    expect((await ordersSvc.attributionOf(ctx, store, 'JD-9')).personId).toBe(mei);
    expect((await ordersSvc.orderStory(ctx, store, 'JD-9')).chats.length).toBe(2);
    // The unpaid JD order shows who chatted; its own CS may flag it (kept as an event).
    const unpaid = (await ordersSvc.listUnpaid(ctx, store)).find((r) => r.orderId === 'JD-8');
    expect(unpaid?.chattedBy.map((c) => c.personId)).toEqual([mei]);
    expect(unpaid?.platform).toBe('jd');
    await ordersSvc.flagOrder(ctx, store, 'JD-8', mei);
    expect((await ordersSvc.listUnpaid(ctx, store)).find((r) => r.orderId === 'JD-8')?.flaggedBy).toBe(mei);
    // Another CS within 24 h may not take it over.
    await expect(ordersSvc.flagOrder(ctx, store, 'JD-8', yu)).rejects.toMatchObject({
      code: 'orders.takeover_not_allowed',
    });
  });
});
