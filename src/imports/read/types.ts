/** Rows as a person sees them in the file: the header is row 1 (after any preamble rows). */
export type RowBatch = {
  /** Row number of rows[0]; rows[i] is row firstRowNumber + i (batches never span a gap). */
  firstRowNumber: number;
  rows: string[][];
};

export type TableFormat = 'csv' | 'xlsx' | 'jsonl';

export type Table = {
  format: TableFormat;
  /** CSV/JSON lines: the detected encoding. */
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  /** XLSX: the sheet read. */
  sheet: string | null;
  /** Header cells, trimmed; trailing empty header cells (a trailing comma) removed. */
  headers: string[];
  /** Row number of the header row (1 unless preamble rows precede it; 0 for JSON lines). */
  headerRowNumber: number;
  /** The data rows after the header, blank rows skipped. Iterate once. */
  batches: AsyncIterable<RowBatch>;
  /** Stops reading and releases the file (also done when iteration ends or breaks). */
  close(): Promise<void>;
};

export type ReadTableOptions = {
  /** XLSX: read this sheet (by name). Default: the first sheet whose header row is a known kind's. */
  sheet?: string;
  /** Which row is the header row. Default: a row matching a known kind's headers. */
  isHeader?: (cells: string[]) => boolean;
  /** How many non-empty rows to look through for the header row (preamble lines). Default 20. */
  headerLookahead?: number;
  /** Largest batch handed out. Default 5000 rows. */
  batchSize?: number;
  /** CSV read chunk size in bytes. Default 1 MiB. */
  chunkBytes?: number;
};
