import { index, jsonb, pgTable, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
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
    // The daily rollups read a day's finished refunds (metrics, after every import).
    index('refunds_finished_idx').on(t.storeId, t.refundFinishedAt),
    index('refunds_import_idx').on(t.storeId, t.importId),
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
  (t) => [
    factKey(t),
    index('reviews_product_idx').on(t.storeId, t.productId, t.reviewedAt),
    // The daily rollups read a day's reviews of every product (metrics, after every import).
    index('reviews_reviewed_idx').on(t.storeId, t.reviewedAt),
    index('reviews_import_idx').on(t.storeId, t.importId),
  ],
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

// ---- the desk's own records (issue 6) ---------------------------------------------------------

/** Per-store settings of the after-sales desk (review lexicon, spike thresholds). */
export const aftersalesSettings = pgTable(
  'aftersales_settings',
  {
    storeId: col.text('store_id').notNull(),
    key: col.text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedBy: col.text('updated_by'),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.key] })],
);

/** The desk's follow-up of one refund: cause (corrected), owner, revisit outcome, tasks. */
export const refundCases = pgTable(
  'refund_cases',
  {
    storeId: col.text('store_id').notNull(),
    refundId: col.text('refund_id').notNull(),
    /** The cause as corrected by a person (null = the automatic one). */
    causeOverride: col.text('cause_override'),
    ownerPersonId: col.text('owner_person_id'),
    /** resolved | buyer_unreachable | escalated | other */
    outcome: col.text('outcome'),
    outcomeNote: col.text('outcome_note'),
    revisitTaskId: col.text('revisit_task_id'),
    listingTaskId: col.text('listing_task_id'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.refundId] })],
);

export type ContactAttempt = { at: string; personId: string | null; channel: string; note: string | null };

/** The desk's handling of a bad or medium review (中差评). */
export const reviewCases = pgTable(
  'review_cases',
  {
    storeId: col.text('store_id').notNull(),
    /** reviews.platform_id */
    reviewKey: col.text('review_key').notNull(),
    suggestedClass: col.text('suggested_class').notNull(),
    hits: jsonb('hits').$type<string[]>().notNull(),
    /** Set by a person; null = the suggestion stands. */
    reasonClass: col.text('reason_class'),
    ownerPersonId: col.text('owner_person_id'),
    /** The CS the bad review is blamed on (when the class is service). */
    blamedPersonId: col.text('blamed_person_id'),
    contacts: jsonb('contacts').$type<ContactAttempt[]>().notNull(),
    /** changed | follow_up | explained | unresolved */
    outcome: col.text('outcome'),
    publicReply: col.text('public_reply'),
    taskId: col.text('task_id'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.reviewKey] })],
);

/** Disputes and complaints: from refunds with platform intervention (客服介入) or entered by hand. */
export const disputes = pgTable(
  'disputes',
  {
    storeId: col.text('store_id').notNull(),
    id: col.text('id').notNull(),
    /** refund | manual */
    source: col.text('source').notNull(),
    refundId: col.text('refund_id'),
    orderId: col.text('order_id'),
    title: col.text('title').notNull(),
    reason: col.text('reason'),
    deadlineAt: col.ts('deadline_at'),
    /** Evidence item → collected? (photos, delivery_signature, chat_log, tracking, video) */
    evidence: jsonb('evidence').$type<Record<string, boolean>>().notNull(),
    /** open | won | lost | withdrawn */
    status: col.text('status').notNull(),
    ownerPersonId: col.text('owner_person_id'),
    note: col.text('note'),
    taskId: col.text('task_id'),
    createdBy: col.text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    uniqueIndex('disputes_refund_idx').on(t.storeId, t.refundId),
  ],
);
