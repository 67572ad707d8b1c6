// CPU of planFromHistories alone (no database): N synthetic SKUs shaped as loadSalesYears returns
// them (recent normal days per day, the rest as sums). argv: N [outJson] [repeats].
// Prints the fastest run's ms and a digest of the rows (to check a change leaves results identical).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  type InboundBatch,
  prepareCalendar,
  readPlan,
  type SkuSeries,
} from '../../src/modules/inventory/inventory.rules';
import { planFromHistories } from '../../src/modules/inventory/inventory.service';
import { BENCH_AS_OF, BENCH_CAMPAIGNS } from './forecast-data';

const n = Number(process.argv[2] ?? 10_000);
const outFile = process.argv[3];
const repeats = Number(process.argv[4] ?? 3);
let seed = 20261126;
const r = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const p = readPlan(BENCH_AS_OF, BENCH_CAMPAIGNS, 60);
const cal = prepareCalendar(BENCH_CAMPAIGNS);
const t = p.recentNormal[p.recentNormal.length - 1]![1];
const histories = new Map<string, SkuSeries>();
const stock = new Map<string, { available: number; inbound: number }>();
const inbound = new Map<string, InboundBatch[]>();
for (let i = 0; i < n; i++) {
  const sku = `SKU${String(i).padStart(6, '0')}`;
  const level = Math.exp(-0.6 + 1.2 * (r() + r() + r() - 1.5));
  const firstDay = r() < 0.1 ? t - Math.floor(r() * 400) : t - 730;
  const days: number[] = [];
  const qty: number[] = [];
  const outs: number[] = [];
  for (let d = Math.max(p.windowStart, firstDay); d <= t; d++) {
    if (cal.byDay.has(d)) continue;
    if (r() < 0.02) outs.push(d);
    else {
      const q = Math.round(level * (0.5 + r()) * (r() < 0.02 ? 8 : 1));
      if (q > 0) {
        days.push(d);
        qty.push(q);
      }
    }
  }
  if (!days.length && !outs.length && r() < 0.5) continue;
  const old = firstDay < t - 400;
  histories.set(sku, {
    days: Int32Array.from(days),
    qty: Int32Array.from(qty),
    stockoutDays: Int32Array.from(outs),
    windowStart: p.windowStart,
    firstDay,
    pre: {
      soldLast30: Math.round(level * 30),
      lastSale: days.length ? days[days.length - 1]! : -1,
      seasonBeforeQty: old ? Math.round(level * 20 * (0.5 + r())) : 0,
      seasonBeforeOuts: old && r() < 0.1 ? 2 : 0,
      seasonAheadQty: old ? Math.round(level * 20 * (0.5 + r())) : 0,
      seasonAheadOuts: 0,
      campaignQty: old ? Math.round(level * 60 * (1 + 2 * r())) : 0,
      campaignOuts: old && r() < 0.1 ? 1 : 0,
      campaignRead: true,
    },
  });
  stock.set(sku, {
    available: Math.floor(level * 60 * r()),
    inbound: r() < 0.2 ? Math.floor(level * 30) : 0,
  });
  if (r() < 0.2) inbound.set(sku, [{ qty: Math.floor(level * 30), dueInDays: Math.floor(r() * 20) - 3 }]);
}
let best = Number.POSITIVE_INFINITY;
let rows: ReturnType<typeof planFromHistories> = [];
// CPU time of the first (cold) run and of the fastest: less stretched than wall time on a busy machine.
let firstCpu = 0;
let bestCpu = Number.POSITIVE_INFINITY;
for (let k = 0; k < repeats; k++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  rows = planFromHistories(histories, stock, {
    asOf: BENCH_AS_OF,
    campaigns: BENCH_CAMPAIGNS,
    leadTimeDays: (s) => 7 + (s.charCodeAt(s.length - 1) % 4) * 7,
    inbound,
  });
  best = Math.min(best, performance.now() - t0);
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  if (k === 0) firstCpu = cpu;
  bestCpu = Math.min(bestCpu, cpu);
}
const json = JSON.stringify(rows);
if (outFile) writeFileSync(outFile, json);
const digest = createHash('sha256').update(json).digest('hex').slice(0, 16);
console.log(
  JSON.stringify({
    skus: rows.length,
    ms: Math.round(best),
    cpuMs: Math.round(bestCpu),
    firstCpuMs: Math.round(firstCpu),
    digest,
  }),
);
