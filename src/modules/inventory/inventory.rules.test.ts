import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/time';
import {
  type CampaignPeriod,
  campaignAlertDays,
  campaignShortfall,
  canMovePo,
  classifyStock,
  type DayPoint,
  DEFAULT_CAMPAIGN_UPLIFT,
  forecastSku,
  inTransitBatches,
  isLargeCountDifference,
  leadTimeStockoutRisk,
  NO_RISK_ALARM,
  nextRiskAlarm,
  normalQuantile,
  poStatusAfterReceipt,
  type RiskAlarmState,
  restockAdvice,
  riskHorizonDays,
  sellableDays,
  signedQty,
  stockoutRisk,
  supplierReportPeriod,
} from './inventory.rules';

const AS_OF = '2026-11-25'; // a Wednesday

/** `days` days ending on AS_OF, qty from a function of the date. */
function series(days: number, qty: (date: string, i: number) => number, end = AS_OF): DayPoint[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(end, i - days + 1);
    return { date, qty: qty(date, i) };
  });
}
const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('forecastSku', () => {
  it('zero sales: velocity 0, no stock-out date, sellable days unknown (never)', () => {
    const f = forecastSku(
      series(90, () => 0),
      { asOf: AS_OF },
    );
    expect(f.baseVelocity).toBe(0);
    expect(f.daily.every((d) => d.qty === 0)).toBe(true);
    expect(sellableDays(50, f.daily)).toEqual({ days: null, stockoutDate: null });
    expect(f.lastSaleDate).toBeNull();
    expect(f.soldLast30).toBe(0);
  });

  it('no history at all: confidence none, nothing forecast', () => {
    const f = forecastSku([], { asOf: AS_OF });
    expect(f.confidence).toBe('none');
    expect(f.baseVelocity).toBe(0);
  });

  it('a new SKU with 3 days of history: the mean of those days, low confidence, no weekday pattern', () => {
    const f = forecastSku(
      [
        { date: '2026-11-23', qty: 4 },
        { date: '2026-11-24', qty: 6 },
        { date: '2026-11-25', qty: 5 },
      ],
      { asOf: AS_OF },
    );
    expect(f.baseVelocity).toBeCloseTo(5);
    expect(f.confidence).toBe('low');
    expect(f.weekdayFactors).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(f.daily[0]!.qty).toBeCloseTo(5);
    expect(sellableDays(12, f.daily).days).toBeCloseTo(2.4);
    expect(sellableDays(12, f.daily).stockoutDate).toBe('2026-11-28');
  });

  it('a campaign spike is not extrapolated into normal days', () => {
    const campaign: CampaignPeriod = { name: '双11', start: '2026-11-10', end: '2026-11-12' };
    const pts = series(60, (d) => (d >= campaign.start && d <= campaign.end ? 50 : 10));
    const f = forecastSku(pts, { asOf: AS_OF, campaigns: [campaign] });
    expect(f.baseVelocity).toBeCloseTo(10);
    expect(f.daily.slice(0, 14).every((d) => Math.abs(d.qty - 10) < 1e-6)).toBe(true);
    // Its own campaign history says campaign days sell 5×.
    expect(f.campaignUplift).toBeCloseTo(5);
  });

  it('an unnamed one-day spike is winsorised, not averaged in', () => {
    const pts = series(28, (_, i) => (i === 20 ? 500 : 10));
    const f = forecastSku(pts, { asOf: AS_OF });
    expect(f.baseVelocity).toBeLessThan(11);
  });

  it('stock-out days (censored demand) do not pull the level down', () => {
    const pts = series(28, (_, i) => (i >= 20 ? 0 : 8)).map((p, i) => ({ ...p, stockout: i >= 20 }));
    expect(forecastSku(pts, { asOf: AS_OF }).baseVelocity).toBeCloseTo(8);
  });

  it('learns the weekday pattern: weekends sell double', () => {
    const pts = series(56, (d) => (dow(d) === 0 || dow(d) === 6 ? 20 : 10));
    const f = forecastSku(pts, { asOf: AS_OF });
    const sat = f.daily.find((d) => dow(d.date) === 6)!;
    const mon = f.daily.find((d) => dow(d.date) === 1)!;
    expect(sat.qty / mon.qty).toBeGreaterThan(1.6);
    expect(sat.qty / mon.qty).toBeLessThan(2.05);
    // A week of forecast still sums to a week of history.
    const week = f.daily.slice(0, 7).reduce((s, d) => s + d.qty, 0);
    expect(week).toBeCloseTo(5 * 10 + 2 * 20, -0.5);
  });

  it('raises planned campaign days by the calendar uplift, or the default without history', () => {
    const pts = series(60, () => 10);
    const planned: CampaignPeriod = { name: '双12', start: '2026-12-10', end: '2026-12-12', uplift: 3 };
    const f = forecastSku(pts, { asOf: AS_OF, campaigns: [planned] });
    expect(f.daily.find((d) => d.date === '2026-12-11')!.qty).toBeCloseTo(30);
    expect(f.daily.find((d) => d.date === '2026-12-11')!.campaign).toBe('双12');
    const g = forecastSku(pts, { asOf: AS_OF, campaigns: [{ ...planned, uplift: null }] });
    expect(g.daily.find((d) => d.date === '2026-12-11')!.qty).toBeCloseTo(10 * DEFAULT_CAMPAIGN_UPLIFT);
  });

  it('season: last year rose after this date, so the forecast rises too (clamped)', () => {
    // Two years; every year sales double from Nov 26 on (winter goods).
    const pts = series(800, (d) => (d.slice(5) >= '11-26' || d.slice(5) < '02-01' ? 20 : 10));
    const f = forecastSku(pts, { asOf: AS_OF });
    expect(f.seasonFactor).toBeGreaterThan(1.5);
    expect(f.seasonFactor).toBeLessThanOrEqual(2);
    // Without the year of history: no season.
    expect(forecastSku(pts.slice(-300), { asOf: AS_OF }).seasonFactor).toBe(1);
  });

  it('ignores points after asOf (no peeking into the future)', () => {
    const pts = [...series(30, () => 5), { date: '2026-11-30', qty: 999 }];
    expect(forecastSku(pts, { asOf: AS_OF }).baseVelocity).toBeCloseTo(5);
  });
});

describe('sellableDays', () => {
  const flat = (q: number, n = 30) =>
    Array.from({ length: n }, (_, i) => ({ date: addDays(AS_OF, i + 1), qty: q }));
  it.each([
    [0, 5, 0, '2026-11-26'],
    [10, 5, 2, '2026-11-27'],
    [12, 5, 2.4, '2026-11-28'],
    [1, 4, 0.25, '2026-11-26'],
  ])('stock %d at %d/day → %d days, out on %s', (stock, q, days, date) => {
    const r = sellableDays(stock, flat(q));
    expect(r.days).toBeCloseTo(days);
    expect(r.stockoutDate).toBe(date);
  });
  it('beyond the horizon it extends at the horizon average', () => {
    expect(sellableDays(100, flat(1, 30)).days).toBeCloseTo(100);
  });
  it('property: more stock never sells out sooner', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 1, maxLength: 40 }),
        fc.nat(500),
        fc.nat(100),
        (qs, s, extra) => {
          const daily = qs.map((q, i) => ({ date: addDays(AS_OF, i + 1), qty: q }));
          const a = sellableDays(s, daily).days ?? Number.POSITIVE_INFINITY;
          const b = sellableDays(s + extra, daily).days ?? Number.POSITIVE_INFINITY;
          return b >= a - 1e-9;
        },
      ),
    );
  });
});

describe('restockAdvice', () => {
  const flat = (q: number) => ({
    daily: Array.from({ length: 90 }, (_, i) => ({ date: addDays(AS_OF, i + 1), qty: q })),
    sigma: 0,
  });
  it('orders nothing while stock covers the lead time', () => {
    const a = restockAdvice(flat(10), { available: 100, leadTimeDays: 7 });
    expect(a.reorderPoint).toBe(70);
    expect(a.reorderNow).toBe(false);
    expect(a.suggestedQty).toBe(0);
  });
  it.each([
    // lead days, available, inbound → reorder point, order-up-to, suggested
    [7, 60, 0, 70, 140, 80],
    [14, 60, 0, 140, 210, 150],
    [14, 60, 50, 140, 210, 100],
    [14, 60, 100, 140, 210, 0], // position 160 above the reorder point
    [0, 0, 0, 0, 70, 70],
    [30, 100, 0, 300, 370, 270],
  ])(
    'lead %d days, available %d, inbound %d → ROP %d, up to %d, order %d',
    (L, avail, inbound, rop, upTo, q) => {
      const a = restockAdvice(flat(10), { available: avail, inbound, leadTimeDays: L });
      expect(a.reorderPoint).toBe(rop);
      expect(a.orderUpTo).toBe(upTo);
      expect(a.suggestedQty).toBe(q);
    },
  );
  it('safety stock grows with the service level and √lead time', () => {
    const f = { ...flat(10), sigma: 4 };
    const a95 = restockAdvice(f, { available: 0, leadTimeDays: 9, serviceLevel: 0.95 });
    const a99 = restockAdvice(f, { available: 0, leadTimeDays: 9, serviceLevel: 0.99 });
    expect(a95.safetyStock).toBeCloseTo(1.6449 * 4 * 3, 2);
    expect(a99.safetyStock).toBeGreaterThan(a95.safetyStock);
    expect(a95.reorderPoint).toBe(Math.ceil(90 + 1.6449 * 12));
  });
  it('rounds up to the carton and the minimum order', () => {
    expect(restockAdvice(flat(10), { available: 60, leadTimeDays: 7, packSize: 24 }).suggestedQty).toBe(96);
    expect(restockAdvice(flat(10), { available: 60, leadTimeDays: 7, minOrderQty: 200 }).suggestedQty).toBe(
      200,
    );
  });
  it('a campaign inside the lead time raises the reorder point', () => {
    const f = flat(10);
    f.daily[3]!.qty = 100;
    expect(restockAdvice(f, { available: 100, leadTimeDays: 7 }).reorderPoint).toBe(160);
  });
  it('zero demand never orders', () => {
    expect(restockAdvice(flat(0), { available: 0, leadTimeDays: 7 }).suggestedQty).toBe(0);
  });
  it('normalQuantile', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6449, 3);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263, 3);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263, 3);
    expect(() => normalQuantile(1)).toThrow();
  });
});

describe('classifyStock and campaign shortfall', () => {
  it.each([
    [0, 0, 10, 'out_of_stock'],
    [0, null, 0, 'no_demand'],
    [50, null, 0, 'slow_mover'],
    [10, 5, 60, 'low'],
    [100, 30, 90, 'ok'],
    [1000, 200, 150, 'overstock'],
  ] as const)('available %d, %s days, sold %d → %s', (available, days, sold, cls) => {
    expect(classifyStock({ available, sellableDays: days, soldLast30: sold, leadTimeDays: 7 })).toBe(cls);
  });

  it('finds the campaign the stock does not last through, with the shortfall', () => {
    const c: CampaignPeriod = { name: '双12', start: '2026-12-10', end: '2026-12-12', uplift: 5 };
    const f = forecastSku(
      series(60, () => 10),
      { asOf: AS_OF, campaigns: [c] },
    );
    // 14 normal days (140) + 3 × 50 = 290 needed by the end of the campaign.
    const short = campaignShortfall(f, 200, [c], AS_OF, 30);
    expect(short?.campaign.name).toBe('双12');
    expect(short?.stockoutDate).toBe('2026-12-11');
    expect(short?.shortBy).toBe(90);
    expect(campaignShortfall(f, 300, [c], AS_OF, 30)).toBeNull();
    expect(campaignShortfall(f, 200, [c], AS_OF, 7)).toBeNull(); // too far ahead to warn yet
  });
});

describe('ledger, count and purchase-order rules', () => {
  it.each([
    ['inbound', 5, 5],
    ['return', 2, 2],
    ['outbound', 3, -3],
    ['outbound', -3, -3],
    ['damage', 1, -1],
    ['adjustment', -4, -4],
    ['adjustment', 4, 4],
  ] as const)('%s %d → %d', (kind, qty, signed) => {
    expect(signedQty(kind, qty)).toBe(signed);
  });
  it('rejects zero, fractions and negative inbound', () => {
    expect(() => signedQty('inbound', 0)).toThrow();
    expect(() => signedQty('inbound', 1.5)).toThrow();
    expect(() => signedQty('inbound', -1)).toThrow();
  });
  it.each([
    [100, 100, false],
    [100, 96, false], // 4 units
    [100, 95, false], // 5 units but 5 %
    [100, 89, true],
    [10, 4, true],
    [0, 5, true],
    [0, 4, false],
  ])('book %d counted %d → large %s', (e, c, large) => {
    expect(isLargeCountDifference(e, c)).toBe(large);
  });
  it('purchase order status follows the receipts', () => {
    expect(poStatusAfterReceipt([{ qtyOrdered: 10, qtyReceived: 0 }])).toBe('sent');
    expect(
      poStatusAfterReceipt([
        { qtyOrdered: 10, qtyReceived: 4 },
        { qtyOrdered: 5, qtyReceived: 5 },
      ]),
    ).toBe('partly_received');
    expect(poStatusAfterReceipt([{ qtyOrdered: 10, qtyReceived: 12 }])).toBe('received');
    expect(canMovePo('draft', 'sent')).toBe(true);
    expect(canMovePo('draft', 'received')).toBe(false);
    expect(canMovePo('received', 'cancelled')).toBe(false);
  });
  it.each([
    ['2026-12-12', '2026-11', '2026-11-01', '2026-11-30', true],
    ['2026-01-11', '2025-12', '2025-12-01', '2025-12-31', true],
    ['2026-03-15', '2026-02', '2026-02-01', '2026-02-28', true],
    ['2026-03-16', '2026-02', '2026-02-01', '2026-02-28', false],
    ['2026-03-10', '2026-02', '2026-02-01', '2026-02-28', false],
  ])('supplier report on %s covers %s', (today, month, from, to, inWindow) => {
    expect(supplierReportPeriod(today)).toEqual({ month, from, to, inWindow });
  });
});

describe('stock-out risk with inbound batches', () => {
  const flat = (q: number, sigma = 0) => ({
    daily: Array.from({ length: 30 }, (_, i) => ({ date: addDays(AS_OF, i + 1), qty: q })),
    sigma,
  });
  it('stock for 10 days and a batch due in 5: no risk; the same batch overdue: out on day 11', () => {
    expect(stockoutRisk(flat(10), 100, [{ qty: 200, dueInDays: 5 }], 14)).toBeNull();
    expect(stockoutRisk(flat(10), 100, [{ qty: 200, dueInDays: 0 }], 14)).toEqual({
      day: 11,
      reason: 'inbound_overdue',
      overdueQty: 200,
      shortBy: 40,
      horizonDays: 14,
    });
  });
  it('a batch on time but after the stock ran out → inbound_late; nothing inbound → demand', () => {
    expect(stockoutRisk(flat(10), 50, [{ qty: 200, dueInDays: 9 }], 14)).toMatchObject({
      day: 6,
      reason: 'inbound_late',
    });
    expect(stockoutRisk(flat(10), 50, [], 14)).toMatchObject({ day: 6, reason: 'demand' });
  });
  it('the cautious end of demand flags earlier with more noise; no demand never runs out', () => {
    expect(stockoutRisk(flat(10, 0), 140, [], 14)).toBeNull();
    expect(stockoutRisk(flat(10, 5), 140, [], 14)?.day).toBeLessThanOrEqual(13);
    expect(stockoutRisk(flat(0), 0, [], 14)).toBeNull();
  });
});

describe('campaign alert window', () => {
  it('is the alert window, or lead time + review when the supplier needs longer', () => {
    expect(campaignAlertDays(14, 3)).toBe(14);
    expect(campaignAlertDays(14, 7)).toBe(14);
    expect(campaignAlertDays(14, 12)).toBe(19); // 双12 on 12-10 is 15 days after 11-25: alert now
    expect(campaignAlertDays(14, 20)).toBe(27);
    expect(campaignAlertDays(14, 12, 0)).toBe(14);
    expect(campaignAlertDays(14, 12.5)).toBe(20);
  });
});

describe('in-transit batches from the daily 在途 totals', () => {
  it.each([
    // totals of the run (last = asOf), lead days → batches
    [[50, 50, 50], 7, [{ qty: 50, dueInDays: 5 }]],
    [[50, 50, 50, 50, 50, 50, 50, 50], 7, [{ qty: 50, dueInDays: 0 }]], // day 7 after it showed up: overdue
    [
      [50, 50, 80, 80],
      7,
      [
        { qty: 50, dueInDays: 4 },
        { qty: 30, dueInDays: 6 },
      ],
    ], // a second reorder
    [[50, 80, 30], 5, [{ qty: 30, dueInDays: 4 }]], // the first batch arrived: the second keeps its day
    [
      [50, 80, 60],
      5,
      [
        { qty: 30, dueInDays: 3 },
        { qty: 30, dueInDays: 4 },
      ],
    ], // part of the first arrived
    [[40], 5, [{ qty: 40, dueInDays: 5 }]], // shipped on asOf: a hero product's 5 days
    [[40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40], 7, [{ qty: 40, dueInDays: -4 }]],
    [[], 7, []],
    [[0, 0], 7, []],
  ])('%j with lead %d → %j', (totals, lead, batches) => {
    expect(inTransitBatches(totals, lead)).toEqual(batches);
  });
});

describe('stock-out risk on the supplier lead time', () => {
  const flat = (q: number, sigma = 0, days = 30) => ({
    daily: Array.from({ length: days }, (_, i) => ({ date: addDays(AS_OF, i + 1), qty: q })),
    sigma,
  });
  it('looks lead time + review days ahead', () => {
    expect(riskHorizonDays(7)).toBe(14);
    expect(riskHorizonDays(5)).toBe(12); // a hero product's shorter lead time
    expect(riskHorizonDays(15)).toBe(22);
    expect(riskHorizonDays(7, 0)).toBe(7);
    expect(riskHorizonDays(0, 0)).toBe(1);
    expect(riskHorizonDays(6.5)).toBe(14);
    expect(() => riskHorizonDays(-1)).toThrow(RangeError);
  });
  it.each([
    // daily demand, available, lead days → alarm day (null = none); 10 a day, horizon = lead + 7
    [10, 130, 7, 14],
    [10, 140, 7, null], // exactly covers the 14 days
    [10, 110, 5, 12], // hero: 12 days ahead, runs out on day 12
    [10, 120, 5, null], // …and 120 lasts the 12 days
    [10, 130, 5, null], // the same stock a 7-day SKU alarms on
    [10, 200, 15, 21], // the default 15 days: 22 days ahead
  ])('%d a day, %d available, lead %d → day %s', (q, avail, lead, day) => {
    const r = leadTimeStockoutRisk(flat(q), avail, [], lead);
    expect(r?.day ?? null).toBe(day);
    if (r) expect(r.horizonDays).toBe(riskHorizonDays(lead));
  });
  it('a batch due before the run-out covers the gap; due after it does not; overdue is not counted', () => {
    expect(leadTimeStockoutRisk(flat(10), 60, [{ qty: 100, dueInDays: 6 }], 7)).toBeNull();
    expect(leadTimeStockoutRisk(flat(10), 60, [{ qty: 100, dueInDays: 8 }], 7)).toMatchObject({
      day: 7,
      reason: 'inbound_late',
      shortBy: 10,
    });
    // the supplier's lead time passed yesterday and the batch is not here: chase it
    expect(leadTimeStockoutRisk(flat(10), 60, [{ qty: 100, dueInDays: -1 }], 7)).toMatchObject({
      day: 7,
      reason: 'inbound_overdue',
      overdueQty: 100,
      shortBy: 80,
    });
  });
  it('an alarm needs a shortfall of at least minShortUnits', () => {
    // 135 of 140 needed: 5 short at the horizon
    expect(leadTimeStockoutRisk(flat(10), 135, [], 7, { minShortUnits: 5 })).toMatchObject({
      day: 14,
      shortBy: 5,
    });
    expect(leadTimeStockoutRisk(flat(10), 135, [], 7, { minShortUnits: 6 })).toBeNull();
    // 0.7 units short over the 14 days of a slow SKU: any shortfall alarms by default, not with a minimum of 1
    expect(leadTimeStockoutRisk(flat(0.05), 0, [], 7)).toMatchObject({ day: 1, shortBy: 1 });
    expect(leadTimeStockoutRisk(flat(0.05), 0, [], 7, { minShortUnits: 1 })).toBeNull();
  });
  it('zero sales, a new SKU without forecast, no stock and no demand: no alarm', () => {
    expect(leadTimeStockoutRisk(flat(0), 0, [], 7)).toBeNull();
    expect(leadTimeStockoutRisk(flat(0), 5, [{ qty: 10, dueInDays: -3 }], 7)).toBeNull();
    expect(leadTimeStockoutRisk({ daily: [], sigma: 0 }, 0, [], 7)).toBeNull();
  });
  it('a new SKU with a short forecast: the last day repeats to the horizon', () => {
    expect(leadTimeStockoutRisk(flat(10, 0, 3), 100, [], 7)).toMatchObject({ day: 11, shortBy: 40 });
  });
  it('the cautious margin grows with σ and the service level', () => {
    expect(leadTimeStockoutRisk(flat(10, 3), 145, [], 7, { serviceLevel: 0.5 })).toBeNull();
    expect(leadTimeStockoutRisk(flat(10, 3), 145, [], 7)).toMatchObject({ day: 14, shortBy: 5 });
  });
});

describe('stock-out alarm persistence and hysteresis', () => {
  const run = (rule: boolean[], persist: number, hold: number) => {
    let st: RiskAlarmState = NO_RISK_ALARM;
    return rule
      .map((r) => {
        const n = nextRiskAlarm(st, r, persist, hold);
        st = n;
        return n.fresh ? 'N' : n.raised ? 'r' : '.';
      })
      .join('');
  };
  it.each([
    // rule per day (1 = at risk), persist, hold → N new alarm, r raised, . quiet
    ['1101', 1, 0, 'Nr.N'],
    ['1101', 2, 0, '.N..'],
    ['1101', 1, 1, 'Nrrr'], // a one-day lapse is the same alarm
    ['10001', 1, 2, 'Nrr.N'],
    ['1010101', 2, 3, '.......'], // never two days running
    ['0110110', 2, 1, '..Nrrrr'],
    ['0000', 1, 3, '....'],
  ])('%s, persist %d, hold %d → %s', (rule, persist, hold, want) => {
    expect(
      run(
        [...rule].map((c) => c === '1'),
        persist,
        hold,
      ),
    ).toBe(want);
  });
});
