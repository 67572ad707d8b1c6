import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from './adapter';
import { ADAPTERS } from './kinds';
import { parseFile, widthReject } from './parse-file';
import { fixture, parseFixture } from './test-fixtures';

describe('bad files', () => {
  it('reports the cut-off last row of a truncated file as having too few columns', async () => {
    const { records, rejects, rows } = await parseFixture('bad/ExportOrderList201707159999-truncated.csv');
    expect(rows).toBe(5);
    expect(records).toHaveLength(4);
    expect(rejects).toEqual([
      expect.objectContaining({
        row: 6,
        code: 'row.too_few_columns',
        messageEn: expect.stringContaining('row has too few columns'),
        message: expect.stringContaining('第 6 行'),
      }),
    ]);
  });

  it('refuses a file cut inside a quoted field with a clear error', async () => {
    await expect(parseFixture('bad/orders-unterminated-quote.csv')).rejects.toMatchObject({
      code: 'import.unterminated_quote',
      params: { row: 4 },
    });
  });

  it('rejects a row with too few columns and keeps the others', async () => {
    const { records, rejects } = await parseFixture('bad/orders-too-few-columns.csv');
    expect(records).toHaveLength(4);
    expect(rejects).toEqual([expect.objectContaining({ row: 3, code: 'row.too_few_columns' })]);
  });

  it('rejects money written as abc, naming row and column', async () => {
    const { rejects } = await parseFixture('bad/orders-money-abc.csv');
    expect(rejects).toEqual([
      {
        row: 3,
        column: '买家实际支付金额',
        value: 'abc',
        code: 'cell.invalid_money',
        message: '第 3 行 买家实际支付金额: "abc" 不是金额',
        messageEn: 'Row 3, 买家实际支付金额: "abc" is not an amount of money',
      },
    ]);
  });

  it('rejects 2026-02-30', async () => {
    const { rejects } = await parseFixture('bad/orders-date-feb30.csv');
    expect(rejects).toEqual([
      expect.objectContaining({
        row: 2,
        column: '订单创建时间',
        value: '2026-02-30 10:00:00',
        code: 'cell.impossible_date',
      }),
    ]);
  });

  it('rejects an order id that Excel turned into a float, in CSV and in XLSX', async () => {
    const csv = await parseFixture('bad/orders-float-id.csv');
    expect(csv.rejects).toEqual([
      expect.objectContaining({
        row: 2,
        column: '订单编号',
        value: '3.5153131473293579E+16',
        code: 'cell.id_not_digits',
      }),
    ]);
    const xlsx = await parseFixture('bad/orders-numeric-id.xlsx');
    expect(xlsx.records).toHaveLength(1);
    expect(xlsx.rejects).toEqual([
      expect.objectContaining({ row: 2, column: '主订单编号', code: 'cell.id_not_digits' }),
    ]);
  });

  it('reads the orders from the second sheet of a workbook', async () => {
    const { file, records } = await parseFixture('bad/orders-data-on-second-sheet.xlsx');
    expect(file.sheet).toBe('订单数据');
    expect(records.map((r) => r.platformId)).toEqual(['3984412345678901234', '3984412345678901235']);
  });

  it('refuses a file of another kind uploaded as orders, saying what it looks like', async () => {
    await expect(
      parseFixture('bad/ExportOrderList202603021200-actually-refunds.csv', { kind: 'taobao-orders' }),
    ).rejects.toMatchObject({ code: 'import.wrong_kind', params: { detectedKind: 'taobao-refunds' } });
  });

  it('refuses a file of no known kind when no kind is given', async () => {
    await expect(parseFixture('bad/orders-missing-columns.csv')).rejects.toMatchObject({
      code: 'import.unknown_kind',
    });
  });

  it.each([
    ['bad/empty.csv', 'import.empty_file'],
    ['bad/orders-utf16.csv', 'import.unsupported_encoding'],
    ['bad/orders-utf8-then-gbk.csv', 'import.invalid_encoding'],
    ['bad/orders-gbk-invalid-byte.csv', 'import.invalid_encoding'],
    ['bad/legacy-excel.xls', 'import.unsupported_format'],
  ])('%s fails with %s', async (rel, code) => {
    await expect(parseFixture(rel, { kind: 'taobao-orders' })).rejects.toMatchObject({ code });
  });

  it('names the row where the encoding goes wrong', async () => {
    await expect(parseFixture('bad/orders-gbk-invalid-byte.csv')).rejects.toMatchObject({
      params: { row: 4 },
    });
  });
});

describe('row width', () => {
  it('accepts a trailing empty column (quirk 6) and refuses extra non-empty cells', () => {
    expect(widthReject(['a', 'b', ''], 2, 5)).toBeNull();
    expect(widthReject(['a', 'b', ' '], 2, 5)).toBeNull();
    expect(widthReject(['a', 'b', 'c'], 2, 5)).toMatchObject({ row: 5, code: 'row.too_many_columns' });
    expect(widthReject(['a'], 2, 5)).toMatchObject({ code: 'row.too_few_columns' });
  });
});

describe('parseFile', () => {
  it('gives kind, version, format and headers before any row, then batches with row numbers', async () => {
    const file = await parseFile(fixture('taobao-orders/ExportOrderList201707151030.csv'), { batchSize: 2 });
    expect(file).toMatchObject({
      kind: 'taobao-orders',
      version: { id: '2017' },
      format: 'csv',
      encoding: 'gb18030',
    });
    const batches = [];
    for await (const b of file.batches) batches.push(b);
    expect(batches.map((b) => [b.firstRowNumber, b.rowCount, b.recordRows])).toEqual([
      [2, 2, [2, 3]],
      [4, 2, [4, 5]],
      [6, 1, [6]],
    ]);
  });
});

describe('garbage rows never throw', () => {
  it('every adapter rejects or reads any row of any text', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '',
        '-',
        '暂无数据',
        '="1"',
        '=""',
        '1,234.50',
        '0元',
        '2026-02-30 10:00:00',
        '2.35%',
        "'139",
        'null',
      ),
    );
    for (const kind of IMPORT_KINDS) {
      const adapter = ADAPTERS[kind];
      for (const version of adapter.versions) {
        const headers = Object.values(version.columns)
          .map((aliases) => (aliases as string[])[0])
          .filter(Boolean);
        const bound = adapter.bind(headers);
        fc.assert(
          fc.property(fc.array(cell, { minLength: headers.length, maxLength: headers.length }), (cells) => {
            const r = bound.parseRow(cells, 2);
            if (!r.ok) {
              expect(r.rejects.length).toBeGreaterThan(0);
              for (const rej of r.rejects) {
                expect(rej.row).toBe(2);
                expect(rej.message).toMatch(/^第 2 行/);
                expect(rej.messageEn).toMatch(/^Row 2/);
              }
            }
          }),
          { numRuns: 200 },
        );
      }
    }
  });
});
