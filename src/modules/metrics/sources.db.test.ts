import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { takeFollowerErrors } from '../../imports/after-import';
import { importFile } from '../../imports/imports.service';
import { fixture } from '../../imports/test-fixtures';
import * as team from '../team/team.service';
import * as metrics from './metrics.service';

let ctx: Ctx;
let dispose: () => Promise<void>;
let storeId = '';
const tmp = mkdtempSync(join(tmpdir(), 'storeops-sources-'));

async function rows<T>(text: string): Promise<T[]> {
  return ((await ctx.database.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-03-02T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'src', name: '来源测试店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  storeId = (await team.findStoreByCode(ctx, 'src'))!.id;
}, 60_000);

afterEach(() => {
  expect(takeFollowerErrors()).toEqual([]);
});

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`流量来源 imports and rollups on ${testEngine()}`, () => {
  it('imports the three levels, rolls them up per source, and a re-import changes nothing', async () => {
    const files = [
      'traffic-sources/生意参谋-店铺来源-20260301.csv',
      'traffic-sources/生意参谋-商品来源-20260301.xlsx',
      'traffic-sources/生意参谋-竞品入店来源-20260301.csv',
    ];
    for (const f of files) {
      const r = await importFile(ctx, { storeId, personId: null, kind: 'auto', path: fixture(f) });
      expect(r.status, JSON.stringify(r.error)).toBe('done');
      expect(r.kind).toBe('traffic-sources');
      expect(r.inserted).toBe(r.rows);
    }
    const again = await importFile(ctx, {
      storeId,
      personId: null,
      kind: 'traffic-sources',
      path: fixture(files[0]),
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 7 });

    const got = await rows<{
      scope: string;
      subject: string;
      source: string;
      visitors: number;
      paid: number;
    }>(
      `select scope, subject, source, visitors, paid_amount_fen::bigint as paid from metric_source_daily
       where store_id = '${storeId}' and date = '2026-03-01' order by scope, subject, source`,
    );
    expect(got.map((r) => [r.scope, r.subject, r.source, r.visitors, Number(r.paid)])).toEqual(
      [
        ['competitor', '清凉一夏家居店', '手淘搜索', 2900, 1203000],
        ['competitor', '清凉一夏家居店', '直通车', 1500, 710000],
        ['competitor', '竹韵生活馆', '手淘搜索', 1100, 330050],
        ['product', '600123456789', '手淘搜索', 980, 493828],
        ['product', '600123456789', '直通车', 410, 246914],
        ['product', '600123456790', '手淘推荐', 300, 29970],
        ['product', '600123456790', '手淘搜索', 340, 19980],
        ['store', '', '淘宝客', 95, 42000],
        ['store', '', '手淘推荐', 760, 148050],
        // 搜索-关键词 + 搜索-店铺名
        ['store', '', '手淘搜索', 1600, 677820],
        ['store', '', '直接访问', 95, 35300],
        ['store', '', '直通车', 520, 170200],
        ['store', '', '购物车', 130, 121086],
      ].sort((a, b) => `${a[0]}|${a[1]}|${a[2]}`.localeCompare(`${b[0]}|${b[1]}|${b[2]}`)),
    );
  });

  it('updates a row re-exported with new figures (same key), and the rollup follows', async () => {
    const path = join(tmp, '生意参谋-店铺来源-20260301-v2.csv');
    copyFileSync(fixture('traffic-sources/生意参谋-竞品入店来源-20260301.csv'), path);
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path, 'utf8').replace('1,100', '1,250'));
    const r = await importFile(ctx, { storeId, personId: null, kind: 'auto', path });
    expect(r).toMatchObject({ status: 'done', inserted: 0, updated: 1, unchanged: 2 });
    const [row] = await rows<{ visitors: number }>(
      `select visitors from metric_source_daily where store_id = '${storeId}' and scope = 'competitor'
       and subject = '竹韵生活馆' and date = '2026-03-01'`,
    );
    expect(row.visitors).toBe(1250);
  });

  it('the report says "no baseline" with one day of sources, and "no data" on a day without', async () => {
    const store = (await team.findStoreByCode(ctx, 'src'))!;
    expect((await metrics.dailyReport(ctx, store, '2026-03-01')).trafficSources.state).toBe('no_baseline');
    const none = (await metrics.dailyReport(ctx, store, '2026-02-20')).trafficSources;
    expect(none).toMatchObject({ state: 'no_data', total: null, top: null, sources: [], products: [] });
    const drill = await metrics.productTrend(ctx, storeId, '600123456789', '2026-02-01', '2026-03-01');
    expect(drill.sources.map((s) => [s.source, s.visitors])).toEqual([
      ['手淘搜索', 980],
      ['直通车', 410],
    ]);
  });

  it('rebuild recomputes the source rollup from the facts', async () => {
    await ctx.database.db.execute(sql.raw(`delete from metric_source_daily where store_id = '${storeId}'`));
    const r = await metrics.rebuild(ctx, storeId, '2026-03-01', '2026-03-01');
    expect(r.sourceRows).toBe(13);
  });
});
