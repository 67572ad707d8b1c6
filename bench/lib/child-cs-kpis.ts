// Runs the CS KPI benchmark's measured part in a process of its own (its peak RSS is its own):
// the baseline window-function query, then the full KPI recompute of the month.
// argv: engine(pglite|postgres) target(dataDir|url) from to
// Prints one JSON line: { baselineMs, baselineRows, recompute, recomputeMs, maxRssMB }.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/core/config';
import type { Ctx } from '../../src/core/context';
import { systemClock } from '../../src/core/time';
import { openDatabase } from '../../src/db/client';
import { recomputeKpis } from '../../src/modules/service/service.service';
import { FIRST_RESPONSE_SQL } from '../../src/modules/service/service.sql-check';
import { findStoreByCode } from '../../src/modules/team/team.service';

const [engine, target, from, to] = process.argv.slice(2) as [string, string, string, string];
const database =
  engine === 'postgres'
    ? await openDatabase({ engine: 'postgres', url: target })
    : await openDatabase({ engine: 'pglite', dataDir: target });
const ctx: Ctx = { database, clock: systemClock, config: loadConfig({}, { dataDir: '/tmp' }) };
const store = (await findStoreByCode(ctx, 'bench'))!;

/**
 * CPU time (ms) of this database's server processes so far, by pid (PostgreSQL on this machine:
 * /proc/<pid>/stat, clock ticks of 10 ms); null when not readable (PGlite, a remote server). The
 * server's share of the work, which the process's own CPU does not show.
 */
async function serverCpu(): Promise<Map<number, number> | null> {
  if (database.engine !== 'postgres') return null;
  try {
    const pids = (
      await database.pool!.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database()',
      )
    ).rows;
    const m = new Map<number, number>();
    for (const { pid } of pids) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      m.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    }
    return m;
  } catch {
    return null;
  }
}
/** Server CPU (ms) between two samples: processes that appeared since count from zero. */
function serverCpuSince(a: Map<number, number> | null, b: Map<number, number> | null): number | null {
  if (!a || !b) return null;
  let ms = 0;
  for (const [pid, t] of b) ms += t - (a.get(pid) ?? 0);
  return ms;
}

async function baseline(): Promise<{ ms: number; rows: number; cpuMs: number; serverCpuMs: number | null }> {
  const s0 = await serverCpu();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let rows: number;
  if (database.engine === 'pglite') {
    rows = (await database.pglite!.query(FIRST_RESPONSE_SQL, [store.id])).rows.length;
  } else {
    rows = (await database.pool!.query(FIRST_RESPONSE_SQL, [store.id])).rows.length;
  }
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const cpuMs = (c.user + c.system) / 1000;
  const serverCpuMs = serverCpuSince(s0, await serverCpu());
  if (process.env.STOREOPS_TRACE_KPIS)
    console.error(`baseline ${Math.round(performance.now() - t0)} ms cpu ${Math.round(cpuMs)} ms`);
  return { ms, rows, cpuMs, serverCpuMs };
}

// Warm both once (cache the table pages), then measure: best of two runs each. Garbage of one
// phase is collected before the next (with --expose-gc), so the peak is one recompute's own, not
// the leftovers of the baseline's 100 k-row result or of the first run.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
await baseline();
const b1 = await baseline();
const b2 = await baseline();
gc();
if (process.env.STOREOPS_TRACE_KPIS)
  console.error(
    `baseline best ${Math.round(Math.min(b1.ms, b2.ms))} ms rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
  );
const s1 = await serverCpu();
const c1 = process.cpuUsage();
const r1 = await recomputeKpis(ctx, store.id, from, to);
const cpu1 = process.cpuUsage(c1);
const server1 = serverCpuSince(s1, await serverCpu());
gc();
const s2 = await serverCpu();
const t0 = performance.now();
const c2 = process.cpuUsage();
const r2 = await recomputeKpis(ctx, store.id, from, to);
const cpu2 = process.cpuUsage(c2);
const server2 = serverCpuSince(s2, await serverCpu());
const recomputeServerCpuMs = server1 === null || server2 === null ? null : Math.min(server1, server2);
const recomputeMs = Math.min(performance.now() - t0, r1.ms);
// This process's CPU (the JavaScript side; the server's is not counted), best of the two runs.
const recomputeCpuMs = Math.min(cpu1.user + cpu1.system, cpu2.user + cpu2.system) / 1000;
const bBest = b1.ms <= b2.ms ? b1 : b2;
// md5 of what the recompute wrote (KPI rows and flagged sessions, computed_at and the store's id
// left out: the same data gives the same sum on both engines), so a
// change of the recompute that changes its results shows.
const sums = (
  (await database.db.execute(sql`
    select
      (select md5(string_agg((to_jsonb(k) - 'computed_at' - 'store_id')::text, '|' order by k.date, k.shift_code, k.agent))
        from cs_kpis k where k.store_id = ${store.id}) as kpis,
      (select md5(string_agg((to_jsonb(f) - 'store_id')::text, '|' order by f.session_id))
        from cs_session_flags f where f.store_id = ${store.id}) as flags`)) as unknown as {
    rows: { kpis: string; flags: string }[];
  }
).rows[0]!;
// What the attribution credited (a recompute that credits nothing would be a cheaper, wrong one).
const credited = (
  (await database.db.execute(
    sql`select coalesce(sum(paid_orders), 0)::int as n from cs_kpis where store_id = ${store.id} and shift_code = ''`,
  )) as unknown as { rows: { n: number }[] }
).rows[0]!;
await database.close();
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const maxRssMB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ baselineMs: Math.min(b1.ms, b2.ms), baselineRows: b1.rows, recompute: { ...r2, creditedOrders: Number(credited.n) }, recomputeMs, maxRssMB, baselineCpuMs: bBest.cpuMs, recomputeCpuMs, baselineServerCpuMs: bBest.serverCpuMs, recomputeServerCpuMs, checksum: `${sums.kpis.slice(0, 12)}/${sums.flags.slice(0, 12)}` })}\n`,
);
