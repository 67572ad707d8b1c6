/**
 * import-orders / reimport-orders: a 1 M-row GBK order export (`storeops demo --scale large`)
 * through the real pipeline, on PGlite and on PostgreSQL, against the physical floor measured in
 * the same run: a plain COPY of the same rows into the same table (same indexes).
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/core/config';
import type { Ctx } from '../src/core/context';
import { systemClock } from '../src/core/time';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { setUp } from '../src/modules/team/team.service';
import { simulateStore } from '../src/simulator';
import { childEnv } from './lib/child-env';

export type BenchOptions = { scale: 'small' | 'medium' | 'large'; pgUrl: string | null; workDir: string };

async function orderExport(opts: BenchOptions): Promise<{ file: string; rows: number }> {
  const dir = join(opts.workDir, `sim-${opts.scale}`);
  const find = () =>
    existsSync(dir) ? readdirSync(dir).find((f) => /^ExportOrderList\d+\.csv$/.test(f)) : undefined;
  if (!find()) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
    await simulateStore({ outDir: dir, days: 365, seed: 20261124, scale: opts.scale });
    console.error(`simulated ${opts.scale} store in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const file = join(dir, find()!);
  return { file, rows: 0 };
}

function childImport(engine: string, target: string, file: string) {
  const r = spawnSync(
    process.execPath,
    ['bin/run-ts.mjs', 'bench/lib/child-import.ts', engine, target, 'bench', file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: childEnv(),
    },
  );
  if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
  // STOREOPS_IMPORT_TRACE=1: the child's phase timings, shown here.
  for (const line of r.stderr.split('\n'))
    if (line.startsWith('trace ')) console.error(`  ${engine} ${line}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    result: {
      rows: number;
      inserted: number;
      updated: number;
      unchanged: number;
      status: string;
      rejectedCount: number;
      durationMs: number;
    };
    ms: number;
    maxRssMB: number;
  };
}

async function freshDatabase(
  engine: 'pglite' | 'postgres',
  opts: BenchOptions,
): Promise<{ target: string; database: Database; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dataDir = join(opts.workDir, `pglite-${Date.now()}`);
    const database = await openDatabase({ engine: 'pglite', dataDir });
    return { target: dataDir, database, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `storeops_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: opts.pgUrl! });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(opts.pgUrl!);
  u.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: u.toString() });
  return {
    target: u.toString(),
    database,
    drop: async () => {
      const a = new pg.Client({ connectionString: opts.pgUrl! });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** utime + stime of a local process, in clock ticks (null when it is not on this machine). */
function processTicks(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}

/**
 * The floor: the imported rows, dumped with COPY TO, loaded again with a plain COPY FROM into an
 * empty twin of the orders table (same columns, same indexes). Streams through a file: a large
 * store does not fit one string.
 */
async function copyFloor(database: Database, workDir: string): Promise<{ ms: number; rows: number }> {
  const db = database.db;
  await db.execute(sql`create table orders_floor (like orders including all)`);
  let ms: number;
  if (database.engine === 'pglite') {
    const dumped = await database.pglite!.query(`COPY orders TO '/dev/blob'`);
    const blob = dumped.blob!;
    const t0 = performance.now();
    await database.pglite!.query(`COPY orders_floor FROM '/dev/blob'`, [], { blob });
    ms = performance.now() - t0;
  } else {
    const { to, from } = await import('pg-copy-streams');
    const file = join(workDir, 'orders-floor.copy');
    const client = await database.pool!.connect();
    try {
      await pipeline(client.query(to('COPY orders TO STDOUT')), createWriteStream(file));
      const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      const ticks0 = processTicks(pid);
      const t0 = performance.now();
      await pipeline(
        createReadStream(file, { highWaterMark: 1 << 20 }),
        client.query(from('COPY orders_floor FROM STDIN')),
      );
      ms = performance.now() - t0;
      const ticks1 = processTicks(pid);
      if (ticks0 !== null && ticks1 !== null)
        console.error(`  postgres trace floor COPY: server cpu ${((ticks1 - ticks0) / 100).toFixed(1)} s`);
    } finally {
      client.release();
      rmSync(file, { force: true });
    }
  }
  const n = (
    (await db.execute(sql`select count(*)::int as n from orders_floor`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0].n;
  await db.execute(sql`drop table orders_floor`);
  return { ms, rows: Number(n) };
}

export async function benchImportOrders(opts: BenchOptions) {
  const { file } = await orderExport(opts);
  const bytes = statSync(file).size;
  // STOREOPS_BENCH_ENGINES=postgres (or pglite): one engine only, e.g. to repeat a figure.
  const only = process.env.STOREOPS_BENCH_ENGINES?.split(',');
  const engines = ((opts.pgUrl ? ['pglite', 'postgres'] : ['pglite']) as ('pglite' | 'postgres')[]).filter(
    (e) => !only || only.includes(e),
  );
  const results: Record<string, unknown>[] = [];
  for (const engine of engines) {
    const fresh = await freshDatabase(engine, opts);
    await migrateDatabase(fresh.database);
    const ctx: Ctx = {
      database: fresh.database,
      clock: systemClock,
      config: loadConfig({}, { dataDir: opts.workDir }),
    };
    await setUp(ctx, {
      organizationName: 'bench',
      store: { code: 'bench', name: '基准店', platform: 'tmall' },
      owner: { login: 'bench', displayName: 'bench', password: 'bench-password' },
    });
    await fresh.database.close(); // the child opens it (PGlite: one process at a time)

    const first = childImport(engine, fresh.target, file);
    console.error(`${engine} import: ${JSON.stringify(first)}`);
    // A re-export: the same rows in other bytes (so it is not short-cut as a duplicate file).
    const again = join(opts.workDir, 'ExportOrderList-reexport.csv');
    copyFileSync(file, again);
    appendFileSync(again, '\r\n');
    const second = childImport(engine, fresh.target, again);
    console.error(`${engine} reimport: ${JSON.stringify(second)}`);
    const duplicate = childImport(engine, fresh.target, file);

    const reopened =
      engine === 'pglite'
        ? await openDatabase({ engine, dataDir: fresh.target })
        : await openDatabase({ engine, url: fresh.target });
    const floor = await copyFloor(reopened, opts.workDir);
    await reopened.close();
    await fresh.drop();

    const row = {
      engine,
      file: file.split('/').pop(),
      fileMB: +(bytes / 1048576).toFixed(1),
      rows: first.result.rows,
      import: {
        seconds: +(first.ms / 1000).toFixed(2),
        rowsPerSecond: Math.round(first.result.rows / (first.ms / 1000)),
        // Up to the commit (facts and report landed); the rest is the modules' after-import
        // work (rollups, queues) that the import waits for.
        committedSeconds: +(first.result.durationMs / 1000).toFixed(2),
        peakRssMB: Math.round(first.maxRssMB),
        inserted: first.result.inserted,
        status: first.result.status,
      },
      reimport: {
        seconds: +(second.ms / 1000).toFixed(2),
        unchanged: second.result.unchanged,
        peakRssMB: Math.round(second.maxRssMB),
        ratioToFirstImport: +(second.ms / first.ms).toFixed(2),
      },
      duplicateFile: { seconds: +(duplicate.ms / 1000).toFixed(2), status: duplicate.result.status },
      baseline: {
        what: 'COPY of the same rows into an empty twin of the orders table (same indexes)',
        seconds: +(floor.ms / 1000).toFixed(2),
        rows: floor.rows,
      },
      ratioToCopy: +(first.ms / floor.ms).toFixed(2),
      ratioToCopyAtCommit: +(first.result.durationMs / floor.ms).toFixed(2),
      targets: { ratioToCopy: 2.0, peakRssMB: 400, reimportRatio: 1.0 },
    };
    results.push(row);
    console.error(JSON.stringify(row));
  }
  return results;
}
