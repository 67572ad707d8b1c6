// A fresh bench database with the schema and store 'bench' (the benches' one disposable-database
// setup). Run as a script: argv engine target (pglite: dataDir; postgres: database URL whose
// database is created). `freshBenchDb` runs it in a child process and says how to drop it.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/core/config';
import type { Ctx } from '../../src/core/context';
import { systemClock } from '../../src/core/time';
import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { setUp } from '../../src/modules/team/team.service';

async function setUpBenchDb(engine: string, target: string) {
  if (engine === 'postgres') {
    const u = new URL(target);
    const name = u.pathname.slice(1);
    u.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: u.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const database =
    engine === 'postgres'
      ? await openDatabase({ engine: 'postgres', url: target })
      : await openDatabase({ engine: 'pglite', dataDir: target });
  await migrateDatabase(database);
  const ctx: Ctx = { database, clock: systemClock, config: loadConfig({}, { dataDir: '/tmp' }) };
  for (const code of ['bench'])
    await setUp(ctx, {
      organizationName: code,
      store: { code, name: code, platform: 'tmall' },
      owner: { login: code, displayName: code, password: 'bench-password' },
    });
  await database.close();
}

/**
 * A fresh bench database for the bench `kind`, made in a child process (this file), and how to
 * drop it afterwards: PGlite `<workDir>/pglite-<kind>-<tag><time>`, PostgreSQL `h_<tag>_<kind>_<time>`
 * with STOREOPS_BENCH_TAG (a helper's name: its database prefix), else `storeops_bench_<kind>_<time>`.
 */
export function freshBenchDb(
  engine: 'pglite' | 'postgres',
  opts: { workDir: string; pgUrl: string | null },
  kind: string,
): { target: string; drop: () => Promise<void> } {
  const tag = (process.env.STOREOPS_BENCH_TAG ?? '').replace(/[^a-z0-9_]/gi, '').toLowerCase();
  let target: string;
  if (engine === 'pglite') target = join(opts.workDir, `pglite-${kind}-${tag}${Date.now()}`);
  else {
    const u = new URL(opts.pgUrl!);
    u.pathname = tag ? `/h_${tag}_${kind}_${Date.now()}` : `/storeops_bench_${kind}_${Date.now()}`;
    target = u.toString();
  }
  const r = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/lib/setup-db.ts', engine, target], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${kind} bench setup failed: ${r.stderr}`);
  const drop = async () => {
    if (engine === 'pglite') return rmSync(target, { recursive: true, force: true });
    const a = new pg.Client({ connectionString: opts.pgUrl! });
    await a.connect();
    await a.query(`drop database if exists ${new URL(target).pathname.slice(1)} with (force)`);
    await a.end();
  };
  return { target, drop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [engine, target] = process.argv.slice(2);
  await setUpBenchDb(engine!, target!);
}
