import type { Season } from './calendar';
import { Rng } from './rng';

/**
 * The simulated store's catalog: a Tmall home-goods flagship store (居家日用) with 19 listings and
 * 60 SKUs, 4 of them hero products (主打). Titles are written the way real listings are: a run of
 * search keywords.
 */

export type Sku = {
  /** 商家编码 (the seller's own SKU code). */
  code: string;
  /** Platform sku id (skuid). */
  skuId: string;
  /** JD 商品ID (JD ids are per SKU). */
  jdSkuId: string;
  /** 商品属性 / 颜色分类, e.g. `颜色分类:奶白色;容量:500ml`. */
  props: string;
  /** List price in fen. */
  priceFen: number;
  /** Unit cost in fen. */
  costFen: number;
  /** Relative demand among the product's SKUs. */
  weight: number;
};

export type Product = {
  index: number;
  /** 商品id */
  itemId: string;
  /** Short name used in chats, plans and reviews, e.g. 保温杯. */
  short: string;
  title: string;
  /** 类目 (market category), first level. */
  category: string;
  supplier: string;
  /** The supplier's lead time for this product (days from the reorder to the arrival, when on time). */
  leadTimeDays: number;
  season: Season;
  hero: boolean;
  /** Relative popularity (share of store traffic before seasonality). */
  popularity: number;
  /** Base visitor→buyer conversion. */
  conversion: number;
  /** How often a buyer takes more than one (towels, cloths are bought in multiples). */
  multiQty: number;
  /** Key for chat/review templates. */
  topic: Topic;
  skus: Sku[];
};

export type Topic =
  | 'cup'
  | 'bedding'
  | 'storage'
  | 'towel'
  | 'lunchbox'
  | 'rack'
  | 'slippers'
  | 'mat'
  | 'warmer'
  | 'hanger'
  | 'cloth'
  | 'jar';

type ProductDef = {
  short: string;
  title: string;
  category: string;
  supplier: string;
  season: Season;
  hero?: boolean;
  popularity: number;
  conversion: number;
  multiQty: number;
  topic: Topic;
  prefix: string;
  basePriceFen: number;
  costRatio: number;
  skus: [props: string, priceDeltaFen: number, weight: number][];
};

const SUPPLIERS = {
  cup: '浙江永康市恒达杯业有限公司',
  textile: '南通市金丝家纺有限公司',
  storage: '台州市黄岩优品塑料制品厂',
  towel: '高阳县瑞福纺织品有限公司',
  kitchen: '义乌市优品日用品有限公司',
  metal: '佛山市顺德区鑫达五金制品有限公司',
  shoes: '温州市鹿城区步步暖鞋业有限公司',
  electric: '慈溪市暖阳电器有限公司',
};

const DEFS: ProductDef[] = [
  {
    short: '保温杯',
    title: '316不锈钢保温杯女士高颜值大容量便携男士水杯学生儿童泡茶杯子',
    category: '餐饮具',
    supplier: SUPPLIERS.cup,
    season: 'all',
    hero: true,
    popularity: 22,
    conversion: 0.034,
    multiQty: 0.08,
    topic: 'cup',
    prefix: 'BWB316',
    basePriceFen: 8900,
    costRatio: 0.38,
    skus: [
      ['颜色分类:奶白色;容量:500ml', 0, 5],
      ['颜色分类:雾霾蓝;容量:500ml', 0, 4],
      ['颜色分类:樱花粉;容量:500ml', 0, 4],
      ['颜色分类:奶白色;容量:750ml', 1000, 2],
      ['颜色分类:曜石黑;容量:750ml', 1000, 2],
    ],
  },
  {
    short: '四件套',
    title: '加厚牛奶绒四件套冬季珊瑚绒被套床单双面法兰绒床上用品保暖',
    category: '床上用品',
    supplier: SUPPLIERS.textile,
    season: 'winter',
    hero: true,
    popularity: 11,
    conversion: 0.036,
    multiQty: 0.03,
    topic: 'bedding',
    prefix: 'SJT-NRR',
    basePriceFen: 19900,
    costRatio: 0.42,
    skus: [
      ['颜色分类:奶咖色;尺寸:1.5m床(被套200x230cm)', 0, 3],
      ['颜色分类:奶咖色;尺寸:1.8m床(被套220x240cm)', 3000, 4],
      ['颜色分类:燕麦灰;尺寸:1.5m床(被套200x230cm)', 0, 2],
      ['颜色分类:燕麦灰;尺寸:1.8m床(被套220x240cm)', 3000, 3],
    ],
  },
  {
    short: '收纳箱',
    title: '衣服收纳箱家用布艺折叠整理箱衣柜储物箱子装衣物神器大号',
    category: '收纳整理',
    supplier: SUPPLIERS.storage,
    season: 'all',
    hero: true,
    popularity: 13,
    conversion: 0.044,
    multiQty: 0.22,
    topic: 'storage',
    prefix: 'SNX-BY',
    basePriceFen: 3990,
    costRatio: 0.36,
    skus: [
      ['规格:中号单个', -1000, 3],
      ['规格:大号单个', 0, 5],
      ['规格:大号3个装', 6000, 3],
      ['规格:特大号2个装', 4000, 2],
    ],
  },
  {
    short: '毛巾',
    title: '纯棉毛巾家用洗脸成人男女吸水不掉毛全棉面巾加厚柔软4条装',
    category: '居家日用',
    supplier: SUPPLIERS.towel,
    season: 'all',
    hero: true,
    popularity: 12,
    conversion: 0.05,
    multiQty: 0.25,
    topic: 'towel',
    prefix: 'MJ-CM',
    basePriceFen: 2990,
    costRatio: 0.4,
    skus: [
      ['颜色分类:混色4条装', 0, 5],
      ['颜色分类:混色6条装', 1500, 3],
      ['颜色分类:浅灰4条装', 0, 2],
      ['颜色分类:樱粉4条装', 0, 2],
    ],
  },
  {
    short: '玻璃饭盒',
    title: '耐热玻璃饭盒微波炉加热专用上班族带饭保鲜盒分隔便当盒套装',
    category: '厨房用具',
    supplier: SUPPLIERS.kitchen,
    season: 'all',
    popularity: 5,
    conversion: 0.034,
    multiQty: 0.06,
    topic: 'lunchbox',
    prefix: 'FH-BL',
    basePriceFen: 4590,
    costRatio: 0.45,
    skus: [
      ['规格:三件套', 0, 4],
      ['规格:五件套', 2000, 3],
      ['规格:分隔款两件套', -500, 2],
    ],
  },
  {
    short: '置物架',
    title: '厨房置物架落地多层微波炉架子家用调料收纳架锅架储物架',
    category: '收纳整理',
    supplier: SUPPLIERS.metal,
    season: 'all',
    popularity: 4,
    conversion: 0.022,
    multiQty: 0.01,
    topic: 'rack',
    prefix: 'ZWJ-CF',
    basePriceFen: 12900,
    costRatio: 0.5,
    skus: [
      ['规格:三层', 0, 4],
      ['规格:四层', 3000, 3],
      ['规格:五层', 5500, 1],
    ],
  },
  {
    short: '棉拖鞋',
    title: '棉拖鞋女冬季室内家用防滑厚底保暖毛绒月子拖鞋男情侣居家',
    category: '居家日用',
    supplier: SUPPLIERS.shoes,
    season: 'winter',
    popularity: 6,
    conversion: 0.038,
    multiQty: 0.12,
    topic: 'slippers',
    prefix: 'TX-MT',
    basePriceFen: 2590,
    costRatio: 0.42,
    skus: [
      ['颜色分类:米白;尺码:36-37', 0, 3],
      ['颜色分类:米白;尺码:38-39', 0, 4],
      ['颜色分类:深灰;尺码:40-41', 0, 3],
      ['颜色分类:深灰;尺码:42-43', 0, 2],
    ],
  },
  {
    short: '凉拖鞋',
    title: '拖鞋女夏季室内家用防滑浴室洗澡软底踩屎感居家凉拖鞋男',
    category: '居家日用',
    supplier: SUPPLIERS.shoes,
    season: 'summer',
    popularity: 6,
    conversion: 0.041,
    multiQty: 0.15,
    topic: 'slippers',
    prefix: 'TX-LT',
    basePriceFen: 1990,
    costRatio: 0.4,
    skus: [
      ['颜色分类:奶白;尺码:36-37', 0, 3],
      ['颜色分类:奶白;尺码:38-39', 0, 4],
      ['颜色分类:雾蓝;尺码:40-41', 0, 3],
      ['颜色分类:雾蓝;尺码:42-43', 0, 2],
    ],
  },
  {
    short: '凉席',
    title: '冰丝凉席三件套可水洗可折叠夏季空调软席1.8m床单人宿舍',
    category: '床上用品',
    supplier: SUPPLIERS.textile,
    season: 'summer',
    popularity: 5,
    conversion: 0.03,
    multiQty: 0.03,
    topic: 'bedding',
    prefix: 'LX-BS',
    basePriceFen: 12900,
    costRatio: 0.44,
    skus: [
      ['尺寸:1.5m床三件套', 0, 3],
      ['尺寸:1.8m床三件套', 2000, 4],
      ['尺寸:0.9m单人两件套', -4000, 2],
    ],
  },
  {
    short: '暖手宝',
    title: '暖手宝充电防爆热水袋随身暖宝宝毛绒可爱学生电暖宝女',
    category: '生活电器',
    supplier: SUPPLIERS.electric,
    season: 'winter',
    popularity: 5,
    conversion: 0.035,
    multiQty: 0.08,
    topic: 'warmer',
    prefix: 'NSB-CD',
    basePriceFen: 4900,
    costRatio: 0.46,
    skus: [
      ['颜色分类:小熊款', 0, 4],
      ['颜色分类:兔子款', 0, 3],
      ['颜色分类:柴犬款', 0, 3],
    ],
  },
  {
    short: '衣架',
    title: '衣架家用挂衣服防滑无痕晾衣架子学生宿舍衣服撑子衣挂20只装',
    category: '居家日用',
    supplier: SUPPLIERS.storage,
    season: 'all',
    popularity: 5,
    conversion: 0.045,
    multiQty: 0.2,
    topic: 'hanger',
    prefix: 'YJ-WH',
    basePriceFen: 1990,
    costRatio: 0.45,
    skus: [
      ['颜色分类:白色20只装', 0, 4],
      ['颜色分类:灰色20只装', 0, 3],
      ['颜色分类:白色40只装', 1700, 2],
    ],
  },
  {
    short: '压缩袋',
    title: '真空压缩袋收纳袋被子衣物整理袋家用抽气棉被压缩袋送电泵',
    category: '收纳整理',
    supplier: SUPPLIERS.storage,
    season: 'all',
    popularity: 4,
    conversion: 0.038,
    multiQty: 0.05,
    topic: 'storage',
    prefix: 'YSD-ZK',
    basePriceFen: 3990,
    costRatio: 0.4,
    skus: [
      ['规格:8件套送手泵', 0, 3],
      ['规格:11件套送电泵', 2000, 2],
    ],
  },
  {
    short: '懒人抹布',
    title: '懒人抹布干湿两用一次性厨房用纸家用洗碗布吸水去油清洁布',
    category: '居家日用',
    supplier: SUPPLIERS.kitchen,
    season: 'all',
    popularity: 4,
    conversion: 0.053,
    multiQty: 0.3,
    topic: 'cloth',
    prefix: 'MB-LR',
    basePriceFen: 1590,
    costRatio: 0.44,
    skus: [
      ['规格:3卷装', 0, 3],
      ['规格:6卷装', 1200, 2],
    ],
  },
  {
    short: '保鲜盖',
    title: '硅胶保鲜盖万能碗盖微波炉加热盖子冰箱食品密封盖套装',
    category: '厨房用具',
    supplier: SUPPLIERS.kitchen,
    season: 'all',
    popularity: 3,
    conversion: 0.038,
    multiQty: 0.08,
    topic: 'lunchbox',
    prefix: 'BXG-GJ',
    basePriceFen: 1990,
    costRatio: 0.38,
    skus: [
      ['规格:6件套', 0, 3],
      ['规格:12件套', 1000, 2],
    ],
  },
  {
    short: '防滑垫',
    title: '浴室防滑垫淋浴房洗澡卫生间防摔地垫家用厕所脚垫吸盘',
    category: '居家日用',
    supplier: SUPPLIERS.storage,
    season: 'all',
    popularity: 3,
    conversion: 0.034,
    multiQty: 0.1,
    topic: 'mat',
    prefix: 'FHD-YS',
    basePriceFen: 2990,
    costRatio: 0.4,
    skus: [
      ['颜色分类:透明白;尺寸:45x75cm', 0, 3],
      ['颜色分类:透明灰;尺寸:45x75cm', 0, 2],
      ['颜色分类:透明白;尺寸:60x100cm', 1000, 2],
    ],
  },
  {
    short: '电热毯',
    title: '电热毯单人双人双控调温家用安全防水除螨电褥子宿舍',
    category: '生活电器',
    supplier: SUPPLIERS.electric,
    season: 'winter',
    popularity: 5,
    conversion: 0.032,
    multiQty: 0.02,
    topic: 'warmer',
    prefix: 'DRT-SK',
    basePriceFen: 8900,
    costRatio: 0.48,
    skus: [
      ['尺寸:1.5x0.8m单人单控', 0, 3],
      ['尺寸:1.8x1.5m双人双控', 4000, 4],
      ['尺寸:2.0x1.8m双人双控', 6000, 2],
    ],
  },
  {
    short: '密封罐',
    title: '玻璃密封罐食品级储物罐带盖厨房五谷杂粮收纳罐茶叶罐',
    category: '厨房用具',
    supplier: SUPPLIERS.kitchen,
    season: 'all',
    popularity: 3,
    conversion: 0.034,
    multiQty: 0.12,
    topic: 'jar',
    prefix: 'MFG-BL',
    basePriceFen: 2990,
    costRatio: 0.42,
    skus: [
      ['规格:500ml三只装', 0, 3],
      ['规格:800ml三只装', 800, 2],
      ['规格:组合六件套', 2500, 2],
    ],
  },
  {
    short: '洗脸巾',
    title: '洗脸巾女一次性纯棉加厚擦脸巾洁面巾干湿两用卷筒式',
    category: '居家日用',
    supplier: SUPPLIERS.towel,
    season: 'all',
    popularity: 4,
    conversion: 0.051,
    multiQty: 0.3,
    topic: 'towel',
    prefix: 'XLJ-CM',
    basePriceFen: 1990,
    costRatio: 0.4,
    skus: [
      ['规格:3卷装', 0, 3],
      ['规格:6卷装', 1600, 2],
    ],
  },
  {
    short: '马克杯',
    title: '陶瓷马克杯带盖勺大容量情侣水杯办公室咖啡杯早餐杯',
    category: '餐饮具',
    supplier: SUPPLIERS.cup,
    season: 'all',
    popularity: 3,
    conversion: 0.038,
    multiQty: 0.15,
    topic: 'cup',
    prefix: 'MKB-TC',
    basePriceFen: 3590,
    costRatio: 0.35,
    skus: [
      ['颜色分类:奶白', 0, 3],
      ['颜色分类:燕麦', 0, 2],
      ['颜色分类:墨绿', 0, 2],
    ],
  },
];

/** Products bought together (add-on items): topic → short names. */
export const ADD_ONS: Record<string, string[]> = {
  保温杯: ['马克杯', '毛巾', '洗脸巾'],
  四件套: ['毛巾', '压缩袋', '收纳箱', '棉拖鞋', '电热毯'],
  收纳箱: ['压缩袋', '衣架', '置物架'],
  毛巾: ['洗脸巾', '懒人抹布', '防滑垫'],
  玻璃饭盒: ['保鲜盖', '密封罐', '懒人抹布'],
  置物架: ['密封罐', '懒人抹布', '收纳箱'],
  棉拖鞋: ['毛巾', '暖手宝'],
  凉拖鞋: ['防滑垫', '毛巾'],
  凉席: ['毛巾', '凉拖鞋'],
  暖手宝: ['棉拖鞋', '保温杯'],
  衣架: ['收纳箱', '压缩袋'],
  压缩袋: ['收纳箱', '衣架'],
  懒人抹布: ['洗脸巾', '保鲜盖'],
  保鲜盖: ['玻璃饭盒', '密封罐'],
  防滑垫: ['毛巾', '凉拖鞋'],
  电热毯: ['四件套', '暖手宝'],
  密封罐: ['玻璃饭盒', '保鲜盖'],
  洗脸巾: ['毛巾', '懒人抹布'],
  马克杯: ['保温杯', '密封罐'],
};

export function buildCatalog(seed: number): Product[] {
  const rng = Rng.of(seed, 'catalog');
  const usedItem = new Set<string>();
  const usedSku = new Set<string>();
  const unique = (set: Set<string>, make: () => string) => {
    for (;;) {
      const v = make();
      if (!set.has(v)) {
        set.add(v);
        return v;
      }
    }
  };
  return DEFS.map((def, index) => {
    const itemId = unique(usedItem, () => `${rng.pick(['6', '7'])}${rng.digits(11, true)}`);
    const skus: Sku[] = def.skus.map(([props, delta, weight], k) => {
      const priceFen = def.basePriceFen + delta;
      // Cost rounded to 10 fen, a little spread per SKU.
      const costFen = Math.round((priceFen * (def.costRatio + rng.range(-0.03, 0.03))) / 10) * 10;
      return {
        code: `${def.prefix}-${String(k + 1).padStart(2, '0')}`,
        skuId: unique(usedSku, () => `5${rng.digits(12, true)}`),
        jdSkuId: unique(usedSku, () => `100${rng.digits(9, true)}`),
        props,
        priceFen,
        costFen,
        weight,
      };
    });
    return {
      index,
      itemId,
      short: def.short,
      title: def.title,
      category: def.category,
      supplier: def.supplier,
      // Hero products get the supplier's priority lane.
      leadTimeDays: def.hero === true ? 5 : 7,
      season: def.season,
      hero: def.hero === true,
      popularity: def.popularity,
      conversion: def.conversion,
      multiQty: def.multiQty,
      topic: def.topic,
      skus,
    };
  });
}
