/**
 * report-daily: the morning report (GET /api/v1/stores/:code/metrics/report) on a warm server
 * against the equivalent plain SQL over the raw facts, measured in the same run on the same
 * database; and the incremental rollup after importing one more day's files.
 *
 * The report endpoint answers from a finished-report cache keyed by the rollups' and the findings'
 * stamps (one query per request); `computeUncached` is the report computed without that cache,
 * `authFloor` the cheapest authenticated request on the same server.
 * The plain-SQL baseline computes what the report needs without the rollups: the store's daily
 * figures over the report's window (a year back for "same period last year" plus the 8-week
 * baseline: 372 days), grouped from orders, refunds, reviews, ad reports and the 生意参谋 tables,
 * and the product figures of the day and the same weekday a week earlier from the order lines.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/core/config';
import type { Ctx } from '../src/core/context';
import { addDays, startOfBusinessDate, systemClock } from '../src/core/time';
import { type Database, openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { importFile } from '../src/imports/imports.service';
import { dailyReport, onImported, rollupRunOf } from '../src/modules/metrics/metrics.service';
import * as team from '../src/modules/team/team.service';
import { buildApp } from '../src/server/app';
import { type Manifest, simulateStore } from '../src/simulator';

export type ReportBenchOptions = {
  scale: 'small' | 'medium' | 'large';
  days: number;
  pgUrl: string | null;
  workDir: string;
  requests?: number;
  /** The simulator's expected orders per ordinary weekday (default: the scale's). */
  ordersPerDay?: number;
  /** Only these engines (default: PGlite, and PostgreSQL when pgUrl is set). */
  engines?: ('pglite' | 'postgres')[];
  /**
   * PostgreSQL only: keep the imported history in this database (created and imported on the
   * first run, migrated and reused by later ones) and run each measurement in a fresh copy of it
   * (`CREATE DATABASE <keepDb>_run TEMPLATE <keepDb>`, dropped at the end), so the next-day
   * import never lands in the kept one.
   */
  keepDb?: string;
};

const ROLLUP_KINDS = new Set([
  'taobao-orders',
  'taobao-order-items',
  'taobao-refunds',
  'reviews',
  'ads',
  'store-metrics',
  'product-metrics',
  'industry-metrics',
  'competitor-metrics',
]);
const END = '2026-11-24';

async function simulated(opts: ReportBenchOptions, days: number, seed: number, endDate: string, tag: string) {
  const opd = opts.ordersPerDay ? `-${opts.ordersPerDay}opd` : '';
  const dir = join(opts.workDir, `report-${opts.scale}${opd}-${tag}`);
  if (!existsSync(join(dir, 'manifest.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
    await simulateStore({
      outDir: dir,
      days,
      seed,
      scale: opts.scale,
      endDate,
      ...(opts.ordersPerDay ? { ordersPerDay: opts.ordersPerDay } : {}),
    });
    console.error(
      `simulated ${opts.scale} × ${days} days in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  // The 7-day XLSX order slice repeats the CSV's orders: import the CSV only.
  return manifest.files
    .filter((f) => ROLLUP_KINDS.has(f.kind) && !(f.kind === 'taobao-orders' && f.path.endsWith('.xlsx')))
    .map((f) => join(dir, f.path.split('/').pop()!));
}

async function adminQuery(pgUrl: string, text: string) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    return await admin.query(text);
  } finally {
    await admin.end();
  }
}

function dbUrl(pgUrl: string, name: string) {
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freshDatabase(engine: 'pglite' | 'postgres', opts: ReportBenchOptions) {
  if (engine === 'pglite') {
    const dataDir = join(opts.workDir, `report-pglite-${Date.now()}`);
    const database = await openDatabase({ engine: 'pglite', dataDir });
    return { database, drop: async () => rmSync(dataDir, { recursive: true, force: true }), kept: false };
  }
  const name = `storeops_bench_report_${Date.now()}`;
  await adminQuery(opts.pgUrl!, `create database ${name}`);
  const database = await openDatabase({ engine: 'postgres', url: dbUrl(opts.pgUrl!, name) });
  return {
    database,
    drop: () => adminQuery(opts.pgUrl!, `drop database if exists ${name} with (force)`).then(() => {}),
    kept: false,
  };
}

/**
 * `--keep-db NAME` (PostgreSQL): the kept database if it holds an imported history (migrated to
 * this code first), else a new one the caller imports into; then a copy of it to measure in.
 */
async function keptDatabase(opts: ReportBenchOptions, importHistory: (database: Database) => Promise<void>) {
  const name = opts.keepDb!;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--keep-db: not a plain database name: ${name}`);
  const pgUrl = opts.pgUrl!;
  const exists = (await adminQuery(pgUrl, `select 1 from pg_database where datname = '${name}'`)).rowCount;
  if (!exists) await adminQuery(pgUrl, `create database ${name}`);
  const kept = await openDatabase({ engine: 'postgres', url: dbUrl(pgUrl, name) });
  await migrateDatabase(kept);
  const [{ n }] = (
    (await kept.db.execute(
      sql`select count(*)::int as n from import_runs where status = 'done'`,
    )) as unknown as { rows: { n: number }[] }
  ).rows;
  if (n === 0) await importHistory(kept);
  else console.error(`postgres: reusing ${name} (${n} imports)`);
  await kept.close();
  const copy = `${name}_run`;
  await adminQuery(pgUrl, `drop database if exists ${copy} with (force)`);
  const t0 = performance.now();
  await adminQuery(pgUrl, `create database ${copy} template ${name}`);
  console.error(`postgres: copied ${name} → ${copy} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // STOREOPS_BENCH_PG_LOG_MS=N: the server logs the copy's statements slower than N ms (to find them).
  const logMs = Number(process.env.STOREOPS_BENCH_PG_LOG_MS ?? '');
  if (logMs > 0) await adminQuery(pgUrl, `alter database ${copy} set log_min_duration_statement = ${logMs}`);
  const database = await openDatabase({ engine: 'postgres', url: dbUrl(pgUrl, copy) });
  return {
    database,
    drop: () => adminQuery(pgUrl, `drop database if exists ${copy} with (force)`).then(() => {}),
    kept: n > 0,
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/** The report's figures straight from the facts (no rollups). */
async function plainSql(database: Database, storeId: string, date: string) {
  const tz = 'Asia/Shanghai';
  const from = addDays(date, -371);
  const t0 = startOfBusinessDate(from, tz).toISOString();
  const t1 = startOfBusinessDate(addDays(date, 1), tz).toISOString();
  const day = (c: string) => `((${c}) at time zone '${tz}')::date`;
  const rng = (c: string) => `${c} >= '${t0}' and ${c} < '${t1}'`;
  const s = `'${storeId}'`;
  const q1 = `with o as (select ${day('paid_at')} as date, sum(paid_amount_fen) amt, count(*) n,
        count(distinct coalesce(buyer_account, order_id)) buyers, sum(item_quantity) items
      from orders where store_id = ${s} and ${rng('paid_at')} group by 1),
    rf as (select ${day('refund_finished_at')} as date, count(*) n, sum(refund_amount_fen) amt
      from refunds where store_id = ${s} and status = 'succeeded' and ${rng('refund_finished_at')} group by 1),
    rv as (select ${day('reviewed_at')} as date, count(*) filter (where sentiment = 'bad') bad, count(*) n
      from reviews where store_id = ${s} and ${rng('reviewed_at')} group by 1),
    ad as (select date, sum(spend_fen) spend from ad_reports where store_id = ${s} and level = 'plan'
      and date between '${from}' and '${date}' group by 1),
    sm as (select date, max(visitors) v, max(paid_amount_fen) amt, max(paid_buyers) b from store_daily_metrics
      where store_id = ${s} and date between '${from}' and '${date}' group by 1),
    ind as (select date, sum(visitors) v, sum(paid_amount_fen) amt from industry_daily_metrics
      where store_id = ${s} and date between '${from}' and '${date}' group by 1)
    select * from o full join rf using (date) full join rv using (date) full join ad using (date)
      full join sm using (date) full join ind using (date) order by date`;
  const d0 = startOfBusinessDate(addDays(date, -7), tz).toISOString();
  const d1 = startOfBusinessDate(addDays(date, -6), tz).toISOString();
  const e0 = startOfBusinessDate(date, tz).toISOString();
  const q2 = `select ${day('paid_at')} as date, item_id, sum(paid_amount_fen), count(distinct order_id), sum(quantity)
    from order_items where store_id = ${s} and ((paid_at >= '${d0}' and paid_at < '${d1}') or (paid_at >= '${e0}' and paid_at < '${t1}'))
    group by 1, 2`;
  await database.db.execute(sql.raw(q1));
  await database.db.execute(sql.raw(q2));
}

export async function benchReportDaily(opts: ReportBenchOptions) {
  const files = await simulated(opts, opts.days, 20261124, END, `${opts.days}d`);
  const nextDay = await simulated(opts, 1, 20261125, addDays(END, 1), 'next-day');
  const engines: ('pglite' | 'postgres')[] =
    opts.engines ?? (opts.pgUrl ? ['pglite', 'postgres'] : ['pglite']);
  if (engines.includes('postgres') && !opts.pgUrl) throw new Error('postgres needs STOREOPS_BENCH_PG_URL');
  const results: Record<string, unknown>[] = [];
  for (const engine of engines) {
    const config = loadConfig({}, { dataDir: opts.workDir });
    const rejected: Record<string, number> = {};
    let importMs = 0;
    // The store and its history, imported through the pipeline (rollups by the follower).
    const importHistory = async (database: Database) => {
      const hctx: Ctx = { database, clock: systemClock, config };
      await team.setUp(hctx, {
        organizationName: 'bench',
        store: { code: 'bench', name: '测试旗舰店', platform: 'tmall' },
        owner: { login: 'boss', displayName: 'boss', password: 'bench-password-1' },
      });
      const hstore = (await team.findStoreByCode(hctx, 'bench'))!;
      const t0 = performance.now();
      for (const f of files) {
        // Partial imports allowed: a large simulated review file has a few rows the importer refuses.
        const r = await importFile(hctx, {
          storeId: hstore.id,
          personId: null,
          kind: 'auto',
          path: f,
          allowPartial: true,
        });
        if (r.status !== 'done') throw new Error(`${f}: ${r.status} ${JSON.stringify(r.error)}`);
        if (r.rejectedCount) rejected[r.kind ?? f] = r.rejectedCount;
        console.error(
          `${engine}: ${r.kind} ${r.rows} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        );
      }
      importMs = performance.now() - t0;
    };
    let fresh: { database: Database; drop: () => Promise<void>; kept: boolean };
    if (engine === 'postgres' && opts.keepDb) fresh = await keptDatabase(opts, importHistory);
    else {
      fresh = await freshDatabase(engine, opts);
      await migrateDatabase(fresh.database);
      await importHistory(fresh.database);
    }
    const ctx: Ctx = { database: fresh.database, clock: systemClock, config };
    const store = (await team.findStoreByCode(ctx, 'bench'))!;
    const [{ n }] = (
      (await ctx.database.db.execute(sql`select count(*)::int as n from orders`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    console.error(
      fresh.kept
        ? `${engine}: ${n} orders (history kept from an earlier run)`
        : `${engine}: imported ${n} orders with rollups in ${(importMs / 1000).toFixed(1)} s`,
    );

    // The warm server.
    const app = await buildApp({ ctx, webDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const { token } = await team.createApiToken(ctx, (await team.cliActor(ctx))!, 'bench');
    const headers = { authorization: `Bearer ${token}` };
    const dates = Array.from({ length: 30 }, (_, i) => addDays(END, -i));
    const get = async (d: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/stores/bench/metrics/report?date=${d}`, {
        headers,
      });
      if (res.status !== 200) throw new Error(`report ${d}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    for (let i = 0; i < 20; i++) await get(dates[i % dates.length]);
    const n2 = opts.requests ?? 200;
    const lat: number[] = [];
    for (let i = 0; i < n2; i++) {
      const t = performance.now();
      await get(dates[i % dates.length]);
      lat.push(performance.now() - t);
    }
    // The floor of any authenticated request on this server (token → person → store access).
    const floor: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/stores/bench`, { headers });
      await res.arrayBuffer();
      floor.push(performance.now() - t);
    }
    // The report computed in-process without its finished-report cache (rollups cached).
    const compute: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      await dailyReport(ctx, store, dates[i % dates.length], { cache: false });
      compute.push(performance.now() - t);
    }
    // The same questions over the raw facts.
    await plainSql(ctx.database, store.id, dates[0]);
    const plain: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await plainSql(ctx.database, store.id, dates[i % dates.length]);
      plain.push(performance.now() - t);
    }
    await app.close();

    // One more day's files: the import with its after-import rollup (timed inside the import:
    // the recompute of the day, and the diagnosis of what changed), and the follower again on
    // the same import (the same dates recomputed; nothing changes, so nothing is re-diagnosed
    // unless the kind is read by the diagnosis directly).
    const inc: {
      kind: string;
      rows: number;
      importMs: number;
      rollupMs: number;
      rerunMs: number;
      diagnosed: string;
      steps: Record<string, number>;
    }[] = [];
    for (const f of nextDay) {
      const t = performance.now();
      const r = await importFile(ctx, { storeId: store.id, personId: null, kind: 'auto', path: f });
      const ms = performance.now() - t;
      if (r.status !== 'done' && r.status !== 'duplicate') throw new Error(`${f}: ${r.status}`);
      const run = rollupRunOf(r.id);
      // A file that wrote nothing (a day without reviews) runs no follower.
      if (r.status === 'done' && r.inserted + r.updated > 0 && !run)
        throw new Error(`${f}: no rollup ran after the import`);
      const t2 = performance.now();
      await onImported(ctx, {
        storeId: store.id,
        importId: r.id,
        kind: r.kind!,
        inserted: r.inserted,
        updated: r.updated,
      });
      inc.push({
        kind: r.kind!,
        rows: r.rows,
        importMs: r1(ms),
        rollupMs: run?.ms ?? 0,
        rerunMs: r1(performance.now() - t2),
        diagnosed: (run?.diagnosed ?? []).map((x) => `${x.from}…${x.to}`).join(', '),
        steps: run?.steps ?? {},
      });
    }
    const p50 = pct(lat, 50);
    const p95 = pct(lat, 95);
    const plainP50 = pct(plain, 50);
    results.push({
      engine,
      orders: n,
      days: opts.days,
      importWithRollupsMs: fresh.kept ? null : Math.round(importMs),
      rejectedRows: rejected,
      report: { requests: n2, p50Ms: r1(p50), p95Ms: r1(p95), maxMs: r1(Math.max(...lat)) },
      authFloor: { requests: floor.length, p50Ms: r1(pct(floor, 50)), p95Ms: r1(pct(floor, 95)) },
      computeUncached: { runs: compute.length, p50Ms: r1(pct(compute, 50)), p95Ms: r1(pct(compute, 95)) },
      loadAverage: loadavg().map(r1),
      plainSql: { runs: plain.length, p50Ms: r1(plainP50), minMs: r1(Math.min(...plain)) },
      speedupP50: r1(plainP50 / p50),
      speedupVsP95: r1(plainP50 / p95),
      incremental: inc,
      incrementalMaxRollupMs: Math.max(...inc.map((x) => x.rollupMs)),
      incrementalMaxRerunMs: Math.max(...inc.map((x) => x.rerunMs)),
      targets: {
        p95Le50ms: p95 <= 50,
        atLeast20xFaster: plainP50 / p95 >= 20,
        incrementalLe1s: Math.max(...inc.map((x) => x.rollupMs)) <= 1000,
      },
    });
    await fresh.database.close();
    await fresh.drop();
  }
  return results;
}
