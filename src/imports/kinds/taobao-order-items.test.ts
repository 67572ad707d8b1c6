import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { taobaoOrderItemsAdapter } from './taobao-order-items';

describe('Taobao/Tmall item report (宝贝报表)', () => {
  it('reads an old GBK item report whose rows end with a trailing comma, deriving line ids', async () => {
    const { file, records, rejects } = await parseFixture(
      'taobao-order-items/ExportOrderDetailList201707151030.csv',
      { as: 'taobao-order-items' },
    );
    expect(file.kind).toBe('taobao-order-items');
    expect(file.version.id).toBe('old');
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({
      orderId: '35153131473293579',
      itemIdSource: 'derived',
      title: '纯棉短袖T恤 男款 白色',
      priceFen: 61725,
      quantity: 2,
      properties: '颜色分类：白色;尺码：XL',
      skuCode: 'TX-001-WH',
      status: 'completed',
    });
    expect(records[0].itemId).toMatch(/^35153131473293579-[0-9a-f]{12}$/);
    expect(records[2]).toMatchObject({ priceFen: 129950, title: '羊绒大衣 驼色,加厚' });
    expect(records[3]).toMatchObject({ priceFen: 0, note: '赠品', packageInfo: '赠品' });
    // two lines of one order get two ids
    expect(records[2].itemId).not.toBe(records[3].itemId);
  });

  it('derives the same line id on every import of the same file', async () => {
    const a = await parseFixture('taobao-order-items/ExportOrderDetailList201707151030.csv', {
      as: 'taobao-order-items',
    });
    const b = await parseFixture('taobao-order-items/ExportOrderDetailList201707151030.csv', {
      as: 'taobao-order-items',
    });
    expect(a.records.map((r) => r.platformId)).toEqual(b.records.map((r) => r.platformId));
  });

  it('reads the current XLSX item report with 子订单编号 and the SKU alias', async () => {
    const { file, records, rejects } = await parseFixture(
      'taobao-order-items/ExportOrderDetailList202603011200.xlsx',
      { as: 'taobao-order-items' },
    );
    expect(file.version.id).toBe('current');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      platformId: '3984412345678901234001',
      itemId: '3984412345678901234001',
      itemIdSource: 'platform',
      orderId: '3984412345678901234',
      skuCode: 'LX-3PC-BL',
      priceFen: 123450,
      refundStatus: 'succeeded',
      refundAmountFen: 10000,
      paidAt: new Date('2026-02-28T02:00:30Z'),
    });
    expect(records[1]).toMatchObject({
      priceFen: 4995,
      quantity: 2,
      refundStatus: 'none',
      refundAmountFen: 0,
    });
  });

  it('reads the current version as UTF-8 CSV too', async () => {
    const { records, rejects } = await parseFixture(
      'taobao-order-items/ExportOrderDetailList202603021200.csv',
      { as: 'taobao-order-items' },
    );
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({ priceFen: 259900, paymentId: null, refundStatus: null, paidAt: null });
  });

  it('rejects a negative quantity', async () => {
    const { records, rejects } = await parseFixture(
      'bad/ExportOrderDetailList201707159999-negative-quantity.csv',
      { as: 'taobao-order-items' },
    );
    expect(records).toEqual([]);
    expect(rejects).toEqual([
      expect.objectContaining({
        row: 2,
        column: '购买数量',
        value: '-1',
        code: 'cell.negative_number',
        message: '第 2 行 购买数量: "-1" 不能为负数',
      }),
    ]);
  });

  it('rejects a fractional quantity', () => {
    const bound = taobaoOrderItemsAdapter.bind(['订单编号', '标题', '价格', '购买数量']);
    const r = bound.parseRow(['1', 'T恤', '1.00', '1.5'], 3);
    expect(!r.ok && r.rejects[0]).toMatchObject({ code: 'cell.invalid_integer', column: '购买数量' });
  });
});
