import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { acquireDataDirLock } from './lock';
import { listTables, migrateDatabase } from './migrate';
import { createEmptyPgDatabase, testEngine } from './test-helpers';

const engine = testEngine();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'storeops-mig-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe(`migrations on ${engine}`, () => {
  it('apply to an empty database and again without error or change', async () => {
    let url: string | null = null;
    let drop: (() => Promise<void>) | null = null;
    if (engine === 'postgres') {
      const created = await createEmptyPgDatabase();
      url = created.url;
      drop = created.drop;
    }
    const open = () =>
      url ? openDatabase({ engine: 'postgres', url }) : openDatabase({ engine: 'pglite', dataDir: dir });
    const dir = tmp();
    try {
      const first = await open();
      await migrateDatabase(first);
      const tables = await listTables(first);
      expect(tables).toEqual(
        expect.arrayContaining(['stores', 'people', 'store_members', 'sessions', 'audit_log']),
      );
      await migrateDatabase(first); // twice in one process
      await first.close();
      const second = await open(); // and again after a restart
      await migrateDatabase(second);
      expect(await listTables(second)).toEqual(tables);
      const r = (await second.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as {
        rows: { n: number }[];
      };
      expect(r.rows[0].n).toBeGreaterThan(0);
      await second.close();
    } finally {
      await drop?.();
    }
  });

  it.runIf(engine === 'postgres')('let two servers start at once (advisory lock)', async () => {
    const { url, drop } = await createEmptyPgDatabase();
    try {
      const a = await openDatabase({ engine: 'postgres', url });
      const b = await openDatabase({ engine: 'postgres', url });
      await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      expect(await listTables(a)).toContain('stores');
      await a.close();
      await b.close();
    } finally {
      await drop();
    }
  });
});

describe.runIf(engine === 'pglite')('the data-directory lock', () => {
  it('refuses a second process on the same directory with a clear message', async () => {
    const dir = tmp();
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    try {
      const child = spawn(process.execPath, ['bin/storeops.mjs', 'migrate', '--data', dir], {
        stdio: 'pipe',
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
      expect(code).toBe(1);
      expect(stderr).toContain(`pid ${process.pid}`);
      expect(stderr).toContain('正被另一个 StoreOps 进程');
    } finally {
      await database.close();
    }
    // Released on close: the directory opens again.
    const again = await openDatabase({ engine: 'pglite', dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'storeops.lock'), '999999\n');
    const lock = acquireDataDirLock(dir);
    lock.release();
  });
});
