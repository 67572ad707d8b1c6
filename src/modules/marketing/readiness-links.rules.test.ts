import { describe, expect, it } from 'vitest';
import { csShiftCheck, type Phase, peakDays, stockCheck } from './campaign.rules';

const d11: Phase[] = [
  { code: 'preheat', name: '预热', from: '2026-10-20', to: '2026-10-30' },
  { code: 'peak', name: '爆发', from: '2026-10-31', to: '2026-11-01' },
  { code: 'peak', name: '爆发', from: '2026-11-10', to: '2026-11-11' },
];
const normal = Array.from({ length: 14 }, (_, i) => `2026-10-${String(6 + i).padStart(2, '0')}`);

describe('peakDays', () => {
  it('takes the peak phases only, each day once, in order', () => {
    expect(peakDays(d11)).toEqual(['2026-10-31', '2026-11-01', '2026-11-10', '2026-11-11']);
  });
  it('takes the main phase of an own activity', () => {
    expect(
      peakDays([
        { code: 'preheat', name: '预热', from: '2026-05-01', to: '2026-05-02' },
        { code: 'main', name: '正式', from: '2026-05-03', to: '2026-05-04' },
      ]),
    ).toEqual(['2026-05-03', '2026-05-04']);
  });
  it('falls back to every day when there is no peak or main phase', () => {
    expect(peakDays([{ code: 'preheat', name: '预热', from: '2026-05-01', to: '2026-05-02' }])).toEqual([
      '2026-05-01',
      '2026-05-02',
    ]);
    expect(peakDays([])).toEqual([]);
  });
});

describe('csShiftCheck (extra CS shifts on the peak days)', () => {
  const roster = (normalN: number, peak: Record<string, number>) =>
    new Map<string, number>([
      ...normal.map((d) => [d, normalN] as [string, number]),
      ...Object.entries(peak),
    ]);
  const peak = peakDays(d11);

  it('passes when every peak day has more shifts than a normal day', () => {
    const r = csShiftCheck(peak, roster(3, Object.fromEntries(peak.map((d) => [d, 5]))), normal);
    expect(r).toMatchObject({ ok: true, missing: [], basis: { normalShifts: 3, peakDays: peak } });
  });
  it('a peak day staffed like a normal day is missing (equal is not extra)', () => {
    const r = csShiftCheck(
      peak,
      roster(3, { '2026-10-31': 4, '2026-11-01': 3, '2026-11-10': 4, '2026-11-11': 5 }),
      normal,
    );
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([{ kind: 'no_extra_shifts', date: '2026-11-01', shifts: 3, normal: 3 }]);
  });
  it('a peak day without a roster is missing', () => {
    const r = csShiftCheck(peak, roster(3, { '2026-10-31': 4, '2026-11-01': 4, '2026-11-10': 4 }), normal);
    expect(r.missing).toEqual([{ kind: 'no_roster', date: '2026-11-11' }]);
  });
  it('the normal level is the median of the normal days that have a roster', () => {
    const m = new Map<string, number>([
      [normal[0], 2],
      [normal[1], 4],
      [normal[2], 3],
      [normal[3], 10],
      ['2026-10-31', 4],
    ]);
    expect(csShiftCheck(['2026-10-31'], m, normal).basis.normalShifts).toBe(3.5);
    expect(csShiftCheck(['2026-10-31'], m, normal).ok).toBe(true);
  });
  it('without a normal roster a roster on every peak day is enough', () => {
    const r = csShiftCheck(['2026-10-31'], new Map([['2026-10-31', 1]]), normal);
    expect(r).toMatchObject({ ok: true, basis: { normalShifts: null } });
  });
  it('no peak days → not ok (nothing was checked)', () => {
    expect(csShiftCheck([], new Map(), normal).ok).toBe(false);
  });
});

describe('stockCheck (campaign products last through the campaign)', () => {
  it('passes when every SKU runs out after the last day or never', () => {
    const r = stockCheck(
      [
        { productId: 'P1', skus: [{ skuCode: 'A', available: 50, stockoutDate: '2026-11-12' }] },
        { productId: 'P2', skus: [{ skuCode: 'B', available: 5, stockoutDate: null }] },
      ],
      '2026-11-11',
    );
    expect(r).toMatchObject({ ok: true, missing: [], basis: { skusChecked: 2, through: '2026-11-11' } });
  });
  it('a SKU running out on the last day (or before) is short', () => {
    const r = stockCheck(
      [
        {
          productId: 'P1',
          skus: [
            { skuCode: 'A', available: 50, stockoutDate: '2026-11-11' },
            { skuCode: 'A2', available: 50, stockoutDate: '2026-12-01' },
          ],
        },
      ],
      '2026-11-11',
    );
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([
      { kind: 'stock_short', productId: 'P1', skuCode: 'A', available: 50, stockoutDate: '2026-11-11' },
    ]);
  });
  it('a SKU with nothing available is short even without a forecast stock-out', () => {
    const r = stockCheck(
      [{ productId: 'P1', skus: [{ skuCode: 'A', available: 0, stockoutDate: null }] }],
      '2026-11-11',
    );
    expect(r.missing.map((m) => m.kind)).toEqual(['stock_short']);
  });
  it('a product inventory does not know is missing; no products → not ok', () => {
    expect(stockCheck([{ productId: 'P9', skus: [] }], '2026-11-11').missing).toEqual([
      { kind: 'no_stock_data', productId: 'P9' },
    ]);
    expect(stockCheck([], '2026-11-11')).toMatchObject({ ok: false, missing: [{ kind: 'no_products' }] });
  });
});
