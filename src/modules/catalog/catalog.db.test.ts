import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import * as team from '../team/team.service';
import * as work from '../work/work.service';
import * as catalog from './catalog.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let store = '';
let cs = '';
let editor = '';
const tmp = mkdtempSync(join(tmpdir(), 'storeops-cat-'));

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T02:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  store = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  const actor = (await team.cliActor(ctx))!;
  cs = (
    await team.createPerson(ctx, actor, {
      login: 'kf',
      displayName: '客服',
      password: 'secret-123',
      memberships: [{ storeCode: 'alpha', roles: ['cs_presale'] }],
    })
  ).id;
  editor = (
    await team.createPerson(ctx, actor, {
      login: 'bj',
      displayName: '编辑',
      password: 'secret-123',
      memberships: [{ storeCode: 'alpha', roles: ['editor'] }],
    })
  ).id;
  for (let i = 1; i <= 6; i++)
    await ctx.database.db.execute(
      sql`insert into products (store_id, product_id, title, first_seen_at, updated_at) values (${store}, ${`P${i}`}, ${`2026夏季新款碎花连衣裙${i}`}, now(), now())`,
    );
  await ctx.database.db.execute(
    sql`insert into skus (store_id, sku_code, product_id, title, first_seen_at, updated_at) values (${store}, 'P1-S', 'P1', '碎花裙 S', now(), now())`,
  );
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`catalog on ${testEngine()}`, () => {
  it('marks at most 5 hero products, each change in the listing history', async () => {
    for (let i = 1; i <= 5; i++) await catalog.setHero(ctx, store, `P${i}`, true, editor);
    await expect(catalog.setHero(ctx, store, 'P6', true, editor)).rejects.toMatchObject({
      code: 'catalog.too_many_heroes',
    });
    const list = await catalog.listProducts(ctx, store, { heroOnly: true });
    expect(list.map((p) => p.productId).sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    await catalog.setHero(ctx, store, 'P5', false, editor);
    expect((await catalog.setHero(ctx, store, 'P6', true, editor)).heroes.complete).toBe(true);
  });

  it('a title with a banned word or over 60 bytes is refused; a good one is recorded with before/after', async () => {
    await expect(
      catalog.recordListingChange(ctx, store, 'P1', { kind: 'title', after: '全网最低价碎花连衣裙' }, editor),
    ).rejects.toMatchObject({
      code: 'catalog.title_rejected',
    });
    await expect(
      catalog.recordListingChange(ctx, store, 'P1', { kind: 'title', after: '裙'.repeat(31) }, editor),
    ).rejects.toMatchObject({
      code: 'catalog.title_rejected',
    });
    await catalog.recordListingChange(
      ctx,
      store,
      'P1',
      { kind: 'title', after: '2026夏季新款碎花连衣裙女 雪纺长裙' },
      editor,
    );
    const page = await catalog.productPage(ctx, store, 'P1');
    expect(page.product.title).toBe('2026夏季新款碎花连衣裙女 雪纺长裙');
    const titleEvent = page.history.find((h) => h.kind === 'title')!;
    expect(titleEvent.before).toBe('2026夏季新款碎花连衣裙1');
    expect(page.skus.map((s) => s.skuCode)).toEqual(['P1-S']);
    expect(page.titleCheck.issues).toEqual([]);
    expect(page.aftersales.badReviews).toBe(0);
  });

  it('moves a new product across the board to listing and on; CS must acknowledge; stuck stages make tasks', async () => {
    const np = await catalog.createNewProduct(
      ctx,
      store,
      { name: '冰丝阔腿裤', dueDates: { plan: '2026-11-20' } },
      editor,
    );
    expect(np.stage).toBe('plan');
    expect(np.stages.find((s) => s.stage === 'plan')!.stuck).toBe(true);
    const stuck = await catalog.runPipelineCheck(ctx, store, '2026-11-25');
    expect(stuck.created).toBe(1);
    expect((await catalog.runPipelineCheck(ctx, store, '2026-11-25')).created).toBe(0);
    let p = np;
    for (const _ of ['plan', 'sample', 'photo', 'detail_page'])
      p = await catalog.advanceNewProduct(ctx, store, np.id, editor);
    expect(p.stage).toBe('listing');
    await expect(catalog.advanceNewProduct(ctx, store, np.id, editor)).rejects.toMatchObject({
      code: 'catalog.product_id_required',
    });
    p = await catalog.advanceNewProduct(ctx, store, np.id, editor, { productId: 'P6' });
    expect(p.stage).toBe('launch');
    await expect(catalog.advanceNewProduct(ctx, store, np.id, editor)).rejects.toMatchObject({
      code: 'catalog.pipeline_briefing_missing',
    });
    p = await catalog.advanceNewProduct(ctx, store, np.id, editor, {
      briefing: '面料冰丝，凉感；尺码偏大一码',
    });
    expect(p.stage).toBe('cs_briefed');
    const briefTasks = await work.listTasks(ctx, store, { linkKind: 'new_product', linkId: np.id });
    expect(briefTasks.some((t) => t.ownerRole === 'cs_presale')).toBe(true);
    await expect(catalog.advanceNewProduct(ctx, store, np.id, editor)).rejects.toMatchObject({
      code: 'catalog.pipeline_not_acknowledged',
    });
    await expect(catalog.acknowledgeBriefing(ctx, store, np.id, editor)).rejects.toMatchObject({
      code: 'catalog.not_cs',
    });
    await catalog.acknowledgeBriefing(ctx, store, np.id, cs);
    p = await catalog.advanceNewProduct(ctx, store, np.id, editor);
    expect(p.stage).toBe('done');
  });
});

describe(`stuck stages escalate on ${testEngine()}`, () => {
  it('a day late: a task to the owner; two days late: up the chain (photos) or to the manager, once', async () => {
    const actor = (await team.cliActor(ctx))!;
    const designer = (
      await team.createPerson(ctx, actor, {
        login: 'sj',
        displayName: '设计',
        password: 'secret-123',
        memberships: [{ storeCode: 'alpha', roles: ['designer'] }],
      })
    ).id;
    const shoot = await catalog.createNewProduct(
      ctx,
      store,
      { name: '羊毛围巾', dueDates: { photo: '2026-11-23' }, owners: { photo: designer } },
      editor,
    );
    for (const _ of ['plan', 'sample']) await catalog.advanceNewProduct(ctx, store, shoot.id, editor);
    const sample = await catalog.createNewProduct(
      ctx,
      store,
      { name: '针织帽', dueDates: { plan: '2026-11-30', sample: '2026-11-24' } },
      editor,
    );
    await catalog.advanceNewProduct(ctx, store, sample.id, editor);
    // 11-24: the photo shoot is a day late → a task to the designer, no escalation yet.
    let r = await catalog.runPipelineCheck(ctx, store, '2026-11-24');
    const shootTasks = () => work.listTasks(ctx, store, { linkKind: 'new_product', linkId: shoot.id });
    expect((await shootTasks()).map((t) => t.ownerPersonId)).toEqual([designer]);
    expect(await work.listEscalations(ctx, store, { raisedBy: designer })).toEqual([]);
    // 11-25: two days late → raised on「拍照太多」by the designer, on that task; the sample stage
    // (warehouse, no chain) a day late → its owner's task only.
    r = await catalog.runPipelineCheck(ctx, store, '2026-11-25');
    const [esc] = await work.listEscalations(ctx, store, { raisedBy: designer });
    expect(esc).toBeDefined();
    expect(esc!.taskId).toBe((await shootTasks())[0]!.id);
    expect(esc!.title).toContain('羊毛围巾');
    expect((esc!.steps as { target: string }[]).map((s) => s.target)).toEqual(['cs', 'marketing', 'manager']);
    // 11-26: the sample stage is two days late → the manager gets it (no chain for samples).
    r = await catalog.runPipelineCheck(ctx, store, '2026-11-26');
    expect(r.escalated).toBe(1);
    const sampleTasks = await work.listTasks(ctx, store, { linkKind: 'new_product', linkId: sample.id });
    expect(sampleTasks.map((t) => t.ownerRole).sort()).toEqual(['manager', 'warehouse']);
    // Once: running again escalates nothing new.
    expect(await catalog.runPipelineCheck(ctx, store, '2026-11-26')).toEqual({ created: 0, escalated: 0 });
    expect(await work.listEscalations(ctx, store, { raisedBy: designer })).toHaveLength(1);
  });
});

describe(`title keyword coverage on ${testEngine()}`, () => {
  it('scores a title against the ads keyword reports of the last 30 days and lists the big terms it misses', async () => {
    const none = await catalog.titleKeywordCoverage(ctx, store, '碎花连衣裙');
    expect(none).toMatchObject({ terms: 0, coverage: 0, missing: [] });
    const rows: [string, string, number][] = [
      ['2026-11-20', '连衣裙', 600],
      ['2026-11-21', '连衣裙', 300],
      ['2026-11-20', '碎花 裙', 200],
      ['2026-11-20', '雪纺衬衫', 500],
      ['2026-09-01', '羽绒服', 99999], // older than 30 days: not counted
    ];
    let i = 0;
    for (const [date, kw, imp] of rows)
      await ctx.database.db.execute(sql`insert into ad_reports (store_id, platform_id, import_id, first_seen_at,
        updated_at, channel, level, date, keyword, impressions, spend_fen)
        values (${store}, ${`kw${i++}`}, 'imp-ads', now(), now(), 'ztc', 'keyword', ${date}, ${kw}, ${imp}, 100)`);
    const r = await catalog.titleKeywordCoverage(ctx, store, '2026夏季新款碎花连衣裙');
    expect(r.terms).toBe(3);
    expect(r.totalWeight).toBe(1600);
    expect(r.coverage).toBeCloseTo(1100 / 1600);
    expect(r.missing).toEqual([{ term: '雪纺衬衫', weight: 500, share: 500 / 1600 }]);
    expect(r.covered.map((c) => c.term).sort()).toEqual(['碎花 裙', '连衣裙']);
  });
});
