import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant } from '../../core/time';
import { createTestApp, type TestApp } from '../../server/test-app';
import { setAutoDelivery } from '../notify/notify.service';
import { ROLES } from '../team/team.rules';
import * as team from '../team/team.service';
import { seedWorkDemo } from './work.demo';

let t: TestApp;
const sessions: Record<string, { cookie: string; csrf: string }> = {};

async function login(login: string, password: string) {
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  expect(r.statusCode).toBe(200);
  sessions[login] = {
    cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    csrf: r.cookies.find((c) => c.name === 'storeops_csrf')!.value,
  };
}
const as = (who: string) => async (method: string, url: string, payload?: unknown) => {
  const s = sessions[who]!;
  const r = await t.app.inject({
    method: method as 'GET',
    url,
    payload: payload as never,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  return { status: r.statusCode, body: r.json() };
};

beforeAll(async () => {
  setAutoDelivery(false);
  t = await createTestApp();
  t.clock.set(zonedInstant('2026-11-25', '10:40', 'Asia/Shanghai'));
  const owner = await team.setUp(t.ctx, {
    organizationName: '演示公司',
    store: { code: 'demo', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'owner', displayName: '王老板', password: 'demo1234' },
  });
  const actor = (await team.loadActor(t.ctx, owner.id, 'cli'))!;
  await team.createStore(t.ctx, actor, { code: 'other', name: '别的店', platform: 'jd' });
  const fresh = (await team.loadActor(t.ctx, owner.id, 'cli'))!;
  for (const role of ROLES) {
    if (role === 'owner') continue;
    await team.createPerson(t.ctx, fresh, {
      login: role,
      displayName: role,
      password: 'demo1234',
      memberships: [{ storeCode: 'demo', roles: [role] }],
    });
  }
  await team.createPerson(t.ctx, fresh, {
    login: 'stranger',
    displayName: '别店客服',
    password: 'demo1234',
    memberships: [{ storeCode: 'other', roles: ['cs_presale'] }],
  });
  await seedWorkDemo(t.ctx, (await team.findStoreByCode(t.ctx, 'demo'))!.id);
  for (const login_ of [
    'manager',
    'ops_assistant',
    'designer',
    'warehouse',
    'cs_presale',
    'owner',
    'finance',
  ])
    await login(login_, 'demo1234');
}, 120_000);

afterAll(async () => {
  await t?.dispose();
});

describe('the desk over HTTP', () => {
  it('gives every demo login a believable day on Today', async () => {
    for (const who of ['ops_assistant', 'designer', 'warehouse', 'cs_presale', 'finance']) {
      const { status, body } = await as(who)('GET', '/api/v1/stores/demo/today');
      expect(status, who).toBe(200);
      expect(body.routine.blocks.length, who).toBeGreaterThan(0);
      expect(body.tasks.total, who).toBeGreaterThan(0);
      expect(body.team).toBeNull();
    }
    const m = (await as('manager')('GET', '/api/v1/stores/demo/today')).body;
    expect(m.routine.nowId).not.toBeNull(); // 10:40 = 店铺基础
    expect(
      m.routine.blocks.find((b: { routineItemId: string }) => b.routineItemId === m.routine.nowId).title,
    ).toContain('店铺基础');
    expect(m.handover.length).toBeGreaterThan(0); // the assistant's report
    expect(m.escalations.waiting.length).toBeGreaterThan(0); // the after-sales claim
    expect(m.team.people.some((p: { behind: boolean }) => p.behind)).toBe(true);
    const cs = (await as('cs_presale')('GET', '/api/v1/stores/demo/today')).body;
    expect(cs.handover.map((h: { body: string }) => h.body)).toContain(
      '2 单付款后改地址（2026112498765、2026112498770），需通知仓库',
    );
  });

  it('lets the manager assign a task and refuses an owner from another store, naming the field', async () => {
    const people = (await as('manager')('GET', '/api/v1/stores/demo/members')).body.items as {
      personId: string;
      roles: string[];
    }[];
    const assistant = people.find((p) => p.roles.includes('ops_assistant'))!.personId;
    const created = await as('manager')('POST', '/api/v1/stores/demo/tasks', {
      title: '整理双12 活动清单',
      ownerPersonId: assistant,
      dueAt: '2026-11-25T06:00:00Z',
      priority: 'high',
    });
    expect(created.status).toBe(200);
    const mine = await as('ops_assistant')('GET', '/api/v1/stores/demo/tasks?owner=me&open=true');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(created.body.id);
    const bell = await as('ops_assistant')('GET', '/api/v1/stores/demo/notifications/unread-count');
    expect(bell.body.unread).toBeGreaterThan(0);

    const stranger = (await team.findStoreByCode(t.ctx, 'other'))!;
    const strangerId = (await team.storePeople(t.ctx, stranger.id))[0]!.personId;
    const bad = await as('manager')('POST', '/api/v1/stores/demo/tasks', {
      title: 'x',
      ownerPersonId: strangerId,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'work.owner_not_in_store',
      details: { field: 'ownerPersonId' },
    });

    const patched = await as('ops_assistant')('PATCH', `/api/v1/stores/demo/tasks/${created.body.id}`, {
      status: 'doing',
    });
    expect(patched.body.status).toBe('doing');
    await as('ops_assistant')('POST', `/api/v1/stores/demo/tasks/${created.body.id}/comments`, {
      body: '在做',
    });
    const one = await as('manager')('GET', `/api/v1/stores/demo/tasks/${created.body.id}`);
    expect(one.body.story.map((e: { kind: string }) => e.kind)).toEqual(['created', 'status', 'comment']);
  });

  it('rejects an impossible routine time and a looping chain with the reason, and only the manager edits them', async () => {
    const r = await as('manager')('POST', '/api/v1/stores/demo/routines', {
      role: 'designer',
      title: '夜间修图',
      start: '23:00',
      end: '24:30',
      frequency: { kind: 'daily' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('work.bad_time');
    expect(r.body.error.details.field).toBe('end');
    expect(r.body.error.message).toContain('end');
    const denied = await as('designer')('POST', '/api/v1/stores/demo/routines', {
      role: 'designer',
      title: 'x',
      start: '09:00',
      end: '10:00',
      frequency: { kind: 'daily' },
    });
    expect(denied.status).toBe(403);
    const loop = await as('manager')('POST', '/api/v1/stores/demo/escalation-chains', {
      group: 'cs',
      name: '循环',
      steps: [
        { target: 'cs', hours: 1 },
        { target: 'marketing', hours: 1 },
        { target: 'cs', hours: 1 },
      ],
    });
    expect(loop.status).toBe(400);
    expect(loop.body.error.code).toBe('work.chain_loop');
    expect(loop.body.error.message).toContain('循环');
  });

  it('keeps a store out of reach of a person of another store', async () => {
    await login('stranger', 'demo1234');
    expect((await as('stranger')('GET', '/api/v1/stores/demo/today')).status).toBe(404);
    expect((await as('stranger')('GET', '/api/v1/stores/demo/tasks')).status).toBe(404);
  });
});
