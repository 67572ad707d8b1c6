import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows, encodeCopyRows } from './copy';
import { openTestDatabase, testEngine } from './test-helpers';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(
    sql`create table copy_probe (id text primary key, amount bigint, at timestamptz, ok boolean, tags text[], doc jsonb, note text)`,
  );
});
afterAll(async () => database?.dispose());

describe(`COPY on ${testEngine()}`, () => {
  it('loads awkward text exactly: tabs, newlines, backslashes, Chinese, emoji, nulls', async () => {
    const rows = [
      [
        '35153131473293579',
        123450,
        new Date('2026-11-25T00:30:00Z'),
        true,
        ['a', 'b"c', null],
        { k: '值\t1' },
        'line1\nline2\\x\ttab\r',
      ],
      ['2', -1, null, false, [], null, null],
      [
        '3',
        0,
        new Date('2026-02-28T16:00:00Z'),
        null,
        null,
        JSON.stringify([1, 2]),
        '广东省 广州市 越秀区 xx路xx号(510180) 😀',
      ],
    ];
    await copyRows(database, 'copy_probe', ['id', 'amount', 'at', 'ok', 'tags', 'doc', 'note'], rows);
    const r = (await database.db.execute(sql`select * from copy_probe order by id`)) as unknown as {
      rows: Record<string, unknown>[];
    };
    expect(r.rows).toHaveLength(3);
    const byId = Object.fromEntries(r.rows.map((x) => [x.id, x]));
    expect(Number(byId['35153131473293579'].amount)).toBe(123450);
    expect(new Date(byId['35153131473293579'].at as string).toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(byId['35153131473293579'].tags).toEqual(['a', 'b"c', null]);
    expect(byId['35153131473293579'].doc).toEqual({ k: '值\t1' });
    expect(byId['35153131473293579'].note).toBe('line1\nline2\\x\ttab\r');
    expect(byId['2'].at).toBeNull();
    expect(byId['2'].tags).toEqual([]);
    expect(byId['3'].note).toBe('广东省 广州市 越秀区 xx路xx号(510180) 😀');
  });

  it('encodes nothing for no rows', () => {
    expect(encodeCopyRows([])).toBe('');
  });
});
