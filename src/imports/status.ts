/**
 * Platform status texts → StoreOps codes. Lookups ignore spaces and the kind of comma
 * (`买家已付款，等待卖家发货` = `买家已付款,等待卖家发货` = `买家已付款等待卖家发货`).
 */

/** Order status codes: Taobao/Tmall and JD (cancelled, locked, paused are JD's). */
export type OrderStatus =
  | 'awaiting_payment'
  | 'awaiting_shipment'
  | 'partially_shipped'
  | 'shipped'
  | 'completed'
  | 'closed'
  | 'cancelled'
  | 'locked'
  | 'paused'
  /** A status text this version of StoreOps does not know; the text is kept in status_text. */
  | 'other';

/** Refund status codes. `in_progress` is any other open state the platform names. */
export type RefundStatus =
  | 'awaiting_seller'
  | 'awaiting_return'
  | 'awaiting_seller_receipt'
  | 'seller_refused'
  | 'in_progress'
  | 'succeeded'
  | 'closed';

function key(s: string): string {
  return s.replace(/[\s,，、。.;；:：!！()（）]/g, '');
}

function table<T>(entries: Record<string, T>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of Object.entries(entries)) {
    m.set(k, v);
    m.set(key(k), v);
  }
  return m;
}

const TAOBAO_ORDER = table<OrderStatus>({
  等待买家付款: 'awaiting_payment',
  '买家已付款，等待卖家发货': 'awaiting_shipment',
  等待卖家发货: 'awaiting_shipment',
  卖家部分发货: 'partially_shipped',
  '卖家已发货，等待买家确认': 'shipped',
  '卖家已发货，等待买家确认收货': 'shipped',
  交易成功: 'completed',
  交易关闭: 'closed',
  '付款以前，卖家或买家主动关闭交易': 'closed',
  '交易关闭（付款以后用户退款成功，交易自动关闭）': 'closed',
});

const JD_ORDER = table<OrderStatus>({
  等待付款: 'awaiting_payment',
  等待付款确认: 'awaiting_payment',
  等待出库: 'awaiting_shipment',
  等待发货: 'awaiting_shipment',
  等待打包: 'awaiting_shipment',
  等待确认收货: 'shipped',
  已出库: 'shipped',
  配送中: 'shipped',
  完成: 'completed',
  已完成: 'completed',
  订单完成: 'completed',
  已取消: 'cancelled',
  取消: 'cancelled',
  订单取消: 'cancelled',
  锁定: 'locked',
  已锁定: 'locked',
  暂停: 'paused',
  已暂停: 'paused',
  删除: 'closed',
  已删除: 'closed',
});

const REFUND = table<RefundStatus>({
  '买家已经申请退款，等待卖家同意': 'awaiting_seller',
  等待卖家同意: 'awaiting_seller',
  '卖家已经同意退款，等待买家退货': 'awaiting_return',
  等待买家退货: 'awaiting_return',
  '买家已经退货，等待卖家确认收货': 'awaiting_seller_receipt',
  等待卖家确认收货: 'awaiting_seller_receipt',
  卖家拒绝退款: 'seller_refused',
  退款成功: 'succeeded',
  退款关闭: 'closed',
});

function lookup<T>(m: Map<string, T>, s: string): T | undefined {
  return m.get(s) ?? m.get(key(s));
}

/**
 * Taobao/Tmall 订单状态 → code. A text not in the table (platforms add statuses between
 * versions) is read by its key words, else `other`: a new status never blocks a whole file, and
 * the original text is kept beside the code.
 */
export function taobaoOrderStatus(text: string): OrderStatus | undefined {
  return lookup(TAOBAO_ORDER, text) ?? byKeywords(text);
}

/** JD 订单状态 → code. Taobao texts are accepted too; unknown texts as for Taobao. */
export function jdOrderStatus(text: string): OrderStatus | undefined {
  return lookup(JD_ORDER, text) ?? lookup(TAOBAO_ORDER, text) ?? byKeywords(text);
}

function byKeywords(text: string): OrderStatus | undefined {
  if (text.trim() === '') return undefined;
  if (text.includes('关闭')) return 'closed';
  if (text.includes('取消')) return 'cancelled';
  if (text.includes('成功') || text.includes('完成')) return 'completed';
  if (text.includes('已发货') || text.includes('确认收货')) return 'shipped';
  if (text.includes('等待买家付款') || text.includes('待付款')) return 'awaiting_payment';
  if (text.includes('已付款') || text.includes('待发货')) return 'awaiting_shipment';
  return 'other';
}

/** 退款状态 → code. Unknown texts that are not finished states are `in_progress`. */
export function refundStatus(text: string): RefundStatus {
  const v = lookup(REFUND, text);
  if (v !== undefined) return v;
  if (text.includes('成功')) return 'succeeded';
  if (text.includes('关闭')) return 'closed';
  return 'in_progress';
}

/** 退款状态 on an item line: `没有申请退款` → none. */
export function itemRefundStatus(text: string): RefundStatus | 'none' {
  if (text.includes('没有申请') || text === '无' || text === '无退款') return 'none';
  return refundStatus(text);
}

export const KNOWN_TAOBAO_ORDER_STATUSES = [
  '等待买家付款',
  '买家已付款，等待卖家发货',
  '卖家已发货，等待买家确认',
  '交易成功',
  '交易关闭',
];
