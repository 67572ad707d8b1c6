/**
 * Parse speed of a Taobao order report: 200k rows × 17 columns, GBK, `\r\n`, with the quirks
 * (formula ids, apostrophe phones, `0元`, `1,234.50`, both date forms). Generated in a temp dir.
 *
 * Prints JSON { rows, seconds, rowsPerSecond, baselineSeconds, ratio, … } where the baseline is
 * iconv-lite decode + papaparse to arrays (no adapter, no checks) over the same file in the same
 * run, and `seconds` is the full parse: detect encoding, decode, split, find the header, detect
 * the kind, bind the adapter and turn every row into a record.
 *
 * Run: npx tsx bench/parse-orders.ts [rows]
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { parseFile } from '../src/imports/parse-file';

const ROWS = Number(process.argv[2] ?? 200_000);
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

function makeFile(dir: string): string {
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

async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, value };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'storeops-bench-'));
  try {
    const path = makeFile(dir);
    const bytes = statSync(path).size;
    let best = Number.POSITIVE_INFINITY;
    let bestBase = Number.POSITIVE_INFINITY;
    let result = { records: 0, rejects: 0 };
    let baseRows = 0;
    for (let run = 0; run < RUNS; run++) {
      const b = await time(() => baseline(path));
      bestBase = Math.min(bestBase, b.seconds);
      baseRows = b.value;
      const f = await time(() => full(path));
      best = Math.min(best, f.seconds);
      result = f.value;
    }
    if (result.records + result.rejects !== ROWS || baseRows !== ROWS) {
      throw new Error(`row count mismatch: ${JSON.stringify({ result, baseRows, ROWS })}`);
    }
    if (result.rejects !== 0) throw new Error(`${result.rejects} rows rejected`);
    const out = {
      bench: 'parse-orders',
      rows: ROWS,
      columns: HEADERS.length,
      fileMB: Math.round((bytes / 1e6) * 10) / 10,
      seconds: Math.round(best * 1000) / 1000,
      rowsPerSecond: Math.round(ROWS / best),
      baselineSeconds: Math.round(bestBase * 1000) / 1000,
      ratio: Math.round((best / bestBase) * 100) / 100,
      runs: RUNS,
    };
    console.log(JSON.stringify(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
