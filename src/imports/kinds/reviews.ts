/**
 * Product reviews: the 生意参谋 export (评论, 评价分类 好评/中评/差评, no review id: the id is
 * derived) and StoreOps's own review template (评价id, 订单编号, 评分 1–5), see docs/formats.md.
 */
import { defineAdapter, stableId } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion } from '../format';

/** good = 好评, neutral = 中评, bad = 差评 (中差评 = neutral or bad). */
export type ReviewSentiment = 'good' | 'neutral' | 'bad';

export type Review = {
  /** = reviewId */
  platformId: string;
  /** 评价id; for 生意参谋 files a hash of product, nickname, time and text */
  reviewId: string;
  reviewIdSource: 'platform' | 'derived';
  orderId: string | null;
  productId: string;
  skuId: string | null;
  /** 昵称 */
  nickname: string | null;
  /** 评分 1–5 (template only) */
  rating: number | null;
  sentiment: ReviewSentiment;
  /** 评论 */
  content: string | null;
  reviewedAt: Date;
  /** 追评内容 / 追评时间 (followUpReview) */
  followUpContent: string | null;
  followUpAt: Date | null;
  /** 颜色分类 */
  skuProperties: string | null;
  /** 商家回复 */
  sellerReply: string | null;
};

const FIELDS = [
  'reviewId',
  'orderId',
  'productId',
  'skuId',
  'nickname',
  'rating',
  'sentiment',
  'content',
  'reviewedAt',
  'followUpContent',
  'followUpAt',
  'skuProperties',
  'sellerReply',
] as const;
type Field = (typeof FIELDS)[number];

export const REVIEW_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'storeops-template',
    label: 'StoreOps 评价模板',
    labelEn: 'StoreOps review template',
    signature: ['评价id'],
    columns: {
      reviewId: ['评价id', 'reviewId'],
      orderId: ['订单编号', 'orderId'],
      productId: ['商品id', 'productId'],
      skuId: ['skuid', 'skuId'],
      nickname: ['昵称', 'nickname'],
      rating: ['评分', 'rating'],
      sentiment: ['评价分类', 'sentiment'],
      content: ['评论', 'content'],
      reviewedAt: ['评价时间', 'reviewedAt'],
      followUpContent: ['追评内容', 'followUpContent'],
      followUpAt: ['追评时间', 'followUpAt'],
      skuProperties: ['颜色分类', 'skuProperties'],
      sellerReply: ['商家回复', 'sellerReply'],
    },
    required: ['reviewId', 'productId', 'rating', 'reviewedAt'],
  },
  {
    id: 'sycm',
    label: '生意参谋商品评价',
    labelEn: 'Business Advisor (生意参谋) reviews',
    absent: ['评价id'],
    columns: {
      content: ['评论', '评价内容'],
      nickname: ['昵称', '买家昵称'],
      followUpContent: ['追评内容'],
      followUpAt: ['追评时间'],
      reviewedAt: ['评价时间'],
      productId: ['商品id'],
      skuProperties: ['颜色分类'],
      sentiment: ['评价分类'],
      skuId: ['skuid'],
    },
    required: ['content', 'reviewedAt', 'productId', 'sentiment'],
  },
];

function sentimentOf(s: string): ReviewSentiment | undefined {
  switch (s.toLowerCase()) {
    case '好评':
    case 'good':
      return 'good';
    case '中评':
    case 'neutral':
      return 'neutral';
    case '差评':
    case 'bad':
      return 'bad';
  }
  return undefined;
}

function ratingOf(s: string): number | undefined {
  const t = s.replace(/[星分]$/, '').trim();
  const n = /^[1-5](\.0+)?$/.test(t) ? Number(t) : Number.NaN;
  return n >= 1 && n <= 5 ? n : undefined;
}

/** 5/4 stars → good, 3 → neutral, 1/2 → bad. */
export function sentimentOfRating(rating: number): ReviewSentiment {
  return rating >= 4 ? 'good' : rating === 3 ? 'neutral' : 'bad';
}

export const reviewsAdapter = defineAdapter<Review, Field>({
  kind: 'reviews',
  label: '商品评价',
  labelEn: 'product reviews',
  fields: FIELDS,
  versions: REVIEW_VERSIONS,
  fileNamePatterns: [/评价/, /review/i],
  excludeHeaders: ['统计日期', '访客数'],
  rowParser({ columns: C }) {
    return (r) => {
      const productId = r.id(C.productId, true)!;
      const nickname = r.text(C.nickname);
      const content = r.text(C.content);
      const reviewedAt = r.instant(C.reviewedAt, true)!;
      const rating = r.oneOf(C.rating, ratingOf, C.rating >= 0, PROBLEM.rating);
      const sentiment =
        r.oneOf(C.sentiment, sentimentOf, C.rating < 0, PROBLEM.value) ??
        (rating === null ? 'neutral' : sentimentOfRating(rating));
      const platformReviewId = r.code(C.reviewId, C.reviewId >= 0);
      const reviewId =
        platformReviewId ?? stableId('sycm-review', productId, nickname, reviewedAt?.getTime(), content);
      return {
        platformId: reviewId,
        reviewId,
        reviewIdSource: platformReviewId === null ? 'derived' : 'platform',
        orderId: r.id(C.orderId),
        productId,
        skuId: r.code(C.skuId),
        nickname,
        rating,
        sentiment,
        content,
        reviewedAt,
        followUpContent: r.text(C.followUpContent),
        followUpAt: r.instant(C.followUpAt),
        skuProperties: r.text(C.skuProperties),
        sellerReply: r.text(C.sellerReply),
      };
    };
  },
});
