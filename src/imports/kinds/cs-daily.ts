/**
 * 赤兔-style per-agent daily customer-service figures: one row per agent per day.
 */
import { defineAdapter, stableId } from '../adapter';
import type { FormatVersion } from '../format';

export type CsDailyStats = {
  /** hash of date + agent */
  platformId: string;
  /** 日期 */
  date: string;
  /** 旺旺 / 客服 (the agent's sub-account) */
  agent: string;
  /** 接待人数 */
  receptions: number | null;
  /** 询单人数 (inquiry) */
  inquiries: number | null;
  /** 询单->最终付款人数 */
  inquiryPaidBuyers: number | null;
  /** 询单->最终付款成功率 (inquiryConversion), bp */
  inquiryConversion: number | null;
  /** 销售额 */
  salesFen: number | null;
  /** 客单价 (rounded to the fen) */
  averageOrderValueFen: number | null;
  /** 客件数 */
  itemsPerCustomer: number | null;
  /** 平均响应(秒) / 平均响应时间 (averageResponse) */
  averageResponseSeconds: number | null;
  /** 首次响应时间 (firstResponse) */
  firstResponseSeconds: number | null;
  /** 客服回复率, bp */
  replyRate: number | null;
  /** 未回复人数 */
  unrepliedBuyers: number | null;
  /** 慢响应人数 */
  slowResponseBuyers: number | null;
  /** 退款率, bp */
  refundRate: number | null;
};

const FIELDS = [
  'date',
  'agent',
  'receptions',
  'inquiries',
  'inquiryPaidBuyers',
  'inquiryConversion',
  'salesFen',
  'averageOrderValueFen',
  'itemsPerCustomer',
  'averageResponseSeconds',
  'firstResponseSeconds',
  'replyRate',
  'unrepliedBuyers',
  'slowResponseBuyers',
  'refundRate',
] as const;
type Field = (typeof FIELDS)[number];

export const CS_DAILY_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'chitu',
    label: '赤兔客服日报',
    labelEn: 'Chitu-style CS daily',
    columns: {
      date: ['日期', '统计日期'],
      agent: ['旺旺', '客服', '客服旺旺', '子账号'],
      receptions: ['接待人数'],
      inquiries: ['询单人数'],
      inquiryPaidBuyers: ['询单->最终付款人数', '询单→最终付款人数', '询单-最终付款人数'],
      inquiryConversion: ['询单->最终付款成功率', '询单→最终付款成功率', '询单转化率'],
      salesFen: ['销售额'],
      averageOrderValueFen: ['客单价'],
      itemsPerCustomer: ['客件数'],
      averageResponseSeconds: ['平均响应(秒)', '平均响应时间', '平均响应'],
      firstResponseSeconds: ['首次响应时间', '首次响应(秒)'],
      replyRate: ['客服回复率', '回复率'],
      unrepliedBuyers: ['未回复人数'],
      slowResponseBuyers: ['慢响应人数'],
      refundRate: ['退款率'],
    },
    required: ['date', 'agent', 'inquiries'],
  },
];

export const csDailyAdapter = defineAdapter<CsDailyStats, Field>({
  kind: 'cs-daily',
  label: '客服日报（赤兔）',
  labelEn: 'customer-service daily (Chitu)',
  fields: FIELDS,
  versions: CS_DAILY_VERSIONS,
  fileNamePatterns: [/赤兔/, /客服.*(日报|绩效)/, /cs-daily/i],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      const agent = r.text(C.agent, true)!;
      return {
        platformId: stableId('cs-daily', date, agent),
        date,
        agent,
        receptions: r.count(C.receptions),
        inquiries: r.count(C.inquiries),
        inquiryPaidBuyers: r.count(C.inquiryPaidBuyers),
        inquiryConversion: r.basisPoints(C.inquiryConversion),
        salesFen: r.money(C.salesFen),
        averageOrderValueFen: r.moneyRounded(C.averageOrderValueFen),
        itemsPerCustomer: r.decimal(C.itemsPerCustomer),
        averageResponseSeconds: r.seconds(C.averageResponseSeconds),
        firstResponseSeconds: r.seconds(C.firstResponseSeconds),
        replyRate: r.basisPoints(C.replyRate),
        unrepliedBuyers: r.count(C.unrepliedBuyers),
        slowResponseBuyers: r.count(C.slowResponseBuyers),
        refundRate: r.basisPoints(C.refundRate),
      };
    };
  },
});
