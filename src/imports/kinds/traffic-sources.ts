/**
 * 生意参谋 流量来源: visitors and what they bought, per day and traffic source (手淘搜索, 直通车, …).
 * One kind for the three exports that share the columns:
 * - 店铺来源 (no 商品id column, or an empty cell): the whole store's split;
 * - 商品来源 (商品id): one product's split;
 * - a 竞品 variant (竞品店铺): a competitor store's split, from 竞争 → 竞品分析 → 入店来源.
 * 来源明细 (二级来源) is optional: rows are kept per detail and summed per source by the rollups.
 */
import { type Adapter, defineAdapter, stableId } from '../adapter';
import type { FormatVersion, HeaderMap } from '../format';

export type TrafficSourceLevel = 'store' | 'product' | 'competitor';

export type TrafficSourceRow = {
  platformId: string;
  date: string;
  /** store: 店铺来源; product: 商品来源 (productId set); competitor: 竞品 (competitorShop set). */
  level: TrafficSourceLevel;
  productId: string | null;
  productTitle: string | null;
  competitorShop: string | null;
  /** 流量来源 (一级来源), e.g. 手淘搜索 */
  source: string;
  /** 来源明细 (二级来源), e.g. 手淘搜索-关键词; null when the file has none */
  sourceDetail: string | null;
  visitors: number | null;
  pageViews: number | null;
  paidBuyers: number | null;
  paidAmountFen: number | null;
  /** 支付转化率, basis points */
  conversionRate: number | null;
  addToCartBuyers: number | null;
  favoriteBuyers: number | null;
  orderedBuyers: number | null;
};

type Field =
  | 'date'
  | 'source'
  | 'sourceDetail'
  | 'productId'
  | 'productTitle'
  | 'competitorShop'
  | 'visitors'
  | 'pageViews'
  | 'paidBuyers'
  | 'paidAmountFen'
  | 'conversionRate'
  | 'addToCartBuyers'
  | 'favoriteBuyers'
  | 'orderedBuyers';

const FIELDS: readonly Field[] = [
  'date',
  'source',
  'sourceDetail',
  'productId',
  'productTitle',
  'competitorShop',
  'visitors',
  'pageViews',
  'paidBuyers',
  'paidAmountFen',
  'conversionRate',
  'addToCartBuyers',
  'favoriteBuyers',
  'orderedBuyers',
];

/** The headers that make a 生意参谋 file a traffic-source file (the other 生意参谋 kinds exclude them). */
export const TRAFFIC_SOURCE_HEADERS = ['流量来源', '一级来源', '来源', '来源明细', '二级来源'];

const COLUMNS: HeaderMap<Field> = {
  date: ['统计日期', '日期'],
  source: ['流量来源', '一级来源', '来源'],
  sourceDetail: ['来源明细', '二级来源'],
  productId: ['商品id', '商品ID'],
  productTitle: ['商品名称', '商品标题'],
  competitorShop: ['竞品店铺', '竞品店铺名称', '竞店'],
  visitors: ['访客数'],
  pageViews: ['浏览量'],
  paidBuyers: ['支付买家数'],
  paidAmountFen: ['支付金额'],
  conversionRate: ['支付转化率'],
  addToCartBuyers: ['加购人数'],
  favoriteBuyers: ['收藏人数', '收藏买家数', '商品收藏买家数'],
  orderedBuyers: ['下单买家数'],
};

const VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'sycm',
    label: '生意参谋流量来源',
    labelEn: 'Business Advisor traffic sources',
    columns: COLUMNS,
    required: ['date', 'source', 'visitors', 'paidBuyers', 'paidAmountFen'],
    signature: [],
    absent: ['类目'],
  },
];

export const trafficSourcesAdapter: Adapter<TrafficSourceRow> = defineAdapter<TrafficSourceRow, Field>({
  kind: 'traffic-sources',
  label: '生意参谋流量来源',
  labelEn: 'traffic sources (生意参谋 流量来源)',
  fields: FIELDS,
  versions: VERSIONS,
  excludeHeaders: ['类目', '计划id', '计划名称', '订单编号'],
  fileNamePatterns: [/流量来源/, /店铺来源/, /商品来源/, /入店来源/, /traffic-sources/i],
  rowParser({ columns: C }) {
    return (r) => {
      const date = r.date(C.date, true)!;
      const source = r.text(C.source, true) ?? '';
      const sourceDetail = r.text(C.sourceDetail);
      const productId = r.id(C.productId);
      const competitorShop = r.text(C.competitorShop);
      const level: TrafficSourceLevel = competitorShop ? 'competitor' : productId ? 'product' : 'store';
      return {
        platformId: stableId('traffic', date, level, productId, competitorShop, source, sourceDetail),
        date,
        level,
        productId,
        productTitle: r.text(C.productTitle),
        competitorShop,
        source,
        sourceDetail,
        visitors: r.count(C.visitors),
        pageViews: r.count(C.pageViews),
        paidBuyers: r.count(C.paidBuyers),
        paidAmountFen: r.money(C.paidAmountFen),
        conversionRate: r.basisPoints(C.conversionRate),
        addToCartBuyers: r.count(C.addToCartBuyers),
        favoriteBuyers: r.count(C.favoriteBuyers),
        orderedBuyers: r.count(C.orderedBuyers),
      };
    };
  },
});
