import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';
import type { AutoCheck, Phase, ReadinessSettings } from './campaign.rules';
import type { Offer, Tier } from './marketing.rules';

/** Paid-ads reports: 直通车 (ztc), 钻展, 引力魔方 (ylmf), 万相台 (wxt), at plan/unit/keyword level. */
export const adReports = pgTable(
  'ad_reports',
  {
    ...factColumns(),
    channel: col.text('channel').notNull(),
    level: col.text('level').notNull(),
    date: col.date('date').notNull(),
    planId: col.text('plan_id'),
    planName: col.text('plan_name'),
    promotionType: col.text('promotion_type'),
    unitId: col.text('unit_id'),
    unitName: col.text('unit_name'),
    productId: col.text('product_id'),
    keyword: col.text('keyword'),
    impressions: col.int('impressions'),
    clicks: col.int('clicks'),
    spendFen: col.fen('spend_fen').notNull(),
    clickRate: col.bp('click_rate_bp'),
    averageCpcFen: col.fen('average_cpc_fen'),
    cpmFen: col.fen('cpm_fen'),
    favorites: col.int('favorites'),
    addToCarts: col.int('add_to_carts'),
    gmvFen: col.fen('gmv_fen'),
    directGmvFen: col.fen('direct_gmv_fen'),
    indirectGmvFen: col.fen('indirect_gmv_fen'),
    orders: col.int('orders'),
    roi: col.bp('roi_bp'),
    clickConversionRate: col.bp('click_conversion_rate_bp'),
    averageRank: col.dec('average_rank'),
    /**
     * Hour of day (0–23) of a row from an hourly report (小时 / 时段): such rows only pass
     * through here — after the merge they move to `ad_report_hours` and the day's totals take
     * their place (see `adHourlyAfterMerge`). Always null on stored rows.
     */
    hour: col.int('hour'),
  },
  (t) => [factKey(t), index('ad_reports_date_idx').on(t.storeId, t.date, t.channel)],
);

/**
 * Hourly ads rows (an ads report with a 小时 / 时段 column): what the hourly early-offline rule
 * reads. `platform_id` = the day row's id + `h` + the hour.
 */
export const adReportHours = pgTable(
  'ad_report_hours',
  {
    ...factColumns(),
    channel: col.text('channel').notNull(),
    level: col.text('level').notNull(),
    date: col.date('date').notNull(),
    hour: col.int('hour').notNull(),
    planId: col.text('plan_id'),
    planName: col.text('plan_name'),
    unitId: col.text('unit_id'),
    unitName: col.text('unit_name'),
    productId: col.text('product_id'),
    keyword: col.text('keyword'),
    impressions: col.int('impressions'),
    clicks: col.int('clicks'),
    spendFen: col.fen('spend_fen').notNull(),
    gmvFen: col.fen('gmv_fen'),
    orders: col.int('orders'),
  },
  (t) => [factKey(t), index('ad_report_hours_date_idx').on(t.storeId, t.date, t.channel)],
);

/** 淘宝联盟 推广订单明细: the orders affiliates (淘宝客) brought, with partner and commission. */
export const affiliateOrders = pgTable(
  'affiliate_orders',
  {
    ...factColumns(),
    orderId: col.text('order_id').notNull(),
    subOrderId: col.text('sub_order_id'),
    productId: col.text('product_id'),
    productTitle: col.text('product_title'),
    partnerId: col.text('partner_id'),
    partnerName: col.text('partner_name'),
    paidAmountFen: col.fen('paid_amount_fen').notNull(),
    commissionRateBp: col.bp('commission_rate_bp'),
    commissionFen: col.fen('commission_fen').notNull(),
    settledAmountFen: col.fen('settled_amount_fen'),
    settledCommissionFen: col.fen('settled_commission_fen'),
    /** paid | settled | invalid */
    status: col.text('status').notNull(),
    statusText: col.text('status_text').notNull(),
    createdAt: col.ts('created_at').notNull(),
    paidAt: col.ts('paid_at'),
    settledAt: col.ts('settled_at'),
    planType: col.text('plan_type'),
  },
  (t) => [factKey(t), index('affiliate_orders_created_idx').on(t.storeId, t.createdAt)],
);

// ── The team's own marketing records (never written by an import) ──────────────────────────

/** Per-store marketing settings: the fee rates of the price floor, the ROI floor, lead times. */
export const marketingSettings = pgTable('marketing_settings', {
  storeId: text('store_id').primaryKey(),
  commissionBp: col.bp('commission_bp').notNull(),
  paymentFeeBp: col.bp('payment_fee_bp').notNull(),
  perUnitCostFen: col.fen('per_unit_cost_fen').notNull(),
  /** ROI floor in hundredths (200 = 2.00). */
  roiFloor: col.int('roi_floor').notNull(),
  /** Coupon expiry alerts this many hours ahead. */
  expiryLeadHours: col.int('expiry_lead_hours').notNull(),
  /** Balance alert when it lasts fewer days than this. */
  balanceAlertDays: col.int('balance_alert_days').notNull(),
  readiness: jsonb('readiness').$type<ReadinessSettings>().notNull(),
  updatedAt: col.ts('updated_at').notNull(),
});

/** The platform's big events per year, as the store edited them (seeded from the built-ins). */
export const platformEvents = pgTable(
  'platform_events',
  {
    storeId: text('store_id').notNull(),
    year: col.int('year').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    phases: jsonb('phases').$type<Phase[]>().notNull(),
    signUpDeadline: col.date('sign_up_deadline'),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.year, t.code] })],
);

export const campaigns = pgTable(
  'campaigns',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** The platform event it joins (platform kind), e.g. double11 + year. */
    eventCode: text('event_code'),
    eventYear: col.int('event_year'),
    phases: jsonb('phases').$type<Phase[]>().notNull(),
    /** Denormalised span of the phases, for range queries. */
    startDate: col.date('start_date').notNull(),
    endDate: col.date('end_date').notNull(),
    /** Hero products first. */
    productIds: jsonb('product_ids').$type<string[]>().notNull(),
    budgetFen: col.fen('budget_fen'),
    goalGmvFen: col.fen('goal_gmv_fen'),
    goalUnits: col.int('goal_units'),
    goalNewBuyers: col.int('goal_new_buyers'),
    ownerPersonId: text('owner_person_id'),
    signUpDeadline: col.date('sign_up_deadline'),
    /** planned | cancelled (running/done follow from the dates). */
    status: text('status').notNull(),
    notes: text('notes'),
    createdBy: text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('campaigns_dates_idx').on(t.storeId, t.startDate, t.endDate),
  ],
);

/** A campaign's readiness checklist: one row per item, each with its task in `work`. */
export const campaignChecklist = pgTable(
  'campaign_checklist',
  {
    storeId: text('store_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    /** Owner role, then who it escalates to. */
    chain: jsonb('chain').$type<string[]>().notNull(),
    dueDate: col.date('due_date').notNull(),
    ownerPersonId: text('owner_person_id'),
    taskId: text('task_id'),
    needsAck: col.bool('needs_ack').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: col.ts('acknowledged_at'),
    doneBy: text('done_by'),
    doneAt: col.ts('done_at'),
    escalationLevel: col.int('escalation_level').notNull(),
    /** The last automatic check of a linked item (CS shifts → roster, stock → inventory). */
    autoCheck: jsonb('auto_check').$type<AutoCheck | null>(),
    /** Why it was marked done by hand although the automatic check found something missing. */
    overrideReason: text('override_reason'),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.campaignId, t.code] })],
);

/** Coupons and discounts (store coupons, product coupons, 满减, discounts, the campaign's 跨店满减). */
export const offers = pgTable(
  'offers',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    startsAt: col.ts('starts_at').notNull(),
    endsAt: col.ts('ends_at').notNull(),
    productIds: jsonb('product_ids').$type<string[] | null>(),
    percentBp: col.bp('percent_bp'),
    unitMinusFen: col.fen('unit_minus_fen'),
    tiers: jsonb('tiers').$type<Tier[] | null>(),
    perEach: jsonb('per_each').$type<Offer['perEach']>(),
    campaignId: text('campaign_id'),
    /** active | cancelled */
    status: text('status').notNull(),
    createdBy: text('created_by'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] }), index('offers_ends_idx').on(t.storeId, t.endsAt)],
);

/** Ad account balances as entered by marketing (one current value per channel). */
export const adAccounts = pgTable(
  'ad_accounts',
  {
    storeId: text('store_id').notNull(),
    channel: text('channel').notNull(),
    balanceFen: col.fen('balance_fen').notNull(),
    enteredBy: text('entered_by'),
    enteredAt: col.ts('entered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.channel] })],
);

/** Daily budgets (日限额) of ad plans, as entered: sharpens the early-offline inference. */
export const adPlanBudgets = pgTable(
  'ad_plan_budgets',
  {
    storeId: text('store_id').notNull(),
    channel: text('channel').notNull(),
    planId: text('plan_id').notNull(),
    dailyBudgetFen: col.fen('daily_budget_fen').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.channel, t.planId] })],
);

/** The content calendar: 微淘 / 逛逛 posts. */
export const contentPosts = pgTable(
  'content_posts',
  {
    storeId: text('store_id').notNull(),
    id: text('id').notNull(),
    channel: text('channel').notNull(),
    title: text('title').notNull(),
    audience: text('audience'),
    plannedAt: col.ts('planned_at').notNull(),
    /** Tied to a campaign (an activity notice) or evergreen (topic). */
    campaignId: text('campaign_id'),
    topic: text('topic'),
    ownerPersonId: text('owner_person_id'),
    /** planned | ready | published | cancelled */
    status: text('status').notNull(),
    publishedUrl: text('published_url'),
    createdAt: col.ts('created_at').notNull(),
    updatedAt: col.ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    index('content_posts_planned_idx').on(t.storeId, t.plannedAt),
  ],
);
