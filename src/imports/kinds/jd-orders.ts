/**
 * JD POP order export: one row per order line (订单号 + 商品ID).
 */
import { defineAdapter } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion } from '../format';
import { jdOrderStatus, type OrderStatus } from '../status';

export type JdOrderLine = {
  /** = lineId */
  platformId: string;
  platform: 'jd';
  /** 订单号 */
  orderId: string;
  /** `<orderId>-<productId>` */
  lineId: string;
  /** 商品ID */
  productId: string;
  productName: string | null;
  /** 订购数量 */
  quantity: number;
  /** 下单时间 */
  orderedAt: Date;
  /** 付款确认时间 */
  paidAt: Date | null;
  /** 订单完成时间 */
  completedAt: Date | null;
  /** 京东价 (unit price) */
  unitPriceFen: number | null;
  /** 订单金额 */
  orderAmountFen: number | null;
  /** 结算金额 (may be negative after adjustments) */
  settlementAmountFen: number | null;
  /** 应付金额 */
  payableAmountFen: number | null;
  /** 运费金额 */
  shippingFeeFen: number | null;
  /** 服务费 */
  serviceFeeFen: number | null;
  status: OrderStatus;
  statusText: string;
  orderType: string | null;
  orderSource: string | null;
  /** 下单帐号 */
  buyerAccount: string | null;
  /** 客户姓名 */
  customerName: string | null;
  /** 客户地址 as written, and its parts */
  customerAddress: string | null;
  customerProvince: string | null;
  customerCity: string | null;
  customerDistrict: string | null;
  customerAddressDetail: string | null;
  customerPostcode: string | null;
  /** 联系电话 (often masked) */
  phone: string | null;
  orderNote: string | null;
  sellerMemo: string | null;
  invoiceType: string | null;
  /** 货号 */
  itemNumber: string | null;
  /** 仓库名称 */
  warehouse: string | null;
  shopName: string | null;
};

const FIELDS = [
  'orderId',
  'productId',
  'productName',
  'quantity',
  'orderedAt',
  'paidAt',
  'completedAt',
  'unitPriceFen',
  'orderAmountFen',
  'settlementAmountFen',
  'payableAmountFen',
  'shippingFeeFen',
  'serviceFeeFen',
  'status',
  'orderType',
  'orderSource',
  'buyerAccount',
  'customerName',
  'customerAddress',
  'phone',
  'orderNote',
  'sellerMemo',
  'invoiceType',
  'itemNumber',
  'warehouse',
  'shopName',
] as const;
type Field = (typeof FIELDS)[number];

export const JD_ORDER_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'pop',
    label: '京东 POP 订单导出',
    labelEn: 'JD POP order export',
    columns: {
      orderId: ['订单号'],
      productId: ['商品ID', '商品编号'],
      productName: ['商品名称'],
      quantity: ['订购数量'],
      orderedAt: ['下单时间'],
      paidAt: ['付款确认时间'],
      completedAt: ['订单完成时间'],
      unitPriceFen: ['京东价'],
      orderAmountFen: ['订单金额'],
      settlementAmountFen: ['结算金额'],
      payableAmountFen: ['应付金额'],
      shippingFeeFen: ['运费金额'],
      serviceFeeFen: ['服务费'],
      status: ['订单状态'],
      orderType: ['订单类型'],
      orderSource: ['订单来源'],
      buyerAccount: ['下单帐号', '下单账号'],
      customerName: ['客户姓名'],
      customerAddress: ['客户地址'],
      phone: ['联系电话'],
      orderNote: ['订单备注'],
      sellerMemo: ['商家备注'],
      invoiceType: ['发票类型'],
      itemNumber: ['货号'],
      warehouse: ['仓库名称'],
      shopName: ['店铺名称'],
    },
    required: ['orderId', 'productId', 'quantity', 'orderedAt', 'status'],
  },
];

export const jdOrdersAdapter = defineAdapter<JdOrderLine, Field>({
  kind: 'jd-orders',
  label: '京东订单',
  labelEn: 'JD order export',
  fields: FIELDS,
  versions: JD_ORDER_VERSIONS,
  fileNamePatterns: [/京东/, /\bjd\b/i],
  rowParser({ columns: C }) {
    return (r) => {
      const orderId = r.id(C.orderId, true)!;
      const productId = r.id(C.productId, true)!;
      const lineId = `${orderId}-${productId}`;
      const addressText = r.text(C.customerAddress);
      const address = addressText === null ? null : r.address(C.customerAddress);
      return {
        platformId: lineId,
        platform: 'jd',
        orderId,
        lineId,
        productId,
        productName: r.text(C.productName),
        quantity: r.count(C.quantity, true)!,
        orderedAt: r.instant(C.orderedAt, true)!,
        paidAt: r.instant(C.paidAt),
        completedAt: r.instant(C.completedAt),
        unitPriceFen: r.money(C.unitPriceFen),
        orderAmountFen: r.money(C.orderAmountFen),
        settlementAmountFen: r.money(C.settlementAmountFen, false, true),
        payableAmountFen: r.money(C.payableAmountFen),
        shippingFeeFen: r.money(C.shippingFeeFen),
        serviceFeeFen: r.money(C.serviceFeeFen),
        status: r.oneOf(C.status, jdOrderStatus, true, PROBLEM.status)!,
        statusText: r.text(C.status) ?? '',
        orderType: r.text(C.orderType),
        orderSource: r.text(C.orderSource),
        buyerAccount: r.text(C.buyerAccount),
        customerName: r.text(C.customerName),
        customerAddress: addressText,
        customerProvince: address?.province ?? null,
        customerCity: address?.city ?? null,
        customerDistrict: address?.district ?? null,
        customerAddressDetail: address?.detail ?? null,
        customerPostcode: address?.postcode ?? null,
        phone: r.phone(C.phone),
        orderNote: r.text(C.orderNote),
        sellerMemo: r.text(C.sellerMemo),
        invoiceType: r.text(C.invoiceType),
        itemNumber: r.code(C.itemNumber),
        warehouse: r.text(C.warehouse),
        shopName: r.text(C.shopName),
      };
    };
  },
});
