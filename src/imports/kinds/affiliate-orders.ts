/**
 * 淘宝联盟 推广订单明细 (seller side, 商家中心 → 效果报表 → 订单明细): one row per sub-order an
 * affiliate (淘宝客) brought, with the partner, the commission rate and the commission. The
 * current export names the partner 推广者; older ones 淘客 and call the commission 佣金金额.
 * Rows are keyed by 子订单编号 (else 订单编号) and the partner.
 */
import { applyBasisPoints } from '../../core/money';
import { defineAdapter, stableId } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion, HeaderMap } from '../format';

/** paid 订单付款 / 已付款; settled 订单结算 / 已结算 / 订单成功; invalid 订单失效 / 已失效 (refunded, closed). */
export type AffiliateOrderStatus = 'paid' | 'settled' | 'invalid';

export type AffiliateOrder = {
  /** hash of 订单编号, 子订单编号, partner */
  platformId: string;
  /** 订单编号 (淘宝父订单编号) */
  orderId: string;
  /** 子订单编号 */
  subOrderId: string | null;
  /** 商品id */
  productId: string | null;
  /** 商品名称 / 商品信息 */
  productTitle: string | null;
  /** 推广者ID / 淘客ID */
  partnerId: string | null;
  /** 推广者昵称 / 淘客昵称 */
  partnerName: string | null;
  /** 付款金额 */
  paidAmountFen: number;
  /** 佣金比率, bp (20.00% → 2000) */
  commissionRateBp: number | null;
  /** 预估佣金 / 预估支出佣金 / 佣金金额; derived from 付款金额 × 佣金比率 when the file has none */
  commissionFen: number;
  /** 结算金额 */
  settledAmountFen: number | null;
  /** 结算佣金 / 实际支出佣金 */
  settledCommissionFen: number | null;
  status: AffiliateOrderStatus;
  statusText: string;
  /** 创建时间 */
  createdAt: Date;
  /** 付款时间 */
  paidAt: Date | null;
  /** 结算时间 */
  settledAt: Date | null;
  /** 计划类型 / 推广计划 (通用, 定向, 营销计划, 如意投) */
  planType: string | null;
};

const FIELDS = [
  'orderId',
  'subOrderId',
  'productId',
  'productTitle',
  'partnerId',
  'partnerName',
  'paidAmountFen',
  'commissionRateBp',
  'commissionFen',
  'settledAmountFen',
  'settledCommissionFen',
  'status',
  'createdAt',
  'paidAt',
  'settledAt',
  'planType',
] as const;
type Field = (typeof FIELDS)[number];

const COMMON: HeaderMap<Field> = {
  orderId: ['订单编号', '淘宝父订单编号', '父订单编号', '淘宝订单编号'],
  subOrderId: ['子订单编号', '淘宝子订单编号'],
  productId: ['商品id', '宝贝id'],
  productTitle: ['商品名称', '商品信息', '商品标题', '宝贝标题'],
  paidAmountFen: ['付款金额', '实际付款金额'],
  commissionRateBp: ['佣金比率', '佣金比例', '佣金率'],
  settledAmountFen: ['结算金额'],
  settledCommissionFen: ['结算佣金', '实际支出佣金', '结算支出佣金'],
  status: ['订单状态'],
  createdAt: ['创建时间', '订单创建时间'],
  paidAt: ['付款时间', '订单付款时间'],
  settledAt: ['结算时间', '订单结算时间'],
  planType: ['计划类型', '推广计划', '推广计划类型'],
};

const REQUIRED = [
  'orderId',
  ['partnerId', 'partnerName'],
  'paidAmountFen',
  ['commissionFen', 'commissionRateBp'],
  'status',
  'createdAt',
] as const;

export const AFFILIATE_ORDER_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'current',
    label: '推广订单明细（推广者、预估佣金）',
    labelEn: 'affiliate orders (推广者, 预估佣金)',
    signature: ['预估佣金'],
    columns: {
      ...COMMON,
      partnerId: ['推广者id', '推广者ID', '淘客id'],
      partnerName: ['推广者昵称', '推广者名称', '推广者', '淘客昵称'],
      commissionFen: ['预估佣金', '预估支出佣金', '佣金金额'],
    },
    required: REQUIRED,
  },
  {
    id: 'older',
    label: '旧版（淘客昵称、佣金金额）',
    labelEn: 'older (淘客昵称, 佣金金额)',
    signature: ['佣金金额'],
    columns: {
      ...COMMON,
      partnerId: ['淘客id', '推广者id'],
      partnerName: ['淘客昵称', '淘客', '推广者昵称'],
      commissionFen: ['佣金金额', '预估佣金', '预估支出佣金'],
    },
    required: REQUIRED,
  },
];

export function affiliateStatusOf(s: string): AffiliateOrderStatus | undefined {
  if (s.includes('失效') || s.includes('关闭')) return 'invalid';
  if (s.includes('结算') || s.includes('成功')) return 'settled';
  if (s.includes('付款')) return 'paid';
  return undefined;
}

export const affiliateOrdersAdapter = defineAdapter<AffiliateOrder, Field>({
  kind: 'affiliate-orders',
  label: '淘宝客推广订单明细（淘宝联盟）',
  labelEn: 'affiliate (淘宝客) order details',
  fields: FIELDS,
  versions: AFFILIATE_ORDER_VERSIONS,
  fileNamePatterns: [/淘宝客/, /淘宝联盟/, /推广订单/, /淘客/, /affiliate/i],
  // Columns of the paid-ads and order reports that never occur here.
  excludeHeaders: ['花费', '消耗', '买家会员名', '收货地址'],
  rowParser({ columns: C }) {
    return (r) => {
      const orderId = r.id(C.orderId, true)!;
      const subOrderId = r.id(C.subOrderId);
      const partnerId = r.code(C.partnerId);
      const partnerName = r.text(C.partnerName);
      if (partnerId === null && partnerName === null)
        r.fail(C.partnerId >= 0 ? C.partnerId : C.partnerName, PROBLEM.required);
      const paidAmountFen = r.money(C.paidAmountFen, true) ?? 0;
      const commissionRateBp = r.basisPoints(C.commissionRateBp);
      // Quirk: some downloads leave 预估佣金 empty (or lack it) until the order settles; the
      // commission is then 付款金额 × 佣金比率, rounded to the fen.
      let commissionFen = r.money(C.commissionFen);
      if (commissionFen === null) {
        if (commissionRateBp !== null) commissionFen = applyBasisPoints(paidAmountFen, commissionRateBp);
        else r.fail(C.commissionFen >= 0 ? C.commissionFen : C.commissionRateBp, PROBLEM.required);
      }
      const statusText = r.text(C.status) ?? '';
      const status = r.oneOf(C.status, affiliateStatusOf, true, PROBLEM.value) ?? 'paid';
      return {
        platformId: stableId('aff', orderId, subOrderId, partnerId ?? partnerName),
        orderId,
        subOrderId,
        productId: r.id(C.productId),
        productTitle: r.text(C.productTitle),
        partnerId,
        partnerName,
        paidAmountFen,
        commissionRateBp,
        commissionFen: commissionFen ?? 0,
        settledAmountFen: r.money(C.settledAmountFen),
        settledCommissionFen: r.money(C.settledCommissionFen),
        status,
        statusText,
        createdAt: r.instant(C.createdAt, true)!,
        paidAt: r.instant(C.paidAt),
        settledAt: r.instant(C.settledAt),
        planType: r.text(C.planType),
      };
    };
  },
});
