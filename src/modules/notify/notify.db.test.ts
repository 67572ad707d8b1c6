import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock, zonedInstant } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import * as team from '../team/team.service';
import * as work from '../work/work.service';
import { dingTalkSign } from './notify.rules';
import * as notify from './notify.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let storeId = '';
let manager = '';
let cs = '';
const tmp = mkdtempSync(join(tmpdir(), 'storeops-notify-'));

// A local webhook receiver: answers by a script per path, records what it got.
type Got = { path: string; url: string; body: unknown; headers: IncomingMessage['headers'] };
const got: Got[] = [];
let script: Record<string, number[]> = {};
let server: Server;
let base = '';

beforeAll(async () => {
  notify.setAutoDelivery(false);
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      got.push({ path, url: req.url ?? '', body: JSON.parse(data || 'null'), headers: req.headers });
      const status = script[path]?.shift() ?? 200;
      if (status === 0) return; // hang: never answer (a timeout)
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { errcode: 0 } : { error: 'down' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T02:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  storeId = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  manager = (
    await team.createPerson(ctx, actor, {
      login: 'mgr',
      displayName: '张店长',
      password: 'secret-123',
      memberships: [{ storeCode: 'alpha', roles: ['manager'] }],
    })
  ).id;
  cs = (
    await team.createPerson(ctx, actor, {
      login: 'cs',
      displayName: '小美',
      password: 'secret-123',
      memberships: [{ storeCode: 'alpha', roles: ['cs_presale'] }],
    })
  ).id;
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`notifications on ${testEngine()}`, () => {
  it('puts events in the inbox of the named people and of the roles a rule names, with unread counts', async () => {
    await notify.saveRule(ctx, storeId, null, { event: 'escalation.raised', roles: ['manager'] });
    await notify.notify(ctx, storeId, { event: 'escalation.raised', title: '困难上报', personIds: [cs] });
    expect(await notify.unreadCount(ctx, storeId, manager)).toBe(1);
    expect(await notify.unreadCount(ctx, storeId, cs)).toBe(1);
    // a task assigned to someone tells them
    await work.createTask(ctx, storeId, {
      title: '回访买家',
      ownerPersonId: cs,
      source: 'manual',
      createdBy: manager,
    });
    expect(await notify.unreadCount(ctx, storeId, cs)).toBe(2);
    const box = await notify.inbox(ctx, storeId, cs);
    expect(box[0]!.title).toBe('新任务：回访买家');
    await notify.markRead(ctx, storeId, cs, [box[0]!.id]);
    expect(await notify.unreadCount(ctx, storeId, cs)).toBe(1);
    await notify.markRead(ctx, storeId, cs);
    expect(await notify.unreadCount(ctx, storeId, cs)).toBe(0);
  });

  it('signs DingTalk robot calls, retries a 500 with back-off and logs every attempt', async () => {
    const ding = await notify.saveChannel(ctx, storeId, null, {
      kind: 'dingtalk',
      name: '运营群机器人',
      url: `${base}/ding?access_token=t1`,
      secret: 'SECabc',
    });
    expect(ding).not.toHaveProperty('secret');
    await notify.saveRule(ctx, storeId, null, { event: 'escalation.moved', channelIds: [ding.id] });
    script = { '/ding': [500, 200] };
    got.length = 0;
    const r = await notify.notify(ctx, storeId, { event: 'escalation.moved', title: '困难升级：盘点不清' });
    expect(r.queued).toBe(1);
    expect(await notify.deliverDue(ctx)).toEqual({ sent: 0, failed: 0, retried: 1 });
    const [first] = await notify.listDeliveries(ctx, storeId);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(await notify.deliverDue(ctx)).toEqual({ sent: 0, failed: 0, retried: 0 }); // not yet: 1 min back-off
    ctx.clock.advance(61_000);
    expect(await notify.deliverDue(ctx)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect((await notify.listDeliveries(ctx, storeId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const u = new URL(`http://x${got[1]!.url}`);
    expect(u.searchParams.get('access_token')).toBe('t1');
    expect(u.searchParams.get('sign')).toBe(dingTalkSign('SECabc', Number(u.searchParams.get('timestamp'))));
    expect(got[1]!.body).toEqual({ msgtype: 'text', text: { content: '[alpha] 困难升级：盘点不清' } });
  });

  it('counts a webhook that does not answer as a failed attempt (timeout), and gives up on a 4xx', async () => {
    const hook = await notify.saveChannel(ctx, storeId, null, {
      kind: 'webhook',
      name: 'ERP',
      url: `${base}/hook`,
      secret: 'k',
    });
    const wecom = await notify.saveChannel(ctx, storeId, null, {
      kind: 'wecom',
      name: '企业微信',
      url: `${base}/wecom`,
    });
    await notify.saveRule(ctx, storeId, null, {
      event: 'handover.received',
      channelIds: [hook.id, wecom.id],
    });
    script = { '/hook': [0], '/wecom': [404] };
    got.length = 0;
    await notify.notify(ctx, storeId, { event: 'handover.received', title: '交接' });
    const t0 = Date.now();
    const r = await notify.deliverDue(ctx, 20, 300);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r).toEqual({ sent: 0, failed: 1, retried: 1 });
    const log = await notify.listDeliveries(ctx, storeId);
    expect(log.find((d) => d.channelId === hook.id)).toMatchObject({
      status: 'pending',
      lastError: 'timeout after 300 ms',
    });
    expect(log.find((d) => d.channelId === wecom.id)).toMatchObject({ status: 'failed', lastStatus: 404 });
    expect(got.find((g) => g.path === '/hook')!.headers['x-storeops-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never blocks the request that caused it, even when the webhook hangs', async () => {
    notify.setAutoDelivery(true);
    try {
      script = { '/hook': [0, 0, 0] };
      const t0 = Date.now();
      await notify.notify(ctx, storeId, { event: 'handover.received', title: '交接 2' });
      expect(Date.now() - t0).toBeLessThan(1000);
    } finally {
      notify.setAutoDelivery(false);
    }
  });

  it('holds robot messages in quiet hours (the inbox still gets them)', async () => {
    await notify.saveSettings(ctx, storeId, { quietStart: '22:00', quietEnd: '08:00' });
    await expect(
      notify.saveSettings(ctx, storeId, { quietStart: '22:00', quietEnd: '8:00' }),
    ).rejects.toMatchObject({
      code: 'work.bad_time',
      details: { field: 'quietEnd' },
    });
    ctx.clock.set(zonedInstant('2026-11-25', '23:30', 'Asia/Shanghai'));
    const ch = await notify.saveChannel(ctx, storeId, null, {
      kind: 'webhook',
      name: 'night',
      url: `${base}/night`,
    });
    await notify.saveRule(ctx, storeId, null, {
      event: 'task.overdue',
      channelIds: [ch.id],
      roles: ['manager'],
    });
    const before = await notify.unreadCount(ctx, storeId, manager);
    await notify.notify(ctx, storeId, { event: 'task.overdue', title: '任务超时' });
    expect(await notify.unreadCount(ctx, storeId, manager)).toBe(before + 1);
    const d = (await notify.listDeliveries(ctx, storeId)).find((x) => x.channelId === ch.id)!;
    expect(d.nextAttemptAt).toBe(zonedInstant('2026-11-26', '08:00', 'Asia/Shanghai').toISOString());
  });

  it('rejects a bad channel: unknown kind, a URL that is not http(s), a rule naming a missing channel', async () => {
    await expect(
      notify.saveChannel(ctx, storeId, null, { kind: 'sms', name: 'x', url: `${base}/x` }),
    ).rejects.toMatchObject({
      code: 'notify.bad_channel_kind',
    });
    await expect(
      notify.saveChannel(ctx, storeId, null, { kind: 'webhook', name: 'x', url: 'file:///etc/passwd' }),
    ).rejects.toMatchObject({
      code: 'notify.bad_url',
      details: { field: 'url' },
    });
    await expect(
      notify.saveRule(ctx, storeId, null, { event: 'test', channelIds: ['nope'] }),
    ).rejects.toMatchObject({
      code: 'notify.channel_not_found',
    });
  });
});
