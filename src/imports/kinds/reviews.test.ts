import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { sentimentOfRating } from './reviews';

describe('reviews', () => {
  it('reads a 生意参谋 GBK review export, deriving stable review ids', async () => {
    const { file, records, rejects } = await parseFixture('reviews/生意参谋-商品评价-20260301.csv', {
      as: 'reviews',
    });
    expect(file.kind).toBe('reviews');
    expect(file.version.id).toBe('sycm');
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.sentiment)).toEqual(['good', 'bad', 'neutral']);
    expect(records[0]).toMatchObject({
      reviewIdSource: 'derived',
      productId: '600123456789',
      skuId: '5012345678901',
      nickname: '花**夏',
      followUpContent: '用了一周还是很凉快',
      followUpAt: new Date('2026-03-08T02:00:00Z'),
      reviewedAt: new Date('2026-03-01T04:30:00Z'),
      rating: null,
    });
    expect(records[0].reviewId).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(records.map((r) => r.reviewId)).size).toBe(3);
    expect(records[2]).toMatchObject({ followUpContent: null, followUpAt: null, skuId: null });
    const again = await parseFixture('reviews/生意参谋-商品评价-20260301.csv', { as: 'reviews' });
    expect(again.records.map((r) => r.reviewId)).toEqual(records.map((r) => r.reviewId));
  });

  it('reads the StoreOps review template (评价id, 订单编号, 评分) as CSV', async () => {
    const { file, records, rejects } = await parseFixture('reviews/storeops-review-template.csv', {
      as: 'reviews',
    });
    expect(file.version.id).toBe('storeops-template');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      reviewId: 'R20260301001',
      reviewIdSource: 'platform',
      orderId: '3984412345678901234',
      rating: 5,
      sentiment: 'good',
      sellerReply: '谢谢亲的支持~',
    });
    expect(records[1]).toMatchObject({
      rating: 2,
      sentiment: 'bad',
      followUpAt: new Date('2026-03-09T00:00:00Z'),
    });
    expect(records[2]).toMatchObject({ rating: 3, sentiment: 'neutral', content: null, orderId: null });
  });

  it('reads the StoreOps review template as XLSX', async () => {
    const { records, rejects } = await parseFixture('reviews/storeops-review-template.xlsx', {
      as: 'reviews',
    });
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.reviewId, r.rating, r.sentiment])).toEqual([
      ['R20260301004', 1, 'bad'],
      ['R20260301005', 4, 'good'],
    ]);
  });

  it('maps stars to 好评/中评/差评', () => {
    expect([1, 2, 3, 4, 5].map(sentimentOfRating)).toEqual(['bad', 'bad', 'neutral', 'good', 'good']);
  });
});
