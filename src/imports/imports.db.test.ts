import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config';
import type { Ctx } from '../core/context';
import { fixedClock } from '../core/time';
import { openTestDatabase, testEngine } from '../db/test-helpers';
import * as team from '../modules/team/team.service';
import { takeFollowerErrors } from './after-import';
import { importFile, SINKS } from './imports.service';

const FIX = 'test/fixtures';
let ctx: Ctx;
let dispose: () => Promise<void>;
let storeA: string;
let storeB: string;
let storeC: string;
const tmp = mkdtempSync(join(tmpdir(), 'storeops-imp-'));

async function count(table: string, storeId: string): Promise<number> {
  const r = (await ctx.database.db.execute(
    sql.raw(`select count(*)::int as n from ${table} where store_id = '${storeId}'`),
  )) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0].n);
}

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '测试公司',
    store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
    owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  await team.createStore(ctx, actor, { code: 'beta', name: '京东店', platform: 'jd' });
  storeA = (await team.findStoreByCode(ctx, 'alpha'))!.id;
  storeB = (await team.findStoreByCode(ctx, 'beta'))!.id;
  await team.createStore(ctx, actor, { code: 'gamma', name: '测试专营店', platform: 'tmall' });
  storeC = (await team.findStoreByCode(ctx, 'gamma'))!.id;
}, 120_000);

// A follower that fails is logged and the import stays done: here it fails the test.
afterEach(() => {
  expect(takeFollowerErrors()).toEqual([]);
});

afterAll(async () => {
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

const goodFixtures = readdirSync(FIX)
  .filter((d) => d !== 'bad')
  .flatMap((kind) => readdirSync(join(FIX, kind)).map((f) => ({ kind, file: join(FIX, kind, f) })));

describe(`importing platform files on ${testEngine()}`, () => {
  it('reports a failing after-import follower on the result (the import itself stays done)', async () => {
    // The orders module's checks write order_checks: without the table its follower fails.
    await ctx.database.db.execute(sql`alter table order_checks rename to order_checks_away`);
    try {
      const src = join(FIX, 'taobao-orders', 'ExportOrderList201911221800.csv');
      const copy = join(tmp, 'ExportOrderList201911200800.csv');
      writeFileSync(copy, Buffer.concat([readFileSync(src), Buffer.from('\r\n\r\n')]));
      const r = await importFile(ctx, { storeId: storeC, personId: null, kind: 'taobao-orders', path: copy });
      expect(r.status).toBe('done');
      expect(r.followerErrors.map((e) => e.name)).toEqual(['orders']);
      expect(r.followerErrors[0]!.error).toMatch(/order_checks/);
      expect(takeFollowerErrors()).toEqual(r.followerErrors);
    } finally {
      await ctx.database.db.execute(sql`alter table order_checks_away rename to order_checks`);
    }
  });

  it.each(goodFixtures)(
    'imports $file as $kind, detected from its name and headers',
    async ({ kind, file }) => {
      const r = await importFile(ctx, { storeId: storeA, personId: null, kind: 'auto', path: file });
      expect(r.error, JSON.stringify(r.rejected.slice(0, 3))).toBeNull();
      expect(r.status).toBe('done');
      expect(r.kind).toBe(kind);
      expect(r.rows).toBeGreaterThan(0);
      expect(r.rejectedCount).toBe(0);
      expect(r.inserted + r.updated + r.unchanged).toBe(r.rows);
      expect(await count(SINKS[kind as keyof typeof SINKS].tableName, storeA)).toBeGreaterThan(0);
    },
  );

  it('parses in a worker thread when asked to, with the same result', async () => {
    const src = join(
      FIX,
      'taobao-refunds',
      readdirSync(join(FIX, 'taobao-refunds')).find((f) => f.endsWith('.csv'))!,
    );
    const copy = join(tmp, 'refunds-worker.csv');
    writeFileSync(copy, Buffer.concat([readFileSync(src), Buffer.from('\r\n\r\n\r\n\r\n\r\n')]));
    process.env.STOREOPS_PARSE_WORKER = '1';
    try {
      const r = await importFile(ctx, { storeId: storeA, personId: null, kind: 'auto', path: copy });
      expect(r.status).toBe('done');
      expect(r.kind).toBe('taobao-refunds');
      expect(r.inserted + r.updated + r.unchanged).toBe(r.rows);
      const bad = await importFile(ctx, {
        storeId: storeA,
        personId: null,
        kind: 'taobao-orders',
        path: join(FIX, 'bad', 'orders-money-abc.csv'),
      });
      expect(bad.status).toBe('rejected');
      expect(bad.rejected[0]).toMatchObject({ row: 3, column: '买家实际支付金额' });
      const other = join(tmp, 'refunds-worker-2.csv');
      writeFileSync(other, Buffer.concat([readFileSync(copy), Buffer.from('\r\n')]));
      const wrong = await importFile(ctx, { storeId: storeA, personId: null, kind: 'reviews', path: other });
      expect(wrong.error?.code).toBe('import.wrong_kind');
    } finally {
      delete process.env.STOREOPS_PARSE_WORKER;
    }
  });

  it('reports the same file again as a duplicate and writes nothing', async () => {
    const file = join(FIX, 'taobao-orders', 'ExportOrderList201911221800.csv');
    const before = await count('orders', storeA);
    const r = await importFile(ctx, { storeId: storeA, personId: null, kind: 'auto', path: file });
    expect(r.status).toBe('duplicate');
    expect(r.duplicateOf).not.toBeNull();
    expect(r.unchanged).toBe(r.rows);
    expect(await count('orders', storeA)).toBe(before);
  });

  it('finds every row unchanged in a re-export with the same content', async () => {
    const src = join(FIX, 'taobao-orders', 'ExportOrderList201911221800.csv');
    const copy = join(tmp, 'ExportOrderList201911230900.csv');
    writeFileSync(copy, Buffer.concat([readFileSync(src), Buffer.from('\r\n')])); // other bytes, same rows
    const r = await importFile(ctx, { storeId: storeA, personId: null, kind: 'taobao-orders', path: copy });
    expect(r.status).toBe('done');
    expect(r.inserted).toBe(0);
    expect(r.updated).toBe(0);
    expect(r.unchanged).toBe(r.rows);
  });

  it('updates the status from a newer export and keeps the status history', async () => {
    const src = join(FIX, 'taobao-orders', 'ExportOrderList201911221800.csv');
    const raw = readFileSync(src);
    const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    const text = bom ? raw.subarray(3).toString('utf8') : iconv.decode(raw, 'gb18030');
    const unpaid = text.split('\r\n').filter((l) => l.includes('等待买家付款'));
    expect(unpaid.length).toBeGreaterThan(0);
    const newer = text.replace(unpaid[0], unpaid[0].replace('等待买家付款', '交易关闭'));
    const path = join(tmp, 'ExportOrderList201911241200.csv');
    writeFileSync(
      path,
      bom ? Buffer.concat([raw.subarray(0, 3), Buffer.from(newer)]) : iconv.encode(newer, 'gb18030'),
    );
    const r = await importFile(ctx, { storeId: storeA, personId: null, kind: 'auto', path });
    expect(r.status).toBe('done');
    expect(r.updated).toBe(1);
    expect(r.unchanged).toBe(r.rows - 1);
    const h = (await ctx.database.db.execute(
      sql`select from_status, to_status from fact_status_history where store_id = ${storeA} and kind = 'taobao-orders'`,
    )) as unknown as { rows: { from_status: string; to_status: string }[] };
    expect(h.rows).toContainEqual({ from_status: 'awaiting_payment', to_status: 'closed' });
  });

  it('keeps the last row when a file lists one order twice', async () => {
    const src = join(FIX, 'taobao-orders', 'ExportOrderList201911221800.csv');
    const raw = readFileSync(src);
    const text = raw.subarray(3).toString('utf8'); // UTF-8 with BOM
    const [header, first] = text.split('\r\n');
    const id = '="77700000000000001"';
    const a = first.replace(/^="\d+"/, id);
    const b = a.replace(
      /交易成功|等待买家付款|买家已付款，等待卖家发货|卖家已发货，等待买家确认|交易关闭/,
      '交易关闭',
    );
    const path = join(tmp, 'ExportOrderList201911250000.csv');
    writeFileSync(path, `\ufeff${header}\r\n${a}\r\n${b}\r\n`);
    const r = await importFile(ctx, { storeId: storeA, personId: null, kind: 'taobao-orders', path });
    expect(r.status).toBe('done');
    expect(r.rows).toBe(2);
    expect(r.inserted).toBe(1);
    const row = (await ctx.database.db.execute(
      sql`select status from orders where store_id = ${storeA} and order_id = '77700000000000001'`,
    )) as unknown as { rows: { status: string }[] };
    expect(row.rows).toEqual([{ status: 'closed' }]);
  });

  it("learns SKUs from order lines and never overwrites the team's cost or an order's flag", async () => {
    const skus = (await ctx.database.db.execute(
      sql`select sku_code, title, price_fen from skus where store_id = ${storeA} order by sku_code`,
    )) as unknown as { rows: { sku_code: string; title: string; price_fen: number }[] };
    expect(skus.rows.length).toBeGreaterThan(0);
    expect(skus.rows.every((r) => r.title && r.sku_code)).toBe(true);
    const code = skus.rows[0].sku_code;
    await ctx.database.db.execute(
      sql`update skus set cost_fen = 1234, supplier = '义乌工厂' where store_id = ${storeA} and sku_code = ${code}`,
    );
    const [order] = (
      (await ctx.database.db.execute(
        sql`select order_id from orders where store_id = ${storeA} limit 1`,
      )) as unknown as { rows: { order_id: string }[] }
    ).rows;
    await ctx.database.db.execute(
      sql`update orders set flag_color = 'red', flagged_by = 'cs-1' where store_id = ${storeA} and order_id = ${order.order_id}`,
    );
    // Re-import every order and item file under other bytes: all rows seen again.
    for (const dir of ['taobao-orders', 'taobao-order-items']) {
      for (const f of readdirSync(join(FIX, dir))) {
        const copy = join(tmp, `again-${f}`);
        copyFileSync(join(FIX, dir, f), copy);
        if (f.endsWith('.csv'))
          writeFileSync(copy, Buffer.concat([readFileSync(copy), Buffer.from('\r\n\r\n')]));
        else continue; // an XLSX cannot take a trailing newline; its copy would be a duplicate
        const r = await importFile(ctx, {
          storeId: storeA,
          personId: null,
          kind: dir as 'taobao-orders',
          path: copy,
        });
        expect(r.status).toBe('done');
      }
    }
    const sku = (await ctx.database.db.execute(
      sql`select cost_fen, supplier from skus where store_id = ${storeA} and sku_code = ${code}`,
    )) as unknown as { rows: { cost_fen: number; supplier: string }[] };
    expect(sku.rows[0]).toEqual({ cost_fen: 1234, supplier: '义乌工厂' });
    const flagged = (await ctx.database.db.execute(
      sql`select flag_color, flagged_by from orders where store_id = ${storeA} and order_id = ${order.order_id}`,
    )) as unknown as { rows: unknown[] };
    expect(flagged.rows[0]).toEqual({ flag_color: 'red', flagged_by: 'cs-1' });
  });

  it('merges two imports into one store at once one after the other, never interleaved', async () => {
    const file = join(
      FIX,
      'taobao-refunds',
      readdirSync(join(FIX, 'taobao-refunds')).find((f) => f.endsWith('.csv'))!,
    );
    const a = join(tmp, 'refunds-a.csv');
    const b = join(tmp, 'refunds-b.csv');
    // Same rows, other bytes than the fixture and than each other (not duplicates of a file).
    writeFileSync(a, Buffer.concat([readFileSync(file), Buffer.from('\r\n\r\n\r\n')]));
    writeFileSync(b, Buffer.concat([readFileSync(file), Buffer.from('\r\n\r\n\r\n\r\n')]));
    const before = await count('refunds', storeB);
    const [ra, rb] = await Promise.all([
      importFile(ctx, { storeId: storeB, personId: null, kind: 'taobao-refunds', path: a }),
      importFile(ctx, { storeId: storeB, personId: null, kind: 'taobao-refunds', path: b }),
    ]);
    expect([ra.status, rb.status]).toEqual(['done', 'done']);
    // One of them inserted every refund, the other found them all unchanged.
    expect([ra.inserted, rb.inserted].sort()).toEqual([0, ra.rows]);
    expect(ra.inserted + rb.inserted + ra.unchanged + rb.unchanged).toBe(ra.rows + rb.rows);
    expect(await count('refunds', storeB)).toBe(before + ra.rows);
  });

  it("keeps each store's facts to itself", async () => {
    const file = join(FIX, 'jd-orders', readdirSync(join(FIX, 'jd-orders'))[0]);
    const copy = join(tmp, 'jd-copy.csv');
    copyFileSync(file, copy);
    const r = await importFile(ctx, { storeId: storeB, personId: null, kind: 'jd-orders', path: copy });
    expect(r.status).toBe('done');
    expect(r.inserted).toBe(r.rows); // the same order ids in store A do not collide
    expect(await count('jd_order_lines', storeB)).toBe(r.rows);
  });
});

describe(`bad files on ${testEngine()}`, () => {
  const bad = (name: string) => join(FIX, 'bad', name);
  const expectNothingWritten = async (fn: () => Promise<unknown>) => {
    const before = await count('orders', storeB);
    await fn();
    expect(await count('orders', storeB)).toBe(before);
  };

  it.each([
    ['orders-money-abc.csv', 'money'],
    ['orders-date-feb30.csv', 'date'],
    ['orders-float-id.csv', 'id'],
    ['orders-too-few-columns.csv', 'columns'],
    ['ExportOrderList201707159999-truncated.csv', 'truncated'],
  ])('refuses %s whole, listing the bad rows (%s)', async (name) => {
    await expectNothingWritten(async () => {
      const r = await importFile(ctx, {
        storeId: storeB,
        personId: null,
        kind: 'taobao-orders',
        path: bad(name),
      });
      expect(r.status).toBe('rejected');
      expect(r.rejectedCount).toBeGreaterThan(0);
      expect(r.rejected[0]).toMatchObject({
        row: expect.any(Number),
        message: expect.stringContaining('行'),
      });
      expect(r.inserted).toBe(0);
    });
  });

  it.each([
    ['orders-missing-columns.csv', 'import.missing_columns'],
    ['ExportOrderList202603021200-actually-refunds.csv', 'import.wrong_kind'],
    ['empty.csv', 'import.empty_file'],
  ])('refuses %s before reading rows (%s)', async (name, code) => {
    await expectNothingWritten(async () => {
      const r = await importFile(ctx, {
        storeId: storeB,
        personId: null,
        kind: 'taobao-orders',
        path: bad(name),
      });
      expect(r.status).toBe('rejected');
      expect(r.error?.code).toBe(code);
    });
  });

  it('refuses a file whose encoding breaks half-way', async () => {
    await expectNothingWritten(async () => {
      const r = await importFile(ctx, {
        storeId: storeB,
        personId: null,
        kind: 'auto',
        path: bad('orders-utf8-then-gbk.csv'),
      });
      expect(r.status).toBe('rejected');
      expect(r.error?.code).toMatch(/^import\./);
    });
  });

  it('refuses an item report with a negative quantity, naming the row', async () => {
    const r = await importFile(ctx, {
      storeId: storeB,
      personId: null,
      kind: 'auto',
      path: bad('ExportOrderDetailList201707159999-negative-quantity.csv'),
    });
    expect(r.status).toBe('rejected');
    expect(r.kind).toBe('taobao-order-items');
    expect(r.rejected[0]).toMatchObject({ column: '购买数量', value: expect.stringContaining('-') });
  });

  it('imports the good rows with allowPartial and still lists the bad ones', async () => {
    const r = await importFile(ctx, {
      storeId: storeB,
      personId: null,
      kind: 'taobao-orders',
      path: bad('orders-money-abc.csv'),
      allowPartial: true,
    });
    expect(r.status).toBe('done');
    expect(r.rejectedCount).toBeGreaterThan(0);
    expect(r.inserted + r.updated + r.unchanged).toBe(r.rows - r.rejectedCount);
  });

  it('finds the data of an XLSX on its second sheet', async () => {
    const r = await importFile(ctx, {
      storeId: storeB,
      personId: null,
      kind: 'auto',
      path: bad('orders-data-on-second-sheet.xlsx'),
    });
    expect(r.status, JSON.stringify(r.error)).toBe('done');
    expect(r.kind).toBe('taobao-orders');
  });
});
