import type { Frequency } from './work.rules';

/**
 * The routine templates every store starts with (DOMAIN.md §2 and §1), one list per role. They
 * are copied into the store's `routine_items` on first use and edited there; code keeps only
 * these defaults. `start: null` = before the day starts (the design handover "before 08:30").
 */
export type DefaultRoutineItem = {
  key: string;
  title: string;
  start: string | null;
  end: string;
  frequency: Frequency;
};

const daily: Frequency = { kind: 'daily' };
/** Anchor for "every N days" defaults: a Monday, so the cycle is the same in every store. */
const ANCHOR = '2026-01-05';

export const DEFAULT_ROUTINES: Record<string, DefaultRoutineItem[]> = {
  manager: [
    {
      key: 'design_handover',
      title: '与美工确认今日设计工作和交付时间',
      start: null,
      end: '08:30',
      frequency: daily,
    },
    {
      key: 'diagnosis',
      title: '数据诊断：本店昨日数据、竞品、行业大盘',
      start: '08:30',
      end: '10:30',
      frequency: daily,
    },
    {
      key: 'foundation',
      title: '店铺基础：交易纠纷、催付、退款原因统计、评价、问大家、优惠到期',
      start: '10:30',
      end: '11:00',
      frequency: daily,
    },
    {
      key: 'promotion',
      title: '推广：直通车/钻展/引力魔方余额与计划报表，淘宝客',
      start: '11:00',
      end: '12:00',
      frequency: daily,
    },
    {
      key: 'activities',
      title: '活动：官方/店内/第三方活动的计划、内容与预期效果',
      start: '13:30',
      end: '14:00',
      frequency: daily,
    },
    { key: 'content', title: '内容：微淘/逛逛发布计划', start: '14:00', end: '14:30', frequency: daily },
    {
      key: 'cs_check',
      title: '客服检查：在线时间、咨询量、响应速度、转化',
      start: '14:30',
      end: '15:30',
      frequency: daily,
    },
    {
      key: 'products',
      title: '产品：在售库存、新品计划、标题优化',
      start: '15:30',
      end: '16:30',
      frequency: { kind: 'every_n_days', n: 3, anchor: ANCHOR },
    },
    {
      key: 'ads_recheck',
      title: '推广复查：下午广告数据异常波动',
      start: '16:30',
      end: '17:00',
      frequency: daily,
    },
    { key: 'communication', title: '沟通：与客户、美工沟通', start: '17:00', end: '17:30', frequency: daily },
  ],
  ops_assistant: [
    { key: 'content_post', title: '发布今日微淘/逛逛', start: '08:30', end: '09:30', frequency: daily },
    {
      key: 'aftersales',
      title: '售后：退款、原因与金额登记',
      start: '09:30',
      end: '10:30',
      frequency: daily,
    },
    {
      key: 'reviews',
      title: '评价：差评商品、原因、能否补救、温和回复',
      start: '10:30',
      end: '11:30',
      frequency: daily,
    },
    {
      key: 'chat_records',
      title: '查看客服聊天记录，问题报店长并培训客服',
      start: '14:00',
      end: '15:00',
      frequency: daily,
    },
    { key: 'listings', title: '简单上架与活动设置', start: '15:00', end: '16:30', frequency: daily },
    {
      key: 'handover_manager',
      title: '向店长交接：已完成、未完成及原因、待跟进',
      start: '17:00',
      end: '17:30',
      frequency: daily,
    },
  ],
  cs_presale: [
    {
      key: 'read_handover',
      title: '阅读交接本，跟进夜班留下的事项',
      start: '08:30',
      end: '09:00',
      frequency: daily,
    },
    { key: 'payment_reminder', title: '催付：未付款订单', start: '09:00', end: '10:00', frequency: daily },
    {
      key: 'inquiries',
      title: '接待咨询（首次响应 ≤ 2 分钟）',
      start: '10:00',
      end: '17:00',
      frequency: daily,
    },
    { key: 'handover_night', title: '白班向夜班交接', start: '17:00', end: '17:30', frequency: daily },
  ],
  cs_aftersale: [
    {
      key: 'read_handover',
      title: '阅读交接本，跟进夜班留下的事项',
      start: '08:30',
      end: '09:00',
      frequency: daily,
    },
    { key: 'refunds', title: '退款处理，记录原因和金额', start: '09:00', end: '11:00', frequency: daily },
    { key: 'bad_reviews', title: '中差评：当天电话联系买家', start: '14:00', end: '15:00', frequency: daily },
    { key: 'revisits', title: '回访：1-3-10-30 回访计划', start: '15:00', end: '16:30', frequency: daily },
    { key: 'handover_night', title: '白班向夜班交接', start: '17:00', end: '17:30', frequency: daily },
  ],
  warehouse: [
    { key: 'orders_check', title: '核对今日待发订单与库存', start: '08:30', end: '09:30', frequency: daily },
    {
      key: 'ship_by_cutoff',
      title: '打包发货（截单前发出，24 小时内，最迟 48 小时）',
      start: '09:30',
      end: '16:00',
      frequency: daily,
    },
    {
      key: 'low_stock',
      title: '低库存预警告知客服、库存报告给推广',
      start: '16:00',
      end: '16:30',
      frequency: daily,
    },
    {
      key: 'stock_take',
      title: '盘点',
      start: '16:30',
      end: '17:30',
      frequency: { kind: 'weekly', weekday: 5 },
    },
  ],
  finance: [
    { key: 'ledger', title: '记账：平台收支与营业外收支', start: '09:00', end: '10:00', frequency: daily },
    {
      key: 'supplier_settlement',
      title: '供应商结算：上月销售报表发给供应商并结算',
      start: '10:00',
      end: '12:00',
      frequency: { kind: 'monthly', day: 11, dayTo: 15 },
    },
    {
      key: 'monthly_report',
      title: '月度财务报表',
      start: '14:00',
      end: '17:00',
      frequency: { kind: 'monthly', day: 5 },
    },
    {
      key: 'quarterly_report',
      title: '季度财务报表',
      start: '14:00',
      end: '17:00',
      frequency: { kind: 'quarterly', day: 10 },
    },
    {
      key: 'yearly_report',
      title: '年度财务报表',
      start: '14:00',
      end: '17:00',
      frequency: { kind: 'yearly', month: 1, day: 20 },
    },
  ],
  designer: [
    {
      key: 'morning_handover',
      title: '与运营确认今日设计工作和交付时间',
      start: null,
      end: '08:30',
      frequency: daily,
    },
    { key: 'pictures', title: '主图、海报、详情页', start: '08:30', end: '12:00', frequency: daily },
    { key: 'shoot_list', title: '拍摄与上架', start: '13:30', end: '16:30', frequency: daily },
    { key: 'deliver', title: '交付今日设计并更新需求状态', start: '16:30', end: '17:30', frequency: daily },
  ],
  marketing: [
    {
      key: 'ads_balance',
      title: '推广账户余额、计划是否提前下线',
      start: '09:00',
      end: '09:30',
      frequency: daily,
    },
    {
      key: 'plan_report',
      title: '分计划报表：预算、关键词排名与出价、创意',
      start: '11:00',
      end: '12:00',
      frequency: daily,
    },
    { key: 'activity_plan', title: '活动报名与年度活动计划', start: '13:30', end: '14:30', frequency: daily },
    { key: 'ads_recheck', title: '下午推广数据复查', start: '16:30', end: '17:00', frequency: daily },
  ],
  analyst: [
    { key: 'daily_data', title: '整理昨日各组数据', start: '09:00', end: '10:00', frequency: daily },
    {
      key: 'monthly_report',
      title: '月度分析报告与各组考核数据',
      start: '14:00',
      end: '17:00',
      frequency: { kind: 'monthly', day: 2 },
    },
    {
      key: 'quarterly_report',
      title: '季度分析报告',
      start: '14:00',
      end: '17:00',
      frequency: { kind: 'quarterly', day: 5 },
    },
    {
      key: 'yearly_report',
      title: '年度分析报告',
      start: '14:00',
      end: '17:00',
      frequency: { kind: 'yearly', month: 1, day: 10 },
    },
  ],
  editor: [
    { key: 'copy', title: '标题、描述与文案', start: '09:00', end: '11:00', frequency: daily },
    {
      key: 'titles',
      title: '标题/副标题搜索关键词优化',
      start: '15:30',
      end: '16:30',
      frequency: { kind: 'every_n_days', n: 3, anchor: ANCHOR },
    },
  ],
};
