/**
 * inventory-forecast: sellable days and restock suggestions (the seasonal forecast of
 * inventory.rules, loaded by inventory.service) for N SKUs × 2 years of daily sales, against one
 * plain SQL computing a 28-day average velocity (and days of stock from it) in the same run, on
 * the same table with the same indexes. Each side runs in a child process of its own (time and
 * peak RSS are its own); each side runs twice and the faster run counts.
 *
 * The series are synthetic, written straight into a table with COPY (no simulator): per SKU a
 * log-normal level, a weekday pattern, a yearly season, campaign spikes, new SKUs and stock-outs.
 */
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client';
import { sqlLiteral } from '../src/db/copy';
import { dayNumber, dayString } from '../src/modules/inventory/inventory.rules';
import { refreshSalesYears } from '../src/modules/inventory/inventory.service';
import type { BenchOptions } from './import-orders';
import { childEnv } from './lib/child-env';
import { BENCH_AS_OF, BENCH_CAMPAIGNS, BENCH_DAYS } from './lib/forecast-data';
import { freshBenchDb } from './lib/setup-db';

const SKUS = { small: 2_000, medium: 10_000, large: 50_000 } as const;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(lambda: number, r: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(r)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}
function gauss(r: () => number) {
  return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
}

/**
 * The series of SKUs [0, n), in memory: per SKU and day (day - start) the units sold, 0 for no
 * row, -1 for a stock-out row (no sale, nothing available); and the stock table's COPY text
 * (available, inbound, first day on sale). Each SKU draws from its own seeded generator in the same order as
 * ever (level, pattern, days, then its stock), so the data does not depend on how it is written out.
 */
function generate(n: number) {
  const end = dayNumber(BENCH_AS_OF);
  const start = end - BENCH_DAYS + 1;
  const campaignDay = new Set<number>();
  for (const c of BENCH_CAMPAIGNS)
    for (let d = dayNumber(c.start); d <= dayNumber(c.end); d++) campaignDay.add(d);
  const dates: string[] = [];
  for (let d = start; d <= end; d++) dates.push(dayString(d));
  const qty = new Int32Array(n * BENCH_DAYS);
  const stock: string[] = [];
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const r = rng(20261125 + i);
    const sku = skuCode(i);
    const level = Math.exp(-0.6 + 1.2 * gauss(r));
    const weekend = 1 + 0.4 * r();
    const amp = 0.4 * r();
    const phase = 2 * Math.PI * r();
    const first = r() < 0.1 ? start + Math.floor(r() * BENCH_DAYS) : start;
    const outStart = r() < 0.05 ? start + Math.floor(r() * BENCH_DAYS) : -1;
    let sold28 = 0;
    for (let d = first; d <= end; d++) {
      const out = outStart >= 0 && d >= outStart && d < outStart + 10;
      const w = (((d + 4) % 7) + 7) % 7;
      const season = 1 + amp * Math.sin((2 * Math.PI * (d - start)) / 365 + phase);
      const lambda = level * (w === 0 || w === 6 ? weekend : 1) * season * (campaignDay.has(d) ? 3 : 1);
      const q = out ? 0 : poisson(lambda, r);
      if (q > 0 || out) {
        qty[i * BENCH_DAYS + d - start] = out ? -1 : q;
        rows++;
      }
      if (d > end - 28) sold28 += q;
    }
    const available = Math.round((sold28 / 28) * (r() * 60));
    stock.push(`${sku}\t${available}\t${r() < 0.2 ? Math.round(level * 20) : 0}\t${dates[first - start]}\n`);
  }
  return { n, qty, dates, stock: stock.join(''), rows };
}

const skuCode = (i: number) => `SKU${String(i).padStart(6, '0')}`;

/**
 * COPY text of the sales rows of days [from, to) (day indexes from the first day), day by day and
 * SKU by SKU within a day — the layout of a table that imports append to day after day, written
 * so from the start (no CLUSTER afterwards).
 */
function salesText(g: ReturnType<typeof generate>, storeId: string, from: number, to: number) {
  const out: string[] = [];
  for (let d = from; d < to; d++) {
    const tail = `\t${g.dates[d]}\t`;
    for (let i = 0; i < g.n; i++) {
      const q = g.qty[i * BENCH_DAYS + d]!;
      if (q > 0) out.push(`${storeId}\t${skuCode(i)}${tail}${q}\tf\n`);
      else if (q < 0) out.push(`${storeId}\t${skuCode(i)}${tail}0\tt\n`);
    }
  }
  return out.join('');
}

/** The same rows SKU by SKU (STOREOPS_BENCH_LAYOUT=sku), SKUs [from, to). */
function salesTextBySku(g: ReturnType<typeof generate>, storeId: string, from: number, to: number) {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const head = `${storeId}\t${skuCode(i)}\t`;
    for (let d = 0; d < BENCH_DAYS; d++) {
      const q = g.qty[i * BENCH_DAYS + d]!;
      if (q > 0) out.push(`${head}${g.dates[d]}\t${q}\tf\n`);
      else if (q < 0) out.push(`${head}${g.dates[d]}\t0\tt\n`);
    }
  }
  return out.join('');
}

async function copyInto(database: Database, table: string, text: string) {
  if (database.engine === 'pglite') {
    await database.pglite!.query(`COPY ${table} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const { from } = await import('pg-copy-streams');
  const client = await database.pool!.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      const s = client.query(from(`COPY ${table} FROM STDIN`));
      s.on('error', reject);
      s.on('finish', () => resolve());
      s.end(text);
    });
  } finally {
    client.release();
  }
}

async function open(engine: 'pglite' | 'postgres', target: string) {
  // One connection on PostgreSQL: the load's session settings apply to all its statements.
  return engine === 'postgres'
    ? openDatabase({ engine: 'postgres', url: target, poolSize: 1 })
    : openDatabase({ engine: 'pglite', dataDir: target });
}

function child(engine: string, target: string, mode: 'baseline' | 'forecast') {
  const r = spawnSync(
    process.execPath,
    ['bin/run-ts.mjs', 'bench/lib/child-forecast.ts', engine, target, mode, BENCH_AS_OF],
    { encoding: 'utf8', maxBuffer: 1 << 26, env: childEnv() },
  );
  if (r.status !== 0) throw new Error(`forecast child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    ms: number;
    /** CPU time: the child process + (PostgreSQL) its server backends. */
    cpuMs: number;
    clientCpuMs: number;
    serverCpuMs: number;
    maxRssMB: number;
    skus: number;
    summary: Record<string, number>;
  };
}

/**
 * CPU time of each side (the lower of its runs: process + server backends) and their ratio —
 * reported beside the wall-time ratio, which a busy machine stretches unevenly.
 */
function cpuOf(runs: { baseline: ReturnType<typeof child>[]; forecast: ReturnType<typeof child>[] }) {
  const low = (xs: ReturnType<typeof child>[]) => xs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const f = low(runs.forecast);
  const b = low(runs.baseline);
  const s = (x: number) => +(x / 1000).toFixed(2);
  return {
    cpu: {
      forecastSeconds: s(f.cpuMs),
      forecastClientSeconds: s(f.clientCpuMs),
      forecastServerSeconds: s(f.serverCpuMs),
      baselineSeconds: s(b.cpuMs),
      baselineClientSeconds: s(b.clientCpuMs),
      baselineServerSeconds: s(b.serverCpuMs),
      ratio: +(f.cpuMs / b.cpuMs).toFixed(2),
    },
  };
}

export async function benchInventoryForecast(opts: BenchOptions & { skus?: number }) {
  const n = opts.skus ?? SKUS[opts.scale];
  // STOREOPS_BENCH_ENGINES=postgres (or pglite) runs one engine only.
  const only = process.env.STOREOPS_BENCH_ENGINES?.split(',');
  const engines = (opts.pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)).filter(
    (e) => !only || only.includes(e),
  );
  const results: Record<string, unknown>[] = [];
  for (const engine of engines) {
    // STOREOPS_BENCH_TARGET=<dataDir or URL> of a database kept before (STOREOPS_BENCH_KEEP): no load.
    const kept = process.env.STOREOPS_BENCH_TARGET;
    if (kept) {
      const runs = { baseline: [] as ReturnType<typeof child>[], forecast: [] as ReturnType<typeof child>[] };
      for (let k = 0; k < 2; k++) {
        runs.baseline.push(child(engine, kept, 'baseline'));
        runs.forecast.push(child(engine, kept, 'forecast'));
      }
      const best = (xs: ReturnType<typeof child>[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const b = best(runs.baseline);
      const fc = best(runs.forecast);
      const cpu = cpuOf(runs);
      const row = {
        engine,
        target: kept,
        ...cpu,
        forecast: {
          seconds: +(fc.ms / 1000).toFixed(2),
          peakRssMB: Math.round(fc.maxRssMB),
          skus: fc.skus,
          ...fc.summary,
        },
        baseline: {
          seconds: +(b.ms / 1000).toFixed(2),
          peakRssMB: Math.round(b.maxRssMB),
          skus: b.skus,
          ...b.summary,
        },
        ratio: +(fc.ms / b.ms).toFixed(2),
        runsMs: {
          baseline: runs.baseline.map((r) => Math.round(r.ms)),
          forecast: runs.forecast.map((r) => Math.round(r.ms)),
        },
      };
      console.error(JSON.stringify(row));
      results.push(row);
      continue;
    }
    const f = freshBenchDb(engine, opts, 'forecast');
    const database = await open(engine, f.target);
    const db = database.db;
    const [store] = (
      (await db.execute(sql`select id from stores where code = 'bench'`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    const storeId = store!.id;
    await db.execute(sql`create table bench_daily_sales (store_id text not null, sku_code text not null,
      day date not null, qty int not null, stockout boolean not null default false)`);
    await db.execute(
      sql`create table bench_stock (sku_code text primary key, available int not null, inbound int not null, first_day date not null)`,
    );
    // Bench setup, not measured: sorts for the index builds and the rollup in memory where they
    // fit (PGlite's defaults, 64 MB and 4 MB, spill 17.7 M rows to temporary files in many runs).
    await db.execute(sql`set maintenance_work_mem = '512MB'`);
    await db.execute(sql`set work_mem = '256MB'`);
    const t0 = performance.now();
    let tp = t0;
    const phase = (what: string) => {
      const now = performance.now();
      console.error(`  ${engine}: ${what} ${((now - tp) / 1000).toFixed(1)} s`);
      tp = now;
    };
    const g = generate(n);
    const rows = g.rows;
    phase(`generated ${rows} rows`);
    await copyInto(database, 'bench_stock', g.stock);
    // Imports append day after day, so a real sales table is laid out by date: the rows are written
    // day by day (STOREOPS_BENCH_LAYOUT=sku writes them SKU by SKU instead).
    const layout = process.env.STOREOPS_BENCH_LAYOUT === 'sku' ? 'sku' : 'day';
    // ≈ 1 M rows (≈ 60 MB of text) a COPY.
    if (layout === 'day') {
      const days = Math.max(1, Math.floor((1_000_000 * BENCH_DAYS) / Math.max(1, rows)));
      for (let d = 0; d < BENCH_DAYS; d += days) {
        await copyInto(
          database,
          'bench_daily_sales',
          salesText(g, storeId, d, Math.min(BENCH_DAYS, d + days)),
        );
        if ((d / days) % 10 === 0) console.error(`  ${engine}: ${Math.min(BENCH_DAYS, d + days)} days`);
      }
    } else {
      const skus = Math.max(1, Math.floor((1_000_000 * n) / Math.max(1, rows)));
      for (let i = 0; i < n; i += skus)
        await copyInto(database, 'bench_daily_sales', salesTextBySku(g, storeId, i, Math.min(n, i + skus)));
    }
    phase('copy');
    // Indexes after the load (one sort each instead of maintaining them row by row).
    await db.execute(sql`alter table bench_daily_sales add primary key (store_id, sku_code, day)`);
    phase('primary key');
    await db.execute(sql`create index bench_daily_sales_day_idx on bench_daily_sales (store_id, day)`);
    phase('day index');
    await db.execute(sql`analyze bench_daily_sales`);
    await db.execute(sql`analyze bench_stock`);
    phase('analyze');
    // The SKU master keeps each SKU's first day on sale (as a products table does).
    await db.execute(sql`create view bench_skus as select sku_code, first_day from bench_stock`);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.error(`${engine}: ${rows} rows loaded in ${loadSeconds.toFixed(1)} s`);
    // The yearly rollup the import followers keep (inventory_sales_years), built here from the whole
    // history at once (an import rewrites only the days it touched), then laid out by year as
    // imports append it.
    const r0 = performance.now();
    const built = await refreshSalesYears(
      db,
      storeId,
      `(select sku_code, day, qty, stockout from bench_daily_sales where store_id = ${sqlLiteral(storeId)})`,
    );
    phase('rollup');
    if (layout === 'day')
      await db.execute(sql`cluster inventory_sales_years using inventory_sales_years_year_idx`);
    phase('rollup cluster');
    await db.execute(sql`analyze inventory_sales_years`);
    const rollupSeconds = (performance.now() - r0) / 1000;
    console.error(`${engine}: ${built.years} year rows built in ${rollupSeconds.toFixed(1)} s`);
    await database.close();

    const runs = { baseline: [] as ReturnType<typeof child>[], forecast: [] as ReturnType<typeof child>[] };
    for (let k = 0; k < 2; k++) {
      runs.baseline.push(child(engine, f.target, 'baseline'));
      runs.forecast.push(child(engine, f.target, 'forecast'));
    }
    if (process.env.STOREOPS_BENCH_KEEP) console.error(`kept ${f.target}`);
    else await f.drop();
    const best = (xs: ReturnType<typeof child>[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const b = best(runs.baseline);
    const fc = best(runs.forecast);
    const cpu = cpuOf(runs);
    const row = {
      engine,
      skus: n,
      days: BENCH_DAYS,
      salesRows: rows,
      yearRows: built.years,
      rollupSeconds: +rollupSeconds.toFixed(1),
      layout,
      loadSeconds: +loadSeconds.toFixed(1),
      forecast: {
        what: 'sellable days + restock suggestions: the yearly rollup (one character a day per SKU and year), per year one substr of the days read (recent 49 normal days + campaign days among them, the 42 days around the same date last year), roles applied per day in JS; weekday/season/campaign forecast, reorder point, campaign risk',
        seconds: +(fc.ms / 1000).toFixed(2),
        sqlSeconds: +((fc as { sqlMs?: number }).sqlMs! / 1000).toFixed(2),
        peakRssMB: Math.round(fc.maxRssMB),
        skus: fc.skus,
        ...fc.summary,
      },
      baseline: {
        what: 'one SQL: 28-day average velocity per SKU and days of stock (same table, same indexes)',
        seconds: +(b.ms / 1000).toFixed(2),
        peakRssMB: Math.round(b.maxRssMB),
        skus: b.skus,
        ...b.summary,
      },
      ratio: +(fc.ms / b.ms).toFixed(2),
      ...cpu,
      target: '≤ 3×',
      runsMs: {
        baseline: runs.baseline.map((r) => Math.round(r.ms)),
        forecast: runs.forecast.map((r) => Math.round(r.ms)),
      },
    };
    console.error(JSON.stringify(row));
    results.push(row);
  }
  return results;
}
