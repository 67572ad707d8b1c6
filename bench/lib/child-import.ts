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
const t0 = performance.now();
const result = await importFile(ctx, {
  storeId: store.id,
  personId: null,
  kind: 'taobao-orders',
  path: file,
});
const ms = performance.now() - t0;
await database.close();
const { rejected, ...summary } = result;
// Peak RSS of this process's own memory: VmHWM. (getrusage's maxrss is not usable here: after
// fork + exec Linux keeps the parent's peak in it.)
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const maxRssMB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ result: { ...summary, rejected: rejected.slice(0, 3) }, ms, maxRssMB })}\n`,
);
