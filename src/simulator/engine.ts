import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { applyBasisPoints } from '../core/money';
import { addDays, zonedInstant } from '../core/time';
import { Roster } from './agents';
import { type CalendarDay, calendarDay } from './calendar';
import { ADD_ONS, type Product, type Sku } from './catalog';
import { DAY, fileStamp, HOUR, hms, MINUTE, SimClock } from './clock';
import { CsvWriter } from './csv';
import { Demand, sampleChatTime, sampleTime, trafficShareBefore } from './demand';
import { allocate, divFen, fixed2, pct, yuan, yuanGrouped, yuanPer } from './format';
import * as H from './headers';
import type {
  Item,
  Message,
  Order,
  Refund,
  RefundStage,
  Review,
  Session,
  SessionKind,
  TrafficSource,
} from './model';
import { type Customer, Customers, jdAccountFor } from './people';
import { type Plan, planEvents } from './plan';
import { hashSeed, Rng, WeightedPicker } from './rng';
import {
  affiliateCommissionFen,
  affiliateCsvRow,
  affiliatePartnerOf,
  itemCsvRow,
  orderCsvRow,
  orderXlsxRow,
  refundCsvRow,
  refundDone,
  reviewXlsxRow,
} from './rows';
import {
  afterSaleDialogue,
  autoReply,
  BAD_BATCH_DEFECT,
  type BadReason,
  BUYER_MESSAGES,
  badReview,
  type ChatLine,
  CLOSE_REASON_REFUND,
  CLOSE_REASON_TIMEOUT,
  CLOSE_REASONS_BUYER,
  followUp,
  goodReview,
  INVOICE_TITLES,
  mediumReview,
  presaleDialogue,
  QUALITY_COMPLAINT,
  REFUND_AFTER_SALE,
  REFUND_AFTER_SHIP,
  REFUND_BEFORE_SHIP,
  REFUND_LATE_SHIP,
  type RefundReason,
  reminderDialogue,
  SELLER_MEMOS,
  unansweredDialogue,
} from './text';
import { type AdPlan, type Agent, buildWorld, type Scale, type World } from './world';
import { XlsxWriter } from './xlsx';

export type EngineOptions = {
  outDir: string;
  days: number;
  seed: number;
  scale: Scale;
  endDate: string;
  storeName: string;
  /** Overrides the scale's expected orders per ordinary weekday (JD orders in proportion). */
  ordersPerDay?: number;
};

export type FileEntry = {
  kind: string;
  /** Format version within the kind (e.g. taobao-orders `2019` CSV / `current` XLSX, ads `ztc` / `ylmf-wxt`). */
  version: string;
  path: string;
  rows: number;
  sha256: string;
  bytes: number;
  format: 'csv' | 'xlsx';
  encoding: 'gbk' | 'utf8-bom' | 'xlsx';
};

/** Index spaces: buyers 0…, chat-only visitors from VISITOR_BASE, JD buyers from JD_BASE. */
const VISITOR_BASE = 100_000_000;
const JD_BASE = 200_000_000;

const CARRIERS: [name: string, weight: number, track: (r: Rng) => string][] = [
  ['中通快递', 35, (r) => `7${r.pick(['3', '5', '8'])}${r.digits(12, true)}`],
  ['圆通速递', 25, (r) => `YT${r.digits(13)}`],
  ['韵达快递', 20, (r) => `43${r.digits(11, true)}`],
  ['申通快递', 10, (r) => `77${r.digits(13, true)}`],
  ['极兔速递', 5, (r) => `JT${r.digits(13)}`],
  ['顺丰速运', 5, (r) => `SF${r.digits(13)}`],
];
const carrierPicker = new WeightedPicker(CARRIERS.map((c) => c[1]));
const NEAR = new Set(['浙江省', '江苏省', '上海', '安徽省']);

const SOURCES_ORGANIC: [TrafficSource, number][] = [
  ['手淘搜索', 50],
  ['手淘推荐', 25],
  ['购物车', 15],
  ['直接访问', 10],
];
const organicPicker = new WeightedPicker(SOURCES_ORGANIC.map((s) => s[1]));
const afterShipPicker = new WeightedPicker(REFUND_AFTER_SHIP.map((r) => r[1]));
const afterSalePicker = new WeightedPicker(REFUND_AFTER_SALE.map((r) => r[1]));

type ProductAgg = {
  visitors: number;
  pv: number;
  fav: number;
  cart: number;
  cartQty: number;
  stay: number;
  bounce: number;
  orderFen: number;
  orderBuyers: Set<number>;
  orderQty: number;
  paidFen: number;
  paidBuyers: Set<number>;
  paidQty: number;
  refundFen: number;
  reviews: number;
  negReviews: number;
  /** Paid amount (line 实付) and buyers per order 流量来源. */
  bySource: Map<string, SourcePaid>;
};

type SourcePaid = { fen: number; buyers: Set<number> };

function sourcePaid(m: Map<string, SourcePaid>, source: string): SourcePaid {
  let e = m.get(source);
  if (!e) {
    e = { fen: 0, buyers: new Set() };
    m.set(source, e);
  }
  return e;
}

/**
 * 生意参谋 流量来源 of the organic visitors (those not bought through 直通车 / 引力魔方 clicks):
 * weights close to the order picker's (SOURCES_ORGANIC, 淘宝客 ~4 %), plus 其他 without orders.
 */
const ORGANIC_SOURCE_WEIGHTS: [string, number][] = [
  ['手淘搜索', 48],
  ['手淘推荐', 24],
  ['购物车', 14],
  ['直接访问', 7],
  ['淘宝客', 4],
  ['其他', 3],
];
/** A competitor's visitors by source (竞品入店来源). */
const COMPETITOR_SOURCE_WEIGHTS: [string, number][] = [
  ['手淘搜索', 45],
  ['手淘推荐', 22],
  ['直通车', 12],
  ['购物车', 9],
  ['淘宝客', 5],
  ['直接访问', 5],
  ['其他', 2],
];
const SOURCE_ORDER = ['手淘搜索', '手淘推荐', '直通车', '引力魔方', '淘宝客', '购物车', '直接访问', '其他'];

type DayAgg = {
  paidFen: number;
  paidBuyers: Map<number, number>;
  paidSubOrders: number;
  paidQty: number;
  orderFen: number;
  orderBuyers: Set<number>;
  orderQty: number;
  refundFen: number;
  reviews: number;
  photoReviews: number;
  goodReviews: number;
  negReviews: number;
  taokeFen: number;
  products: ProductAgg[];
  bySource: Map<string, SourcePaid>;
};

type AdLine = {
  plan: AdPlan;
  unitIndex: number;
  product: Product;
  clicks: number;
  impressions: number;
  spendFen: number;
  directFen: number;
  indirectFen: number;
  orders: number;
};

type StockoutRecord = { sku: Sku; product: Product; from: number; to: number; planted: boolean };

type AgentStat = {
  buyers: Set<string>;
  inquiry: Set<string>;
  paidBuyers: Set<string>;
  salesFen: number;
  qty: number;
  paidOrders: number;
  refundedOrders: number;
  sessions: number;
  answered: number;
  firstSum: number;
  firstCount: number;
  roundSum: number;
  roundCount: number;
  unanswered: Set<string>;
  slow: Set<string>;
};

export class Simulation {
  readonly world: World;
  readonly clock: SimClock;
  readonly plan: Plan;
  readonly n: number;
  /** The export instant: 08:30 the day after the last simulated day. */
  readonly T: number;
  private readonly demand: Demand;
  private readonly roster: Roster;
  private readonly customers: Customers;
  private readonly opts: EngineOptions;
  private readonly skus: { product: Product; sku: Sku }[] = [];
  private readonly skuIndex = new Map<Sku, number>();

  private orderCounter: number;
  private refundCounter: number;
  private jdCounter: number;
  private customerNext = 0;
  private visitorNext = 0;
  private jdCustomerNext = 0;
  private firstPaid = new Int32Array(1 << 16).fill(-1);

  private readonly avail: Int32Array;
  private transit: { gi: number; qty: number; arrive: number }[] = [];
  private readonly reorderBlockedUntil: Int32Array;
  private readonly stockoutOpen = new Map<number, StockoutRecord>();
  readonly stockouts: StockoutRecord[] = [];

  private readonly refundBucket = new Map<number, Refund[]>();
  private readonly reviewBucket = new Map<number, Review[]>();
  private readonly sessionBucket = new Map<number, Session[]>();
  private readonly aggs = new Map<number, DayAgg>();
  private adLines: AdLine[] = [];

  // Planted-event bookkeeping (for the manifest).
  private readonly rudeUsed = new Set<number>();
  readonly rudeSessions: Session[] = [];
  readonly unansweredSessions: Session[] = [];
  readonly lateShipOrders: string[] = [];
  readonly peakLateOrders: string[] = [];
  peakLateCount = 0;
  badBatchBadReviews = 0;
  badBatchReviewDays: number[] = [];
  badBatchRefunds = 0;
  slowStats = { firstSum: 0, firstCount: 0, othersSum: 0, othersCount: 0 };
  adBudgetInfo: {
    clicksBefore: number;
    lostClicks: number;
    spendFen: number;
    budgetFen: number;
    usualBudgetFen: number;
  } | null = null;
  readonly totals = {
    orders: 0,
    paidOrders: 0,
    unpaidOpen: 0,
    closedUnpaid: 0,
    items: 0,
    lostToStockout: 0,
    refunds: 0,
    reviews: 0,
    badReviews: 0,
    sessions: 0,
    messages: 0,
    jdOrders: 0,
    jdLines: 0,
    paidFen: 0,
  };
  private dsr = { desc: 4.82, logistics: 4.8, service: 4.84 };

  private w!: {
    orders: CsvWriter;
    items: CsvWriter;
    ordersXlsx: XlsxWriter;
    refunds: CsvWriter;
    reviews: XlsxWriter;
    store: XlsxWriter;
    product: XlsxWriter;
    industry: XlsxWriter;
    competitors: XlsxWriter;
    storeSources: XlsxWriter;
    productSources: CsvWriter;
    competitorSources: XlsxWriter;
    ztc: CsvWriter;
    ylmf: CsvWriter;
    chat: CsvWriter;
    csDaily: XlsxWriter;
    stock: CsvWriter;
    jd: CsvWriter;
    affiliate: CsvWriter;
  };
  private kinds = new Map<
    object,
    { kind: string; version: string; format: FileEntry['format']; encoding: FileEntry['encoding'] }
  >();
  readonly stampDate: Date;
  readonly fileStamp: string;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.world = buildWorld({
      seed: opts.seed,
      scale: opts.scale,
      storeName: opts.storeName,
      ordersPerDay: opts.ordersPerDay,
    });
    const startDate = addDays(opts.endDate, -(opts.days - 1));
    this.clock = new SimClock(startDate, opts.days);
    this.n = opts.days;
    this.T = this.n * DAY + 8 * HOUR + 30 * MINUTE;
    this.demand = new Demand(this.world, this.clock);
    this.plan = planEvents(this.world, this.clock, (p, d) => this.demand.expected(d, p));
    this.roster = new Roster(opts.seed, this.clock, this.plan, this.world.agents);
    this.customers = new Customers(opts.seed);
    for (const p of this.world.products)
      for (const s of p.skus) {
        this.skuIndex.set(s, this.skus.length);
        this.skus.push({ product: p, sku: s });
      }
    this.avail = new Int32Array(this.skus.length);
    this.reorderBlockedUntil = new Int32Array(this.skus.length).fill(-1);
    const ids = Rng.of(opts.seed, 'ids');
    this.orderCounter = 1_200_000_000_000_000 + ids.int(0, 200_000_000_000_000);
    this.refundCounter = 1_500_000_000_000_000 + ids.int(0, 100_000_000_000_000);
    this.jdCounter = 280_000_000_000 + ids.int(0, 9_000_000_000);
    const exportDate = this.clock.date(this.n);
    this.stampDate = zonedInstant(exportDate, '08:30:00');
    this.fileStamp = fileStamp(exportDate, 8 * HOUR + 30 * MINUTE);
  }

  badBatchReason(): string | null {
    return this.plan.badBatch ? BAD_BATCH_DEFECT[this.plan.badBatch.product.topic].reason : null;
  }

  // ------------------------------------------------------------------ helpers

  private agg(d: number): DayAgg {
    let a = this.aggs.get(d);
    if (!a) {
      a = {
        paidFen: 0,
        paidBuyers: new Map(),
        paidSubOrders: 0,
        paidQty: 0,
        orderFen: 0,
        orderBuyers: new Set(),
        orderQty: 0,
        refundFen: 0,
        reviews: 0,
        photoReviews: 0,
        goodReviews: 0,
        negReviews: 0,
        taokeFen: 0,
        products: this.world.products.map(() => ({
          visitors: 0,
          pv: 0,
          fav: 0,
          cart: 0,
          cartQty: 0,
          stay: 0,
          bounce: 0,
          orderFen: 0,
          orderBuyers: new Set<number>(),
          orderQty: 0,
          paidFen: 0,
          paidBuyers: new Set<number>(),
          paidQty: 0,
          refundFen: 0,
          reviews: 0,
          negReviews: 0,
          bySource: new Map(),
        })),
        bySource: new Map(),
      };
      this.aggs.set(d, a);
    }
    return a;
  }

  private push<T>(bucket: Map<number, T[]>, day: number, v: T): void {
    const list = bucket.get(day);
    if (list) list.push(v);
    else bucket.set(day, [v]);
  }

  private inRange(r: { from: number; to: number } | null, d: number): boolean {
    return r !== null && d >= r.from && d <= r.to;
  }

  priceOf(p: Product, sku: Sku, d: number): number {
    const pc = this.plan.priceChange;
    if (pc && pc.product === p && d >= pc.day) return raisedPrice(sku.priceFen, pc.pct);
    return sku.priceFen;
  }

  /** A plan's daily budget: marketing sets it at ~1.4× the day's expected spend (10-yuan steps). */
  adBudget(ap: AdPlan, d: number): number {
    const cal = calendarDay(this.clock.date(d));
    const cpc = ap.cpcFen * (cal.peak ? 1.35 : cal.campaign ? 1.1 : 1);
    let clicks = 0;
    for (const u of ap.units) clicks += this.demand.visitors(d, u.product) * ap.share;
    return Math.max(5_000, Math.ceil((clicks * cpc) / 0.7 / 1_000) * 1_000);
  }

  private forecastSku(gi: number, d: number): number {
    const { product, sku } = this.skus[gi];
    const wsum = product.skus.reduce((a, s) => a + s.weight, 0);
    return this.demand.expected(d, product) * (sku.weight / wsum) * (1 + product.multiQty * 1.3) * 1.08;
  }

  private forecastRange(gi: number, from: number, to: number): number {
    let s = 0;
    for (let d = from; d <= to; d++) s += this.forecastSku(gi, d);
    return s;
  }

  private transitQty(gi: number): number {
    let s = 0;
    for (const t of this.transit) if (t.gi === gi) s += t.qty;
    return s;
  }

  private nextCustomer(rng: Rng, p: Product): Customer {
    const repeat = this.customerNext > 20 && rng.chance(0.22 + p.multiQty * 0.3);
    if (repeat) {
      const a = this.customers.at(rng.int(0, this.customerNext - 1));
      const b = this.customers.at(rng.int(0, this.customerNext - 1));
      return a.loyalty >= b.loyalty ? a : b;
    }
    const c = this.customers.at(this.customerNext++);
    return c;
  }

  private markPaid(idx: number, day: number): void {
    if (idx >= this.firstPaid.length) {
      let size = this.firstPaid.length;
      while (size <= idx) size *= 2;
      const next = new Int32Array(size).fill(-1);
      next.set(this.firstPaid);
      this.firstPaid = next;
    }
    const cur = this.firstPaid[idx];
    if (cur === -1 || day < cur) this.firstPaid[idx] = day;
  }

  // ------------------------------------------------------------------ run

  async run(): Promise<FileEntry[]> {
    await mkdir(this.opts.outDir, { recursive: true });
    this.open();
    this.initStock();
    for (let d = 0; d < this.n; d++) await this.simulateDay(d);
    // Refunds and reviews between midnight and the export (08:30).
    await this.flushRefundsAndReviews(this.n);
    return this.close();
  }

  private open(): void {
    const dir = this.opts.outDir;
    const range = `${this.clock.date(0)}_${this.clock.date(this.n - 1)}`;
    const stamp = this.fileStamp;
    const csv = (
      name: string,
      kind: string,
      version: string,
      header: readonly string[],
      encoding: 'gbk' | 'utf8-bom' = 'gbk',
      trailingComma = false,
    ) => {
      const wr = new CsvWriter(join(dir, name), header, { encoding, trailingComma });
      this.kinds.set(wr, { kind, version, format: 'csv', encoding });
      return wr;
    };
    const big = this.world.config.baseOrders > 1_000;
    const xlsx = (name: string, kind: string, version: string, header: readonly string[], large = false) => {
      const wr = new XlsxWriter(join(dir, name), header, this.stampDate, { sharedStrings: !(big && large) });
      this.kinds.set(wr, { kind, version, format: 'xlsx', encoding: 'xlsx' });
      return wr;
    };
    this.w = {
      orders: csv(`ExportOrderList${stamp}.csv`, 'taobao-orders', '2019', H.TAOBAO_ORDERS_CSV),
      items: csv(
        `ExportOrderDetailList${stamp}.csv`,
        'taobao-order-items',
        'current',
        H.TAOBAO_ITEMS,
        'gbk',
        true,
      ),
      ordersXlsx: xlsx(
        `ExportOrderList${stamp}.xlsx`,
        'taobao-orders',
        'current',
        H.TAOBAO_ORDERS_XLSX,
        true,
      ),
      refunds: csv(`ExportRefundList${stamp}.csv`, 'taobao-refunds', 'newer', H.TAOBAO_REFUNDS),
      reviews: xlsx(`商品评价_${range}.xlsx`, 'reviews', 'sycm', H.TAOBAO_REVIEWS, true),
      store: xlsx(`【生意参谋平台】店铺整体_${range}.xlsx`, 'store-metrics', 'sycm', H.STORE_METRICS),
      product: xlsx(`【生意参谋平台】商品效果_${range}.xlsx`, 'product-metrics', 'sycm', H.PRODUCT_METRICS),
      industry: xlsx(
        `【生意参谋平台】市场大盘_${range}.xlsx`,
        'industry-metrics',
        'sycm',
        H.INDUSTRY_METRICS,
      ),
      competitors: xlsx(
        `【生意参谋平台】竞品分析_${range}.xlsx`,
        'competitor-metrics',
        'sycm',
        H.COMPETITOR_METRICS,
      ),
      storeSources: xlsx(
        `【生意参谋平台】店铺来源_${range}.xlsx`,
        'traffic-sources',
        'sycm',
        H.TRAFFIC_SOURCES_STORE,
      ),
      productSources: csv(
        `【生意参谋平台】商品来源_${range}.csv`,
        'traffic-sources',
        'sycm',
        H.TRAFFIC_SOURCES_PRODUCT,
      ),
      competitorSources: xlsx(
        `【生意参谋平台】竞品入店来源_${range}.xlsx`,
        'traffic-sources',
        'sycm-competitor',
        H.TRAFFIC_SOURCES_COMPETITOR,
      ),
      ztc: csv(`直通车_计划单元报表_${range}.csv`, 'ads', 'ztc', H.ADS_ZTC),
      ylmf: csv(`引力魔方_计划单元报表_${range}.csv`, 'ads', 'ylmf-wxt', H.ADS_YLMF),
      chat: csv(`StoreOps聊天记录_${range}.csv`, 'chat-log', 'storeops-v1', H.CHAT_LOG, 'utf8-bom'),
      csDaily: xlsx(`赤兔_客服绩效_${range}.xlsx`, 'cs-daily', 'chitu', H.CS_DAILY),
      stock: csv(`库存快照_${range}.csv`, 'stock', 'storeops-v1', H.STOCK_SNAPSHOT),
      jd: csv(`京东订单导出_${stamp}.csv`, 'jd-orders', 'pop', H.JD_ORDERS),
      affiliate: csv(`淘宝联盟_推广订单明细_${range}.csv`, 'affiliate-orders', 'current', H.AFFILIATE_ORDERS),
    };
  }

  private async close(): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    for (const wr of Object.values(this.w)) {
      const info = this.kinds.get(wr);
      if (!info) continue;
      const r = await wr.close();
      out.push({ ...info, path: r.path, rows: r.rows, sha256: r.sha256, bytes: r.bytes });
    }
    out.push(...(await this.writeAttendance()));
    return out;
  }

  // ------------------------------------------------------------------ stock

  private initStock(): void {
    for (let gi = 0; gi < this.skus.length; gi++) {
      this.avail[gi] = Math.ceil(this.forecastRange(gi, 0, 24)) + 5;
    }
  }

  private stockMorning(d: number): void {
    const keep: typeof this.transit = [];
    for (const t of this.transit) {
      if (t.arrive <= d) this.avail[t.gi] += t.qty;
      else keep.push(t);
    }
    this.transit = keep;
    const so = this.plan.heroStockout;
    if (so) {
      const gis = so.product.skus.map((s) => this.skuIndex.get(s) as number);
      if (d === so.from - 3) {
        // The supplier's batch is late: no reorders, nothing in transit, stock runs down.
        this.transit = this.transit.filter((t) => !gis.includes(t.gi));
        for (const gi of gis) {
          this.avail[gi] = Math.min(
            this.avail[gi],
            Math.ceil(this.forecastRange(gi, so.from - 3, so.from - 1) * 1.2) + 1,
          );
          this.reorderBlockedUntil[gi] = so.to;
        }
      }
      if (d === so.from) {
        for (const gi of gis) {
          this.avail[gi] = 0;
          // The late batch is announced: it shows as 在途 until it arrives the day after the stock-out.
          this.transit.push({
            gi,
            qty: Math.ceil(this.forecastRange(gi, so.to + 1, so.to + 25)) + 10,
            arrive: so.to + 1,
          });
        }
      }
    }
  }

  private async stockEvening(d: number, rng: Rng): Promise<void> {
    const date = this.clock.date(d);
    for (let gi = 0; gi < this.skus.length; gi++) {
      const { product, sku } = this.skus[gi];
      // Reorder when stock + in transit will not cover the lead time plus safety days.
      if (d > this.reorderBlockedUntil[gi]) {
        const lead = product.leadTimeDays;
        const safety = product.hero ? 10 : 7;
        const pos = this.avail[gi] + this.transitQty(gi);
        const need = Math.max(4, this.forecastRange(gi, d + 1, d + lead + safety) * 1.15);
        if (pos < need) {
          const qty =
            Math.ceil(need + this.forecastRange(gi, d + lead + safety + 1, d + lead + safety + 12) - pos) + 4;
          // Now and then a supplier is late: the occasional stock-out of an ordinary SKU.
          const delay = !product.hero && rng.chance(0.04) ? rng.int(6, 11) : 0;
          this.transit.push({ gi, qty, arrive: d + lead + delay });
        }
      }
      // Stock-out periods (end-of-day stock 0).
      const open = this.stockoutOpen.get(gi);
      if (this.avail[gi] <= 0) {
        if (open) open.to = d;
        else {
          const so = this.plan.heroStockout;
          const planted = so !== null && so.product === product && d >= so.from - 3 && d <= so.to;
          const rec: StockoutRecord = { sku, product, from: d, to: d, planted };
          this.stockoutOpen.set(gi, rec);
          this.stockouts.push(rec);
        }
      } else if (open) this.stockoutOpen.delete(gi);
      const p = this.w.stock.row([
        sku.code,
        product.itemId,
        product.title,
        String(this.avail[gi]),
        String(this.transitQty(gi)),
        date,
      ]);
      if (p) await p;
    }
  }

  // ------------------------------------------------------------------ the day

  private async simulateDay(d: number): Promise<void> {
    const date = this.clock.date(d);
    const cal = calendarDay(date);
    const rng = Rng.of(this.world.seed, 'day', d);
    this.stockMorning(d);

    const plan = this.plan;
    const dip =
      plan.marketDip && this.inRange(plan.marketDip, d) ? plan.marketDip.factors[d - plan.marketDip.from] : 1;
    const promo = this.inRange(plan.competitorPromo, d) ? 0.92 : 1;
    const storeNoise = rng.logNormal(1, 0.06);
    const agg = this.agg(d);

    // Demand and visitors per product.
    const expectedOrders: number[] = [];
    const visitors: number[] = [];
    for (const p of this.world.products) {
      const noise = storeNoise * rng.logNormal(1, 0.08) * dip * promo;
      let e = this.demand.expected(d, p) * noise;
      let v = this.demand.visitors(d, p) * noise * rng.logNormal(1, 0.03);
      if (plan.priceChange && plan.priceChange.product === p && d >= plan.priceChange.day)
        e *= plan.priceChange.effect;
      if (
        plan.badBatch &&
        plan.badBatch.product === p &&
        d >= plan.badBatch.to + 3 &&
        d <= plan.badBatch.to + 14
      )
        e *= 0.88;
      if (this.inRange(plan.heroStockout, d) && plan.heroStockout?.product === p) v *= 0.4;
      expectedOrders.push(e);
      visitors.push(v);
    }

    // Paid ads: clicks are part of the product's visitors.
    this.adLines = [];
    for (const ap of this.world.adPlans) {
      const cpcDay = ap.cpcFen * (cal.peak ? 1.35 : cal.campaign ? 1.1 : 1);
      const budget = this.adBudget(ap, d);
      const cpcBase = cpcDay * rng.logNormal(1, 0.08);
      const planted = plan.adBudget !== null && plan.adBudget.plan === ap && plan.adBudget.day === d;
      const lines: AdLine[] = ap.units.map((u, unitIndex) => {
        const clicks = Math.max(0, Math.round(visitors[u.product.index] * ap.share * rng.logNormal(1, 0.1)));
        const ctr = ap.ctr * rng.logNormal(1, 0.07);
        return {
          plan: ap,
          unitIndex,
          product: u.product,
          clicks,
          impressions: Math.round(clicks / ctr),
          spendFen: 0,
          directFen: 0,
          indirectFen: 0,
          orders: 0,
        };
      });
      if (planted && plan.adBudget) {
        // The daily budget (日限额) was cut by mistake and clicks got dearer (a bidding war): the
        // budget is gone at 15:20 and the plan goes offline for the rest of the day.
        const share = trafficShareBefore(plan.adBudget.offlineAt);
        const cpcPlanted = cpcBase * 1.3;
        let before = 0;
        let lost = 0;
        for (const l of lines) {
          const keep = Math.round(l.clicks * share);
          const gone = l.clicks - keep;
          visitors[l.product.index] -= gone;
          expectedOrders[l.product.index] *= 1 - (gone * 1.3) / Math.max(1, visitors[l.product.index] + gone);
          l.impressions = Math.round(l.impressions * share);
          l.clicks = keep;
          before += keep;
          lost += gone;
        }
        const cut = Math.max(100, Math.round(before * cpcPlanted));
        const spend = allocate(
          cut,
          lines.map((l) => Math.max(1, l.clicks)),
        );
        lines.forEach((l, i) => {
          l.spendFen = spend[i];
        });
        this.adBudgetInfo = {
          clicksBefore: before,
          lostClicks: lost,
          spendFen: cut,
          budgetFen: cut,
          usualBudgetFen: budget,
        };
      } else {
        let total = 0;
        for (const l of lines) {
          l.spendFen = Math.round(l.clicks * cpcBase);
          total += l.spendFen;
        }
        if (total > budget) {
          const spend = allocate(
            budget,
            lines.map((l) => l.spendFen),
          );
          lines.forEach((l, i) => {
            l.spendFen = spend[i];
          });
        }
      }
      this.adLines.push(...lines);
    }

    // Draft orders (time + product), then finalise in time order so stock runs out realistically.
    const drafts: { t: number; p: Product; k: number }[] = [];
    for (const p of this.world.products) {
      const count = rng.poisson(expectedOrders[p.index]);
      for (let k = 0; k < count; k++) drafts.push({ t: sampleTime(rng, d, cal.midnightPeak), p, k });
    }
    drafts.sort((a, b) => a.t - b.t || a.p.index - b.p.index || a.k - b.k);

    const sessions: Session[] = [];
    let inquiries = 0;
    const sliceFrom = this.n - this.world.config.xlsxSliceDays;
    for (const dr of drafts) {
      const o = this.makeOrder(dr.t, dr.p, d, cal, rng, visitors);
      if (!o) {
        this.totals.lostToStockout++;
        continue;
      }
      if (o.session) {
        sessions.push(o.session);
        inquiries++;
      }
      this.account(o, d);
      const p1 = this.w.orders.row(
        orderCsvRow(o, this.clock, this.T, this.world.shopId, this.world.storeName),
      );
      if (p1) await p1;
      for (const it of o.items) {
        const p2 = this.w.items.row(itemCsvRow(o, it, this.clock, this.T));
        if (p2) await p2;
      }
      if (o.source === '淘宝客' && o.paid !== null) {
        const partner = affiliatePartnerOf(o, hashSeed('affiliate', o.id));
        for (const it of o.items) {
          const p3 = this.w.affiliate.row(affiliateCsvRow(o, it, partner, this.clock, this.T));
          if (p3) await p3;
        }
      }
      if (d >= sliceFrom)
        this.w.ordersXlsx.addRow(
          orderXlsxRow(o, this.clock, this.T, this.world.shopId, this.world.storeName),
        );
    }

    // Product traffic numbers for the day's metrics.
    for (const p of this.world.products) {
      const pa = agg.products[p.index];
      const v = Math.max(0, Math.round(visitors[p.index]));
      pa.visitors = v;
      pa.pv = Math.round(v * rng.range(1.5, 1.9));
      pa.fav = Math.round(v * rng.range(0.015, 0.03));
      pa.cart = Math.round(v * rng.range(0.05, 0.08) * cal.cart);
      pa.cartQty = Math.round(pa.cart * rng.range(1.2, 1.5));
      pa.stay = rng.range(30, 60);
      pa.bounce = rng.range(0.45, 0.7);
    }

    // Reminders and after-sales chats scheduled for today by earlier (or today's) orders.
    sessions.push(...(this.sessionBucket.get(d) ?? []));
    this.sessionBucket.delete(d);
    this.browseSessions(d, cal, rng, inquiries, sessions);
    this.plantedSessions(d, cal, rng, sessions);
    await this.writeChat(d, sessions);
    await this.flushRefundsAndReviews(d);
    await this.jdDay(d, cal, dip);
    await this.stockEvening(d, rng);
    await this.writeAds(d);
    this.writeMetrics(d, cal, dip);
    await this.writeSources(d);
    this.aggs.delete(d);
  }

  // ------------------------------------------------------------------ orders

  private makeOrder(
    created: number,
    p: Product,
    d: number,
    cal: CalendarDay,
    rng: Rng,
    visitors: number[],
  ): Order | null {
    // SKU with stock.
    const pickSku = (q: Product): number | null => {
      const k = rng.weighted(q.skus.map((s) => s.weight));
      let gi = this.skuIndex.get(q.skus[k]) as number;
      if (this.avail[gi] > 0) return gi;
      if (!rng.chance(0.5)) return null;
      const alt = q.skus.map((s) => this.skuIndex.get(s) as number).filter((g) => this.avail[g] > 0);
      if (alt.length === 0) return null;
      gi = rng.pick(alt);
      return gi;
    };
    const gi0 = pickSku(p);
    if (gi0 === null) return null;

    const r = rng.next();
    const payKind: 'quick' | 'late' | 'never' = r < 0.875 ? 'quick' : r < 0.915 ? 'late' : 'never';
    const customer = this.nextCustomer(rng, p);

    const lines: { gi: number; qty: number }[] = [];
    let qty = 1 + (rng.chance(p.multiQty) ? (rng.chance(0.75) ? 1 : rng.int(2, 3)) : 0);
    qty = Math.min(qty, this.avail[gi0]);
    lines.push({ gi: gi0, qty });
    if (rng.chance(cal.crossStoreDiscount ? 0.22 : 0.1)) {
      const names = ADD_ONS[p.short] ?? [];
      const q = this.world.products.find((x) => x.short === rng.pick(names));
      if (q && q !== p) {
        const gi = q.skus.map((s) => this.skuIndex.get(s) as number).filter((g) => this.avail[g] > 0);
        if (gi.length > 0) lines.push({ gi: rng.pick(gi), qty: 1 });
      }
    }
    if (payKind !== 'never') for (const l of lines) this.avail[l.gi] -= l.qty;

    // Ids: time-ordered main ids; sub-orders follow the main id.
    this.orderCounter += rng.int(1_000, 2_000_000);
    const id = `35${String(this.orderCounter).padStart(17, '0')}`;
    const items: Item[] = lines.map((l, j) => {
      const { product, sku } = this.skus[l.gi];
      const unitFen = this.priceOf(product, sku, d);
      return {
        subId: lines.length === 1 ? id : `35${String(this.orderCounter + j + 1).padStart(17, '0')}`,
        product,
        sku,
        qty: l.qty,
        unitFen,
        goodsFen: unitFen * l.qty,
        payableFen: 0,
        paidFen: 0,
        refund: null,
      };
    });

    // Money, in integer fen: goods − discounts + postage = total; total − deductions = paid.
    const goods = items.reduce((a, it) => a + it.goodsFen, 0);
    let discount = 0;
    const notes: string[] = [];
    if (cal.crossStoreDiscount && goods >= 30_000) {
      const cut = Math.floor(goods / 30_000) * 5_000;
      discount += cut;
      notes.push(`跨店满减:${yuan(cut)}`);
    }
    if (goods >= 19_900 && rng.chance(0.55)) {
      discount += 2_000;
      notes.push('店铺优惠券:满199减20');
    } else if (goods >= 9_900 && rng.chance(0.4)) {
      discount += 1_000;
      notes.push('店铺优惠券:满99减10');
    }
    if (this.firstPaid.length <= customer.index || this.firstPaid[customer.index] === -1) {
      if (rng.chance(0.12)) {
        discount += 500;
        notes.push('新人立减:5.00');
      }
    }
    discount = Math.min(discount, goods - 100);
    const postage = customer.remote ? 1_200 : 0;
    const payable = goods - discount;
    const total = payable + postage;
    const jfb = rng.chance(0.03) ? rng.int(10, Math.max(10, Math.min(300, Math.floor(total / 10)))) : 0;
    const card = total > 3_000 && rng.chance(0.01) ? rng.pick([500, 1_000]) : 0;
    const paidAmount = total - jfb - card;
    const disc = allocate(
      discount,
      items.map((it) => it.goodsFen),
    );
    items.forEach((it, i) => {
      it.payableFen = it.goodsFen - disc[i];
    });
    const ded = allocate(
      jfb + card,
      items.map((it) => it.payableFen),
    );

    // Payment.
    let paid: number | null = null;
    let closed: number | null = null;
    let closeReason = '';
    let reminder: Session | null = null;
    if (payKind === 'quick')
      paid = created + Math.min(1_800, Math.max(5, Math.round(rng.logNormal(50, 0.9))));
    else {
      const rT = created + rng.int(1_200, 5_400);
      const agent = payKind === 'late' || rng.chance(0.5) ? this.roster.pick(rng, rT, 'presale') : null;
      if (agent) {
        const pay = payKind === 'late';
        reminder = this.session('reminder', rT, agent, customer.nick, reminderDialogue(rng, pay), rng, null);
        if (pay) paid = reminder.messages[reminder.messages.length - 1].t + rng.int(60, 1_800);
      }
      if (payKind === 'late' && paid === null) paid = created + rng.int(3_600, 20 * HOUR);
      if (payKind === 'never') {
        if (rng.chance(0.6)) {
          closed = created + DAY;
          closeReason = CLOSE_REASON_TIMEOUT;
        } else {
          closed = created + rng.int(120, 6 * HOUR);
          closeReason = rng.pick(CLOSE_REASONS_BUYER);
        }
      }
    }
    if (paid !== null && paid > this.T) paid = null;
    if (closed !== null && closed > this.T) {
      closed = null;
      closeReason = '';
    }
    if (reminder && reminder.start < this.n * DAY)
      this.push(this.sessionBucket, Math.floor(reminder.start / DAY), reminder);

    // Traffic source.
    let source: TrafficSource;
    const ztc = this.adLines
      .filter((l) => l.product === p && l.plan.channel === 'ztc')
      .reduce((a, l) => a + l.clicks, 0);
    const ylmf = this.adLines
      .filter((l) => l.product === p && l.plan.channel === 'ylmf')
      .reduce((a, l) => a + l.clicks, 0);
    const v = Math.max(1, visitors[p.index]);
    const u = rng.next();
    if (u < (ztc / v) * 1.15) source = '直通车';
    else if (u < (ztc / v) * 1.15 + ylmf / v) source = '引力魔方';
    else if (u < (ztc / v) * 1.15 + ylmf / v + 0.04) source = '淘宝客';
    else source = SOURCES_ORGANIC[organicPicker.pick(rng)][0];

    const carrierIdx = carrierPicker.pick(rng);
    const order: Order = {
      id,
      payNo: '',
      day: d,
      created,
      customer,
      items,
      goodsFen: goods,
      discountFen: discount,
      discountNotes: notes,
      postageFen: postage,
      totalFen: total,
      jfbFen: jfb,
      cardFen: card,
      paidAmountFen: paidAmount,
      paid,
      closed,
      closeReason,
      shipped: null,
      carrier: CARRIERS[carrierIdx][0],
      tracking: CARRIERS[carrierIdx][2](rng),
      confirmed: null,
      source,
      mobile: rng.chance(0.92),
      buyerMessage: rng.chance(0.06) ? rng.pick(BUYER_MESSAGES) : '',
      sellerMemo: rng.chance(0.03) ? rng.pick(SELLER_MEMOS) : '',
      invoice: rng.chance(0.03) ? rng.pick(INVOICE_TITLES) : '',
      altAddress: '',
      payMethod: rng.pick(['支付宝', '支付宝', '花呗', '余额宝', '信用卡']),
      session: null,
      lateShip: false,
      peakLate: false,
    };
    if (rng.chance(0.008)) order.altAddress = this.customers.at(rng.int(0, this.customerNext)).address;
    const payDayStr = paid !== null ? this.clock.date(Math.floor(paid / DAY)).replace(/-/g, '') : '';
    order.payNo = `${payDayStr || this.clock.date(d).replace(/-/g, '')}22001${String(this.orderCounter % 1_000_000_000_000_000).padStart(15, '0')}`;
    items.forEach((it, i) => {
      it.paidFen = paid !== null ? it.payableFen - ded[i] : 0;
    });

    // Pre-sale chat (the buyer asked before ordering).
    this.inquiry(order, d, cal, rng);

    if (paid !== null) this.fulfil(order, d, cal, rng);
    return order;
  }

  /** Shipping, receipt, refunds and reviews of a paid order (raw times, then cut at the export). */
  private fulfil(o: Order, d: number, cal: CalendarDay, rng: Rng): void {
    const paid = o.paid as number;
    const payDay = Math.floor(paid / DAY);
    const s = paid - payDay * DAY;
    let ship: number;
    if (this.plan.lateShipDay === payDay) {
      // Planted: the warehouse fell two days behind (a mis-picked batch had to be re-packed).
      ship =
        s < 15.5 * HOUR
          ? (payDay + 2) * DAY + rng.int(17 * HOUR, 19.5 * HOUR)
          : (payDay + 3) * DAY + rng.int(10 * HOUR, 12 * HOUR);
      o.lateShip = true;
    } else {
      if (s < 9 * HOUR) ship = payDay * DAY + rng.int(10 * HOUR, 12 * HOUR);
      else if (s < 15.5 * HOUR) ship = payDay * DAY + rng.int(16 * HOUR, 19 * HOUR);
      else ship = (payDay + 1) * DAY + rng.int(10 * HOUR, 12 * HOUR);
      const c0 = calendarDay(this.clock.date(payDay));
      const c1 = calendarDay(this.clock.date(payDay - 1));
      if (c0.peak || c1.peak) {
        ship += rng.int(12 * HOUR, 48 * HOUR);
        if (ship - paid > 48 * HOUR) o.peakLate = true;
      }
    }
    const remote = o.customer.remote;
    const transit = remote
      ? rng.int(96, 150) * HOUR
      : NEAR.has(o.customer.province)
        ? rng.int(18, 36) * HOUR
        : rng.int(36, 80) * HOUR;
    const arrive = ship + transit;
    let confirm = Math.min(arrive + Math.round(rng.logNormal(30 * HOUR, 1.0)), ship + 10 * DAY);
    let closedAt: number | null = null;

    const bb = this.plan.badBatch;
    const badItem = (it: Item) => bb !== null && it.product === bb.product && d >= bb.from && d <= bb.to;
    const primary = o.items[0];
    let shipped: number | null = ship;

    // 售中, before shipping: the whole order is refunded and never ships.
    if (rng.chance(0.018 + (o.lateShip ? 0.3 : 0))) {
      const reason = o.lateShip && rng.chance(0.7) ? REFUND_LATE_SHIP : rng.pick(REFUND_BEFORE_SHIP);
      const window = Math.max(120, Math.floor((ship - paid) * 0.9));
      const applied = paid + 60 + rng.int(0, window);
      const finished = applied + rng.int(120, 8 * HOUR);
      const manual = rng.chance(0.4);
      const note = rng.pick(reason.note);
      for (const it of o.items) {
        it.refund = this.refund(
          o,
          it,
          'before_ship',
          reason,
          note,
          applied,
          finished,
          finished,
          null,
          'success',
          it.paidFen,
          true,
          manual,
          rng,
        );
      }
      shipped = null;
      closedAt = finished;
    } else if (rng.chance(0.04 * (cal.peak ? 1.4 : 1) + (badItem(primary) ? 0.22 : 0))) {
      // 售中, after shipping, before the buyer confirms.
      const quality = badItem(primary) && rng.chance(0.85);
      const reason = quality ? REFUND_AFTER_SHIP[2][0] : REFUND_AFTER_SHIP[afterShipPicker.pick(rng)][0];
      const note =
        reason.reason === '质量问题'
          ? quality && bb
            ? BAD_BATCH_DEFECT[bb.product.topic].reason.replace('质量问题：', '')
            : rng.pick(QUALITY_COMPLAINT[primary.product.topic])
          : rng.pick(reason.note);
      const room = Math.max(3_600, Math.min(3 * DAY, confirm - arrive - 600));
      const applied = arrive + rng.int(600, room);
      const r = this.refundFlow(o, primary, 'after_ship', reason, note, applied, rng);
      if (quality) this.badBatchRefunds++;
      primary.refund = r;
      if (r.outcome === 'success' && r.full && o.items.length === 1) {
        closedAt = r.finished;
        confirm = Number.POSITIVE_INFINITY;
      } else confirm = Math.max(confirm, r.finished + rng.int(HOUR, DAY));
    }

    // 售后, after the buyer confirmed.
    if (closedAt === null && shipped !== null && primary.refund === null) {
      if (rng.chance(0.012 + (badItem(primary) ? 0.06 : 0))) {
        const quality = badItem(primary) && rng.chance(0.85);
        const reason = quality ? REFUND_AFTER_SALE[0][0] : REFUND_AFTER_SALE[afterSalePicker.pick(rng)][0];
        const note =
          reason.reason === '质量问题'
            ? quality && bb
              ? BAD_BATCH_DEFECT[bb.product.topic].reason.replace('质量问题：', '')
              : rng.pick(QUALITY_COMPLAINT[primary.product.topic])
            : rng.pick(reason.note);
        const applied = confirm + rng.int(DAY, 12 * DAY);
        primary.refund = this.refundFlow(o, primary, 'after_sale', reason, note, applied, rng);
        if (quality) this.badBatchRefunds++;
      }
    }

    // Reviews (per line, after the buyer confirmed, not for lines fully refunded).
    if (closedAt === null && shipped !== null && Number.isFinite(confirm)) {
      for (const it of o.items) {
        const r = it.refund;
        if (r && r.outcome === 'success' && r.full && r.finished <= confirm) continue;
        this.maybeReview(o, it, confirm, badItem(it), rng);
      }
    }

    // Cut at the export instant.
    o.shipped = shipped !== null && shipped <= this.T ? shipped : null;
    o.confirmed = closedAt === null && Number.isFinite(confirm) && confirm <= this.T ? confirm : null;
    if (closedAt !== null && closedAt <= this.T) {
      o.closed = closedAt;
      o.closeReason = CLOSE_REASON_REFUND;
    }
    if (o.lateShip && o.shipped !== null) this.lateShipOrders.push(o.id);
    if (o.peakLate && o.shipped !== null) {
      this.peakLateCount++;
      if (this.peakLateOrders.length < 5_000) this.peakLateOrders.push(o.id);
    }
  }

  private refundFlow(
    o: Order,
    it: Item,
    stage: RefundStage,
    reason: RefundReason,
    note: string,
    applied: number,
    rng: Rng,
  ): Refund {
    const manual = reason.returnGoods || rng.chance(0.7);
    if (rng.chance(0.08)) {
      // The buyer withdraws the request.
      const finished = applied + rng.int(HOUR, 2 * DAY);
      return this.refund(
        o,
        it,
        stage,
        reason,
        note,
        applied,
        finished,
        finished,
        null,
        'closed',
        it.paidFen,
        true,
        manual,
        rng,
      );
    }
    if (reason.returnGoods) {
      const agreed = applied + rng.int(600, 20 * HOUR);
      const back = agreed + rng.int(2 * HOUR, 2 * DAY);
      const finished = back + rng.int(2 * DAY, 4 * DAY);
      return this.refund(
        o,
        it,
        stage,
        reason,
        note,
        applied,
        agreed,
        finished,
        back,
        'success',
        it.paidFen,
        true,
        manual,
        rng,
      );
    }
    const partial = reason.reason === '收到商品破损' || reason.reason === '少件/漏发';
    const amount = partial
      ? Math.max(100, Math.round((it.paidFen * rng.range(0.2, 0.6)) / 100) * 100)
      : it.paidFen;
    const agreed = applied + rng.int(600, DAY);
    const finished = agreed + rng.int(60, 2 * HOUR);
    return this.refund(
      o,
      it,
      stage,
      reason,
      note,
      applied,
      agreed,
      finished,
      null,
      'success',
      Math.min(amount, it.paidFen),
      amount >= it.paidFen,
      manual,
      rng,
    );
  }

  private refund(
    o: Order,
    it: Item,
    stage: RefundStage,
    reason: RefundReason,
    note: string,
    applied: number,
    agreed: number,
    finished: number,
    returnShipped: number | null,
    outcome: 'success' | 'closed',
    amountFen: number,
    full: boolean,
    manual: boolean,
    rng: Rng,
  ): Refund {
    this.refundCounter += rng.int(1_000, 900_000);
    const ci = carrierPicker.pick(rng);
    const r: Refund = {
      id: String(this.refundCounter),
      order: o,
      item: it,
      stage,
      reason,
      note,
      applied,
      agreed,
      returnShipped,
      finished,
      outcome,
      amountFen,
      full,
      manual,
      returnCarrier: CARRIERS[ci][0],
      returnTracking: CARRIERS[ci][2](rng),
      intervention: rng.chance(0.03),
      memo: rng.chance(0.2)
        ? rng.pick(['已电话回访', '已补偿5元无门槛券', '已登记，反馈给仓库', '质量问题已反馈供应商'])
        : '',
    };
    if (applied <= this.T) {
      this.push(this.refundBucket, Math.floor(applied / DAY), r);
      // The buyer talks to after-sales first (not for system refunds of unshipped orders).
      if (stage !== 'before_ship' || manual) {
        const t0 = Math.max((o.paid as number) + 60, applied - rng.int(300, 1_800));
        const agent = this.roster.pick(rng, t0, 'aftersale');
        if (agent && t0 < this.n * DAY) {
          const s = this.session(
            'aftersale',
            t0,
            agent,
            o.customer.nick,
            afterSaleDialogue(rng, reason.reason, note),
            rng,
            null,
          );
          this.push(this.sessionBucket, Math.floor(t0 / DAY), s);
        }
      }
    }
    if (outcome === 'success' && finished <= this.T) {
      const fd = Math.floor(finished / DAY);
      if (fd < this.n) {
        const a = this.agg(fd);
        a.refundFen += amountFen;
        a.products[it.product.index].refundFen += amountFen;
      }
    }
    return r;
  }

  private maybeReview(o: Order, it: Item, confirm: number, bad: boolean, rng: Rng): void {
    const rude = o.session?.planted === 'rude' && it === o.items[0];
    const r = it.refund;
    const qualityRefund =
      r !== null && ['质量问题', '与商品描述不符', '收到商品破损'].includes(r.reason.reason);
    const p = rude ? 0.9 : bad ? 0.6 : qualityRefund ? 0.5 : 0.3;
    if (!rng.chance(p)) return;
    const time = confirm + Math.min(14 * DAY, Math.max(60, Math.round(rng.logNormal(0.5 * DAY, 1.2))));
    const topic = it.product.topic;
    let rating: Review['rating'] = '好评';
    let reason: string | null = null;
    let text: string;
    const u = rng.next();
    if (rude && u < 0.85) {
      rating = '差评';
      reason = '客服态度';
      text = badReview(rng, topic, '客服态度');
    } else if (bad && u < 0.55 && this.plan.badBatch) {
      rating = '差评';
      reason = BAD_BATCH_DEFECT[topic].reason;
      text = rng.pick(BAD_BATCH_DEFECT[topic].reviews);
    } else if (bad && u < 0.7) {
      rating = '中评';
      text = mediumReview(rng);
    } else if (qualityRefund && u < 0.5) {
      rating = '差评';
      reason = '质量问题';
      text = badReview(rng, topic, '质量问题');
    } else if (o.lateShip && u < 0.25) {
      rating = '差评';
      reason = '物流慢';
      text = badReview(rng, topic, '物流慢');
    } else if (u < 0.03 || (o.lateShip && u < 0.3)) {
      rating = '差评';
      const reasons: BadReason[] = ['质量问题', '与描述不符', '物流慢', '尺寸不符', '客服态度'];
      const k = rng.weighted([45, 20, 20, 10, 5]);
      reason = reasons[k];
      text = badReview(rng, topic, reasons[k]);
    } else if (u < 0.085 || (qualityRefund && u < 0.7)) {
      rating = '中评';
      text = mediumReview(rng);
    } else text = goodReview(rng, topic);
    const hasFollow = rng.chance(0.12);
    const rv: Review = {
      order: o,
      item: it,
      time,
      rating,
      text,
      followText: hasFollow ? followUp(rng, rating) : '',
      followTime: hasFollow ? time + rng.int(3 * DAY, 30 * DAY) : null,
      photo: rng.chance(rating === '好评' ? 0.25 : 0.45),
      anonymous: rng.chance(0.08),
      reason,
      badBatch: bad && reason === BAD_BATCH_DEFECT[topic].reason,
    };
    if (time > this.T) return;
    const day = Math.floor(time / DAY);
    this.push(this.reviewBucket, day, rv);
    if (day < this.n) {
      const a = this.agg(day);
      a.reviews++;
      if (rv.photo) a.photoReviews++;
      if (rating === '好评') a.goodReviews++;
      else a.negReviews++;
      const pa = a.products[it.product.index];
      pa.reviews++;
      if (rating !== '好评') pa.negReviews++;
    }
    if (rv.badBatch) {
      this.badBatchBadReviews++;
      this.badBatchReviewDays.push(day);
    }
  }

  /** Adds an order to the day aggregates (by creation day and by payment day). */
  private account(o: Order, d: number): void {
    const a = this.agg(d);
    const q = o.items.reduce((n, it) => n + it.qty, 0);
    a.orderFen += o.totalFen;
    a.orderBuyers.add(o.customer.index);
    a.orderQty += q;
    for (const it of o.items) {
      const pa = a.products[it.product.index];
      pa.orderFen += it.payableFen;
      pa.orderBuyers.add(o.customer.index);
      pa.orderQty += it.qty;
    }
    this.totals.orders++;
    this.totals.items += o.items.length;
    if (o.paid === null) {
      if (o.closed !== null) this.totals.closedUnpaid++;
      else this.totals.unpaidOpen++;
      return;
    }
    this.totals.paidOrders++;
    this.totals.paidFen += o.paidAmountFen;
    const pd = Math.floor(o.paid / DAY);
    this.markPaid(o.customer.index, pd);
    // Ads attribution (by creation day) and affiliate commission.
    if (o.source === '直通车' || o.source === '引力魔方') {
      const channel = o.source === '直通车' ? 'ztc' : 'ylmf';
      const line = this.adLines.find((l) => l.plan.channel === channel && l.product === o.items[0].product);
      if (line) {
        line.orders++;
        line.directFen += o.items[0].paidFen;
        for (let i = 1; i < o.items.length; i++) line.indirectFen += o.items[i].paidFen;
      }
    }
    if (pd >= this.n) return;
    const b = this.agg(pd);
    b.paidFen += o.paidAmountFen;
    b.paidBuyers.set(o.customer.index, (b.paidBuyers.get(o.customer.index) ?? 0) + o.paidAmountFen);
    b.paidSubOrders += o.items.length;
    b.paidQty += q;
    // 淘宝客佣金 (生意参谋): the estimated commission of the affiliate lines paid that day — the
    // same lines and amounts as the 推广订单明细 file.
    if (o.source === '淘宝客') {
      const partner = affiliatePartnerOf(o, hashSeed('affiliate', o.id));
      for (const it of o.items) b.taokeFen += affiliateCommissionFen(it, partner);
    }
    const bs = sourcePaid(b.bySource, o.source);
    bs.fen += o.paidAmountFen;
    bs.buyers.add(o.customer.index);
    for (const it of o.items) {
      const pa = b.products[it.product.index];
      pa.paidFen += it.paidFen;
      pa.paidBuyers.add(o.customer.index);
      pa.paidQty += it.qty;
      const ps = sourcePaid(pa.bySource, o.source);
      ps.fen += it.paidFen;
      ps.buyers.add(o.customer.index);
    }
  }

  // ------------------------------------------------------------------ chats

  private responseDelay(agent: Agent, t: number, first: boolean, rng: Rng): number {
    const d = Math.floor(t / DAY);
    const slow =
      this.plan.slowAgent !== null &&
      this.plan.slowAgent.agent === agent &&
      this.inRange(this.plan.slowAgent, d);
    const peak = calendarDay(this.clock.date(d)).peak ? 1.5 : 1;
    const v = slow ? rng.logNormal(first ? 170 : 140, 0.45) : rng.logNormal(first ? 22 : 30, 0.6) * peak;
    return Math.round(Math.min(slow ? 900 : 400, Math.max(3, v)));
  }

  /** Lays out a dialogue in time from t0; the first buyer message triggers the auto-reply. */
  private session(
    kind: SessionKind,
    t0: number,
    agent: Agent,
    buyer: string,
    lines: ChatLine[],
    rng: Rng,
    order: Order | null,
  ): Session {
    const messages: Message[] = [];
    let t = t0;
    // The auto-reply answers a buyer who opens a conversation, not one the agent started.
    let autoDone = lines.length > 0 && lines[0].from === 'agent';
    let prev: 'buyer' | 'agent' | null = null;
    for (const line of lines) {
      if (line.from === 'buyer') {
        if (prev !== null) t += rng.int(8, 75);
        messages.push({ t, from: 'buyer', text: line.text });
        if (!autoDone) {
          messages.push({ t: t + rng.int(1, 2), from: 'auto', text: autoReply(this.world.storeName) });
          autoDone = true;
        }
      } else {
        if (prev === 'buyer')
          t += this.responseDelay(agent, t, messages.filter((m) => m.from === 'agent').length === 0, rng);
        else if (prev === 'agent') t += rng.int(5, 20);
        messages.push({ t, from: 'agent', text: line.text });
      }
      prev = line.from;
    }
    messages.sort((a, b) => a.t - b.t);
    return { id: '', kind, start: messages[0]?.t ?? t0, agent, buyer, messages, order, planted: null };
  }

  private inquiry(o: Order, d: number, cal: CalendarDay, rng: Rng): void {
    const s = o.created - d * DAY;
    if (s < 8.75 * HOUR) return;
    const p = o.items[0].product;
    const chance = 0.28 + (o.items[0].unitFen > 10_000 ? 0.1 : 0) + (cal.campaign ? 0.05 : 0);
    if (!rng.chance(chance)) return;
    const agent = this.roster.pick(rng, o.created - 400, 'presale');
    if (!agent) return;
    const rudePlan = this.plan.rude;
    const rude =
      rudePlan !== null && rudePlan.agent === agent && rudePlan.days.includes(d) && !this.rudeUsed.has(d);
    const lines = presaleDialogue(rng, p.topic, {
      converts: true,
      campaign: cal.campaign !== null,
      bargain: rng.chance(0.15),
      rude,
    });
    // Laid out from a provisional start (so response times see the right day), then shifted to
    // end shortly before the order.
    const guess = o.created - 1_200;
    const draft = this.session('presale', guess, agent, o.customer.nick, lines, rng, o);
    const last = draft.messages[draft.messages.length - 1].t;
    const shift = o.created - rng.int(20, 300) - last;
    const t0 = guess + shift;
    const ad = this.roster.day(d, agent);
    if (t0 < d * DAY + 8.5 * HOUR || t0 < ad.login) return;
    for (const m of draft.messages) m.t += shift;
    draft.start = t0;
    if (rude) {
      draft.planted = 'rude';
      this.rudeUsed.add(d);
      this.rudeSessions.push(draft);
    }
    o.session = draft;
  }

  private browseSessions(
    d: number,
    cal: CalendarDay,
    rng: Rng,
    inquiries: number,
    sessions: Session[],
  ): void {
    const count = rng.poisson(inquiries * 0.8 + 1);
    const picker = new WeightedPicker(this.world.products.map((p) => p.popularity));
    for (let i = 0; i < count; i++) {
      const t0 = sampleChatTime(rng, d);
      const agent = this.roster.pick(rng, t0, 'presale');
      if (!agent) continue;
      const buyer =
        this.customerNext > 0 && rng.chance(0.35)
          ? this.customers.at(rng.int(0, this.customerNext - 1)).nick
          : this.customers.at(VISITOR_BASE + this.visitorNext++).nick;
      const p = this.world.products[picker.pick(rng)];
      const lines = presaleDialogue(rng, p.topic, {
        converts: false,
        campaign: cal.campaign !== null,
        bargain: rng.chance(0.12),
        rude: false,
      });
      sessions.push(this.session('browse', t0, agent, buyer, lines, rng, null));
    }
  }

  /** Planted chats that did not arise from the day's orders: the rude reply and the unanswered buyers. */
  private plantedSessions(d: number, cal: CalendarDay, rng: Rng, sessions: Session[]): void {
    const rude = this.plan.rude;
    if (rude?.days.includes(d) && !this.rudeUsed.has(d)) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const t0 = sampleChatTime(rng, d);
        if (!this.roster.available(rude.agent, t0)) continue;
        const buyer = this.customers.at(VISITOR_BASE + this.visitorNext++).nick;
        const p = this.world.heroes[rng.int(0, this.world.heroes.length - 1)];
        const lines = presaleDialogue(rng, p.topic, {
          converts: false,
          campaign: cal.campaign !== null,
          bargain: true,
          rude: true,
        });
        const s = this.session('browse', t0, rude.agent, buyer, lines, rng, null);
        s.planted = 'rude';
        sessions.push(s);
        this.rudeSessions.push(s);
        this.rudeUsed.add(d);
        break;
      }
    }
    const un = this.plan.unanswered;
    if (un?.days.includes(d)) {
      for (let i = 0; i < un.perDay; i++) {
        const t0 = d * DAY + un.idleFrom + rng.int(0, un.idleTo - un.idleFrom - 2_400);
        const buyer = this.customers.at(VISITOR_BASE + this.visitorNext++).nick;
        const texts = unansweredDialogue(rng);
        const messages: Message[] = [];
        let t = t0;
        texts.forEach((text, k) => {
          if (k > 0) t += rng.int(180, 600);
          messages.push({ t, from: 'buyer', text });
          if (k === 0)
            messages.push({ t: t + rng.int(1, 2), from: 'auto', text: autoReply(this.world.storeName) });
        });
        const s: Session = {
          id: '',
          kind: 'unanswered',
          start: t0,
          agent: un.agent,
          buyer,
          messages,
          order: null,
          planted: 'unanswered',
        };
        sessions.push(s);
        this.unansweredSessions.push(s);
      }
    }
  }

  private async writeChat(d: number, sessions: Session[]): Promise<void> {
    sessions.sort(
      (a, b) =>
        a.start - b.start ||
        a.agent.index - b.agent.index ||
        (a.buyer < b.buyer ? -1 : a.buyer > b.buyer ? 1 : 0),
    );
    const ymd = this.clock.date(d).replace(/-/g, '');
    const stats = new Map<Agent, AgentStat>();
    const stat = (a: Agent) => {
      let s = stats.get(a);
      if (!s) {
        s = {
          buyers: new Set(),
          inquiry: new Set(),
          paidBuyers: new Set(),
          salesFen: 0,
          qty: 0,
          paidOrders: 0,
          refundedOrders: 0,
          sessions: 0,
          answered: 0,
          firstSum: 0,
          firstCount: 0,
          roundSum: 0,
          roundCount: 0,
          unanswered: new Set(),
          slow: new Set(),
        };
        stats.set(a, s);
      }
      return s;
    };
    const slowPlan = this.plan.slowAgent;
    let seq = 0;
    for (const s of sessions) {
      s.id = `${ymd}${String(++seq).padStart(6, '0')}`;
      this.totals.sessions++;
      for (const m of s.messages) {
        this.totals.messages++;
        const p = this.w.chat.row([
          s.id,
          this.clock.format(m.t),
          m.from === 'buyer' ? 'buyer' : s.agent.account,
          s.buyer,
          s.agent.account,
          m.text,
          m.from === 'auto' ? '是' : '否',
        ]);
        if (p) await p;
      }
      if (s.kind === 'reminder') continue;
      // Per-agent numbers as 赤兔 computes them (FORMATS.md definitions).
      const st = stat(s.agent);
      st.sessions++;
      st.buyers.add(s.buyer);
      if (s.kind !== 'aftersale') st.inquiry.add(s.buyer);
      let firstBuyer: number | null = null;
      let roundStart: number | null = null;
      let first: number | null = null;
      for (const m of s.messages) {
        if (m.from === 'buyer') {
          if (firstBuyer === null) firstBuyer = m.t;
          if (roundStart === null) roundStart = m.t;
        } else if (m.from === 'agent') {
          if (first === null && firstBuyer !== null) first = m.t - firstBuyer;
          if (roundStart !== null) {
            st.roundSum += m.t - roundStart;
            st.roundCount++;
            roundStart = null;
          }
        }
      }
      if (first !== null) {
        st.answered++;
        st.firstSum += first;
        st.firstCount++;
        if (first > 120) st.slow.add(s.buyer);
        if (slowPlan && s.agent === slowPlan.agent && this.inRange(slowPlan, d)) {
          this.slowStats.firstSum += first;
          this.slowStats.firstCount++;
        } else {
          this.slowStats.othersSum += first;
          this.slowStats.othersCount++;
        }
      } else st.unanswered.add(s.buyer);
      const o = s.order;
      if (s.kind === 'presale' && o && o.paid !== null) {
        st.paidBuyers.add(s.buyer);
        st.salesFen += o.paidAmountFen;
        st.qty += o.items.reduce((n, it) => n + it.qty, 0);
        st.paidOrders++;
        if (o.items.some((it) => refundDone(it.refund, this.T))) st.refundedOrders++;
      }
    }
    const date = this.clock.date(d);
    for (const a of this.world.agents) {
      const st = stats.get(a);
      if (!st) continue;
      const payers = st.paidBuyers.size;
      this.w.csDaily.addRow([
        date,
        a.account,
        st.buyers.size,
        st.inquiry.size,
        payers,
        pct(payers, st.inquiry.size),
        yuan(st.salesFen),
        yuanPer(st.salesFen, payers),
        payers > 0 ? fixed2(st.qty / payers) : '-',
        st.roundCount > 0 ? fixed2(st.roundSum / st.roundCount) : '-',
        st.firstCount > 0 ? fixed2(st.firstSum / st.firstCount) : '-',
        pct(st.answered, st.sessions),
        st.unanswered.size,
        st.slow.size,
        pct(st.refundedOrders, st.paidOrders),
      ]);
    }
  }

  // ------------------------------------------------------------------ refunds + reviews rows

  private async flushRefundsAndReviews(d: number): Promise<void> {
    const refunds = this.refundBucket.get(d) ?? [];
    this.refundBucket.delete(d);
    refunds.sort((a, b) => a.applied - b.applied || (a.id < b.id ? -1 : 1));
    const operator = this.world.agents.find((a) => a.role === 'aftersale')?.account ?? this.world.storeName;
    for (const r of refunds) {
      this.totals.refunds++;
      const p = this.w.refunds.row(refundCsvRow(r, this.clock, this.T, operator));
      if (p) await p;
    }
    const reviews = this.reviewBucket.get(d) ?? [];
    this.reviewBucket.delete(d);
    reviews.sort((a, b) => a.time - b.time || (a.item.subId < b.item.subId ? -1 : 1));
    for (const rv of reviews) {
      this.totals.reviews++;
      if (rv.rating === '差评') this.totals.badReviews++;
      this.w.reviews.addRow(reviewXlsxRow(rv, this.clock, this.T));
    }
    if (reviews.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  // ------------------------------------------------------------------ ads

  private async writeAds(d: number): Promise<void> {
    const date = this.clock.date(d);
    for (const l of this.adLines) {
      const total = l.directFen + l.indirectFen;
      const unit = l.plan.units[l.unitIndex];
      const fav = Math.round(l.clicks * 0.04);
      const cart = Math.round(l.clicks * 0.09);
      const cells = [
        date,
        l.plan.planId,
        l.plan.name,
        l.plan.kind,
        unit.unitId,
        unit.name,
        l.product.itemId,
        String(l.impressions),
        String(l.clicks),
        yuan(l.spendFen),
        pct(l.clicks, l.impressions),
        yuanPer(l.spendFen, l.clicks),
        l.impressions > 0 ? yuan(divFen(l.spendFen * 1000, l.impressions)) : '-',
        String(fav),
        String(cart),
        yuan(total),
        yuan(l.directFen),
        yuan(l.indirectFen),
        String(l.orders),
        l.spendFen > 0 ? fixed2(total / l.spendFen) : '-',
        pct(l.orders, l.clicks),
      ];
      const p = (l.plan.channel === 'ztc' ? this.w.ztc : this.w.ylmf).row(cells);
      if (p) await p;
    }
  }

  // ------------------------------------------------------------------ metrics

  private writeMetrics(d: number, cal: CalendarDay, dip: number): void {
    const a = this.agg(d);
    const date = this.clock.date(d);
    const mr = Rng.of(this.world.seed, 'metrics', d);
    // Store visitors: a visitor sees 1.3 products on average.
    const productVisitors = a.products.reduce((s, p) => s + p.visitors, 0);
    const V = Math.max(1, Math.round(productVisitors / 1.3));
    const PV = Math.round(V * mr.range(2.8, 3.4));
    const oldVisitors = Math.round(V * mr.range(0.24, 0.3));
    let oldBuyers = 0;
    let oldFen = 0;
    for (const [b, fen] of a.paidBuyers) {
      if (this.firstPaid[b] !== -1 && this.firstPaid[b] < d) {
        oldBuyers++;
        oldFen += fen;
      }
    }
    const buyers = a.paidBuyers.size;
    const ztc = this.adLines.filter((l) => l.plan.channel === 'ztc').reduce((s, l) => s + l.spendFen, 0);
    const ylmf = this.adLines.filter((l) => l.plan.channel === 'ylmf').reduce((s, l) => s + l.spendFen, 0);
    const cart = Math.round(V * mr.range(0.055, 0.075) * cal.cart);
    // DSR drifts with the recent reviews.
    const badShare = a.reviews > 0 ? a.negReviews / a.reviews : 0.05;
    this.dsr.desc = this.dsr.desc * 0.97 + 0.03 * Math.min(4.95, Math.max(4.5, 4.9 - badShare * 1.5));
    this.dsr.logistics =
      this.dsr.logistics * 0.97 + 0.03 * (this.plan.lateShipDay === d ? 4.6 : 4.82 + mr.range(-0.02, 0.02));
    this.dsr.service = this.dsr.service * 0.97 + 0.03 * (4.86 + mr.range(-0.02, 0.02));
    this.w.store.addRow([
      date,
      V,
      PV,
      Math.round(V * 0.93),
      Math.round(PV * 0.82),
      fixed2(mr.range(38, 55)),
      pct(Math.round(V * mr.range(0.55, 0.68)), V),
      Math.round(V * mr.range(0.018, 0.026)),
      cart,
      Math.round(cart * mr.range(1.25, 1.45)),
      yuan(a.paidFen),
      buyers,
      a.paidSubOrders,
      a.paidQty,
      yuan(a.orderFen),
      a.orderBuyers.size,
      a.orderQty,
      pct(a.orderBuyers.size, V),
      pct(buyers, V),
      yuanPer(a.paidFen, buyers),
      yuanPer(a.paidFen, V),
      oldVisitors,
      V - oldVisitors,
      oldBuyers,
      yuan(oldFen),
      yuan(ztc),
      yuan(ylmf),
      yuan(a.taokeFen),
      yuan(a.refundFen),
      a.reviews,
      a.photoReviews,
      a.goodReviews,
      a.negReviews,
      fixed2(this.dsr.desc),
      fixed2(this.dsr.logistics),
      fixed2(this.dsr.service),
      Math.round(V * mr.range(0.003, 0.005)),
    ]);
    for (const p of this.world.products) {
      const pa = a.products[p.index];
      const pb = pa.paidBuyers.size;
      this.w.product.addRow([
        date,
        p.itemId,
        p.title,
        pa.visitors,
        pa.pv,
        pa.visitors > 0 ? fixed2(pa.stay) : '-',
        pa.visitors > 0 ? pct(Math.round(pa.visitors * pa.bounce), pa.visitors) : '-',
        pa.fav,
        pa.cart,
        pa.cartQty,
        yuan(pa.orderFen),
        pa.orderBuyers.size,
        pa.orderQty,
        pct(pa.orderBuyers.size, pa.visitors),
        yuan(pa.paidFen),
        pb,
        pa.paidQty,
        pct(pb, pa.visitors),
        yuanPer(pa.paidFen, pb),
        yuanPer(pa.paidFen, pa.visitors),
        yuan(pa.refundFen),
        pa.reviews,
        pa.negReviews,
      ]);
    }
    this.writeMarket(d, cal, dip);
  }

  /**
   * 生意参谋 流量来源: per product (商品来源) and for the store (店铺来源). A product's visitors are
   * its 直通车 / 引力魔方 clicks plus its organic visitors split by ORGANIC_SOURCE_WEIGHTS (a fixed
   * tilt per product, a little daily noise); the store's per source are the products' ÷ 1.3 (a
   * visitor sees 1.3 products), rounded so they add up to the 店铺整体 访客数 exactly. Paid amount
   * and buyers per source are those of the orders of that source. A product out of stock (the
   * planted hero stock-out) drops out of search: its 手淘搜索 weight falls to a tenth.
   */
  private async writeSources(d: number): Promise<void> {
    const a = this.agg(d);
    const date = this.clock.date(d);
    const rng = Rng.of(this.world.seed, 'sources', d);
    const storeWeights = new Map<string, number>();
    const so = this.plan.heroStockout;
    for (const p of this.world.products) {
      const pa = a.products[p.index];
      const tilt = Rng.of(this.world.seed, 'source-tilt', p.index);
      let ztc = 0;
      let ylmf = 0;
      for (const l of this.adLines) {
        if (l.product !== p) continue;
        if (l.plan.channel === 'ztc') ztc += l.clicks;
        else ylmf += l.clicks;
      }
      const total = Math.max(0, pa.visitors);
      ztc = Math.min(ztc, total);
      ylmf = Math.min(ylmf, total - ztc);
      const outOfSearch = so !== null && so.product === p && this.inRange(so, d);
      const weights = ORGANIC_SOURCE_WEIGHTS.map(
        ([src, w]) =>
          w * tilt.range(0.7, 1.3) * rng.logNormal(1, 0.04) * (outOfSearch && src === '手淘搜索' ? 0.1 : 1),
      );
      const organic = allocate(total - ztc - ylmf, weights);
      const v = new Map<string, number>([
        ['直通车', ztc],
        ['引力魔方', ylmf],
      ]);
      ORGANIC_SOURCE_WEIGHTS.forEach(([src], i) => {
        v.set(src, organic[i]);
      });
      for (const src of SOURCE_ORDER) {
        const n = v.get(src) ?? 0;
        storeWeights.set(src, (storeWeights.get(src) ?? 0) + n);
        const paid = pa.bySource.get(src);
        if (n === 0 && !paid) continue;
        const buyers = paid?.buyers.size ?? 0;
        const row = this.w.productSources.row([
          date,
          p.itemId,
          p.title,
          src,
          String(n),
          String(buyers),
          yuan(paid?.fen ?? 0),
          pct(buyers, n),
        ]);
        if (row) await row;
      }
    }
    const V = Math.max(1, Math.round(a.products.reduce((s, p) => s + p.visitors, 0) / 1.3));
    const storeV = allocate(
      V,
      SOURCE_ORDER.map((src) => storeWeights.get(src) ?? 0),
    );
    SOURCE_ORDER.forEach((src, i) => {
      const paid = a.bySource.get(src);
      if (storeV[i] === 0 && !paid) return;
      const buyers = paid?.buyers.size ?? 0;
      this.w.storeSources.addRow([
        date,
        src,
        storeV[i],
        Math.round(storeV[i] * rng.range(2.6, 3.4)),
        buyers,
        yuan(paid?.fen ?? 0),
        pct(buyers, storeV[i]),
      ]);
    });
  }

  /** Industry (per 类目) and competitor rows: the market moves with the calendar and the market dip only. */
  private writeMarket(d: number, cal: CalendarDay, dip: number): void {
    const date = this.clock.date(d);
    const mr = Rng.of(this.world.seed, 'market', d);
    for (const c of this.world.categories) {
      const share = this.world.categoryShare.get(c) ?? 0.01;
      let storeV = 0;
      let aovSum = 0;
      let aovW = 0;
      for (const p of this.world.products) {
        if (p.category !== c) continue;
        const v = this.demand.visitors(d, p);
        storeV += v;
        aovSum += p.skus[0].priceFen * this.demand.expected(d, p);
        aovW += this.demand.expected(d, p);
      }
      const V = Math.round((storeV / share) * dip * mr.logNormal(1, 0.025));
      const buyers = Math.round(V * 0.045 * cal.conversion * mr.logNormal(1, 0.02));
      const aov = Math.round((aovW > 0 ? aovSum / aovW : 5_000) * 1.15 * mr.range(0.97, 1.03));
      const fen = buyers * aov;
      this.w.industry.addRow([
        date,
        c,
        V,
        Math.round(V * mr.range(2.9, 3.3)),
        Math.round(V * 0.07 * cal.cart * mr.range(0.95, 1.05)),
        yuanGrouped(fen),
        buyers,
        Math.round(buyers * mr.range(1.25, 1.4)),
        pct(buyers, V),
        yuanPer(fen, buyers),
        yuanPer(fen, V),
      ]);
    }
    const storeV = this.world.products.reduce((s, p) => s + this.demand.visitors(d, p), 0) / 1.3;
    const promo = this.plan.competitorPromo;
    this.world.competitors.forEach((c, i) => {
      const on = promo !== null && promo.competitor === c && this.inRange(promo, d);
      const V = Math.round(storeV * c.share * dip * (on ? 1.5 : 1) * mr.logNormal(1, 0.05));
      const buyers = Math.round(V * 0.048 * cal.conversion * (on ? 1.25 : 1) * mr.logNormal(1, 0.04));
      const aov = 6_500 + i * 1_200 + mr.int(-300, 300);
      const fen = buyers * aov;
      const missing = mr.chance(0.01);
      this.w.competitors.addRow([
        date,
        c.name,
        V,
        Math.round(V * mr.range(2.6, 3.2)),
        missing ? '暂无数据' : Math.round(V * 0.065 * cal.cart),
        missing ? '暂无数据' : Math.round(V * 0.02),
        yuan(fen),
        buyers,
        Math.round(buyers * mr.range(1.2, 1.4)),
        pct(buyers, V),
        yuanPer(fen, buyers),
        yuanPer(fen, V),
      ]);
      // 竞品入店来源: the same visitors split by source (an own random stream, so the 竞品 file
      // stays as it was). The promotion's extra visitors come from 直通车 and 手淘推荐.
      const sr = Rng.of(this.world.seed, 'competitor-sources', d, i);
      const weights = COMPETITOR_SOURCE_WEIGHTS.map(
        ([src, w]) =>
          w * sr.logNormal(1, 0.05) * (on ? (src === '直通车' ? 4 : src === '手淘推荐' ? 1.6 : 1) : 1),
      );
      const sv = allocate(V, weights);
      const sb = allocate(buyers, sv);
      const sf = allocate(fen, sv);
      COMPETITOR_SOURCE_WEIGHTS.forEach(([src], k) => {
        this.w.competitorSources.addRow([date, c.name, src, sv[k], sb[k], yuan(sf[k])]);
      });
    });
  }

  // ------------------------------------------------------------------ JD store

  private async jdDay(d: number, cal: CalendarDay, dip: number): Promise<void> {
    const rng = Rng.of(this.world.seed, 'jd', d);
    const expected = this.world.config.jdBaseOrders * this.demand.dayFactor(d) * dip * rng.logNormal(1, 0.1);
    const count = rng.poisson(expected);
    const picker = new WeightedPicker(this.world.products.map((p) => this.demand.expected(d, p)));
    const drafts: number[] = [];
    for (let i = 0; i < count; i++) drafts.push(sampleTime(rng, d, cal.midnightPeak));
    drafts.sort((a, b) => a - b);
    for (const created of drafts) {
      this.jdCounter += rng.int(50, 20_000);
      const id = String(this.jdCounter);
      const repeat = this.jdCustomerNext > 10 && rng.chance(0.18);
      const ci = repeat ? rng.int(0, this.jdCustomerNext - 1) : this.jdCustomerNext++;
      const c = this.customers.at(JD_BASE + ci);
      const lines: { p: Product; sku: Sku; qty: number; price: number }[] = [];
      const nLines = rng.chance(0.15) ? 2 : 1;
      for (let k = 0; k < nLines; k++) {
        const p = this.world.products[picker.pick(rng)];
        const sku = p.skus[rng.weighted(p.skus.map((s) => s.weight))];
        if (lines.some((l) => l.sku === sku)) continue;
        const price = Math.round((this.priceOf(p, sku, d) * 1.03) / 100) * 100 - 10;
        lines.push({ p, sku, qty: rng.chance(0.8) ? 1 : 2, price });
      }
      const goods = lines.reduce((a, l) => a + l.price * l.qty, 0);
      const discount = goods >= 19_900 && rng.chance(0.4) ? 2_000 : 0;
      const freight = goods - discount < 9_900 ? 600 : 0;
      const payable = goods - discount + freight;
      const fee = applyBasisPoints(goods - discount, 600);
      const u = rng.next();
      const cancelled = u < 0.05;
      const paid = cancelled && rng.chance(0.6) ? null : created + rng.int(10, 900);
      const shipped = paid !== null && !cancelled ? paid + rng.int(3 * HOUR, 20 * HOUR) : null;
      const done = shipped !== null ? shipped + rng.int(2 * DAY, 7 * DAY) : null;
      const vis = (t: number | null) => (t !== null && t <= this.T ? t : null);
      const status = cancelled
        ? '已取消'
        : vis(paid) === null
          ? '等待付款'
          : vis(shipped) === null
            ? '等待出库'
            : vis(done) === null
              ? '等待确认收货'
              : '完成';
      const source = rng.pick(['京东APP订单', '京东APP订单', '微信订单', 'PC订单']);
      const invoice = rng.chance(0.3) ? '电子普通发票' : '不开发票';
      const note = rng.chance(0.04) ? rng.pick(BUYER_MESSAGES) : '';
      this.totals.jdOrders++;
      for (const l of lines) {
        this.totals.jdLines++;
        const p = this.w.jd.row([
          id,
          l.sku.jdSkuId,
          `${l.p.title} ${l.sku.props.replace(/[^:;]+:/g, '').replace(/;/g, ' ')}`,
          String(l.qty),
          this.clock.formatShort(created),
          vis(paid) !== null ? this.clock.formatShort(paid as number) : '',
          status === '完成' ? this.clock.formatShort(done as number) : '',
          yuan(l.price),
          yuan(goods),
          yuan(cancelled ? 0 : payable - fee),
          yuan(payable),
          yuan(freight),
          yuan(cancelled ? 0 : fee),
          status,
          '普通订单',
          source,
          jdAccountFor(ci),
          c.name,
          c.jdAddress,
          `${c.phone.slice(0, 3)}****${c.phone.slice(7)}`,
          note,
          '',
          invoice,
          l.sku.code,
          '默认仓',
          this.world.jdStoreName,
        ]);
        if (p) await p;
      }
    }
  }

  // ------------------------------------------------------------------ attendance

  private async writeAttendance(): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    let from = 0;
    while (from < this.n) {
      const month = this.clock.date(from).slice(0, 7);
      let to = from;
      while (to + 1 < this.n && this.clock.date(to + 1).slice(0, 7) === month) to++;
      // The sheet has no dates: the period is in the file name (yyyyMMdd-yyyyMMdd).
      const ymd = (d: number) => this.clock.date(d).replace(/-/g, '');
      const name = `赤兔_客服考勤_${ymd(from)}-${ymd(to)}.xlsx`;
      const wr = new XlsxWriter(join(this.opts.outDir, name), H.CS_ATTENDANCE, this.stampDate);
      for (const a of this.world.agents) {
        let days = 0;
        let loginSum = 0;
        let earliest = Number.POSITIVE_INFINITY;
        let latest = 0;
        let online = 0;
        let hold = 0;
        for (let d = from; d <= to; d++) {
          const ad = this.roster.day(d, a);
          if (!ad.present) continue;
          days++;
          const login = ad.login - d * DAY;
          const logout = ad.logout - d * DAY;
          loginSum += login;
          earliest = Math.min(earliest, login);
          latest = Math.max(latest, logout);
          online += ad.logout - ad.login;
          hold += ad.breakTo - ad.breakFrom;
        }
        wr.addRow([
          a.account,
          days,
          days > 0 ? hms(Math.round(loginSum / days)) : '-',
          days > 0 ? hms(earliest) : '-',
          days > 0 ? hms(latest % DAY) : '-',
          hms(online),
          hms(hold),
        ]);
      }
      const r = await wr.close();
      out.push({
        kind: 'cs-attendance',
        version: 'zunshilv',
        format: 'xlsx',
        encoding: 'xlsx',
        path: r.path,
        rows: r.rows,
        sha256: r.sha256,
        bytes: r.bytes,
      });
      from = to + 1;
    }
    return out;
  }
}

/** +pct %, rounded up to a price ending in .90 yuan (8900 → 99.90, 3990 → 44.90). */
export function raisedPrice(fen: number, pctUp: number): number {
  const target = Math.ceil((fen * (100 + pctUp)) / 100);
  return Math.ceil((target + 10) / 100) * 100 - 10;
}
