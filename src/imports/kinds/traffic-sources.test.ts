import { describe, expect, it } from 'vitest';
import { detectKind } from '../detect';
import { parseFixture } from '../test-fixtures';

describe('生意参谋 流量来源 (traffic sources)', () => {
  it('reads the store-level 店铺来源 GBK CSV below its preamble: sources, details, - and 暂无数据 empty', async () => {
    const { file, records, rejects } = await parseFixture('traffic-sources/生意参谋-店铺来源-20260301.csv', {
      as: 'traffic-sources',
    });
    expect(file.headerRowNumber).toBe(4);
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(7);
    expect(records[0]).toMatchObject({
      date: '2026-03-01',
      level: 'store',
      productId: null,
      competitorShop: null,
      source: '手淘搜索',
      sourceDetail: '搜索-关键词',
      visitors: 1420,
      pageViews: 4010,
      paidBuyers: 38,
      paidAmountFen: 586620,
      conversionRate: 268,
      addToCartBuyers: 90,
      favoriteBuyers: 21,
      orderedBuyers: 41,
    });
    expect(records[3].sourceDetail).toBeNull(); // '-'
    expect(records[5]).toMatchObject({ source: '购物车', addToCartBuyers: null, favoriteBuyers: null });
    // Two details of one source are two rows with two keys.
    expect(new Set(records.map((r) => r.platformId)).size).toBe(7);
  });

  it('reads the product-level 商品来源 XLSX (商品ID, 一级来源/二级来源 aliases, % cells)', async () => {
    const { file, records, rejects } = await parseFixture('traffic-sources/生意参谋-商品来源-20260301.xlsx', {
      as: 'traffic-sources',
    });
    expect(file.kind).toBe('traffic-sources');
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.level, r.productId, r.source, r.visitors])).toEqual([
      ['product', '600123456789', '手淘搜索', 980],
      ['product', '600123456789', '直通车', 410],
      ['product', '600123456790', '手淘推荐', 300],
      ['product', '600123456790', '手淘搜索', 340],
    ]);
    expect(records[0]).toMatchObject({
      productTitle: '冰丝凉席三件套',
      paidAmountFen: 493828,
      conversionRate: 41,
    });
    expect(records[1].sourceDetail).toBeNull();
  });

  it('accepts the competitor variant (竞品店铺 → level competitor)', async () => {
    const { records, rejects } = await parseFixture('traffic-sources/生意参谋-竞品入店来源-20260301.csv', {
      as: 'traffic-sources',
    });
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.level, r.competitorShop, r.source, r.visitors, r.paidAmountFen])).toEqual([
      ['competitor', '清凉一夏家居店', '手淘搜索', 2900, 1203000],
      ['competitor', '清凉一夏家居店', '直通车', 1500, 710000],
      ['competitor', '竹韵生活馆', '手淘搜索', 1100, 330050],
    ]);
  });

  it('keys the same row to the same id on every import (re-import = update)', async () => {
    const a = await parseFixture('traffic-sources/生意参谋-店铺来源-20260301.csv', { as: 'traffic-sources' });
    const b = await parseFixture('traffic-sources/生意参谋-店铺来源-20260301.csv', { as: 'traffic-sources' });
    expect(a.records.map((r) => r.platformId)).toEqual(b.records.map((r) => r.platformId));
  });

  it('is told apart from the other 生意参谋 files by its 流量来源 column', () => {
    const store = '统计日期 流量来源 访客数 支付买家数 支付金额'.split(' ');
    expect(detectKind(undefined, store).kind).toBe('traffic-sources');
    expect(detectKind(undefined, '统计日期 商品id 来源 访客数 支付买家数 支付金额'.split(' ')).kind).toBe(
      'traffic-sources',
    );
    expect(
      detectKind(undefined, '统计日期 竞品店铺 流量来源 访客数 支付买家数 支付金额'.split(' ')).kind,
    ).toBe('traffic-sources');
    // Without the source column the same headers are the store overview.
    expect(detectKind(undefined, '统计日期 访客数 支付买家数 支付金额'.split(' ')).kind).toBe(
      'store-metrics',
    );
  });

  it('names the missing required column before reading a row', async () => {
    await expect(
      parseFixture('bad/生意参谋-店铺来源-缺访客数.csv', { kind: 'traffic-sources' }),
    ).rejects.toMatchObject({ code: 'import.missing_columns', details: { missing: ['访客数'] } });
  });

  it('rejects an impossible date, negative visitors or money, and an empty source, row by row', async () => {
    const { records, rejects } = await parseFixture('bad/生意参谋-店铺来源-坏行.csv', {
      kind: 'traffic-sources',
      as: 'traffic-sources',
    });
    expect(records.map((r) => r.source)).toEqual(['手淘搜索']);
    const byRow = new Map(rejects.map((r) => [r.row, r]));
    expect([...byRow.keys()].sort()).toEqual([3, 4, 5, 6]);
    expect(byRow.get(3)).toMatchObject({ column: '统计日期', value: '2026-02-30' });
    expect(byRow.get(4)).toMatchObject({ column: '访客数' });
    expect(byRow.get(5)).toMatchObject({ column: '支付金额' });
    expect(byRow.get(6)).toMatchObject({ column: '流量来源' });
  });
});
