import { describe, expect, it } from 'vitest';
import { detectKind } from '../detect';
import { parseFixture } from '../test-fixtures';
import { AFFILIATE_ORDER_VERSIONS, affiliateOrdersAdapter, affiliateStatusOf } from './affiliate-orders';

describe('affiliate orders (淘宝联盟 推广订单明细)', () => {
  it('reads the current export: partner, rate in bp, commission, statuses, ="…" ids', async () => {
    const { file, records, rejects } = await parseFixture(
      'affiliate-orders/淘宝联盟-推广订单明细-20261101.csv',
      {
        as: 'affiliate-orders',
      },
    );
    expect(file.version.id).toBe('current');
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      orderId: '3515313147329357901',
      subOrderId: '3515313147329357902',
      productId: '600112233445',
      partnerId: '10086',
      partnerName: '省钱小达人',
      paidAmountFen: 19_900,
      commissionRateBp: 2000,
      commissionFen: 3980,
      settledAmountFen: 19_900,
      status: 'settled',
      statusText: '订单结算',
      planType: '营销计划',
    });
    expect(records[0].createdAt.toISOString()).toBe('2026-11-01T02:02:03.000Z');
    expect(records[0].settledAt?.toISOString()).toBe('2026-11-12T00:00:00.000Z');
    // Quirk: an empty 预估佣金 is 付款金额 × 佣金比率.
    expect(records[1]).toMatchObject({ status: 'paid', commissionFen: 599, settledAt: null });
    expect(records[2]).toMatchObject({ status: 'invalid', subOrderId: null });
    expect(rejects).toEqual([]);
    expect(new Set(records.map((r) => r.platformId)).size).toBe(3);
  });

  it('refuses a row with neither partner nor a known status, naming the row and both columns', async () => {
    const { records, rejects } = await parseFixture('bad/淘宝联盟-推广订单明细-坏行.csv', {
      as: 'affiliate-orders',
    });
    expect(records).toEqual([]);
    expect(rejects.map((r) => [r.row, r.column, r.code])).toEqual([
      [2, '推广者id', 'cell.required'],
      [2, '订单状态', 'cell.unknown_value'],
    ]);
  });

  it('reads the older export (淘客昵称, 佣金金额, 淘宝父/子订单编号) with the same ids', async () => {
    const { file, records, rejects } = await parseFixture('affiliate-orders/淘客订单-旧版.csv', {
      as: 'affiliate-orders',
    });
    expect(file.version.id).toBe('older');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      orderId: '3515313147329357901',
      subOrderId: '3515313147329357902',
      partnerId: null,
      partnerName: '省钱小达人',
      commissionRateBp: 2000,
      commissionFen: 3980,
      status: 'settled',
      productTitle: '冰丝凉席',
    });
  });

  it('names the missing required columns before reading rows', () => {
    expect(() => affiliateOrdersAdapter.bind(['订单编号', '付款金额', '订单状态', '创建时间'])).toThrow(
      /推广者id|推广者昵称/,
    );
    expect(() =>
      affiliateOrdersAdapter.bind(['订单编号', '推广者昵称', '付款金额', '订单状态', '创建时间']),
    ).toThrow(/预估佣金|佣金比率/);
  });

  it('is detected from the headers, not confused with ads or order reports', () => {
    const headers = AFFILIATE_ORDER_VERSIONS[0].columns;
    const h = Object.values(headers).map((a) => a![0]);
    expect(detectKind('export.csv', h).kind).toBe('affiliate-orders');
    expect(
      detectKind('淘宝客推广订单.xlsx', [
        '订单编号',
        '淘客昵称',
        '付款金额',
        '佣金金额',
        '订单状态',
        '创建时间',
      ]).kind,
    ).toBe('affiliate-orders');
  });

  it('maps the status words', () => {
    expect(
      ['订单付款', '已付款', '订单结算', '已结算', '订单成功', '订单失效', '已失效', '交易关闭', '?'].map(
        affiliateStatusOf,
      ),
    ).toEqual(['paid', 'paid', 'settled', 'settled', 'settled', 'invalid', 'invalid', 'invalid', undefined]);
  });
});
