import { buildCatalog, type Product } from './catalog';
import { Rng } from './rng';
import { COMPETITORS } from './text';

export type Scale = 'small' | 'medium' | 'large';

export type ScaleConfig = {
  /** Expected orders on an ordinary weekday before seasonality and campaigns. */
  baseOrders: number;
  /** Expected JD orders per ordinary day. */
  jdBaseOrders: number;
  /** Default number of simulated days. */
  defaultDays: number;
  /** Days of orders in the XLSX slice of the order report. */
  xlsxSliceDays: number;
};

export const SCALES: Record<Scale, ScaleConfig> = {
  small: { baseOrders: 42, jdBaseOrders: 5, defaultDays: 60, xlsxSliceDays: 7 },
  medium: { baseOrders: 150, jdBaseOrders: 16, defaultDays: 365, xlsxSliceDays: 7 },
  large: { baseOrders: 2400, jdBaseOrders: 220, defaultDays: 365, xlsxSliceDays: 7 },
};

export type Shift = 'day' | 'night';

export type Agent = {
  index: number;
  name: string;
  /** `测试旗舰店:小美` */
  account: string;
  shift: Shift;
  role: 'presale' | 'aftersale';
  level: 'junior' | 'mid' | 'senior';
  /** Roster: the agent is off when (day + rosterOffset) % 7 === 0 (≈ 4 days a month). */
  rosterOffset: number;
};

/** Shift hours (seconds of day): day 08:30–17:30, night 17:00–24:00 (DOMAIN.md §5). */
export const SHIFT_HOURS: Record<Shift, [number, number]> = {
  day: [8.5 * 3600, 17.5 * 3600],
  night: [17 * 3600, 24 * 3600],
};

export type AdUnit = { unitId: string; name: string; product: Product };
export type AdPlan = {
  channel: 'ztc' | 'ylmf';
  planId: string;
  name: string;
  kind: string;
  /** Cost per click in fen on an ordinary day. */
  cpcFen: number;
  /** Click-through rate. */
  ctr: number;
  /** Share of each unit product's visitors bought through this plan. */
  share: number;
  units: AdUnit[];
};

export type Competitor = { name: string; share: number };

export type World = {
  seed: number;
  scale: Scale;
  config: ScaleConfig;
  storeName: string;
  shopId: string;
  jdStoreName: string;
  products: Product[];
  heroes: Product[];
  agents: Agent[];
  adPlans: AdPlan[];
  competitors: Competitor[];
  categories: string[];
  /** The store's share of each category's market (visitors). */
  categoryShare: Map<string, number>;
};

const AGENT_DEFS: [string, Shift, Agent['role'], Agent['level'], number][] = [
  ['小美', 'day', 'presale', 'senior', 0],
  ['小雨', 'day', 'presale', 'mid', 2],
  ['阿杰', 'day', 'presale', 'junior', 4],
  ['小林', 'day', 'aftersale', 'mid', 6],
  ['小静', 'night', 'presale', 'mid', 1],
  ['大鹏', 'night', 'presale', 'junior', 3],
];

export function buildWorld(opts: {
  seed: number;
  scale: Scale;
  storeName: string;
  ordersPerDay?: number;
}): World {
  const rng = Rng.of(opts.seed, 'world');
  const base = SCALES[opts.scale];
  const config: ScaleConfig =
    opts.ordersPerDay === undefined
      ? base
      : {
          ...base,
          baseOrders: opts.ordersPerDay,
          jdBaseOrders: Math.max(1, Math.round((base.jdBaseOrders * opts.ordersPerDay) / base.baseOrders)),
        };
  const products = buildCatalog(opts.seed);
  const heroes = products.filter((p) => p.hero);
  const agents: Agent[] = AGENT_DEFS.map(([name, shift, role, level, rosterOffset], index) => ({
    index,
    name,
    account: `${opts.storeName}:${name}`,
    shift,
    role,
    level,
    rosterOffset,
  }));
  const byShort = (s: string) => {
    const p = products.find((x) => x.short === s);
    if (!p) throw new Error(`no product ${s}`);
    return p;
  };
  const plan = (
    channel: AdPlan['channel'],
    name: string,
    kind: string,
    cpcFen: number,
    ctr: number,
    share: number,
    units: string[],
  ): AdPlan => ({
    channel,
    planId: rng.digits(channel === 'ztc' ? 8 : 10),
    name,
    kind,
    cpcFen,
    ctr,
    share,
    units: units.map((u) => ({
      unitId: rng.digits(channel === 'ztc' ? 10 : 12),
      name: `${u}-主推`,
      product: byShort(u),
    })),
  });
  const adPlans: AdPlan[] = [
    plan('ztc', '爆款-保温杯', '标准推广', 125, 0.038, 0.3, ['保温杯']),
    plan('ztc', '冬季-四件套', '标准推广', 160, 0.032, 0.22, ['四件套']),
    plan('ztc', '全店爆款推广', '智能推广', 95, 0.041, 0.24, ['收纳箱', '毛巾']),
    plan('ztc', '日常引流', '智能推广', 70, 0.029, 0.1, ['玻璃饭盒', '衣架', '洗脸巾']),
    plan('ylmf', '拉新-保温杯人群', '拉新', 60, 0.011, 0.08, ['保温杯']),
    plan('ylmf', '店铺人群-床品收纳', '老客召回', 55, 0.009, 0.07, ['四件套', '收纳箱']),
  ];
  const categories = [...new Set(products.map((p) => p.category))];
  const categoryShare = new Map<string, number>();
  for (const c of categories) categoryShare.set(c, rng.range(0.004, 0.012));
  return {
    seed: opts.seed,
    scale: opts.scale,
    config,
    storeName: opts.storeName,
    shopId: rng.digits(9),
    jdStoreName: `${opts.storeName.replace(/旗舰店$/, '')}京东自营专卖店`.replace('自营', ''),
    products,
    heroes,
    agents,
    adPlans,
    competitors: COMPETITORS.map((c) => ({ ...c })),
    categories,
    categoryShare,
  };
}
