/**
 * XLSX rows through exceljs's streaming WorkbookReader, read from a file path (never the whole
 * workbook in memory). Cell values are normalised to the text a person sees: dates as
 * `yyyy-MM-dd HH:mm:ss` (wall clock, as Excel stores it), percentages as `2.35%`, numbers with
 * Excel's 15 significant digits, integers beyond 2^53 in exponent form so that id columns reject
 * them instead of silently carrying a wrong id.
 */
import ExcelJS from 'exceljs';
import type { RowBatch } from './types';

export const XLSX_BATCH_ROWS = 2000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Excel date cell (a wall-clock time stored as UTC fields) → `yyyy-MM-dd[ HH:mm:ss]`. */
export function excelDateText(d: Date): string {
  const t = Math.round(d.getTime() / 1000) * 1000; // exceljs rounding can leave 10:00 as 09:59:59.999
  if (!Number.isFinite(t)) return '';
  const x = new Date(t);
  const date = `${x.getUTCFullYear()}-${pad2(x.getUTCMonth() + 1)}-${pad2(x.getUTCDate())}`;
  const h = x.getUTCHours();
  const m = x.getUTCMinutes();
  const s = x.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A Date cell whose format is elapsed time (`[h]:mm:ss`, 在线总时长 234:30:00) → `H:mm:ss`; a
 * time-of-day cell (a serial below 1: Excel's day 0 is 1899-12-30) → `HH:mm:ss`; else the date.
 */
export function excelDateCellText(d: Date, numFmt?: string): string {
  const ms = Math.round(d.getTime() / 1000) * 1000 - EXCEL_EPOCH_MS;
  if (numFmt && /\[(h+|m+|s+)\]/i.test(numFmt) && ms >= 0) {
    const total = Math.round(ms / 1000);
    return `${Math.floor(total / 3600)}:${pad2(Math.floor(total / 60) % 60)}:${pad2(total % 60)}`;
  }
  if (ms >= 0 && ms < 86400000) {
    const t = ms / 1000;
    return `${pad2(Math.floor(t / 3600))}:${pad2(Math.floor(t / 60) % 60)}:${pad2(t % 60)}`;
  }
  return excelDateText(d);
}

/** Plain decimal text of a number (no exponent for ordinary magnitudes). */
function decimalText(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toExponential();
  const v = Number(n.toPrecision(15));
  const s = String(v);
  if (s.indexOf('e') === -1) return s;
  // tiny numbers: expand the exponent so money/rate parsers see a decimal
  return v.toFixed(20).replace(/0+$/, '');
}

/** Number cell → text, honouring a percentage format (`0.0235` formatted `0.00%` → `2.35%`). */
export function excelNumberText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return '';
  if (numFmt && numFmt.indexOf('%') !== -1) {
    const pct = Number((n * 100).toPrecision(15));
    return `${decimalText(pct)}%`;
  }
  return decimalText(n);
}

type AnyValue = ExcelJS.CellValue | undefined;

/** Any exceljs cell value → the text a person sees in the cell. */
export function excelCellText(value: AnyValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return excelNumberText(value, numFmt);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof Date) return excelDateCellText(value, numFmt);
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
    const r = v.result as AnyValue | { error: string };
    if (r !== null && typeof r === 'object' && !(r instanceof Date) && 'error' in r) return String(r.error);
    return excelCellText(r as AnyValue, numFmt);
  }
  if ('text' in v) return excelCellText(v.text as AnyValue, numFmt);
  if ('error' in v) return String(v.error);
  return String(value);
}

function rowCells(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    while (out.length < col - 1) out.push('');
    const value = cell.value;
    out[col - 1] = excelCellText(
      value,
      typeof value === 'number' || value instanceof Date ? cell.numFmt : undefined,
    );
  });
  return out;
}

export type XlsxSheet = { name: string; batches: AsyncGenerator<RowBatch> };

/** The worksheets of a workbook in file order, each streaming its rows in contiguous batches. */
export function openWorkbook(path: string): { sheets: AsyncGenerator<XlsxSheet>; close(): void } {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  async function* sheets(): AsyncGenerator<XlsxSheet> {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? '';
      async function* batches(): AsyncGenerator<RowBatch> {
        let rows: string[][] = [];
        let first = 0;
        let next = 0;
        for await (const row of ws) {
          const n = row.number;
          if (rows.length > 0 && (n !== next || rows.length >= XLSX_BATCH_ROWS)) {
            yield { firstRowNumber: first, rows };
            rows = [];
          }
          if (rows.length === 0) first = n;
          rows.push(rowCells(row));
          next = n + 1;
        }
        if (rows.length > 0) yield { firstRowNumber: first, rows };
      }
      yield { name, batches: batches() };
    }
  }
  return {
    sheets: sheets(),
    close() {
      const stream = (reader as unknown as { stream?: { destroy(): void } }).stream;
      stream?.destroy();
    },
  };
}
