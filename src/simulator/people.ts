import { hashSeed, Rng, WeightedPicker } from './rng';

/**
 * Buyers: generated from their index alone (no table of customers is kept, so a million buyers
 * cost no memory). Nicknames are unique by construction — every style encodes the index — so
 * "distinct buyers" counted from the files equals the simulator's own count.
 */

type City = { city: string; postcode: string; districts: [string, string][] };
type Province = { name: string; weight: number; remote?: boolean; cities: City[] };

/** Real provinces, cities, districts; postcodes of the district's centre. */
export const PROVINCES: Province[] = [
  {
    name: '广东省',
    weight: 14,
    cities: [
      {
        city: '广州市',
        postcode: '510000',
        districts: [
          ['越秀区', '510030'],
          ['天河区', '510630'],
          ['海珠区', '510220'],
          ['白云区', '510440'],
          ['番禺区', '511400'],
        ],
      },
      {
        city: '深圳市',
        postcode: '518000',
        districts: [
          ['福田区', '518000'],
          ['南山区', '518052'],
          ['宝安区', '518101'],
          ['龙岗区', '518172'],
        ],
      },
      {
        city: '佛山市',
        postcode: '528000',
        districts: [
          ['禅城区', '528000'],
          ['南海区', '528200'],
          ['顺德区', '528300'],
        ],
      },
    ],
  },
  {
    name: '浙江省',
    weight: 10,
    cities: [
      {
        city: '杭州市',
        postcode: '310000',
        districts: [
          ['西湖区', '310012'],
          ['上城区', '310002'],
          ['拱墅区', '310011'],
          ['余杭区', '311100'],
          ['滨江区', '310051'],
        ],
      },
      {
        city: '宁波市',
        postcode: '315000',
        districts: [
          ['鄞州区', '315100'],
          ['海曙区', '315000'],
        ],
      },
      {
        city: '温州市',
        postcode: '325000',
        districts: [
          ['鹿城区', '325000'],
          ['瓯海区', '325005'],
        ],
      },
    ],
  },
  {
    name: '江苏省',
    weight: 10,
    cities: [
      {
        city: '南京市',
        postcode: '210000',
        districts: [
          ['鼓楼区', '210009'],
          ['江宁区', '211100'],
          ['玄武区', '210018'],
        ],
      },
      {
        city: '苏州市',
        postcode: '215000',
        districts: [
          ['姑苏区', '215008'],
          ['吴中区', '215128'],
          ['相城区', '215131'],
        ],
      },
      {
        city: '无锡市',
        postcode: '214000',
        districts: [
          ['梁溪区', '214000'],
          ['滨湖区', '214071'],
        ],
      },
    ],
  },
  {
    name: '上海',
    weight: 7,
    cities: [
      {
        city: '上海市',
        postcode: '200000',
        districts: [
          ['浦东新区', '200120'],
          ['徐汇区', '200030'],
          ['闵行区', '201100'],
          ['静安区', '200040'],
          ['宝山区', '201900'],
        ],
      },
    ],
  },
  {
    name: '北京',
    weight: 6,
    cities: [
      {
        city: '北京市',
        postcode: '100000',
        districts: [
          ['朝阳区', '100020'],
          ['海淀区', '100080'],
          ['丰台区', '100071'],
          ['东城区', '100010'],
        ],
      },
    ],
  },
  {
    name: '山东省',
    weight: 6,
    cities: [
      {
        city: '济南市',
        postcode: '250000',
        districts: [
          ['历下区', '250014'],
          ['市中区', '250001'],
        ],
      },
      {
        city: '青岛市',
        postcode: '266000',
        districts: [
          ['市南区', '266001'],
          ['黄岛区', '266400'],
          ['崂山区', '266100'],
        ],
      },
    ],
  },
  {
    name: '四川省',
    weight: 5,
    cities: [
      {
        city: '成都市',
        postcode: '610000',
        districts: [
          ['武侯区', '610041'],
          ['锦江区', '610021'],
          ['成华区', '610051'],
          ['郫都区', '611730'],
        ],
      },
    ],
  },
  {
    name: '福建省',
    weight: 4,
    cities: [
      {
        city: '福州市',
        postcode: '350000',
        districts: [
          ['鼓楼区', '350001'],
          ['仓山区', '350007'],
        ],
      },
      {
        city: '厦门市',
        postcode: '361000',
        districts: [
          ['思明区', '361001'],
          ['湖里区', '361006'],
        ],
      },
    ],
  },
  {
    name: '湖北省',
    weight: 4,
    cities: [
      {
        city: '武汉市',
        postcode: '430000',
        districts: [
          ['洪山区', '430070'],
          ['江汉区', '430015'],
          ['武昌区', '430061'],
        ],
      },
    ],
  },
  {
    name: '河南省',
    weight: 4,
    cities: [
      {
        city: '郑州市',
        postcode: '450000',
        districts: [
          ['金水区', '450008'],
          ['二七区', '450052'],
          ['中原区', '450007'],
        ],
      },
    ],
  },
  {
    name: '湖南省',
    weight: 3,
    cities: [
      {
        city: '长沙市',
        postcode: '410000',
        districts: [
          ['岳麓区', '410006'],
          ['雨花区', '410011'],
          ['开福区', '410008'],
        ],
      },
    ],
  },
  {
    name: '安徽省',
    weight: 3,
    cities: [
      {
        city: '合肥市',
        postcode: '230000',
        districts: [
          ['蜀山区', '230031'],
          ['包河区', '230041'],
        ],
      },
    ],
  },
  {
    name: '重庆',
    weight: 3,
    cities: [
      {
        city: '重庆市',
        postcode: '400000',
        districts: [
          ['渝北区', '401120'],
          ['江北区', '400020'],
          ['沙坪坝区', '400030'],
        ],
      },
    ],
  },
  {
    name: '陕西省',
    weight: 2,
    cities: [
      {
        city: '西安市',
        postcode: '710000',
        districts: [
          ['雁塔区', '710061'],
          ['未央区', '710016'],
        ],
      },
    ],
  },
  {
    name: '天津',
    weight: 2,
    cities: [
      {
        city: '天津市',
        postcode: '300000',
        districts: [
          ['南开区', '300100'],
          ['河西区', '300202'],
        ],
      },
    ],
  },
  {
    name: '河北省',
    weight: 2,
    cities: [
      {
        city: '石家庄市',
        postcode: '050000',
        districts: [
          ['长安区', '050011'],
          ['桥西区', '050051'],
        ],
      },
    ],
  },
  {
    name: '辽宁省',
    weight: 2,
    cities: [
      {
        city: '沈阳市',
        postcode: '110000',
        districts: [
          ['和平区', '110001'],
          ['浑南区', '110179'],
        ],
      },
      {
        city: '大连市',
        postcode: '116000',
        districts: [
          ['沙河口区', '116021'],
          ['甘井子区', '116033'],
        ],
      },
    ],
  },
  {
    name: '江西省',
    weight: 2,
    cities: [
      {
        city: '南昌市',
        postcode: '330000',
        districts: [
          ['东湖区', '330006'],
          ['红谷滩区', '330038'],
        ],
      },
    ],
  },
  {
    name: '广西壮族自治区',
    weight: 2,
    cities: [
      {
        city: '南宁市',
        postcode: '530000',
        districts: [
          ['青秀区', '530022'],
          ['西乡塘区', '530001'],
        ],
      },
    ],
  },
  {
    name: '云南省',
    weight: 1.5,
    cities: [
      {
        city: '昆明市',
        postcode: '650000',
        districts: [
          ['五华区', '650032'],
          ['盘龙区', '650051'],
        ],
      },
    ],
  },
  {
    name: '黑龙江省',
    weight: 1.2,
    cities: [
      {
        city: '哈尔滨市',
        postcode: '150000',
        districts: [
          ['南岗区', '150001'],
          ['道里区', '150010'],
        ],
      },
    ],
  },
  {
    name: '吉林省',
    weight: 1,
    cities: [
      {
        city: '长春市',
        postcode: '130000',
        districts: [
          ['朝阳区', '130012'],
          ['南关区', '130022'],
        ],
      },
    ],
  },
  {
    name: '山西省',
    weight: 1,
    cities: [
      {
        city: '太原市',
        postcode: '030000',
        districts: [
          ['小店区', '030032'],
          ['迎泽区', '030001'],
        ],
      },
    ],
  },
  {
    name: '贵州省',
    weight: 1,
    cities: [
      {
        city: '贵阳市',
        postcode: '550000',
        districts: [
          ['南明区', '550001'],
          ['观山湖区', '550081'],
        ],
      },
    ],
  },
  {
    name: '甘肃省',
    weight: 0.6,
    cities: [
      {
        city: '兰州市',
        postcode: '730000',
        districts: [
          ['城关区', '730030'],
          ['七里河区', '730050'],
        ],
      },
    ],
  },
  {
    name: '内蒙古自治区',
    weight: 0.6,
    cities: [
      {
        city: '呼和浩特市',
        postcode: '010000',
        districts: [
          ['新城区', '010050'],
          ['赛罕区', '010020'],
        ],
      },
    ],
  },
  {
    name: '海南省',
    weight: 0.5,
    cities: [
      {
        city: '海口市',
        postcode: '570000',
        districts: [
          ['美兰区', '570203'],
          ['龙华区', '570105'],
        ],
      },
    ],
  },
  {
    name: '宁夏回族自治区',
    weight: 0.3,
    cities: [
      {
        city: '银川市',
        postcode: '750000',
        districts: [
          ['兴庆区', '750001'],
          ['金凤区', '750002'],
        ],
      },
    ],
  },
  {
    name: '青海省',
    weight: 0.2,
    cities: [
      {
        city: '西宁市',
        postcode: '810000',
        districts: [
          ['城西区', '810001'],
          ['城中区', '810000'],
        ],
      },
    ],
  },
  {
    name: '新疆维吾尔自治区',
    weight: 0.6,
    remote: true,
    cities: [
      {
        city: '乌鲁木齐市',
        postcode: '830000',
        districts: [
          ['天山区', '830002'],
          ['沙依巴克区', '830000'],
        ],
      },
    ],
  },
  {
    name: '西藏自治区',
    weight: 0.1,
    remote: true,
    cities: [{ city: '拉萨市', postcode: '850000', districts: [['城关区', '850000']] }],
  },
];

const provincePicker = new WeightedPicker(PROVINCES.map((p) => p.weight));

const ROADS = [
  '中山路',
  '人民路',
  '解放路',
  '建设路',
  '长江路',
  '和平路',
  '新华路',
  '文化路',
  '胜利路',
  '友谊路',
  '青年路',
  '光明路',
  '幸福路',
  '朝阳路',
  '学府路',
  '滨江路',
  '环城北路',
  '科技路',
  '工业大道',
  '世纪大道',
  '东风路',
  '北京路',
  '南京路',
  '黄河路',
  '花园路',
  '迎宾大道',
  '体育路',
  '府前街',
  '新民街',
  '湖滨路',
];
const COMMUNITIES = [
  '阳光花园',
  '锦绣华庭',
  '翠苑小区',
  '金色家园',
  '碧桂园',
  '万科城',
  '绿地世纪城',
  '保利花园',
  '恒大名都',
  '幸福里',
  '和谐家园',
  '星河湾',
  '龙湖春江郦城',
  '华润城',
  '金地格林小镇',
  '融创玖樾府',
  '中海国际社区',
  '招商雍景湾',
  '世茂滨江花园',
  '新城悦府',
];
const WORKPLACES = [
  '科技园A座',
  '创业大厦',
  '国际金融中心',
  '财富广场',
  '软件园二期',
  '时代广场写字楼',
  '商务中心',
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '石',
  '廖',
  '贾',
  '夏',
  '韦',
  '方',
  '白',
  '邹',
  '孟',
  '熊',
  '秦',
  '邱',
  '江',
  '尹',
  '薛',
];
const surnamePicker = new WeightedPicker(SURNAMES.map((_, i) => (i < 10 ? 8 - i * 0.4 : i < 30 ? 2 : 1)));
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '慧',
  '建',
  '文',
  '玲',
  '婷',
  '雪',
  '梅',
  '琳',
  '晨',
  '宇',
  '浩',
  '欣',
  '怡',
  '佳',
  '鑫',
  '思',
  '雨',
  '子',
  '涵',
  '梓',
  '萱',
  '一',
  '诺',
  '博',
  '睿',
  '嘉',
  '悦',
  '晓',
  '小',
  '海',
  '国',
  '红',
];

const ADJ = [
  '快乐的',
  '爱吃鱼的',
  '安静的',
  '努力的',
  '微笑的',
  '奔跑的',
  '勇敢的',
  '温柔的',
  '可爱的',
  '慵懒的',
  '认真的',
  '会飞的',
  '发光的',
  '想睡觉的',
  '不吃香菜的',
  '爱旅行的',
  '爱喝茶的',
  '小小的',
  '甜甜的',
  '酷酷的',
  '迷糊的',
  '傲娇的',
  '元气的',
  '佛系的',
  '超级',
  '一只',
  '大大的',
  '胖胖的',
  '追风的',
  '晒太阳的',
];
const NOUN = [
  '小蜗牛',
  '猫',
  '兔子',
  '小熊',
  '橘子',
  '西瓜',
  '小鱼',
  '海豚',
  '柠檬',
  '企鹅',
  '考拉',
  '土豆',
  '番茄',
  '汤圆',
  '饺子',
  '奶茶',
  '布丁',
  '棉花糖',
  '小狐狸',
  '向日葵',
  '蒲公英',
  '星星',
  '月亮',
  '云朵',
  '小雨',
  '晴天',
  '夏天',
  '冬瓜',
  '芒果',
  '桃子',
  '小鹿',
  '松鼠',
  '仓鼠',
  '柴犬',
  '二哈',
  '团子',
  '阿狸',
  '花卷',
  '糯米',
  '豆豆',
];
const LATIN = [
  'sunny',
  'lucky',
  'coco',
  'lily',
  'tina',
  'kevin',
  'jack',
  'amy',
  'momo',
  'dudu',
  'annie',
  'leo',
  'zoe',
  'ray',
];

/** A bijection on 32-bit integers (so tb-style numbers look random but never repeat). */
function permute32(i: number): number {
  let x = i >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

export type Customer = {
  index: number;
  /** 买家会员名 (unique) */
  nick: string;
  /** 买家会员昵称 */
  displayNick: string;
  name: string;
  phone: string;
  province: string;
  remote: boolean;
  /** `广东省 广州市 越秀区 中山路88号阳光花园3栋502室(510030)` */
  address: string;
  /** JD style `广东广州市越秀区中山路88号…` (no spaces, no postcode). */
  jdAddress: string;
  /** Loyalty: how likely this buyer returns. */
  loyalty: number;
};

export function nickFor(index: number): string {
  const style = permute32(index ^ 0x5bd1e995) % 20;
  if (style < 10) return `tb${1_000_000_000 + permute32(index)}`;
  if (style < 18) {
    const a = index % ADJ.length;
    const n = Math.floor(index / ADJ.length) % NOUN.length;
    const k = Math.floor(index / (ADJ.length * NOUN.length));
    return `${ADJ[a]}${NOUN[n]}${k === 0 ? '' : k}`;
  }
  const w = index % LATIN.length;
  return `${LATIN[w]}_${Math.floor(index / LATIN.length) + 1}`;
}

export function personName(rng: Rng): string {
  const s = SURNAMES[surnamePicker.pick(rng)];
  return rng.chance(0.7) ? s + rng.pick(GIVEN) + rng.pick(GIVEN) : s + rng.pick(GIVEN);
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '3', '5', '5', '7', '8', '8', '9'])}${rng.digits(9, true)}`;
}

/** The buyers of one simulated world (memoised: a buyer is looked up several times per order). */
export class Customers {
  private readonly cache = new Map<number, Customer>();
  constructor(private readonly seed: number) {}

  /** The buyer with this index, always the same for the same seed. */
  at(index: number): Customer {
    const hit = this.cache.get(index);
    if (hit) return hit;
    const customer = makeCustomer(this.seed, index);
    if (this.cache.size >= 20_000) this.cache.clear();
    this.cache.set(index, customer);
    return customer;
  }
}

function makeCustomer(seed: number, index: number): Customer {
  const rng = new Rng(hashSeed(seed, 'customer', index));
  const nick = nickFor(index);
  const displayNick =
    nick.startsWith('tb') || nick.includes('_') ? `${rng.pick(ADJ)}${rng.pick(NOUN)}` : nick;
  const province = PROVINCES[provincePicker.pick(rng)];
  const city = rng.pick(province.cities);
  const [district, postcode] = rng.pick(city.districts);
  const road = rng.pick(ROADS);
  const num = rng.int(1, 999);
  const r = rng.next();
  const detail =
    r < 0.7
      ? `${road}${num}号${rng.pick(COMMUNITIES)}${rng.int(1, 28)}栋${rng.int(1, 4)}单元${rng.int(1, 32)}0${rng.int(1, 4)}室`
      : r < 0.85
        ? `${road}${num}号${rng.pick(WORKPLACES)}${rng.int(2, 30)}楼`
        : `${road}${num}号`;
  return {
    index,
    nick,
    displayNick,
    name: personName(rng),
    phone: mobile(rng),
    province: province.name,
    remote: province.remote === true,
    address: `${province.name} ${city.city} ${district} ${detail}(${postcode})`,
    jdAddress: `${province.name.replace(/(省|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '')}${city.city}${district}${detail}`,
    loyalty: rng.next(),
  };
}

/** JD buyer account, unique per index. */
export function jdAccountFor(index: number): string {
  const p = permute32(index + 0x3c6ef372);
  return `jd_${p.toString(16).padStart(8, '0')}${(index % 997).toString(36)}`;
}
