/**
 * parseFile: a platform export file → its kind, format version and streamed batches of
 * normalised records and row rejects. Reading (readTable), kind detection and the adapter meet
 * here; the database side (staging, upserts, the import report) is the pipeline's job.
 */
import { basename } from 'node:path';
import type { AdChannel, BoundAdapter, ImportKind } from './adapter';
import { bindKind, type Detection, detectKind, unknownKindError } from './detect';
import type { AnyImportRecord, KindRecord } from './kinds';
import { readTable } from './read/table';
import type { RowBatch, Table } from './read/types';
import { type RowReject, rowReject } from './row';

export type ParseFileOptions = {
  /** The kind the user chose; omitted → detected from the file name and headers. */
  kind?: ImportKind;
  /** The original file name (uploads are stored under temp names). Default: the path's name. */
  fileName?: string;
  /** XLSX sheet name. */
  sheet?: string;
  /** Ads: channel when the file does not say. */
  channel?: AdChannel;
  /** cs-attendance: period when the file has no dates. */
  period?: { from: string; to: string };
  /** Largest batch. Default 5000 rows. */
  batchSize?: number;
};

export type ParsedBatch<R> = {
  firstRowNumber: number;
  /** Rows looked at in this batch (records + rejected rows). */
  rowCount: number;
  records: R[];
  /** Row number of each record (same order as records). */
  recordRows: number[];
  /** Problems, several per row possible; a row with any problem gives no record. */
  rejects: RowReject[];
  /** Number of distinct rejected rows. */
  rejectedRows: number;
};

export type ParsedFile<R> = {
  kind: ImportKind;
  version: { id: string; label: string; labelEn: string };
  detection: Detection;
  format: Table['format'];
  encoding: Table['encoding'];
  sheet: string | null;
  headers: string[];
  headerRowNumber: number;
  /** Column index per record field (−1: not in this file). */
  columns: Readonly<Record<string, number>>;
  batches: AsyncIterable<ParsedBatch<R>>;
  close(): Promise<void>;
};

/** Rows with fewer cells than the header (a cut-off last row), or extra non-empty cells. */
export function widthReject(row: string[], width: number, rowNumber: number): RowReject | null {
  const n = row.length;
  if (n === width) return null;
  if (n < width) {
    return rowReject(
      rowNumber,
      'row.too_few_columns',
      `只有 ${n} 列，表头有 ${width} 列（这一行不完整，文件可能被截断）`,
      `row has too few columns (${n} of ${width}; the row is incomplete, the file may be cut off)`,
    );
  }
  for (let i = width; i < n; i++) {
    const c = row[i];
    if (c.length > 0 && c.trim() !== '') {
      return rowReject(
        rowNumber,
        'row.too_many_columns',
        `有 ${n} 列，比表头的 ${width} 列多（可能有未加引号的逗号）`,
        `row has too many columns (${n}, the header has ${width}; perhaps an unquoted comma)`,
      );
    }
  }
  return null; // a trailing empty extra column (quirk 6)
}

export async function parseFile<K extends ImportKind>(
  path: string,
  opts: ParseFileOptions & { kind: K },
): Promise<ParsedFile<KindRecord[K]>>;
export async function parseFile(path: string, opts?: ParseFileOptions): Promise<ParsedFile<AnyImportRecord>>;
/**
 * Opens the file, reads its header, decides the kind and version, and binds the adapter. Throws
 * before any row is read for: empty/unsupported files, an unknown kind, a file of another kind
 * (`import.wrong_kind`), missing required columns (`import.missing_columns`).
 */
export async function parseFile(
  path: string,
  opts: ParseFileOptions = {},
): Promise<ParsedFile<AnyImportRecord>> {
  const fileName = opts.fileName ?? basename(path);
  const table = await readTable(path, { sheet: opts.sheet, batchSize: opts.batchSize });
  try {
    const detection = detectKind(fileName, table.headers);
    const kind = opts.kind ?? detection.kind;
    if (kind === null) throw unknownKindError(table.headers, detection);
    const bound = bindKind(kind, table.headers, { fileName, channel: opts.channel, period: opts.period });
    const width = table.headers.length;
    async function* batches(): AsyncGenerator<ParsedBatch<AnyImportRecord>> {
      for await (const b of table.batches as AsyncIterable<RowBatch>) {
        yield parseBatch(b, width, bound);
      }
    }
    return {
      kind,
      version: { id: bound.version.id, label: bound.version.label, labelEn: bound.version.labelEn },
      detection,
      format: table.format,
      get encoding() {
        return table.encoding;
      },
      sheet: table.sheet,
      headers: table.headers,
      headerRowNumber: table.headerRowNumber,
      columns: bound.columns,
      batches: batches(),
      close: table.close,
    };
  } catch (e) {
    await table.close();
    throw e;
  }
}

/** Runs the width check and the adapter over one batch of rows. */
export function parseBatch<R>(
  b: RowBatch,
  width: number,
  bound: Pick<BoundAdapter<R>, 'parseRowOrNull' | 'lastRejects'>,
): ParsedBatch<R> {
  const records: R[] = [];
  const recordRows: number[] = [];
  let rejects: RowReject[] = [];
  let rejectedRows = 0;
  const rows = b.rows;
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i];
    const n = b.firstRowNumber + i;
    if (cells.length !== width) {
      const w = widthReject(cells, width, n);
      if (w !== null) {
        rejects.push(w);
        rejectedRows++;
        continue;
      }
    }
    const record = bound.parseRowOrNull(cells, n);
    if (record !== null) {
      records.push(record);
      recordRows.push(n);
    } else {
      const rs = bound.lastRejects();
      rejects = rejects.length === 0 ? rs : rejects.concat(rs);
      rejectedRows++;
    }
  }
  return {
    firstRowNumber: b.firstRowNumber,
    rowCount: rows.length,
    records,
    recordRows,
    rejects,
    rejectedRows,
  };
}

export type ParsedArrays<R> = {
  file: ParsedFile<R>;
  records: R[];
  recordRows: number[];
  rejects: RowReject[];
  /** Data rows looked at. */
  rows: number;
};

export async function parseFileToArrays<K extends ImportKind>(
  path: string,
  opts: ParseFileOptions & { kind: K },
): Promise<ParsedArrays<KindRecord[K]>>;
export async function parseFileToArrays(
  path: string,
  opts?: ParseFileOptions,
): Promise<ParsedArrays<AnyImportRecord>>;
/** Reads a whole (small) file into memory: for tests, previews and the CLI's dry runs. */
export async function parseFileToArrays(
  path: string,
  opts: ParseFileOptions = {},
): Promise<ParsedArrays<AnyImportRecord>> {
  const file = await parseFile(path, opts);
  const records: AnyImportRecord[] = [];
  const recordRows: number[] = [];
  const rejects: RowReject[] = [];
  let rows = 0;
  for await (const b of file.batches) {
    for (const r of b.records) records.push(r);
    for (const n of b.recordRows) recordRows.push(n);
    for (const r of b.rejects) rejects.push(r);
    rows += b.rowCount;
  }
  return { file, records, recordRows, rejects, rows };
}
