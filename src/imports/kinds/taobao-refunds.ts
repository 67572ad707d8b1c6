/**
 * Taobao/Tmall refund report (退款报表): one row per refund. Older files carry 买家会员名称 and
 * 支付宝交易号; newer ones 支付单号 and 售后类型.
 */
import { defineAdapter } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion, HeaderMap } from '../format';
import { type RefundStatus, refundStatus } from '../status';

export type RefundStage = 'in_sale' | 'after_sale';
export type RefundScope = 'partial' | 'full';

export type TaobaoRefund = {
  /** = refundId */
  platformId: string;
  platform: 'taobao';
  /** 退款编号 */
  refundId: string;
  orderId: string;
  /** 支付宝交易号 (older) / 支付单号 (newer) */
  paymentId: string | null;
  /** 订单付款时间 */
  paidAt: Date | null;
  /** 商品编码 */
  productCode: string | null;
  /** 退款完结时间 */
  refundFinishedAt: Date | null;
  /** 买家会员名称 (older) */
  buyerAccount: string | null;
  /** 买家实际支付金额 */
  paidAmountFen: number | null;
  /** 宝贝标题 */
  itemTitle: string | null;
  /** 买家退款金额 */
  refundAmountFen: number;
  /** 手工退款/系统退款 */
  refundMethod: string | null;
  /** 是否需要退货 */
  returnRequired: boolean | null;
  /** 退款的申请时间 */
  requestedAt: Date;
  /** 超时时间 */
  timeoutAt: Date | null;
  status: RefundStatus;
  statusText: string;
  /** 货物状态 */
  goodsStatus: string | null;
  returnTrackingNumber: string | null;
  returnCarrier: string | null;
  /** 客服介入状态 */
  csInterventionStatus: string | null;
  /** 买家退款原因 (refundReason, DOMAIN §11) */
  refundReason: string | null;
  /** 买家退款说明 */
  refundDescription: string | null;
  /** 买家退货时间 */
  returnedAt: Date | null;
  /** 责任方 */
  responsibleParty: string | null;
  /** 售中或售后 */
  stage: RefundStage | null;
  /** 商家备注 */
  sellerNote: string | null;
  /** 完结时间 */
  finishedAt: Date | null;
  /** 部分退款/全部退款 */
  scope: RefundScope | null;
  /** 审核操作人 */
  reviewer: string | null;
  /** 退款操作人 */
  operator: string | null;
  /** 退款原因标签 */
  reasonTags: string | null;
  /** 业务类型 */
  businessType: string | null;
  /** 售后类型 (newer) */
  afterSaleType: string | null;
};

const FIELDS = [
  'refundId',
  'orderId',
  'paymentId',
  'paidAt',
  'productCode',
  'refundFinishedAt',
  'buyerAccount',
  'paidAmountFen',
  'itemTitle',
  'refundAmountFen',
  'refundMethod',
  'returnRequired',
  'requestedAt',
  'timeoutAt',
  'status',
  'goodsStatus',
  'returnTrackingNumber',
  'returnCarrier',
  'csInterventionStatus',
  'refundReason',
  'refundDescription',
  'returnedAt',
  'responsibleParty',
  'stage',
  'sellerNote',
  'finishedAt',
  'scope',
  'reviewer',
  'operator',
  'reasonTags',
  'businessType',
  'afterSaleType',
] as const;
type Field = (typeof FIELDS)[number];

const COMMON: HeaderMap<Field> = {
  refundId: ['退款编号'],
  orderId: ['订单编号'],
  paidAt: ['订单付款时间'],
  productCode: ['商品编码'],
  refundFinishedAt: ['退款完结时间'],
  paidAmountFen: ['买家实际支付金额'],
  itemTitle: ['宝贝标题'],
  refundAmountFen: ['买家退款金额'],
  refundMethod: ['手工退款/系统退款'],
  returnRequired: ['是否需要退货'],
  requestedAt: ['退款的申请时间'],
  timeoutAt: ['超时时间'],
  status: ['退款状态'],
  goodsStatus: ['货物状态'],
  returnTrackingNumber: ['退货物流单号'],
  returnCarrier: ['退货物流公司'],
  csInterventionStatus: ['客服介入状态'],
  refundReason: ['买家退款原因'],
  refundDescription: ['买家退款说明'],
  returnedAt: ['买家退货时间'],
  responsibleParty: ['责任方'],
  stage: ['售中或售后'],
  sellerNote: ['商家备注'],
  finishedAt: ['完结时间'],
  scope: ['部分退款/全部退款'],
  reviewer: ['审核操作人'],
  operator: ['退款操作人'],
  reasonTags: ['退款原因标签'],
  businessType: ['业务类型'],
};

const REQUIRED = ['refundId', 'orderId', 'refundAmountFen', 'status', 'requestedAt'] as const;

export const TAOBAO_REFUND_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'newer',
    label: '新版（支付单号、售后类型）',
    labelEn: 'newer (支付单号, 售后类型)',
    signature: ['支付单号'],
    absent: ['买家会员名称'],
    columns: { ...COMMON, paymentId: ['支付单号', '支付宝交易号'], afterSaleType: ['售后类型'] },
    required: REQUIRED,
  },
  {
    id: 'older',
    label: '旧版（买家会员名称、支付宝交易号）',
    labelEn: 'older (买家会员名称, 支付宝交易号)',
    signature: ['买家会员名称'],
    columns: { ...COMMON, paymentId: ['支付宝交易号', '支付单号'], buyerAccount: ['买家会员名称'] },
    required: REQUIRED,
  },
];

function stageOf(s: string): RefundStage | undefined {
  if (s.startsWith('售中')) return 'in_sale';
  if (s.startsWith('售后')) return 'after_sale';
  return undefined;
}

function scopeOf(s: string): RefundScope | undefined {
  if (s.startsWith('部分')) return 'partial';
  if (s.startsWith('全部') || s.startsWith('全额')) return 'full';
  return undefined;
}

export const taobaoRefundsAdapter = defineAdapter<TaobaoRefund, Field>({
  kind: 'taobao-refunds',
  label: '淘宝/天猫退款报表',
  labelEn: 'Taobao/Tmall refund report',
  fields: FIELDS,
  versions: TAOBAO_REFUND_VERSIONS,
  fileNamePatterns: [/退款/, /refund/i],
  rowParser({ columns: C }) {
    return (r) => {
      const refundId = r.id(C.refundId, true)!;
      const statusText = r.text(C.status, true);
      return {
        platformId: refundId,
        platform: 'taobao',
        refundId,
        orderId: r.id(C.orderId, true)!,
        paymentId: r.code(C.paymentId),
        paidAt: r.instant(C.paidAt),
        productCode: r.code(C.productCode),
        refundFinishedAt: r.instant(C.refundFinishedAt),
        buyerAccount: r.text(C.buyerAccount),
        paidAmountFen: r.money(C.paidAmountFen),
        itemTitle: r.text(C.itemTitle),
        refundAmountFen: r.money(C.refundAmountFen, true)!,
        refundMethod: r.text(C.refundMethod),
        returnRequired: r.bool(C.returnRequired),
        requestedAt: r.instant(C.requestedAt, true)!,
        timeoutAt: r.instant(C.timeoutAt),
        status: statusText === null ? 'in_progress' : refundStatus(statusText),
        statusText: statusText ?? '',
        goodsStatus: r.text(C.goodsStatus),
        returnTrackingNumber: r.code(C.returnTrackingNumber),
        returnCarrier: r.text(C.returnCarrier),
        csInterventionStatus: r.text(C.csInterventionStatus),
        refundReason: r.text(C.refundReason),
        refundDescription: r.text(C.refundDescription),
        returnedAt: r.instant(C.returnedAt),
        responsibleParty: r.text(C.responsibleParty),
        stage: r.oneOf(C.stage, stageOf, false, PROBLEM.value),
        sellerNote: r.text(C.sellerNote),
        finishedAt: r.instant(C.finishedAt),
        scope: r.oneOf(C.scope, scopeOf, false, PROBLEM.value),
        reviewer: r.text(C.reviewer),
        operator: r.text(C.operator),
        reasonTags: r.text(C.reasonTags),
        businessType: r.text(C.businessType),
        afterSaleType: r.text(C.afterSaleType),
      };
    };
  },
});
