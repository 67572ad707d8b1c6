import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../test-fixtures';
import { readTable } from './table';
import type { RowBatch, Table } from './types';

const tmp = mkdtempSync(join(tmpdir(), 'storeops-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function all(t: Table): Promise<{ numbers: number[]; rows: string[][]; batches: RowBatch[] }> {
  const numbers: number[] = [];
  const rows: string[][] = [];
  const batches: RowBatch[] = [];
  for await (const b of t.batches) {
    batches.push(b);
    b.rows.forEach((r, i) => {
      numbers.push(b.firstRowNumber + i);
      rows.push(r);
    });
  }
  return { numbers, rows, batches };
}

describe('reading CSV exports', () => {
  it('reads a 2017 GBK order report: header is row 1, data from row 2', async () => {
    const t = await readTable(fixture('taobao-orders/ExportOrderList201707151030.csv'));
    expect(t.format).toBe('csv');
    expect(t.encoding).toBe('gb18030');
    expect(t.headerRowNumber).toBe(1);
    expect(t.headers).toHaveLength(46);
    expect(t.headers[0]).toBe('订单编号');
    const { numbers, rows } = await all(t);
    expect(numbers).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0][0]).toBe('="35153131473293579"');
  });

  it('trims trailing spaces in headers (quirk 4) and counts a quoted multi-line cell as one row', async () => {
    const t = await readTable(fixture('taobao-orders/ExportOrderList201911221800.csv'));
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.headers).toContain('订单付款时间');
    expect(t.headers).not.toContain('订单付款时间 ');
    const { numbers, rows } = await all(t);
    expect(numbers).toEqual([2, 3, 4]);
    expect(rows[0][t.headers.indexOf('买家留言')]).toBe('麻烦包装好一点,\n是送人的礼物');
  });

  it('drops the trailing empty header cell of a file whose lines end with a comma', async () => {
    const p = join(tmp, 'trailing.csv');
    writeFileSync(p, iconv.encode('订单编号,标题,价格,购买数量,\r\n="1",T恤,1.00,1,\r\n', 'gbk'));
    const t = await readTable(p);
    expect(t.headers).toEqual(['订单编号', '标题', '价格', '购买数量']);
    expect((await all(t)).rows).toEqual([['="1"', 'T恤', '1.00', '1', '']]);
  });

  it('skips preamble lines above the header and keeps row numbers as in the file', async () => {
    const t = await readTable(fixture('store-metrics/生意参谋-店铺整体-20260301-20260303.csv'));
    expect(t.headerRowNumber).toBe(4);
    expect(t.headers[0]).toBe('统计日期');
    expect((await all(t)).numbers).toEqual([5, 6, 7]);
  });

  it('skips blank lines without renumbering the rows after them', async () => {
    const p = join(tmp, 'blank.csv');
    writeFileSync(p, 'a,b\r\n1,2\r\n\r\n,\r\n3,4\r\n  \r\n5,6\r\n');
    const t = await readTable(p, { isHeader: () => true });
    const { numbers, rows, batches } = await all(t);
    expect(numbers).toEqual([2, 5, 7]);
    expect(rows).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    for (const b of batches) expect(b.rows.every((r) => r[0] !== '')).toBe(true);
  });

  it('hands out contiguous batches no larger than batchSize', async () => {
    const p = join(tmp, 'many.csv');
    writeFileSync(p, `a,b\r\n${Array.from({ length: 1000 }, (_, i) => `${i},x`).join('\r\n')}\r\n`);
    const t = await readTable(p, { isHeader: () => true, batchSize: 64, chunkBytes: 1000 });
    const { numbers, batches } = await all(t);
    expect(numbers).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    expect(Math.max(...batches.map((b) => b.rows.length))).toBeLessThanOrEqual(64);
    for (const b of batches) {
      b.rows.forEach((r, i) => {
        expect(Number(r[0]) + 2).toBe(b.firstRowNumber + i);
      });
    }
  });

  it('reports the row of bad bytes in a UTF-8 file that turns into GBK', async () => {
    const t = await readTable(fixture('bad/orders-utf8-then-gbk.csv'));
    await expect(all(t)).rejects.toMatchObject({ code: 'import.invalid_encoding', params: { row: 4 } });
  });

  it('reports the encoding found after an ASCII-only start', async () => {
    const p = join(tmp, 'ascii-then-gbk.csv');
    const ascii = Array.from({ length: 30_000 }, (_, i) => `${i},x`).join('\r\n');
    writeFileSync(p, Buffer.concat([Buffer.from(`a,b\r\n${ascii}\r\n`), iconv.encode('1,中文\r\n', 'gbk')]));
    const t = await readTable(p, { isHeader: () => true, chunkBytes: 4096 });
    expect(t.encoding).toBe('utf-8');
    const { rows } = await all(t);
    expect(rows[rows.length - 1]).toEqual(['1', '中文']);
    expect(t.encoding).toBe('gb18030');
  });

  it('can stop early and release the file', async () => {
    const t = await readTable(fixture('taobao-orders/ExportOrderList201707151030.csv'), { batchSize: 1 });
    for await (const b of t.batches) {
      expect(b.firstRowNumber).toBe(2);
      break;
    }
    await t.close();
  });
});

describe('refusing files that are not tables', () => {
  it.each([
    ['bad/empty.csv', 'import.empty_file'],
    ['bad/blank-lines.csv', 'import.empty_file'],
    ['bad/legacy-excel.xls', 'import.unsupported_format'],
    ['bad/web-page.xls', 'import.unsupported_format'],
    ['bad/orders-utf16.csv', 'import.unsupported_encoding'],
    ['bad/orders-unterminated-quote.csv', 'import.unterminated_quote'],
  ])('%s → %s', async (rel, code) => {
    await expect(
      (async () => {
        const t = await readTable(fixture(rel));
        await all(t);
      })(),
    ).rejects.toMatchObject({ code });
  });
});

describe('reading XLSX exports (streaming)', () => {
  it('reads Sheet1 of a current order report, dates as text in China wall-clock time', async () => {
    const t = await readTable(fixture('taobao-orders/ExportOrderList202603011200.xlsx'));
    expect(t.format).toBe('xlsx');
    expect(t.sheet).toBe('Sheet1');
    expect(t.headers[0]).toBe('主订单编号');
    const { rows, numbers } = await all(t);
    expect(numbers).toEqual([2, 3, 4]);
    const h = (name: string) => t.headers.indexOf(name);
    expect(rows[0][h('主订单编号')]).toBe('3984412345678901234');
    expect(rows[0][h('订单创建时间')]).toBe('2026-02-28 10:00:00');
    expect(rows[0][h('买家实际支付金额')]).toBe('1234.5');
    expect(rows[0]).toHaveLength(t.headers.length); // short rows are padded
  });

  it('renders percentage-formatted numbers as 2.35% and date-only cells as yyyy-MM-dd', async () => {
    const t = await readTable(fixture('store-metrics/生意参谋-店铺整体-20260304.xlsx'));
    const { rows } = await all(t);
    expect(rows[0][t.headers.indexOf('支付转化率')]).toBe('2.35%');
    expect(rows[0][t.headers.indexOf('跳失率')]).toBe('60.35%');
    expect(rows[0][t.headers.indexOf('统计日期')]).toBe('2026-03-04');
  });

  it('finds the data on the second sheet when the first is a note', async () => {
    const t = await readTable(fixture('bad/orders-data-on-second-sheet.xlsx'));
    expect(t.sheet).toBe('订单数据');
    expect((await all(t)).rows).toHaveLength(2);
  });

  it('reads a named sheet, and names the sheets when the name is wrong', async () => {
    const t = await readTable(fixture('bad/orders-data-on-second-sheet.xlsx'), { sheet: '说明' });
    expect(t.headers).toEqual(['本文件由店铺后台导出']);
    await t.close();
    await expect(
      readTable(fixture('bad/orders-data-on-second-sheet.xlsx'), { sheet: 'Sheet9' }),
    ).rejects.toMatchObject({
      code: 'import.sheet_not_found',
      params: { sheets: '说明、订单数据' },
    });
  });

  it('falls back to Sheet1 and its first row when no sheet has a known header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['hello']);
    const s = wb.addWorksheet('Sheet1');
    s.addRow(['名称', '数量']);
    s.addRow(['a', 1]);
    const p = join(tmp, 'unknown.xlsx');
    await wb.xlsx.writeFile(p);
    const t = await readTable(p);
    expect(t.sheet).toBe('Sheet1');
    expect(t.headers).toEqual(['名称', '数量']);
    expect((await all(t)).rows).toEqual([['a', '1']]);
  });

  it('errors clearly on a ZIP that is not a workbook', async () => {
    const p = join(tmp, 'not-a-workbook.xlsx');
    writeFileSync(p, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]));
    await expect(readTable(p)).rejects.toMatchObject({ code: expect.stringMatching(/^import\./) });
  });
});

describe('reading JSON lines', () => {
  it('takes the headers from the keys and numbers rows by line', async () => {
    const t = await readTable(fixture('chat-log/chat-log-20260302.jsonl'));
    expect(t.format).toBe('jsonl');
    expect(t.headers).toEqual(['sessionId', 'time', 'sender', 'buyer', 'agent', 'content', 'isAutoReply']);
    const { numbers, rows } = await all(t);
    expect(numbers).toEqual([1, 2, 3]);
    expect(rows[1][6]).toBe('true');
    expect(rows[2][6]).toBe('');
  });

  it('names the line that is not JSON', async () => {
    await expect(readTable(fixture('bad/chat-log-broken.jsonl'))).rejects.toMatchObject({
      code: 'import.invalid_json_line',
      params: { row: 2 },
    });
  });
});

describe('memory stays flat on a big file', () => {
  it.skipIf(process.env.STOREOPS_SKIP_BIG === '1')(
    'streams a ~200 MB GBK order CSV with RSS growth under 150 MB',
    async () => {
      const p = join(tmp, 'ExportOrderList209901010000.csv');
      const header =
        '订单编号,买家会员名,买家实际支付金额,订单状态,买家留言,收货地址,联系手机,订单创建时间,宝贝标题\r\n';
      const line = (i: number) =>
        `="${35153131473293579n + BigInt(i)}",买家${i % 997},"1,234.50",交易成功,"请尽快发货，谢谢,\r\n周末也可以",广东省 广州市 越秀区 中山五路${i % 100}号(510030),'139${String(i).padStart(8, '0')},2026-03-01 10:00:00,冰丝凉席三件套 1.8m床 夏季新款 透气 可机洗 送枕套\r\n`;
      const block: string[] = [];
      for (let i = 0; i < 2000; i++) block.push(line(i));
      const blockBytes = iconv.encode(block.join(''), 'gbk');
      const repeats = Math.ceil((200 * 1024 * 1024) / blockBytes.length);
      await new Promise<void>((resolve, reject) => {
        const ws = createWriteStream(p);
        ws.on('error', reject);
        ws.write(iconv.encode(header, 'gbk'));
        let k = 0;
        const pump = () => {
          while (k < repeats) {
            k++;
            if (!ws.write(blockBytes)) return void ws.once('drain', pump);
          }
          ws.end(resolve);
        };
        pump();
      });
      const expected = repeats * 2000;
      const before = process.memoryUsage().rss;
      let peak = before;
      let rows = 0;
      const t = await readTable(p);
      for await (const b of t.batches) {
        rows += b.rows.length;
        const rss = process.memoryUsage().rss;
        if (rss > peak) peak = rss;
      }
      rmSync(p);
      expect(rows).toBe(expected);
      expect(peak - before).toBeLessThan(150 * 1024 * 1024);
    },
    60_000,
  );
});
