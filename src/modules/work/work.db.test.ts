import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import * as team from '../team/team.service';
import * as work from './work.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let storeA = '';
let storeB = '';
let cs = '';
let outsider = '';
const tmp = mkdtempSync(join(tmpdir(), 'storeops-work-'));

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  await team.createStore(ctx, (await team.loadActor(ctx, owner.id, 'cli'))!, {
    code: 'beta',
    name: '京东店',
    platform: 'jd',
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  storeA = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  storeB = (await team.findStoreByCode(ctx, 'beta'))!.id;
  cs = (
    await team.createPerson(ctx, actor, {
      login: 'kefu1',
      displayName: '客服小美',
      password: 'secret-123',
      memberships: [{ storeCode: 'alpha', roles: ['cs_aftersale'] }],
    })
  ).id;
  outsider = (
    await team.createPerson(ctx, actor, {
      login: 'jd1',
      displayName: '京东客服',
      password: 'secret-123',
      memberships: [{ storeCode: 'beta', roles: ['cs_presale'] }],
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`tasks on ${testEngine()}`, () => {
  it('makes one task per thing: the same dedupe key returns the first task', async () => {
    const input = {
      title: '回访退款 R1',
      ownerPersonId: cs,
      source: 'aftersales',
      dedupeKey: 'refund-revisit:R1',
      links: [{ kind: 'refund', id: 'R1' }],
    };
    const a = await work.createTask(ctx, storeA, input);
    const b = await work.createTask(ctx, storeA, { ...input, title: '另一个标题' });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.task.id).toBe(a.task.id);
    expect(b.task.title).toBe('回访退款 R1');
    // The same key in another store is another thing.
    const c = await work.createTask(ctx, storeB, { ...input, ownerPersonId: outsider });
    expect(c.created).toBe(true);
    const found = await work.listTasks(ctx, storeA, { linkKind: 'refund', linkId: 'R1' });
    expect(found.map((t) => t.id)).toEqual([a.task.id]);
  });

  it('refuses to assign a task to a person of another store, naming the field', async () => {
    await expect(
      work.createTask(ctx, storeA, { title: 'x', ownerPersonId: outsider, source: 'manual' }),
    ).rejects.toMatchObject({ code: 'work.owner_not_in_store', details: { field: 'ownerPersonId' } });
    await expect(work.createTask(ctx, storeA, { title: ' ', source: 'manual' })).rejects.toMatchObject({
      code: 'work.title_required',
    });
    await expect(
      work.createTask(ctx, storeA, { title: 'x', ownerRole: 'janitor', source: 'manual' }),
    ).rejects.toMatchObject({ code: 'work.unknown_role' });
  });

  it('marks overdue tasks by the clock and records every change in the story', async () => {
    const { task } = await work.createTask(ctx, storeA, {
      title: '联系买家补发',
      ownerRole: 'cs_aftersale',
      dueAt: new Date('2026-11-25T03:00:00Z'),
      source: 'manual',
    });
    expect(await work.listTasks(ctx, storeA, { overdueOnly: true })).toHaveLength(0);
    ctx.clock.set(new Date('2026-11-25T03:00:01Z'));
    const overdue = await work.listTasks(ctx, storeA, { overdueOnly: true });
    expect(overdue.map((t) => t.id)).toContain(task.id);
    expect(work.taskDto(overdue[0]!, ctx.clock.now()).overdue).toBe(true);
    const roleQueue = await work.listTasks(ctx, storeA, { ownerRoles: ['cs_aftersale'], openOnly: true });
    expect(roleQueue.map((t) => t.id)).toContain(task.id);

    await work.updateTask(ctx, storeA, task.id, { ownerPersonId: cs, status: 'doing' }, cs);
    await work.addTaskComment(ctx, storeA, task.id, cs, '已电话联系');
    const done = await work.updateTask(ctx, storeA, task.id, { status: 'done', outcome: '买家同意换货' }, cs);
    expect(done.closedAt).not.toBeNull();
    expect(await work.listTasks(ctx, storeA, { overdueOnly: true })).toHaveLength(0);
    await expect(work.updateTask(ctx, storeA, task.id, { status: 'doing' }, cs)).rejects.toMatchObject({
      code: 'work.bad_status_move',
    });
    const story = await work.taskStory(ctx, storeA, task.id);
    expect(story.map((e) => e.kind)).toEqual(['created', 'status', 'assign', 'comment', 'status', 'outcome']);
  });

  it('keeps file metadata on a task, in its story, and names a bad field', async () => {
    const { task } = await work.createTask(ctx, storeA, { title: '双11海报定稿', source: 'manual' });
    expect(task.attachments).toEqual([]);
    const t = await work.addTaskAttachments(ctx, storeA, task.id, cs, [
      {
        name: '海报v3.psd',
        url: 'https://pan.example.com/s/abc',
        size: 52_428_800,
        mime: 'image/vnd.adobe.photoshop',
      },
    ]);
    expect(t.attachments).toMatchObject([{ name: '海报v3.psd', size: 52_428_800, by: cs }]);
    const again = await work.addTaskAttachments(ctx, storeA, task.id, cs, [{ name: '说明.txt' }]);
    expect(again.attachments.map((a) => a.name)).toEqual(['海报v3.psd', '说明.txt']);
    await expect(
      work.addTaskAttachments(ctx, storeA, task.id, cs, [{ name: 'x', url: 'javascript:alert(1)' }]),
    ).rejects.toMatchObject({ code: 'work.attachment_bad_url', details: { field: 'files.0.url' } });
    await expect(
      work.addTaskAttachments(ctx, storeA, task.id, cs, [{ name: 'ok' }, { name: 'y', size: -1 }]),
    ).rejects.toMatchObject({ code: 'work.attachment_bad_size', details: { field: 'files.1.size' } });
    await expect(work.addTaskAttachments(ctx, storeA, task.id, cs, [{ name: ' ' }])).rejects.toMatchObject({
      code: 'work.attachment_name_required',
    });
    // Nothing of the refused calls was stored.
    expect((await work.getTask(ctx, storeA, task.id)).attachments).toHaveLength(2);
    const story = await work.taskStory(ctx, storeA, task.id);
    expect(story.filter((e) => e.kind === 'attachment').map((e) => e.body)).toEqual([
      '海报v3.psd',
      '说明.txt',
    ]);
    // Another store cannot attach to it.
    await expect(work.addTaskAttachments(ctx, storeB, task.id, null, [{ name: 'z' }])).rejects.toMatchObject({
      code: 'work.task_not_found',
    });
  });

  it('never shows one store the tasks of another', async () => {
    const { task } = await work.createTask(ctx, storeB, { title: 'B only', source: 'manual' });
    await expect(work.getTask(ctx, storeA, task.id)).rejects.toMatchObject({ code: 'work.task_not_found' });
    expect((await work.listTasks(ctx, storeA)).some((t) => t.id === task.id)).toBe(false);
  });
});
