import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};

async function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url: `/api/v1/stores/alpha/marketing${url}`,
    headers: { authorization: `Bearer ${tokens[who]}` },
    payload: payload as object | undefined,
  });
  const json = (res.headers['content-type'] ?? '').toString().includes('json');
  return { status: res.statusCode, body: json ? JSON.parse(res.body) : null, raw: res };
}

beforeAll(async () => {
  t = await createTestApp({});
  const setup = await t.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      organizationName: '测试公司',
      store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
    },
  });
  const cookie = setup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = setup.cookies.find((c) => c.name === 'storeops_csrf')!.value;
  for (const [login, role] of [
    ['mk', 'marketing'],
    ['kefu', 'cs_presale'],
    ['designer', 'designer'],
  ]) {
    await t.app.inject({
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
    const l = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password: 'password-1' },
    });
    const c = l.cookies.map((x) => `${x.name}=${x.value}`).join('; ');
    const x = l.cookies.find((k) => k.name === 'storeops_csrf')!.value;
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { cookie: c, 'x-csrf-token': x },
      payload: { name: 't' },
    });
    tokens[login] = JSON.parse(tok.body).token;
  }
}, 120_000);

afterAll(async () => {
  await t?.dispose();
});

describe('marketing routes', () => {
  let id = '';
  it('marketing creates a campaign from a platform event; the designer may read but not write', async () => {
    const c = await call('mk', 'POST', '/campaigns', {
      kind: 'platform',
      eventCode: 'double12',
      eventYear: 2026,
    });
    expect(c.status, c.raw.body).toBe(201);
    id = c.body.id;
    expect(c.body.checklist).toHaveLength(8);
    expect((await call('designer', 'GET', `/campaigns/${id}`)).status).toBe(200);
    expect((await call('designer', 'POST', '/campaigns', { kind: 'store', name: 'x' })).status).toBe(403);
    const periods = await call('designer', 'GET', '/campaign-periods?from=2026-12-01&to=2026-12-31');
    expect(periods.body.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('bad input names the field', async () => {
    const r = await call('mk', 'POST', '/campaigns', {
      kind: 'store',
      name: '店庆',
      phases: [{ code: 'main', name: '正式', from: '2026-12-05', to: '2026-12-01' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'marketing.bad_phases', details: { field: 'phases[0].to' } });
  });

  it('CS acknowledges the brief through the work permission', async () => {
    const r = await call('kefu', 'POST', `/campaigns/${id}/checklist/cs_brief/done`, { acknowledge: true });
    expect(r.status, r.raw.body).toBe(200);
    expect(r.body).toMatchObject({ done: true, needsAck: true });
  });

  it('the summary downloads as XLSX', async () => {
    const r = await call('mk', 'GET', `/campaigns/${id}/summary.xlsx`);
    expect(r.raw.statusCode).toBe(200);
    expect(r.raw.headers['content-type']).toContain('spreadsheetml');
  });
});
