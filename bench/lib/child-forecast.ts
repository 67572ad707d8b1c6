// Runs one side of the inventory-forecast benchmark in a process of its own (its own peak RSS).
// argv: engine(pglite|postgres) target(dataDir|url) mode(baseline|forecast) asOf
// Prints one JSON line: { ms, maxRssMB, skus, summary }.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/db/client';
import { loadSalesYears, planFromHistories } from '../../src/modules/inventory/inventory.service';
import { BENCH_CAMPAIGNS } from './forecast-data';

const [engine, target, mode, asOf] = process.argv.slice(2) as [string, string, string, string];
const database =
  engine === 'postgres'
    ? await openDatabase({ engine: 'postgres', url: target })
    : await openDatabase({ engine: 'pglite', dataDir: target });
const db = database.db;
const exec = async (q: string) => {
  const { sql } = await import('drizzle-orm');
  return ((await db.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] }).rows;
};
const [store] = await exec("select id from stores where code = 'bench'");
const storeId = String(store!.id);
const lit = `'${storeId.replace(/'/g, "''")}'`;
// CPU time of the side: this process, plus (PostgreSQL) the server backends of this database — a
// JS-bound side and a server-bound side are stretched differently on a busy machine (and a niced
// child against an un-niced server), CPU time much less. Backends are read from /proc (same host).
const backendCpu = async (): Promise<Map<number, number>> => {
  const m = new Map<number, number>();
  if (engine !== 'postgres') return m;
  const rows = await exec(
    "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'",
  );
  for (const r of rows) {
    try {
      const f = readFileSync(`/proc/${r.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      m.set(Number(r.pid), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch {
      // not on this host: server CPU unknown
    }
  }
  return m;
};
const b0 = await backendCpu();
const c0 = process.cpuUsage();
const t0 = performance.now();
let skus = 0;
let sqlMs = 0;
let planMs = 0;
let summary: Record<string, unknown> = {};
if (mode === 'baseline') {
  // The plain SQL: a 28-day average velocity per SKU, and days of stock from it.
  const rows = await exec(`select s.sku_code, v.velocity,
      case when v.velocity > 0 then s.available / v.velocity end as days
    from bench_stock s left join (
      select sku_code, sum(qty)::float8 / 28 as velocity from bench_daily_sales
      where store_id = ${lit} and day > '${asOf}'::date - 28 and day <= '${asOf}'::date group by sku_code
    ) v using (sku_code)`);
  skus = rows.length;
  summary = { under7Days: rows.filter((r) => r.days !== null && Number(r.days) < 7).length };
} else {
  // The yearly rollup (inventory_sales_years) the import followers keep.
  const histories = await loadSalesYears(db, storeId, asOf, BENCH_CAMPAIGNS, 60, 'bench_skus');
  sqlMs = performance.now() - t0;
  const stockRows = await exec('select sku_code, available, inbound from bench_stock');
  const stock = new Map(
    stockRows.map((r) => [
      String(r.sku_code),
      { available: Number(r.available), inbound: Number(r.inbound) },
    ]),
  );
  const p0 = performance.now();
  const plan = planFromHistories(histories, stock, {
    asOf,
    campaigns: BENCH_CAMPAIGNS,
    leadTimeDays: (s) => 7 + (s.charCodeAt(s.length - 1) % 4) * 7,
  });
  planMs = performance.now() - p0;
  skus = plan.length;
  summary = {
    under7Days: plan.filter((r) => r.sellableDays !== null && r.sellableDays < 7).length,
    reorderNow: plan.filter((r) => r.advice.reorderNow).length,
    campaignRisk: plan.filter((r) => r.campaignRisk).length,
  };
}
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
const clientCpuMs = (c.user + c.system) / 1000;
let serverCpuMs = 0;
for (const [pid, after] of await backendCpu()) serverCpuMs += after - (b0.get(pid) ?? 0);
await database.close();
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const maxRssMB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMB, skus, sqlMs, planMs, clientCpuMs, serverCpuMs, cpuMs: clientCpuMs + serverCpuMs, summary })}\n`,
);
