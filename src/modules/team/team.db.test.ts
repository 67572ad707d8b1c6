import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/test-app';
import { canInStore, type OrgPermission, orgPermissions, ROLES } from './team.rules';

let t: TestApp;
let app: FastifyInstance;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let ownerCookie = '';
let ownerCsrf = '';

type InjectOpts = {
  method?: string;
  url: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
};
async function call(o: InjectOpts) {
  const res = await app.inject({
    method: (o.method ?? 'GET') as 'GET',
    url: o.url,
    headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.headers ?? {}) },
    ...(o.body !== undefined ? { payload: o.body as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, res };
}
const asOwner = (o: InjectOpts) =>
  call({ ...o, headers: { cookie: ownerCookie, 'x-csrf-token': ownerCsrf, ...(o.headers ?? {}) } });

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  const setup = await app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      organizationName: '测试公司',
      store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
    },
  });
  expect(setup.statusCode).toBe(200);
  ownerCookie = setup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  ownerCsrf = setup.cookies.find((c) => c.name === 'storeops_csrf')!.value;
  expect(
    (
      await asOwner({
        method: 'POST',
        url: '/api/v1/stores',
        body: { code: 'beta', name: '京东店', platform: 'jd' },
      })
    ).status,
  ).toBe(201);
  // One person per role in store alpha, and one who works only in beta.
  for (const role of ROLES) {
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/people',
      body: {
        login: `u_${role}`,
        displayName: role,
        password: 'password-1',
        memberships: [{ storeCode: 'alpha', roles: [role] }],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[role] = r.body.id;
  }
  const b = await asOwner({
    method: 'POST',
    url: '/api/v1/people',
    body: {
      login: 'beta_cs',
      displayName: 'Beta CS',
      password: 'password-1',
      memberships: [{ storeCode: 'beta', roles: ['cs_presale'] }],
    },
  });
  ids.beta_cs = b.body.id;
  for (const login of [...ROLES.map((r) => `u_${r}`), 'beta_cs']) {
    const login_ = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login, password: 'password-1' },
    });
    expect(login_.status).toBe(200);
    const cookie = login_.res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login_.res.cookies.find((c) => c.name === 'storeops_csrf')!.value;
    const tok = await call({
      method: 'POST',
      url: '/api/v1/me/tokens',
      body: { name: 'matrix' },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(tok.status).toBe(201);
    tokens[login] = tok.body.token;
  }
}, 180_000);

afterAll(async () => {
  await t?.dispose();
});

function fill(url: string, code = 'alpha'): string {
  return url
    .replace(':code', code)
    .replace(':personId', '00000000-0000-7000-8000-000000000000')
    .replace(':id', '00000000-0000-7000-8000-000000000000');
}

describe('the permission matrix', () => {
  it('declares access on every API route', () => {
    expect(app.accessRoutes.length).toBeGreaterThan(20);
    for (const r of app.accessRoutes) expect(r.access).toBeDefined();
  });

  it('allows or denies every route for every role exactly as the rules say', async () => {
    const failures: string[] = [];
    for (const route of app.accessRoutes) {
      for (const role of ROLES) {
        const { access } = route;
        let allowed: boolean;
        if (access.scope === 'public' || access.scope === 'authenticated') allowed = true;
        else if (access.scope === 'org')
          allowed = orgPermissions(false, [[role]]).includes(access.permission as OrgPermission);
        else allowed = canInStore([role], access.resource, access.action);
        if (route.url === '/api/v1/auth/logout') continue; // would end nothing for a token, covered below
        const r = await call({
          method: route.method,
          url: fill(route.url),
          token: tokens[`u_${role}`],
          body: ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
        });
        const denied = r.status === 403 && r.body?.error?.code === 'auth.forbidden';
        if (denied === allowed)
          failures.push(`${role} ${route.method} ${route.url} → ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 401 to every non-public route without credentials', async () => {
    for (const route of app.accessRoutes) {
      if (route.access.scope === 'public') continue;
      const r = await call({
        method: route.method,
        url: fill(route.url),
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(r.status, `${route.method} ${route.url}`).toBe(401);
      expect(r.body.error.code).toBe('auth.required');
    }
  });

  it('answers 404 for another store, whatever the role allows', async () => {
    for (const route of app.accessRoutes) {
      if (route.access.scope !== 'store') continue;
      const r = await call({
        method: route.method,
        url: fill(route.url, 'beta'),
        token: tokens.u_manager,
        body: ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
      });
      expect(r.status, `${route.method} ${route.url}`).toBe(404);
      expect(r.body.error.code).toBe('store.not_found');
    }
  });

  it("hides a person of store B from store A's manager", async () => {
    const r = await call({ url: `/api/v1/people/${ids.beta_cs}`, token: tokens.u_manager });
    expect(r.status).toBe(404);
    const list = await call({ url: '/api/v1/people?limit=500', token: tokens.u_manager });
    expect(list.body.items.map((p: { login: string }) => p.login)).not.toContain('beta_cs');
    const own = await call({ url: `/api/v1/people/${ids.cs_presale}`, token: tokens.u_manager });
    expect(own.status).toBe(200);
  });

  it('shows a person of store B only store B in /me', async () => {
    const me = await call({ url: '/api/v1/me', token: tokens.beta_cs });
    expect(me.body.stores.map((s: { code: string }) => s.code)).toEqual(['beta']);
    expect(me.body.stores[0].permissions).not.toContain('finance:read');
    expect(me.body.orgPermissions).toEqual([]);
  });
});

describe('sessions, CSRF and logins', () => {
  it('refuses a state change from the web without the CSRF header', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/me/tokens',
      body: { name: 'x' },
      headers: { cookie: ownerCookie },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('auth.csrf');
  });

  it('gives one message for a wrong password and an unknown login (no user enumeration)', async () => {
    const wrongPw = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'boss', password: 'nope-nope' },
    });
    const noUser = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'ghost', password: 'nope-nope' },
    });
    expect(wrongPw.status).toBe(401);
    expect(noUser.status).toBe(401);
    expect(wrongPw.body).toEqual(noUser.body);
    expect(wrongPw.body.error.message).toBe('登录名或密码错误');
  });

  it('answers in English when asked', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'boss', password: 'nope-nope' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(r.body.error.message).toBe('Wrong login or password');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'boss', password: 'secret-123' },
    });
    const c = r.res.cookies.find((x) => x.name === 'storeops_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
  });

  it('ends a session at logout', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'u_editor', password: 'password-1' },
    });
    const cookie = r.res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = r.res.cookies.find((c) => c.name === 'storeops_csrf')!.value;
    expect((await call({ url: '/api/v1/me', headers: { cookie } })).status).toBe(200);
    expect(
      (await call({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } }))
        .status,
    ).toBe(200);
    expect((await call({ url: '/api/v1/me', headers: { cookie } })).status).toBe(401);
  });

  it('expires an idle session when the clock moves past its lifetime', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'u_designer', password: 'password-1' },
    });
    const cookie = r.res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const before = t.clock.now();
    t.clock.advance((t.ctx.config.sessionTtlHours + 1) * 3600_000);
    expect((await call({ url: '/api/v1/me', headers: { cookie } })).status).toBe(401);
    t.clock.set(before);
    expect((await call({ url: '/api/v1/me', headers: { cookie } })).status).toBe(401); // gone for good
  });

  it('refuses a revoked API token', async () => {
    const tok = await asOwner({ method: 'POST', url: '/api/v1/me/tokens', body: { name: 'script' } });
    expect((await call({ url: '/api/v1/me', token: tok.body.token })).status).toBe(200);
    expect((await asOwner({ method: 'DELETE', url: `/api/v1/me/tokens/${tok.body.id}` })).status).toBe(200);
    expect((await call({ url: '/api/v1/me', token: tok.body.token })).status).toBe(401);
  });
});

describe('bad input gets a clear error', () => {
  it('refuses a duplicate login, whatever its case', async () => {
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/people',
      body: {
        login: 'U_EDITOR',
        displayName: 'x',
        password: 'password-1',
        memberships: [{ storeCode: 'alpha', roles: ['editor'] }],
      },
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'person.login_taken', details: { field: 'login' } });
  });

  it('refuses an invalid store code, naming the field', async () => {
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/stores',
      body: { code: 'Bad Code', name: 'x', platform: 'taobao' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('store.invalid_code');
    expect(r.body.error.details.field).toBe('code');
    expect(r.body.error.message).toContain('Bad Code');
  });

  it('refuses a taken store code', async () => {
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/stores',
      body: { code: 'beta', name: 'x', platform: 'taobao' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('store.code_taken');
  });

  it('refuses an unknown platform through schema validation, naming the field', async () => {
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/stores',
      body: { code: 'gamma', name: 'x', platform: 'amazon' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation.failed');
    expect(r.body.error.details.field).toBe('platform');
  });

  it('refuses an oversized body with 413', async () => {
    const big = 'x'.repeat(t.ctx.config.bodyLimit + 10);
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/stores',
      body: { code: 'big', name: big, platform: 'jd' },
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('request.too_large');
  });

  it('refuses a short password', async () => {
    const r = await asOwner({
      method: 'POST',
      url: '/api/v1/people',
      body: {
        login: 'shorty',
        displayName: 'x',
        password: '123',
        memberships: [{ storeCode: 'alpha', roles: ['editor'] }],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'validation.password', details: { field: 'password' } });
  });

  it('stops a manager from making an owner', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/people',
      token: tokens.u_manager,
      body: {
        login: 'sneaky',
        displayName: 'x',
        password: 'password-1',
        memberships: [{ storeCode: 'alpha', roles: ['owner'] }],
      },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('person.role_not_assignable');
  });

  it('refuses a second set-up', async () => {
    const r = await call({
      method: 'POST',
      url: '/api/v1/setup',
      body: {
        organizationName: 'x',
        store: { code: 'zz', name: 'x', platform: 'jd' },
        owner: { login: 'evil', displayName: 'x', password: 'password-1' },
      },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('setup.done');
  });

  it('answers unknown API paths with a JSON 404, never a stack', async () => {
    const r = await call({ url: '/api/v1/nope' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('request.not_found');
  });
});

describe('people, roles and the audit log', () => {
  it('soft-deletes a person, ends their access, and restores them', async () => {
    const del = await asOwner({ method: 'DELETE', url: `/api/v1/people/${ids.analyst}` });
    expect(del.status).toBe(200);
    expect(del.body.deletedAt).not.toBeNull();
    expect((await call({ url: '/api/v1/me', token: tokens.u_analyst })).status).toBe(401);
    const login = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login: 'u_analyst', password: 'password-1' },
    });
    expect(login.status).toBe(401);
    const listed = await asOwner({ url: '/api/v1/people?includeDeleted=true&limit=500' });
    expect(listed.body.items.some((p: { id: string }) => p.id === ids.analyst)).toBe(true);
    const notListed = await asOwner({ url: '/api/v1/people?includeDeleted=false&limit=500' });
    expect(notListed.body.items.some((p: { id: string }) => p.id === ids.analyst)).toBe(false);
    expect(
      (await asOwner({ method: 'POST', url: `/api/v1/people/${ids.analyst}/restore` })).body.deletedAt,
    ).toBeNull();
  });

  it('gives a person several roles in a store and changes them', async () => {
    const r = await asOwner({
      method: 'PUT',
      url: `/api/v1/stores/alpha/members/${ids.designer}`,
      body: { roles: ['designer', 'editor'] },
    });
    expect(r.status).toBe(200);
    const members = await asOwner({ url: '/api/v1/stores/alpha/members' });
    const d = members.body.items.find((m: { personId: string }) => m.personId === ids.designer);
    expect(d.roles).toEqual(['designer', 'editor']);
    const me = await call({ url: '/api/v1/me', token: tokens.u_designer });
    expect(me.body.stores[0].permissions).toContain('catalog:write');
  });

  it('keeps groups with a leader who works in the store', async () => {
    const g = await asOwner({
      method: 'POST',
      url: '/api/v1/stores/alpha/groups',
      body: {
        name: '客服组',
        kind: 'cs',
        leaderId: ids.cs_presale,
        memberIds: [ids.cs_presale, ids.cs_aftersale],
      },
    });
    expect(g.status).toBe(201);
    expect(g.body.memberIds.sort()).toEqual([ids.cs_presale, ids.cs_aftersale].sort());
    const bad = await asOwner({
      method: 'POST',
      url: '/api/v1/stores/alpha/groups',
      body: { name: 'x', kind: 'cs', memberIds: [ids.beta_cs] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('group.not_member');
  });

  it('records who changed what', async () => {
    const r = await asOwner({ url: '/api/v1/audit?entity=person&limit=500' });
    expect(r.status).toBe(200);
    const deletion = r.body.items.find(
      (a: { action: string; entityId: string }) => a.action === 'delete' && a.entityId === ids.analyst,
    );
    expect(deletion.actor.displayName).toBe('王老板');
  });

  it('lists only the stores a person belongs to', async () => {
    const r = await call({ url: '/api/v1/stores', token: tokens.u_cs_presale });
    expect(r.body.items.map((s: { code: string }) => s.code)).toEqual(['alpha']);
  });
});
