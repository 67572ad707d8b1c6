import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/time';
import type { FindingDraft } from './diagnose';
import { indexDays, type StoreDay } from './diagnose';
import {
  attributeSources,
  competitorSourceSwings,
  type SourceDayRow,
  sourceCells,
  sourceShares,
} from './metrics.rules';
import { competitorSourceFindings, withSourceAttribution } from './sources';

const D = '2026-09-30';
const weeks = [1, 2, 3, 4].map((k) => addDays(D, -7 * k));

/** Rows of one scope/subject: the same split on the 4 weeks before, `today` on D. */
function series(
  scope: SourceDayRow['scope'],
  subject: string,
  usual: Record<string, number>,
  today: Record<string, number> | null,
  title: string | null = null,
): SourceDayRow[] {
  const out: SourceDayRow[] = [];
  for (const w of weeks)
    for (const [source, v] of Object.entries(usual))
      out.push({ date: w, scope, subject, source, title, visitors: v });
  if (today)
    for (const [source, v] of Object.entries(today))
      out.push({ date: D, scope, subject, source, title, visitors: v });
  return out;
}

describe('sourceCells: each source against the median of the same weekday over 4 weeks', () => {
  it('takes the median, not the mean: one odd week does not move the usual day', () => {
    const rows = series('store', '', { 手淘搜索: 1000 }, { 手淘搜索: 900 });
    rows.find((r) => r.date === weeks[0])!.visitors = 5000;
    expect(sourceCells(rows, D, 'store')).toEqual([
      { key: '手淘搜索', productId: null, title: null, source: '手淘搜索', cur: 900, base: 1000 },
    ]);
  });

  it('a source missing today while the file covers the day counts 0 (it dried up)', () => {
    const rows = series('store', '', { 手淘搜索: 1000, 直通车: 300 }, { 手淘搜索: 1000 });
    const ztc = sourceCells(rows, D, 'store').find((c) => c.source === '直通车');
    expect(ztc).toMatchObject({ cur: 0, base: 300 });
  });

  it('a new source today has a usual day of 0', () => {
    const rows = series('store', '', { 手淘搜索: 1000 }, { 手淘搜索: 1000, 淘宝客: 80 });
    expect(sourceCells(rows, D, 'store').find((c) => c.source === '淘宝客')).toMatchObject({
      cur: 80,
      base: 0,
    });
  });

  it('needs 2 weeks with the file; a week without the file is skipped, not 0', () => {
    const rows = series('store', '', { 手淘搜索: 1000 }, { 手淘搜索: 500 }).filter(
      (r) => r.date === D || r.date === weeks[0],
    );
    expect(sourceCells(rows, D, 'store')).toEqual([]);
    const two = series('store', '', { 手淘搜索: 1000 }, { 手淘搜索: 500 }).filter(
      (r) => r.date === D || r.date === weeks[0] || r.date === weeks[3],
    );
    expect(sourceCells(two, D, 'store')).toHaveLength(1);
    expect(sourceCells(two, D, 'store')[0].base).toBe(1000);
  });

  it('skips campaign weeks and looks further back instead', () => {
    const rows = [
      ...series('store', '', { 手淘搜索: 1000 }, { 手淘搜索: 1000 }),
      {
        date: addDays(D, -35),
        scope: 'store' as const,
        subject: '',
        source: '手淘搜索',
        title: null,
        visitors: 1000,
      },
    ];
    // Weeks 1 and 2 were campaign days (9000): with them the median would be 5000.
    for (const w of [weeks[0], weeks[1]]) rows.find((r) => r.date === w)!.visitors = 9000;
    expect(sourceCells(rows, D, 'store')[0].base).toBe(5000);
    const cells = sourceCells(rows, D, 'store', new Set([weeks[0], weeks[1]]));
    expect(cells[0].base).toBe(1000);
  });

  it('sums the details of one source (several rows of a source on a day)', () => {
    const rows: SourceDayRow[] = [
      ...series('store', '', { 手淘搜索: 600 }, { 手淘搜索: 300 }),
      ...series('store', '', { 手淘搜索: 400 }, { 手淘搜索: 200 }),
    ];
    expect(sourceCells(rows, D, 'store')[0]).toMatchObject({ cur: 500, base: 1000 });
  });

  it('a product without a row today is left out (no data, not a collapse)', () => {
    const rows = [
      ...series('product', 'A', { 手淘搜索: 100 }, null),
      ...series('product', 'B', { 手淘搜索: 50 }, { 手淘搜索: 50 }),
    ];
    expect(sourceCells(rows, D, 'product').map((c) => c.productId)).toEqual(['B']);
  });

  it('keys product cells by product and source and carries the title', () => {
    const rows = series(
      'product',
      '6001',
      { 手淘搜索: 100, 直通车: 40 },
      { 手淘搜索: 20, 直通车: 40 },
      '冰丝凉席',
    );
    expect(sourceCells(rows, D, 'product')).toEqual([
      { key: '6001|手淘搜索', productId: '6001', title: '冰丝凉席', source: '手淘搜索', cur: 20, base: 100 },
      { key: '6001|直通车', productId: '6001', title: '冰丝凉席', source: '直通车', cur: 40, base: 40 },
    ]);
  });
});

describe('sourceShares: the part of the move in the store direction', () => {
  const cell = (key: string, cur: number, base: number) => ({
    key,
    productId: null,
    title: null,
    source: key,
    cur,
    base,
  });
  it('shares of a loss sum to 1 over the losers; gainers get 0', () => {
    const s = sourceShares([cell('a', 20, 100), cell('b', 80, 100), cell('c', 150, 100)], -1);
    expect(s.map((x) => [x.key, x.delta, x.share])).toEqual([
      ['a', -80, 0.8],
      ['b', -20, 0.2],
      ['c', 50, 0],
    ]);
  });
  it('a gain ranks the biggest gainer first', () => {
    const s = sourceShares([cell('a', 110, 100), cell('b', 160, 100)], 1);
    expect(s[0]).toMatchObject({ key: 'b', share: 60 / 70 });
  });
  it('no direction: null shares, never NaN', () => {
    expect(sourceShares([cell('a', 100, 100)], 0)[0].share).toBeNull();
    expect(sourceShares([cell('a', 100, 100)], -1)[0].share).toBeNull();
  });
  it('ties are ordered by key (stable output)', () => {
    const s = sourceShares([cell('b', 50, 100), cell('a', 50, 100)], -1);
    expect(s.map((x) => x.key)).toEqual(['a', 'b']);
  });
});

describe('attributeSources: "80 % of our loss is 商品X\'s 手淘搜索 traffic"', () => {
  const usual = { 手淘搜索: 1000, 手淘推荐: 500, 直通车: 300, 其他: 200 };
  it('names the product × source that carries the loss', () => {
    const rows = [
      ...series('store', '', usual, { 手淘搜索: 600, 手淘推荐: 450, 直通车: 300, 其他: 200 }),
      ...series('product', 'X', { 手淘搜索: 500, 直通车: 100 }, { 手淘搜索: 140, 直通车: 100 }, '商品X'),
      ...series('product', 'Y', { 手淘搜索: 300, 手淘推荐: 200 }, { 手淘搜索: 260, 手淘推荐: 150 }, '商品Y'),
    ];
    const a = attributeSources(rows, D);
    expect(a.state).toBe('ok');
    expect(a.direction).toBe(-1);
    expect(a.total).toEqual({ cur: 1550, base: 2000, delta: -450, change: -0.225 });
    expect(a.sources[0]).toMatchObject({ source: '手淘搜索', delta: -400 });
    expect(a.sources[0].share).toBeCloseTo(400 / 450, 10);
    expect(a.top).toMatchObject({ productId: 'X', title: '商品X', source: '手淘搜索', delta: -360 });
    expect(a.top!.share).toBeCloseTo(360 / 450, 10); // 80 %
  });

  it('falls back to the store source when no product × source carries 30 %', () => {
    const rows = [
      ...series('store', '', usual, { 手淘搜索: 1000, 手淘推荐: 500, 直通车: 0, 其他: 200 }),
      ...series('product', 'X', { 直通车: 100 }, { 直通车: 75 }),
      ...series('product', 'Y', { 直通车: 100 }, { 直通车: 75 }),
      ...series('product', 'Z', { 直通车: 100 }, { 直通车: 75 }),
      ...series('product', 'W', { 直通车: 100 }, { 直通车: 75 }),
    ];
    const a = attributeSources(rows, D);
    expect(a.top).toMatchObject({ productId: null, source: '直通车', share: 1 });
  });

  it('the swing direction decides when given (a paid-amount drop on a day visitors rose)', () => {
    const rows = series('store', '', usual, { 手淘搜索: 1200, 手淘推荐: 450, 直通车: 300, 其他: 200 });
    expect(attributeSources(rows, D).top).toMatchObject({ source: '手淘搜索' });
    expect(attributeSources(rows, D, { direction: -1 }).top).toMatchObject({ source: '手淘推荐', share: 1 });
  });

  it('uses the products alone when the store-level file is absent', () => {
    const rows = series('product', 'X', { 手淘搜索: 500 }, { 手淘搜索: 100 }, '商品X');
    const a = attributeSources(rows, D);
    expect(a.total).toBeNull();
    expect(a.top).toMatchObject({ productId: 'X', source: '手淘搜索', share: 1 });
  });

  it('no file on the day → no_data; a file without history → no_baseline', () => {
    const rows = series('store', '', usual, null);
    expect(attributeSources(rows, D)).toMatchObject({ state: 'no_data', top: null, total: null });
    expect(attributeSources([], D).state).toBe('no_data');
    const fresh = series('store', '', usual, usual).filter((r) => r.date === D);
    expect(attributeSources(fresh, D)).toMatchObject({ state: 'no_baseline', top: null });
  });

  it('nothing moved: no direction, no top, no NaN', () => {
    const a = attributeSources(series('store', '', usual, usual), D);
    expect(a).toMatchObject({ state: 'ok', direction: 0, top: null });
    expect(a.total!.change).toBe(0);
    expect(a.sources.every((s) => s.share === null)).toBe(true);
  });

  it('competitor rows neither count as the file covering the day nor enter the store split', () => {
    const rows = series('competitor', '竞店A', { 手淘搜索: 1000 }, { 手淘搜索: 100 });
    expect(attributeSources(rows, D).state).toBe('no_data');
  });
});

describe('withSourceAttribution: the sentence on a visitor swing', () => {
  const swing = (metric: string, value: number, expected: number): FindingDraft => ({
    key: `swing:${metric}`,
    kind: 'swing',
    metric,
    severity: 'high',
    cause: 'ours',
    moneyAtStakeFen: 100,
    messageKey: 'metrics.finding.swing_ours',
    params: { change: -22 },
    explanation: { value, expected },
    links: [],
  });
  const rows = [
    ...series('store', '', { 手淘搜索: 1000, 直通车: 300 }, { 手淘搜索: 500, 直通车: 300 }),
    ...series('product', 'X', { 手淘搜索: 600 }, { 手淘搜索: 150 }, '商品X'),
  ];
  it('adds source, share and product to a visitors swing, with the ranked cells in the explanation', () => {
    const [f] = withSourceAttribution([swing('visitors', 800, 1300)], rows, D, new Set());
    expect(f.params).toMatchObject({ source: '手淘搜索', sourceShare: 100, sourceProduct: '商品X' });
    expect(f.links.at(-1)).toEqual({ kind: 'metric_source_daily', id: D, label: '手淘搜索' });
    expect((f.explanation.sources as { products: unknown[] }).products).toHaveLength(1);
  });
  it('leaves other findings, and days without the file, unchanged', () => {
    const other = { ...swing('conversion', 1, 2), key: 'swing:conversion' };
    expect(withSourceAttribution([other], rows, D, new Set())[0]).toBe(other);
    const v = swing('visitors', 800, 1300);
    expect(withSourceAttribution([v], [], D, new Set())[0]).toBe(v);
    expect(withSourceAttribution([v], rows, addDays(D, 1), new Set())[0]).toBe(v);
  });
});

describe("competitorSourceSwings: a competitor's source jumps", () => {
  const usual = { 手淘搜索: 2000, 直通车: 500, 手淘推荐: 500 };
  it('finds a source ≥ +50 % whose extra visitors are ≥ 10 % of the competitor’s usual total', () => {
    const rows = series('competitor', '竞店A', usual, { 手淘搜索: 2050, 直通车: 1400, 手淘推荐: 500 });
    const [s] = competitorSourceSwings(rows, D);
    expect(competitorSourceSwings(rows, D)).toHaveLength(1);
    expect(s).toMatchObject({ shop: '竞店A', source: '直通车', visitors: 1400, usual: 500 });
    expect(s.change).toBeCloseTo(1.8, 10);
    expect(s.extraShare).toBeCloseTo(0.3, 10);
  });
  it('ignores a big relative jump of a small source (+200 % of 50 is 3 % of the total)', () => {
    const rows = series('competitor', '竞店A', { ...usual, 淘宝客: 50 }, { ...usual, 淘宝客: 150 });
    expect(competitorSourceSwings(rows, D)).toEqual([]);
  });
  it('ignores +40 % (below the surge), drops, and a new source with no usual day', () => {
    const rows = series('competitor', '竞店A', usual, {
      手淘搜索: 2800,
      直通车: 100,
      手淘推荐: 500,
      其他: 900,
    });
    expect(competitorSourceSwings(rows, D)).toEqual([]);
  });
  it('ranks several competitors by the extra share', () => {
    const rows = [
      ...series('competitor', '竞店A', usual, { 手淘搜索: 2000, 直通车: 1000, 手淘推荐: 500 }),
      ...series('competitor', '竞店B', usual, { 手淘搜索: 2000, 直通车: 500, 手淘推荐: 1500 }),
    ];
    expect(competitorSourceSwings(rows, D).map((s) => s.shop)).toEqual(['竞店B', '竞店A']);
  });
  it('turns a swing into a finding with money at stake > 0, never on a campaign day', () => {
    const rows = series('competitor', '竞店A', usual, { 手淘搜索: 2000, 直通车: 1400, 手淘推荐: 500 });
    const day = (date: string, paid: number): StoreDay =>
      ({
        date,
        visitors: 1000,
        platformPaidAmountFen: paid,
        orderPaidAmountFen: paid,
        platformPaidBuyers: 20,
      }) as StoreDay;
    const days = [...weeks, D].map((d) => day(d, 100_000));
    const [f] = competitorSourceFindings(indexDays(days), rows, D);
    expect(f).toMatchObject({
      key: 'competitor_source:竞店A:直通车',
      kind: 'competitor_source',
      severity: 'medium',
      params: { shop: '竞店A', source: '直通车', change: 180, visitors: 1400, usual: 500 },
    });
    expect(f.moneyAtStakeFen).toBeGreaterThan(0);
    const campaign = indexDays(days, [{ name: '双11', phase: 'peak', from: D, to: D }]);
    expect(competitorSourceFindings(campaign, rows, D)).toEqual([]);
  });
});
