/**
 * readTable: a platform export file (CSV in GBK / UTF-8 / UTF-8 with BOM, XLSX, JSON lines) as
 * a header row plus streamed batches of rows (arrays of strings). Memory stays flat whatever the
 * file size: bytes are read in chunks, decoded incrementally and split chunk by chunk.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { badInput, isAppError } from '../../core/errors';
import { isKnownHeaderRow } from '../detect';
import { csvRecords } from './csv';
import { DecodeError, decodeStream, invalidEncodingError, type TextEncoding } from './decode';
import { jsonlTable } from './jsonl';
import type { ReadTableOptions, RowBatch, Table, TableFormat } from './types';
import { openWorkbook } from './xlsx';

export type { ReadTableOptions, RowBatch, Table, TableFormat } from './types';

const DEFAULT_BATCH = 5000;
const DEFAULT_LOOKAHEAD = 20;
const DEFAULT_CHUNK = 1 << 18;

export function emptyFileError() {
  return badInput(
    'import.empty_file',
    '文件是空的（没有表头和数据）。 / The file is empty (no header, no rows).',
  );
}

export function unsupportedFormatError(what: string, whatEn: string) {
  return badInput(
    'import.unsupported_format',
    `不支持的文件格式：${what}。请上传 CSV 或 XLSX。 / Unsupported file format: ${whatEn}. Upload CSV or XLSX.`,
    { params: { format: what } },
  );
}

function sheetNotFoundError(sheet: string, names: string[]) {
  return badInput(
    'import.sheet_not_found',
    `工作表「${sheet}」不存在（文件中的工作表：${names.join('、') || '无'}）。 / Sheet "${sheet}" not found (sheets: ${names.join(', ')}).`,
    { params: { sheet, sheets: names.join('、') } },
  );
}

/** Sniffs the first bytes: ZIP → xlsx; `{` → JSON lines; old binary .xls and HTML are refused. */
export async function sniffFormat(path: string): Promise<TableFormat | 'empty'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await fh.read(buf, 0, 64, 0);
    if (bytesRead === 0) return 'empty';
    const b = buf.subarray(0, bytesRead);
    if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
    if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
      throw unsupportedFormatError(
        '旧版 Excel 97-2003 (.xls)，请另存为 .xlsx',
        'legacy Excel 97-2003 .xls; save as .xlsx',
      );
    }
    let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0d || b[i] === 0x0a)) i++;
    if (b[i] === 0x7b /* { */) return 'jsonl';
    if (b[i] === 0x3c /* < */) {
      throw unsupportedFormatError(
        'HTML 网页（扩展名为 .xls 的网页表格）',
        'an HTML page (a web table named .xls)',
      );
    }
    return 'csv';
  } finally {
    await fh.close();
  }
}

function isBlank(row: string[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c.length > 0 && c.trim() !== '') return false;
  }
  return true;
}

function cleanHeaders(cells: string[]): string[] {
  const h = cells.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c).trim());
  while (h.length > 0 && h[h.length - 1] === '') h.pop();
  return h;
}

type Sheet = { name: string | null; batches: AsyncGenerator<RowBatch> };

type HeaderFound = {
  matched: boolean;
  header: string[];
  headerRow: number;
  /** Rows after the header already pulled from the source, as contiguous batches. */
  ahead: RowBatch[];
};

/**
 * Looks through the first `lookahead` non-empty rows for the header row. When none matches,
 * the first non-empty row is the header (`matched: false`). Null for a sheet with no rows.
 */
async function findHeader(
  it: AsyncIterator<RowBatch>,
  isHeader: (cells: string[]) => boolean,
  lookahead: number,
): Promise<HeaderFound | null> {
  const seen: { n: number; row: string[] }[] = [];
  let found = -1;
  let rest: RowBatch | null = null;
  while (found === -1 && seen.length < lookahead) {
    const r = await it.next();
    if (r.done) break;
    const { firstRowNumber, rows } = r.value;
    for (let i = 0; i < rows.length; i++) {
      if (isBlank(rows[i])) continue;
      seen.push({ n: firstRowNumber + i, row: rows[i] });
      if (isHeader(rows[i])) {
        found = seen.length - 1;
        if (i + 1 < rows.length) rest = { firstRowNumber: firstRowNumber + i + 1, rows: rows.slice(i + 1) };
        break;
      }
      if (seen.length >= lookahead) {
        if (i + 1 < rows.length) rest = { firstRowNumber: firstRowNumber + i + 1, rows: rows.slice(i + 1) };
        break;
      }
    }
  }
  if (seen.length === 0) return null;
  const matched = found !== -1;
  const h = matched ? found : 0;
  const ahead: RowBatch[] = [];
  for (let k = h + 1; k < seen.length; k++) {
    const last = ahead[ahead.length - 1];
    if (last && last.firstRowNumber + last.rows.length === seen[k].n) last.rows.push(seen[k].row);
    else ahead.push({ firstRowNumber: seen[k].n, rows: [seen[k].row] });
  }
  if (rest) ahead.push(rest);
  return { matched, header: seen[h].row, headerRow: seen[h].n, ahead };
}

/**
 * The data batches: blank rows dropped (a batch never spans one), XLSX rows padded to the header
 * width, batches capped at `batchSize`.
 */
async function* dataBatches(
  ahead: RowBatch[],
  it: AsyncIterator<RowBatch>,
  width: number,
  pad: boolean,
  batchSize: number,
): AsyncGenerator<RowBatch> {
  const emit = function* (b: RowBatch): Generator<RowBatch> {
    const rows = b.rows;
    const n = rows.length;
    const part = (from: number, to: number): RowBatch => ({
      firstRowNumber: b.firstRowNumber + from,
      rows: from === 0 && to === n ? rows : rows.slice(from, to),
    });
    let start = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (pad && row.length < width) while (row.length < width) row.push('');
      const c0 = row.length === 0 ? '' : row[0];
      if (row.length === 0 || ((c0.length === 0 || c0.charCodeAt(0) <= 32) && isBlank(row))) {
        if (i > start) yield part(start, i);
        start = i + 1;
      } else if (i + 1 - start >= batchSize) {
        yield part(start, i + 1);
        start = i + 1;
      }
    }
    if (start < n) yield part(start, n);
  };
  for (const b of ahead) yield* emit(b);
  for (;;) {
    const r = await it.next();
    if (r.done) return;
    yield* emit(r.value);
  }
}

/** Reads a CSV file's records as contiguous batches numbered from 1. */
function csvSheet(
  path: string,
  chunkBytes: number,
): { sheet: Sheet; encoding: () => TextEncoding; close(): void } {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  const decoded = decodeStream(stream as AsyncIterable<Buffer>);
  async function* batches(): AsyncGenerator<RowBatch> {
    let next = 1;
    try {
      for await (const rows of csvRecords(decoded.text)) {
        yield { firstRowNumber: next, rows };
        next += rows.length;
      }
    } catch (e) {
      if (e instanceof DecodeError) throw invalidEncodingError(e.encoding, e.byteOffset, next);
      throw e;
    } finally {
      stream.destroy();
    }
  }
  return {
    sheet: { name: null, batches: batches() },
    encoding: decoded.encoding,
    close: () => stream.destroy(),
  };
}

/**
 * Opens a table file and reads up to its header row. Detects CSV vs XLSX by the first bytes
 * (`PK\x03\x04`), the text encoding from the content, and the header row by known kinds'
 * headers (skipping preamble lines). XLSX: the sheet named in `opts.sheet`, else the first sheet
 * whose header row is a known kind's, else `Sheet1`, else the first sheet with rows.
 *
 * Errors (AppError, status 400): `import.empty_file`, `import.unsupported_format`,
 * `import.unsupported_encoding`, `import.invalid_encoding`, `import.unterminated_quote`,
 * `import.malformed_quote`, `import.sheet_not_found`, `import.invalid_json_line`,
 * `import.unreadable_xlsx`, `import.unreadable_file`. Encoding and quote errors may also surface
 * while iterating batches.
 */
export async function readTable(path: string, opts: ReadTableOptions = {}): Promise<Table> {
  const isHeader = opts.isHeader ?? isKnownHeaderRow;
  const lookahead = opts.headerLookahead ?? DEFAULT_LOOKAHEAD;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const format = await sniffFormat(path);
  if (format === 'empty') throw emptyFileError();

  if (format === 'csv') {
    const src = csvSheet(path, opts.chunkBytes ?? DEFAULT_CHUNK);
    const it = src.sheet.batches[Symbol.asyncIterator]();
    try {
      const found = await findHeader(it, isHeader, lookahead);
      if (!found) throw emptyFileError();
      const headers = cleanHeaders(found.header);
      if (headers.length === 0) throw emptyFileError();
      return table(
        'csv',
        src.encoding,
        null,
        headers,
        found.headerRow,
        found,
        it,
        false,
        batchSize,
        async () => {
          src.close();
        },
      );
    } catch (e) {
      src.close();
      throw e;
    }
  }

  if (format === 'jsonl') {
    const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? DEFAULT_CHUNK });
    const decoded = decodeStream(stream as AsyncIterable<Buffer>);
    try {
      const t = await jsonlTable(decoded.text, batchSize);
      if (!t) throw emptyFileError();
      const it = t.batches[Symbol.asyncIterator]();
      return table(
        'jsonl',
        decoded.encoding,
        null,
        t.headers,
        0,
        { matched: true, header: t.headers, headerRow: 0, ahead: [] },
        it,
        false,
        batchSize,
        async () => {
          stream.destroy();
        },
      );
    } catch (e) {
      stream.destroy();
      if (e instanceof DecodeError) throw invalidEncodingError(e.encoding, e.byteOffset);
      throw e;
    }
  }

  return readXlsx(path, opts.sheet, isHeader, lookahead, batchSize);
}

/**
 * Reads a sheet we pass over to its end. exceljs parks a worksheet that precedes the shared
 * strings in a temp file, opens it lazily, and deletes it as soon as the next sheet is asked
 * for: a sheet skipped unread raced that deletion and failed later, unhandled (seen in CI).
 */
async function drain(batches: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of batches) {
    // nothing: only reading it to its end
  }
}

async function readXlsx(
  path: string,
  sheetName: string | undefined,
  isHeader: (cells: string[]) => boolean,
  lookahead: number,
  batchSize: number,
  fallback?: string,
): Promise<Table> {
  const wb = openWorkbook(path);
  const names: string[] = [];
  let fallbackName: string | null = null;
  try {
    // manual iteration: returning the chosen sheet must not close the workbook generator
    for (;;) {
      const next = await wb.sheets.next();
      if (next.done) break;
      const sheet = next.value;
      names.push(sheet.name);
      const wanted = fallback ?? sheetName;
      if (wanted !== undefined && sheet.name !== wanted) {
        await drain(sheet.batches);
        continue;
      }
      const it = sheet.batches[Symbol.asyncIterator]();
      const found = await findHeader(it, wanted !== undefined ? () => true : isHeader, lookahead);
      if (found && (found.matched || wanted !== undefined)) {
        const headers = cleanHeaders(found.header);
        if (headers.length === 0) throw emptyFileError();
        return table(
          'xlsx',
          null,
          sheet.name,
          headers,
          found.headerRow,
          found,
          it,
          true,
          batchSize,
          async () => {
            wb.close();
          },
        );
      }
      if (wanted !== undefined) throw emptyFileError();
      if (found && (fallbackName === null || (sheet.name === 'Sheet1' && fallbackName !== 'Sheet1'))) {
        fallbackName = sheet.name;
      }
      await drain({ [Symbol.asyncIterator]: () => it });
    }
  } catch (e) {
    wb.close();
    if (isAppError(e)) throw e;
    throw unreadable('xlsx', e);
  }
  wb.close();
  if (sheetName !== undefined && fallback === undefined) throw sheetNotFoundError(sheetName, names);
  if (fallbackName === null || fallback !== undefined) throw emptyFileError();
  // No sheet has a known kind's header: read the fallback sheet again, its first row as header.
  return readXlsx(path, undefined, isHeader, lookahead, batchSize, fallbackName);
}

function table(
  format: TableFormat,
  encoding: (() => TextEncoding) | null,
  sheet: string | null,
  headers: string[],
  headerRowNumber: number,
  found: HeaderFound,
  it: AsyncIterator<RowBatch>,
  pad: boolean,
  batchSize: number,
  release: () => Promise<void>,
): Table {
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await it.return?.(undefined);
    await release();
  };
  const gen = dataBatches(found.ahead, it, headers.length, pad, batchSize);
  const batches: AsyncIterable<RowBatch> = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => {
          try {
            const r = await gen.next();
            if (r.done) await close();
            return r;
          } catch (e) {
            await close();
            throw isAppError(e) ? e : unreadable(format, e);
          }
        },
        return: async () => {
          await close();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return {
    format,
    // a getter: an ASCII-only start may be followed by GBK text found later in the file
    get encoding() {
      return encoding === null ? null : encoding();
    },
    sheet,
    headers,
    headerRowNumber,
    batches,
    close,
  };
}

/** A read failure that is not one of ours (a broken ZIP inside a workbook, a disk error). */
function unreadable(format: TableFormat, e: unknown) {
  const reason = e instanceof Error ? e.message : String(e);
  return format === 'xlsx'
    ? badInput(
        'import.unreadable_xlsx',
        `无法读取 XLSX 文件：${reason}。请在 Excel 中重新保存后再试。 / Cannot read the XLSX file: ${reason}`,
        { params: { reason } },
      )
    : badInput('import.unreadable_file', `无法读取文件：${reason} / Cannot read the file: ${reason}`, {
        params: { reason },
      });
}
