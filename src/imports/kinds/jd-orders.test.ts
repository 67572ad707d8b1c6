import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';

describe('JD POP order export', () => {
  it('reads order lines: one row per product, JD statuses, a negative settlement', async () => {
    const { file, records, rejects } = await parseFixture('jd-orders/京东订单导出-20260301.csv', {
      as: 'jd-orders',
    });
    expect(file.kind).toBe('jd-orders');
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.lineId, r.status])).toEqual([
      ['281234567890-100012345678', 'completed'],
      ['281234567890-100012345679', 'awaiting_shipment'],
      ['281234567891-100012345680', 'awaiting_payment'],
    ]);
    expect(records[0]).toMatchObject({
      orderId: '281234567890',
      quantity: 1,
      unitPriceFen: 129900,
      orderAmountFen: 129900,
      settlementAmountFen: 122050,
      payableAmountFen: 123900,
      serviceFeeFen: 390,
      orderedAt: new Date('2026-03-01T02:00:00Z'),
      completedAt: new Date('2026-03-04T10:00:00Z'),
      customerProvince: '北京',
      customerDistrict: '海淀区',
      customerPostcode: '100080',
      phone: '138****5678',
      buyerAccount: 'jd_4f3a2b',
    });
    expect(records[1].settlementAmountFen).toBe(-320);
    expect(records[2]).toMatchObject({ orderedAt: new Date('2026-03-01T04:30:00Z'), paidAt: null });
  });
});
