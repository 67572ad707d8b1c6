import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as H from './headers';
import { type Manifest, type SimulateResult, simulateStore } from './index';
import { col, fen, readCsv, readXlsx, secs, type Table, unquirk } from './testkit';
import { sha256File } from './xlsx';

/**
 * The simulator's contract: the same seed writes the same bytes; every file has the platform's
 * headers; the files agree with each other (the identities StoreOps relies on); the planted events
 * are in the data and in the manifest.
 */

const SEED = 7;
let dirA: string;
let dirB: string;
let runA: SimulateResult;
let runB: SimulateResult;
let msA = 0;
let m: Manifest;

const fileOf = (kind: string, ext = '', version?: string) => {
  const f = m.files.find(
    (x) => x.kind === kind && x.path.endsWith(ext) && (version === undefined || x.version === version),
  );
  if (!f) throw new Error(`no ${kind} file`);
  return join(dirA, f.path);
};

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), 'storeops-sim-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'storeops-sim-b-'));
  const t0 = performance.now();
  runA = await simulateStore({ outDir: dirA, days: 60, seed: SEED, scale: 'small' });
  msA = performance.now() - t0;
  runB = await simulateStore({ outDir: dirB, days: 60, seed: SEED, scale: 'small' });
  m = runA.manifest;
}, 120_000);

afterAll(async () => {
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

describe('scale and speed', () => {
  it('writes the small store (a few thousand orders over 60 days) in a few seconds', () => {
    expect(msA).toBeLessThan(10_000);
    const orders = runA.files.find((f) => f.kind === 'taobao-orders' && f.path.endsWith('.csv'));
    expect(orders?.rows).toBeGreaterThan(2_000);
    expect(orders?.rows).toBeLessThan(6_000);
    expect(m.startDate).toBe('2026-09-26');
    expect(m.endDate).toBe('2026-11-24');
    expect(m.exportedAt).toBe('2026-11-25 08:30:00');
  });

  it('names the order files like the platform, stamped with the export time', () => {
    const names = m.files.map((f) => f.path);
    expect(names).toContain('ExportOrderList202611250830.csv');
    expect(names).toContain('ExportOrderList202611250830.xlsx');
    expect(names).toContain('ExportOrderDetailList202611250830.csv');
  });

  it('returns every file with kind, path and rows, and lists them with sha256 in manifest.json', async () => {
    const onDisk = JSON.parse(await readFile(join(dirA, 'manifest.json'), 'utf8')) as Manifest;
    expect(onDisk.files.length).toBe(runA.files.length);
    for (const f of onDisk.files) {
      expect(await sha256File(join(dirA, f.path))).toBe(f.sha256);
      const r = runA.files.find((x) => basename(x.path) === f.path);
      expect(r?.rows).toBe(f.rows);
    }
    const kinds = new Set(onDisk.files.map((f) => f.kind));
    for (const k of [
      'taobao-orders',
      'taobao-order-items',
      'taobao-refunds',
      'reviews',
      'store-metrics',
      'product-metrics',
      'industry-metrics',
      'competitor-metrics',
      'ads',
      'chat-log',
      'cs-daily',
      'cs-attendance',
      'stock',
      'jd-orders',
      'traffic-sources',
    ])
      expect(kinds.has(k), k).toBe(true);
  });
});

describe('determinism', () => {
  it('writes byte-identical files (CSV and XLSX) for the same seed', async () => {
    expect(runB.manifest.files.length).toBe(m.files.length);
    for (const f of m.files) {
      const a = await sha256File(join(dirA, f.path));
      const b = await sha256File(join(dirB, f.path));
      expect(b, f.path).toBe(a);
    }
    expect(await readFile(join(dirB, 'manifest.json'), 'utf8')).toBe(
      await readFile(join(dirA, 'manifest.json'), 'utf8'),
    );
  });

  it('writes a different store for another seed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storeops-sim-c-'));
    try {
      const r = await simulateStore({ outDir: dir, days: 20, seed: SEED + 1, scale: 'small' });
      const other = r.manifest.files.find(
        (f) => f.path.startsWith('ExportOrderList') && f.path.endsWith('.csv'),
      );
      const mine = m.files.find((f) => f.path.startsWith('ExportOrderList') && f.path.endsWith('.csv'));
      expect(other?.sha256).not.toBe(mine?.sha256);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Core column names from FORMATS.md, per kind. */
const FORMATS_CORE: Record<string, string[]> = {
  'taobao-orders':
    `订单编号 买家会员名 买家会员昵称 支付单号 买家应付货款 买家应付邮费 总金额 买家实际支付金额 订单状态 买家留言 收货人姓名 收货地址 运送方式 联系电话 联系手机 订单创建时间 订单付款时间 宝贝标题 宝贝种类 物流单号 物流公司 订单备注 宝贝总数量 店铺Id 店铺名称 订单关闭原因 卖家服务费 买家服务费 发票抬头 是否手机订单 修改后的sku 修改后的收货地址 异常信息 天猫卡券抵扣 集分宝抵扣 退款金额 确认收货时间 打款商家金额 发货时间 商家备忘 预售订单`.split(
      ' ',
    ),
  'taobao-order-items':
    '子订单编号 主订单编号 标题 价格 购买数量 外部系统编号 商品属性 套餐信息 备注 订单状态 商家编码 支付单号 买家应付货款 买家实际支付金额 退款状态 退款金额 订单创建时间 订单付款时间'.split(
      ' ',
    ),
  'taobao-refunds':
    '订单编号 退款编号 支付单号 订单付款时间 商品编码 退款完结时间 买家实际支付金额 宝贝标题 买家退款金额 手工退款/系统退款 是否需要退货 退款的申请时间 超时时间 退款状态 货物状态 退货物流单号 退货物流公司 客服介入状态 买家退款原因 买家退款说明 买家退货时间 责任方 售中或售后 商家备注 完结时间 部分退款/全部退款 审核操作人 退款操作人 退款原因标签 业务类型 售后类型'.split(
      ' ',
    ),
  reviews: '评论 昵称 追评内容 追评时间 评价时间 商品id 颜色分类 评价分类 skuid'.split(' '),
  'store-metrics':
    '统计日期 访客数 浏览量 商品访客数 商品浏览量 平均停留时长 跳失率 商品收藏买家数 加购人数 加购件数 支付金额 支付买家数 支付子订单数 支付件数 下单金额 下单买家数 下单件数 下单转化率 支付转化率 客单价 UV价值 老访客数 新访客数 支付老买家数 老买家支付金额 直通车消耗 钻石展位消耗 淘宝客佣金 成功退款金额 评价数 有图评价数 正面评价数 负面评价数 描述相符评分 物流服务评分 服务态度评分 店铺收藏买家数'.split(
      ' ',
    ),
  'product-metrics': '统计日期 商品id 商品访客数 商品浏览量 支付金额 支付买家数 支付件数'.split(' '),
  'industry-metrics': '统计日期 类目 访客数 支付金额 支付买家数'.split(' '),
  'competitor-metrics': '统计日期 竞品店铺 访客数 支付金额 支付买家数'.split(' '),
  'traffic-sources': '统计日期 流量来源 访客数 支付买家数 支付金额'.split(' '),
  'ads.ztc':
    '日期 计划id 计划名称 推广类型 单元id 单元名称 商品id 展现量 点击量 花费 点击率 平均点击花费 千次展现花费 总收藏数 总购物车数 总成交金额 直接成交金额 间接成交金额 总成交笔数 投入产出比 点击转化率'.split(
      ' ',
    ),
  'ads.ylmf-wxt': '日期 计划id 计划名称 单元id 单元名称 商品id 曝光量 点击量 消耗 roi'.split(' '),
  'chat-log': '会话id 时间 发送方 买家 客服 内容 是否自动回复'.split(' '),
  'cs-daily':
    '日期 旺旺 接待人数 询单人数 询单->最终付款人数 询单->最终付款成功率 销售额 客单价 客件数 平均响应(秒) 首次响应时间 客服回复率 未回复人数 慢响应人数 退款率'.split(
      ' ',
    ),
  'cs-attendance': '客服 上班天数 平均上线时间 最早上线 最晚在线 在线总时长 挂起总时长'.split(' '),
  stock: '商家编码 商品id 标题 可用库存 在途 日期'.split(' '),
  'affiliate-orders':
    '订单编号 子订单编号 商品id 商品名称 推广者id 推广者昵称 付款金额 佣金比率 预估佣金 结算金额 订单状态 创建时间 结算时间'.split(
      ' ',
    ),
  'jd-orders':
    '订单号 商品ID 商品名称 订购数量 下单时间 付款确认时间 订单完成时间 京东价 订单金额 结算金额 应付金额 运费金额 服务费 订单状态 订单类型 订单来源 下单帐号 客户姓名 客户地址 联系电话 订单备注 商家备注 发票类型 货号 仓库名称 店铺名称'.split(
      ' ',
    ),
};

/** kind.version → the exact header row. */
const EXACT: Record<string, readonly string[]> = {
  'taobao-orders.2019': H.TAOBAO_ORDERS_CSV,
  'taobao-orders.current': H.TAOBAO_ORDERS_XLSX,
  'taobao-order-items.current': [...H.TAOBAO_ITEMS, ''],
  'taobao-refunds.newer': H.TAOBAO_REFUNDS,
  'reviews.sycm': H.TAOBAO_REVIEWS,
  'store-metrics.sycm': H.STORE_METRICS,
  'product-metrics.sycm': H.PRODUCT_METRICS,
  'industry-metrics.sycm': H.INDUSTRY_METRICS,
  'competitor-metrics.sycm': H.COMPETITOR_METRICS,
  'ads.ztc': H.ADS_ZTC,
  'ads.ylmf-wxt': H.ADS_YLMF,
  'chat-log.storeops-v1': H.CHAT_LOG,
  'cs-daily.chitu': H.CS_DAILY,
  'cs-attendance.zunshilv': H.CS_ATTENDANCE,
  'stock.storeops-v1': H.STOCK_SNAPSHOT,
  'jd-orders.pop': H.JD_ORDERS,
  'affiliate-orders.current': H.AFFILIATE_ORDERS,
  // 流量来源: the store split as XLSX, the product split as CSV.
  'traffic-sources.sycm.xlsx': H.TRAFFIC_SOURCES_STORE,
  'traffic-sources.sycm.csv': H.TRAFFIC_SOURCES_PRODUCT,
  'traffic-sources.sycm-competitor': H.TRAFFIC_SOURCES_COMPETITOR,
};

describe('headers', () => {
  it('writes exactly the documented header row in every file, with the FORMATS.md names', async () => {
    for (const f of m.files) {
      const path = join(dirA, f.path);
      const header = f.format === 'csv' ? (await readCsv(path)).header : (await readXlsx(path)).header;
      expect(header, f.path).toEqual([
        ...(EXACT[`${f.kind}.${f.version}.${f.format}`] ?? EXACT[`${f.kind}.${f.version}`]),
      ]);
      const trimmed = header.map((h) => h.trim());
      for (const name of FORMATS_CORE[f.kind] ?? FORMATS_CORE[`${f.kind}.${f.version}`])
        expect(trimmed, `${f.path}: ${name}`).toContain(name);
    }
  });

  it('has the ~2019 56-column CSV and the ~70-column current XLSX order report', () => {
    expect(H.TAOBAO_ORDERS_CSV.length).toBe(56);
    expect(H.TAOBAO_ORDERS_XLSX.length).toBe(70);
    expect(H.TAOBAO_ORDERS_XLSX).toContain('主订单编号');
  });

  it('uses the Sheet1 sheet in every XLSX', async () => {
    for (const f of m.files.filter((x) => x.format === 'xlsx'))
      expect((await readXlsx(join(dirA, f.path))).sheet).toBe('Sheet1');
  });
});

describe('platform quirks', () => {
  let orders: Table;
  let items: Table;
  beforeAll(async () => {
    orders = await readCsv(fileOf('taobao-orders', '.csv'));
    items = await readCsv(fileOf('taobao-order-items'));
  });

  it('encodes the CSVs in GBK with \\r\\n line ends (the chat log in UTF-8 with BOM)', async () => {
    for (const f of m.files.filter((x) => x.format === 'csv')) {
      const t = await readCsv(join(dirA, f.path));
      expect(t.text.includes('\uFFFD'), f.path).toBe(false);
      expect(t.text.split('\r\n').length - 1, f.path).toBe(f.rows + 1);
      expect(t.text.replace(/\r\n/g, '').includes('\n'), f.path).toBe(false);
      const bom = t.raw[0] === 0xef && t.raw[1] === 0xbb && t.raw[2] === 0xbf;
      expect(bom, f.path).toBe(f.kind === 'chat-log');
      if (!bom) expect(() => new TextDecoder('utf-8', { fatal: true }).decode(t.raw), f.path).toThrow();
    }
  });

  it('writes long ids as Excel formulas, empty ones as ="", phones with an apostrophe', () => {
    const id = col(orders.header, '订单编号');
    const track = col(orders.header, '物流单号');
    const phone = col(orders.header, '联系手机');
    for (const r of orders.rows) {
      expect(r[id]).toMatch(/^="\d{19}"$/);
      expect(r[track]).toMatch(/^="[A-Z0-9]*"$/);
      expect(r[phone]).toMatch(/^'1\d{10}$/);
    }
    expect(orders.rows.some((r) => r[track] === '=""')).toBe(true);
    // Ids beyond 2^53: parsing them as numbers would corrupt them.
    expect(orders.rows.every((r) => !Number.isSafeInteger(Number(unquirk(r[id]))))).toBe(true);
  });

  it('has a header with a trailing space, money with 元, and item lines ending with a comma', () => {
    expect(orders.header).toContain('订单付款时间 ');
    expect(orders.rows.every((r) => r[col(orders.header, '买家服务费')].endsWith('元'))).toBe(true);
    expect(orders.rows.some((r) => /^\d+\.\d{2}元$/.test(r[col(orders.header, '退款金额')]))).toBe(true);
    const lines = items.text.split('\r\n').filter(Boolean);
    expect(lines.every((l) => l.endsWith(','))).toBe(true);
  });

  it('writes addresses as 省 市 区 detail(postcode)', () => {
    const addr = col(orders.header, '收货地址');
    for (const r of orders.rows) expect(r[addr]).toMatch(/^\S+ \S+ \S+ \S+\(\d{6}\)$/);
  });

  it('writes JD times in the short yyyy/M/d H:mm form and masks JD phones', async () => {
    const jd = await readCsv(fileOf('jd-orders'));
    for (const r of jd.rows) {
      expect(r[col(jd.header, '下单时间')]).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/);
      expect(r[col(jd.header, '联系电话')]).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });
});

describe('coherence', () => {
  type O = {
    id: string;
    buyer: string;
    created: number;
    paid: number | null;
    shipped: number | null;
    confirmed: number | null;
    status: string;
    payable: number;
    postage: number;
    total: number;
    paidFen: number;
    card: number;
    jfb: number;
    qty: number;
    lines: number;
  };
  const orders = new Map<string, O>();
  const itemsByOrder = new Map<
    string,
    { sku: string; price: number; qty: number; payable: number; paid: number; status: string }[]
  >();
  const dateOf = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

  beforeAll(async () => {
    const o = await readCsv(fileOf('taobao-orders', '.csv'));
    const h = (n: string) => col(o.header, n);
    for (const r of o.rows) {
      const paidAt = r[h('订单付款时间')];
      orders.set(unquirk(r[h('订单编号')]), {
        id: unquirk(r[h('订单编号')]),
        buyer: r[h('买家会员名')],
        created: secs(r[h('订单创建时间')]),
        paid: paidAt ? secs(paidAt) : null,
        shipped: r[h('发货时间')] ? secs(r[h('发货时间')]) : null,
        confirmed: r[h('确认收货时间')] ? secs(r[h('确认收货时间')]) : null,
        status: r[h('订单状态')],
        payable: fen(r[h('买家应付货款')]),
        postage: fen(r[h('买家应付邮费')]),
        total: fen(r[h('总金额')]),
        paidFen: fen(r[h('买家实际支付金额')]),
        card: fen(r[h('天猫卡券抵扣')]),
        jfb: fen(r[h('集分宝抵扣')]),
        qty: Number(r[h('宝贝总数量')]),
        lines: Number(r[h('宝贝种类')]),
      });
    }
    const it = await readCsv(fileOf('taobao-order-items'));
    const g = (n: string) => col(it.header, n);
    for (const r of it.rows) {
      const id = unquirk(r[g('主订单编号')]);
      const list = itemsByOrder.get(id) ?? [];
      list.push({
        sku: r[g('商家编码')],
        price: fen(r[g('价格')]),
        qty: Number(r[g('购买数量')]),
        payable: fen(r[g('买家应付货款')]),
        paid: fen(r[g('买家实际支付金额')]),
        status: r[g('订单状态')],
      });
      itemsByOrder.set(id, list);
    }
  });

  it('adds up every order: items − discounts + postage = total; total − deductions = paid', () => {
    expect(orders.size).toBeGreaterThan(0);
    for (const o of orders.values()) {
      const lines = itemsByOrder.get(o.id) ?? [];
      expect(lines.length, o.id).toBe(o.lines);
      expect(lines.reduce((a, l) => a + l.qty, 0)).toBe(o.qty);
      const goods = lines.reduce((a, l) => a + l.price * l.qty, 0);
      expect(goods).toBeGreaterThanOrEqual(o.payable); // discounts ≥ 0
      expect(lines.reduce((a, l) => a + l.payable, 0)).toBe(o.payable);
      expect(o.total).toBe(o.payable + o.postage);
      if (o.paid !== null) {
        expect(o.paidFen).toBe(o.total - o.card - o.jfb);
        expect(lines.reduce((a, l) => a + l.paid, 0) + o.postage).toBe(o.paidFen);
      } else expect(o.paidFen).toBe(0);
    }
  });

  it('lists the discounts in the XLSX slice so goods − discounts = 买家应付货款', async () => {
    const x = await readXlsx(fileOf('taobao-orders', '.xlsx'));
    const h = (n: string) => col(x.header, n);
    expect(x.rows.length).toBeGreaterThan(0);
    for (const r of x.rows) {
      const id = String(r[h('主订单编号')]);
      expect(String(r[h('订单编号')])).toBe(id);
      const lines = itemsByOrder.get(id) ?? [];
      const goods = lines.reduce((a, l) => a + l.price * l.qty, 0);
      const notes = String(r[h('优惠详情')] ?? '');
      let discount = 0;
      for (const part of notes.split(';').filter(Boolean)) {
        const mm = /满\d+减(\d+)$/.exec(part);
        discount += mm ? Number(mm[1]) * 100 : fen(part.split(':')[1]);
      }
      expect(goods - discount, id).toBe(fen(r[h('买家应付货款')]));
      expect(orders.get(id)?.status).toBe(r[h('订单状态')]);
    }
  });

  it('keeps time in order: created < paid < shipped < confirmed, everything before the export', () => {
    const exportAt = secs(m.exportedAt);
    for (const o of orders.values()) {
      if (o.paid !== null) expect(o.paid).toBeGreaterThanOrEqual(o.created);
      if (o.shipped !== null) expect(o.shipped).toBeGreaterThan(o.paid as number);
      if (o.confirmed !== null) expect(o.confirmed).toBeGreaterThan(o.shipped as number);
      for (const t of [o.created, o.paid, o.shipped, o.confirmed])
        if (t !== null) expect(t).toBeLessThanOrEqual(exportAt);
    }
    const statuses = new Set([...orders.values()].map((o) => o.status));
    for (const s of [
      '等待买家付款',
      '买家已付款，等待卖家发货',
      '卖家已发货，等待买家确认',
      '交易成功',
      '交易关闭',
    ])
      expect(statuses).toContain(s);
  });

  it('ships within 24 h mostly; over 48 h only the planted late day and after campaign peaks', () => {
    const late = new Set(
      (m.plantedEvents.find((e) => e.type === 'late_shipments')?.details.orderIds as string[]) ?? [],
    );
    expect(late.size).toBeGreaterThan(0);
    const peaks = new Set(m.calendar.flatMap((c) => c.peakDays));
    let shipped = 0;
    let within24 = 0;
    for (const o of orders.values()) {
      if (o.shipped === null || o.paid === null) continue;
      const h = (o.shipped - o.paid) / 3600;
      const afterPeak = peaks.has(dateOf(o.paid)) || peaks.has(dateOf(o.paid - 86_400));
      if (!afterPeak && !late.has(o.id)) {
        shipped++;
        if (h <= 24) within24++;
      }
      if (h > 48)
        expect(late.has(o.id) || afterPeak, `${o.id} shipped ${h.toFixed(1)} h after payment`).toBe(true);
      if (late.has(o.id)) expect(h).toBeGreaterThan(48);
    }
    expect(within24 / shipped).toBeGreaterThan(0.97);
  });

  it('store metrics: 支付金额 and 支付买家数 of a day are that day’s paid orders (by payment time)', async () => {
    const s = await readXlsx(fileOf('store-metrics'));
    const h = (n: string) => col(s.header, n);
    const byDay = new Map<string, { fen: number; buyers: Set<string>; lines: number; qty: number }>();
    for (const o of orders.values()) {
      if (o.paid === null) continue;
      const d = dateOf(o.paid);
      const e = byDay.get(d) ?? { fen: 0, buyers: new Set<string>(), lines: 0, qty: 0 };
      e.fen += o.paidFen;
      e.buyers.add(o.buyer);
      e.lines += o.lines;
      e.qty += o.qty;
      byDay.set(d, e);
    }
    expect(s.rows.length).toBe(m.days);
    for (const r of s.rows) {
      const d = String(r[h('统计日期')]);
      const e = byDay.get(d) ?? { fen: 0, buyers: new Set(), lines: 0, qty: 0 };
      expect(fen(r[h('支付金额')]), d).toBe(e.fen);
      expect(r[h('支付买家数')], d).toBe(e.buyers.size);
      expect(r[h('支付子订单数')], d).toBe(e.lines);
      expect(r[h('支付件数')], d).toBe(e.qty);
      expect(Number(r[h('访客数')])).toBeGreaterThan(e.buyers.size);
      expect(String(r[h('支付转化率')])).toMatch(/^\d+\.\d{2}%$/);
    }
  });

  it('store metrics agree with the refund, review and ads files', async () => {
    const s = await readXlsx(fileOf('store-metrics'));
    const h = (n: string) => col(s.header, n);
    const refunds = await readCsv(fileOf('taobao-refunds'));
    const rf = (n: string) => col(refunds.header, n);
    const refundByDay = new Map<string, number>();
    for (const r of refunds.rows) {
      if (r[rf('退款状态')] !== '退款成功') continue;
      const d = r[rf('退款完结时间')].slice(0, 10);
      refundByDay.set(d, (refundByDay.get(d) ?? 0) + fen(r[rf('买家退款金额')]));
    }
    const reviews = await readXlsx(fileOf('reviews'));
    const reviewsByDay = new Map<string, number>();
    for (const r of reviews.rows) {
      const d = String(r[col(reviews.header, '评价时间')]).slice(0, 10);
      reviewsByDay.set(d, (reviewsByDay.get(d) ?? 0) + 1);
    }
    const ztc = await readCsv(fileOf('ads', '', 'ztc'));
    const ztcByDay = new Map<string, number>();
    for (const r of ztc.rows) ztcByDay.set(r[0], (ztcByDay.get(r[0]) ?? 0) + fen(r[col(ztc.header, '花费')]));
    const ylmf = await readCsv(fileOf('ads', '', 'ylmf-wxt'));
    const ylmfByDay = new Map<string, number>();
    for (const r of ylmf.rows)
      ylmfByDay.set(r[0], (ylmfByDay.get(r[0]) ?? 0) + fen(r[col(ylmf.header, '消耗')]));
    for (const r of s.rows) {
      const d = String(r[h('统计日期')]);
      expect(fen(r[h('成功退款金额')]), d).toBe(refundByDay.get(d) ?? 0);
      expect(r[h('评价数')], d).toBe(reviewsByDay.get(d) ?? 0);
      expect(fen(r[h('直通车消耗')]), d).toBe(ztcByDay.get(d) ?? 0);
      expect(fen(r[h('钻石展位消耗')]), d).toBe(ylmfByDay.get(d) ?? 0);
    }
  });

  it('the affiliate file: paid orders of the order report; 预估佣金 by payment day = 淘宝客佣金; 返利多多 unreliable', async () => {
    const a = await readCsv(fileOf('affiliate-orders'));
    const h = (n: string) => col(a.header, n);
    expect(a.rows.length).toBeGreaterThan(20);
    const byDay = new Map<string, number>();
    const partner = new Map<string, { orders: Set<string>; invalid: Set<string> }>();
    for (const r of a.rows) {
      const id = unquirk(r[h('订单编号')]);
      const o = orders.get(id);
      expect(o?.paid, id).not.toBeNull();
      expect(secs(r[h('付款时间')])).toBe(o!.paid);
      const commission = fen(r[h('预估佣金')]);
      const rate = Math.round(Number.parseFloat(r[h('佣金比率')]) * 100);
      expect(commission).toBe(Math.round((fen(r[h('付款金额')]) * rate) / 10_000));
      const d = r[h('付款时间')].slice(0, 10);
      byDay.set(d, (byDay.get(d) ?? 0) + commission);
      const p = partner.get(r[h('推广者昵称')]) ?? { orders: new Set(), invalid: new Set() };
      partner.set(r[h('推广者昵称')], p);
      p.orders.add(id);
      if (r[h('订单状态')] === '订单失效') p.invalid.add(id);
      if (r[h('订单状态')] === '订单结算') expect(r[h('结算时间')]).not.toBe('');
    }
    const s = await readXlsx(fileOf('store-metrics'));
    for (const r of s.rows) {
      const d = String(r[col(s.header, '统计日期')]);
      expect(fen(r[col(s.header, '淘宝客佣金')]), d).toBe(byDay.get(d) ?? 0);
    }
    const share = (n: string) => partner.get(n)!.invalid.size / partner.get(n)!.orders.size;
    expect(share('返利多多')).toBeGreaterThan(0.3);
    for (const n of ['省钱快报', '值得买好物', '家居种草君']) expect(share(n), n).toBeLessThan(0.3);
  });

  it('product metrics add up to the items paid that day', async () => {
    const p = await readXlsx(fileOf('product-metrics'));
    const h = (n: string) => col(p.header, n);
    const itemToProduct = new Map<string, string>();
    for (const prod of m.products as { itemId: string; skus: { code: string }[] }[])
      for (const s of prod.skus) itemToProduct.set(s.code, prod.itemId);
    const sums = new Map<string, number>();
    for (const o of orders.values()) {
      if (o.paid === null) continue;
      for (const l of itemsByOrder.get(o.id) ?? []) {
        const k = `${dateOf(o.paid)}|${itemToProduct.get(l.sku)}`;
        sums.set(k, (sums.get(k) ?? 0) + l.paid);
      }
    }
    for (const r of p.rows) {
      const k = `${r[h('统计日期')]}|${r[h('商品id')]}`;
      expect(fen(r[h('支付金额')]), k).toBe(sums.get(k) ?? 0);
    }
  });

  it('refunds reference real orders and lines, after payment, never more than was paid', async () => {
    const t = await readCsv(fileOf('taobao-refunds'));
    const h = (n: string) => col(t.header, n);
    expect(t.rows.length).toBeGreaterThan(20);
    const reasons = new Set<string>();
    for (const r of t.rows) {
      const o = orders.get(unquirk(r[h('订单编号')]));
      expect(o, r[h('订单编号')]).toBeDefined();
      if (!o) continue;
      const line = (itemsByOrder.get(o.id) ?? []).find((l) => l.sku === r[h('商品编码')]);
      expect(line).toBeDefined();
      expect(fen(r[h('买家退款金额')])).toBeLessThanOrEqual(line?.paid ?? 0);
      expect(secs(r[h('退款的申请时间')])).toBeGreaterThanOrEqual(o.paid as number);
      reasons.add(r[h('买家退款原因')]);
      expect(['售中退款', '售后退款']).toContain(r[h('售中或售后')]);
    }
    expect(reasons.size).toBeGreaterThanOrEqual(5);
  });

  it('reviews name real products and SKUs, bought by that buyer before the review', async () => {
    const t = await readXlsx(fileOf('reviews'));
    const h = (n: string) => col(t.header, n);
    const skus = new Map<string, { itemId: string; code: string }>();
    for (const prod of m.products as { itemId: string; skus: { code: string; skuId: string }[] }[])
      for (const s of prod.skus) skus.set(s.skuId, { itemId: prod.itemId, code: s.code });
    const boughtBy = new Map<string, O[]>();
    for (const o of orders.values()) boughtBy.set(o.buyer, [...(boughtBy.get(o.buyer) ?? []), o]);
    let linked = 0;
    for (const r of t.rows) {
      const sku = skus.get(String(r[h('skuid')]));
      expect(sku).toBeDefined();
      expect(String(r[h('商品id')])).toBe(sku?.itemId);
      expect(['好评', '中评', '差评']).toContain(r[h('评价分类')]);
      const nick = String(r[h('昵称')]);
      if (nick.includes('***')) continue; // anonymous review
      const at = secs(String(r[h('评价时间')]));
      const match = (boughtBy.get(nick) ?? []).some(
        (o) =>
          o.confirmed !== null &&
          o.confirmed <= at &&
          (itemsByOrder.get(o.id) ?? []).some((l) => l.sku === sku?.code),
      );
      expect(match, `${nick} ${r[h('评价时间')]}`).toBe(true);
      linked++;
    }
    expect(linked).toBeGreaterThan(t.rows.length * 0.8);
  });

  it('chat sessions name an agent; inquiry chats end before the buyer’s order', async () => {
    const c = await readCsv(fileOf('chat-log'));
    const h = (n: string) => col(c.header, n);
    const accounts = new Set(m.agents.map((a) => a.account));
    const sessions = new Map<string, { agent: string; buyer: string; first: string; last: number }>();
    for (const r of c.rows) {
      const agent = r[h('客服')];
      expect(accounts.has(agent)).toBe(true);
      expect(r[h('发送方')] === 'buyer' || r[h('发送方')] === agent).toBe(true);
      expect(['是', '否']).toContain(r[h('是否自动回复')]);
      const s = sessions.get(r[0]);
      const t = secs(r[h('时间')]);
      if (!s) sessions.set(r[0], { agent, buyer: r[h('买家')], first: r[h('发送方')], last: t });
      else {
        expect(s.agent).toBe(agent);
        expect(t).toBeGreaterThanOrEqual(s.last);
        s.last = t;
      }
    }
    const rude = m.plantedEvents.find((e) => e.type === 'rude_phrase');
    const occ = (rude?.details.occurrences as { sessionId: string; orderId: string | null }[]) ?? [];
    const withOrder = occ.filter((x) => x.orderId !== null);
    expect(withOrder.length).toBeGreaterThan(0);
    for (const x of withOrder) {
      const s = sessions.get(x.sessionId);
      const o = orders.get(x.orderId as string);
      expect(s && o).toBeTruthy();
      if (!s || !o) continue;
      expect(s.buyer).toBe(o.buyer);
      expect(s.last).toBeLessThan(o.created);
    }
  });

  it('赤兔 cs-daily counts the buyers each agent received in the chat log', async () => {
    const c = await readCsv(fileOf('chat-log'));
    const h = (n: string) => col(c.header, n);
    // Sessions the agent opened (payment reminders) are not receptions.
    const first = new Map<string, { sender: string; day: string }>();
    for (const r of c.rows)
      if (!first.has(r[0])) first.set(r[0], { sender: r[h('发送方')], day: r[h('时间')].slice(0, 10) });
    const received = new Map<string, Set<string>>();
    for (const r of c.rows) {
      const f = first.get(r[0]);
      if (f?.sender !== 'buyer') continue;
      const k = `${f.day}|${r[h('客服')]}`;
      const set = received.get(k) ?? new Set<string>();
      set.add(r[h('买家')]);
      received.set(k, set);
    }
    const d = await readXlsx(fileOf('cs-daily'));
    const g = (n: string) => col(d.header, n);
    for (const r of d.rows) {
      const k = `${r[g('日期')]}|${r[g('旺旺')]}`;
      expect(r[g('接待人数')], k).toBe(received.get(k)?.size ?? 0);
    }
  });
});

describe('planted events', () => {
  const ev = (type: string) => {
    const e = m.plantedEvents.find((x) => x.type === type);
    if (!e) throw new Error(`no planted ${type}`);
    return e;
  };

  it('lists every planted event with its dates', () => {
    const types = m.plantedEvents.map((e) => e.type).sort();
    expect(types).toEqual(
      [
        'ad_budget_exhausted',
        'bad_review_burst',
        'competitor_promotion',
        'hero_stockout',
        'late_arrival',
        'late_shipments',
        'market_dip',
        'price_change',
        'rude_phrase',
        'slow_reply_agent',
        'unanswered_questions',
      ].sort(),
    );
    for (const e of m.plantedEvents) {
      expect(e.from >= m.startDate && e.to <= m.endDate && e.from <= e.to, e.id).toBe(true);
      expect(e.description.length).toBeGreaterThan(5);
    }
  });

  it('market dip: industry and store fall together', async () => {
    const e = ev('market_dip');
    const ind = await readXlsx(fileOf('industry-metrics'));
    const h = (n: string) => col(ind.header, n);
    const st = await readXlsx(fileOf('store-metrics'));
    const sv = (d: string) => Number(st.rows.find((r) => r[0] === d)?.[col(st.header, '访客数')]);
    const daysBefore = (d: string, k: number) =>
      new Date(Date.parse(d) - k * 86_400_000).toISOString().slice(0, 10);
    for (const c of m.categories) {
      const v = (d: string) =>
        Number(ind.rows.find((r) => r[h('统计日期')] === d && r[h('类目')] === c)?.[h('访客数')]);
      const base =
        [7, 8, 9, 10, 11, 12, 13].map((k) => v(daysBefore(e.from, k))).reduce((a, b) => a + b, 0) / 7;
      expect(v(daysBefore(e.from, -1)), c).toBeLessThan(base * 0.86);
    }
    const base =
      [7, 8, 9, 10, 11, 12, 13].map((k) => sv(daysBefore(e.from, k))).reduce((a, b) => a + b, 0) / 7;
    expect(sv(daysBefore(e.from, -1))).toBeLessThan(base * 0.88);
  });

  it('hero stock-out: the hero sells nothing, stock is 0 with goods in transit, the industry is flat', async () => {
    const e = ev('hero_stockout');
    const itemId = e.details.itemId as string;
    const stock = await readCsv(fileOf('stock'));
    const h = (n: string) => col(stock.header, n);
    const rows = stock.rows.filter(
      (r) => r[h('商品id')] === itemId && r[h('日期')] >= e.from && r[h('日期')] <= e.to,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r[h('可用库存')]).toBe('0');
      expect(Number(r[h('在途')])).toBeGreaterThan(0);
    }
    const p = await readXlsx(fileOf('product-metrics'));
    const g = (n: string) => col(p.header, n);
    for (const r of p.rows)
      if (r[g('商品id')] === itemId && String(r[g('统计日期')]) > e.from && String(r[g('统计日期')]) <= e.to)
        expect(fen(r[g('支付金额')])).toBe(0);
    expect(m.stockouts.some((s) => s.planted && s.itemId === itemId)).toBe(true);
    const ind = await readXlsx(fileOf('industry-metrics'));
    const total = (d: string) =>
      ind.rows.filter((r) => r[0] === d).reduce((a, r) => a + Number(r[col(ind.header, '访客数')]), 0);
    const before = new Date(Date.parse(e.from) - 7 * 86_400_000).toISOString().slice(0, 10);
    expect(total(e.from)).toBeGreaterThan(total(before) * 0.85);
  });

  it('ad plan out of budget: clicks collapse on that day in the 直通车 report', async () => {
    const e = ev('ad_budget_exhausted');
    const z = await readCsv(fileOf('ads', '', 'ztc'));
    const h = (n: string) => col(z.header, n);
    const rows = z.rows.filter((r) => r[h('计划id')] === e.details.planId);
    const day = rows.filter((r) => r[h('日期')] === e.from).reduce((a, r) => a + Number(r[h('点击量')]), 0);
    const others = rows.filter((r) => r[h('日期')] !== e.from).map((r) => Number(r[h('点击量')]));
    const median = others.sort((a, b) => a - b)[Math.floor(others.length / 2)];
    expect(day).toBeLessThan(median * 0.7);
    expect(e.details.offlineAt).toBe('15:20');
  });

  it('price change: the product is sold at the new prices from that day', async () => {
    const e = ev('price_change');
    const skus = e.details.skus as { code: string; oldPrice: string; newPrice: string }[];
    const it = await readCsv(fileOf('taobao-order-items'));
    const h = (n: string) => col(it.header, n);
    let after = 0;
    for (const r of it.rows) {
      const s = skus.find((x) => x.code === r[h('商家编码')]);
      if (!s) continue;
      const day = r[h('订单创建时间')].slice(0, 10);
      expect(r[h('价格')]).toBe(day >= e.from ? s.newPrice : s.oldPrice);
      if (day >= e.from) after++;
    }
    expect(after).toBeGreaterThan(0);
  });

  it('bad-review burst: one product collects 差评 with the named reason', async () => {
    const e = ev('bad_review_burst');
    const t = await readXlsx(fileOf('reviews'));
    const h = (n: string) => col(t.header, n);
    const bad = t.rows.filter((r) => r[h('商品id')] === e.details.itemId && r[h('评价分类')] === '差评');
    const inWindow = bad.filter((r) => {
      const d = String(r[h('评价时间')]).slice(0, 10);
      return d >= e.from && d <= e.to;
    });
    expect(inWindow.length).toBeGreaterThanOrEqual(3);
    expect(inWindow.length).toBeGreaterThan(bad.length - inWindow.length);
    expect(String(e.details.reason)).toMatch(/^质量问题：/);
  });

  it('slow-reply agent: first responses well over 2 minutes in the window, in 赤兔 too', async () => {
    const e = ev('slow_reply_agent');
    const d = await readXlsx(fileOf('cs-daily'));
    const h = (n: string) => col(d.header, n);
    const vals = (mine: boolean) =>
      d.rows
        .filter((r) => {
          const day = String(r[h('日期')]);
          return (
            (r[h('旺旺')] === e.details.agent) === mine &&
            day >= e.from &&
            day <= e.to &&
            r[h('首次响应时间')] !== '-'
          );
        })
        .map((r) => Number(r[h('首次响应时间')]));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(vals(true))).toBeGreaterThan(120);
    expect(mean(vals(false))).toBeLessThan(60);
  });

  it('rude phrase and unanswered questions are in the chat log where the manifest says', async () => {
    const c = await readCsv(fileOf('chat-log'));
    const h = (n: string) => col(c.header, n);
    const rude = ev('rude_phrase');
    const ids = (rude.details.occurrences as { sessionId: string }[]).map((x) => x.sessionId);
    const withPhrase = new Set(c.rows.filter((r) => r[h('内容')] === rude.details.phrase).map((r) => r[0]));
    expect([...withPhrase].sort()).toEqual([...ids].sort());
    for (const r of c.rows) if (withPhrase.has(r[0])) expect(r[h('客服')]).toBe(rude.details.agent);

    const un = ev('unanswered_questions');
    const sessions = (un.details.sessions as { sessionId: string }[]).map((x) => x.sessionId);
    expect(sessions.length).toBeGreaterThan(0);
    const human = new Set(
      c.rows.filter((r) => r[h('发送方')] !== 'buyer' && r[h('是否自动回复')] === '否').map((r) => r[0]),
    );
    for (const s of sessions) expect(human.has(s), s).toBe(false);
    // Every other session with a buyer question got a human reply.
    const buyerSessions = new Set(c.rows.filter((r) => r[h('发送方')] === 'buyer').map((r) => r[0]));
    const unanswered = [...buyerSessions].filter((s) => !human.has(s)).sort();
    expect(unanswered).toEqual([...sessions].sort());
  });

  it('attendance files carry their period in the name and cover the window month by month', () => {
    const names = m.files.filter((f) => f.kind === 'cs-attendance').map((f) => f.path);
    expect(names).toEqual([
      '赤兔_客服考勤_20260926-20260930.xlsx',
      '赤兔_客服考勤_20261001-20261031.xlsx',
      '赤兔_客服考勤_20261101-20261124.xlsx',
    ]);
  });

  it('late arrival: the agent logs in late on the planted days (attendance average moves)', () => {
    const e = ev('late_arrival');
    const occ = e.details.occurrences as { minutesLate: number }[];
    expect(occ.length).toBeGreaterThan(0);
    for (const o of occ) expect(o.minutesLate).toBeGreaterThanOrEqual(10);
  });
});

describe('traffic sources (生意参谋 流量来源)', () => {
  it("the store's sources add up to its 访客数, and paid per source to its 支付金额, every day", async () => {
    const st = await readXlsx(fileOf('store-metrics'));
    const src = await readXlsx(fileOf('traffic-sources', '.xlsx', 'sycm'));
    const sh = (n: string) => col(src.header, n);
    const visitors = new Map<string, number>();
    const paid = new Map<string, number>();
    for (const r of src.rows) {
      const d = String(r[sh('统计日期')]);
      visitors.set(d, (visitors.get(d) ?? 0) + Number(r[sh('访客数')]));
      paid.set(d, (paid.get(d) ?? 0) + fen(r[sh('支付金额')]));
    }
    expect(st.rows.length).toBeGreaterThan(50);
    for (const r of st.rows) {
      const d = String(r[col(st.header, '统计日期')]);
      expect(visitors.get(d), d).toBe(Number(r[col(st.header, '访客数')]));
      expect(paid.get(d), d).toBe(fen(r[col(st.header, '支付金额')]));
    }
  });

  it("a product's sources add up to its 商品访客数; its 直通车 visitors are its 直通车 clicks", async () => {
    const pm = await readXlsx(fileOf('product-metrics'));
    const ps = await readCsv(fileOf('traffic-sources', '.csv'));
    const h = (n: string) => col(ps.header, n);
    const sum = new Map<string, number>();
    const ztc = new Map<string, number>();
    for (const r of ps.rows) {
      const k = `${r[h('统计日期')]}|${unquirk(r[h('商品id')])}`;
      sum.set(k, (sum.get(k) ?? 0) + Number(r[h('访客数')]));
      if (r[h('流量来源')] === '直通车') ztc.set(k, Number(r[h('访客数')]));
    }
    for (const r of pm.rows) {
      const k = `${r[col(pm.header, '统计日期')]}|${r[col(pm.header, '商品id')]}`;
      expect(sum.get(k) ?? 0, k).toBe(Number(r[col(pm.header, '商品访客数')]));
    }
    const ads = await readCsv(fileOf('ads', '.csv', 'ztc'));
    const ah = (n: string) => col(ads.header, n);
    const clicks = new Map<string, number>();
    for (const r of ads.rows) {
      const k = `${r[ah('日期')]}|${unquirk(r[ah('商品id')])}`;
      clicks.set(k, (clicks.get(k) ?? 0) + Number(r[ah('点击量')]));
    }
    let checked = 0;
    for (const [k, n] of clicks) {
      if (!sum.has(k)) continue;
      expect(ztc.get(k) ?? 0, k).toBe(n);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("a competitor's sources add up to its 访客数 and 支付金额 in the 竞品 file", async () => {
    const cm = await readXlsx(fileOf('competitor-metrics'));
    const cs = await readXlsx(fileOf('traffic-sources', '.xlsx', 'sycm-competitor'));
    const h = (n: string) => col(cs.header, n);
    const sum = new Map<string, [number, number]>();
    for (const r of cs.rows) {
      const k = `${r[h('统计日期')]}|${r[h('竞品店铺')]}`;
      const [v, f] = sum.get(k) ?? [0, 0];
      sum.set(k, [v + Number(r[h('访客数')]), f + fen(r[h('支付金额')])]);
    }
    expect(cm.rows.length).toBeGreaterThan(50);
    for (const r of cm.rows) {
      const k = `${r[col(cm.header, '统计日期')]}|${r[col(cm.header, '竞品店铺')]}`;
      expect(sum.get(k), k).toEqual([
        Number(r[col(cm.header, '访客数')]),
        fen(r[col(cm.header, '支付金额')]),
      ]);
    }
  });

  it('the planted hero stock-out shows as the hero losing its 手淘搜索 visitors', async () => {
    const e = m.plantedEvents.find((x) => x.type === 'hero_stockout');
    if (!e) return; // a 60-day run may have no room for it
    const ps = await readCsv(fileOf('traffic-sources', '.csv'));
    const h = (n: string) => col(ps.header, n);
    const item = String(e.details.itemId);
    const share = (inside: boolean) => {
      let search = 0;
      let all = 0;
      for (const r of ps.rows) {
        if (unquirk(r[h('商品id')]) !== item) continue;
        const d = String(r[h('统计日期')]);
        if ((d >= e.from && d <= e.to) !== inside) continue;
        all += Number(r[h('访客数')]);
        if (r[h('流量来源')] === '手淘搜索') search += Number(r[h('访客数')]);
      }
      return search / all;
    };
    expect(share(false)).toBeGreaterThan(0.25);
    expect(share(true)).toBeLessThan(0.1);
  });
});
