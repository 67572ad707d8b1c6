import { describe, expect, it } from 'vitest';
import { type AffiliateLine, affiliatePartners } from './ads.rules';

const line = (o: Partial<AffiliateLine> & { orderId: string; partnerKey: string }): AffiliateLine => ({
  partnerName: o.partnerKey,
  paidAmountFen: 10_000,
  commissionFen: 1_000,
  settledCommissionFen: null,
  status: 'paid',
  ...o,
});

describe('affiliatePartners', () => {
  it('sums commission, GMV and orders per partner; ROI = GMV ÷ commission', () => {
    const r = affiliatePartners([
      line({ orderId: '1', partnerKey: 'a' }),
      line({ orderId: '1', partnerKey: 'a', paidAmountFen: 5_000, commissionFen: 500 }),
      line({ orderId: '2', partnerKey: 'b', commissionFen: 3_000 }),
    ]);
    expect(r.map((p) => [p.partnerKey, p.orders, p.gmvFen, p.commissionFen, p.roi])).toEqual([
      ['b', 1, 10_000, 3_000, 333],
      ['a', 1, 15_000, 1_500, 1000],
    ]);
  });
  it('settled lines cost their settled commission; invalid lines cost nothing and bring nothing', () => {
    const [p] = affiliatePartners([
      line({ orderId: '1', partnerKey: 'a', status: 'settled', settledCommissionFen: 800 }),
      line({ orderId: '2', partnerKey: 'a', status: 'settled' }),
      line({ orderId: '3', partnerKey: 'a', status: 'invalid' }),
    ]);
    expect(p).toMatchObject({
      orders: 3,
      invalidOrders: 1,
      invalidRateBp: 3333,
      gmvFen: 20_000,
      commissionFen: 1_800,
    });
  });
  it('an order is invalid only when none of its lines is valid', () => {
    const [p] = affiliatePartners([
      line({ orderId: '1', partnerKey: 'a', status: 'invalid' }),
      line({ orderId: '1', partnerKey: 'a' }),
    ]);
    expect(p.invalidOrders).toBe(0);
  });
  it('reliability: unreliable at ≥ 30 % invalid orders, too few under 5 orders (thresholds exactly met)', () => {
    const orders = (key: string, n: number, invalid: number) =>
      Array.from({ length: n }, (_, i) =>
        line({ orderId: `${key}${i}`, partnerKey: key, status: i < invalid ? 'invalid' : 'paid' }),
      );
    const r = affiliatePartners([...orders('ok', 10, 2), ...orders('bad', 10, 3), ...orders('few', 4, 4)]);
    const by = Object.fromEntries(r.map((p) => [p.partnerKey, p.reliability]));
    expect(by).toEqual({ ok: 'reliable', bad: 'unreliable', few: 'too_few' });
    expect(affiliatePartners(orders('x', 10, 3), { maxInvalidBp: 3100 })[0].reliability).toBe('reliable');
    expect(affiliatePartners(orders('y', 5, 0))[0].reliability).toBe('reliable');
  });
  it('a partner whose every order went invalid has no ROI', () => {
    expect(affiliatePartners([line({ orderId: '1', partnerKey: 'a', status: 'invalid' })])[0]).toMatchObject({
      commissionFen: 0,
      roi: null,
    });
  });
});
