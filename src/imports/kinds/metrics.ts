/**
 * 生意参谋 daily metrics: the whole store (店铺整体, one row per 统计日期), per product (商品id),
 * per industry category (类目) and per competitor store (竞品店铺). All four share the metric
 * names; rates come as `2.35%` and are kept in basis points.
 */
import { type Adapter, defineAdapter, stableId } from '../adapter';
import type { ColumnIndex, FormatVersion, HeaderMap } from '../format';
import type { RowReader } from '../row';

/** The metric columns; every one is optional (null when the file lacks it or the cell is empty). */
export type DailyMetricValues = {
  /** 访客数 (商品访客数 in product files) */
  visitors: number | null;
  /** 浏览量 */
  pageViews: number | null;
  /** 商品访客数 (store files) */
  productVisitors: number | null;
  /** 商品浏览量 (store files) */
  productPageViews: number | null;
  /** 平均停留时长, seconds */
  averageStaySeconds: number | null;
  /** 跳失率, basis points */
  bounceRate: number | null;
  /** 商品收藏买家数 */
  productFavoriteBuyers: number | null;
  /** 加购人数 */
  addToCartBuyers: number | null;
  /** 加购件数 */
  addToCartItems: number | null;
  /** 支付金额 (paidAmount) */
  paidAmountFen: number | null;
  /** 支付买家数 (paidBuyers) */
  paidBuyers: number | null;
  /** 支付子订单数 */
  paidSubOrders: number | null;
  /** 支付件数 */
  paidItems: number | null;
  /** 下单金额 */
  orderedAmountFen: number | null;
  /** 下单买家数 */
  orderedBuyers: number | null;
  /** 下单件数 */
  orderedItems: number | null;
  /** 下单转化率, bp */
  orderConversionRate: number | null;
  /** 支付转化率 (conversionRate), bp */
  conversionRate: number | null;
  /** 客单价 (averageOrderValue), rounded to the fen */
  averageOrderValueFen: number | null;
  /** UV价值 (valuePerVisitor), rounded to the fen */
  valuePerVisitorFen: number | null;
  /** 老访客数 */
  returningVisitors: number | null;
  /** 新访客数 */
  newVisitors: number | null;
  /** 支付老买家数 */
  returningPaidBuyers: number | null;
  /** 老买家支付金额 */
  returningBuyerPaidAmountFen: number | null;
  /** 直通车消耗 */
  ztcSpendFen: number | null;
  /** 钻石展位消耗 */
  zuanzhanSpendFen: number | null;
  /** 淘宝客佣金 */
  affiliateCommissionFen: number | null;
  /** 成功退款金额 */
  refundedAmountFen: number | null;
  /** 评价数 */
  reviews: number | null;
  /** 有图评价数 */
  reviewsWithImages: number | null;
  /** 正面评价数 */
  positiveReviews: number | null;
  /** 负面评价数 */
  negativeReviews: number | null;
  /** 描述相符评分 (e.g. 4.85) */
  descriptionScore: number | null;
  /** 物流服务评分 */
  logisticsScore: number | null;
  /** 服务态度评分 */
  serviceScore: number | null;
  /** 店铺收藏买家数 */
  storeFavoriteBuyers: number | null;
};

export type StoreDailyMetrics = DailyMetricValues & {
  /** hash of the date */
  platformId: string;
  /** 统计日期, yyyy-MM-dd */
  date: string;
};

export type ProductDailyMetrics = DailyMetricValues & {
  /** hash of date + productId */
  platformId: string;
  date: string;
  productId: string;
  /** 商品名称 */
  productTitle: string | null;
};

export type IndustryDailyMetrics = DailyMetricValues & {
  /** hash of date + category */
  platformId: string;
  date: string;
  /** 类目 */
  category: string;
};

export type CompetitorDailyMetrics = DailyMetricValues & {
  /** hash of date + competitor store */
  platformId: string;
  date: string;
  /** 竞品店铺 */
  competitorShop: string;
};

const METRIC_FIELDS = [
  'visitors',
  'pageViews',
  'productVisitors',
  'productPageViews',
  'averageStaySeconds',
  'bounceRate',
  'productFavoriteBuyers',
  'addToCartBuyers',
  'addToCartItems',
  'paidAmountFen',
  'paidBuyers',
  'paidSubOrders',
  'paidItems',
  'orderedAmountFen',
  'orderedBuyers',
  'orderedItems',
  'orderConversionRate',
  'conversionRate',
  'averageOrderValueFen',
  'valuePerVisitorFen',
  'returningVisitors',
  'newVisitors',
  'returningPaidBuyers',
  'returningBuyerPaidAmountFen',
  'ztcSpendFen',
  'zuanzhanSpendFen',
  'affiliateCommissionFen',
  'refundedAmountFen',
  'reviews',
  'reviewsWithImages',
  'positiveReviews',
  'negativeReviews',
  'descriptionScore',
  'logisticsScore',
  'serviceScore',
  'storeFavoriteBuyers',
] as const;
type MetricField = (typeof METRIC_FIELDS)[number];
const KEY_FIELDS = ['date', 'productId', 'productTitle', 'category', 'competitorShop'] as const;
type Field = MetricField | (typeof KEY_FIELDS)[number];
const FIELDS: readonly Field[] = [...KEY_FIELDS, ...METRIC_FIELDS];

/** The store-level metric names (生意参谋 店铺整体). */
export const STORE_METRIC_COLUMNS: HeaderMap<MetricField> = {
  visitors: ['访客数'],
  pageViews: ['浏览量'],
  productVisitors: ['商品访客数'],
  productPageViews: ['商品浏览量'],
  averageStaySeconds: ['平均停留时长'],
  bounceRate: ['跳失率'],
  productFavoriteBuyers: ['商品收藏买家数'],
  addToCartBuyers: ['加购人数'],
  addToCartItems: ['加购件数'],
  paidAmountFen: ['支付金额'],
  paidBuyers: ['支付买家数'],
  paidSubOrders: ['支付子订单数'],
  paidItems: ['支付件数'],
  orderedAmountFen: ['下单金额'],
  orderedBuyers: ['下单买家数'],
  orderedItems: ['下单件数'],
  orderConversionRate: ['下单转化率'],
  conversionRate: ['支付转化率'],
  averageOrderValueFen: ['客单价'],
  valuePerVisitorFen: ['UV价值'],
  returningVisitors: ['老访客数'],
  newVisitors: ['新访客数'],
  returningPaidBuyers: ['支付老买家数'],
  returningBuyerPaidAmountFen: ['老买家支付金额'],
  ztcSpendFen: ['直通车消耗'],
  zuanzhanSpendFen: ['钻石展位消耗'],
  affiliateCommissionFen: ['淘宝客佣金'],
  refundedAmountFen: ['成功退款金额'],
  reviews: ['评价数'],
  reviewsWithImages: ['有图评价数'],
  positiveReviews: ['正面评价数'],
  negativeReviews: ['负面评价数'],
  descriptionScore: ['描述相符评分'],
  logisticsScore: ['物流服务评分'],
  serviceScore: ['服务态度评分'],
  storeFavoriteBuyers: ['店铺收藏买家数'],
};

/** Product files use the 商品 equivalents; the plain names are accepted as aliases. */
const PRODUCT_METRIC_COLUMNS: HeaderMap<MetricField> = {
  ...STORE_METRIC_COLUMNS,
  visitors: ['商品访客数', '访客数'],
  pageViews: ['商品浏览量', '浏览量'],
  productVisitors: [],
  productPageViews: [],
  bounceRate: ['商品详情页跳出率', '跳失率', '跳出率'],
  productFavoriteBuyers: ['商品收藏买家数', '收藏买家数', '收藏人数'],
  addToCartBuyers: ['商品加购人数', '加购人数'],
  addToCartItems: ['商品加购件数', '加购件数'],
  paidAmountFen: ['支付金额', '商品支付金额'],
  paidBuyers: ['支付买家数', '商品支付买家数'],
  paidItems: ['支付件数', '商品支付件数'],
  conversionRate: ['支付转化率', '商品支付转化率'],
};

const DATE = ['统计日期', '日期'];
/** A 流量来源 column makes a 生意参谋 file the traffic-source kind (kinds/traffic-sources.ts). */
const SOURCE_KEYS = ['流量来源', '一级来源', '来源', '来源明细', '二级来源'];
const KEYS_ABSENT = ['商品id', '类目', '竞品店铺', ...SOURCE_KEYS];
const ANY_METRIC = ['visitors', 'paidAmountFen', 'paidBuyers'] as const;

function readMetrics(r: RowReader, C: ColumnIndex<Field>): DailyMetricValues {
  return {
    visitors: r.count(C.visitors),
    pageViews: r.count(C.pageViews),
    productVisitors: r.count(C.productVisitors),
    productPageViews: r.count(C.productPageViews),
    averageStaySeconds: r.seconds(C.averageStaySeconds),
    bounceRate: r.basisPoints(C.bounceRate),
    productFavoriteBuyers: r.count(C.productFavoriteBuyers),
    addToCartBuyers: r.count(C.addToCartBuyers),
    addToCartItems: r.count(C.addToCartItems),
    paidAmountFen: r.money(C.paidAmountFen),
    paidBuyers: r.count(C.paidBuyers),
    paidSubOrders: r.count(C.paidSubOrders),
    paidItems: r.count(C.paidItems),
    orderedAmountFen: r.money(C.orderedAmountFen),
    orderedBuyers: r.count(C.orderedBuyers),
    orderedItems: r.count(C.orderedItems),
    orderConversionRate: r.basisPoints(C.orderConversionRate),
    conversionRate: r.basisPoints(C.conversionRate),
    averageOrderValueFen: r.moneyRounded(C.averageOrderValueFen),
    valuePerVisitorFen: r.moneyRounded(C.valuePerVisitorFen),
    returningVisitors: r.count(C.returningVisitors),
    newVisitors: r.count(C.newVisitors),
    returningPaidBuyers: r.count(C.returningPaidBuyers),
    returningBuyerPaidAmountFen: r.money(C.returningBuyerPaidAmountFen),
    ztcSpendFen: r.money(C.ztcSpendFen),
    zuanzhanSpendFen: r.money(C.zuanzhanSpendFen),
    affiliateCommissionFen: r.money(C.affiliateCommissionFen),
    refundedAmountFen: r.money(C.refundedAmountFen),
    reviews: r.count(C.reviews),
    reviewsWithImages: r.count(C.reviewsWithImages),
    positiveReviews: r.count(C.positiveReviews),
    negativeReviews: r.count(C.negativeReviews),
    descriptionScore: r.decimal(C.descriptionScore),
    logisticsScore: r.decimal(C.logisticsScore),
    serviceScore: r.decimal(C.serviceScore),
    storeFavoriteBuyers: r.count(C.storeFavoriteBuyers),
  };
}

const version = (
  id: string,
  label: string,
  labelEn: string,
  columns: HeaderMap<Field>,
  required: FormatVersion<Field>['required'],
  signature: string[],
  absent: string[],
): readonly FormatVersion<Field>[] => [{ id, label, labelEn, columns, required, signature, absent }];

export const storeMetricsAdapter: Adapter<StoreDailyMetrics> = defineAdapter<StoreDailyMetrics, Field>({
  kind: 'store-metrics',
  label: '生意参谋店铺整体日数据',
  labelEn: 'store daily metrics (生意参谋 店铺整体)',
  fields: FIELDS,
  versions: version(
    'sycm',
    '生意参谋店铺整体',
    'Business Advisor store overview',
    { date: DATE, ...STORE_METRIC_COLUMNS },
    ['date', ANY_METRIC],
    [],
    KEYS_ABSENT,
  ),
  excludeHeaders: KEYS_ABSENT,
  fileNamePatterns: [/店铺整体/, /store-metrics/i],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      return { platformId: stableId('store', date), date, ...readMetrics(r, C) };
    };
  },
});

export const productMetricsAdapter: Adapter<ProductDailyMetrics> = defineAdapter<ProductDailyMetrics, Field>({
  kind: 'product-metrics',
  label: '生意参谋商品日数据',
  labelEn: 'product daily metrics',
  fields: FIELDS,
  versions: version(
    'sycm',
    '生意参谋商品效果',
    'Business Advisor product performance',
    {
      date: DATE,
      productId: ['商品id', '商品ID'],
      productTitle: ['商品名称', '商品标题'],
      ...PRODUCT_METRIC_COLUMNS,
    },
    ['date', 'productId', ANY_METRIC],
    ['商品id'],
    ['类目', '竞品店铺', ...SOURCE_KEYS],
  ),
  excludeHeaders: ['评价时间', '评论', '计划id', '计划名称', '花费', '消耗', ...SOURCE_KEYS],
  fileNamePatterns: [/商品效果/, /商品.*日/, /product-metrics/i],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      const productId = r.id(C.productId, true)!;
      return {
        platformId: stableId('product', date, productId),
        date,
        productId,
        productTitle: r.text(C.productTitle),
        ...readMetrics(r, C),
      };
    };
  },
});

export const industryMetricsAdapter: Adapter<IndustryDailyMetrics> = defineAdapter<
  IndustryDailyMetrics,
  Field
>({
  kind: 'industry-metrics',
  label: '生意参谋市场行业日数据',
  labelEn: 'industry (market) daily metrics',
  fields: FIELDS,
  versions: version(
    'sycm',
    '生意参谋市场（类目）',
    'Business Advisor market (by category)',
    { date: DATE, category: ['类目', '类目名称'], ...STORE_METRIC_COLUMNS },
    ['date', 'category', ANY_METRIC],
    ['类目'],
    ['竞品店铺', '商品id', ...SOURCE_KEYS],
  ),
  excludeHeaders: SOURCE_KEYS,
  fileNamePatterns: [/市场/, /行业/, /industry/i],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      const category = r.text(C.category, true)!;
      return { platformId: stableId('industry', date, category), date, category, ...readMetrics(r, C) };
    };
  },
});

export const competitorMetricsAdapter: Adapter<CompetitorDailyMetrics> = defineAdapter<
  CompetitorDailyMetrics,
  Field
>({
  kind: 'competitor-metrics',
  label: '生意参谋竞品日数据',
  labelEn: 'competitor daily metrics',
  fields: FIELDS,
  versions: version(
    'sycm',
    '生意参谋竞争（竞品店铺）',
    'Business Advisor competition (by competitor store)',
    { date: DATE, competitorShop: ['竞品店铺', '竞品店铺名称', '竞店'], ...STORE_METRIC_COLUMNS },
    ['date', 'competitorShop', ANY_METRIC],
    ['竞品店铺'],
    SOURCE_KEYS,
  ),
  excludeHeaders: SOURCE_KEYS,
  fileNamePatterns: [/竞品/, /竞店/, /competitor/i],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      const competitorShop = r.text(C.competitorShop, true)!;
      return {
        platformId: stableId('competitor', date, competitorShop),
        date,
        competitorShop,
        ...readMetrics(r, C),
      };
    };
  },
});
