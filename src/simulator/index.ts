import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { badInput } from '../core/errors';
import { fenToDecimal } from '../core/money';
import { isValidDate } from '../core/time';
import { campaignWindows } from './calendar';
import { hms } from './clock';
import { type FileEntry, raisedPrice, Simulation } from './engine';
import { RUDE_PHRASE } from './text';
import { SCALES, type Scale } from './world';

/**
 * The StoreOps store simulator: a realistic fake Tmall store (plus a smaller JD store) written out
 * as the platforms' export files, with planted events the diagnosis must find (see
 * docs/simulator.md). Same options → byte-identical files.
 */

export type { Scale } from './world';

export type SimulateOptions = {
  outDir: string;
  days: number;
  seed: number;
  scale: Scale;
  /** Last simulated business date (yyyy-MM-dd). Default DEFAULT_END_DATE — never the wall clock. */
  endDate?: string;
  storeName?: string;
  /**
   * Expected orders on an ordinary weekday before seasonality and campaigns, instead of the
   * scale's (large: 2 400 → ≈ 1 M orders a year; 3 600 over 730 days → ≈ 3 M). JD in proportion.
   */
  ordersPerDay?: number;
};

export type SimulatedFile = { kind: string; version: string; path: string; rows: number };

export type SimulateResult = {
  files: SimulatedFile[];
  /** Path of DIR/manifest.json (planted events, world, every file with rows and sha256). */
  manifestPath: string;
  manifest: Manifest;
};

/** The fixed default last business date (the export is stamped the next morning at 08:30). */
export const DEFAULT_END_DATE = '2026-11-24';
export const DEFAULT_SEED = 20261124;
export const DEFAULT_STORE_NAME = '测试旗舰店';

export type PlantedEvent = {
  id: string;
  type: string;
  /** `market` when the industry moved too, `store` when only the store did, `product`, `service`, `operations`. */
  scope: 'market' | 'store' | 'product' | 'service' | 'operations' | 'competitor';
  from: string;
  to: string;
  description: string;
  details: Record<string, unknown>;
};

export type Manifest = {
  generator: 'storeops-simulator';
  formatVersion: 1;
  seed: number;
  scale: Scale;
  days: number;
  startDate: string;
  endDate: string;
  exportedAt: string;
  timeZone: 'Asia/Shanghai';
  store: { name: string; platform: 'tmall'; shopId: string };
  jdStore: { name: string; platform: 'jd' };
  agents: { account: string; name: string; shift: string; role: string; level: string }[];
  products: unknown[];
  adPlans: unknown[];
  competitors: string[];
  categories: string[];
  calendar: ReturnType<typeof campaignWindows>;
  plantedEvents: PlantedEvent[];
  stockouts: { skuCode: string; itemId: string; from: string; to: string; planted: boolean }[];
  totals: Record<string, number | string>;
  files: {
    kind: string;
    version: string;
    path: string;
    format: string;
    encoding: string;
    rows: number;
    bytes: number;
    sha256: string;
  }[];
};

export async function simulateStore(opts: SimulateOptions): Promise<SimulateResult> {
  const endDate = opts.endDate ?? DEFAULT_END_DATE;
  if (!isValidDate(endDate))
    throw badInput('demo.invalid_end_date', `not a date: ${endDate}`, { params: { value: endDate } });
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 3660)
    throw badInput('demo.invalid_days', `days must be 1…3660: ${opts.days}`, {
      params: { value: String(opts.days) },
    });
  if (!(opts.scale in SCALES))
    throw badInput('demo.invalid_scale', `unknown scale ${opts.scale}`, { params: { value: opts.scale } });
  if (!Number.isSafeInteger(opts.seed))
    throw badInput('demo.invalid_seed', `seed must be an integer: ${opts.seed}`);
  if (
    opts.ordersPerDay !== undefined &&
    (!Number.isInteger(opts.ordersPerDay) || opts.ordersPerDay < 1 || opts.ordersPerDay > 20_000)
  )
    throw badInput('demo.invalid_orders_per_day', `orders per day must be 1…20000: ${opts.ordersPerDay}`, {
      params: { value: String(opts.ordersPerDay) },
    });

  const sim = new Simulation({
    outDir: opts.outDir,
    days: opts.days,
    seed: opts.seed,
    scale: opts.scale,
    endDate,
    storeName: opts.storeName ?? DEFAULT_STORE_NAME,
    ...(opts.ordersPerDay !== undefined ? { ordersPerDay: opts.ordersPerDay } : {}),
  });
  const entries = await sim.run();
  const manifest = buildManifest(sim, entries);
  const manifestPath = join(opts.outDir, 'manifest.json');
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return {
    files: entries.map((e) => ({ kind: e.kind, version: e.version, path: e.path, rows: e.rows })),
    manifestPath,
    manifest,
  };
}

function buildManifest(sim: Simulation, entries: FileEntry[]): Manifest {
  const { world, clock, plan } = sim;
  const date = (d: number) => clock.date(d);
  const events: PlantedEvent[] = [];
  if (plan.marketDip) {
    const m = plan.marketDip;
    events.push({
      id: 'market-dip',
      type: 'market_dip',
      scope: 'market',
      from: date(m.from),
      to: date(m.to),
      description: '行业大盘下滑：全类目访客和成交同步下降，店铺随大盘下降（不是店铺自身问题）',
      details: { factors: m.factors, categories: world.categories, competitorsAffected: true },
    });
  }
  if (plan.heroStockout) {
    const s = plan.heroStockout;
    events.push({
      id: 'hero-stockout',
      type: 'hero_stockout',
      scope: 'store',
      from: date(s.from),
      to: date(s.to),
      description: `主打款「${s.product.short}」断货（供应商批次延迟），商品下架，店铺成交下滑而行业平稳`,
      details: {
        itemId: s.product.itemId,
        title: s.product.title,
        skuCodes: s.product.skus.map((k) => k.code),
        restockDate: date(s.to + 1),
        // Out of stock, it drops out of search: the 流量来源 file shows the loss in 手淘搜索.
        trafficSource: '手淘搜索',
      },
    });
  }
  if (plan.adBudget) {
    const a = plan.adBudget;
    events.push({
      id: 'ad-budget-exhausted',
      type: 'ad_budget_exhausted',
      scope: 'store',
      from: date(a.day),
      to: date(a.day),
      description: `直通车计划「${a.plan.name}」日限额被误调低、点击单价上涨，预算提前花完，${hms(a.offlineAt).slice(0, 5)} 下线`,
      details: {
        channel: 'ztc',
        planId: a.plan.planId,
        planName: a.plan.name,
        offlineAt: hms(a.offlineAt).slice(0, 5),
        budget: sim.adBudgetInfo ? fenToDecimal(sim.adBudgetInfo.budgetFen) : null,
        usualBudget: sim.adBudgetInfo ? fenToDecimal(sim.adBudgetInfo.usualBudgetFen) : null,
        clicksBeforeOffline: sim.adBudgetInfo?.clicksBefore ?? null,
        clicksLost: sim.adBudgetInfo?.lostClicks ?? null,
        itemIds: a.plan.units.map((u) => u.product.itemId),
        trafficSource: '直通车',
      },
    });
  }
  if (plan.priceChange) {
    const p = plan.priceChange;
    events.push({
      id: 'price-change',
      type: 'price_change',
      scope: 'product',
      from: date(p.day),
      to: date(clock.days - 1),
      description: `「${p.product.short}」全部 SKU 提价约 ${p.pct}%，此后转化率下降`,
      details: {
        itemId: p.product.itemId,
        title: p.product.title,
        skus: p.product.skus.map((k) => ({
          code: k.code,
          oldPrice: fenToDecimal(k.priceFen),
          newPrice: fenToDecimal(raisedPrice(k.priceFen, p.pct)),
        })),
        conversionEffect: p.effect,
      },
    });
  }
  if (plan.badBatch) {
    const b = plan.badBatch;
    const days = sim.badBatchReviewDays;
    events.push({
      id: 'bad-review-burst',
      type: 'bad_review_burst',
      scope: 'product',
      from: days.length > 0 ? date(Math.min(...days)) : date(b.from),
      to: days.length > 0 ? date(Math.min(clock.days - 1, Math.max(...days))) : date(b.to),
      description: `「${b.product.short}」一批次质量问题，集中出现差评和质量退款`,
      details: {
        itemId: b.product.itemId,
        title: b.product.title,
        reason: sim.badBatchReason(),
        ordersFrom: date(b.from),
        ordersTo: date(b.to),
        badReviews: sim.badBatchBadReviews,
        qualityRefunds: sim.badBatchRefunds,
      },
    });
  }
  if (plan.slowAgent) {
    const s = plan.slowAgent;
    const st = sim.slowStats;
    events.push({
      id: 'slow-reply-agent',
      type: 'slow_reply_agent',
      scope: 'service',
      from: date(s.from),
      to: date(Math.min(s.to, clock.days - 1)),
      description: `客服「${s.agent.name}」这段时间回复慢（首次响应经常超过 2 分钟）`,
      details: {
        agent: s.agent.account,
        meanFirstResponseSec: st.firstCount > 0 ? Math.round(st.firstSum / st.firstCount) : null,
        othersMeanFirstResponseSec: st.othersCount > 0 ? Math.round(st.othersSum / st.othersCount) : null,
      },
    });
  }
  if (plan.rude && sim.rudeSessions.length > 0) {
    const r = plan.rude;
    const occ = sim.rudeSessions.map((s) => ({
      date: date(Math.floor(s.start / 86_400)),
      sessionId: s.id,
      buyer: s.buyer,
      orderId: s.order?.id ?? null,
      at: clock.format(s.messages.find((m) => m.text === RUDE_PHRASE)?.t ?? s.start),
    }));
    events.push({
      id: 'rude-phrase',
      type: 'rude_phrase',
      scope: 'service',
      from: occ[0].date,
      to: occ[occ.length - 1].date,
      description: `客服「${r.agent.name}」对议价的买家回复「${RUDE_PHRASE}」`,
      details: { agent: r.agent.account, phrase: RUDE_PHRASE, occurrences: occ },
    });
  }
  if (plan.unanswered && sim.unansweredSessions.length > 0) {
    const u = plan.unanswered;
    const sessions = sim.unansweredSessions.map((s) => ({
      date: date(Math.floor(s.start / 86_400)),
      sessionId: s.id,
      buyer: s.buyer,
      firstMessageAt: clock.format(s.start),
    }));
    events.push({
      id: 'unanswered-questions',
      type: 'unanswered_questions',
      scope: 'service',
      from: sessions[0].date,
      to: sessions[sessions.length - 1].date,
      description: `客服「${u.agent.name}」在线但离开座位（空挂 ${hms(u.idleFrom).slice(0, 5)}–${hms(u.idleTo).slice(0, 5)}），买家的问题无人回复`,
      details: {
        agent: u.agent.account,
        dates: u.days.map(date),
        idleFrom: hms(u.idleFrom).slice(0, 5),
        idleTo: hms(u.idleTo).slice(0, 5),
        sessions,
      },
    });
  }
  if (plan.lateShipDay !== null) {
    events.push({
      id: 'late-shipments',
      type: 'late_shipments',
      scope: 'operations',
      from: date(plan.lateShipDay),
      to: date(plan.lateShipDay),
      description: '仓库积压：当天付款的订单发货超过 48 小时（非大促）',
      details: {
        paidOn: date(plan.lateShipDay),
        count: sim.lateShipOrders.length,
        orderIds: sim.lateShipOrders,
      },
    });
  }
  if (plan.competitorPromo) {
    const c = plan.competitorPromo;
    events.push({
      id: 'competitor-promotion',
      type: 'competitor_promotion',
      scope: 'competitor',
      from: date(c.from),
      to: date(c.to),
      description: `竞品「${c.competitor.name}」大促，访客和成交明显上升，本店小幅下滑`,
      details: {
        competitor: c.competitor.name,
        visitorsFactor: 1.5,
        storeFactor: 0.92,
        // 竞品入店来源: the extra visitors come from 直通车 (×4) and 手淘推荐 (×1.6).
        trafficSources: ['直通车', '手淘推荐'],
      },
    });
  }
  if (plan.lateArrival) {
    const l = plan.lateArrival;
    events.push({
      id: 'late-arrival',
      type: 'late_arrival',
      scope: 'service',
      from: date(l.days[0]),
      to: date(l.days[l.days.length - 1]),
      description: `客服「${l.agent.name}」迟到上线`,
      details: {
        agent: l.agent.account,
        occurrences: l.days.map((d, i) => ({ date: date(d), minutesLate: l.minutes[i] })),
      },
    });
  }
  events.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id < b.id ? -1 : 1));

  const t = sim.totals;
  return {
    generator: 'storeops-simulator',
    formatVersion: 1,
    seed: world.seed,
    scale: world.scale,
    days: clock.days,
    startDate: date(0),
    endDate: date(clock.days - 1),
    exportedAt: `${date(clock.days)} 08:30:00`,
    timeZone: 'Asia/Shanghai',
    store: { name: world.storeName, platform: 'tmall', shopId: world.shopId },
    jdStore: { name: world.jdStoreName, platform: 'jd' },
    agents: world.agents.map((a) => ({
      account: a.account,
      name: a.name,
      shift: a.shift,
      role: a.role,
      level: a.level,
    })),
    products: world.products.map((p) => ({
      itemId: p.itemId,
      title: p.title,
      short: p.short,
      category: p.category,
      hero: p.hero,
      season: p.season,
      supplier: p.supplier,
      leadTimeDays: p.leadTimeDays,
      skus: p.skus.map((k) => ({
        code: k.code,
        skuId: k.skuId,
        jdSkuId: k.jdSkuId,
        props: k.props,
        price: fenToDecimal(k.priceFen),
        cost: fenToDecimal(k.costFen),
      })),
    })),
    adPlans: world.adPlans.map((a) => ({
      channel: a.channel,
      planId: a.planId,
      name: a.name,
      kind: a.kind,
      units: a.units.map((u) => ({ unitId: u.unitId, name: u.name, itemId: u.product.itemId })),
    })),
    competitors: world.competitors.map((c) => c.name),
    categories: world.categories,
    calendar: campaignWindows(date(0), date(clock.days - 1)),
    plantedEvents: events,
    stockouts: sim.stockouts.map((s) => ({
      skuCode: s.sku.code,
      itemId: s.product.itemId,
      from: date(s.from),
      to: date(s.to),
      planted: s.planted,
    })),
    totals: {
      orders: t.orders,
      paidOrders: t.paidOrders,
      unpaidOpen: t.unpaidOpen,
      closedUnpaid: t.closedUnpaid,
      orderLines: t.items,
      demandLostToStockout: t.lostToStockout,
      paidAmount: fenToDecimal(t.paidFen),
      refunds: t.refunds,
      reviews: t.reviews,
      badReviews: t.badReviews,
      chatSessions: t.sessions,
      chatMessages: t.messages,
      jdOrders: t.jdOrders,
      jdLines: t.jdLines,
      peakLateShipments: sim.peakLateCount,
    },
    files: entries.map((e) => ({
      kind: e.kind,
      version: e.version,
      path: basename(e.path),
      format: e.format,
      encoding: e.encoding,
      rows: e.rows,
      bytes: e.bytes,
      sha256: e.sha256,
    })),
  };
}

export type DemoArgs = SimulateOptions;

export const DEMO_USAGE =
  'usage: storeops demo --out DIR [--days N] [--seed N] [--scale small|medium|large] [--end yyyy-MM-dd] [--store NAME]';

/**
 * Parses `storeops demo` arguments (without the command itself). Throws a `demo.usage` error
 * (the CLI exits with 2) on anything it does not understand. `--days` defaults per scale
 * (small 60, medium/large 365); `--end` defaults to DEFAULT_END_DATE.
 */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const usage = (msg: string) =>
    badInput('demo.usage', `${msg}\n${DEMO_USAGE}`, { params: { message: msg } });
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m) throw usage(`unexpected argument: ${a}`);
    const key = m[1];
    if (!['out', 'days', 'seed', 'scale', 'end', 'store'].includes(key))
      throw usage(`unknown option --${key}`);
    let v = m[2];
    if (v === undefined) {
      v = argv[++i];
      if (v === undefined) throw usage(`--${key} needs a value`);
    }
    values.set(key, v);
  }
  const outDir = values.get('out');
  if (!outDir) throw usage('--out DIR is required');
  const scale = (values.get('scale') ?? 'medium') as Scale;
  if (!(scale in SCALES)) throw usage(`--scale must be small, medium or large: ${scale}`);
  const int = (key: string, def: number) => {
    const v = values.get(key);
    if (v === undefined) return def;
    if (!/^\d+$/.test(v)) throw usage(`--${key} must be a whole number: ${v}`);
    return Number(v);
  };
  const days = int('days', SCALES[scale].defaultDays);
  if (days < 1 || days > 3660) throw usage(`--days must be 1…3660: ${days}`);
  const seed = int('seed', DEFAULT_SEED);
  const endDate = values.get('end') ?? DEFAULT_END_DATE;
  if (!isValidDate(endDate)) throw usage(`--end must be a date yyyy-MM-dd: ${endDate}`);
  const storeName = values.get('store');
  return { outDir, days, seed, scale, endDate, ...(storeName ? { storeName } : {}) };
}
