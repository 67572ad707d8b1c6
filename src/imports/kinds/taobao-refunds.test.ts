import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';

describe('Taobao/Tmall refund report (退款报表)', () => {
  it('reads an older GBK refund report with 买家会员名称 and 支付宝交易号', async () => {
    const { file, records, rejects } = await parseFixture('taobao-refunds/退款报表-2017旧版.csv', {
      as: 'taobao-refunds',
    });
    expect(file.kind).toBe('taobao-refunds');
    expect(file.version.id).toBe('older');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      platformId: '9876543210123',
      refundId: '9876543210123',
      orderId: '35153131473293579',
      paymentId: '2017070121001004440212345678',
      buyerAccount: '小王爱买',
      paidAmountFen: 123450,
      refundAmountFen: 61725,
      returnRequired: true,
      status: 'succeeded',
      refundReason: '尺码拍错/不喜欢/效果差',
      responsibleParty: '买家',
      stage: 'in_sale',
      scope: 'partial',
      requestedAt: new Date('2017-07-04T12:00:00Z'),
      returnTrackingNumber: 'YT2017070499999',
      afterSaleType: null,
    });
    expect(records[1]).toMatchObject({
      status: 'awaiting_seller',
      refundAmountFen: 259900,
      returnRequired: false,
      refundDescription: null,
      scope: 'full',
      refundFinishedAt: null,
    });
  });

  it('reads a newer XLSX refund report with 支付单号 and 售后类型', async () => {
    const { file, records, rejects } = await parseFixture('taobao-refunds/退款报表-2026新版.xlsx', {
      as: 'taobao-refunds',
    });
    expect(file.version.id).toBe('newer');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      refundId: '205512345678901',
      paymentId: '2026022822001100001234567890',
      buyerAccount: null,
      refundAmountFen: 10000,
      status: 'succeeded',
      stage: 'after_sale',
      afterSaleType: '售后仅退款',
      reasonTags: '漏发',
    });
    expect(records[1]).toMatchObject({ status: 'awaiting_return', refundAmountFen: 9990, scope: 'full' });
  });
});
