import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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

// ---------------------------------------------------------------- rollups (computed, never imported)

/**
 * Daily store rollup, one row per business date in the store's zone, recomputed from the facts
 * (orders, refunds, reviews, ad reports) and the imported 生意参谋 files for the dates an import
 * touched. Counts from the orders are always kept (`order_*`); the platform's own figures sit
 * beside them (`platform_*`) so the two can be reconciled. Ratios are computed when read (null
 * when the denominator is missing or zero).
 */
export const metricStoreDaily = pgTable(
  'metric_store_daily',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    // From the orders (by payment time in the store's zone).
    orderPaidAmountFen: col.fen('order_paid_amount_fen').notNull(),
    orderPaidOrders: col.int('order_paid_orders').notNull(),
    orderPaidBuyers: col.int('order_paid_buyers').notNull(),
    orderPaidItems: col.int('order_paid_items').notNull(),
    orderCreatedOrders: col.int('order_created_orders').notNull(),
    // Refunds finished (退款成功) that day, and refund requests opened that day.
    refundCount: col.int('refund_count').notNull(),
    refundAmountFen: col.fen('refund_amount_fen').notNull(),
    refundRequests: col.int('refund_requests').notNull(),
    reviewsGood: col.int('reviews_good').notNull(),
    reviewsNeutral: col.int('reviews_neutral').notNull(),
    reviewsBad: col.int('reviews_bad').notNull(),
    // Ad reports (one level per channel, never plan + unit twice).
    adSpendZtcFen: col.fen('ad_spend_ztc_fen').notNull(),
    adSpendYlmfFen: col.fen('ad_spend_ylmf_fen').notNull(),
    adSpendOtherFen: col.fen('ad_spend_other_fen').notNull(),
    // 生意参谋 店铺整体 (null when no file covers the day).
    visitors: col.int('visitors'),
    pageViews: col.int('page_views'),
    addToCartBuyers: col.int('add_to_cart_buyers'),
    favoriteBuyers: col.int('favorite_buyers'),
    platformPaidAmountFen: col.fen('platform_paid_amount_fen'),
    platformPaidBuyers: col.int('platform_paid_buyers'),
    platformPaidItems: col.int('platform_paid_items'),
    affiliateCommissionFen: col.fen('affiliate_commission_fen'),
    descriptionScore: col.dec('description_score'),
    logisticsScore: col.dec('logistics_score'),
    serviceScore: col.dec('service_score'),
    // 市场大盘 (summed over the categories the file holds) and 竞品 (summed over competitors).
    industryVisitors: col.int('industry_visitors'),
    industryPaidAmountFen: col.fen('industry_paid_amount_fen'),
    industryPaidBuyers: col.int('industry_paid_buyers'),
    competitorVisitors: col.int('competitor_visitors'),
    competitorPaidAmountFen: col.fen('competitor_paid_amount_fen'),
    computedAt: col.ts('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.date] })],
);

/** Daily product rollup (商品 = platform item id). */
export const metricProductDaily = pgTable(
  'metric_product_daily',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    productId: text('product_id').notNull(),
    title: text('title'),
    paidAmountFen: col.fen('paid_amount_fen').notNull(),
    paidOrders: col.int('paid_orders').notNull(),
    paidItems: col.int('paid_items').notNull(),
    refundCount: col.int('refund_count').notNull(),
    refundAmountFen: col.fen('refund_amount_fen').notNull(),
    reviewsGood: col.int('reviews_good').notNull(),
    reviewsNeutral: col.int('reviews_neutral').notNull(),
    reviewsBad: col.int('reviews_bad').notNull(),
    adSpendFen: col.fen('ad_spend_fen').notNull(),
    adClicks: col.int('ad_clicks').notNull(),
    visitors: col.int('visitors'),
    addToCartBuyers: col.int('add_to_cart_buyers'),
    platformPaidBuyers: col.int('platform_paid_buyers'),
    platformPaidAmountFen: col.fen('platform_paid_amount_fen'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.date, t.productId] })],
);

/** Daily SKU rollup (商家编码). */
export const metricSkuDaily = pgTable(
  'metric_sku_daily',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    skuCode: text('sku_code').notNull(),
    productId: text('product_id'),
    paidAmountFen: col.fen('paid_amount_fen').notNull(),
    paidOrders: col.int('paid_orders').notNull(),
    paidItems: col.int('paid_items').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.date, t.skuCode] })],
);

export type FindingLink = { kind: string; id: string; label?: string };

/**
 * What the morning diagnosis found for a store and business date: anomalies, attributions,
 * reconciliation gaps. The sentence is a locale key + params (rendered zh-CN / en-US when read).
 */
export const metricFindings = pgTable(
  'metric_findings',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    /** Stable within the date: `<kind>:<metric>[:<product>]`. */
    key: text('key').notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    metric: text('metric').notNull(),
    /** 'high' | 'medium' | 'low' */
    severity: text('severity').notNull(),
    /** 'market' | 'ours' | 'mixed' | null (not a swing) */
    cause: text('cause'),
    moneyAtStakeFen: col.fen('money_at_stake_fen').notNull(),
    messageKey: text('message_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    /** The inputs and the rule that produced it. */
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull(),
    links: jsonb('links').$type<FindingLink[]>().notNull(),
    taskId: text('task_id'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.date, t.key] }),
    index('metric_findings_id_idx').on(t.storeId, t.id),
  ],
);

/** Per-store settings of the morning report: when it is pushed to the notification channels. */
export const metricSettings = pgTable('metric_settings', {
  storeId: text('store_id').primaryKey(),
  /** Local time in the store's zone, 'HH:mm' (default 09:00). */
  reportPushAt: text('report_push_at').notNull(),
  updatedAt: col.ts('updated_at').notNull(),
});

/**
 * 竞品动态: competitor moves the data analyst saw and noted by hand (the exports carry no
 * competitor prices or activities): price cut, new coupon, campaign sign-up, new product.
 */
export const metricCompetitorMoves = pgTable(
  'metric_competitor_moves',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    date: col.date('date').notNull(),
    competitor: text('competitor').notNull(),
    /** 'price_cut' | 'coupon' | 'campaign' | 'new_product' | 'other' */
    kind: text('kind').notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: col.ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('metric_competitor_moves_date_idx').on(t.storeId, t.date),
  ],
);

// ---------------------------------------------------------------- traffic sources (流量来源)

/**
 * 生意参谋 流量来源 rows: per business date, level (store 店铺来源 / product 商品来源 / competitor
 * 竞品入店来源), source (一级来源) and detail (二级来源). Upserted by a key over those parts.
 */
export const trafficSourceDaily = pgTable(
  'traffic_source_daily',
  {
    ...factColumns(),
    date: col.date('date').notNull(),
    /** 'store' | 'product' | 'competitor' */
    level: text('level').notNull(),
    productId: col.text('product_id'),
    productTitle: col.text('product_title'),
    competitorShop: col.text('competitor_shop'),
    source: col.text('source').notNull(),
    sourceDetail: col.text('source_detail'),
    visitors: col.int('visitors'),
    pageViews: col.int('page_views'),
    paidBuyers: col.int('paid_buyers'),
    paidAmountFen: col.fen('paid_amount_fen'),
    conversionRate: col.bp('conversion_rate_bp'),
    addToCartBuyers: col.int('add_to_cart_buyers'),
    favoriteBuyers: col.int('favorite_buyers'),
    orderedBuyers: col.int('ordered_buyers'),
  },
  (t) => [factKey(t), index('traffic_source_daily_date_idx').on(t.storeId, t.date)],
);

/**
 * Daily rollup per traffic source (一级来源, details summed): scope 'store' (subject ''),
 * 'product' (subject = product id) or 'competitor' (subject = the competitor shop). Recomputed
 * from `traffic_source_daily` for the dates an import touched; no row = no data.
 */
export const metricSourceDaily = pgTable(
  'metric_source_daily',
  {
    storeId: text('store_id').notNull(),
    date: col.date('date').notNull(),
    scope: text('scope').notNull(),
    subject: text('subject').notNull(),
    source: text('source').notNull(),
    title: text('title'),
    visitors: col.int('visitors'),
    pageViews: col.int('page_views'),
    paidBuyers: col.int('paid_buyers'),
    paidAmountFen: col.fen('paid_amount_fen'),
    addToCartBuyers: col.int('add_to_cart_buyers'),
    favoriteBuyers: col.int('favorite_buyers'),
    orderedBuyers: col.int('ordered_buyers'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.date, t.scope, t.subject, t.source] }),
    index('metric_source_daily_subject_idx').on(t.storeId, t.scope, t.subject, t.date),
  ],
);
