/**
 * The file-parsing layer of the import pipeline. Public API:
 * - readTable(path, opts): headers + streamed row batches (CSV GBK/UTF-8, XLSX, JSON lines)
 * - detectKind(fileName, headers), bindKind(kind, headers, ctx): which file, which version
 * - parseFile(path, opts): kind + version + streamed batches of records and rejects
 * - the cell parsers (cells.ts) and the record types of every kind
 */
export * from './adapter';
export * from './cells';
export * from './detect';
export * from './format';
export * from './kinds';
export type { AdLevel, AdReportRow } from './kinds/ads';
export { adChannelOf } from './kinds/ads';
export type { ChatMessage, ChatSenderRole } from './kinds/chat-log';
export type { CsAttendance } from './kinds/cs-attendance';
export { periodFromFileName } from './kinds/cs-attendance';
export type { CsDailyStats } from './kinds/cs-daily';
export type { JdOrderLine } from './kinds/jd-orders';
export type {
  CompetitorDailyMetrics,
  DailyMetricValues,
  IndustryDailyMetrics,
  ProductDailyMetrics,
  StoreDailyMetrics,
} from './kinds/metrics';
export type { Review, ReviewSentiment } from './kinds/reviews';
export type { StockSnapshotLine } from './kinds/stock';
export type { TaobaoOrderItem } from './kinds/taobao-order-items';
export type { TaobaoOrder } from './kinds/taobao-orders';
export type { RefundScope, RefundStage, TaobaoRefund } from './kinds/taobao-refunds';
export * from './parse-file';
export { readTable, sniffFormat } from './read/table';
export type { ReadTableOptions, RowBatch, Table, TableFormat } from './read/types';
export type { RowReject, RowResult } from './row';
export type { OrderStatus, RefundStatus } from './status';
