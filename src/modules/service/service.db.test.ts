import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { businessDate, fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { reviewCases, reviews } from '../aftersales/aftersales.schema';
import * as marketing from '../marketing/marketing.service';
import { orders } from '../orders/orders.schema';
import * as team from '../team/team.service';
import * as work from '../work/work.service';
import { DEFAULT_FINE_RULES } from './service.fines.rules';
import { chatMessages } from './service.schema';
import * as service from './service.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let store = '';
let amyPerson = '';
let managerId = '';

type Msg = [session: string, at: string, who: 'b' | 'a' | 'auto', buyer: string, agent: string, text: string];
let seq = 0;
const businessDateOf = (iso: string) => businessDate(new Date(iso), 'Asia/Shanghai');
async function chats(msgs: Msg[]) {
  const now = ctx.clock.now();
  await ctx.database.db.insert(chatMessages).values(
    msgs.map(([sessionId, at, who, buyer, agent, content]) => {
      const id = `M${++seq}`;
      return {
        storeId: store,
        platformId: id,
        importId: 'test',
        firstSeenAt: now,
        updatedAt: now,
        messageId: id,
        sessionId,
        sentAt: new Date(`${at}+08:00`),
        senderRole: who === 'b' ? 'buyer' : 'agent',
        sender: who === 'b' ? 'buyer' : agent,
        buyer,
        agent,
        content,
        isAutoReply: who === 'auto',
      };
    }),
  );
}

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = {
    database,
    clock: fixedClock('2026-12-01T06:00:00Z'),
    config: loadConfig({}, { dataDir: '/tmp/storeops-t-svc' }),
  };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  managerId = owner.id;
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  store = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  amyPerson = (
    await team.createPerson(ctx, actor, {
      login: 'amy',
      displayName: '小美',
      password: 'secret-123',
      memberships: [{ storeCode: 'alpha', roles: ['cs_presale'] }],
    })
  ).id;
  await chats([
    // Amy, day shift: greeted, auto-reply ignored, answered in 150 s (slow) then 20 s.
    ['S1', '2026-11-02T10:00:00', 'b', 'b1', 'amy', '在吗'],
    ['S1', '2026-11-02T10:00:01', 'auto', 'b1', 'amy', '您好，欢迎光临'],
    ['S1', '2026-11-02T10:02:30', 'a', 'b1', 'amy', '在的亲'],
    ['S1', '2026-11-02T10:03:00', 'b', 'b1', 'amy', '包邮吗？'],
    ['S1', '2026-11-02T10:03:20', 'a', 'b1', 'amy', '亲，包邮的'],
    // Bob talks to the same buyer later; the buyer pays after. Bob's account is no store member's,
    // so the orders attribution credits Amy (credit only goes to members, DOMAIN.md §5).
    ['S2', '2026-11-02T11:00:00', 'b', 'b1', 'bob', '能便宜点吗？'],
    ['S2', '2026-11-02T11:00:30', 'a', 'b1', 'bob', '亲，我们的商品都不讲价的'],
    // Amy: no reply at all (waits until the end of the data → ≥ 2 h).
    ['S3', '2026-11-02T12:00:00', 'b', 'b2', 'amy', '有货吗？'],
    ['S3', '2026-11-02T12:00:01', 'auto', 'b2', 'amy', '您好，欢迎光临'],
    // Night: crosses midnight, belongs to the 2nd and its night shift.
    ['S4', '2026-11-02T23:59:00', 'b', 'b3', 'nina', '还在吗'],
    ['S4', '2026-11-03T00:01:00', 'a', 'b3', 'nina', '在的亲'],
    ['S5', '2026-11-03T10:00:00', 'b', 'b4', 'amy', '在吗'],
    ['S5', '2026-11-03T10:05:00', 'a', 'b4', 'amy', '亲，在的'],
    ['S6', '2026-11-04T10:00:00', 'b', 'b5', 'amy', '在吗'],
    ['S6', '2026-11-04T10:04:00', 'a', 'b5', 'amy', '亲，在的'],
    ['S7', '2026-11-05T10:00:00', 'b', 'b6', 'amy', '在吗'],
    ['S7', '2026-11-05T10:03:00', 'a', 'b6', 'amy', '亲，在的'],
  ]);
  const now = ctx.clock.now();
  await ctx.database.db.insert(orders).values({
    storeId: store,
    platformId: 'O1',
    importId: 'test',
    firstSeenAt: now,
    updatedAt: now,
    orderId: 'O1',
    buyerAccount: 'b1',
    paidAmountFen: 12_900,
    status: 'paid',
    createdAt: new Date('2026-11-02T11:10:00+08:00'),
    paidAt: new Date('2026-11-02T11:11:00+08:00'),
  });
  await service.saveAgent(ctx, store, { account: 'amy', personId: amyPerson, shiftCode: 'day' });
  await service.saveAgent(ctx, store, { account: 'nina', personId: null, shiftCode: 'night' });
}, 120_000);

afterAll(async () => {
  await dispose?.();
});

describe(`CS KPIs on ${testEngine()}`, () => {
  it('recomputes per agent per day and shift from the chat log and the orders', async () => {
    const r = await service.recomputeKpis(ctx, store, '2026-11-01', '2026-11-30');
    expect(r.sessions).toBe(7);
    const days = await service.listKpis(ctx, store, { from: '2026-11-02', to: '2026-11-02' });
    const amy = days.find((d) => d.agent === 'amy')!;
    expect(amy).toMatchObject({
      sessions: 2,
      receptions: 2,
      inquiries: 2,
      paidBuyers: 1,
      salesFen: 12_900,
      aovFen: 12_900,
      inquiryConversionBp: 5000,
      unansweredSessions: 1,
      slowSessions: 1,
      replyRateBp: 5000,
      avgFirstResponseSec: 150,
    });
    const bob = days.find((d) => d.agent === 'bob')!;
    expect(bob).toMatchObject({
      inquiries: 1,
      paidBuyers: 0,
      salesFen: 0,
      aovFen: null,
      inquiryConversionBp: 0,
    });
    const night = await service.listKpis(ctx, store, {
      from: '2026-11-02',
      to: '2026-11-03',
      shiftCode: 'night',
    });
    expect(night.map((n) => [n.date, n.agent, n.sessions, n.firstResponseSumSec])).toEqual([
      ['2026-11-02', 'nina', 1, 120],
    ]);
    // Recomputing is idempotent.
    await service.recomputeKpis(ctx, store, '2026-11-02', '2026-11-02');
    expect(await service.listKpis(ctx, store, { from: '2026-11-02', to: '2026-11-02' })).toEqual(days);
  });

  it('evaluates the month’s fines with the sessions and days as evidence', async () => {
    await service.saveAttendance(
      ctx,
      store,
      { date: '2026-11-02', agent: 'amy', lateMinutes: 10, onLeave: false, offline: false, idleMinutes: [] },
      null,
    );
    const [amy] = await service.monthFines(ctx, store, '2026-11', ['amy']);
    const by = new Map(amy!.fines.map((f) => [f.code, f]));
    // 4 slow first responses (150 s, 300 s, 240 s, 180 s): the fourth crosses the allowance of 3.
    expect(by.get('slow_first_response')).toMatchObject({ count: 4, fen: 5000 });
    expect(by.get('slow_first_response')!.evidence.map((e) => e.id)).toEqual(['S1', 'S5', 'S6', 'S7']);
    // S3 never answered: ≥ 2 h → ¥200.
    expect(by.get('unanswered_question')).toMatchObject({ fen: 20_000, evidence: [{ id: 'S3' }] });
    expect(by.get('late_minor')).toMatchObject({ count: 1, fen: 0 });
    expect(amy!.totalFen).toBe(25_000);
  });

  it('rejects a rule book whose late rules leave a gap, naming the field', async () => {
    const rules = DEFAULT_FINE_RULES.map((r) => (r.code === 'late_major' ? { ...r, overMinutes: 15 } : r));
    await expect(
      service.saveRuleBook(ctx, store, { effectiveFrom: '2026-12-01', rules }, null),
    ).rejects.toMatchObject({
      code: 'service.fine_late_gap',
      params: { field: 'late_major.overMinutes', minor: 10, major: 15 },
    });
    await service.saveRuleBook(ctx, store, { effectiveFrom: '2026-12-01', rules: DEFAULT_FINE_RULES }, null);
    expect((await service.listRuleBooks(ctx, store)).map((v) => v.effectiveFrom)).toEqual(['2026-12-01']);
  });

  it('quality: finds the curt refusal, the inspector confirms with a coaching task, the agent appeals, the leader decides', async () => {
    const r = await service.runQualityInspection(ctx, store, '2026-11-01', '2026-11-30', { percent: 100 });
    expect(r.sampled).toBe(7);
    const hits = await service.listHits(ctx, store, { status: 'open' });
    const curt = hits.find((h) => h.check === 'curt_reply')!;
    expect(curt).toMatchObject({ sessionId: 'S2', agent: 'bob', evidence: '不讲价' });
    expect(hits.some((h) => h.sessionId === 'S3' && h.check === 'unanswered')).toBe(true);
    // Running again adds nothing.
    expect(
      (await service.runQualityInspection(ctx, store, '2026-11-01', '2026-11-30', { percent: 100 })).hits,
    ).toBe(0);

    const amyHit = hits.find((h) => h.agent === 'amy' && h.check === 'slow_reply')!;
    const reviewed = await service.reviewHit(
      ctx,
      store,
      amyHit.id,
      { decision: 'confirmed', note: '回复慢', coach: true },
      managerId,
    );
    expect(reviewed.status).toBe('confirmed');
    const task = await work.getTask(ctx, store, reviewed.taskId!);
    expect(task).toMatchObject({ ownerPersonId: amyPerson, source: 'service' });
    await expect(service.appealHit(ctx, store, curt.id, '不是我', amyPerson)).rejects.toMatchObject({
      code: 'service.not_your_hit',
    });
    const appealed = await service.appealHit(ctx, store, amyHit.id, '当时系统卡顿', amyPerson);
    expect(appealed.status).toBe('appealed');
    const page1 = await service.agentPage(ctx, store, amyPerson, '2026-11');
    expect(page1.quality.counted).toBe(0);
    await service.decideAppeal(ctx, store, amyHit.id, 'upheld', '记录显示无卡顿', managerId);
    const page = await service.agentPage(ctx, store, amyPerson, '2026-11');
    expect(page.accounts).toEqual(['amy']);
    expect(page.quality).toEqual({ counted: 1, score: 95 });
    expect(page.totals[0]).toMatchObject({ agent: 'amy', sessions: 5 });
    expect(page.fines[0]!.totalFen).toBe(25_000);
  });

  it('roster: generates 4 days off each, checks coverage, swaps; the CS check compares days', async () => {
    expect((await service.generateMonthRoster(ctx, store, '2026-11', null)).created).toBe(90);
    const r = await service.getRoster(ctx, store, '2026-11');
    expect(r.daysOff).toEqual({ amy: 4, bob: 4, nina: 4 });
    // Only one night agent: her 4 days off leave the evening uncovered.
    expect(r.gaps.length).toBe(4);
    const off = r.entries.find((e) => e.agent === 'amy' && e.shiftCode === 'off')!;
    await service.setRosterCell(ctx, store, { date: off.date, agent: 'amy', shiftCode: 'leave' }, null);
    await expect(
      service.setRosterCell(ctx, store, { date: off.date, agent: 'amy', shiftCode: 'late' }, null),
    ).rejects.toMatchObject({ code: 'service.unknown_shift' });
    // Amy on the day shift of the 2nd: S3 (12:00) waited until the shift ended → away 330 min.
    await service.setRosterCell(ctx, store, { date: '2026-11-02', agent: 'amy', shiftCode: 'day' }, null);
    await service.deriveAttendanceFromChats(ctx, store, '2026-11-02', '2026-11-02');
    const att = (await service.listAttendance(ctx, store, '2026-11')).filter((a) => a.agent === 'amy');
    // A person's record (late 10 min, entered above) wins over what the chat log says.
    expect(att.map((a) => [a.date, a.lateMinutes, a.idleMinutes])).toEqual([['2026-11-02', 10, []]]);
    // Bob on the 6th: a buyer waits from 09:00 until his first reply at 11:30 → away 150 min (空挂).
    await chats([
      ['S8', '2026-11-06T09:00:00', 'b', 'b7', 'bob', '在吗？'],
      ['S8', '2026-11-06T11:30:00', 'a', 'b7', 'bob', '亲，久等了'],
    ]);
    await service.setRosterCell(ctx, store, { date: '2026-11-06', agent: 'bob', shiftCode: 'day' }, null);
    expect(await service.deriveAttendanceFromChats(ctx, store, '2026-11-06', '2026-11-06')).toMatchObject({
      recorded: 1,
    });
    const bob = (await service.listAttendance(ctx, store, '2026-11')).find((a) => a.agent === 'bob')!;
    expect(bob).toMatchObject({ date: '2026-11-06', offline: false, idleMinutes: [150] });
    const [bobFines] = await service.monthFines(ctx, store, '2026-11', ['bob']);
    expect(bobFines!.fines.find((f) => f.code === 'idle_online')).toMatchObject({
      fen: 20_000,
      evidence: [{ date: '2026-11-06' }],
    });
    const check = await service.csCheck(ctx, store, { date: '2026-11-03' });
    expect(check!.team.today.sessions).toBe(1);
    expect(check!.team.yesterday.sessions).toBe(4);
    expect(check!.byHour[10]).toMatchObject({ today: 1, yesterday: 1 });
    expect(check!.agents[0]).toMatchObject({ agent: 'amy', firstReply: '10:05', lastReply: '10:05' });
    expect(check!.forecast.hours).toHaveLength(24);
  });

  it('campaign factor: tomorrow in a marketing campaign with no past campaign data → the store default', async () => {
    const before = await service.csCheck(ctx, store, { date: '2026-11-03' });
    expect(before!.forecast.campaign).toMatchObject({ source: 'none', factor: 1 });
    await marketing.createCampaign(
      ctx,
      store,
      {
        name: '店庆',
        kind: 'store',
        phases: [{ code: 'main', name: '正式', from: '2026-11-04', to: '2026-11-04' }],
      },
      null,
    );
    const c = await service.csCheck(ctx, store, { date: '2026-11-03' });
    expect(c!.forecast.campaign).toMatchObject({ source: 'setting', factor: 2, campaigns: ['店庆'] });
    expect(c!.forecast.campaignFactor).toBe(2);
  });

  it('bad review caused by CS: ¥100 for the CS the order is attributed to, with the order as evidence', async () => {
    const actor = (await team.loadActor(ctx, managerId, 'cli'))!;
    const bobPerson = (
      await team.createPerson(ctx, actor, {
        login: 'bob',
        displayName: '阿波',
        password: 'secret-123',
        memberships: [{ storeCode: 'alpha', roles: ['cs_presale'] }],
      })
    ).id;
    await service.saveAgent(ctx, store, { account: 'bob', personId: bobPerson, shiftCode: 'day' });
    const now = ctx.clock.now();
    await ctx.database.db.insert(reviews).values({
      storeId: store,
      platformId: 'R1',
      importId: 'test',
      firstSeenAt: now,
      updatedAt: now,
      reviewId: 'R1',
      orderId: 'O1',
      productId: 'P1',
      sentiment: 'negative',
      content: '客服态度差',
      reviewedAt: new Date('2026-11-05T09:00:00+08:00'),
    });
    await ctx.database.db.insert(reviewCases).values({
      storeId: store,
      reviewKey: 'R1',
      suggestedClass: 'service',
      hits: ['态度'],
      contacts: [],
      createdAt: now,
      updatedAt: now,
    });
    const fines = await service.monthFines(ctx, store, '2026-11', ['bob', 'amy']);
    const bob = fines.find((f) => f.agent === 'bob')!;
    expect(bob.fines.find((f) => f.code === 'bad_review')).toMatchObject({
      fen: 10_000,
      count: 1,
      evidence: [{ kind: 'order', id: 'O1', date: '2026-11-05' }],
    });
    expect(fines.find((f) => f.agent === 'amy')!.fines.some((f) => f.code === 'bad_review')).toBe(false);
    // Changed to good (or judged not CS-caused): no fine.
    await ctx.database.db.update(reviewCases).set({ outcome: 'changed' });
    const after = await service.monthFines(ctx, store, '2026-11', ['bob']);
    expect(after[0]!.fines.some((f) => f.code === 'bad_review')).toBe(false);
    await ctx.database.db.update(reviewCases).set({ outcome: null, reasonClass: 'logistics' });
    const notCs = await service.monthFines(ctx, store, '2026-11', ['bob']);
    expect(notCs[0]!.fines.some((f) => f.code === 'bad_review')).toBe(false);
  });

  it('sales attributed: per agent, day and shift exactly what the orders attribution credits', async () => {
    const actor = (await team.loadActor(ctx, managerId, 'cli'))!;
    const bao = (
      await team.createPerson(ctx, actor, {
        login: 'bao',
        displayName: '小宝',
        password: 'secret-123',
        memberships: [{ storeCode: 'alpha', roles: ['cs_presale'] }],
      })
    ).id;
    await service.saveAgent(ctx, store, { account: 'bao', personId: bao, shiftCode: 'day' });
    await chats([
      // c1 asks Amy, orders at 10:30; Bao answers c1 at 13:00 before c1 pays at 14:00. The old
      // rule (the agent the buyer wrote to last before paying) gave it to Bao; the attribution
      // gives it to Amy, who was talking when the order was placed.
      ['T1', '2026-10-20T10:00:00', 'b', 'c1', 'amy', '这款有现货吗？'],
      ['T1', '2026-10-20T10:00:20', 'a', 'c1', 'amy', '亲，有现货的'],
      ['T2', '2026-10-20T13:00:00', 'b', 'c1', 'bao', '什么时候发货？'],
      ['T2', '2026-10-20T13:00:30', 'a', 'c1', 'bao', '亲，今天发'],
      // c2 talks to both before ordering; Bao flags (插旗) it: Bao's.
      ['T3', '2026-10-20T11:00:00', 'b', 'c2', 'bao', '能开发票吗？'],
      ['T3', '2026-10-20T11:00:20', 'a', 'c2', 'bao', '可以的亲'],
      ['T4', '2026-10-20T11:30:00', 'b', 'c2', 'amy', '包邮吗？'],
      ['T4', '2026-10-20T11:30:20', 'a', 'c2', 'amy', '包邮的亲'],
      // c3 asks Bao at night and pays after midnight: the 21st's sales, the 20th's night shift.
      ['T5', '2026-10-20T23:50:00', 'b', 'c3', 'bao', '还在吗'],
      ['T5', '2026-10-20T23:50:30', 'a', 'c3', 'bao', '在的亲'],
    ]);
    const now = ctx.clock.now();
    const order = (id: string, buyer: string, fen: number, created: string, paid: string) => ({
      storeId: store,
      platformId: id,
      importId: 'test',
      firstSeenAt: now,
      updatedAt: now,
      orderId: id,
      buyerAccount: buyer,
      paidAmountFen: fen,
      status: 'paid',
      createdAt: new Date(`${created}+08:00`),
      paidAt: new Date(`${paid}+08:00`),
    });
    await ctx.database.db.insert(orders).values([
      order('P1', 'c1', 10_000, '2026-10-20T10:30:00', '2026-10-20T14:00:00'),
      {
        ...order('P2', 'c2', 20_000, '2026-10-20T12:00:00', '2026-10-20T12:05:00'),
        flaggedBy: bao,
        flaggedAt: new Date('2026-10-20T12:01:00+08:00'),
      },
      order('P3', 'c3', 30_000, '2026-10-21T00:20:00', '2026-10-21T00:30:00'),
    ]);
    await service.recomputeKpis(ctx, store, '2026-10-20', '2026-10-21');
    const days = await service.listKpis(ctx, store, { from: '2026-10-20', to: '2026-10-21' });
    const day = (d: string, a: string) => days.find((r) => r.date === d && r.agent === a);
    expect(day('2026-10-20', 'amy')).toMatchObject({
      inquiries: 2,
      paidBuyers: 1,
      salesFen: 10_000,
      paidOrders: 1,
    });
    expect(day('2026-10-20', 'bao')).toMatchObject({
      inquiries: 3,
      paidBuyers: 2, // c2, and c3 (asked on the 20th, paid after midnight)
      salesFen: 20_000,
      paidOrders: 1,
    });
    expect(day('2026-10-21', 'bao')).toMatchObject({
      sessions: 0,
      salesFen: 30_000,
      salesBuyers: 1,
      aovFen: 30_000,
    });
    const night = await service.listKpis(ctx, store, {
      from: '2026-10-20',
      to: '2026-10-20',
      shiftCode: 'night',
    });
    expect(night.map((r) => [r.agent, r.inquiries, r.paidBuyers, r.salesFen])).toEqual([
      ['bao', 1, 1, 30_000],
    ]);

    // The same numbers as the orders attribution page, day by day and agent by agent.
    const { attributeOrders } = await import('../orders/orders.service');
    const credited = await attributeOrders(ctx, store, '2026-10-20', '2026-10-21');
    expect(credited.map((a) => [a.orderId, a.agent, a.reason.code])).toEqual([
      ['P2', 'bao', 'several_cs_flagged'],
      ['P1', 'amy', 'several_cs_no_flag'],
      ['P3', 'bao', 'chatted_and_closed'],
    ]);
    const fromAttribution = new Map<string, number>();
    for (const a of credited) {
      const k = `${businessDateOf(a.paidAt!)} ${a.agent}`;
      fromAttribution.set(k, (fromAttribution.get(k) ?? 0) + a.creditedFen);
    }
    const fromKpis = new Map(
      days.filter((r) => r.salesFen > 0).map((r) => [`${r.date} ${r.agent}`, r.salesFen]),
    );
    expect(fromKpis).toEqual(fromAttribution);
  });

  it('sales attributed through the session pass: a hand-over session and a chat before `from` credit as the attribution page', async () => {
    await chats([
      // h1: Amy then Bao in one session (a hand-over, read exactly by session), ordered after Bao.
      ['H1', '2026-11-10T10:00:00', 'b', 'h1', 'amy', '在吗'],
      ['H1', '2026-11-10T10:00:20', 'a', 'h1', 'amy', '在的亲'],
      ['H1', '2026-11-10T10:20:00', 'a', 'h1', 'bao', '亲，我来接待您'],
      // h2: chatted with Amy the evening before `from` (the look-back read), ordered on the 10th.
      ['H2', '2026-11-09T21:00:00', 'b', 'h2', 'amy', '明天下单'],
      ['H2', '2026-11-09T21:00:30', 'a', 'h2', 'amy', '好的亲'],
    ]);
    const now = ctx.clock.now();
    const order = (id: string, buyer: string, fen: number, created: string, paid: string) => ({
      storeId: store,
      platformId: id,
      importId: 'test',
      firstSeenAt: now,
      updatedAt: now,
      orderId: id,
      buyerAccount: buyer,
      paidAmountFen: fen,
      status: 'paid',
      createdAt: new Date(`${created}+08:00`),
      paidAt: new Date(`${paid}+08:00`),
    });
    await ctx.database.db
      .insert(orders)
      .values([
        order('H1O', 'h1', 12_000, '2026-11-10T10:30:00', '2026-11-10T10:40:00'),
        order('H2O', 'h2', 8_000, '2026-11-10T09:00:00', '2026-11-10T09:05:00'),
      ]);
    await service.recomputeKpis(ctx, store, '2026-11-10', '2026-11-10');
    const days = await service.listKpis(ctx, store, { from: '2026-11-10', to: '2026-11-10' });
    const { attributeOrders } = await import('../orders/orders.service');
    const credited = (await attributeOrders(ctx, store, '2026-11-10', '2026-11-10')).filter((a) =>
      ['H1O', 'H2O'].includes(a.orderId),
    );
    expect(credited.map((a) => [a.orderId, a.agent])).toEqual([
      ['H2O', 'amy'],
      ['H1O', 'bao'],
    ]);
    expect(days.filter((r) => r.salesFen > 0).map((r) => [r.agent, r.salesFen])).toEqual(
      expect.arrayContaining([
        ['amy', 8_000],
        ['bao', 12_000],
      ]),
    );
    expect(days.filter((r) => r.salesFen > 0)).toHaveLength(2);
  });

  it('touches of many buyers (one pass over the window) equal those read buyer by buyer', async () => {
    const from = new Date('2026-10-01T00:00:00+08:00');
    const to = new Date('2026-11-30T00:00:00+08:00');
    const real = ['b1', 'b2', 'c1', 'c2', 'c3'];
    const key = (t: { buyer: string; agent: string; sessionId: string }) =>
      `${t.buyer} ${t.agent} ${t.sessionId}`;
    const few = await service.agentTouchesOfBuyers(ctx, store, real, from, to);
    const many = await service.agentTouchesOfBuyers(
      ctx,
      store,
      [...real, ...Array.from({ length: 2500 }, (_, i) => `nobody${i}`)],
      from,
      to,
    );
    expect(few.length).toBeGreaterThan(4);
    const sort = (l: typeof few) => [...l].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(many)).toEqual(sort(few));
  });

  it('a day recomputed alone does not count again the tail of a chat begun the evening before', async () => {
    await chats([
      ['N1', '2026-11-12T23:58:00', 'b', 'm1', 'nina', '还在吗'],
      ['N1', '2026-11-12T23:59:00', 'a', 'm1', 'nina', '在的亲'],
      ['N1', '2026-11-13T00:02:00', 'b', 'm1', 'nina', '这个有货吗'],
      ['N1', '2026-11-13T00:03:00', 'a', 'm1', 'nina', '有的'],
    ]);
    await service.recomputeKpis(ctx, store, '2026-11-12', '2026-11-13');
    const both = await service.listKpis(ctx, store, { from: '2026-11-12', to: '2026-11-13' });
    expect(both.filter((d) => d.agent === 'nina').map((d) => [d.date, d.sessions, d.buyerMessages])).toEqual([
      ['2026-11-12', 1, 2],
    ]);
    // The daily job recomputes one day at a time: the 13th alone, then the 12th, give the same.
    await service.recomputeKpis(ctx, store, '2026-11-13', '2026-11-13');
    await service.recomputeKpis(ctx, store, '2026-11-12', '2026-11-12');
    expect(await service.listKpis(ctx, store, { from: '2026-11-12', to: '2026-11-13' })).toEqual(both);
  });

  it("touches with a cover (the recompute's session pass) equal those read from the log, wherever the window lies", async () => {
    const { and, eq, gte, lt } = await import('drizzle-orm');
    const buyers = ['b1', 'b2', 'c1', 'c2', 'c3'];
    const cf = new Date('2026-10-20T00:00:00+08:00');
    const cu = new Date('2026-10-21T12:00:00+08:00');
    const typed = await ctx.database.db
      .select()
      .from(chatMessages)
      .where(
        and(
          eq(chatMessages.storeId, store),
          eq(chatMessages.senderRole, 'agent'),
          eq(chatMessages.isAutoReply, false),
          gte(chatMessages.sentAt, cf),
          lt(chatMessages.sentAt, cu),
        ),
      );
    const byKey = new Map<string, service.CoverTouch>();
    for (const m of typed.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())) {
      const k = `${m.buyer} ${m.sender} ${m.sessionId}`;
      const e = byKey.get(k) ?? { buyer: m.buyer, agent: m.sender, sessionId: m.sessionId, times: [] };
      e.times.push(m.sentAt.getTime());
      byKey.set(k, e);
    }
    const coverTouches = [...byKey.values()];
    const cover: service.TouchCover = { from: cf, until: cu, touches: coverTouches };
    expect(coverTouches.length).toBeGreaterThan(1);
    const key = (t: { buyer: string; agent: string; sessionId: string }) =>
      `${t.buyer} ${t.agent} ${t.sessionId}`;
    const sort = (l: service.BuyerAgentTouch[]) => [...l].sort((a, b) => key(a).localeCompare(key(b)));
    const at = (s: string) => new Date(`${s}+08:00`);
    const windows: [Date, Date][] = [
      [at('2026-10-01T00:00:00'), at('2026-11-30T00:00:00')], // around the cover
      [at('2026-10-19T00:00:00'), at('2026-10-20T20:00:00')], // into it
      [at('2026-10-20T09:00:00'), at('2026-10-20T21:00:00')], // inside it
      [at('2026-10-21T00:00:00'), at('2026-10-25T00:00:00')], // out of it
      [at('2026-10-01T00:00:00'), at('2026-10-19T00:00:00')], // before it
      [at('2026-10-22T00:00:00'), at('2026-11-30T00:00:00')], // after it
    ];
    let seen = 0;
    for (const [from, to] of windows) {
      const read = await service.agentTouchesOfBuyers(ctx, store, buyers, from, to);
      const covered = await service.agentTouchesOfBuyers(ctx, store, buyers, from, to, cover);
      expect(sort(covered)).toEqual(sort(read));
      // The same when the touches are still coming (the recompute's pass runs beside the reads).
      const coming = new Promise<service.CoverTouch[]>((r) => setTimeout(() => r(coverTouches), 5));
      const later = await service.agentTouchesOfBuyers(ctx, store, buyers, from, to, {
        ...cover,
        touches: coming,
      });
      expect(sort(later)).toEqual(sort(read));
      seen += read.length;
    }
    expect(seen).toBeGreaterThan(4);
  });
});
