import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { businessDate, fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { importFile } from '../../imports/imports.service';
import { simulateStore } from '../../simulator';
import { attributeOrders } from '../orders/orders.service';
import * as team from '../team/team.service';
import { seedServiceDemo } from './service.demo';
import * as service from './service.service';
import { sqlKpis } from './service.sql-check';

let ctx: Ctx;
let dispose: () => Promise<void>;
let store = '';
const tmp = mkdtempSync(join(tmpdir(), 'storeops-svc-sim-'));
let range: { from: string; to: string };
let manifest: Awaited<ReturnType<typeof simulateStore>>['manifest'];

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T06:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  await team.setUp(ctx, {
    organizationName: '演示公司',
    store: { code: 'demo', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'owner', displayName: '王老板', password: 'secret-123' },
  });
  store = (await team.findStoreByCode(ctx, 'demo'))!.id;
  const sim = await simulateStore({ outDir: tmp, days: 21, seed: 20261124, scale: 'small' });
  manifest = sim.manifest;
  for (const f of sim.files) {
    if (!['chat-log', 'taobao-orders', 'cs-daily'].includes(f.kind)) continue;
    const r = await importFile(ctx, { storeId: store, personId: null, kind: 'auto', path: f.path });
    expect(r.status).toBe('done');
  }
  // One person per sub-account, found by the team's name match (as in the demo): sales are credited
  // by the orders attribution, which credits only the store's members.
  const owner = (await team.findStoreByCode(ctx, 'demo'))!;
  const actor = (await team.cliActor(ctx))!;
  const accounts = await service.chatAccounts(ctx, store);
  for (const [i, account] of accounts.entries())
    await team.createPerson(ctx, actor, {
      login: `cs${i}`,
      displayName: team.chatAccountShortName(account),
      password: 'secret-123',
      memberships: [{ storeCode: owner.code, roles: ['cs_presale'] }],
    });
  range = (await service.chatDateRange(ctx, store))!;
  await service.recomputeKpis(ctx, store, range.from, range.to);
}, 240_000);

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`the simulated store's KPIs on ${testEngine()}`, () => {
  it('equal an independent computation in plain SQL, day by day and agent by agent', async () => {
    // Rows with sessions (a day with only a payment credited to the agent has sales and no chats).
    const ours = (await service.listKpis(ctx, store, range)).filter((r) => r.sessions > 0);
    const theirs = await sqlKpis(ctx.database.db, store, 'Asia/Shanghai');
    expect(ours.length).toBeGreaterThan(50);
    expect(ours.map((r) => `${r.date} ${r.agent}`)).toEqual(theirs.map((r) => `${r.date} ${r.agent}`));
    const close = (a: number, b: number) => Math.abs(a - b) < 0.01;
    for (let i = 0; i < ours.length; i++) {
      const a = ours[i]!;
      const b = theirs[i]!;
      const got = [
        a.sessions,
        a.receptions,
        a.answeredSessions,
        a.slowSessions,
        a.buyerMessages,
        a.agentMessages,
        a.rounds,
        a.answeredRounds,
        a.fastRounds,
      ];
      const want = [
        b.sessions,
        b.receptions,
        b.answered,
        b.slow,
        b.buyer_messages,
        b.agent_messages,
        b.rounds,
        b.answered_rounds,
        b.fast_rounds,
      ];
      expect(got, `${a.date} ${a.agent}`).toEqual(want);
      expect(
        close(a.firstResponseSumSec, b.first_sum) && close(a.responseSumSec, b.response_sum),
        `${a.date} ${a.agent}`,
      ).toBe(true);
    }
  });

  it('sits beside the imported 赤兔 numbers: the same buyers, sales attributed to the chatting agent', async () => {
    const cmp = await service.compareWithImported(ctx, store, range.from, range.to);
    const both = cmp.filter(
      (c) => c.metrics.receptions.theirs !== null && c.metrics.receptions.ours !== null,
    );
    expect(both.length).toBeGreaterThan(40);
    const sum = (k: 'salesFen' | 'paidBuyers' | 'unansweredSessions', side: 'ours' | 'theirs') =>
      both.reduce((s, c) => s + (c.metrics[k][side] ?? 0), 0);
    expect(sum('unansweredSessions', 'ours')).toBe(sum('unansweredSessions', 'theirs'));
    // 赤兔 (here the simulator's own bookkeeping) knows which chat led to which order; we infer it
    // from buyer and time: paid buyers agree within a quarter. Our 客服销售额 is the orders
    // attribution's credit (DOMAIN.md §5, as pay reads it): chats up to 72 h before the order and
    // payment reminders after it count, so it runs above 赤兔's, within 35 %; the day-by-day gaps
    // are flagged for a person to look at.
    const rel = (k: 'salesFen' | 'paidBuyers') =>
      Math.abs(sum(k, 'ours') - sum(k, 'theirs')) / sum(k, 'theirs');
    expect(sum('salesFen', 'ours')).toBeGreaterThan(sum('salesFen', 'theirs'));
    expect(rel('salesFen')).toBeLessThan(0.35);
    expect(rel('paidBuyers')).toBeLessThan(0.25);
    expect(cmp.some((c) => c.flagged > 0)).toBe(true);
  });

  it('credits sales day by day and agent by agent exactly as the orders attribution does', async () => {
    const credited = await attributeOrders(ctx, store, range.from, range.to);
    const want = new Map<string, number>();
    for (const a of credited) {
      if (!a.agent || !a.paidAt) continue;
      const k = `${businessDate(new Date(a.paidAt), 'Asia/Shanghai')} ${a.agent}`;
      want.set(k, (want.get(k) ?? 0) + a.creditedFen);
    }
    expect(want.size).toBeGreaterThan(20);
    const got = new Map(
      (await service.listKpis(ctx, store, range))
        .filter((r) => r.salesFen > 0)
        .map((r) => [`${r.date} ${r.agent}`, r.salesFen]),
    );
    expect(got).toEqual(want);
  });

  it('seeds the demo: agents and shifts, roster, rule book, attendance of the planted late days, fines with evidence', async () => {
    await seedServiceDemo(ctx, store, manifest as never);
    const agents = await service.listAgents(ctx, store);
    expect(
      agents
        .filter((a) => a.shiftCode === 'night')
        .map((a) => a.account.split(':')[1])
        .sort(),
    ).toEqual(['大鹏', '小静']);
    const month = range.to.slice(0, 7);
    const roster = await service.getRoster(ctx, store, month);
    expect(Object.values(roster.daysOff).every((n) => n === 4)).toBe(true);
    expect((await service.listRuleBooks(ctx, store)).length).toBe(1);
    const fines = await service.monthFines(ctx, store, month);
    expect(fines.some((f) => f.fines.some((x) => x.code === 'slow_first_response'))).toBe(true);
    const late = manifest.plantedEvents.find((e) => e.type === 'late_arrival');
    if (late) {
      const who = (late.details as { agent: string }).agent;
      const f = (await service.monthFines(ctx, store, (late.from as string).slice(0, 7), [who]))[0]!;
      expect(f.fines.some((x) => x.code.startsWith('late_'))).toBe(true);
    }
    expect((await service.listHits(ctx, store)).length).toBeGreaterThan(0);
  });
});
