import { index, pgTable } from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';

/** The 生意参谋 metric columns shared by store, product, industry and competitor rows. */
function metricValues() {
  return {
    visitors: col.int('visitors'),
    pageViews: col.int('page_views'),
    productVisitors: col.int('product_visitors'),
    productPageViews: col.int('product_page_views'),
    averageStaySeconds: col.dec('average_stay_seconds'),
    bounceRate: col.bp('bounce_rate_bp'),
    productFavoriteBuyers: col.int('product_favorite_buyers'),
    addToCartBuyers: col.int('add_to_cart_buyers'),
    addToCartItems: col.int('add_to_cart_items'),
    paidAmountFen: col.fen('paid_amount_fen'),
    paidBuyers: col.int('paid_buyers'),
    paidSubOrders: col.int('paid_sub_orders'),
    paidItems: col.int('paid_items'),
    orderedAmountFen: col.fen('ordered_amount_fen'),
    orderedBuyers: col.int('ordered_buyers'),
    orderedItems: col.int('ordered_items'),
    orderConversionRate: col.bp('order_conversion_rate_bp'),
    conversionRate: col.bp('conversion_rate_bp'),
    averageOrderValueFen: col.fen('average_order_value_fen'),
    valuePerVisitorFen: col.fen('value_per_visitor_fen'),
    returningVisitors: col.int('returning_visitors'),
    newVisitors: col.int('new_visitors'),
    returningPaidBuyers: col.int('returning_paid_buyers'),
    returningBuyerPaidAmountFen: col.fen('returning_buyer_paid_amount_fen'),
    ztcSpendFen: col.fen('ztc_spend_fen'),
    zuanzhanSpendFen: col.fen('zuanzhan_spend_fen'),
    affiliateCommissionFen: col.fen('affiliate_commission_fen'),
    refundedAmountFen: col.fen('refunded_amount_fen'),
    reviews: col.int('reviews'),
    reviewsWithImages: col.int('reviews_with_images'),
    positiveReviews: col.int('positive_reviews'),
    negativeReviews: col.int('negative_reviews'),
    descriptionScore: col.dec('description_score'),
    logisticsScore: col.dec('logistics_score'),
    serviceScore: col.dec('service_score'),
    storeFavoriteBuyers: col.int('store_favorite_buyers'),
  };
}

/** 生意参谋 店铺整体, one row per business date. */
export const storeDailyMetrics = pgTable(
  'store_daily_metrics',
  { ...factColumns(), date: col.date('date').notNull(), ...metricValues() },
  (t) => [factKey(t), index('store_daily_metrics_date_idx').on(t.storeId, t.date)],
);

/** Product-level daily metrics (商品 equivalents), one row per date and product. */
export const productDailyMetrics = pgTable(
  'product_daily_metrics',
  {
    ...factColumns(),
    date: col.date('date').notNull(),
    productId: col.text('product_id').notNull(),
    productTitle: col.text('product_title'),
    ...metricValues(),
  },
  (t) => [factKey(t), index('product_daily_metrics_date_idx').on(t.storeId, t.date, t.productId)],
);

/** Industry (市场, by 类目) daily metrics. */
export const industryDailyMetrics = pgTable(
  'industry_daily_metrics',
  {
    ...factColumns(),
    date: col.date('date').notNull(),
    category: col.text('category').notNull(),
    ...metricValues(),
  },
  (t) => [factKey(t), index('industry_daily_metrics_date_idx').on(t.storeId, t.date, t.category)],
);

/** Competitor (竞品店铺) daily metrics. */
export const competitorDailyMetrics = pgTable(
  'competitor_daily_metrics',
  {
    ...factColumns(),
    date: col.date('date').notNull(),
    competitorShop: col.text('competitor_shop').notNull(),
    ...metricValues(),
  },
  (t) => [factKey(t), index('competitor_daily_metrics_date_idx').on(t.storeId, t.date, t.competitorShop)],
);
