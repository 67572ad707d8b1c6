/**
 * The first load of a store inserted chunk by chunk (PostgreSQL): the same outcome as one merge.
 * Batches and chunks are made tiny so that a 40-row file spans several chunks. On PGlite the same
 * files go through the one-merge path and must give the same answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config';
import type { Ctx } from '../core/context';
import { fixedClock } from '../core/time';
import { openTestDatabase, testEngine } from '../db/test-helpers';
import * as team from '../modules/team/team.service';
import { importFile } from './imports.service';
import { orderFileWriter, orderRange } from './test-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'storeops-chunks-'));
let ctx: Ctx;
let dispose: () => Promise<void>;
let storeId: string;
let actor: team.Actor;
let stores = 0;
/** A new, empty store for the next test (chunked inserts are for a store's first load). */
async function freshStore() {
  const code = `s${++stores}`;
  await team.createStore(ctx, actor, { code, name: `店${stores}`, platform: 'tmall' });
  storeId = (await team.findStoreByCode(ctx, code))!.id;
}
let tuning = { batchRows: 4, chunkRows: 8, direct: false };

const orderFile = orderFileWriter(tmp, 777000000000, '20191125');
const range = orderRange;

async function orders(): Promise<Map<string, string>> {
  const r = (await ctx.database.db.execute(
    sql`select order_id, status from orders where store_id = ${storeId}`,
  )) as unknown as { rows: { order_id: string; status: string }[] };
  return new Map(r.rows.map((x) => [x.order_id, x.status]));
}

const importOrders = (path: string, allowPartial = false) =>
  importFile(ctx, { storeId, personId: null, kind: 'taobao-orders', path, allowPartial, tuning });

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
}, 120_000);

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

// A first load on PostgreSQL goes straight into the facts (direct) unless told not to: both ways.
describe.each([
  { how: 'staged and merged in chunks', direct: false },
  { how: 'loaded straight into the facts when it can', direct: true },
])(`a file $how on ${testEngine()}`, ({ direct }) => {
  beforeAll(() => {
    tuning = { ...tuning, direct };
  });
  it('inserts, then finds a re-export unchanged, then updates only what changed', async () => {
    await freshStore();
    const first = await importOrders(orderFile(range(40)));
    expect(first).toMatchObject({ status: 'done', rows: 40, inserted: 40, updated: 0, unchanged: 0 });
    expect((await orders()).size).toBe(40);

    const again = await importOrders(orderFile(range(40)));
    expect(again).toMatchObject({ status: 'done', rows: 40, inserted: 0, updated: 0, unchanged: 40 });

    // Three orders closed, in three different chunks, and two new ones at the end.
    const newer = range(42).map(([n, s]): [number, string] => [n, [3, 17, 38].includes(n) ? '交易关闭' : s]);
    const third = await importOrders(orderFile(newer));
    expect(third).toMatchObject({ status: 'done', rows: 42, inserted: 2, updated: 3, unchanged: 37 });
    const now = await orders();
    expect(now.get('777000000017')).toBe('closed');
    const h = (await ctx.database.db.execute(
      sql`select platform_id, to_status from fact_status_history where store_id = ${storeId} order by platform_id`,
    )) as unknown as { rows: { platform_id: string; to_status: string }[] };
    expect(h.rows.map((r) => r.platform_id)).toEqual(['777000000003', '777000000017', '777000000038']);
  });

  it('keeps the last row of an order listed in two chunks, counted once', async () => {
    await freshStore();
    const rows = range(30).map(([n]): [number, string] => [100 + n, '交易成功']);
    rows.splice(2, 0, [101, '等待买家付款']); // order 101 twice in the first chunk: the later row wins
    rows.push([105, '交易关闭']); // order 105 again, 25 rows (several chunks) later
    const r = await importOrders(orderFile(rows));
    expect(r).toMatchObject({ status: 'done', rows: 32, inserted: 30, updated: 0, unchanged: 2 });
    expect((await orders()).get('777000000105')).toBe('closed');
    expect((await orders()).get('777000000101')).toBe('awaiting_payment');

    // Within a chunk only: inserted chunk by chunk.
    await freshStore();
    const once = range(30).map(([n]): [number, string] => [100 + n, '交易成功']);
    once.splice(2, 0, [101, '交易关闭']);
    const r2 = await importOrders(orderFile(once));
    expect(r2).toMatchObject({ status: 'done', rows: 31, inserted: 30, updated: 0, unchanged: 1 });
    expect((await orders()).get('777000000101')).toBe('closed');
  });

  it('refuses a file whose bad row comes after merged chunks, writing nothing', async () => {
    await freshStore();
    const before = await orders();
    const rows = range(40).map(([n]): [number, string] => [200 + n, '交易成功']);
    const r = await importOrders(orderFile(rows, [35]));
    expect(r.status).toBe('rejected');
    expect(r.rejectedCount).toBe(1);
    expect(await orders()).toEqual(before);
    const tables = (await ctx.database.db.execute(
      sql`select count(*)::int as n from information_schema.tables where table_name like 'import_stage_%'`,
    )) as unknown as { rows: { n: number }[] };
    expect(Number(tables.rows[0].n)).toBe(0);
  });

  it('imports the good rows of such a file when partial imports are allowed', async () => {
    await freshStore();
    const rows = range(40).map(([n]): [number, string] => [300 + n, '交易成功']);
    const r = await importOrders(orderFile(rows, [35]), true);
    expect(r).toMatchObject({ status: 'done', rows: 40, rejectedCount: 1, inserted: 39 });
    expect([...(await orders()).keys()].filter((k) => k.startsWith('7770000003')).length).toBe(39);
  });
});
