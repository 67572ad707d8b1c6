import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock, zonedInstant } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import type { DailyJob } from '../../server/daily-jobs';
import { runDailyJob, tick } from '../../server/scheduler';
import { setAutoDelivery } from '../notify/notify.service';
import * as team from '../team/team.service';
import { jobRuns } from './work.schema';
import * as work from './work.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let storeA = '';
let storeNy = '';
const ids: Record<string, string> = {};
const tmp = mkdtempSync(join(tmpdir(), 'storeops-desk-'));
const SH = 'Asia/Shanghai';

beforeAll(async () => {
  setAutoDelivery(false);
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  ids.owner = owner.id;
  await team.createStore(ctx, (await team.loadActor(ctx, owner.id, 'cli'))!, {
    code: 'ny',
    name: '纽约店',
    platform: 'taobao',
    timeZone: 'America/New_York',
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  storeA = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  storeNy = (await team.findStoreByCode(ctx, 'ny'))!.id;
  for (const [login, roles] of [
    ['manager', ['manager']],
    ['assistant', ['ops_assistant']],
    ['wh', ['warehouse']],
    ['kefu', ['cs_presale']],
    ['kefu2', ['cs_aftersale']],
    ['mkt', ['marketing']],
    ['fin', ['finance']],
  ] as const) {
    ids[login] = (
      await team.createPerson(ctx, actor, {
        login,
        displayName: login,
        password: 'secret-123',
        memberships: [
          { storeCode: 'alpha', roles: [...roles] },
          ...(login === 'kefu' ? [{ storeCode: 'ny', roles: ['cs_presale'] }] : []),
        ],
      })
    ).id;
  }
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`routines and checklists on ${testEngine()}`, () => {
  it("generates each person's checklist from their role once, however often it runs", async () => {
    const first = await work.generateChecklists(ctx, storeA, '2026-11-25');
    expect(first).toBeGreaterThan(20);
    expect(await work.generateChecklists(ctx, storeA, '2026-11-25')).toBe(0);
    const mgr = await work.checklist(ctx, storeA, '2026-11-25', [ids.manager!]);
    // 2026-11-25 is 324 days after the anchor Monday 2026-01-05: the every-3-days product block is due
    expect(mgr.map((c) => c.title)).toContain('数据诊断：本店昨日数据、竞品、行业大盘');
    expect(mgr).toHaveLength(10);
    const wh = await work.checklist(ctx, storeA, '2026-11-27', [ids.wh!]);
    expect(wh).toHaveLength(0); // not generated yet
    await work.generateChecklists(ctx, storeA, '2026-11-27'); // a Friday: stock-take
    expect((await work.checklist(ctx, storeA, '2026-11-27', [ids.wh!])).map((c) => c.title)).toContain(
      '盘点',
    );
    const fin = await work.checklist(ctx, storeA, '2026-11-25', [ids.fin!]);
    expect(fin.map((c) => c.title)).not.toContain('供应商结算：上月销售报表发给供应商并结算');
    await work.generateChecklists(ctx, storeA, '2026-12-11');
    expect((await work.checklist(ctx, storeA, '2026-12-11', [ids.fin!])).map((c) => c.title)).toContain(
      '供应商结算：上月销售报表发给供应商并结算',
    );
  });

  it('gives nobody a checklist on their day off', async () => {
    await work.setDayOff(ctx, storeA, ids.kefu!, '2026-11-26', true, '轮休');
    await work.generateChecklists(ctx, storeA, '2026-11-26');
    expect(await work.checklist(ctx, storeA, '2026-11-26', [ids.kefu!])).toHaveLength(0);
    expect(await work.checklist(ctx, storeA, '2026-11-26', [ids.manager!])).toHaveLength(9); // no product block
    expect((await work.checklist(ctx, storeA, '2026-11-26', [ids.kefu2!])).length).toBeGreaterThan(0);
  });

  it('rejects an impossible time naming the field', async () => {
    await expect(
      work.saveRoutineItem(ctx, storeA, null, {
        role: 'manager',
        title: '晚间复盘',
        start: '21:00',
        end: '25:00',
        frequency: { kind: 'daily' },
      }),
    ).rejects.toMatchObject({ code: 'work.bad_time', details: { field: 'end' } });
    const ok = await work.saveRoutineItem(ctx, storeA, null, {
      role: 'manager',
      title: '晚间复盘',
      start: '21:00',
      end: '21:30',
      frequency: { kind: 'weekly', weekday: 3 },
    });
    expect(ok.id).toBeTruthy();
  });
});

describe(`the scheduler on ${testEngine()}`, () => {
  const calls: string[] = [];
  const job: DailyJob = {
    name: 'test.count',
    at: '06:00',
    run: async (_c, storeId, date) => {
      calls.push(`${storeId === storeA ? 'A' : 'NY'}:${date}`);
    },
  };

  it('runs a job once per store and business date in the store zone, never twice', async () => {
    // 2026-11-25 23:00 UTC = 11-26 07:00 Shanghai (past 06:00) = 11-25 18:00 New York (past 06:00)
    ctx.clock.set('2026-11-25T23:00:00Z');
    await tick(ctx, [job]);
    await tick(ctx, [job]);
    expect(calls.sort()).toEqual(['A:2026-11-26', 'NY:2026-11-25']);
  });

  it('catches up the days missed while stopped, bounded, and not before the job first ran', async () => {
    calls.length = 0;
    // the server was down for three days: 11-27, 11-28 are owed, 11-29 runs after 06:00
    ctx.clock.set(zonedInstant('2026-11-29', '06:30', SH));
    await tick(ctx, [job]);
    expect(calls.filter((c) => c.startsWith('A:'))).toEqual(['A:2026-11-27', 'A:2026-11-28', 'A:2026-11-29']);
    calls.length = 0;
    ctx.clock.set(zonedInstant('2027-01-10', '07:00', SH)); // six weeks later: at most 7 days back
    await tick(ctx, [job]);
    expect(calls.filter((c) => c.startsWith('A:'))).toHaveLength(8);
  });

  it('records failures and retries them, with an advisory lock per (job, store, date)', async () => {
    let n = 0;
    const flaky: DailyJob = {
      name: 'test.flaky',
      at: '00:00',
      run: async () => {
        n++;
        if (n === 1) throw new Error('boom');
      },
    };
    expect(await runDailyJob(ctx, flaky, storeA, '2027-01-10')).toBe('failed');
    const [row] = await ctx.database.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.storeId, storeA), eq(jobRuns.job, 'test.flaky')));
    expect(row).toMatchObject({ status: 'failed', error: 'boom', attempts: 1 });
    const both = await Promise.all([
      runDailyJob(ctx, flaky, storeA, '2027-01-10'),
      runDailyJob(ctx, flaky, storeA, '2027-01-10'),
    ]);
    expect(both.sort()).toEqual(['ran', 'skipped']);
    expect(await runDailyJob(ctx, flaky, storeA, '2027-01-10')).toBe('skipped');
    expect(n).toBe(2);
  });

  it('generates the checklists from DAILY_JOBS on the tick', async () => {
    ctx.clock.set(zonedInstant('2027-01-11', '08:00', SH));
    const r = await tick(ctx);
    expect(r.failed).toBe(0);
    expect((await work.checklist(ctx, storeA, '2027-01-11', [ids.manager!])).length).toBeGreaterThan(5);
    // New York's 2027-01-10 (19:00 there) got its own
    expect((await work.checklist(ctx, storeNy, '2027-01-10', [ids.kefu!])).length).toBeGreaterThan(0);
  });
});

describe(`escalations on ${testEngine()}`, () => {
  it('rejects at save a chain that loops or names a role nobody holds', async () => {
    await expect(
      work.saveChain(ctx, storeA, null, {
        key: 'loop',
        group: 'cs',
        name: '循环',
        condition: '',
        steps: [
          { target: 'marketing', hours: 1 },
          { target: 'finance', hours: 1 },
          { target: 'marketing', hours: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'work.chain_loop', details: { field: 'steps.2.target' } });
    await expect(
      work.saveChain(ctx, storeA, null, {
        key: 'nobody',
        group: 'design',
        name: '没人',
        condition: '',
        steps: [{ target: 'design', hours: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'work.chain_role_unheld', params: { target: 'design' } });
  });

  it('moves a difficulty up after the step time in working hours, recording every step', async () => {
    await work.saveChain(
      ctx,
      storeA,
      (await work.listChains(ctx, storeA)).find((c) => c.key === 'stock_count_unclear')!.id,
      {
        key: 'stock_count_unclear',
        group: 'warehouse',
        name: '盘点不清',
        condition: '货量太大',
        steps: [
          { target: 'cs', hours: 1 },
          { target: 'marketing', hours: 1 },
        ],
      },
    );
    ctx.clock.set(zonedInstant('2027-01-11', '17:20', SH));
    const { task } = await work.createTask(ctx, storeA, {
      title: '盘点 A 区',
      ownerPersonId: ids.wh,
      source: 'manual',
    });
    const e = await work.raiseDifficulty(ctx, storeA, ids.wh!, {
      chain: 'stock_count_unclear',
      taskId: task.id,
      description: '37 件对不上',
    });
    expect(e.ownerPersonId).toBe(ids.kefu); // the first CS person (no CS group leader)
    expect(e.stepDueAt).toEqual(zonedInstant('2027-01-12', '09:20', SH));
    expect((await work.getTask(ctx, storeA, task.id)).status).toBe('waiting');

    ctx.clock.set(zonedInstant('2027-01-12', '09:19', SH));
    expect(await work.checkEscalations(ctx, storeA)).toBe(0);
    // nobody looked until 11:00: two steps ran out (09:20 → marketing, 10:20 → manager)
    ctx.clock.set(zonedInstant('2027-01-12', '11:00', SH));
    expect(await work.checkEscalations(ctx, storeA)).toBe(2);
    const [now] = await work.listEscalations(ctx, storeA, { taskId: task.id });
    expect(now).toMatchObject({ ownerPersonId: ids.manager, stepIndex: 2 });
    expect(now!.stepDueAt).toEqual(zonedInstant('2027-01-12', '11:20', SH));
    expect(await work.checkEscalations(ctx, storeA)).toBe(0);
    const story = await work.escalationStory(ctx, storeA, e.id);
    expect(story.map((s) => [s.kind, s.stepIndex])).toEqual([
      ['raised', 0],
      ['moved', 1],
      ['moved', 2],
    ]);
    expect(story[1]!.at).toEqual(zonedInstant('2027-01-12', '09:20', SH));

    const today = await work.todayFor(ctx, storeA, ids.manager!, ['manager']);
    expect(today.escalations.waiting.map((x) => x.id)).toContain(e.id);
    expect(today.team!.escalated.map((x) => x.id)).toContain(e.id);
    await expect(work.acceptEscalation(ctx, storeA, e.id, ids.kefu!)).rejects.toMatchObject({
      code: 'work.not_step_owner',
    });
    await work.acceptEscalation(ctx, storeA, e.id, ids.manager!, '我来协调');
    await work.solveEscalation(ctx, storeA, e.id, ids.manager!, '调两名客服帮忙盘点');
    expect((await work.getTask(ctx, storeA, task.id)).status).toBe('open');
    expect((await work.escalationStory(ctx, storeA, e.id)).map((s) => s.kind)).toEqual([
      'raised',
      'moved',
      'moved',
      'accepted',
      'solved',
    ]);
  });

  it('tells the owner once when a task becomes overdue', async () => {
    const { task } = await work.createTask(ctx, storeA, {
      title: '补发围巾',
      ownerPersonId: ids.kefu2,
      dueAt: new Date(ctx.clock.now().getTime() + 60_000),
      source: 'manual',
    });
    expect(await work.notifyOverdueTasks(ctx, storeA)).toBe(0);
    ctx.clock.advance(120_000);
    expect(await work.notifyOverdueTasks(ctx, storeA)).toBeGreaterThanOrEqual(1);
    expect(await work.notifyOverdueTasks(ctx, storeA)).toBe(0);
    expect((await work.taskStory(ctx, storeA, task.id)).map((e) => e.kind)).toContain('overdue');
  });

  it('starts past the raiser: the marketing person asking for spending money goes to finance', async () => {
    const e = await work.raiseDifficulty(ctx, storeA, ids.mkt!, {
      chain: 'cs_overloaded',
      title: '双11咨询量太大',
    });
    // cs_overloaded: marketing → manager; the raiser is the marketing step, so it starts at the manager
    expect(e.ownerPersonId).toBe(ids.manager);
    const f = await work.raiseDifficulty(ctx, storeA, ids.mkt!, {
      chain: 'promotion_spending',
      title: '直通车预算',
    });
    expect(f.ownerPersonId).toBe(ids.fin);
  });
});

describe(`handovers on ${testEngine()}`, () => {
  it('carries open items into the receiver’s day until closed', async () => {
    ctx.clock.set(zonedInstant('2027-01-11', '17:25', SH));
    const h = await work.createHandover(ctx, storeA, ids.kefu2!, {
      kind: 'shift_day_night',
      toPersonId: ids.kefu,
      note: '白班交接',
      items: [
        { body: '买家 tb_yy 等尺码换货', state: 'follow_up' },
        { body: '2 单付款后改地址', state: 'open' },
        { body: '已回复所有差评', state: 'done' },
      ],
    });
    expect(h.items).toHaveLength(3);
    const open = await work.openItemsFor(ctx, storeA, ids.kefu!, ['cs_presale']);
    expect(open.map((i) => i.body)).toEqual(['买家 tb_yy 等尺码换货', '2 单付款后改地址']);
    // two days later, still there
    ctx.clock.set(zonedInstant('2027-01-13', '09:00', SH));
    const today = await work.todayFor(ctx, storeA, ids.kefu!, ['cs_presale']);
    expect(today.handover).toHaveLength(2);
    await work.closeHandoverItem(ctx, storeA, open[0]!.id, ids.kefu!, '已换货');
    expect(await work.openItemsFor(ctx, storeA, ids.kefu!, ['cs_presale'])).toHaveLength(1);
    await expect(work.closeHandoverItem(ctx, storeA, open[0]!.id, ids.kefu!)).rejects.toMatchObject({
      code: 'work.handover_item_not_found',
    });
    // a handover to a role: the assistant → manager handover reaches whoever is manager
    await work.createHandover(ctx, storeA, ids.assistant!, {
      kind: 'assistant_manager',
      items: [{ body: '微淘未发：图片未到', state: 'not_done' }],
    });
    expect((await work.openItemsFor(ctx, storeA, ids.manager!, ['manager'])).map((i) => i.body)).toContain(
      '微淘未发：图片未到',
    );
    await expect(
      work.createHandover(ctx, storeA, ids.kefu!, {
        kind: 'general',
        toPersonId: 'nobody',
        items: [{ body: 'x' }],
      }),
    ).rejects.toMatchObject({ code: 'work.owner_not_in_store' });
  });
});

describe(`design requests on ${testEngine()}`, () => {
  it('queues a request with a task for the designer, once per thing', async () => {
    const input = {
      title: '双11主图',
      kind: 'main_picture' as const,
      subjectKind: 'campaign',
      subjectId: 'C1',
      source: 'marketing',
      dedupeKey: 'campaign-main:C1',
    };
    const a = await work.createDesignRequest(ctx, storeA, input, ids.mkt);
    const b = await work.createDesignRequest(ctx, storeA, input, ids.mkt);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.request.id).toBe(a.request.id);
    const task = await work.getTask(ctx, storeA, a.request.taskId!);
    expect(task).toMatchObject({ ownerRole: 'designer', source: 'design' });
    await work.updateDesignRequest(ctx, storeA, a.request.id, { status: 'in_progress' }, null);
    const done = await work.updateDesignRequest(
      ctx,
      storeA,
      a.request.id,
      { status: 'delivered', addFiles: [{ name: 'main-800x800.jpg', size: 123456, mime: 'image/jpeg' }] },
      null,
    );
    expect(done.files[0]).toMatchObject({ name: 'main-800x800.jpg' });
    expect((await work.getTask(ctx, storeA, task.id)).status).toBe('done');
    await expect(
      work.updateDesignRequest(ctx, storeA, a.request.id, { status: 'requested' }, null),
    ).rejects.toMatchObject({ code: 'work.bad_status_move' });
  });
});
