import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';

describe('生意参谋 daily metrics', () => {
  it('reads the store overview CSV below its preamble: 2.35% → 235 bp, 暂无数据 and - → null', async () => {
    const { file, records, recordRows, rejects } = await parseFixture(
      'store-metrics/生意参谋-店铺整体-20260301-20260303.csv',
      { as: 'store-metrics' },
    );
    expect(file.kind).toBe('store-metrics');
    expect(file.headerRowNumber).toBe(4);
    expect(rejects).toEqual([]);
    expect(recordRows).toEqual([5, 6, 7]);
    expect(records[0]).toMatchObject({
      date: '2026-03-01',
      visitors: 3200,
      paidAmountFen: 1234560,
      paidBuyers: 80,
      conversionRate: 235,
      bounceRate: 6235,
      averageOrderValueFen: 15432,
      valuePerVisitorFen: 386,
      averageStaySeconds: 30.5,
      refundedAmountFen: 0,
      descriptionScore: 4.85,
    });
    expect(records[1].zuanzhanSpendFen).toBeNull();
    expect(records[2].serviceScore).toBeNull();
    expect(new Set(records.map((r) => r.platformId)).size).toBe(3);
  });

  it('reads the store overview XLSX with percentage cells', async () => {
    const { records, rejects } = await parseFixture('store-metrics/生意参谋-店铺整体-20260304.xlsx', {
      as: 'store-metrics',
    });
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      date: '2026-03-04',
      conversionRate: 235,
      bounceRate: 6035,
      orderConversionRate: 271,
      paidAmountFen: 1543210,
      averageOrderValueFen: 16244,
      valuePerVisitorFen: 423,
    });
  });

  it('keys the same day to the same id on every import', async () => {
    const a = await parseFixture('store-metrics/生意参谋-店铺整体-20260301-20260303.csv', {
      as: 'store-metrics',
    });
    const b = await parseFixture('store-metrics/生意参谋-店铺整体-20260301-20260303.csv', {
      as: 'store-metrics',
    });
    expect(a.records.map((r) => r.platformId)).toEqual(b.records.map((r) => r.platformId));
  });

  it('reads product-level metrics (商品id per row, the 商品 names)', async () => {
    const { file, records, rejects } = await parseFixture('product-metrics/生意参谋-商品效果-20260301.csv', {
      as: 'product-metrics',
    });
    expect(file.kind).toBe('product-metrics');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      productId: '600123456789',
      productTitle: '冰丝凉席三件套',
      visitors: 1820,
      pageViews: 5460,
      bounceRate: 5510,
      addToCartBuyers: 95,
      paidAmountFen: 864200,
      conversionRate: 38,
    });
    expect(records[2]).toMatchObject({
      averageStaySeconds: null,
      bounceRate: null,
      averageOrderValueFen: null,
    });
    expect(records[0].platformId).not.toBe(records[1].platformId);
  });

  it('reads industry rows keyed by 类目', async () => {
    const { file, records } = await parseFixture('industry-metrics/生意参谋-市场-床上用品-20260301.csv', {
      as: 'industry-metrics',
    });
    expect(file.kind).toBe('industry-metrics');
    expect(records[0]).toMatchObject({
      category: '床上用品>凉席',
      visitors: 1250000,
      paidAmountFen: 345678910,
      conversionRate: 201,
    });
  });

  it('reads competitor rows keyed by 竞品店铺', async () => {
    const { file, records } = await parseFixture('competitor-metrics/生意参谋-竞品-20260301.csv', {
      as: 'competitor-metrics',
    });
    expect(file.kind).toBe('competitor-metrics');
    expect(records.map((r) => r.competitorShop)).toEqual(['清凉一夏家居店', '竹韵生活馆']);
    expect(records[1]).toMatchObject({
      paidAmountFen: 612050,
      productFavoriteBuyers: null,
      conversionRate: 234,
    });
  });
});
