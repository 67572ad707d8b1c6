/**
 * Re-imports into a store that has facts: the row hash kept with each fact decides what changed.
 * On PostgreSQL a large re-import (`tuning.known`, forced here for small files) reads the store's
 * ids and hashes first and stages only the rows whose hash differs; PGlite stages every row and
 * compares hashes in the merge. Both must give the same answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../core/config';
import type { Ctx } from '../core/context';
import { fixedClock } from '../core/time';
import { openTestDatabase, testEngine } from '../db/test-helpers';
import * as team from '../modules/team/team.service';
import { takeFollowerErrors } from './after-import';
import { importFile } from './imports.service';
import { orderFileWriter, orderRange } from './test-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'storeops-reimport-'));
let ctx: Ctx;
let dispose: () => Promise<void>;
let storeId: string;
let actor: team.Actor;
let stores = 0;
async function freshStore() {
  const code = `r${++stores}`;
  await team.createStore(ctx, actor, { code, name: `店${stores}`, platform: 'tmall' });
  storeId = (await team.findStoreByCode(ctx, code))!.id;
}

const orderFile = orderFileWriter(tmp, 888000000000, '20191126');
const range = orderRange;

type Fact = { status: string; import_id: string; row_hash: number | null };
async function facts(): Promise<Map<string, Fact>> {
  const r = (await ctx.database.db.execute(
    sql`select order_id, status, import_id, row_hash from orders where store_id = ${storeId}`,
  )) as unknown as { rows: (Fact & { order_id: string })[] };
  return new Map(
    r.rows.map(({ order_id, ...f }) => [
      order_id,
      { ...f, row_hash: f.row_hash === null ? null : Number(f.row_hash) },
    ]),
  );
}

/** Imports with tiny batches; returns the result and the trace lines the import wrote. */
async function importOrders(path: string, opts: { allowPartial?: boolean; known?: boolean } = {}) {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  process.env.STOREOPS_IMPORT_TRACE = '1';
  try {
    const r = await importFile(ctx, {
      storeId,
      personId: null,
      kind: 'taobao-orders',
      path,
      allowPartial: opts.allowPartial ?? false,
      tuning: { batchRows: 4, known: opts.known ?? true },
    });
    return { ...r, trace: lines.join('') };
  } finally {
    delete process.env.STOREOPS_IMPORT_TRACE;
    spy.mockRestore();
  }
}

/** The rows a re-import left out of staging (PostgreSQL's known load), from its trace. */
const notStaged = (trace: string) => Number(/(\d+) rows known and not staged/.exec(trace)?.[1] ?? 0);
const pg = testEngine() === 'postgres';

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

afterEach(() => {
  expect(takeFollowerErrors()).toEqual([]);
});

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`re-importing orders on ${testEngine()}`, () => {
  it('keeps a hash with every imported fact and finds a re-export unchanged without writing it', async () => {
    await freshStore();
    const first = await importOrders(orderFile(range(20)));
    expect(first).toMatchObject({ status: 'done', inserted: 20 });
    const before = await facts();
    expect([...before.values()].every((f) => Number.isSafeInteger(f.row_hash) && f.row_hash! > 0)).toBe(true);
    expect(new Set([...before.values()].map((f) => f.row_hash)).size).toBe(20);

    const again = await importOrders(orderFile(range(20)));
    expect(again).toMatchObject({ status: 'done', rows: 20, inserted: 0, updated: 0, unchanged: 20 });
    expect(await facts()).toEqual(before); // not even import_id changed
    if (pg) expect(notStaged(again.trace)).toBe(20);
  });

  it('updates the changed rows, inserts the new ones and keeps the status history', async () => {
    await freshStore();
    await importOrders(orderFile(range(20)));
    const before = await facts();
    const newer = range(22).map(([n, s]): [number, string] => [n, [3, 11].includes(n) ? '交易关闭' : s]);
    const r = await importOrders(orderFile(newer));
    expect(r).toMatchObject({ status: 'done', rows: 22, inserted: 2, updated: 2, unchanged: 18 });
    if (pg) expect(notStaged(r.trace)).toBe(18);
    const after = await facts();
    expect(after.get('888000000003')!.status).toBe('closed');
    expect(after.get('888000000003')!.import_id).toBe(r.id);
    expect(after.get('888000000003')!.row_hash).not.toBe(before.get('888000000003')!.row_hash);
    expect(after.get('888000000004')).toEqual(before.get('888000000004'));
    const h = (await ctx.database.db.execute(
      sql`select platform_id, from_status, to_status from fact_status_history where store_id = ${storeId} order by platform_id`,
    )) as unknown as { rows: unknown[] };
    expect(h.rows).toEqual([
      { platform_id: '888000000003', from_status: 'completed', to_status: 'closed' },
      { platform_id: '888000000011', from_status: 'completed', to_status: 'closed' },
    ]);
    // And back: the earlier values again are a change again.
    const back = await importOrders(orderFile(range(22)));
    expect(back).toMatchObject({ status: 'done', inserted: 0, updated: 2, unchanged: 20 });
    expect((await facts()).get('888000000003')!.status).toBe(before.get('888000000003')!.status);
  });

  it('lets the last row of an order listed twice win, whether that row is the changed one or not', async () => {
    await freshStore();
    await importOrders(orderFile(range(12)));
    // Order 1 closed early in the file, then listed again as it is (batches of 4: two batches later).
    const a = range(12);
    a.push([1, '交易成功']);
    a[1] = [1, '交易关闭'];
    const ra = await importOrders(orderFile(a));
    expect(ra).toMatchObject({ status: 'done', rows: 13, inserted: 0, updated: 0 });
    expect((await facts()).get('888000000001')!.status).toBe('completed');
    // Listed as it is first, closed at the end: closed.
    const b = range(12);
    b.push([1, '交易关闭']);
    const rb = await importOrders(orderFile(b));
    expect(rb).toMatchObject({ status: 'done', rows: 13, inserted: 0, updated: 1 });
    expect((await facts()).get('888000000001')!.status).toBe('closed');
  });

  it('compares facts written without a hash column by column, and only fills their hash in', async () => {
    await freshStore();
    const first = await importOrders(orderFile(range(10)));
    const hashes = await facts();
    await ctx.database.db.execute(sql`update orders set row_hash = null where store_id = ${storeId}`);
    await ctx.database.db.execute(
      sql`update orders set status = 'closed' where store_id = ${storeId} and order_id = '888000000007'`,
    );
    const r = await importOrders(orderFile(range(10)));
    expect(r).toMatchObject({ status: 'done', inserted: 0, updated: 1, unchanged: 9 });
    if (pg) expect(notStaged(r.trace)).toBe(0);
    const after = await facts();
    for (const [id, f] of after) {
      expect(f.row_hash).toBe(hashes.get(id)!.row_hash);
      expect(f.import_id).toBe(id === '888000000007' ? r.id : first.id);
    }
    expect(after.get('888000000007')!.status).toBe('completed');
  });

  it('writes nothing from a re-export with a rejected row, and the store takes the next import', async () => {
    await freshStore();
    await importOrders(orderFile(range(10)));
    const before = await facts();
    const changed = range(12).map(([n, s]): [number, string] => [n, n === 2 ? '交易关闭' : s]);
    const r = await importOrders(orderFile(changed, [9]));
    expect(r).toMatchObject({ status: 'rejected', rejectedCount: 1 });
    expect(await facts()).toEqual(before);
    const next = await importOrders(orderFile(changed, [9]), { allowPartial: true });
    expect(next).toMatchObject({
      status: 'done',
      rows: 12,
      rejectedCount: 1,
      inserted: 2,
      updated: 1,
      unchanged: 8,
    });
    const tables = (await ctx.database.db.execute(
      sql`select count(*)::int as n from information_schema.tables where table_name like 'import_stage_%'`,
    )) as unknown as { rows: { n: number }[] };
    expect(Number(tables.rows[0].n)).toBe(0);
  });

  it('gives the same answers without reading the known rows first', async () => {
    await freshStore();
    await importOrders(orderFile(range(10)), { known: false });
    const newer = range(11).map(([n, s]): [number, string] => [n, n === 5 ? '交易关闭' : s]);
    const r = await importOrders(orderFile(newer), { known: false });
    expect(r).toMatchObject({ status: 'done', inserted: 1, updated: 1, unchanged: 9 });
    expect(notStaged(r.trace)).toBe(0);
  });
});
