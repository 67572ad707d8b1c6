// Parse phases of one file, no database: read+decode+split, adapter, COPY text.
// argv: file

import { parseFile } from '../../src/imports/parse-file';
import { readTable } from '../../src/imports/read/table';
import { openStagedBatches } from '../../src/imports/staged-batches';

const file = process.argv[2];
const mode = process.argv[3] ?? 'all';
const cpu0 = process.cpuUsage();
let t = performance.now();
if (mode === 'all' || mode === 'read') {
  const table = await readTable(file, {});
  let n = 0;
  for await (const b of table.batches) n += b.rows.length;
  console.log('read+decode+split', n, (performance.now() - t).toFixed(0), 'ms');
  t = performance.now();
}
if (mode === 'all' || mode === 'parse') {
  const p = await parseFile(file, { batchSize: 5000 });
  let n = 0;
  for await (const b of p.batches) n += b.records.length;
  console.log('+adapter', n, (performance.now() - t).toFixed(0), 'ms');
  t = performance.now();
}
if (mode === 'all' || mode === 'staged') {
  const s = await openStagedBatches(file, {});
  let n = 0;
  let bytes = 0;
  for await (const b of s.batches) {
    n += b.records;
    bytes += b.data.length;
  }
  console.log('+copy text', n, bytes, (performance.now() - t).toFixed(0), 'ms');
}
const c = process.cpuUsage(cpu0);
console.log('cpu user', (c.user / 1e3).toFixed(0), 'sys', (c.system / 1e3).toFixed(0));
