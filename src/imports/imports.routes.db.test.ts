import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};

function multipart(fileName: string, content: Buffer) {
  const boundary = '----storeops-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(token: string, store: string, path: string, query = '') {
  const m = multipart(path.split('/').pop()!, readFileSync(path));
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/stores/${store}/imports${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': m.contentType },
    payload: m.payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

beforeAll(async () => {
  t = await createTestApp({ uploadDir: `/tmp/storeops-upload-test-${process.pid}` });
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
  const h = { cookie, 'x-csrf-token': csrf };
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/stores',
    headers: h,
    payload: { code: 'beta', name: 'B', platform: 'jd' },
  });
  for (const [login, role] of [
    ['ops', 'ops_assistant'],
    ['designer', 'designer'],
  ]) {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h,
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

afterAll(async () => t?.dispose());

describe('uploading export files over HTTP', () => {
  it('imports an upload and answers with the result shape', async () => {
    const r = await upload(
      tokens.ops,
      'alpha',
      'test/fixtures/taobao-orders/ExportOrderList201911221800.csv',
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      kind: 'taobao-orders',
      file: 'ExportOrderList201911221800.csv',
      status: 'done',
      rejected: [],
    });
    expect(r.body.inserted).toBe(r.body.rows);
  });

  it('answers 422 with every bad row named for a rejected file', async () => {
    const r = await upload(
      tokens.ops,
      'alpha',
      'test/fixtures/bad/orders-money-abc.csv',
      '?kind=taobao-orders',
    );
    expect(r.status).toBe(422);
    expect(r.body.status).toBe('rejected');
    expect(r.body.rejected[0]).toMatchObject({ row: 3, column: '买家实际支付金额', value: 'abc' });
  });

  it('runs in the background with async=true and reports progress until done', async () => {
    const r = await upload(
      tokens.ops,
      'alpha',
      'test/fixtures/taobao-refunds/退款报表-2026新版.xlsx',
      '?async=true',
    );
    expect(r.status).toBe(202);
    let run: { status: string; kind: string } | null = null;
    for (let i = 0; i < 100; i++) {
      const g = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stores/alpha/imports/${r.body.id}`,
        headers: { authorization: `Bearer ${tokens.ops}` },
      });
      if (g.statusCode === 200) {
        run = JSON.parse(g.body);
        if (run!.status !== 'running') break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(run).toMatchObject({ status: 'done', kind: 'taobao-refunds' });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stores/alpha/imports',
      headers: { authorization: `Bearer ${tokens.ops}` },
    });
    expect(JSON.parse(list.body).total).toBe(3);
  });

  it('refuses an upload from a role without imports:write (403) and into another store (404)', async () => {
    const d = await upload(
      tokens.designer,
      'alpha',
      'test/fixtures/taobao-orders/ExportOrderList201911221800.csv',
    );
    expect(d.status).toBe(403);
    const b = await upload(tokens.ops, 'beta', 'test/fixtures/taobao-orders/ExportOrderList201911221800.csv');
    expect(b.status).toBe(404);
  });

  it('refuses a request without a file', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stores/alpha/imports',
      headers: { authorization: `Bearer ${tokens.ops}`, 'content-type': 'application/json' },
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('import.no_file');
  });
});
