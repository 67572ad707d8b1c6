/** The registry of file kinds and their record types. */
import type { Adapter, ImportKind } from '../adapter';
import { type AdReportRow, adsAdapter } from './ads';
import { type AffiliateOrder, affiliateOrdersAdapter } from './affiliate-orders';
import { type ChatMessage, chatLogAdapter } from './chat-log';
import { type CsAttendance, csAttendanceAdapter } from './cs-attendance';
import { type CsDailyStats, csDailyAdapter } from './cs-daily';
import { type JdOrderLine, jdOrdersAdapter } from './jd-orders';
import {
  type CompetitorDailyMetrics,
  competitorMetricsAdapter,
  type IndustryDailyMetrics,
  industryMetricsAdapter,
  type ProductDailyMetrics,
  productMetricsAdapter,
  type StoreDailyMetrics,
  storeMetricsAdapter,
} from './metrics';
import { type Review, reviewsAdapter } from './reviews';
import { type StockSnapshotLine, stockAdapter } from './stock';
import { type TaobaoOrderItem, taobaoOrderItemsAdapter } from './taobao-order-items';
import { type TaobaoOrder, taobaoOrdersAdapter } from './taobao-orders';
import { type TaobaoRefund, taobaoRefundsAdapter } from './taobao-refunds';
import { type TrafficSourceRow, trafficSourcesAdapter } from './traffic-sources';

/** Record type per kind. */
export type KindRecord = {
  'taobao-orders': TaobaoOrder;
  'taobao-order-items': TaobaoOrderItem;
  'taobao-refunds': TaobaoRefund;
  reviews: Review;
  'store-metrics': StoreDailyMetrics;
  'product-metrics': ProductDailyMetrics;
  'industry-metrics': IndustryDailyMetrics;
  'competitor-metrics': CompetitorDailyMetrics;
  ads: AdReportRow;
  'chat-log': ChatMessage;
  'cs-daily': CsDailyStats;
  'cs-attendance': CsAttendance;
  stock: StockSnapshotLine;
  'jd-orders': JdOrderLine;
  'affiliate-orders': AffiliateOrder;
  'traffic-sources': TrafficSourceRow;
};

export type AnyImportRecord = KindRecord[ImportKind];

export const ADAPTERS: { [K in ImportKind]: Adapter<KindRecord[K]> } = {
  'taobao-orders': taobaoOrdersAdapter,
  'taobao-order-items': taobaoOrderItemsAdapter,
  'taobao-refunds': taobaoRefundsAdapter,
  reviews: reviewsAdapter,
  'store-metrics': storeMetricsAdapter,
  'product-metrics': productMetricsAdapter,
  'industry-metrics': industryMetricsAdapter,
  'competitor-metrics': competitorMetricsAdapter,
  ads: adsAdapter,
  'chat-log': chatLogAdapter,
  'cs-daily': csDailyAdapter,
  'cs-attendance': csAttendanceAdapter,
  stock: stockAdapter,
  'jd-orders': jdOrdersAdapter,
  'affiliate-orders': affiliateOrdersAdapter,
  'traffic-sources': trafficSourcesAdapter,
};

export function getAdapter<K extends ImportKind>(kind: K): Adapter<KindRecord[K]> {
  return ADAPTERS[kind];
}
