/**
 * Paid-ads reports, unified: 直通车 (ztc: 花费, 展现量, 投入产出比) and 引力魔方 / 万相台
 * (消耗, 曝光量, roi / 投资回报率). Plan, unit and keyword levels; keyword reports add 关键词 and
 * 平均展现排名. Rows are keyed by channel + date + plan + unit (+ keyword).
 */
import { type AdChannel, defineAdapter, stableId } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion, HeaderMap } from '../format';

export type AdLevel = 'plan' | 'unit' | 'keyword';

export type AdReportRow = {
  /** hash of channel, level, date, plan, unit, keyword */
  platformId: string;
  channel: AdChannel;
  level: AdLevel;
  /** 日期, yyyy-MM-dd */
  date: string;
  planId: string | null;
  planName: string | null;
  /** 推广类型 / 营销场景 */
  promotionType: string | null;
  unitId: string | null;
  unitName: string | null;
  productId: string | null;
  keyword: string | null;
  /** 展现量 / 曝光量 */
  impressions: number | null;
  /** 点击量 */
  clicks: number | null;
  /** 花费 / 消耗 */
  spendFen: number;
  /** 点击率, bp */
  clickRate: number | null;
  /** 平均点击花费 (rounded to the fen) */
  averageCpcFen: number | null;
  /** 千次展现花费 (rounded to the fen) */
  cpmFen: number | null;
  /** 总收藏数 */
  favorites: number | null;
  /** 总购物车数 */
  addToCarts: number | null;
  /** 总成交金额 */
  gmvFen: number | null;
  /** 直接成交金额 */
  directGmvFen: number | null;
  /** 间接成交金额 */
  indirectGmvFen: number | null;
  /** 总成交笔数 */
  orders: number | null;
  /** 投入产出比 / roi / 投资回报率, bp (3.25 → 32500) */
  roi: number | null;
  /** 点击转化率, bp */
  clickConversionRate: number | null;
  /** 平均展现排名 */
  averageRank: number | null;
  /** 小时 / 时段 of an hourly report (0–23; `10`, `10点`, `10:00-11:00` → 10), else null. */
  hour: number | null;
};

const FIELDS = [
  'channel',
  'date',
  'planId',
  'planName',
  'promotionType',
  'unitId',
  'unitName',
  'productId',
  'keyword',
  'impressions',
  'clicks',
  'spendFen',
  'clickRate',
  'averageCpcFen',
  'cpmFen',
  'favorites',
  'addToCarts',
  'gmvFen',
  'directGmvFen',
  'indirectGmvFen',
  'orders',
  'roi',
  'clickConversionRate',
  'averageRank',
  'hour',
] as const;
type Field = (typeof FIELDS)[number];

const COMMON: HeaderMap<Field> = {
  channel: ['渠道', '推广渠道'],
  date: ['日期', '统计日期'],
  planId: ['计划id'],
  planName: ['计划名称'],
  promotionType: ['推广类型', '营销场景'],
  unitId: ['单元id'],
  unitName: ['单元名称'],
  productId: ['商品id', '宝贝id'],
  keyword: ['关键词'],
  clicks: ['点击量'],
  clickRate: ['点击率'],
  averageCpcFen: ['平均点击花费'],
  favorites: ['总收藏数', '收藏数'],
  addToCarts: ['总购物车数', '购物车数', '加购数'],
  gmvFen: ['总成交金额', '成交金额'],
  directGmvFen: ['直接成交金额'],
  indirectGmvFen: ['间接成交金额'],
  orders: ['总成交笔数', '成交笔数'],
  clickConversionRate: ['点击转化率'],
  averageRank: ['平均展现排名'],
  hour: ['小时', '时段', '时间段'],
};

const REQUIRED = ['date', ['planId', 'planName'], 'spendFen'] as const;

export const AD_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'ztc',
    label: '直通车（花费、展现量、投入产出比）',
    labelEn: 'through-train ztc (花费, 展现量, 投入产出比)',
    signature: ['花费'],
    columns: {
      ...COMMON,
      impressions: ['展现量'],
      spendFen: ['花费'],
      cpmFen: ['千次展现花费'],
      roi: ['投入产出比'],
    },
    required: REQUIRED,
  },
  {
    id: 'ylmf-wxt',
    label: '引力魔方 / 万相台（消耗、曝光量、roi）',
    labelEn: 'ylmf / wxt (消耗, 曝光量, roi)',
    signature: ['消耗'],
    columns: {
      ...COMMON,
      impressions: ['曝光量', '展现量'],
      spendFen: ['消耗'],
      cpmFen: ['千次曝光花费', '千次展现花费'],
      roi: ['roi', '投资回报率', '投入产出比'],
    },
    required: REQUIRED,
  },
];

/** 直通车 → ztc, 引力魔方 → ylmf, 万相台 → wxt, 钻展 → zuanzhan (also the codes themselves). */
export function adChannelOf(text: string): AdChannel | undefined {
  const t = text.toLowerCase();
  if (t.includes('直通车') || t.includes('ztc')) return 'ztc';
  if (t.includes('引力魔方') || t.includes('ylmf')) return 'ylmf';
  if (t.includes('万相台') || t.includes('wxt')) return 'wxt';
  if (t.includes('钻展') || t.includes('钻石展位') || t.includes('zuanzhan')) return 'zuanzhan';
  return undefined;
}

/** An hour cell: `10`, `10点`, `10时`, `10:00`, `10:00-11:00`, `10-11` → 10 (the hour it starts). */
export function hourOf(text: string): number | undefined {
  const m =
    /^\s*(\d{1,2})(?:\s*(?:点|时|:\d{2}(?::\d{2})?))?(?:\s*[-~至到]\s*\d{1,2}(?::\d{2})?\s*(?:点|时)?)?\s*$/.exec(
      text,
    );
  if (!m) return undefined;
  const h = Number(m[1]);
  return h >= 0 && h <= 23 ? h : undefined;
}

export const adsAdapter = defineAdapter<AdReportRow, Field>({
  kind: 'ads',
  label: '推广报表（直通车 / 引力魔方 / 万相台）',
  labelEn: 'paid-ads report (ztc / ylmf / wxt)',
  fields: FIELDS,
  versions: AD_VERSIONS,
  fileNamePatterns: [/直通车/, /引力魔方/, /万相台/, /钻展/, /推广/, /\b(ztc|ylmf|wxt)\b/i],
  rowParser({ columns: C, version, context }) {
    // Channel: a 渠道 column per row, else the caller, else the file name, else the report style
    // (花费 → 直通车; 消耗 → 万相台, which absorbed 引力魔方 in 2023).
    const fileChannel: AdChannel =
      context.channel ??
      (context.fileName ? adChannelOf(context.fileName) : undefined) ??
      (version.id === 'ztc' ? 'ztc' : 'wxt');
    return (r) => {
      const channel = r.oneOf(C.channel, adChannelOf) ?? fileChannel;
      const date = r.date(C.date, true)!;
      const planId = r.code(C.planId);
      const planName = r.text(C.planName);
      if (planId === null && planName === null)
        r.fail(C.planId >= 0 ? C.planId : C.planName, PROBLEM.required);
      const unitId = r.code(C.unitId);
      const keyword = r.text(C.keyword);
      const level: AdLevel = keyword !== null ? 'keyword' : unitId !== null ? 'unit' : 'plan';
      const hour = r.oneOf(C.hour, hourOf, false, PROBLEM.value);
      const dayId = stableId('ad', channel, level, date, planId ?? planName, unitId, keyword);
      return {
        // An hourly row: its day row's id + the hour (the day totals are stored under dayId).
        platformId: hour === null ? dayId : `${dayId}h${hour}`,
        channel,
        level,
        date,
        planId,
        planName,
        promotionType: r.text(C.promotionType),
        unitId,
        unitName: r.text(C.unitName),
        productId: r.id(C.productId),
        keyword,
        impressions: r.count(C.impressions),
        clicks: r.count(C.clicks),
        spendFen: r.money(C.spendFen, true)!,
        clickRate: r.basisPoints(C.clickRate),
        averageCpcFen: r.moneyRounded(C.averageCpcFen),
        cpmFen: r.moneyRounded(C.cpmFen),
        favorites: r.count(C.favorites),
        addToCarts: r.count(C.addToCarts),
        gmvFen: r.money(C.gmvFen),
        directGmvFen: r.money(C.directGmvFen),
        indirectGmvFen: r.money(C.indirectGmvFen),
        orders: r.count(C.orders),
        roi: r.basisPoints(C.roi),
        clickConversionRate: r.basisPoints(C.clickConversionRate),
        averageRank: r.decimal(C.averageRank),
        hour,
      };
    };
  },
});
