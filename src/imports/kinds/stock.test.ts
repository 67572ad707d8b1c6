import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { stockAdapter } from './stock';

describe('StoreOps stock snapshot', () => {
  it('reads the CSV: 可用库存, 在途, 锁定库存 per SKU and warehouse', async () => {
    const { file, records, rejects } = await parseFixture('stock/库存快照-20260301.csv', { as: 'stock' });
    expect(file.kind).toBe('stock');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      date: '2026-03-01',
      skuCode: 'LX-3PC-BL',
      productId: '600123456789',
      skuId: '5012345678901',
      warehouse: '杭州仓',
      available: 128,
      inTransit: 200,
      reserved: 6,
    });
    expect(records[1]).toMatchObject({ available: 1024, reserved: null });
    expect(records[2]).toMatchObject({ productId: null, available: 0, warehouse: null });
  });

  it('reads the XLSX with the short 库存 alias', async () => {
    const { records, rejects } = await parseFixture('stock/库存快照-20260302.xlsx', { as: 'stock' });
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.skuCode, r.available, r.inTransit])).toEqual([
      ['LX-3PC-BL', 120, 200],
      ['ZJ-002', 1010, 0],
    ]);
  });

  it('needs 商家编码 or 商品id on every row, and no negative stock', () => {
    const bound = stockAdapter.bind(['日期', '商家编码', '商品id', '可用库存']);
    const r = bound.parseRow(['2026-03-01', '', '', '5'], 4);
    expect(!r.ok && r.rejects[0]).toMatchObject({ code: 'row.missing_sku' });
    const n = bound.parseRow(['2026-03-01', 'A', '', '-2'], 5);
    expect(!n.ok && n.rejects[0]).toMatchObject({ code: 'cell.negative_number', column: '可用库存' });
  });

  it('requires 日期 and a stock column', () => {
    expect(() => stockAdapter.bind(['商家编码', '标题'])).toThrow(
      expect.objectContaining({
        code: 'import.missing_columns',
        params: expect.objectContaining({ columns: '日期、可用库存' }),
      }),
    );
  });
});
