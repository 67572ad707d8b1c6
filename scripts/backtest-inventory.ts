/**
 * Backtest of the sellable-days forecast on the simulator's history (docs/inventory.md).
 * `node bin/run-ts.mjs scripts/backtest-inventory.ts [--scale small] [--days 365] [--step 1] [--seed N]`
 *
 * Simulates a store (fixed seed), imports its files through the real pipeline into a fresh
 * PGlite, then at every cutoff (every 14 days over the last 6 months) forecasts each SKU from the
 * history up to the cutoff only, with the simulator's campaign calendar as the plan, and compares
 * - demand: forecast units over the next 14 days vs actual units (WAPE, bias), against the naive
 *   28-day average;
 * - stock-outs: SKUs whose snapshot hit 0 available within 14 days, and whether the forecast
 *   (stock at the cutoff ÷ forecast demand, inbound ignored as in "sellable days") said so;
 * - stock-out events (with `--step 1`): caught / early / new alarms / week tasks of sellable days,
 *   the old 14-day risk rule, the lead-time rule as the plan computes it (the simulator's suppliers
 *   and their lead times are created from the manifest) and a grid of its variants (horizon,
 *   service level, minimum shortfall × persistence, hysteresis). `--seed` simulates another store.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/core/config';
import type { Ctx } from '../src/core/context';
import { addDays, fixedClock } from '../src/core/time';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { importFile } from '../src/imports/imports.service';
import {
  type CampaignPeriod,
  dayNumber,
  forecastSeries,
  leadTimeStockoutRisk,
  NO_RISK_ALARM,
  nextRiskAlarm,
  type RiskAlarmState,
  riskHorizonDays,
  sellableDays,
  stockoutRisk,
} from '../src/modules/inventory/inventory.rules';
import {
  ALERT_LOW_DAYS,
  DEFAULT_LEAD_TIME_DAYS,
  inboundFromSnapshots,
  leadTimes,
  loadHistories,
  saveSupplier,
  storeSalesSource,
} from '../src/modules/inventory/inventory.service';
import { findStoreByCode, setUp } from '../src/modules/team/team.service';
import { DEFAULT_SEED, type Manifest, simulateStore } from '../src/simulator';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    days: { type: 'string', default: '365' },
    // Days between cutoffs: 14 (the original run) or 1 (the risk checked daily, as the daily check does).
    step: { type: 'string', default: '14' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
  },
});
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer: ${values.seed}`);
const work = join(
  tmpdir(),
  `storeops-backtest-${values.scale}-${values.days}${seed === DEFAULT_SEED ? '' : `-${seed}`}`,
);
const filesDir = join(work, 'files');
mkdirSync(filesDir, { recursive: true });
let manifest: Manifest;
try {
  manifest = JSON.parse(readFileSync(join(filesDir, 'manifest.json'), 'utf8'));
} catch {
  console.error('simulating…');
  manifest = (
    await simulateStore({
      outDir: filesDir,
      days: Number(values.days),
      seed,
      scale: values.scale as 'small',
    })
  ).manifest;
}
const dataDir = join(work, `pg-${Date.now()}`);
const database = await openDatabase({ engine: 'pglite', dataDir });
await migrateDatabase(database);
const ctx: Ctx = {
  database,
  clock: fixedClock(`${manifest.endDate}T12:00:00Z`),
  config: loadConfig({}, { dataDir }),
};
await setUp(ctx, {
  organizationName: 'backtest',
  store: { code: 'bt', name: '回测店', platform: 'tmall' },
  owner: { login: 'bt', displayName: 'bt', password: 'backtest-1' },
});
const store = (await findStoreByCode(ctx, 'bt'))!;
console.error('importing…');
for (const f of manifest.files) {
  if (f.kind === 'jd-orders') continue;
  await importFile(ctx, {
    storeId: store.id,
    personId: null,
    kind: 'auto',
    path: join(filesDir, f.path.split('/').pop()!),
  });
}
// The simulator's suppliers with their lead times (one per supplier name, its usual lead time; a
// product with another — hero products, 5 days — as the supplier-SKU's own).
type ManifestProduct = { supplier: string; leadTimeDays?: number; skus: { code: string }[] };
const bySupplier = new Map<string, ManifestProduct[]>();
for (const p of manifest.products as ManifestProduct[])
  bySupplier.set(p.supplier, [...(bySupplier.get(p.supplier) ?? []), p]);
for (const [name, products] of bySupplier) {
  const count = new Map<number, number>();
  for (const p of products) {
    const l = p.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS;
    count.set(l, (count.get(l) ?? 0) + 1);
  }
  const usual = [...count].sort((x, y) => y[1] - x[1] || y[0] - x[0])[0]![0];
  await saveSupplier(ctx, store.id, {
    name,
    leadTimeDays: usual,
    skus: products.flatMap((p) =>
      p.skus.map((k) => ({
        skuCode: k.code,
        leadTimeDays: (p.leadTimeDays ?? usual) === usual ? null : p.leadTimeDays,
      })),
    ),
  });
}
const lt = await leadTimes(ctx, store.id);
const leadOf = (sku: string) => lt.get(sku) ?? DEFAULT_LEAD_TIME_DAYS;
const campaigns: CampaignPeriod[] = manifest.calendar.map((c) => ({
  name: c.name,
  start: c.start,
  end: c.end,
}));
const source = storeSalesSource(store.id, 'Asia/Shanghai');
const H = 14;
type Acc = { actual: number; fc: number; naive: number; absFc: number; absNaive: number };
const acc: Acc = { actual: 0, fc: 0, naive: 0, absFc: 0, absNaive: 0 };
const campaignAcc: Acc = { actual: 0, fc: 0, naive: 0, absFc: 0, absNaive: 0 };
let outs = 0;
let caught = 0;
let caughtNaive = 0;
let alarms = 0;
let falseAlarms = 0;
let caughtInbound = 0;
let alarmsInbound = 0;
let falseAlarmsInbound = 0;
// The risk rule: cautious demand, inbound on its expected day, overdue inbound not counted.
let caughtRisk = 0;
let alarmsRisk = 0;
let falseAlarmsRisk = 0;
const riskReasons: Record<string, { caught: number; false: number }> = {};
const perCutoff: unknown[] = [];
const step = Number(values.step);
if (!Number.isInteger(step) || step < 1 || step > 14) throw new Error(`--step must be 1…14: ${values.step}`);
// Per SKU, the cutoffs (day numbers) at which each rule raised an alarm: stock-out events below.
const alarmDays = {
  sellable: new Map<string, Set<number>>(),
  risk: new Map<string, Set<number>>(),
  leadTimeRule: new Map<string, Set<number>>(),
  // The daily check's restock task before (sellable days < 7) and now (or the lead-time risk for lack of stock).
  restockBefore: new Map<string, Set<number>>(),
  restockNow: new Map<string, Set<number>>(),
  restockRiskOnly: new Map<string, Set<number>>(),
  restockLeadOnly: new Map<string, Set<number>>(),
  restockMin1: new Map<string, Set<number>>(),
};
// Variants of the risk rule, all on the batches due after the supplier's lead time: horizon
// (14 days, lead time, lead time + review), service level of the cautious demand, smallest shortfall.
type Variant = {
  name: string;
  horizon: (sku: string) => number;
  level: number;
  minShort: (dayQty: number) => number;
};
const variants: Variant[] = [];
for (const [hn, horizon] of [
  ['H14', () => 14],
  ['H=L', (sku: string) => riskHorizonDays(leadOf(sku), 0)],
  ['H=L+R', (sku: string) => riskHorizonDays(leadOf(sku))],
] as const)
  for (const level of [0.8, 0.5])
    for (const [mn, minShort] of [
      ['min>0', () => 0],
      ['min1', () => 1],
      ['min1day', (d: number) => Math.max(1, d)],
    ] as const)
      variants.push({ name: `${hn} z${level * 100} ${mn}`, horizon, level, minShort });
const variantDays = new Map(variants.map((v) => [v.name, new Map<string, Set<number>>()]));
const note = (m: Map<string, Set<number>>, sku: string, d: number) => {
  const set = m.get(sku) ?? new Set<number>();
  set.add(d);
  m.set(sku, set);
};
const firstCut = addDays(manifest.endDate, -H - 180);
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
for (
  let cut = addDays(manifest.endDate, -H - 180);
  cut <= addDays(manifest.endDate, -H);
  cut = addDays(cut, step)
) {
  const hist = await loadHistories(database.db, source, cut, campaigns);
  const actual = await rows<{ sku_code: string; q: number }>(
    sql.raw(
      `select sku_code, sum(qty)::int as q from ${source} s where day > '${cut}'::date and day <= '${addDays(cut, H)}'::date group by sku_code`,
    ),
  );
  const actualBy = new Map(actual.map((a) => [a.sku_code, Number(a.q)]));
  const stock = await rows<{ sku_code: string; a: number; t: number }>(
    sql`select sku_code, sum(available)::int as a, coalesce(sum(in_transit), 0)::int as t from stock_snapshots where store_id = ${store.id} and date = ${cut}::date group by sku_code`,
  );
  const firstOut = await rows<{ sku_code: string; d: string }>(
    sql`select sku_code, min(date)::text as d from stock_snapshots where store_id = ${store.id} and date > ${cut}::date
        and date <= ${addDays(cut, H)}::date and available <= 0 group by sku_code`,
  );
  const outBy = new Map(firstOut.map((o) => [o.sku_code, o.d]));
  const naive28 = await rows<{ sku_code: string; q: number }>(
    sql.raw(
      `select sku_code, sum(qty)::int as q from ${source} s where day > '${addDays(cut, -28)}'::date and day <= '${cut}'::date group by sku_code`,
    ),
  );
  const naiveBy = new Map(naive28.map((a) => [a.sku_code, Number(a.q)]));
  const inbound = await inboundFromSnapshots(ctx, store.id, cut);
  const inboundLead = await inboundFromSnapshots(ctx, store.id, cut, DEFAULT_LEAD_TIME_DAYS, lt);
  const inCampaign = campaigns.some((c) => c.start <= addDays(cut, H) && c.end > cut);
  const a: Acc = { actual: 0, fc: 0, naive: 0, absFc: 0, absNaive: 0 };
  for (const s of stock) {
    if (Number(s.a) <= 0) continue; // already out at the cutoff: nothing to predict
    const h = hist.get(s.sku_code) ?? { days: [], qty: [] };
    const f = forecastSeries(h, { asOf: cut, campaigns, horizonDays: 60 });
    const fc = f.daily.slice(0, H).reduce((x, d) => x + d.qty, 0);
    // naive: the plain 28-day average (all days, campaign or not)
    const naive = ((naiveBy.get(s.sku_code) ?? 0) / 28) * H;
    const act = actualBy.get(s.sku_code) ?? 0;
    a.actual += act;
    a.fc += fc;
    a.naive += naive;
    a.absFc += Math.abs(fc - act);
    a.absNaive += Math.abs(naive - act);
    const sd = sellableDays(Number(s.a), f.daily);
    const predictedOut = sd.days !== null && sd.days < H;
    const naiveOut = naive > 0 && (Number(s.a) / naive) * H < H;
    const withInbound = sellableDays(Number(s.a) + Number(s.t), f.daily);
    const predictedOutInbound = withInbound.days !== null && withInbound.days < H;
    const risk = stockoutRisk(f, Number(s.a), inbound.get(s.sku_code) ?? [], H);
    if (risk) note(alarmDays.risk, s.sku_code, dayNumber(cut));
    const batches = inboundLead.get(s.sku_code) ?? [];
    const leadRisk = leadTimeStockoutRisk(f, Number(s.a), batches, leadOf(s.sku_code));
    if (leadRisk) note(alarmDays.leadTimeRule, s.sku_code, dayNumber(cut));
    const low = sd.days !== null && sd.days < ALERT_LOW_DAYS && f.soldLast30 > 0;
    if (low) note(alarmDays.restockBefore, s.sku_code, dayNumber(cut));
    const forStock = (r: ReturnType<typeof stockoutRisk>) =>
      r !== null && r.reason !== 'inbound_overdue' && f.soldLast30 > 0;
    if (low || forStock(leadRisk)) note(alarmDays.restockNow, s.sku_code, dayNumber(cut));
    if (forStock(leadRisk)) note(alarmDays.restockRiskOnly, s.sku_code, dayNumber(cut));
    const withinLead = stockoutRisk(f, Number(s.a), batches, riskHorizonDays(leadOf(s.sku_code), 0));
    if (low || forStock(withinLead)) note(alarmDays.restockLeadOnly, s.sku_code, dayNumber(cut));
    const min1 = leadTimeStockoutRisk(f, Number(s.a), batches, leadOf(s.sku_code), { minShortUnits: 1 });
    if (low || forStock(min1)) note(alarmDays.restockMin1, s.sku_code, dayNumber(cut));
    const dayQty = f.daily[0]?.qty ?? 0;
    for (const v of variants)
      if (stockoutRisk(f, Number(s.a), batches, v.horizon(s.sku_code), v.level, v.minShort(dayQty)))
        note(variantDays.get(v.name)!, s.sku_code, dayNumber(cut));
    if (predictedOut) note(alarmDays.sellable, s.sku_code, dayNumber(cut));
    if (risk) {
      alarmsRisk++;
      if (!riskReasons[risk.reason]) riskReasons[risk.reason] = { caught: 0, false: 0 };
      const r = riskReasons[risk.reason]!;
      if (outBy.has(s.sku_code)) {
        caughtRisk++;
        r.caught++;
      } else {
        falseAlarmsRisk++;
        r.false++;
      }
    }
    if (predictedOut) alarms++;
    if (predictedOutInbound) alarmsInbound++;
    if (outBy.has(s.sku_code)) {
      outs++;
      if (predictedOut) caught++;
      if (predictedOutInbound) caughtInbound++;
      if (naiveOut) caughtNaive++;
    } else {
      if (predictedOut) falseAlarms++;
      if (predictedOutInbound) falseAlarmsInbound++;
    }
  }
  for (const k of Object.keys(acc) as (keyof Acc)[]) {
    acc[k] += a[k];
    if (inCampaign) campaignAcc[k] += a[k];
  }
  perCutoff.push({
    cut,
    inCampaign,
    wape: +(a.absFc / Math.max(1, a.actual)).toFixed(3),
    wapeNaive: +(a.absNaive / Math.max(1, a.actual)).toFixed(3),
  });
}
const pct = (x: number) => +(100 * x).toFixed(1);
// Stock-out events: a SKU's available (summed over warehouses) reaching 0 after a day above 0, on
// a day a cutoff could see coming (firstCut + 1 … lastCut + H). Caught: the rule alarmed at a
// cutoff 1…H days before. A new alarm: one not already raised at the previous cutoff; false when
// no stock-out event follows within H days.
const lastCut = (() => {
  let c = firstCut;
  while (addDays(c, step) <= addDays(manifest.endDate, -H)) c = addDays(c, step);
  return c;
})();
const eventRows = await rows<{ sku_code: string; d: string }>(
  sql`with s as (select sku_code, date, sum(available) as a from stock_snapshots
        where store_id = ${store.id} and sku_code is not null group by sku_code, date),
      l as (select sku_code, date, a, lag(a) over (partition by sku_code order by date) as prev from s)
      select sku_code, date::text as d from l where a <= 0 and prev > 0
        and date > ${firstCut}::date and date <= ${addDays(lastCut, H)}::date`,
);
const events = eventRows.map((e) => ({ sku: e.sku_code, day: dayNumber(e.d) }));
const eventDays = new Map<string, number[]>();
for (const e of events) eventDays.set(e.sku, [...(eventDays.get(e.sku) ?? []), e.day]);
// The alarm as the daily check raises it (`nextRiskAlarm`): raised after `persist` cutoffs running,
// kept through `hold` cutoffs where the rule lapses. Caught also counts `early`: raised at least the
// SKU's lead time before the event (a reorder placed then could still arrive).
const score = (m: Map<string, Set<number>>, persist = 1, hold = 0) => {
  const raisedDays = new Map<string, Set<number>>();
  let newAlarms = 0;
  let falseNew = 0;
  // As the daily check files them: one task per SKU and week (Monday to Sunday), false when no
  // event follows within H days of the week's first raised day.
  let weekTasks = 0;
  let falseWeekTasks = 0;
  const skus = new Set([...m.keys()]);
  for (const sku of skus) {
    const days = m.get(sku)!;
    const raised = new Set<number>();
    const weeks = new Set<number>();
    let st: RiskAlarmState = NO_RISK_ALARM;
    for (let d = dayNumber(firstCut); d <= dayNumber(lastCut); d += step) {
      const n = nextRiskAlarm(st, days.has(d), persist, hold);
      st = n;
      if (n.raised) {
        raised.add(d);
        const week = Math.floor((d + 3) / 7); // Monday to Sunday (1970-01-01 was a Thursday)
        if (!weeks.has(week)) {
          weeks.add(week);
          weekTasks++;
          if (!(eventDays.get(sku) ?? []).some((e) => e > d && e <= d + H)) falseWeekTasks++;
        }
      }
      if (!n.fresh) continue;
      newAlarms++;
      if (!(eventDays.get(sku) ?? []).some((e) => e > d && e <= d + H)) falseNew++;
    }
    raisedDays.set(sku, raised);
  }
  let caughtEv = 0;
  let early = 0;
  for (const e of events) {
    const a = raisedDays.get(e.sku);
    let first: number | null = null;
    for (let d = e.day - H; d < e.day && first === null; d++) if (a?.has(d)) first = d;
    if (first === null) continue;
    caughtEv++;
    if (first <= e.day - leadOf(e.sku)) early++;
  }
  return {
    caught: caughtEv,
    early,
    missed: events.length - caughtEv,
    newAlarms,
    falseNewAlarms: falseNew,
    weekTasks,
    falseWeekTasks,
  };
};
const variantScores: Record<string, string> = {};
for (const [name, m] of [
  ['observed transit, H14 z80 (old rule)', alarmDays.risk] as const,
  ['sellable days < 14', alarmDays.sellable] as const,
  ['daily check restock task before (sellable days < 7)', alarmDays.restockBefore] as const,
  ['daily check restock task now (< 7 days or lead-time risk)', alarmDays.restockNow] as const,
  ['restock task on the lead-time risk alone', alarmDays.restockRiskOnly] as const,
  ['restock task on < 7 days or the risk within the lead time only', alarmDays.restockLeadOnly] as const,
  ['restock task on < 7 days or the risk with ≥ 1 unit short', alarmDays.restockMin1] as const,
  ...[...variantDays].map(([n, m]) => [`lead time, ${n}`, m] as const),
])
  for (const [persist, hold] of step === 1
    ? [
        [1, 0],
        [2, 0],
        [1, 3],
        [2, 3],
      ]
    : [[1, 0]]) {
    const r = score(m, persist, hold);
    variantScores[`${name}, persist ${persist} hold ${hold}`] =
      `caught ${r.caught} (early ${r.early}) missed ${r.missed}, new ${r.newAlarms} false ${r.falseNewAlarms}, week tasks ${r.weekTasks} false ${r.falseWeekTasks}`;
  }
const result = {
  store: {
    seed: manifest.seed,
    scale: manifest.scale,
    days: manifest.days,
    skus: (
      await rows<{ n: number }>(sql`select count(*)::int as n from skus where store_id = ${store.id}`)
    )[0]?.n,
  },
  horizonDays: H,
  stepDays: step,
  stockoutEvents: {
    events: events.length,
    sellableUnder14: score(alarmDays.sellable),
    riskRule: score(alarmDays.risk),
    // The rule as the plan computes it: raised the first day; hold 3 = a lapse of up to 3 days is the same alarm.
    leadTimeRule: score(alarmDays.leadTimeRule),
    leadTimeRuleHold3: score(alarmDays.leadTimeRule, 1, 3),
    variants: variantScores,
  },
  demand: {
    wapePct: pct(acc.absFc / acc.actual),
    biasPct: pct((acc.fc - acc.actual) / acc.actual),
    naive28WapePct: pct(acc.absNaive / acc.actual),
    naive28BiasPct: pct((acc.naive - acc.actual) / acc.actual),
    windowsWithCampaign: {
      wapePct: pct(campaignAcc.absFc / Math.max(1, campaignAcc.actual)),
      naive28WapePct: pct(campaignAcc.absNaive / Math.max(1, campaignAcc.actual)),
    },
  },
  stockouts: {
    actual: outs,
    caught,
    missed: outs - caught,
    missRatePct: pct((outs - caught) / Math.max(1, outs)),
    naive28Missed: outs - caughtNaive,
    alarms,
    falseAlarms,
    riskRule: {
      caught: caughtRisk,
      missed: outs - caughtRisk,
      missRatePct: pct((outs - caughtRisk) / Math.max(1, outs)),
      alarms: alarmsRisk,
      falseAlarms: falseAlarmsRisk,
      byReason: riskReasons,
    },
    countingInTransit: {
      caught: caughtInbound,
      missed: outs - caughtInbound,
      alarms: alarmsInbound,
      falseAlarms: falseAlarmsInbound,
    },
  },
  perCutoff,
};
console.log(JSON.stringify(result, null, 2));
await database.close();
rmSync(dataDir, { recursive: true, force: true });
