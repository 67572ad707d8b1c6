import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  type CartLine,
  checkFloor,
  DEFAULT_FEES,
  expiringOffers,
  floorPrice,
  lowestReachable,
  type Offer,
  offerProblem,
  priceCart,
  reductionFor,
  unitMargin,
  windows,
} from './marketing.rules';

const H = 3_600_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
let seq = 0;
const offer = (o: Partial<Offer> & Pick<Offer, 'kind'>): Offer => ({
  id: o.id ?? `o${++seq}`,
  name: o.name ?? o.kind,
  startsAt: T0 - 24 * H,
  endsAt: T0 + 24 * H,
  productIds: null,
  ...o,
});
const line = (q: number, price = 10_000, productId = 'P1', skuCode = 'S1'): CartLine => ({
  skuCode,
  productId,
  unitPriceFen: price,
  quantity: q,
});

describe('reductionFor: thresholds and 每满', () => {
  const tiered = offer({
    kind: 'full_reduction',
    tiers: [
      { thresholdFen: 20_000, minusFen: 2_000 },
      { thresholdFen: 30_000, minusFen: 4_000 },
    ],
  });
  const each = offer({
    kind: 'full_reduction',
    perEach: { everyFen: 30_000, minusFen: 5_000, capFen: 10_000 },
  });
  it.each([
    ['below the first tier', tiered, 19_999, 0],
    ['first tier exactly met', tiered, 20_000, 2_000],
    ['between tiers', tiered, 29_999, 2_000],
    ['second tier exactly met', tiered, 30_000, 4_000],
    ['above the top tier', tiered, 90_000, 4_000],
    ['每满 below one step', each, 29_999, 0],
    ['每满 exactly one step', each, 30_000, 5_000],
    ['每满 two steps', each, 60_000, 10_000],
    ['每满 capped', each, 150_000, 10_000],
    ['无门槛 coupon', offer({ kind: 'store_coupon', tiers: [{ thresholdFen: 0, minusFen: 500 }] }), 300, 300],
  ])('%s', (_n, o, amount, want) => {
    expect(reductionFor(o, amount)).toBe(want);
  });
});

describe('allocate', () => {
  it('sums exactly and is proportional', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        (total, ws) => {
          const parts = allocate(total, ws);
          const sum = ws.reduce((a, b) => a + b, 0);
          if (sum === 0) return parts.every((p) => p === 0);
          return (
            parts.reduce((a, b) => a + b, 0) === total &&
            parts.every((p, i) => Math.abs(p - (total * ws[i]) / sum) < 1)
          );
        },
      ),
    );
  });
});

describe('priceCart: the stacking order', () => {
  const disc85 = offer({ id: 'd85', kind: 'discount', percentBp: 8_500, productIds: ['P1'] });
  const disc90 = offer({ id: 'd90', kind: 'discount', percentBp: 9_000, productIds: ['P1'] });
  const minus10 = offer({ id: 'dm', kind: 'discount', unitMinusFen: 1_000, productIds: ['P1'] });
  const fr = offer({ id: 'fr', kind: 'full_reduction', tiers: [{ thresholdFen: 20_000, minusFen: 2_000 }] });
  const sc = offer({ id: 'sc', kind: 'store_coupon', tiers: [{ thresholdFen: 8_500, minusFen: 1_000 }] });
  const sc2 = offer({ id: 'sc2', kind: 'store_coupon', tiers: [{ thresholdFen: 16_000, minusFen: 1_500 }] });
  const pc = offer({
    id: 'pc',
    kind: 'product_coupon',
    productIds: ['P1'],
    tiers: [{ thresholdFen: 0, minusFen: 500 }],
  });
  const cs = offer({ id: 'cs', kind: 'cross_store', perEach: { everyFen: 30_000, minusFen: 5_000 } });
  const future = offer({
    id: 'fut',
    kind: 'store_coupon',
    startsAt: T0 + 48 * H,
    endsAt: T0 + 72 * H,
    tiers: [{ thresholdFen: 0, minusFen: 9_000 }],
  });

  it.each<[string, CartLine[], Offer[], number, string[]]>([
    ['no offers', [line(1)], [], 10_000, []],
    ['one discount', [line(1)], [disc85], 8_500, ['d85']],
    ['discounts never stack: the best one', [line(1)], [disc90, disc85, minus10], 8_500, ['d85']],
    ['直降 beats 9 折 on a cheap item', [line(1, 5_000)], [disc90, minus10], 4_000, ['dm']],
    ['discount for another product does not apply', [line(1, 10_000, 'P2', 'S2')], [disc85], 10_000, []],
    [
      'store coupon threshold judged after the discount: exactly met',
      [line(1)],
      [disc85, sc],
      7_500,
      ['d85', 'sc'],
    ],
    ['store coupon threshold missed after the discount', [line(1, 9_999)], [disc85, sc], 8_499, ['d85']],
    ['only one store coupon: the best', [line(2)], [sc, sc2], 18_500, ['sc2']],
    [
      'full reduction + store coupon + product coupon stack',
      [line(2)],
      [fr, sc, pc],
      20_000 - 2_000 - 1_000 - 500,
      ['fr', 'sc', 'pc'],
    ],
    ['cross-store on the item-level price', [line(3)], [cs], 25_000, ['cs']],
    [
      'everything',
      [line(4)],
      [disc85, fr, sc2, pc, cs],
      34_000 - 2_000 - 1_500 - 500 - 5_000,
      ['d85', 'fr', 'sc2', 'pc', 'cs'],
    ],
    ['a scheduled offer is not active yet', [line(1)], [future], 10_000, []],
  ])('%s', (_n, cart, offers, total, applied) => {
    const p = priceCart(cart, offers, T0);
    expect(p.totalFen).toBe(total);
    expect(p.applied.map((a) => a.offerId).sort()).toEqual([...applied].sort());
  });

  it('multi-item cart: order-level amounts are shared by line amount', () => {
    const p = priceCart([line(1, 30_000, 'P1', 'A'), line(1, 10_000, 'P2', 'B')], [fr], T0);
    expect(p.lines.map((l) => l.storeShareFen)).toEqual([1_500, 500]);
    expect(p.lines.map((l) => l.netFen)).toEqual([28_500, 9_500]);
  });

  it('product coupon threshold counts only that product', () => {
    const pc100 = offer({
      id: 'pc100',
      kind: 'product_coupon',
      productIds: ['P1'],
      tiers: [{ thresholdFen: 15_000, minusFen: 2_000 }],
    });
    expect(priceCart([line(1, 10_000), line(1, 10_000, 'P2', 'B')], [pc100], T0).productCouponFen).toBe(0);
    expect(priceCart([line(2, 10_000)], [pc100], T0).productCouponFen).toBe(2_000);
  });

  it('never below zero, whatever is stacked', () => {
    const huge = offer({ kind: 'store_coupon', tiers: [{ thresholdFen: 0, minusFen: 99_999 }] });
    const p = priceCart([line(1, 1_000)], [huge, cs, pc], T0);
    expect(p.totalFen).toBe(0);
    expect(p.lines[0].netFen).toBeGreaterThanOrEqual(0);
  });

  // Only order-level offers are added: a deeper item discount CAN raise the price by dropping the
  // order under a 满减 threshold (as on the platforms), so it is not part of this property.
  it('property: more order-level offers never raise the price; the total is the sum of the lines', () => {
    const all = [disc85, disc90, minus10, fr, sc, sc2, pc, cs];
    fc.assert(
      fc.property(
        fc.subarray(all),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 100, max: 50_000 }),
        (subset, q, price) => {
          const base = priceCart([line(q, price)], subset, T0);
          const extra = all.filter((o) => o.kind !== 'discount' && !subset.includes(o));
          const more = priceCart([line(q, price)], [...subset, ...extra], T0);
          return (
            more.totalFen <= base.totalFen && base.totalFen === base.lines.reduce((a, l) => a + l.netFen, 0)
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('the floor', () => {
  it.each([
    [5_000, DEFAULT_FEES, Math.ceil((5_000 * 10_000) / 9_440)],
    [5_000, { commissionBp: 0, paymentFeeBp: 0, perUnitCostFen: 0 }, 5_000],
    [
      5_000,
      { commissionBp: 500, paymentFeeBp: 60, perUnitCostFen: 800 },
      Math.ceil((5_800 * 10_000) / 9_440),
    ],
  ])('floorPrice(%i)', (cost, fees, want) => {
    expect(floorPrice(cost, fees)).toBe(want);
    expect(unitMargin(want, cost, fees)).toBeGreaterThanOrEqual(0);
    expect(unitMargin(want - 2, cost, fees)).toBeLessThan(0);
  });
});

describe('lowestReachable: the buyer who tries hardest', () => {
  const sku = { skuCode: 'S1', productId: 'P1', priceFen: 10_000, costFen: 6_000 };
  it('single item, no thresholds reached alone → top-up to the threshold', () => {
    const fr = offer({
      id: 'fr',
      kind: 'full_reduction',
      tiers: [{ thresholdFen: 30_000, minusFen: 6_000 }],
    });
    const r = lowestReachable(sku, [fr], T0);
    // 3 units reach 300 exactly: 20 % off each — as good as a top-up.
    expect(r.lowestUnitFen).toBe(8_000);
  });
  it('a top-up beats buying more when the price does not divide the threshold', () => {
    const s = { ...sku, priceFen: 17_000 };
    const fr = offer({
      id: 'fr',
      kind: 'full_reduction',
      tiers: [{ thresholdFen: 20_000, minusFen: 4_000 }],
    });
    const r = lowestReachable(s, [fr], T0);
    expect(r.topUpFen).toBe(3_000);
    expect(r.lowestUnitFen).toBe(17_000 - 3_400);
  });
  it('threshold exactly met by one unit after the discount', () => {
    const d = offer({ kind: 'discount', percentBp: 8_000, productIds: ['P1'] });
    const c = offer({ kind: 'store_coupon', tiers: [{ thresholdFen: 8_000, minusFen: 1_000 }] });
    expect(lowestReachable(sku, [d, c], T0)).toMatchObject({
      lowestUnitFen: 7_000,
      quantity: 1,
      topUpFen: 0,
    });
  });
  it('per-order coupon: one unit gets all of it, more units dilute it', () => {
    const c = offer({ kind: 'store_coupon', tiers: [{ thresholdFen: 0, minusFen: 2_000 }] });
    expect(lowestReachable(sku, [c], T0)).toMatchObject({ lowestUnitFen: 8_000, quantity: 1 });
  });
  it('per-item discount: the same for any quantity', () => {
    const d = offer({ kind: 'discount', unitMinusFen: 1_500, productIds: ['P1'] });
    expect(lowestReachable(sku, [d], T0).lowestUnitFen).toBe(8_500);
  });
});

describe('checkFloor: every window of active and scheduled offers', () => {
  const sku = { skuCode: 'S1', productId: 'P1', priceFen: 10_000, costFen: 7_600 };
  const now = T0;
  const d = offer({
    id: 'd',
    kind: 'discount',
    percentBp: 9_000,
    productIds: ['P1'],
    startsAt: T0 - H,
    endsAt: T0 + 100 * H,
  });
  const coupon = offer({
    id: 'c',
    kind: 'store_coupon',
    tiers: [{ thresholdFen: 5_000, minusFen: 1_000 }],
    startsAt: T0 + 10 * H,
    endsAt: T0 + 20 * H,
  });
  const cross = offer({
    id: 'x',
    kind: 'cross_store',
    perEach: { everyFen: 30_000, minusFen: 5_000 },
    startsAt: T0 + 15 * H,
    endsAt: T0 + 30 * H,
  });
  const expired = offer({
    id: 'e',
    kind: 'store_coupon',
    tiers: [{ thresholdFen: 0, minusFen: 9_000 }],
    startsAt: T0 - 10 * H,
    endsAt: T0 - H,
  });

  it('windows cut at each start and end', () => {
    expect(windows([d, coupon, cross], now).map((w) => (w.from - T0) / H)).toEqual([0, 10, 15, 20, 30]);
  });

  it.each<[string, Offer[], number, boolean]>([
    ['discount alone is above the floor', [d], 9_000, false],
    ['expired offers are ignored', [d, expired], 9_000, false],
    ['scheduled coupon alone: 9 折 − 10 元', [d, coupon], 8_000, true],
    ['overlapping validity: the worst overlap counts', [d, coupon, cross], 9_000 - 1_000 - 1_500, true],
    [
      'no overlap: cross-store after the coupon ended',
      [d, { ...coupon, endsAt: T0 + 12 * H }, cross],
      9_000 - 1_500,
      true,
    ],
  ])('%s', (_n, offers, lowest, breach) => {
    const [r] = checkFloor([sku], offers, now, DEFAULT_FEES);
    expect(r.lowestUnitFen).toBe(lowest);
    expect(r.breach !== null).toBe(breach);
    expect(r.floorFen).toBe(floorPrice(7_600, DEFAULT_FEES));
  });

  it('a SKU without cost has no floor (and no alert)', () => {
    const [r] = checkFloor([{ ...sku, costFen: null }], [d, coupon], now, DEFAULT_FEES);
    expect(r.floorFen).toBeNull();
    expect(r.breach).toBeNull();
  });

  it('the breach names the window and the offers', () => {
    const [r] = checkFloor([sku], [d, coupon, cross], now, DEFAULT_FEES);
    expect(r.breach).toMatchObject({ windowFrom: T0 + 15 * H, windowTo: T0 + 20 * H });
    expect(r.breach!.offerIds.sort()).toEqual(['c', 'd', 'x']);
    expect(r.breach!.marginFen).toBeLessThan(0);
  });
});

describe('expiry and offer shape', () => {
  it('lists running offers ending within the lead time, soonest first', () => {
    const a = offer({
      id: 'a',
      kind: 'store_coupon',
      tiers: [{ thresholdFen: 0, minusFen: 1 }],
      endsAt: T0 + 30 * H,
    });
    const b = offer({
      id: 'b',
      kind: 'store_coupon',
      tiers: [{ thresholdFen: 0, minusFen: 1 }],
      endsAt: T0 + 10 * H,
    });
    const c = offer({
      id: 'c',
      kind: 'store_coupon',
      tiers: [{ thresholdFen: 0, minusFen: 1 }],
      endsAt: T0 + 90 * H,
    });
    const notYet = offer({
      id: 'n',
      kind: 'store_coupon',
      tiers: [{ thresholdFen: 0, minusFen: 1 }],
      startsAt: T0 + H,
    });
    expect(expiringOffers([a, b, c, notYet], T0, 48 * H).map((o) => o.id)).toEqual(['b', 'a']);
  });
  it.each<[string, Partial<Offer> & Pick<Offer, 'kind'>, string | null]>([
    ['ok discount', { kind: 'discount', percentBp: 8_000 }, null],
    ['discount with both', { kind: 'discount', percentBp: 8_000, unitMinusFen: 10 }, 'percentBp'],
    ['discount over 100 %', { kind: 'discount', percentBp: 10_001 }, 'percentBp'],
    ['ends before it starts', { kind: 'discount', percentBp: 8_000, endsAt: T0 - 48 * H }, 'endsAt'],
    [
      'product coupon without products',
      { kind: 'product_coupon', tiers: [{ thresholdFen: 0, minusFen: 1 }] },
      'productIds',
    ],
    [
      'coupon with two tiers',
      {
        kind: 'store_coupon',
        tiers: [
          { thresholdFen: 0, minusFen: 1 },
          { thresholdFen: 9, minusFen: 2 },
        ],
      },
      'tiers',
    ],
    ['full reduction without tiers', { kind: 'full_reduction' }, 'tiers'],
    ['每满 ok', { kind: 'full_reduction', perEach: { everyFen: 100, minusFen: 10 } }, null],
  ])('%s', (_n, o, want) => {
    expect(offerProblem(offer(o))).toBe(want);
  });
});

describe('properties of the guard', () => {
  const arbOffers = fc.record({
    disc: fc.option(fc.integer({ min: 5_000, max: 9_900 }), { nil: null }),
    coupon: fc.option(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 100, max: 5_000 })), {
      nil: null,
    }),
    pc: fc.option(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 100, max: 5_000 })), {
      nil: null,
    }),
    fr: fc.option(fc.tuple(fc.integer({ min: 1_000, max: 40_000 }), fc.integer({ min: 100, max: 5_000 })), {
      nil: null,
    }),
    cs: fc.option(fc.tuple(fc.integer({ min: 10_000, max: 40_000 }), fc.integer({ min: 100, max: 6_000 })), {
      nil: null,
    }),
  });
  const build = (a: {
    disc: number | null;
    coupon: [number, number] | null;
    pc: [number, number] | null;
    fr: [number, number] | null;
    cs: [number, number] | null;
  }): Offer[] => [
    ...(a.disc ? [offer({ id: 'd', kind: 'discount', percentBp: a.disc, productIds: ['P1'] })] : []),
    ...(a.coupon
      ? [
          offer({
            id: 'c',
            kind: 'store_coupon',
            tiers: [{ thresholdFen: a.coupon[0], minusFen: a.coupon[1] }],
          }),
        ]
      : []),
    ...(a.pc
      ? [
          offer({
            id: 'p',
            kind: 'product_coupon',
            productIds: ['P1'],
            tiers: [{ thresholdFen: a.pc[0], minusFen: a.pc[1] }],
          }),
        ]
      : []),
    ...(a.fr
      ? [offer({ id: 'f', kind: 'full_reduction', tiers: [{ thresholdFen: a.fr[0], minusFen: a.fr[1] }] })]
      : []),
    ...(a.cs
      ? [offer({ id: 'x', kind: 'cross_store', perEach: { everyFen: a.cs[0], minusFen: a.cs[1] } })]
      : []),
  ];
  it('the lowest reachable price is never above what any plain cart of the SKU pays', () => {
    fc.assert(
      fc.property(
        arbOffers,
        fc.integer({ min: 500, max: 30_000 }),
        fc.integer({ min: 1, max: 8 }),
        (a, price, q) => {
          const offers = build(a);
          const sku = { skuCode: 'S1', productId: 'P1', priceFen: price, costFen: null };
          const low = lowestReachable(sku, offers, T0);
          const plain = priceCart([line(q, price)], offers, T0).lines[0];
          return low.lowestUnitFen <= Math.floor(plain.netFen / q) && low.lowestUnitFen >= 0;
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('a breach is reported exactly when the lowest price is under the floor', () => {
    fc.assert(
      fc.property(
        arbOffers,
        fc.integer({ min: 500, max: 30_000 }),
        fc.integer({ min: 100, max: 30_000 }),
        (a, price, cost) => {
          const [r] = checkFloor(
            [{ skuCode: 'S1', productId: 'P1', priceFen: price, costFen: cost }],
            build(a),
            T0,
            DEFAULT_FEES,
          );
          return (
            (r.breach !== null) === r.lowestUnitFen < floorPrice(cost, DEFAULT_FEES) ||
            (build(a).length === 0 && r.breach === null)
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the guard on cases fast-check found', () => {
  it('a 每满 cross-store stack beyond 4 steps: topping up to the next multiple is found', () => {
    // Seed −1702691039: the SKU alone passed the old "up to 4 × 每满" targets, so the guard missed
    // that 4 units (or 2 topped up to ¥500) reach under what 2 plain units pay.
    const offers: Offer[] = [
      offer({ id: 'd', kind: 'discount', percentBp: 9512, productIds: ['P1'] }),
      offer({
        id: 'p',
        kind: 'product_coupon',
        productIds: ['P1'],
        tiers: [{ thresholdFen: 22501, minusFen: 100 }],
      }),
      offer({ id: 'x', kind: 'cross_store', perEach: { everyFen: 10000, minusFen: 101 } }),
    ];
    const sku = { skuCode: 'S1', productId: 'P1', priceFen: 23654, costFen: null };
    const low = lowestReachable(sku, offers, T0);
    for (let q = 1; q <= 8; q++) {
      const plain = priceCart([line(q, 23654)], offers, T0).lines[0];
      expect(low.lowestUnitFen).toBeLessThanOrEqual(Math.floor(plain.netFen / q));
    }
    // 2 units (¥450 after the discount; the 每满 is judged before the product coupon) topped up
    // with ¥50 of another store's goods to ¥500: 5 × ¥1.01 off, 455 fen of it on the SKU.
    expect(low.quantity).toBe(2);
    expect(low.topUpFen).toBe(5000);
    expect(low.lowestUnitFen).toBe(22222);
  });
});
