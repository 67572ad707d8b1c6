/**
 * Parse speed of a Taobao order report: 200k rows × 17 columns, GBK, `\r\n`, with the quirks
 * (formula ids, apostrophe phones, `0元`, `1,234.50`, both date forms). Generated in a temp dir.
 *
 * Prints JSON { rows, seconds, rowsPerSecond, baselineSeconds, ratio, … } where the baseline is
 * iconv-lite decode + papaparse to arrays (no adapter, no checks) over the same file in the same
 * run, and `seconds` is the full parse: detect encoding, decode, split, find the header, detect
 * the kind, bind the adapter and turn every row into a record.
 *
 * Wall-clock seconds are the headline; CPU seconds and the load average are printed too because
 * the machine may be shared (a load above the core count inflates wall time, not CPU time).
 *
 * Run: npx tsx bench/parse-orders.ts [rows]
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { parseFile } from '../src/imports/parse-file';

const RUNS = 3;

const HEADERS = [
  '订单编号',
  '买家会员名',
  '支付单号',
  '买家应付货款',
  '买家应付邮费',
  '总金额',
  '买家实际支付金额',
  '订单状态',
  '买家留言',
  '收货人姓名',
  '收货地址',
  '联系手机',
  '订单创建时间',
  '订单付款时间',
  '宝贝标题',
  '宝贝总数量',
  '物流单号',
];
const STATUSES = [
  '交易成功',
  '买家已付款，等待卖家发货',
  '卖家已发货，等待买家确认',
  '等待买家付款',
  '交易关闭',
];
const CITIES = [
  '广东省 广州市 越秀区',
  '浙江省 杭州市 西湖区',
  '北京 北京市 朝阳区',
  '四川省 成都市 武侯区',
  '江苏省 南京市 鼓楼区',
];
const TITLES = [
  '冰丝凉席三件套 1.8m床 夏季',
  '纯棉短袖T恤 男款 白色',
  '竹纤维枕巾 一对装',
  '电动升降桌 1.4m',
  '真丝连衣裙 中长款',
];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function makeFile(dir: string, ROWS: number): string {
  const path = join(dir, 'ExportOrderList202603011200.csv');
  const lines: string[] = [HEADERS.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const id = (35153131473293579n + BigInt(i) * 7919n).toString();
    const yuan = 10 + (i % 3000);
    const fen = i % 100;
    const money =
      yuan >= 1000
        ? `"${Math.floor(yuan / 1000)},${pad(yuan % 1000, 3)}.${pad(fen)}"`
        : `${yuan}.${pad(fen)}`;
    const plain = `${yuan}.${pad(fen)}`;
    const day = 1 + (i % 28);
    const h = i % 24;
    const created =
      i % 5 === 0
        ? `2026/3/${day} ${h}:${pad(i % 60)}`
        : `2026-03-${pad(day)} ${pad(h)}:${pad(i % 60)}:${pad(i % 59)}`;
    const status = STATUSES[i % STATUSES.length];
    const paid =
      status === '等待买家付款' || status === '交易关闭'
        ? ''
        : `2026-03-${pad(day)} ${pad(h)}:${pad(i % 60)}:59`;
    lines.push(
      [
        `="${id}"`,
        `买家${i % 9973}`,
        `="2026030122001${pad(i, 12)}"`,
        money,
        i % 4 === 0 ? '0元' : '8.00',
        plain,
        paid === '' ? '0' : plain,
        `"${status}"`,
        i % 7 === 0 ? '"请尽快发货，谢谢"' : '',
        `收货人${i % 500}`,
        `${CITIES[i % CITIES.length]} 幸福路${i % 200}号${i % 30}栋(${510000 + (i % 999)})`,
        `'139${pad(i % 100000000, 8)}`,
        created,
        paid,
        TITLES[i % TITLES.length],
        String(1 + (i % 5)),
        i % 3 === 0 ? '=""' : `="YT${pad(i, 10)}"`,
      ].join(','),
    );
  }
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
  return path;
}

/** iconv-lite streaming decode + papaparse to arrays, chunk by chunk: nothing else. */
async function baseline(path: string): Promise<number> {
  const decoder = iconv.getDecoder('gb18030');
  const parser = new Papa.Parser({ delimiter: ',', newline: '\n', quoteChar: '"' });
  let pending = '';
  let rows = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    pending += decoder.write(chunk as Buffer);
    const res = parser.parse(pending, 0, true) as { data: string[][]; meta: { cursor: number } };
    rows += res.data.length;
    pending = pending.slice(res.meta.cursor);
  }
  pending += decoder.end() ?? '';
  if (pending) rows += (parser.parse(pending, 0, false) as { data: string[][] }).data.length;
  return rows - 1; // header
}

async function full(path: string): Promise<{ records: number; rejects: number }> {
  const file = await parseFile(path, { kind: 'taobao-orders' });
  let records = 0;
  let rejects = 0;
  for await (const b of file.batches) {
    records += b.records.length;
    rejects += b.rejectedRows;
  }
  return { records, rejects };
}

async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(c);
  return {
    seconds: Number(process.hrtime.bigint() - t) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    value,
  };
}

export type ParseOrdersResult = {
  bench: 'parse-orders';
  rows: number;
  columns: number;
  fileMB: number;
  seconds: number;
  rowsPerSecond: number;
  baselineSeconds: number;
  ratio: number;
  /** Process CPU time of the best runs (includes GC helper threads); less sensitive to a busy machine. */
  cpuSeconds: number;
  baselineCpuSeconds: number;
  /** 1-minute load average when the run ended (other processes competing for the 2 cores). */
  loadAverage: number;
  runs: number;
};

/** Generates the file, measures baseline and full parse (best of 3 each), deletes the file. */
export async function benchParseOrders(ROWS = 200_000): Promise<ParseOrdersResult> {
  const dir = mkdtempSync(join(tmpdir(), 'storeops-bench-'));
  try {
    const path = makeFile(dir, ROWS);
    const bytes = statSync(path).size;
    let best = Number.POSITIVE_INFINITY;
    let bestBase = Number.POSITIVE_INFINITY;
    let bestCpu = Number.POSITIVE_INFINITY;
    let bestBaseCpu = Number.POSITIVE_INFINITY;
    let result = { records: 0, rejects: 0 };
    let baseRows = 0;
    for (let run = 0; run < RUNS; run++) {
      const b = await time(() => baseline(path));
      bestBase = Math.min(bestBase, b.seconds);
      bestBaseCpu = Math.min(bestBaseCpu, b.cpuSeconds);
      baseRows = b.value;
      const f = await time(() => full(path));
      best = Math.min(best, f.seconds);
      bestCpu = Math.min(bestCpu, f.cpuSeconds);
      result = f.value;
    }
    if (result.records + result.rejects !== ROWS || baseRows !== ROWS) {
      throw new Error(`row count mismatch: ${JSON.stringify({ result, baseRows, ROWS })}`);
    }
    if (result.rejects !== 0) throw new Error(`${result.rejects} rows rejected`);
    return {
      bench: 'parse-orders',
      rows: ROWS,
      columns: HEADERS.length,
      fileMB: Math.round((bytes / 1e6) * 10) / 10,
      seconds: Math.round(best * 1000) / 1000,
      rowsPerSecond: Math.round(ROWS / best),
      baselineSeconds: Math.round(bestBase * 1000) / 1000,
      ratio: Math.round((best / bestBase) * 100) / 100,
      cpuSeconds: Math.round(bestCpu * 1000) / 1000,
      baselineCpuSeconds: Math.round(bestBaseCpu * 1000) / 1000,
      loadAverage: Math.round(loadavg()[0] * 100) / 100,
      runs: RUNS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = Number(process.argv[2] ?? 200_000);
  console.log(JSON.stringify(await benchParseOrders(rows)));
}
