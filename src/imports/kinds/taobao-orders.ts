/**
 * Taobao/Tmall order report (订单报表, `ExportOrderList<yyyyMMddHHmm>`): one row per order.
 * Versions: 2017 (46 columns, GBK CSV), ~2019 (56 columns, trailing spaces in some headers),
 * current XLSX (~70 columns, `主订单编号`).
 */
import { defineAdapter } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion, HeaderMap } from '../format';
import { type OrderStatus, taobaoOrderStatus } from '../status';

export type TaobaoOrder = {
  /** = orderId */
  platformId: string;
  platform: 'taobao';
  orderId: string;
  /** 买家会员名 */
  buyerAccount: string | null;
  /** 买家会员昵称 (current version) */
  buyerNickname: string | null;
  /** 买家支付宝账号 (2017 version) */
  buyerAlipayAccount: string | null;
  /** 支付单号 */
  paymentId: string | null;
  /** 买家应付货款 */
  goodsAmountFen: number | null;
  /** 买家应付邮费 */
  shippingFeeFen: number | null;
  /** 总金额 */
  totalAmountFen: number | null;
  /** 买家实际支付金额 */
  paidAmountFen: number;
  status: OrderStatus;
  /** 订单状态 as written */
  statusText: string;
  buyerMessage: string | null;
  receiverName: string | null;
  /** 收货地址 as written, and its parts */
  receiverAddress: string | null;
  receiverProvince: string | null;
  receiverCity: string | null;
  receiverDistrict: string | null;
  receiverAddressDetail: string | null;
  receiverPostcode: string | null;
  /** 运送方式 */
  shippingMethod: string | null;
  /** 联系电话 */
  receiverPhone: string | null;
  /** 联系手机 */
  receiverMobile: string | null;
  /** 订单创建时间 */
  createdAt: Date;
  /** 订单付款时间 */
  paidAt: Date | null;
  /** 宝贝标题 (all items of the order) */
  itemTitles: string | null;
  /** 宝贝种类 */
  itemKinds: number | null;
  /** 宝贝总数量 */
  itemQuantity: number | null;
  /** 物流单号 */
  trackingNumber: string | null;
  /** 物流公司 */
  carrier: string | null;
  /** 订单备注 */
  orderNote: string | null;
  /** 店铺Id */
  shopId: string | null;
  shopName: string | null;
  /** 订单关闭原因 */
  closeReason: string | null;
  sellerServiceFeeFen: number | null;
  buyerServiceFeeFen: number | null;
  invoiceTitle: string | null;
  /** 是否手机订单 */
  isMobileOrder: boolean | null;
  /** 修改后的sku */
  modifiedSku: string | null;
  /** 修改后的收货地址 */
  modifiedAddress: string | null;
  /** 异常信息 */
  exceptionInfo: string | null;
  /** 天猫卡券抵扣 */
  tmallCouponFen: number | null;
  /** 集分宝抵扣 */
  jifenbaoFen: number | null;
  /** 退款金额 */
  refundAmountFen: number | null;
  /** 确认收货时间 */
  confirmedAt: Date | null;
  /** 打款商家金额 */
  sellerPayoutFen: number | null;
  /** 发货时间 */
  shippedAt: Date | null;
  /** 商家备忘 */
  sellerMemo: string | null;
  /** 预售订单 */
  isPresale: boolean | null;
};

const FIELDS = [
  'orderId',
  'buyerAccount',
  'buyerNickname',
  'buyerAlipayAccount',
  'paymentId',
  'goodsAmountFen',
  'shippingFeeFen',
  'totalAmountFen',
  'paidAmountFen',
  'status',
  'buyerMessage',
  'receiverName',
  'receiverAddress',
  'shippingMethod',
  'receiverPhone',
  'receiverMobile',
  'createdAt',
  'paidAt',
  'itemTitles',
  'itemKinds',
  'itemQuantity',
  'trackingNumber',
  'carrier',
  'orderNote',
  'shopId',
  'shopName',
  'closeReason',
  'sellerServiceFeeFen',
  'buyerServiceFeeFen',
  'invoiceTitle',
  'isMobileOrder',
  'modifiedSku',
  'modifiedAddress',
  'exceptionInfo',
  'tmallCouponFen',
  'jifenbaoFen',
  'refundAmountFen',
  'confirmedAt',
  'sellerPayoutFen',
  'shippedAt',
  'sellerMemo',
  'isPresale',
] as const;
type Field = (typeof FIELDS)[number];

/** Columns every version has. */
const COMMON: HeaderMap<Field> = {
  orderId: ['订单编号'],
  buyerAccount: ['买家会员名'],
  goodsAmountFen: ['买家应付货款'],
  shippingFeeFen: ['买家应付邮费'],
  totalAmountFen: ['总金额'],
  paidAmountFen: ['买家实际支付金额'],
  status: ['订单状态'],
  buyerMessage: ['买家留言'],
  receiverName: ['收货人姓名'],
  receiverAddress: ['收货地址'],
  shippingMethod: ['运送方式'],
  receiverPhone: ['联系电话'],
  receiverMobile: ['联系手机'],
  createdAt: ['订单创建时间'],
  paidAt: ['订单付款时间'],
  itemTitles: ['宝贝标题'],
  itemKinds: ['宝贝种类'],
  trackingNumber: ['物流单号'],
  carrier: ['物流公司'],
  orderNote: ['订单备注'],
  itemQuantity: ['宝贝总数量'],
  shopId: ['店铺Id'],
  shopName: ['店铺名称'],
  closeReason: ['订单关闭原因'],
  sellerServiceFeeFen: ['卖家服务费'],
  buyerServiceFeeFen: ['买家服务费'],
  invoiceTitle: ['发票抬头'],
  isMobileOrder: ['是否手机订单'],
  modifiedSku: ['修改后的sku'],
  modifiedAddress: ['修改后的收货地址'],
  exceptionInfo: ['异常信息'],
  tmallCouponFen: ['天猫卡券抵扣'],
  jifenbaoFen: ['集分宝抵扣'],
  refundAmountFen: ['退款金额'],
};

const REQUIRED = ['orderId', 'status', 'createdAt', 'paidAmountFen'] as const;

export const TAOBAO_ORDER_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'current',
    label: '当前 XLSX 版（约 70 列，主订单编号）',
    labelEn: 'current XLSX (~70 columns, 主订单编号)',
    signature: ['主订单编号'],
    columns: {
      ...COMMON,
      orderId: ['主订单编号', '订单编号'],
      buyerNickname: ['买家会员昵称'],
      paymentId: ['支付单号'],
      confirmedAt: ['确认收货时间'],
      sellerPayoutFen: ['打款商家金额'],
      shippedAt: ['发货时间'],
      sellerMemo: ['商家备忘'],
      isPresale: ['预售订单'],
    },
    required: REQUIRED,
  },
  {
    id: '2019',
    label: '2019 版（56 列）',
    labelEn: '2019 (56 columns)',
    signature: ['支付单号'],
    absent: ['主订单编号', '买家支付宝账号'],
    columns: {
      ...COMMON,
      paymentId: ['支付单号'],
      confirmedAt: ['确认收货时间'],
      sellerPayoutFen: ['打款商家金额'],
    },
    required: REQUIRED,
  },
  {
    id: '2017',
    label: '2017 版（46 列）',
    labelEn: '2017 (46 columns)',
    signature: ['买家支付宝账号'],
    absent: ['主订单编号'],
    columns: { ...COMMON, buyerAlipayAccount: ['买家支付宝账号'], paymentId: ['支付单号'] },
    required: REQUIRED,
  },
];

export const taobaoOrdersAdapter = defineAdapter<TaobaoOrder, Field>({
  kind: 'taobao-orders',
  label: '淘宝/天猫订单报表',
  labelEn: 'Taobao/Tmall order report',
  fields: FIELDS,
  versions: TAOBAO_ORDER_VERSIONS,
  fileNamePatterns: [/^ExportOrderList(?!Detail)/i, /订单报表/],
  excludeHeaders: ['子订单编号', '购买数量', '退款编号'],
  rowParser({ columns: C }) {
    return (r) => {
      const orderId = r.id(C.orderId, true)!;
      const statusText = r.text(C.status);
      const status = r.oneOf(C.status, taobaoOrderStatus, true, PROBLEM.status)!;
      const addressText = r.text(C.receiverAddress);
      const address = addressText === null ? null : r.address(C.receiverAddress);
      return {
        platformId: orderId,
        platform: 'taobao',
        orderId,
        buyerAccount: r.text(C.buyerAccount),
        buyerNickname: r.text(C.buyerNickname),
        buyerAlipayAccount: r.text(C.buyerAlipayAccount),
        paymentId: r.code(C.paymentId),
        goodsAmountFen: r.money(C.goodsAmountFen),
        shippingFeeFen: r.money(C.shippingFeeFen),
        totalAmountFen: r.money(C.totalAmountFen),
        paidAmountFen: r.money(C.paidAmountFen, true)!,
        status,
        statusText: statusText ?? '',
        buyerMessage: r.text(C.buyerMessage),
        receiverName: r.text(C.receiverName),
        receiverAddress: addressText,
        receiverProvince: address?.province ?? null,
        receiverCity: address?.city ?? null,
        receiverDistrict: address?.district ?? null,
        receiverAddressDetail: address?.detail ?? null,
        receiverPostcode: address?.postcode ?? null,
        shippingMethod: r.text(C.shippingMethod),
        receiverPhone: r.phone(C.receiverPhone),
        receiverMobile: r.phone(C.receiverMobile),
        createdAt: r.instant(C.createdAt, true)!,
        paidAt: r.instant(C.paidAt),
        itemTitles: r.text(C.itemTitles),
        itemKinds: r.count(C.itemKinds),
        itemQuantity: r.count(C.itemQuantity),
        trackingNumber: r.code(C.trackingNumber),
        carrier: r.text(C.carrier),
        orderNote: r.text(C.orderNote),
        shopId: r.code(C.shopId),
        shopName: r.text(C.shopName),
        closeReason: r.text(C.closeReason),
        sellerServiceFeeFen: r.money(C.sellerServiceFeeFen),
        buyerServiceFeeFen: r.money(C.buyerServiceFeeFen),
        invoiceTitle: r.text(C.invoiceTitle),
        isMobileOrder: r.bool(C.isMobileOrder),
        modifiedSku: r.text(C.modifiedSku),
        modifiedAddress: r.text(C.modifiedAddress),
        exceptionInfo: r.text(C.exceptionInfo),
        tmallCouponFen: r.money(C.tmallCouponFen),
        jifenbaoFen: r.money(C.jifenbaoFen),
        refundAmountFen: r.money(C.refundAmountFen),
        confirmedAt: r.instant(C.confirmedAt),
        sellerPayoutFen: r.money(C.sellerPayoutFen),
        shippedAt: r.instant(C.shippedAt),
        sellerMemo: r.text(C.sellerMemo),
        isPresale: r.bool(C.isPresale),
      };
    };
  },
});
