import { applyBasisPoints } from '../core/money';
import type { SimClock } from './clock';
import { formulaId } from './csv';
import { yuan, yuanUnit } from './format';
import type { Item, Order, Refund, Review } from './model';
import type { XlsxCell } from './xlsx';

/**
 * Row builders: one fact → the cells of one platform file, as of the export instant `T`
 * (anything that happens after it is not in the file yet).
 */

export function orderStatus(o: Order): string {
  if (o.paid === null) return o.closed !== null ? '交易关闭' : '等待买家付款';
  if (o.closed !== null) return '交易关闭';
  if (o.shipped === null) return '买家已付款，等待卖家发货';
  if (o.confirmed === null) return '卖家已发货，等待买家确认';
  return '交易成功';
}

/** A refund counts once it is finished successfully before the export. */
export function refundDone(r: Refund | null, T: number): r is Refund {
  return r !== null && r.outcome === 'success' && r.finished <= T;
}

export function orderRefundedFen(o: Order, T: number): number {
  let s = 0;
  for (const it of o.items) if (refundDone(it.refund, T)) s += it.refund.amountFen;
  return s;
}

export function refundStatus(r: Refund, T: number): string {
  if (r.finished <= T) return r.outcome === 'success' ? '退款成功' : '退款关闭';
  if (!r.reason.returnGoods || r.returnShipped === null) return '买家已经申请退款，等待卖家同意';
  if (T < r.agreed) return '买家已经申请退款，等待卖家同意';
  if (T < r.returnShipped) return '卖家已经同意退款，等待买家退货';
  return '买家已经退货，等待卖家确认收货';
}

function settledFen(o: Order): number {
  if (o.confirmed === null || o.closed !== null) return 0;
  let s = o.paidAmountFen;
  for (const it of o.items) {
    const r = it.refund;
    if (r && r.outcome === 'success' && r.finished <= o.confirmed) s -= r.amountFen;
  }
  return Math.max(0, s);
}

const titles = (o: Order) => o.items.map((it) => it.product.title).join('，');
const qtyOf = (o: Order) => o.items.reduce((n, it) => n + it.qty, 0);

/** 订单报表 CSV (~2019 version, 56 columns) with the platform's quirks. */
export function orderCsvRow(
  o: Order,
  clock: SimClock,
  T: number,
  shopId: string,
  storeName: string,
): string[] {
  const paid = o.paid !== null;
  return [
    formulaId(o.id),
    o.customer.nick,
    o.customer.displayNick,
    paid ? formulaId(o.payNo) : '=""',
    paid ? `支付宝:${yuan(o.paidAmountFen)};` : '',
    yuan(o.goodsFen - o.discountFen),
    yuan(o.postageFen),
    '0',
    yuan(o.totalFen),
    '0',
    paid ? yuan(o.paidAmountFen) : '0.00',
    '0',
    orderStatus(o),
    o.buyerMessage,
    o.customer.name,
    o.customer.address,
    '快递',
    '',
    `'${o.customer.phone}`,
    clock.format(o.created),
    paid ? clock.format(o.paid as number) : '',
    titles(o),
    String(o.items.length),
    o.shipped !== null ? formulaId(o.tracking) : '=""',
    o.shipped !== null ? o.carrier : '',
    '',
    String(qtyOf(o)),
    shopId,
    storeName,
    o.closed !== null ? o.closeReason : '',
    yuanUnit(0),
    yuanUnit(0),
    o.invoice,
    o.mobile ? '手机订单' : '',
    '',
    '',
    '否',
    '否',
    '否',
    '',
    '',
    o.altAddress,
    '',
    yuan(o.cardFen),
    yuan(o.jfbFen),
    '',
    yuanUnit(orderRefundedFen(o, T)),
    '',
    o.confirmed !== null ? clock.format(o.confirmed) : '',
    yuan(settledFen(o)),
    '0.00',
    '否',
    o.shipped !== null ? clock.format(o.shipped) : '',
    o.sellerMemo,
    '否',
    '普通订单',
  ];
}

/** 订单报表 XLSX (current version, 70 columns): plain values, ids as text. */
export function orderXlsxRow(
  o: Order,
  clock: SimClock,
  T: number,
  shopId: string,
  storeName: string,
): XlsxCell[] {
  const paid = o.paid !== null;
  return [
    o.id,
    o.id,
    o.customer.nick,
    o.customer.displayNick,
    paid ? o.payNo : '',
    paid ? `支付宝:${yuan(o.paidAmountFen)};` : '',
    yuan(o.goodsFen - o.discountFen),
    yuan(o.postageFen),
    0,
    yuan(o.totalFen),
    0,
    paid ? yuan(o.paidAmountFen) : '0.00',
    0,
    orderStatus(o),
    o.buyerMessage,
    o.customer.name,
    o.customer.address,
    '快递',
    '',
    o.customer.phone,
    clock.format(o.created),
    paid ? clock.format(o.paid as number) : '',
    titles(o),
    o.items.length,
    o.shipped !== null ? o.tracking : '',
    o.shipped !== null ? o.carrier : '',
    '',
    qtyOf(o),
    shopId,
    storeName,
    o.closed !== null ? o.closeReason : '',
    '0.00',
    '0.00',
    o.invoice,
    o.mobile ? '手机订单' : '',
    '',
    '',
    '否',
    '否',
    '否',
    '',
    '',
    o.altAddress,
    '',
    yuan(o.cardFen),
    yuan(o.jfbFen),
    '否',
    '',
    '',
    '',
    '',
    '',
    '',
    yuan(orderRefundedFen(o, T)),
    '',
    o.confirmed !== null ? clock.format(o.confirmed) : '',
    yuan(settledFen(o)),
    '0.00',
    '否',
    o.shipped !== null ? clock.format(o.shipped) : '',
    o.sellerMemo,
    '否',
    '普通订单',
    o.source,
    '',
    '',
    '',
    '',
    o.discountNotes.join(';'),
    paid ? o.payMethod : '',
  ];
}

/** 宝贝报表 (current version) line. */
export function itemCsvRow(o: Order, it: Item, clock: SimClock, T: number): string[] {
  const paid = o.paid !== null;
  const r = it.refund !== null && it.refund.applied <= T ? it.refund : null;
  const done = refundDone(r, T);
  const status = done && r.full ? '交易关闭' : orderStatus(o);
  return [
    formulaId(it.subId),
    formulaId(o.id),
    it.product.title,
    yuan(it.unitFen),
    String(it.qty),
    it.sku.code,
    it.sku.props,
    '',
    '',
    status,
    it.sku.code,
    paid ? formulaId(o.payNo) : '=""',
    yuan(it.payableFen),
    paid ? yuan(it.paidFen) : '0.00',
    r ? refundStatus(r, T) : '没有申请退款',
    done ? yuan(r.amountFen) : '0.00',
    clock.format(o.created),
    paid ? clock.format(o.paid as number) : '',
  ];
}

export function refundCsvRow(r: Refund, clock: SimClock, T: number, operator: string): string[] {
  const o = r.order;
  const finished = r.finished <= T;
  const stageTimeout =
    !r.reason.returnGoods || r.returnShipped === null
      ? r.applied + 2 * 86_400
      : T < r.agreed || finished
        ? r.applied + 2 * 86_400
        : T < r.returnShipped
          ? r.agreed + 7 * 86_400
          : r.returnShipped + 10 * 86_400;
  const returned = r.returnShipped !== null && r.returnShipped <= T;
  const goodsState =
    r.stage === 'before_ship' || r.reason.reason === '未收到货'
      ? '买家未收到货'
      : returned
        ? '买家已退货'
        : '买家已收到货';
  const business =
    r.stage === 'before_ship' ? '未发货仅退款' : r.reason.returnGoods ? '退货退款' : '已发货仅退款';
  return [
    formulaId(o.id),
    formulaId(r.id),
    formulaId(o.payNo),
    clock.format(o.paid as number),
    r.item.sku.code,
    finished ? clock.format(r.finished) : '',
    yuan(r.item.paidFen),
    r.item.product.title,
    yuan(r.amountFen),
    r.manual ? '手工退款' : '系统退款',
    r.reason.returnGoods ? '是' : '否',
    clock.format(r.applied),
    clock.format(stageTimeout),
    refundStatus(r, T),
    goodsState,
    returned ? formulaId(r.returnTracking) : '=""',
    returned ? r.returnCarrier : '',
    r.intervention ? (finished ? '客服介入处理完成' : '客服介入处理中') : '客服未介入',
    r.reason.reason,
    r.note,
    returned ? clock.format(r.returnShipped as number) : '',
    r.reason.party,
    r.stage === 'after_sale' ? '售后退款' : '售中退款',
    r.memo,
    finished ? clock.format(r.finished) : '',
    r.full ? '全部退款' : '部分退款',
    r.manual ? operator : '系统',
    finished && r.outcome === 'success' ? (r.manual ? operator : '系统') : '',
    r.reason.tag,
    business,
    r.reason.returnGoods ? '退货退款' : '仅退款',
  ];
}

export function reviewXlsxRow(rv: Review, clock: SimClock, T: number): XlsxCell[] {
  const nick = rv.order.customer.nick;
  const shown = rv.anonymous ? `${nick.slice(0, 1)}***${nick.slice(-1)}` : nick;
  const follow = rv.followTime !== null && rv.followTime <= T;
  return [
    rv.text,
    shown,
    follow ? rv.followText : '',
    follow ? clock.format(rv.followTime as number) : '',
    clock.format(rv.time),
    rv.item.product.itemId,
    rv.item.sku.props,
    rv.rating,
    rv.item.sku.skuId,
  ];
}

/**
 * Affiliate (淘宝客) partners. 返利多多 is the planted unreliable one: most of the affiliate
 * orders that end up refunded came through it (cash-back traffic), so its orders go invalid
 * (订单失效) far more often than the others'.
 */
export const AFFILIATE_PARTNERS = [
  { id: '20231001', name: '省钱快报', rateBp: 1000, plan: '通用' },
  { id: '20231002', name: '值得买好物', rateBp: 800, plan: '营销计划' },
  { id: '20231003', name: '家居种草君', rateBp: 1500, plan: '定向' },
  { id: '20231004', name: '返利多多', rateBp: 2000, plan: '通用' },
] as const;
export type AffiliatePartner = (typeof AFFILIATE_PARTNERS)[number];

/**
 * The partner of an affiliate order: a hash of the order id (no draw from the simulation's
 * random stream, so adding the file changed nothing else). Refunded orders go to 返利多多 with
 * 90 % chance; the others with 3 %.
 */
export function affiliatePartnerOf(o: Order, hash: number): AffiliatePartner {
  const refunded = o.items.some((it) => it.refund !== null && it.refund.outcome === 'success');
  const u = (hash >>> 0) / 2 ** 32;
  const unreliable = AFFILIATE_PARTNERS[3];
  if (refunded ? u < 0.9 : u < 0.03) return unreliable;
  const v = refunded ? (u - 0.9) / 0.1 : (u - 0.03) / 0.97;
  return v < 0.45 ? AFFILIATE_PARTNERS[0] : v < 0.75 ? AFFILIATE_PARTNERS[1] : AFFILIATE_PARTNERS[2];
}

/** The commission of one affiliate line (预估佣金): the line's paid amount × the partner's rate. */
export function affiliateCommissionFen(it: Item, partner: AffiliatePartner): number {
  return applyBasisPoints(it.paidFen, partner.rateBp);
}

/** One 推广订单明细 row per line of a paid affiliate order, as of the export instant T. */
export function affiliateCsvRow(
  o: Order,
  it: Item,
  partner: AffiliatePartner,
  clock: SimClock,
  T: number,
): string[] {
  const refunded = refundDone(it.refund, T);
  const closed = o.closed !== null && o.closed <= T;
  const settled = !refunded && !closed && o.confirmed !== null && o.confirmed <= T;
  const status = refunded || closed ? '订单失效' : settled ? '订单结算' : '订单付款';
  return [
    clock.format(o.created),
    clock.format(o.paid as number),
    settled ? clock.format(o.confirmed as number) : '',
    formulaId(o.id),
    formulaId(it.subId),
    it.product.itemId,
    it.product.title,
    partner.id,
    partner.name,
    yuan(it.paidFen),
    `${(partner.rateBp / 100).toFixed(2)}%`,
    yuan(affiliateCommissionFen(it, partner)),
    settled ? yuan(it.paidFen) : '',
    status,
    partner.plan,
  ];
}
