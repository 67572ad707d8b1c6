import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/time';
import {
  adOfflineFindings,
  adOfflineStake,
  averageSellingPrice,
  competitorStake,
  indexDays,
  type OfflinePlan,
  priceChange,
  risingShops,
  type StoreDay,
} from './diagnose';
import {
  attribute,
  compare,
  dailyNoise,
  decompose,
  mad,
  meanOf,
  median,
  moneyAtStake,
  pctChange,
  productContributions,
  ratio,
  reconcile,
  robustZ,
  type Series,
  seasonalBaseline,
  severityOfZ,
} from './metrics.rules';

const seriesOf =
  (m: Record<string, number | null>): Series =>
  (d) =>
    m[d] ?? null;

describe('ratio and pctChange: no data is null, never NaN or 0 %', () => {
  it.each([
    [1, 2, 0.5],
    [0, 5, 0],
    [3, 0, null],
    [null, 3, null],
    [3, null, null],
    [Number.NaN, 3, null],
  ] as const)('ratio(%s, %s) = %s', (a, b, want) => {
    expect(ratio(a, b)).toBe(want);
  });
  it.each([
    [78, 100, -0.22],
    [100, 100, 0],
    [5, 0, null],
    [null, 100, null],
    [100, null, null],
  ] as const)('pctChange(%s, %s) = %s', (a, b, want) => {
    const r = pctChange(a, b);
    if (want === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(want, 10);
  });
  it('meanOf needs enough values', () => {
    expect(meanOf([1, null, 3])).toBe(2);
    expect(meanOf([1, null, null], 2)).toBeNull();
    expect(meanOf([])).toBeNull();
  });
  it('median and MAD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });
});

describe('compare', () => {
  const base: Record<string, number | null> = {};
  for (let i = 1; i <= 400; i++) base[addDays('2026-11-11', -i)] = 100;
  base['2026-11-11'] = 150;
  base['2026-11-10'] = 120;
  base['2026-11-04'] = 75;
  base[addDays('2026-11-11', -364)] = 50;
  it('day before, last week, 7/28-day averages, last year', () => {
    const c = compare(seriesOf(base), '2026-11-11');
    expect(c.vsDayBefore).toBeCloseTo(0.25);
    expect(c.vsLastWeek).toBeCloseTo(1);
    expect(c.avg7).toBeCloseTo((120 + 75 + 500) / 7);
    expect(c.lastYear).toBe(50);
    expect(c.vsLastYear).toBeCloseTo(2);
    expect(c.phase).toBeNull();
    expect(c.vsPhase).toBeNull();
  });
  it('campaign phase: vs the earlier days of the same phase', () => {
    const c = compare(seriesOf(base), '2026-11-11', [
      { name: '双11', phase: 'peak', from: '2026-11-10', to: '2026-11-11' },
    ]);
    expect(c.phase?.phase).toBe('peak');
    expect(c.phaseAvg).toBe(120);
    expect(c.vsPhase).toBeCloseTo(0.25);
  });
  it('without history everything is null', () => {
    const c = compare(seriesOf({ '2026-11-11': 10 }), '2026-11-11');
    expect([c.vsDayBefore, c.vsLastWeek, c.avg7, c.avg28, c.vsLastYear]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
  it('trailing averages need 4 of 7 and 14 of 28 days', () => {
    const m: Record<string, number> = { '2026-11-11': 10 };
    for (let i = 1; i <= 3; i++) m[addDays('2026-11-11', -i)] = 10;
    expect(compare(seriesOf(m), '2026-11-11').avg7).toBeNull();
    m[addDays('2026-11-11', -4)] = 10;
    expect(compare(seriesOf(m), '2026-11-11').avg7).toBe(10);
  });
});

describe('seasonal baseline and robust z', () => {
  // A weekly pattern: Sundays (2026-11-08 is a Sunday) twice the other days, small noise.
  const weekly: Record<string, number> = {};
  for (let i = 1; i <= 70; i++) {
    const d = addDays('2026-11-15', -i);
    const sunday = new Date(`${d}T00:00:00Z`).getUTCDay() === 0;
    weekly[d] = (sunday ? 200 : 100) * (1 + ((i * 7919) % 11) / 200);
  }
  it('uses the same weekday: a normal Sunday is not an anomaly', () => {
    const b = seasonalBaseline(seriesOf(weekly), '2026-11-15')!;
    expect(b.points).toBe(8);
    expect(b.expected).toBeGreaterThan(190);
    expect(b.dates.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 0)).toBe(true);
    expect(Math.abs(robustZ(205, b)!)).toBeLessThan(3);
    // The same value on a Sunday would be a big drop on the weekday-blind average.
    expect(robustZ(120, b)!).toBeLessThan(-3);
  });
  it('skips campaign days and missing days, needs 4 points, falls back to 14 days', () => {
    const sparse = seriesOf({ '2026-11-08': 100, '2026-11-01': 100, '2026-10-25': 100 });
    expect(seasonalBaseline(sparse, '2026-11-15')).toBeNull();
    const exclude = (d: string) => d === '2026-11-08';
    const b = seasonalBaseline(seriesOf(weekly), '2026-11-15', { exclude })!;
    expect(b.dates).not.toContain('2026-11-08');
    const short: Record<string, number> = {};
    for (let i = 1; i <= 10; i++) short[addDays('2026-11-15', -i)] = 100;
    const s = seasonalBaseline(seriesOf(short), '2026-11-15')!;
    expect(s.points).toBe(10);
    expect(s.sigma).toBe(0.04); // the floor
  });
  it.each([
    [100, 0],
    [0, -99],
    [null, null],
  ] as const)('robustZ(%s)', (v, want) => {
    const b = { expected: 100, sigma: 0.1, low: 0, high: 0, points: 8, dates: [] };
    expect(robustZ(v, b)).toBe(want);
  });
  it.each([
    [1, 0.05, null],
    [2.5, 0.3, null],
    [3.5, -0.1, null],
    [3.2, -0.22, 'low'],
    [4.1, 0.05, null], // 4 σ but a 5 % move: below the minimum effect
    [4.1, 0.1, 'low'],
    [4.1, -0.12, 'low'],
    [6, 0.1, 'medium'],
    [-3.1, -0.3, 'medium'],
    [9, 0.1, 'high'],
    [-3.1, -0.6, 'high'],
    [null, 0.5, null],
  ] as const)('severityOfZ(%s, %s) = %s', (z, c, want) => {
    expect(severityOfZ(z, c)).toBe(want);
  });
  it.each([
    // z, change, pooled noise σ (log), severity: the swing must be ≥ 4 × the noise as well
    [-10, -0.33, 0.13, null], // the demo's "−33 % at z = −10": ln 0.67 = −0.40 < 4 × 0.13
    [-8.2, -0.514, 0.116, 'high'], // ln 0.486 = −0.72 ≥ 0.46
    [5.4, 0.24, 0.07, null], // ln 1.24 = 0.215 < 0.28
    [5.4, 0.24, 0.04, 'low'], // 0.215 ≥ 0.16
    [5.4, 0.24, null, 'low'], // no noise figure (short history): the z and the change decide
  ] as const)('severityOfZ(%s, %s, noise %s) = %s', (z, c, n, want) => {
    expect(severityOfZ(z, c, n)).toBe(want);
  });
});

describe('dailyNoise: the pooled day-to-day spread from week-over-week ratios', () => {
  // A weekly pattern times a ±10 % alternation: the weekday pattern cancels in x(d) ÷ x(d−7).
  const weekly = [1, 0.9, 0.8, 0.85, 0.95, 1.2, 1.3];
  const series =
    (wiggle: (i: number) => number): Series =>
    (d) => {
      const i = Math.round((Date.parse(d) - Date.parse('2026-01-05')) / 86_400_000);
      return 1000 * weekly[((i % 7) + 7) % 7] * wiggle(i);
    };
  it('is 0 for a store that repeats its week exactly, whatever its weekday shape', () => {
    expect(
      dailyNoise(
        series(() => 1),
        '2026-06-01',
      ),
    ).toBe(0);
  });
  it('measures the noise, not the weekday pattern', () => {
    // ×1.1 on even days, ×0.9 on odd: d and d−7 differ in parity, every ratio is (1.1 ÷ 0.9)^±1,
    // |ln| = 0.2007 → σ = 1.4826 × 0.2007 ÷ √2 = 0.210.
    const n = dailyNoise(
      series((i) => (i % 2 === 0 ? 1.1 : 0.9)),
      '2026-06-01',
    )!;
    expect(n).toBeCloseTo((1.4826 * Math.log(1.1 / 0.9)) / Math.SQRT2, 6);
  });
  it('skips campaign days, looks further back for pairs, and needs 14 of them', () => {
    const s = series(() => 1);
    expect(dailyNoise(s, '2026-06-01', { exclude: (d) => d >= '2026-05-10' })).toBe(0);
    expect(dailyNoise(s, '2026-06-01', { exclude: (d) => d < '2026-05-20' })).toBeNull();
    expect(dailyNoise(() => null, '2026-06-01')).toBeNull();
  });
});

describe('attribution: the market or us', () => {
  it.each([
    // store, industry, cause, ours (points)
    [-0.22, -0.15, 'market', -7],
    [-0.2, -0.2, 'market', 0],
    [-0.2, -0.3, 'market', 10],
    [-0.2, 0.01, 'ours', -21],
    [-0.2, -0.02, 'ours', -18],
    [-0.3, -0.15, 'mixed', -15],
    [0.3, -0.1, 'ours', 40],
    [0.2, 0.2, 'market', 0],
  ] as const)('store %s, industry %s → %s', (s, i, cause, ours) => {
    const a = attribute(s, i);
    expect(a.cause).toBe(cause);
    expect(Math.round(a.ours! * 100)).toBe(ours);
  });
  it('without industry data the cause is unknown', () => {
    expect(attribute(-0.2, null)).toMatchObject({ cause: 'unknown', ours: null, marketShare: null });
  });
});

describe('decomposition paid = visitors × conversion × AOV', () => {
  it.each([
    [
      { visitors: 1000, conversion: 0.05, aov: 10000 },
      { visitors: 780, conversion: 0.05, aov: 10000 },
    ],
    [
      { visitors: 1000, conversion: 0.05, aov: 10000 },
      { visitors: 900, conversion: 0.06, aov: 9000 },
    ],
    [
      { visitors: 500, conversion: 0.02, aov: 5000 },
      { visitors: 2000, conversion: 0.01, aov: 12000 },
    ],
  ])('LMDI sums exactly to the change (%#)', (b, c) => {
    const d = decompose(b, c)!;
    expect(d.method).toBe('lmdi');
    expect(d.visitors + d.conversion + d.aov).toBeCloseTo(d.delta, 6);
  });
  it('a visitors-only change is all visitors', () => {
    const d = decompose(
      { visitors: 1000, conversion: 0.05, aov: 100 },
      { visitors: 780, conversion: 0.05, aov: 100 },
    )!;
    expect(d.visitors).toBeCloseTo(-1100);
    expect(d.conversion).toBeCloseTo(0);
    expect(d.aov).toBeCloseTo(0);
  });
  it('a zero day falls back to sequential substitution, still exact', () => {
    const d = decompose(
      { visitors: 100, conversion: 0.1, aov: 50 },
      { visitors: 100, conversion: 0, aov: null },
    )!;
    expect(d.method).toBe('sequential');
    expect(d.visitors + d.conversion + d.aov).toBeCloseTo(d.delta, 9);
    expect(d.delta).toBeCloseTo(-500);
  });
  it('no visitors → null', () => {
    expect(
      decompose({ visitors: null, conversion: 0.1, aov: 1 }, { visitors: 1, conversion: 0.1, aov: 1 }),
    ).toBeNull();
  });
});

describe('product contributions', () => {
  it('ranks the losses when the store fell and gives shares of the fall', () => {
    const r = productContributions([
      { productId: 'a', title: 'A', cur: 100, base: 900 },
      { productId: 'b', title: 'B', cur: 500, base: 600 },
      { productId: 'c', title: 'C', cur: 400, base: 300 },
    ]);
    expect(r.map((x) => x.productId)).toEqual(['a', 'b', 'c']);
    expect(r[0].share).toBeCloseTo(800 / 900);
    expect(r[1].share).toBeCloseTo(100 / 900);
    expect(r[2].share).toBe(0);
    expect(r.reduce((s, x) => s + x.share!, 0)).toBeCloseTo(1);
  });
  it('a flat store has no shares', () => {
    const r = productContributions([
      { productId: 'a', title: null, cur: 1, base: 2 },
      { productId: 'b', title: null, cur: 2, base: 1 },
    ]);
    expect(r.every((x) => x.share === null)).toBe(true);
  });
});

describe('reconcile and money at stake', () => {
  it.each([
    [10000, 10000, false],
    [10100, 10000, false],
    [10101, 10000, true],
    [9800, 10000, true],
    [5, 0, true],
    [0, 0, false],
  ] as const)('orders %s vs platform %s → finding %s', (o, p, f) => {
    expect(reconcile(o, p).finding).toBe(f);
  });
  it('without a platform file there is nothing to reconcile', () => {
    expect(reconcile(100, null)).toEqual({ gap: null, ratio: null, finding: false });
  });
  const day = { visitors: 1000, conversion: 0.05, aov: 10000, buyers: 50, paid: 500000 };
  it.each([
    ['paidAmount', 400000, 500000, 100000],
    ['paidAmount', 600000, 500000, 100000],
    ['visitors', 1200, 1000, 100000],
    ['conversion', 0.07, 0.05, 200000],
    ['aov', 11000, 10000, 50000],
    ['visitors', 800, 1000, 100000],
    ['conversion', 0.04, 0.05, 100000],
    ['aov', 9000, 10000, 50000],
    ['refundRate', 0.1, 0.05, 25000],
    ['refundRate', 0.01, 0.05, 0],
  ] as const)('%s %s vs %s → %s fen', (m, a, e, want) => {
    expect(moneyAtStake(m, a, e, day)).toBe(want);
  });
  it('no money figure at all puts nothing (not NaN) at stake', () => {
    const none = { visitors: 1, conversion: null, aov: null, buyers: null, paid: null };
    expect(moneyAtStake('visitors', 1, 2, none)).toBe(0);
    expect(moneyAtStake('conversion', 0.1, 0.2, none)).toBe(0);
  });
  it('no move, no money', () => {
    expect(moneyAtStake('conversion', 0.05, 0.05, day)).toBe(0);
  });
  it('a conversion swing on a day without buyers: AOV from its baseline (the ¥0 "high" finding)', () => {
    // 40 visitors, nobody bought (conversion 0, no AOV that day); usually 5 % at ¥120.
    const d = {
      visitors: 40,
      conversion: 0,
      aov: null,
      buyers: 0,
      paid: 0,
      usual: { aov: 12000, conversion: 0.05, paid: 24000 },
    };
    expect(moneyAtStake('conversion', 0, 0.05, d)).toBe(40 * 0.05 * 12000);
  });
  it('a conversion jump on small data is worth its size, not 0', () => {
    const d = { visitors: 30, conversion: 0.2, aov: 8000, buyers: 6, paid: 48000 };
    expect(moneyAtStake('conversion', 0.2, 0.05, d)).toBe(Math.round(30 * 0.15 * 8000));
  });
  it('visitors without a conversion that day use the usual conversion and AOV', () => {
    const d = {
      visitors: 10,
      conversion: 0,
      aov: null,
      buyers: 0,
      paid: 0,
      usual: { conversion: 0.04, aov: 10000 },
    };
    expect(moneyAtStake('visitors', 10, 110, d)).toBe(100 * 0.04 * 10000);
  });
  it('AOV without buyers that day: buyers from the usual paid ÷ AOV', () => {
    const d = {
      visitors: 10,
      conversion: 0,
      aov: null,
      buyers: 0,
      paid: 0,
      usual: { aov: 10000, paid: 50000 },
    };
    expect(moneyAtStake('aov', 8000, 10000, d)).toBe(5 * 2000);
  });
  it('last resort: the expected paid amount × the relative change', () => {
    const d = { visitors: null, conversion: null, aov: null, buyers: null, paid: 100000 };
    expect(moneyAtStake('visitors', 80, 100, d)).toBe(20000);
  });
  it('a tiny move is still at least 1 fen, never 0', () => {
    expect(moneyAtStake('paidAmount', 9999.8, 10000, day)).toBe(1);
  });
});

describe('competitorStake: a competitor surge is never worth ¥0', () => {
  const c = { paidAmountFen: 150000, paidChange: 0.5, visitors: 3000, visitorsChange: 0.5 };
  it('our shortfall first', () => {
    expect(competitorStake(100000, 80000, c)).toBe(20000);
  });
  it('we did not fall short: the competitor’s paid amount above its baseline', () => {
    expect(competitorStake(100000, 120000, c)).toBe(50000);
  });
  it('no competitor paid amount: its extra visitors at our UV value', () => {
    expect(competitorStake(100000, 120000, { ...c, paidAmountFen: null }, 50)).toBe(1000 * 50);
  });
  it('nothing known: 1 fen, never 0', () => {
    expect(
      competitorStake(null, null, {
        paidAmountFen: null,
        paidChange: null,
        visitors: null,
        visitorsChange: null,
      }),
    ).toBe(1);
  });
});

describe('competitors: average selling price, price cuts, fast risers', () => {
  const shop = '竞品A';
  const day = (date: string, paid: number | null, items: number | null, visitors: number | null = 1000) => ({
    date,
    shop,
    visitors,
    paidAmountFen: paid,
    paidItems: items,
  });
  it('ASP = 支付金额 ÷ 支付件数; no units → no data, never a division by zero', () => {
    expect(averageSellingPrice(day('2026-09-01', 100000, 20))).toBe(5000);
    expect(averageSellingPrice(day('2026-09-01', 100000, 0))).toBeNull();
    expect(averageSellingPrice(day('2026-09-01', null, 10))).toBeNull();
    expect(averageSellingPrice(undefined)).toBeNull();
  });
  const history = (aspFen: number, lastAsp: number, units = 20) => {
    const m = new Map<string, ReturnType<typeof day>>();
    for (let k = 1; k <= 14; k++) {
      const d = addDays('2026-09-15', -k);
      m.set(d, day(d, aspFen * units, units));
    }
    m.set('2026-09-15', day('2026-09-15', lastAsp * units, units));
    return m;
  };
  it('a price cut: the day under its 14-day median', () => {
    const p = priceChange(history(5000, 4000), '2026-09-15');
    expect(p).toMatchObject({ asp: 4000, usualAsp: 5000 });
    expect(p.change).toBeCloseTo(-0.2);
  });
  it('too little history: no usual price', () => {
    const m = new Map([['2026-09-15', day('2026-09-15', 4000 * 20, 20)]]);
    expect(priceChange(m, '2026-09-15').change).toBeNull();
  });
  it('campaign days stay out of the usual price', () => {
    const m = history(5000, 4000);
    // Discounted campaign days in the history would pull the median down; excluded they do not.
    for (let k = 1; k <= 8; k++) {
      const d = addDays('2026-09-15', -k);
      m.set(d, day(d, 3000 * 20, 20));
    }
    const withCampaign = priceChange(m, '2026-09-15').usualAsp!;
    const without = priceChange(m, '2026-09-15', (d) => d >= addDays('2026-09-15', -8)).usualAsp!;
    expect(withCampaign).toBeLessThan(5000);
    expect(without).toBe(5000);
  });
  it('ranks competitors by growth of the last 7 days over the 28 before', () => {
    const rows = [];
    for (let k = 0; k < 35; k++) {
      const d = addDays('2026-09-30', -k);
      const recent = k < 7;
      rows.push({
        date: d,
        shop: '涨得快',
        visitors: recent ? 2000 : 1000,
        paidAmountFen: recent ? 300000 : 100000,
      });
      rows.push({ date: d, shop: '持平', visitors: 1000, paidAmountFen: 100000 });
      if (recent) rows.push({ date: d, shop: '新店', visitors: 500, paidAmountFen: 50000 });
    }
    const r = risingShops(rows, '2026-09-30');
    expect(r.map((x) => x.shop)).toEqual(['涨得快', '持平']); // 新店 has no 28-day history
    expect(r[0].paidGrowth).toBeCloseTo(2);
    expect(r[0].visitorsGrowth).toBeCloseTo(1);
    expect(r[1].paidGrowth).toBeCloseTo(0);
    expect(r[0].paid7).toBe(7 * 300000);
  });
});

describe('an ad plan out of budget early: a finding naming the channel and the plan', () => {
  // 10 weeks of a steady store: 10 000 visitors, 100 buyers, ¥20 000 a day.
  const rows: StoreDay[] = [];
  for (let i = 70; i >= 0; i--)
    rows.push({
      date: addDays('2026-09-30', -i),
      visitors: i === 0 ? 9_200 : 10_000,
      platformPaidAmountFen: i === 0 ? 1_800_000 : 2_000_000,
      platformPaidBuyers: i === 0 ? 90 : 100,
      orderPaidAmountFen: null,
      orderPaidBuyers: null,
    } as unknown as StoreDay);
  const ix = indexDays(rows);
  const plan: OfflinePlan = {
    channel: 'ztc',
    planId: 'p1',
    planName: '爆款拉新',
    offlineAt: '15:20',
    clicks: 700,
    usualClicks: 1_500,
    lostClicks: 800,
    spendFen: 90_000,
    usualSpendFen: 140_000,
  };
  it('names the plan, values the lost clicks at the usual UV value and blames us', () => {
    const [f, ...rest] = adOfflineFindings(ix, [plan], '2026-09-30');
    expect(rest).toEqual([]);
    expect(f.kind).toBe('ad_offline');
    expect(f.key).toBe('ad_offline:ztc:p1');
    expect(f.cause).toBe('ours');
    expect(f.params.channel).toBe('直通车');
    expect(f.params.plan).toBe('爆款拉新');
    expect(f.params.clicksChange).toBe(-53.3);
    // 800 clicks × ¥2.00 per visitor (¥20 000 ÷ 10 000) = ¥1 600.
    expect(f.moneyAtStakeFen).toBe(160_000);
    // 800 of 10 000 usual visitors = 8 %: medium.
    expect(f.severity).toBe('medium');
  });
  it('high when the lost clicks are ≥ 10 % of the usual visitors; nothing without a loss or a row', () => {
    expect(adOfflineFindings(ix, [{ ...plan, lostClicks: 1_200 }], '2026-09-30')[0].severity).toBe('high');
    expect(adOfflineFindings(ix, [{ ...plan, lostClicks: 250 }], '2026-09-30')[0].severity).toBe('low');
    expect(adOfflineFindings(ix, [{ ...plan, lostClicks: 0 }], '2026-09-30')).toEqual([]);
    expect(adOfflineFindings(ix, [plan], '2026-10-30')).toEqual([]);
  });
  it('not when the plan only fell with the store, nor for a few clicks', () => {
    const quiet = indexDays(
      rows.map((r) => (r.date === '2026-09-30' ? ({ ...r, visitors: 6_000 } as StoreDay) : r)),
    );
    // 700 / 1 500 = 0.47 of its usual clicks, the store at 0.6 of its visitors: 0.47 > 0.7 × 0.6.
    expect(adOfflineFindings(quiet, [plan], '2026-09-30')).toEqual([]);
    // 150 clicks lost of 10 000 usual visitors (1.5 %): not worth a finding.
    expect(adOfflineFindings(ix, [{ ...plan, lostClicks: 150 }], '2026-09-30')).toEqual([]);
    // Without the store's visitors: the plan must have lost half its clicks.
    const blind = indexDays(rows.map((r) => ({ ...r, visitors: null }) as unknown as StoreDay));
    expect(adOfflineFindings(blind, [plan], '2026-09-30')).toHaveLength(1);
    expect(adOfflineFindings(blind, [{ ...plan, clicks: 900 }], '2026-09-30')).toEqual([]);
  });
  it('stake: UV value, else conversion × AOV, at least 1 fen', () => {
    expect(adOfflineStake(800, 2_000_000, 10_000, 0.01, 20_000)).toBe(160_000);
    expect(adOfflineStake(800, null, null, 0.01, 20_000)).toBe(160_000);
    expect(adOfflineStake(800, null, null, null, null)).toBe(1);
  });
});
