/**
 * The one chat-account → person mapping: team.service links and resolves; the migration that
 * created it carried over service's cs_agents.person_id and the orders desk's agentLinks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock } from '../../core/time';
import { type Database, openDatabase } from '../../db/client';
import { migrateDatabase, migrationsFolder } from '../../db/migrate';
import { createEmptyPgDatabase, openTestDatabase, testEngine } from '../../db/test-helpers';
import * as team from './team.service';

type Rows<T> = { rows: T[] };

describe('chat accounts (team.service)', () => {
  let ctx: Ctx;
  let dispose: () => Promise<void>;
  let store = '';
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const database = await openTestDatabase();
    dispose = database.dispose;
    ctx = {
      database,
      clock: fixedClock('2026-12-01T06:00:00Z'),
      config: loadConfig({}, { dataDir: '/tmp/storeops-t-chatacc' }),
    };
    const owner = await team.setUp(ctx, {
      organizationName: '测试公司',
      store: { code: 'alpha', name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'secret-123' },
    });
    const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
    store = (await team.findStoreByCode(ctx, 'alpha'))!.id;
    for (const [login, displayName] of [
      ['mei', '小美(售前)'],
      ['lin', '小林'],
      ['lin2', '小林'],
    ] as const) {
      const p = await team.createPerson(ctx, actor, {
        login,
        displayName,
        password: 'secret-123',
        memberships: [{ storeCode: 'alpha', roles: ['cs_presale'] }],
      });
      ids[login] = p.id;
    }
  });
  afterAll(async () => dispose());

  it('resolves by link first, else by a unique short name; a shared name resolves to nobody', async () => {
    let r = await team.chatAccountResolver(ctx, store);
    expect(r.resolve('测试旗舰店:小美')).toBe(ids.mei);
    expect(r.resolve('测试旗舰店:小林')).toBeNull(); // two people are called 小林
    expect(r.resolve('测试旗舰店:阿强')).toBeNull();
    await team.linkChatAccounts(ctx, store, { '测试旗舰店:小林': ids.lin2!, 'alpha:客服1': ids.mei! }, null);
    r = await team.chatAccountResolver(ctx, store);
    expect(r.resolve('测试旗舰店:小林')).toBe(ids.lin2);
    expect(r.resolve('alpha:客服1')).toBe(ids.mei);
    expect(Object.fromEntries(await team.chatAccountLinks(ctx, store))).toEqual({
      '测试旗舰店:小林': ids.lin2,
      'alpha:客服1': ids.mei,
    });
    // null removes the link; the name match applies again
    await team.linkChatAccounts(ctx, store, { 'alpha:客服1': null }, null);
    r = await team.chatAccountResolver(ctx, store);
    expect(r.resolve('alpha:客服1')).toBeNull();
  });

  it('rejects a person who is not a member, naming the account, and saves nothing', async () => {
    await expect(
      team.linkChatAccounts(ctx, store, { 'alpha:客服2': ids.mei!, 'alpha:客服3': 'nobody' }, null),
    ).rejects.toMatchObject({ code: 'team.chat_account_not_member', details: { field: 'alpha:客服3' } });
    expect((await team.chatAccountLinks(ctx, store)).has('alpha:客服2')).toBe(false);
  });
});

describe(`migration to one chat-account mapping on ${testEngine()}`, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('carries over cs_agents.person_id and orders’ agentLinks (the later edit wins), then drops them', async () => {
    // A copy of the migrations without the one that made chat_accounts (and any after it).
    const folder = mkdtempSync(join(tmpdir(), 'storeops-mig-old-'));
    dirs.push(folder);
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const cut = journal.entries.findIndex((e) =>
      readFileSync(join(folder, `${e.tag}.sql`), 'utf8').includes('CREATE TABLE "chat_accounts"'),
    );
    expect(cut).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));

    let database: Database;
    let drop: (() => Promise<void>) | null = null;
    if (testEngine() === 'postgres') {
      const created = await createEmptyPgDatabase();
      drop = created.drop;
      database = await openDatabase({ engine: 'postgres', url: created.url });
      const client = await database.pool!.connect();
      try {
        await migratePg(drizzlePg(client), { migrationsFolder: folder });
      } finally {
        client.release();
      }
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'storeops-mig-data-'));
      dirs.push(dataDir);
      database = await openDatabase({ engine: 'pglite', dataDir });
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    }
    try {
      const db = database.db;
      await db.execute(sql`insert into organizations (id, name, created_at) values ('o', 'o', now())`);
      await db.execute(sql`insert into stores (id, org_id, code, name, platform, time_zone, created_at, updated_at)
        values ('s', 'o', 'alpha', 'a', 'tmall', 'Asia/Shanghai', now(), now())`);
      for (const p of ['pa', 'pb', 'pc'])
        await db.execute(sql`insert into people (id, org_id, login, display_name, password_hash, created_at, updated_at)
          values (${p}, 'o', ${p}, ${p}, 'x', now(), now())`);
      await db.execute(sql`insert into cs_agents (store_id, account, person_id, shift_code, updated_at) values
        ('s', 'shop:a', 'pa', 'day', '2026-11-01T00:00:00Z'),
        ('s', 'shop:b', 'pa', 'night', '2026-11-05T00:00:00Z'),
        ('s', 'shop:c', 'pa', 'day', '2026-11-01T00:00:00Z'),
        ('s', 'shop:d', null, 'day', '2026-11-01T00:00:00Z')`);
      await db.execute(sql`insert into order_settings (store_id, key, value, updated_by, updated_at) values
        ('s', 'agentLinks', ${JSON.stringify({ 'shop:b': 'pb', 'shop:c': 'pc', 'shop:e': 'pb', 'shop:x': 'gone' })}::jsonb, 'pc', '2026-11-03T00:00:00Z')`);

      await migrateDatabase(database);
      const rows = (
        (await db.execute(
          sql`select account, person_id, platform from chat_accounts where store_id = 's' order by account`,
        )) as unknown as Rows<{ account: string; person_id: string; platform: string }>
      ).rows;
      expect(rows).toEqual([
        { account: 'shop:a', person_id: 'pa', platform: 'tmall' },
        { account: 'shop:b', person_id: 'pa', platform: 'tmall' }, // service's edit is later
        { account: 'shop:c', person_id: 'pc', platform: 'tmall' }, // orders' edit is later
        { account: 'shop:e', person_id: 'pb', platform: 'tmall' },
      ]);
      const shifts = (
        (await db.execute(
          sql`select account, shift_code from cs_agents order by account`,
        )) as unknown as Rows<{ account: string; shift_code: string }>
      ).rows;
      expect(shifts.map((s) => s.shift_code)).toEqual(['day', 'night', 'day', 'day']); // shifts kept
      const cols = (
        (await db.execute(
          sql`select column_name from information_schema.columns where table_name = 'cs_agents'`,
        )) as unknown as Rows<{ column_name: string }>
      ).rows.map((c) => c.column_name);
      expect(cols).not.toContain('person_id');
      const left = (
        (await db.execute(
          sql`select count(*)::int as n from order_settings where key = 'agentLinks'`,
        )) as unknown as Rows<{ n: number }>
      ).rows[0]!.n;
      expect(left).toBe(0);
    } finally {
      await database.close();
      await drop?.();
    }
  });
});
