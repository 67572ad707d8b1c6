/**
 * StoreOps stock snapshot (库存快照): one row per SKU (and warehouse) on a date, as an ERP or a
 * spreadsheet gives it. Columns: 日期, 商家编码 and/or 商品id, skuid, 标题, 规格, 仓库,
 * 可用库存 (alias 库存), 在途, 锁定库存. See docs/formats.md.
 */
import { defineAdapter, stableId } from '../adapter';
import type { FormatVersion } from '../format';

export type StockSnapshotLine = {
  /** hash of date, skuCode, productId, skuId, warehouse */
  platformId: string;
  /** 日期 of the count, yyyy-MM-dd */
  date: string;
  /** 商家编码 */
  skuCode: string | null;
  /** 商品id */
  productId: string | null;
  skuId: string | null;
  /** 标题 */
  title: string | null;
  /** 规格 */
  skuProperties: string | null;
  /** 仓库 */
  warehouse: string | null;
  /** 可用库存 / 库存 */
  available: number;
  /** 在途 (ordered from the supplier, not arrived) */
  inTransit: number | null;
  /** 锁定库存 (reserved for unpaid/unshipped orders) */
  reserved: number | null;
};

const FIELDS = [
  'date',
  'skuCode',
  'productId',
  'skuId',
  'title',
  'skuProperties',
  'warehouse',
  'available',
  'inTransit',
  'reserved',
] as const;
type Field = (typeof FIELDS)[number];

export const STOCK_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'storeops-v1',
    label: 'StoreOps 库存快照 v1',
    labelEn: 'StoreOps stock snapshot v1',
    columns: {
      date: ['日期', '盘点日期', 'date'],
      skuCode: ['商家编码', 'skuCode'],
      productId: ['商品id', 'productId'],
      skuId: ['skuid', 'skuId'],
      title: ['标题', '商品名称', 'title'],
      skuProperties: ['规格', '销售属性', 'skuProperties'],
      warehouse: ['仓库', '仓库名称', 'warehouse'],
      available: ['可用库存', '库存', '可用数', 'available'],
      inTransit: ['在途', '在途库存', 'inTransit'],
      reserved: ['锁定库存', '占用库存', 'reserved'],
    },
    required: ['date', ['skuCode', 'productId'], 'available'],
  },
];

export const stockAdapter = defineAdapter<StockSnapshotLine, Field>({
  kind: 'stock',
  label: '库存快照',
  labelEn: 'stock snapshot',
  fields: FIELDS,
  versions: STOCK_VERSIONS,
  fileNamePatterns: [/库存/, /stock/i],
  excludeHeaders: ['订单编号', '订单号', '购买数量'],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      const skuCode = r.code(C.skuCode);
      const productId = r.id(C.productId);
      const skuId = r.code(C.skuId);
      const warehouse = r.text(C.warehouse);
      if (skuCode === null && productId === null && !r.failed) {
        r.reject('row.missing_sku', '商家编码和商品id 至少填一个', 'needs 商家编码 or 商品id', C.skuCode);
      }
      return {
        platformId: stableId('stock', date, skuCode, productId, skuId, warehouse),
        date,
        skuCode,
        productId,
        skuId,
        title: r.text(C.title),
        skuProperties: r.text(C.skuProperties),
        warehouse,
        available: r.count(C.available, true)!,
        inTransit: r.count(C.inTransit),
        reserved: r.count(C.reserved),
      };
    };
  },
});
