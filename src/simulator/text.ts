import type { Topic } from './catalog';
import type { Rng } from './rng';

/**
 * Everything the simulated people write: chat lines, reviews, refund reasons, buyer notes.
 * All of it is GBK-encodable (no emoji, no rare symbols), checked by a test.
 */

type QA = [question: string, answer: string];

const TOPIC_QA: Record<Topic, QA[]> = {
  cup: [
    ['这个杯子能装开水吗？', '亲，可以的哦，316不锈钢内胆，开水、茶水都可以装~'],
    ['保温效果怎么样？能保温多久？', '亲，正常使用保温6-12小时左右哦，装满水效果更好~'],
    ['500ml和750ml差别大吗？', '亲，750ml的高一些，适合外出和运动，日常上班500ml就够用啦~'],
    ['可以放茶叶吗？有滤网吗？', '有的亲，配有不锈钢茶隔，泡茶很方便~'],
    ['杯盖会漏水吗？', '亲，杯盖有硅胶密封圈，拧紧后倒过来也不会漏的哦~'],
  ],
  bedding: [
    ['这个掉毛吗？', '亲，首次洗涤有少量浮毛属于正常现象，建议冷水洗涤、使用洗衣袋哦~'],
    ['1.8米的床选哪个尺寸？', '亲，1.8m床选被套220x240cm的那款就可以~'],
    ['冬天盖暖和吗？', '亲，双面加厚绒面，保暖性很好，冬天用很舒服的~'],
    ['会起球吗？', '亲，正常使用不会起球的，洗的时候不要和拉链衣物一起洗哦~'],
    ['四件套都包括什么？', '亲，包含被套1个、床单1条、枕套2个哦~'],
  ],
  storage: [
    ['大号尺寸是多少？', '亲，大号约50x40x33cm，可以装一床被子或者十几件衣服~'],
    ['可以叠放吗？', '可以的亲，加厚硬板支撑，叠放两三层没问题~'],
    ['有异味吗？', '亲，出厂前都通风处理过，收到后放通风处晾一下就好~'],
    ['能装被子吗？', '亲，大号可以装一床2米的冬被，很实用的~'],
  ],
  towel: [
    ['会掉毛吗？', '亲，纯棉长绒棉，首次使用前清水洗一下，基本不掉毛~'],
    ['毛巾多大尺寸？', '亲，尺寸是34x74cm，洗脸洗头都合适~'],
    ['是纯棉的吗？', '是的亲，100%纯棉，吸水性很好~'],
    ['颜色可以自己选吗？', '亲，混色款是随机搭配的，单色款可以选颜色哦~'],
  ],
  lunchbox: [
    ['能放微波炉加热吗？', '可以的亲，盒身是耐热玻璃，加热时记得把盖子拿下来哦~'],
    ['盖子密封吗？汤会不会漏？', '亲，四面锁扣加硅胶圈，密封性很好，装汤也不怕~'],
    ['能放冰箱冷冻吗？', '可以的亲，耐温差，冷冻后请放一会儿再加热~'],
  ],
  rack: [
    ['需要自己安装吗？', '亲，需要简单安装，附带说明和工具，十分钟左右就能装好~'],
    ['承重多少？', '亲，每层承重约30斤，放微波炉电饭煲都没问题~'],
    ['会生锈吗？', '亲，碳钢烤漆工艺，防锈防潮，厨房放心用~'],
  ],
  slippers: [
    ['平时穿38码选哪个？', '亲，平时穿38码建议选38-39哦~'],
    ['防滑吗？', '亲，鞋底是防滑纹路设计，家里地板瓷砖都可以放心穿~'],
    ['会不会闷脚？', '亲，透气材质，正常穿不闷脚的~'],
  ],
  mat: [
    ['吸盘吸得牢吗？', '亲，背面有上百个小吸盘，光滑地面吸附很牢~'],
    ['尺寸多大？', '亲，有45x75cm和60x100cm两个尺寸哦~'],
    ['可以剪吗？', '可以的亲，按自家淋浴房尺寸剪一下就行~'],
  ],
  warmer: [
    ['充一次电能用多久？', '亲，充电约10分钟，可以暖3-6小时哦~'],
    ['安全吗？会不会漏液？', '亲，有防爆设计和过热保护，请放心使用~'],
    ['双人的能两边分开调温吗？', '可以的亲，双控款两边独立调温~'],
  ],
  hanger: [
    ['衣架结实吗？', '亲，加粗款，挂大衣外套都没问题~'],
    ['会不会留痕？', '亲，防滑无痕设计，挂毛衣也不会有印子~'],
  ],
  cloth: [
    ['一卷有多少张？', '亲，一卷约50张，3卷装共150张~'],
    ['可以水洗重复用吗？', '可以的亲，洗干净晾干能重复用好几次~'],
  ],
  jar: [
    ['密封性好吗？', '亲，硅胶圈加卡扣密封，防潮效果很好~'],
    ['能放冰箱吗？', '可以的亲，玻璃材质，放冰箱冷藏没问题~'],
  ],
};

const GENERIC_QA: QA[] = [
  ['什么时候发货？', '亲，16点前付款当天发货，16点后次日发出哦~'],
  ['包邮吗？', '亲，全场包邮（新疆、西藏除外）哦~'],
  ['发什么快递？', '亲，默认中通、圆通、韵达随机发出，需要顺丰可以补差价哦~'],
  ['有优惠券吗？', '亲，店铺首页可以领满199减20的优惠券哦~'],
  ['有赠品吗？', '亲，现在下单送精美小礼品一份哦~'],
  ['能开发票吗？', '可以的亲，下单后把抬头和税号发给我就行~'],
  ['几天能到？', '亲，江浙沪一般1-2天，其他地区2-4天左右~'],
];

const CAMPAIGN_QA: QA[] = [
  ['活动能便宜多少？', '亲，活动期间跨店每满300减50，还可以叠加店铺券哦~'],
  ['现在拍是活动价吗？', '是的亲，现在下单就是活动价，库存不多了哦~'],
];

const GREETINGS = ['在吗', '你好', '在吗？', '您好', '亲，在吗', '客服在吗'];
const AGENT_GREETINGS = ['在的亲，有什么可以帮您？', '您好亲，在的哦，请问有什么需要？', '在的呢，亲请说~'];

const BARGAIN = ['能便宜点吗？', '老顾客了，能不能少点？', '两个一起买能优惠吗？', '再便宜一点我就拍了'];
const BARGAIN_POLITE = [
  '亲，我们是官方统一定价哦，您可以领一下店铺满减券，更划算~',
  '亲，价格已经是活动价了，给您备注送个小礼品好吗~',
  '亲，两件一起拍可以用满199减20的券，更划算哦~',
];
/** The curt phrase DOMAIN.md names as a service don't (planted on one agent). */
export const RUDE_PHRASE = '我们的商品都不讲价的';

const BUYER_CLOSE_ORDER = [
  '好的，那我拍了',
  '好的谢谢',
  '行，我下单了',
  '嗯嗯，马上拍',
  '好的，拍了记得早点发货',
];
const AGENT_CLOSE_ORDER = [
  '好的亲，感谢您的支持，我们会尽快为您发货~',
  '收到亲，已为您备注优先发货~',
  '好的亲，有任何问题随时联系我哦~',
];
const BUYER_CLOSE_BROWSE = ['好的，我再看看', '我考虑一下', '好的，谢谢', '嗯，先加购物车了'];
const AGENT_CLOSE_BROWSE = ['好的亲，有需要随时联系我哦~', '好的亲，喜欢的话可以先收藏加购哦~'];

const UNANSWERED_FIRST = [
  '在吗？',
  '这个什么时候能发货？',
  '请问还有货吗？',
  '能帮我改一下地址吗？',
  '我拍错颜色了能改吗？',
];
const UNANSWERED_FOLLOW = ['人呢？', '怎么没人回复', '有人吗？？', '还在吗'];
const AFTER_RUDE_BUYER = ['这什么态度', '好吧', '那算了'];

export type ChatLine = { from: 'buyer' | 'agent'; text: string };

export function autoReply(storeName: string): string {
  return `您好，欢迎光临${storeName}，有什么可以帮您的吗？`;
}

export function presaleDialogue(
  rng: Rng,
  topic: Topic,
  opts: { converts: boolean; campaign: boolean; bargain: boolean; rude: boolean },
): ChatLine[] {
  const lines: ChatLine[] = [];
  if (rng.chance(0.35)) {
    lines.push({ from: 'buyer', text: rng.pick(GREETINGS) });
    lines.push({ from: 'agent', text: rng.pick(AGENT_GREETINGS) });
  }
  const pool = [...TOPIC_QA[topic], ...GENERIC_QA, ...(opts.campaign ? CAMPAIGN_QA : [])];
  const rounds = rng.int(1, 3);
  const used = new Set<number>();
  for (let i = 0; i < rounds; i++) {
    let k = rng.int(0, pool.length - 1);
    if (used.has(k)) k = (k + 1) % pool.length;
    used.add(k);
    lines.push({ from: 'buyer', text: pool[k][0] });
    lines.push({ from: 'agent', text: pool[k][1] });
  }
  if (opts.bargain || opts.rude) {
    lines.push({ from: 'buyer', text: rng.pick(BARGAIN) });
    lines.push({ from: 'agent', text: opts.rude ? RUDE_PHRASE : rng.pick(BARGAIN_POLITE) });
    if (opts.rude && !opts.converts) {
      lines.push({ from: 'buyer', text: rng.pick(AFTER_RUDE_BUYER) });
      return lines; // the buyer leaves; the agent says nothing more
    }
  }
  if (opts.converts) {
    lines.push({ from: 'buyer', text: rng.pick(BUYER_CLOSE_ORDER) });
    lines.push({ from: 'agent', text: rng.pick(AGENT_CLOSE_ORDER) });
  } else {
    lines.push({ from: 'buyer', text: rng.pick(BUYER_CLOSE_BROWSE) });
    lines.push({ from: 'agent', text: rng.pick(AGENT_CLOSE_BROWSE) });
  }
  return lines;
}

/** Buyer lines of a session nobody answers (the agent is away while online). */
export function unansweredDialogue(rng: Rng): string[] {
  const out = [rng.pick(UNANSWERED_FIRST)];
  const follow = rng.int(1, 2);
  for (let i = 0; i < follow; i++) out.push(rng.pick(UNANSWERED_FOLLOW));
  return out;
}

export function reminderDialogue(rng: Rng, willPay: boolean): ChatLine[] {
  const lines: ChatLine[] = [
    {
      from: 'agent',
      text: rng.pick([
        '亲，您拍下的宝贝还没有付款哦，现在付款今天就能为您发出~',
        '亲，看到您的订单还没付款，有什么疑问可以随时问我哦~',
      ]),
    },
  ];
  if (willPay) {
    lines.push({ from: 'buyer', text: rng.pick(['好的，马上付', '刚才忘了，现在付', '好的']) });
    lines.push({ from: 'agent', text: '好的亲，付款后尽快为您安排发货~' });
  }
  return lines;
}

export type RefundReason = {
  reason: string;
  note: string[];
  tag: string;
  party: '买家' | '卖家' | '物流';
  returnGoods: boolean;
};

export const REFUND_BEFORE_SHIP: RefundReason[] = [
  {
    reason: '不想要了',
    note: ['不想要了', '买多了', ''],
    tag: '买家原因',
    party: '买家',
    returnGoods: false,
  },
  {
    reason: '拍错/多拍',
    note: ['拍错颜色了，重新拍', '多拍了一件', '规格拍错了'],
    tag: '买家原因',
    party: '买家',
    returnGoods: false,
  },
  {
    reason: '地址/电话信息填写错误',
    note: ['地址填错了，重新拍', '电话写错了'],
    tag: '买家原因',
    party: '买家',
    returnGoods: false,
  },
  {
    reason: '协商一致退款',
    note: ['和客服协商好了', ''],
    tag: '协商一致',
    party: '买家',
    returnGoods: false,
  },
];
export const REFUND_LATE_SHIP: RefundReason = {
  reason: '未按约定时间发货',
  note: ['两天了还没发货', '等太久了，不要了'],
  tag: '发货问题',
  party: '卖家',
  returnGoods: false,
};

export const REFUND_AFTER_SHIP: [RefundReason, number][] = [
  [
    {
      reason: '七天无理由退换货',
      note: ['不喜欢', '和想象的不一样', '家里已经有了'],
      tag: '买家原因',
      party: '买家',
      returnGoods: true,
    },
    34,
  ],
  [
    {
      reason: '尺寸拍错/不喜欢/效果不好',
      note: ['尺寸不合适', '颜色不喜欢', '效果一般'],
      tag: '买家原因',
      party: '买家',
      returnGoods: true,
    },
    18,
  ],
  [{ reason: '质量问题', note: [], tag: '商品质量', party: '卖家', returnGoods: true }, 16],
  [
    {
      reason: '收到商品破损',
      note: ['外包装压坏了，东西也碎了', '收到就是坏的'],
      tag: '物流原因',
      party: '物流',
      returnGoods: false,
    },
    9,
  ],
  [
    {
      reason: '少件/漏发',
      note: ['少发了一个', '赠品没收到'],
      tag: '发货问题',
      party: '卖家',
      returnGoods: false,
    },
    6,
  ],
  [
    {
      reason: '发错货',
      note: ['颜色发错了', '发的尺寸不对'],
      tag: '发货问题',
      party: '卖家',
      returnGoods: true,
    },
    5,
  ],
  [
    {
      reason: '与商品描述不符',
      note: ['实物和图片差很多', '材质和描述不一样'],
      tag: '描述不符',
      party: '卖家',
      returnGoods: true,
    },
    8,
  ],
  [
    {
      reason: '未收到货',
      note: ['物流一直不更新', '显示签收了但我没收到'],
      tag: '物流原因',
      party: '物流',
      returnGoods: false,
    },
    4,
  ],
];

export const REFUND_AFTER_SALE: [RefundReason, number][] = [
  [{ reason: '质量问题', note: [], tag: '商品质量', party: '卖家', returnGoods: true }, 55],
  [
    {
      reason: '与商品描述不符',
      note: ['用了几天发现和描述不一样'],
      tag: '描述不符',
      party: '卖家',
      returnGoods: true,
    },
    25,
  ],
  [
    { reason: '收到商品破损', note: ['拆开才发现裂了'], tag: '物流原因', party: '物流', returnGoods: false },
    20,
  ],
];

/** A quality complaint in the buyer's words, per product topic. */
export const QUALITY_COMPLAINT: Record<Topic, string[]> = {
  cup: ['杯盖漏水', '保温效果差，半天就凉了', '杯身有划痕'],
  bedding: ['掉毛严重', '有异味，洗了还有', '线头很多'],
  storage: ['拉链坏了', '底板断了', '开线了'],
  towel: ['掉毛严重', '有股怪味', '洗一次就变硬了'],
  lunchbox: ['盖子扣不紧，漏汤', '玻璃有裂纹'],
  rack: ['架子晃得厉害', '螺丝孔对不上'],
  slippers: ['鞋底开胶', '鞋底很滑'],
  mat: ['吸盘吸不住', '有很大的味道'],
  warmer: ['充电后不热', '用两次就坏了'],
  hanger: ['一挂就断', '钩子变形'],
  cloth: ['很薄，一擦就破'],
  jar: ['盖子密封不严', '罐身有裂纹'],
};

/** The defect of the bad batch planted on one product (reviews and refunds name it). */
export const BAD_BATCH_DEFECT: Record<Topic, { reason: string; reviews: string[] }> = {
  cup: {
    reason: '质量问题：杯盖密封圈不严，倒置漏水',
    reviews: [
      '杯盖密封圈不严，装水倒过来就漏，这批货有问题吧',
      '刚用两天就漏水，包里全湿了，差评',
      '密封圈是松的，拧紧了还是漏水，质量太差',
    ],
  },
  bedding: {
    reason: '质量问题：掉毛严重',
    reviews: ['掉毛特别严重，睡一晚全身都是毛', '洗了一次毛全掉了，质量太差', '到处是浮毛，根本没法用'],
  },
  storage: {
    reason: '质量问题：拉链断裂',
    reviews: ['拉链一拉就坏，这批质量不行', '用了两天拉链就崩了', '拉链头掉了，差评'],
  },
  towel: {
    reason: '质量问题：严重掉毛、有异味',
    reviews: ['一洗就掉毛，还有股味道', '毛巾发硬还掉毛，和以前买的不一样', '味道很大，洗了几遍都没散'],
  },
  lunchbox: {
    reason: '质量问题：盖子锁扣断裂，漏汤',
    reviews: ['锁扣一掰就断，汤全洒了', '盖子扣不紧，漏了一包', '锁扣质量太差'],
  },
  rack: { reason: '质量问题：立柱变形', reviews: ['立柱是弯的，装不上', '放了微波炉就晃，质量差'] },
  slippers: { reason: '质量问题：开胶', reviews: ['穿了三天就开胶了', '鞋底掉了，质量差'] },
  mat: { reason: '质量问题：吸盘脱落', reviews: ['吸盘全掉了，差点滑倒', '吸不住，没用'] },
  warmer: { reason: '质量问题：无法充电', reviews: ['充不进电，直接坏了', '用一次就不热了'] },
  hanger: { reason: '质量问题：断裂', reviews: ['挂件外套就断了', '很脆，断了好几个'] },
  cloth: { reason: '质量问题：一擦就破', reviews: ['太薄了一擦就破', '和以前的不一样，很差'] },
  jar: { reason: '质量问题：罐身开裂', reviews: ['收到就裂了两个', '倒热水就裂了'] },
};

const GOOD_BY_TOPIC: Record<Topic, string[]> = {
  cup: [
    '杯子颜值很高，保温效果也不错，早上装的热水晚上还是温的',
    '容量刚好，拿着不重，送朋友她很喜欢',
    '第二次回购了，不漏水，保温很好',
  ],
  bedding: ['面料很软很舒服，冬天盖很暖和', '颜色很温柔，洗了也没怎么掉毛', '质量很好，和图片一样好看'],
  storage: ['很能装，衣柜一下子整齐了', '布料挺厚实的，立得住', '大小合适，叠起来很整齐'],
  towel: ['很柔软，吸水也好，家里人都说好用', '纯棉的，洗了几次也没掉毛', '性价比很高，又回购了'],
  lunchbox: ['玻璃很厚实，密封很好，带饭方便', '微波炉加热很方便，不漏汤'],
  rack: ['安装很简单，很稳，厨房整齐多了', '质量不错，放微波炉很稳'],
  slippers: ['很暖和，鞋底防滑，穿着很舒服', '软软的很舒服，尺码标准'],
  mat: ['吸得很牢，洗澡不怕滑了', '尺寸合适，吸盘很给力'],
  warmer: ['充电很快，很暖和，造型也可爱', '用了一段时间了，很暖和，很好用'],
  hanger: ['很结实，挂衣服不滑', '不占地方，颜色好看'],
  cloth: ['很好用，擦油也干净', '厚实，用起来很方便'],
  jar: ['密封性很好，放五谷杂粮不怕潮', '玻璃很透，摆在厨房很好看'],
};
const GOOD_GENERIC = [
  '物流很快，包装完好，质量很好，好评！',
  '东西不错，和描述的一样，客服态度也很好',
  '性价比很高，下次还来买',
  '已经回购好几次了，一直用这家的',
  '宝贝收到了，很满意',
];
const MEDIUM = [
  '东西还行吧，就是和图片有点色差',
  '一般般，价格有点小贵',
  '物流有点慢，东西凑合',
  '还可以，没有想象中好',
];

export type BadReason = '质量问题' | '与描述不符' | '物流慢' | '客服态度' | '尺寸不符';
const BAD_GENERIC: Record<Exclude<BadReason, '质量问题'>, string[]> = {
  与描述不符: ['实物和图片差别很大，颜色完全不一样', '和描述的不一样，感觉被骗了'],
  物流慢: ['物流太慢了，一个星期才到，外包装都破了', '发货太慢，催了好几次'],
  客服态度: ['客服态度很差，问能不能便宜点直接说不讲价，爱理不理的', '客服回复很慢，态度也不好'],
  尺寸不符: ['尺寸和描述的不一样，偏小', '比说的小很多'],
};

export function goodReview(rng: Rng, topic: Topic): string {
  return rng.chance(0.6) ? rng.pick(GOOD_BY_TOPIC[topic]) : rng.pick(GOOD_GENERIC);
}
export function mediumReview(rng: Rng): string {
  return rng.pick(MEDIUM);
}
export function badReview(rng: Rng, topic: Topic, reason: BadReason): string {
  if (reason === '质量问题') return `${rng.pick(QUALITY_COMPLAINT[topic])}，质量太差了`;
  return rng.pick(BAD_GENERIC[reason]);
}
export function followUp(rng: Rng, rating: '好评' | '中评' | '差评'): string {
  if (rating === '好评')
    return rng.pick(['用了一个月了，还是很好用', '回购了，家里人都说好', '用了一段时间，质量不错']);
  if (rating === '中评') return rng.pick(['用久了感觉一般', '后来联系客服给换了']);
  return rng.pick(['联系客服给退了，但是体验很差', '后来又坏了一次，不会再买了', '商家一直没处理']);
}

export function afterSaleDialogue(rng: Rng, reason: string, complaint: string): ChatLine[] {
  const first =
    reason === '质量问题'
      ? `收到的东西${complaint}，怎么处理？`
      : reason === '收到商品破损'
        ? '收到的东西是坏的，外包装都压扁了'
        : reason === '少件/漏发'
          ? '我买的东西少发了一件'
          : reason === '发错货'
            ? '你们发错货了，我买的不是这个颜色'
            : reason === '未收到货'
              ? '物流好几天没更新了，是不是丢件了'
              : reason === '与商品描述不符'
                ? '东西和详情页写的不一样'
                : '我想退货，怎么操作？';
  return [
    { from: 'buyer', text: first },
    { from: 'agent', text: '非常抱歉给您带来不便，麻烦亲拍一下照片发给我，我这边马上为您处理~' },
    { from: 'buyer', text: '[图片]' },
    {
      from: 'agent',
      text: rng.pick([
        '收到亲，已经为您申请退款，退货运费我们承担，请放心~',
        '好的亲，这边给您安排退货退款，审核通过会马上处理~',
        '亲，已为您登记，售后同事会在今天内处理完毕~',
      ]),
    },
    { from: 'buyer', text: rng.pick(['好的', '尽快处理吧', '好的，谢谢']) },
    { from: 'agent', text: '好的亲，再次抱歉，有问题随时联系我~' },
  ];
}

export const BUYER_MESSAGES = [
  '请尽快发货，谢谢',
  '不要放快递柜，送货上门',
  '送人的，不要放发票和价格单',
  '发中通，谢谢',
  '周末不在家，工作日送',
  '颜色别发错了',
];

export const SELLER_MEMOS = [
  '赠送杯刷一个',
  '客户要求发顺丰，已补差价',
  '老客户，多送一个小礼品',
  '已核对地址',
  '优先发货',
];

export const INVOICE_TITLES = [
  '个人',
  '广州市锦程贸易有限公司',
  '杭州云帆网络科技有限公司',
  '深圳市信达电子有限公司',
  '苏州华兴物业管理有限公司',
];

export const CLOSE_REASONS_BUYER = [
  '我不想买了',
  '信息填写错误，重新拍',
  '卖家缺货',
  '同城见面交易',
  '其他原因',
];
export const CLOSE_REASON_TIMEOUT = '交易超时自动关闭';
export const CLOSE_REASON_REFUND = '买家已退款，交易关闭';

export const COMPETITORS = [
  { name: '优品居家旗舰店', share: 1.6 },
  { name: '悦生活日用专营店', share: 0.9 },
  { name: '简屋家居旗舰店', share: 0.6 },
];
