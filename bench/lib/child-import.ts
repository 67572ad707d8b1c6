// Runs one import in a process of its own so its peak RSS is the import's alone.
// argv: engine(pglite|postgres) target(dataDir|url) storeCode file
// Prints one JSON line: { result, ms, maxRssMB }.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/core/config';
import type { Ctx } from '../../src/core/context';
import { systemClock } from '../../src/core/time';
import { openDatabase } from '../../src/db/client';
import { importFile } from '../../src/imports/imports.service';
import { findStoreByCode } from '../../src/modules/team/team.service';

const [engine, target, storeCode, file] = process.argv.slice(2);
const database =
  engine === 'postgres'
    ? await openDatabase({ engine: 'postgres', url: target })
    : await openDatabase({ engine: 'pglite', dataDir: target });
const ctx: Ctx = {
  database,
  clock: systemClock,
  config: loadConfig({}, { dataDir: engine === 'pglite' ? target : '/tmp' }),
};
const store = await findStoreByCode(ctx, storeCode);
if (!store) throw new Error(`no store ${storeCode}`);
// STOREOPS_IMPORT_TRACE=1: where the memory goes, sampled (peak of each part, in MB).
const peaks: Record<string, number> = {};
const sampler =
  process.env.STOREOPS_IMPORT_TRACE === '1'
    ? setInterval(() => {
        const m = process.memoryUsage();
        const wasm = (database.pglite as unknown as { Module?: { HEAPU8?: Uint8Array } } | null)?.Module
          ?.HEAPU8?.buffer.byteLength;
        const parts: Record<string, number> = {
          rss: m.rss,
          heapTotal: m.heapTotal,
          heapUsed: m.heapUsed,
          external: m.external,
          arrayBuffers: m.arrayBuffers,
          ...(wasm ? { wasm } : {}),
        };
        for (const [k, v] of Object.entries(parts))
          peaks[k] = Math.max(peaks[k] ?? 0, Math.round(v / 1048576));
      }, 100)
    : null;
// CPU seconds of this database's server processes (our pool's connections), sampled each second
// (an idle connection may close before the end): on a shared machine wall time is noisy, CPU
// time much less so.
const serverTicks = new Map<number, number>();
async function sampleServerCpu() {
  const r = await database.pool!.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  for (const { pid } of r.rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      serverTicks.set(pid, Number(f[11]) + Number(f[12])); // utime + stime
    } catch {
      // not on this machine
    }
  }
}
const serverSampler =
  sampler && database.pool ? setInterval(() => void sampleServerCpu().catch(() => undefined), 1000) : null;
const t0 = performance.now();
const result = await importFile(ctx, {
  storeId: store.id,
  personId: null,
  kind: 'taobao-orders',
  path: file,
});
const ms = performance.now() - t0;
if (sampler && database.pool) {
  await sampleServerCpu();
  clearInterval(serverSampler!);
  const ticks = [...serverTicks.values()].reduce((x, y) => x + y, 0);
  const cpu = process.cpuUsage();
  process.stderr.write(
    `trace cpu: server ${(ticks / 100).toFixed(1)} s, this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s\n`,
  );
}
if (sampler) {
  clearInterval(sampler);
  process.stderr.write(`trace memory peaks (MB) ${JSON.stringify(peaks)}\n`);
}
await database.close();
const { rejected, ...summary } = result;
// Peak RSS of this process's own memory: VmHWM. (getrusage's maxrss is not usable here: after
// fork + exec Linux keeps the parent's peak in it.)
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const maxRssMB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ result: { ...summary, rejected: rejected.slice(0, 3) }, ms, maxRssMB })}\n`,
);
