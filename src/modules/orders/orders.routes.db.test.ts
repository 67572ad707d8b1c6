import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/test-app';

/** The orders and after-sales routes over HTTP: access per role, shapes, localized errors. */
let t: TestApp;
const tokens: Record<string, string> = {};

function multipart(fileName: string, content: Buffer) {
  const boundary = '----storeops-orders-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const call = async (
  login: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
) => {
  const res = await t.app.inject({
    method,
    url: `/api/v1/stores/alpha${url}`,
    headers: { authorization: `Bearer ${tokens[login]}`, 'accept-language': 'zh-CN' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') };
};

beforeAll(async () => {
  t = await createTestApp({ uploadDir: `/tmp/storeops-orders-test-${process.pid}` });
  const setup = await t.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      organizationName: '测试公司',
      store: { code: 'alpha', name: '测试旗舰店', platform: 'taobao' },
      owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
    },
  });
  const cookie = setup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = setup.cookies.find((c) => c.name === 'storeops_csrf')!.value;
  for (const [login, role] of [
    ['kefu', 'cs_presale'],
    ['shouhou', 'cs_aftersale'],
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
  for (const path of [
    'test/fixtures/taobao-orders/ExportOrderList201707151030.csv',
    'test/fixtures/taobao-refunds/退款报表-2017旧版.csv',
  ]) {
    const m = multipart(path.split('/').pop()!, readFileSync(path));
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stores/alpha/imports',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(200);
  }
}, 120_000);

afterAll(async () => t?.dispose());

describe('orders and after-sales over HTTP', () => {
  it('lists the unpaid queue and records an urge; a designer may not see orders', async () => {
    const list = await call('kefu', 'GET', '/orders/unpaid');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0].orderId;
    expect((await call('kefu', 'POST', `/orders/${id}/urges`, { channel: 'phone' })).status).toBe(200);
    const bad = await call('kefu', 'POST', `/orders/${id}/urges`, { channel: 'fax' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('未知催付方式“fax”');
    expect((await call('designer', 'GET', '/orders/unpaid')).status).toBe(403);
    const story = await call('kefu', 'GET', `/orders/${id}`);
    expect(story.body.events.map((e: { kind: string }) => e.kind)).toEqual(['urge']);
    expect(story.body.attribution.reason.code).toBe('not_paid');
  });

  it('answers refund statistics and lets after-sale CS (not pre-sale) record outcomes', async () => {
    const stats = await call(
      'kefu',
      'GET',
      '/aftersales/refund-stats?from=2017-01-01&to=2017-12-31&groupBy=reason',
    );
    expect(stats.status).toBe(200);
    expect(stats.body.total.count).toBeGreaterThan(0);
    const refunds = await call('kefu', 'GET', '/aftersales/refunds?from=2017-01-01&to=2017-12-31');
    const refundId = refunds.body.items[0].refundId;
    expect(
      (await call('kefu', 'PATCH', `/aftersales/refunds/${refundId}`, { outcome: 'resolved' })).status,
    ).toBe(403);
    const ok = await call('shouhou', 'PATCH', `/aftersales/refunds/${refundId}`, {
      outcome: 'resolved',
      cause: 'buyer',
    });
    expect(ok.status).toBe(200);
    const wrong = await call('shouhou', 'PATCH', `/aftersales/refunds/${refundId}`, { cause: 'moon' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual({ field: 'cause' });
  });

  it('keeps shipping settings valid', async () => {
    expect((await call('kefu', 'PUT', '/orders/settings/shipping', { cutoff: '17:00' })).body.cutoff).toBe(
      '17:00',
    );
    const bad = await call('kefu', 'PUT', '/orders/settings/shipping', { cutoff: '7pm' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('orders.bad_cutoff');
    const ship = await call('kefu', 'GET', '/orders/shipping');
    expect(ship.body.items.every((r: { state: string }) => r.state === 'late')).toBe(true);
    // Overlapping campaign periods: refused, naming the row (the form marks that field).
    const overlap = await call('kefu', 'PUT', '/orders/settings/shipping', {
      campaigns: [
        { from: '2026-11-01', to: '2026-11-11', extraHours: 24 },
        { from: '2026-11-10', to: '2026-11-12', extraHours: 48 },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.code).toBe('orders.campaigns_overlap');
    expect(overlap.body.error.details.field).toBe('campaigns.1.from');
    expect(overlap.body.error.message).toBe('第 2 行活动时段与第 1 行重叠（2026-11-10 至 2026-11-11）');
    const negative = await call('kefu', 'PUT', '/orders/settings/shipping', { targetHours: -4 });
    expect(negative.body.error.details.field).toBe('targetHours');
    expect((await call('kefu', 'GET', '/orders/settings/shipping')).body.cutoff).toBe('17:00');
  });

  it('keeps the unpaid rules and spike thresholds valid', async () => {
    const ok = await call('kefu', 'PUT', '/orders/settings/unpaid', { takeoverHours: 12 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ takeoverHours: 12, offlineMinutes: 30 });
    const bad = await call('kefu', 'PUT', '/orders/settings/unpaid', {
      urgeAfterHours: 80,
      urgeWindowDays: 3,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('urgeAfterHours');
    expect((await call('kefu', 'GET', '/orders/settings/unpaid')).body.takeoverHours).toBe(12);
    // Spike thresholds belong to the after-sales desk: pre-sale CS may not change them.
    expect((await call('kefu', 'PUT', '/aftersales/settings/spike', { factor: 3 })).status).toBe(403);
    const spike = await call('shouhou', 'PUT', '/aftersales/settings/spike', { factor: 3 });
    expect(spike.body).toEqual({ baselineDays: 7, minCount: 3, factor: 3 });
    const badSpike = await call('shouhou', 'PUT', '/aftersales/settings/spike', { minCount: -1 });
    expect(badSpike.status).toBe(400);
    expect(badSpike.body.error.details.field).toBe('minCount');
    expect((await call('designer', 'PUT', '/aftersales/settings/spike', { factor: 2 })).status).toBe(403);
  });
});
