/**
 * Taobao/Tmall item report (宝贝报表, `ExportOrderDetailList…`): one row per order line.
 * Old version: no 子订单编号 (the line id is derived); current: 子订单编号 + 主订单编号, `SKU` alias.
 */
import { defineAdapter, stableId } from '../adapter';
import { PROBLEM } from '../cells';
import type { FormatVersion, HeaderMap } from '../format';
import { itemRefundStatus, type OrderStatus, type RefundStatus, taobaoOrderStatus } from '../status';

export type TaobaoOrderItem = {
  /** = itemId */
  platformId: string;
  platform: 'taobao';
  /** 主订单编号 / 订单编号 */
  orderId: string;
  /** 子订单编号; for the old version `<orderId>-<hash of title, properties, codes>` */
  itemId: string;
  /** Whether itemId came from the file (`platform`) or was derived (`derived`). */
  itemIdSource: 'platform' | 'derived';
  title: string;
  /** 价格 (unit price) */
  priceFen: number;
  /** 购买数量 */
  quantity: number;
  /** 外部系统编号 */
  externalCode: string | null;
  /** 商品属性 */
  properties: string | null;
  /** 套餐信息 */
  packageInfo: string | null;
  /** 备注 */
  note: string | null;
  status: OrderStatus | null;
  statusText: string | null;
  /** 商家编码 / SKU */
  skuCode: string | null;
  paymentId: string | null;
  goodsAmountFen: number | null;
  paidAmountFen: number | null;
  refundStatus: RefundStatus | 'none' | null;
  refundStatusText: string | null;
  refundAmountFen: number | null;
  createdAt: Date | null;
  paidAt: Date | null;
};

const FIELDS = [
  'orderId',
  'itemId',
  'title',
  'priceFen',
  'quantity',
  'externalCode',
  'properties',
  'packageInfo',
  'note',
  'status',
  'skuCode',
  'paymentId',
  'goodsAmountFen',
  'paidAmountFen',
  'refundStatus',
  'refundAmountFen',
  'createdAt',
  'paidAt',
] as const;
type Field = (typeof FIELDS)[number];

const OLD: HeaderMap<Field> = {
  orderId: ['订单编号'],
  title: ['标题'],
  priceFen: ['价格'],
  quantity: ['购买数量'],
  externalCode: ['外部系统编号'],
  properties: ['商品属性'],
  packageInfo: ['套餐信息'],
  note: ['备注'],
  status: ['订单状态'],
  skuCode: ['商家编码'],
};

export const TAOBAO_ORDER_ITEM_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'current',
    label: '当前版（子订单编号）',
    labelEn: 'current (子订单编号)',
    signature: ['子订单编号'],
    columns: {
      ...OLD,
      orderId: ['主订单编号', '订单编号'],
      itemId: ['子订单编号'],
      skuCode: ['商家编码', 'SKU'],
      paymentId: ['支付单号'],
      goodsAmountFen: ['买家应付货款'],
      paidAmountFen: ['买家实际支付金额'],
      refundStatus: ['退款状态'],
      refundAmountFen: ['退款金额'],
      createdAt: ['订单创建时间'],
      paidAt: ['订单付款时间'],
    },
    required: ['itemId', 'orderId', 'title', 'priceFen', 'quantity'],
  },
  {
    id: 'old',
    label: '旧版（无子订单编号）',
    labelEn: 'old (no 子订单编号)',
    absent: ['子订单编号'],
    columns: OLD,
    required: ['orderId', 'title', 'priceFen', 'quantity'],
  },
];

export const taobaoOrderItemsAdapter = defineAdapter<TaobaoOrderItem, Field>({
  kind: 'taobao-order-items',
  label: '淘宝/天猫宝贝报表',
  labelEn: 'Taobao/Tmall item report',
  fields: FIELDS,
  versions: TAOBAO_ORDER_ITEM_VERSIONS,
  fileNamePatterns: [/^ExportOrderDetailList/i, /宝贝报表/],
  excludeHeaders: ['宝贝总数量', '收货地址', '退款编号'],
  rowParser({ columns: C }) {
    return (r) => {
      const orderId = r.id(C.orderId, true)!;
      const platformItemId = r.id(C.itemId, C.itemId >= 0);
      const title = r.text(C.title, true)!;
      const properties = r.text(C.properties);
      const skuCode = r.code(C.skuCode);
      const externalCode = r.code(C.externalCode);
      const packageInfo = r.text(C.packageInfo);
      const itemId =
        platformItemId ??
        `${orderId}-${stableId(title, properties, skuCode, externalCode, packageInfo).slice(0, 12)}`;
      const refundStatusText = r.text(C.refundStatus);
      return {
        platformId: itemId,
        platform: 'taobao',
        orderId,
        itemId,
        itemIdSource: platformItemId === null ? 'derived' : 'platform',
        title,
        priceFen: r.money(C.priceFen, true)!,
        quantity: r.count(C.quantity, true)!,
        externalCode,
        properties,
        packageInfo,
        note: r.text(C.note),
        status: r.oneOf(C.status, taobaoOrderStatus, false, PROBLEM.status),
        statusText: r.text(C.status),
        skuCode,
        paymentId: r.code(C.paymentId),
        goodsAmountFen: r.money(C.goodsAmountFen),
        paidAmountFen: r.money(C.paidAmountFen),
        refundStatus: refundStatusText === null ? null : itemRefundStatus(refundStatusText),
        refundStatusText,
        refundAmountFen: r.money(C.refundAmountFen),
        createdAt: r.instant(C.createdAt),
        paidAt: r.instant(C.paidAt),
      };
    };
  },
});
