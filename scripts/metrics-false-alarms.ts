/**
 * Measures the diagnosis on a demo database (docs/metrics.md): the report latency in-process and
 * the false-alarm rate of the store-level swing findings outside the planted events and campaigns.
 * `node bin/run-ts.mjs scripts/metrics-false-alarms.ts DATA_DIR [MANIFEST]` (the server stopped), or
 * `… --pg URL --store CODE MANIFEST`; `--rediagnose` recomputes the findings first, `--list` prints them.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/core/config';
import type { Ctx } from '../src/core/context';
import { addDays, systemClock } from '../src/core/time';
import { openDatabase } from '../src/db/client';
import { dailyReport, diagnoseRange } from '../src/modules/metrics/metrics.service';
import { findStoreByCode } from '../src/modules/team/team.service';
import type { Manifest } from '../src/simulator';

const args = process.argv.slice(2);
// --rediagnose: recompute every date's findings with the code at hand first (a threshold change).
const rediagnose = args.includes('--rediagnose');
// --pg URL --store CODE: a PostgreSQL database instead (e.g. a copy of the report-daily bench's
// kept database: the same medium year, seed 20261124, to 2026-11-24, as the demo measured here).
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pgUrl = opt('--pg');
const storeCode = opt('--store') ?? 'demo';
// --list: every swing finding on ordinary and planted-event days with its z and change.
const list = args.includes('--list');
const positional = args.filter(
  (a, i) => !a.startsWith('--') && !['--pg', '--store'].includes(args[i - 1] ?? ''),
);
const [dataDir, manifestPath] = pgUrl ? [undefined, positional[0]] : positional;
const database = pgUrl
  ? await openDatabase({ engine: 'postgres', url: pgUrl })
  : await openDatabase({ engine: 'pglite', dataDir: dataDir! });
const ctx: Ctx = { database, clock: systemClock, config: loadConfig({}, { dataDir: dataDir ?? '.' }) };
const store = (await findStoreByCode(ctx, storeCode))!;
const m = JSON.parse(
  readFileSync(manifestPath ?? `${dataDir}/demo-files-medium/manifest.json`, 'utf8'),
) as Manifest;
if (rediagnose) await diagnoseRange(ctx, store.id, m.startDate, m.endDate);
const inRange = (d: string, a: string, b: string) => a <= d && d <= b;
const salesEvents = m.plantedEvents.filter(
  (e) =>
    ['market', 'store', 'competitor'].includes(e.scope) ||
    e.id === 'bad-review-burst' ||
    e.id === 'late-shipments',
);
const eventOf = (d: string) => salesEvents.find((e) => inRange(d, e.from, addDays(e.to, 1)))?.id ?? null;
const campaignOf = (d: string) =>
  (m.calendar as { name: string; start: string; end: string }[]).find((c) =>
    inRange(d, addDays(c.start, -1), addDays(c.end, 2)),
  )?.name ?? null;

const lat: number[] = [];
let days = 0;
let ordinaryDays = 0;
const flagged = { ordinary: 0, campaign: 0, event: 0 };
const ordinaryFindings: Record<string, number> = {};
const perEvent: Record<string, string[]> = {};
for (let d = addDays(m.startDate, 14); d <= m.endDate; d = addDays(d, 1)) {
  const t = performance.now();
  const r = await dailyReport(ctx, store, d);
  lat.push(performance.now() - t);
  days++;
  const swings = r.findings.filter((f) => f.kind === 'swing' && f.key !== 'swing:refundRate');
  const ev = eventOf(d);
  const camp = campaignOf(d);
  if (list && (ev || !camp))
    for (const f of r.findings) {
      const x = f.explanation as { z?: number; value?: number; expected?: number; noise?: number | null };
      const change = x.value != null && x.expected ? x.value / x.expected - 1 : null;
      console.log(
        `${ev ? `event ${ev}` : 'ordinary'} ${d} ${f.key} ${f.severity} z=${x.z?.toFixed(1) ?? '—'} change=${change == null ? '—' : (change * 100).toFixed(1)}% noise=${x.noise?.toFixed(3) ?? '—'} ${f.cause ?? ''}`,
      );
    }
  if (ev) {
    perEvent[ev] = perEvent[ev] ?? [];
    perEvent[ev].push(`${d}: ${r.findings.map((f) => `${f.key}/${f.cause}`).join(', ') || '—'}`);
  }
  if (!ev && !camp) {
    ordinaryDays++;
    if (swings.length > 0) flagged.ordinary++;
    for (const f of r.findings) {
      const k = `${f.key.split(':')[0]}:${f.metric}`;
      ordinaryFindings[k] = (ordinaryFindings[k] ?? 0) + 1;
    }
  } else if (ev) {
    if (swings.length > 0) flagged.event++;
  } else if (swings.length > 0) flagged.campaign++;
}
lat.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      days,
      ordinaryDays,
      flagged,
      falseAlarmRate: flagged.ordinary / ordinaryDays,
      ordinaryFindings,
      p50: lat[Math.floor(lat.length / 2)],
      p95: lat[Math.floor(lat.length * 0.95)],
    },
    null,
    1,
  ),
);
for (const [k, v] of Object.entries(perEvent)) console.log(k, `\n  ${v.join('\n  ')}`);
// Detection of the planted dips: a market-wide dip must be told 'market' (or 'mixed'), a store's
// own drop 'ours', on at least one of its days (store-level swing or product drop).
const detection: Record<string, { days: number; detected: number; rightCause: number }> = {};
for (const e of m.plantedEvents.filter(
  (x) => x.scope === 'market' || x.scope === 'store' || x.scope === 'product',
)) {
  const want = e.scope === 'market' ? ['market', 'mixed'] : ['ours', 'mixed'];
  const row = { days: 0, detected: 0, rightCause: 0 };
  for (let d = e.from; d <= e.to; d = addDays(d, 1)) {
    const r = await dailyReport(ctx, store, d);
    const drops = r.findings.filter(
      (f) =>
        ((f.kind === 'swing' || f.kind === 'product_drop') && Number(f.params.change) < 0) ||
        f.kind === 'ad_offline',
    );
    row.days++;
    if (drops.length) row.detected++;
    if (drops.some((f) => f.cause && want.includes(f.cause))) row.rightCause++;
  }
  detection[`${e.id} (${e.scope})`] = row;
}
console.log(JSON.stringify({ detection }, null, 1));
await database.close();
