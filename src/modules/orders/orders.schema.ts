import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';

/** Orders from the Taobao/Tmall order report (订单报表); platform_id = 订单编号. */
export const orders = pgTable(
  'orders',
  {
    ...factColumns(),
    orderId: col.text('order_id').notNull(),
    buyerAccount: col.text('buyer_account'),
    buyerNickname: col.text('buyer_nickname'),
    buyerAlipayAccount: col.text('buyer_alipay_account'),
    paymentId: col.text('payment_id'),
    goodsAmountFen: col.fen('goods_amount_fen'),
    shippingFeeFen: col.fen('shipping_fee_fen'),
    totalAmountFen: col.fen('total_amount_fen'),
    paidAmountFen: col.fen('paid_amount_fen').notNull(),
    status: col.text('status').notNull(),
    statusText: col.text('status_text'),
    buyerMessage: col.text('buyer_message'),
    receiverName: col.text('receiver_name'),
    receiverAddress: col.text('receiver_address'),
    receiverProvince: col.text('receiver_province'),
    receiverCity: col.text('receiver_city'),
    receiverDistrict: col.text('receiver_district'),
    receiverAddressDetail: col.text('receiver_address_detail'),
    receiverPostcode: col.text('receiver_postcode'),
    shippingMethod: col.text('shipping_method'),
    receiverPhone: col.text('receiver_phone'),
    receiverMobile: col.text('receiver_mobile'),
    createdAt: col.ts('created_at').notNull(),
    paidAt: col.ts('paid_at'),
    itemTitles: col.text('item_titles'),
    itemKinds: col.int('item_kinds'),
    itemQuantity: col.int('item_quantity'),
    trackingNumber: col.text('tracking_number'),
    carrier: col.text('carrier'),
    orderNote: col.text('order_note'),
    shopId: col.text('shop_id'),
    shopName: col.text('shop_name'),
    closeReason: col.text('close_reason'),
    sellerServiceFeeFen: col.fen('seller_service_fee_fen'),
    buyerServiceFeeFen: col.fen('buyer_service_fee_fen'),
    invoiceTitle: col.text('invoice_title'),
    isMobileOrder: col.bool('is_mobile_order'),
    modifiedSku: col.text('modified_sku'),
    modifiedAddress: col.text('modified_address'),
    exceptionInfo: col.text('exception_info'),
    tmallCouponFen: col.fen('tmall_coupon_fen'),
    jifenbaoFen: col.fen('jifenbao_fen'),
    refundAmountFen: col.fen('refund_amount_fen'),
    confirmedAt: col.ts('confirmed_at'),
    sellerPayoutFen: col.fen('seller_payout_fen'),
    shippedAt: col.ts('shipped_at'),
    sellerMemo: col.text('seller_memo'),
    isPresale: col.bool('is_presale'),
    // The team's own, never touched by an import: the flag (插旗) a CS sets to claim the sale.
    flagColor: col.text('flag_color'),
    flaggedBy: col.text('flagged_by'),
    flaggedAt: col.ts('flagged_at'),
  },
  (t) => [
    factKey(t),
    index('orders_paid_idx').on(t.storeId, t.paidAt),
    index('orders_created_idx').on(t.storeId, t.createdAt),
    // The after-import followers find an import's rows, and the queues the open orders, by index:
    // a scan of a 3 M-order history after every daily file is what made a day's import take minutes.
    index('orders_import_idx').on(t.storeId, t.importId),
    index('orders_status_idx').on(t.storeId, t.status),
    // order_id = platform_id for Taobao, but the desk, the checks and the stories look orders up by
    // order_id: without this index each lookup scanned the store's orders.
    index('orders_order_idx').on(t.storeId, t.orderId),
    // The orders still to ship (a few thousand of a year's million): the shipping queue and the
    // stock-out detection after every order import read these without scanning the table.
    index('orders_to_ship_idx')
      .on(t.storeId, t.paidAt)
      .where(sql`${t.status} in ('awaiting_shipment', 'partially_shipped')`),
  ],
);

/** Order lines from the item report (宝贝报表); platform_id = 子订单编号 or a derived id. */
export const orderItems = pgTable(
  'order_items',
  {
    ...factColumns(),
    orderId: col.text('order_id').notNull(),
    itemId: col.text('item_id').notNull(),
    itemIdSource: col.text('item_id_source'),
    title: col.text('title').notNull(),
    priceFen: col.fen('price_fen').notNull(),
    quantity: col.int('quantity').notNull(),
    externalCode: col.text('external_code'),
    properties: col.text('properties'),
    packageInfo: col.text('package_info'),
    note: col.text('note'),
    status: col.text('status'),
    statusText: col.text('status_text'),
    skuCode: col.text('sku_code'),
    paymentId: col.text('payment_id'),
    goodsAmountFen: col.fen('goods_amount_fen'),
    paidAmountFen: col.fen('paid_amount_fen'),
    refundStatus: col.text('refund_status'),
    refundStatusText: col.text('refund_status_text'),
    refundAmountFen: col.fen('refund_amount_fen'),
    createdAt: col.ts('created_at'),
    paidAt: col.ts('paid_at'),
  },
  (t) => [
    factKey(t),
    index('order_items_order_idx').on(t.storeId, t.orderId),
    index('order_items_sku_idx').on(t.storeId, t.skuCode),
    index('order_items_paid_idx').on(t.storeId, t.paidAt),
    index('order_items_import_idx').on(t.storeId, t.importId),
  ],
);

/** JD POP order export, one row per order line; platform_id = order id + line. */
export const jdOrderLines = pgTable(
  'jd_order_lines',
  {
    ...factColumns(),
    orderId: col.text('order_id').notNull(),
    lineId: col.text('line_id').notNull(),
    productId: col.text('product_id').notNull(),
    productName: col.text('product_name'),
    quantity: col.int('quantity').notNull(),
    orderedAt: col.ts('ordered_at').notNull(),
    paidAt: col.ts('paid_at'),
    completedAt: col.ts('completed_at'),
    unitPriceFen: col.fen('unit_price_fen'),
    orderAmountFen: col.fen('order_amount_fen'),
    settlementAmountFen: col.fen('settlement_amount_fen'),
    payableAmountFen: col.fen('payable_amount_fen'),
    shippingFeeFen: col.fen('shipping_fee_fen'),
    serviceFeeFen: col.fen('service_fee_fen'),
    status: col.text('status').notNull(),
    statusText: col.text('status_text'),
    orderType: col.text('order_type'),
    orderSource: col.text('order_source'),
    buyerAccount: col.text('buyer_account'),
    customerName: col.text('customer_name'),
    customerAddress: col.text('customer_address'),
    customerProvince: col.text('customer_province'),
    customerCity: col.text('customer_city'),
    customerDistrict: col.text('customer_district'),
    customerAddressDetail: col.text('customer_address_detail'),
    customerPostcode: col.text('customer_postcode'),
    phone: col.text('phone'),
    orderNote: col.text('order_note'),
    sellerMemo: col.text('seller_memo'),
    invoiceType: col.text('invoice_type'),
    itemNumber: col.text('item_number'),
    warehouse: col.text('warehouse'),
    shopName: col.text('shop_name'),
  },
  (t) => [
    factKey(t),
    index('jd_order_lines_order_idx').on(t.storeId, t.orderId),
    index('jd_order_lines_import_idx').on(t.storeId, t.importId),
  ],
);

// ---- the desk's own records (issue 6) ---------------------------------------------------------

/** Per-store settings of the orders desk (shipping cut-off and limits, chat account links). */
export const orderSettings = pgTable(
  'order_settings',
  {
    storeId: col.text('store_id').notNull(),
    key: col.text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedBy: col.text('updated_by'),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.key] })],
);

/**
 * What people did about an order: urging payment (催付, with the channel), flagging (插旗) and
 * taking over, out-of-stock contact and its outcome. Append-only: the order's story.
 */
export const orderEvents = pgTable(
  'order_events',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    orderId: col.text('order_id').notNull(),
    /** urge | flag | unflag | stockout | stockout_outcome */
    kind: col.text('kind').notNull(),
    personId: col.text('person_id'),
    /** urge: chat | phone | sms | other */
    channel: col.text('channel'),
    note: col.text('note'),
    data: jsonb('data'),
    at: col.ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('order_events_order_idx').on(t.storeId, t.orderId, t.at),
    index('order_events_kind_idx').on(t.storeId, t.kind, t.at),
  ],
);

/**
 * Odd facts found after imports, kept for a person to look at: an order's status going
 * backwards, refunds over the paid amount, a refund for an order not (yet) imported, a review
 * without an order id. One row per (kind, thing); `resolved_at` set when it no longer holds.
 */
export const orderChecks = pgTable(
  'order_checks',
  {
    storeId: col.text('store_id').notNull(),
    kind: col.text('kind').notNull(),
    refId: col.text('ref_id').notNull(),
    orderId: col.text('order_id'),
    data: jsonb('data'),
    detectedAt: col.ts('detected_at').notNull(),
    resolvedAt: col.ts('resolved_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.kind, t.refId] }),
    index('order_checks_order_idx').on(t.storeId, t.orderId),
  ],
);
