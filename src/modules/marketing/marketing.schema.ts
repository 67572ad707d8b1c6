import { index, pgTable } from 'drizzle-orm/pg-core';
import { col, factColumns, factKey } from '../../db/columns';

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
  },
  (t) => [factKey(t), index('ad_reports_date_idx').on(t.storeId, t.date, t.channel)],
);
