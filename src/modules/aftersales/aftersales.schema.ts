import { index, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';

/** Refunds from the refund report (退款报表); platform_id = 退款编号. */
export const refunds = pgTable(
  'refunds',
  {
    ...factColumns(),
    refundId: col.text('refund_id').notNull(),
    orderId: col.text('order_id').notNull(),
    paymentId: col.text('payment_id'),
    paidAt: col.ts('paid_at'),
    productCode: col.text('product_code'),
    refundFinishedAt: col.ts('refund_finished_at'),
    buyerAccount: col.text('buyer_account'),
    paidAmountFen: col.fen('paid_amount_fen'),
    itemTitle: col.text('item_title'),
    refundAmountFen: col.fen('refund_amount_fen').notNull(),
    refundMethod: col.text('refund_method'),
    returnRequired: col.bool('return_required'),
    requestedAt: col.ts('requested_at').notNull(),
    timeoutAt: col.ts('timeout_at'),
    status: col.text('status').notNull(),
    statusText: col.text('status_text'),
    goodsStatus: col.text('goods_status'),
    returnTrackingNumber: col.text('return_tracking_number'),
    returnCarrier: col.text('return_carrier'),
    csInterventionStatus: col.text('cs_intervention_status'),
    refundReason: col.text('refund_reason'),
    refundDescription: col.text('refund_description'),
    returnedAt: col.ts('returned_at'),
    responsibleParty: col.text('responsible_party'),
    stage: col.text('stage'),
    sellerNote: col.text('seller_note'),
    finishedAt: col.ts('finished_at'),
    scope: col.text('scope'),
    reviewer: col.text('reviewer'),
    operator: col.text('operator'),
    reasonTags: col.text('reason_tags'),
    businessType: col.text('business_type'),
    afterSaleType: col.text('after_sale_type'),
  },
  (t) => [
    factKey(t),
    index('refunds_order_idx').on(t.storeId, t.orderId),
    index('refunds_requested_idx').on(t.storeId, t.requestedAt),
  ],
);

/** Product reviews (生意参谋 export or StoreOps's template); platform_id = 评价id or derived. */
export const reviews = pgTable(
  'reviews',
  {
    ...factColumns(),
    reviewId: col.text('review_id').notNull(),
    reviewIdSource: col.text('review_id_source'),
    orderId: col.text('order_id'),
    productId: col.text('product_id').notNull(),
    skuId: col.text('sku_id'),
    nickname: col.text('nickname'),
    rating: col.int('rating'),
    sentiment: col.text('sentiment').notNull(),
    content: col.text('content'),
    reviewedAt: col.ts('reviewed_at').notNull(),
    followUpContent: col.text('follow_up_content'),
    followUpAt: col.ts('follow_up_at'),
    skuProperties: col.text('sku_properties'),
    sellerReply: col.text('seller_reply'),
  },
  (t) => [factKey(t), index('reviews_product_idx').on(t.storeId, t.productId, t.reviewedAt)],
);

/**
 * 问大家 (buyer Q&A) entries the team records and answers; there is no platform export, so these
 * are entered at the desk (the after-sales issue builds the screens).
 */
export const buyerQuestions = pgTable(
  'buyer_questions',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    productId: col.text('product_id').notNull(),
    question: col.text('question').notNull(),
    askedAt: col.ts('asked_at').notNull(),
    answer: col.text('answer'),
    answeredAt: col.ts('answered_at'),
    answeredBy: col.text('answered_by'),
    /** A question that hurts sales (e.g. "质量差吗") and needs a reply soon. */
    isBad: col.bool('is_bad').notNull().default(false),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
    deletedAt: col.ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('buyer_questions_product_idx').on(t.storeId, t.productId),
  ],
);
