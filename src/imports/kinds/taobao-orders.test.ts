import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { taobaoOrdersAdapter } from './taobao-orders';

describe('Taobao/Tmall order report (订单报表)', () => {
  it('reads a 2017 GBK order report with formula ids, apostrophe phones, 0元 and 1,234.50', async () => {
    const { file, records, rejects } = await parseFixture('taobao-orders/ExportOrderList201707151030.csv', {
      as: 'taobao-orders',
    });
    expect(file.kind).toBe('taobao-orders');
    expect(file.version.id).toBe('2017');
    expect(file.encoding).toBe('gb18030');
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(5);
    const [first, second, unpaid, shipped, closed] = records;
    expect(first).toMatchObject({
      platformId: '35153131473293579',
      orderId: '35153131473293579',
      buyerAccount: '小王爱买',
      buyerAlipayAccount: 'xw***@163.com',
      goodsAmountFen: 123450,
      shippingFeeFen: 0,
      paidAmountFen: 123450,
      status: 'completed',
      statusText: '交易成功',
      buyerMessage: null,
      receiverMobile: '13925130165',
      receiverProvince: '广东省',
      receiverCity: '广州市',
      receiverDistrict: '越秀区',
      receiverAddressDetail: '中山五路33号大马站商业中心',
      receiverPostcode: '510030',
      trackingNumber: 'YT2017070188812',
      shopId: '60012345',
      itemQuantity: 2,
      isMobileOrder: true,
      createdAt: new Date('2017-07-01T01:12:33Z'),
    });
    expect(second).toMatchObject({
      status: 'awaiting_shipment',
      shippingFeeFen: 1000,
      trackingNumber: null,
      receiverPhone: '0571-88886666',
      createdAt: new Date('2017-07-02T00:05:00Z'),
      paidAt: new Date('2017-07-02T00:06:00Z'),
    });
    expect(unpaid).toMatchObject({ status: 'awaiting_payment', paidAt: null, paidAmountFen: 0 });
    expect(shipped).toMatchObject({
      status: 'shipped',
      goodsAmountFen: 259900,
      receiverPostcode: null,
      jifenbaoFen: 150,
    });
    expect(closed).toMatchObject({ status: 'closed', closeReason: '买家不想买了' });
  });

  it('reads a 2019 UTF-8 report whose headers carry trailing spaces, with a multi-line buyer message', async () => {
    const { file, records, recordRows, rejects } = await parseFixture(
      'taobao-orders/ExportOrderList201911221800.csv',
      { as: 'taobao-orders' },
    );
    expect(file.version.id).toBe('2019');
    expect(rejects).toEqual([]);
    expect(recordRows).toEqual([2, 3, 4]);
    expect(records[0]).toMatchObject({
      paymentId: '2019112022001188880512345678',
      buyerMessage: '麻烦包装好一点,\n是送人的礼物',
      paidAt: new Date('2019-11-20T12:16:12Z'),
      confirmedAt: new Date('2019-11-25T01:30:00Z'),
      sellerPayoutFen: 129900,
      receiverPhone: null,
      refundAmountFen: null,
      itemTitles: '蚕丝被 200x230',
    });
    expect(records[1]).toMatchObject({ shippingFeeFen: 1200, confirmedAt: null, sellerPayoutFen: null });
  });

  it('reads the current XLSX report with 主订单编号, date cells and number cells', async () => {
    const { file, records, rejects } = await parseFixture('taobao-orders/ExportOrderList202603011200.xlsx', {
      as: 'taobao-orders',
    });
    expect(file.version.id).toBe('current');
    expect(file.format).toBe('xlsx');
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.orderId)).toEqual([
      '3984412345678901234',
      '3984412345678901235',
      '3984412345678901236',
    ]);
    expect(records[0]).toMatchObject({
      buyerNickname: '花开半夏',
      goodsAmountFen: 123450,
      shippingFeeFen: 0,
      createdAt: new Date('2026-02-28T02:00:00Z'),
      shippedAt: new Date('2026-02-28T08:20:00Z'),
      sellerMemo: '已送小礼品',
      isPresale: false,
    });
    expect(records[2]).toMatchObject({ status: 'awaiting_payment', isPresale: true, buyerNickname: null });
  });

  it('keeps one header map per version', () => {
    expect(taobaoOrdersAdapter.versions.map((v) => v.id)).toEqual(['current', '2019', '2017']);
    const bound = taobaoOrdersAdapter.bind([
      '订单编号',
      '订单状态',
      '订单创建时间',
      '买家实际支付金额',
      '支付单号',
      '未知列',
    ]);
    expect(bound.version.id).toBe('2019');
    expect(bound.columns.paymentId).toBe(4);
    expect(bound.columns.buyerAlipayAccount).toBe(-1);
  });

  it('names the missing required columns before reading any row', () => {
    expect(() => taobaoOrdersAdapter.bind(['订单编号', '买家会员名', '订单创建时间'])).toThrow(
      expect.objectContaining({
        code: 'import.missing_columns',
        params: expect.objectContaining({ columns: '订单状态、买家实际支付金额' }),
      }),
    );
  });

  it('rejects a missing order id, in Chinese and English', () => {
    const bound = taobaoOrdersAdapter.bind(['订单编号', '订单状态', '订单创建时间', '买家实际支付金额']);
    const r = bound.parseRow(['', '交易成功', '2026-03-01 10:00:00', '1.00'], 7);
    expect(r).toEqual({
      ok: false,
      rejects: [
        expect.objectContaining({
          row: 7,
          column: '订单编号',
          code: 'cell.required',
          message: '第 7 行 订单编号: 不能为空',
        }),
      ],
    });
  });

  it('keeps a status text it does not know (a newer platform version) as other, never blocking the file', () => {
    const bound = taobaoOrdersAdapter.bind(['订单编号', '订单状态', '订单创建时间', '买家实际支付金额']);
    const odd = bound.parseRow(['1', '外星人已收货', '2026-03-01 10:00:00', '1.00'], 7);
    expect(odd.ok && [odd.record.status, odd.record.statusText]).toEqual(['other', '外星人已收货']);
    const closed = bound.parseRow(['2', '交易关闭（超时未付款）', '2026-03-01 10:00:00', '0'], 8);
    expect(closed.ok && closed.record.status).toBe('closed');
    const partRefund = bound.parseRow(['3', '交易成功（部分退款）', '2026-03-01 10:00:00', '9.90'], 9);
    expect(partRefund.ok && partRefund.record.status).toBe('completed');
  });

  it('accepts the status texts with either comma', () => {
    const bound = taobaoOrdersAdapter.bind(['订单编号', '订单状态', '订单创建时间', '买家实际支付金额']);
    for (const s of ['买家已付款，等待卖家发货', '买家已付款,等待卖家发货', '等待卖家发货']) {
      const r = bound.parseRow(['1', s, '2026-03-01', '0'], 2);
      expect(r.ok && r.record.status).toBe('awaiting_shipment');
    }
  });

  it('refuses a negative payment', () => {
    const bound = taobaoOrdersAdapter.bind(['订单编号', '订单状态', '订单创建时间', '买家实际支付金额']);
    const r = bound.parseRow(['1', '交易成功', '2026-03-01', '-5.00'], 2);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.rejects[0].code).toBe('cell.negative_money');
  });
});
