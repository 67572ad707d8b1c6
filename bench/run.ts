/**
 * `npm run bench [-- --scale small|medium|large] [--only NAME] [--keep-db PG_NAME]`: runs the benchmarks, prints and
 * writes JSON to bench/results/. Ratios are against baselines measured in the same run.
 * PostgreSQL runs too when STOREOPS_BENCH_PG_URL (or STOREOPS_TEST_PG_URL) is set.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCsKpis } from './cs-kpis';
import { benchImportOrders } from './import-orders';
import { benchInventoryForecast } from './inventory-forecast';
import { benchReportDaily } from './report-daily';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'large' },
    only: { type: 'string' },
    work: { type: 'string' },
    days: { type: 'string' },
    'orders-per-day': { type: 'string' },
    engine: { type: 'string' },
    'keep-db': { type: 'string' },
  },
});
const scale = values.scale as 'small' | 'medium' | 'large';
const workDir = values.work ?? join(tmpdir(), 'storeops-bench');
mkdirSync(workDir, { recursive: true });
mkdirSync('bench/results', { recursive: true });
const pgUrl = process.env.STOREOPS_BENCH_PG_URL ?? process.env.STOREOPS_TEST_PG_URL ?? null;

const started = new Date().toISOString();
const out: Record<string, unknown> = { started, scale, node: process.version };
if (!values.only || values.only === 'import-orders')
  out['import-orders'] = await benchImportOrders({ scale, pgUrl, workDir });
if (!values.only || values.only === 'inventory-forecast')
  out['inventory-forecast'] = await benchInventoryForecast({ scale, pgUrl, workDir });
if (!values.only || values.only === 'cs-kpis') out['cs-kpis'] = await benchCsKpis({ scale, pgUrl, workDir });
if (!values.only || values.only === 'report-daily')
  out['report-daily'] = await benchReportDaily({
    scale,
    days: values.days ? Number(values.days) : 365,
    pgUrl,
    workDir,
    ...(values['orders-per-day'] ? { ordersPerDay: Number(values['orders-per-day']) } : {}),
    ...(values.engine ? { engines: values.engine.split(',') as ('pglite' | 'postgres')[] } : {}),
    ...(values['keep-db'] ? { keepDb: values['keep-db'] } : {}),
  });
const path = join('bench/results', `bench-${scale}-${started.replace(/[:.]/g, '-')}.json`);
writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
console.error(`written ${path}`);
