import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/test-app';
import { findStoreByCode } from '../team/team.service';
import { chatMessages } from './service.schema';

/**
 * The quality queue over HTTP, per role (DOMAIN.md §1: the operations assistant does the chat-record
 * checks; the CS group leader decides appeals): who may run, see all, review and decide.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let cookie = '';
let csrf = '';

const call = async (login: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({
    method,
    url: `/api/v1/stores/alpha${url}`,
    headers: { authorization: `Bearer ${tokens[login]}`, 'accept-language': 'zh-CN' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') };
};

beforeAll(async () => {
  t = await createTestApp();
  const setup = await t.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      organizationName: '测试公司',
      store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
    },
  });
  cookie = setup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  csrf = setup.cookies.find((c) => c.name === 'storeops_csrf')!.value;
  for (const [login, role] of [
    ['assist', 'ops_assistant'],
    ['amy', 'cs_presale'],
    ['lead', 'cs_presale'],
    ['bob', 'cs_presale'],
  ]) {
    const p = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {
        login,
        displayName: login,
        password: 'password-1',
        memberships: [{ storeCode: 'alpha', roles: [role] }],
      },
    });
    ids[login] = JSON.parse(p.body).id;
    const l = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password: 'password-1' },
    });
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: {
        cookie: l.cookies.map((x) => `${x.name}=${x.value}`).join('; '),
        'x-csrf-token': l.cookies.find((k) => k.name === 'storeops_csrf')!.value,
      },
      payload: { name: 't' },
    });
    tokens[login] = JSON.parse(tok.body).token;
  }
  // 'lead' leads the CS group.
  const g = await t.app.inject({
    method: 'POST',
    url: '/api/v1/stores/alpha/groups',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { name: '客服组', kind: 'cs', leaderId: ids.lead, memberIds: [ids.lead, ids.amy, ids.bob] },
  });
  expect(g.statusCode).toBeLessThan(300);
  // amy's sub-account; one curt refusal of hers.
  const store = (await findStoreByCode(t.ctx, 'alpha'))!.id;
  const now = t.clock.now();
  await t.ctx.database.db.insert(chatMessages).values(
    (
      [
        ['buyer', '2026-11-20T10:00:00+08:00', '可以便宜点吗？'],
        ['agent', '2026-11-20T10:00:30+08:00', '我们的商品都不讲价的'],
      ] as const
    ).map(([role, at, content], i) => ({
      storeId: store,
      platformId: `M${i}`,
      importId: 'test',
      firstSeenAt: now,
      updatedAt: now,
      messageId: `M${i}`,
      sessionId: 'S1',
      sentAt: new Date(at),
      senderRole: role,
      sender: role === 'buyer' ? 'b1' : '测试旗舰店:amy',
      buyer: 'b1',
      agent: '测试旗舰店:amy',
      content,
      isAutoReply: false,
    })),
  );
});
afterAll(async () => t?.dispose());

describe('the quality queue per role', () => {
  it('tells each person what they may do', async () => {
    expect((await call('assist', 'GET', '/service/quality/rights')).body).toEqual({
      inspect: true,
      decideAppeals: false,
    });
    expect((await call('lead', 'GET', '/service/quality/rights')).body).toEqual({
      inspect: true,
      decideAppeals: true,
    });
    expect((await call('bob', 'GET', '/service/quality/rights')).body).toEqual({
      inspect: false,
      decideAppeals: false,
    });
  });

  it('lets the operations assistant run the sample and review; not an agent; the CS leader decides appeals', async () => {
    const denied = await call('bob', 'POST', '/service/quality/run', {
      from: '2026-11-01',
      to: '2026-11-30',
      percent: 100,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'service.not_inspector' });
    expect(denied.body.error.message).toContain('质检');
    const run = await call('assist', 'POST', '/service/quality/run', {
      from: '2026-11-01',
      to: '2026-11-30',
      percent: 100,
    });
    expect(run.status).toBe(200);
    const hits = (await call('assist', 'GET', '/service/quality/hits')).body.items as {
      id: string;
      check: string;
    }[];
    const curt = hits.find((h) => h.check === 'curt_reply')!;
    expect(curt).toBeDefined();
    // bob (another agent) sees none of amy's hits and cannot review them
    expect((await call('bob', 'GET', '/service/quality/hits')).body.items).toEqual([]);
    expect(
      (await call('bob', 'POST', `/service/quality/hits/${curt.id}/review`, { decision: 'rejected' })).status,
    ).toBe(403);
    const ok = await call('assist', 'POST', `/service/quality/hits/${curt.id}/review`, {
      decision: 'confirmed',
      note: '生硬拒绝',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'confirmed', inspectorId: ids.assist });
    // amy appeals (her account resolves to her by name through the team mapping)
    const appeal = await call('amy', 'POST', `/service/quality/hits/${curt.id}/appeal`, {
      text: '买家在开玩笑',
    });
    expect(appeal.status).toBe(200);
    // the operations assistant inspects but does not judge the appeal; the CS leader does
    expect(
      (await call('assist', 'POST', `/service/quality/hits/${curt.id}/decide`, { decision: 'overturned' }))
        .status,
    ).toBe(403);
    const decided = await call('lead', 'POST', `/service/quality/hits/${curt.id}/decide`, {
      decision: 'overturned',
      note: '语境可接受',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'overturned', decidedBy: ids.lead });
  });
});
