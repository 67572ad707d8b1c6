/**
 * The adapter contract: one adapter per platform file kind, a header map per known format
 * version, and a row parser bound to one file's headers.
 */
import { createHash } from 'node:crypto';
import {
  type ColumnIndex,
  type FormatVersion,
  headerIndex,
  missingColumnsError,
  pickVersion,
  resolveColumns,
} from './format';
import { RowReader, type RowReject, type RowResult } from './row';

export const IMPORT_KINDS = [
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
  'affiliate-orders',
  'traffic-sources',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(s: string): s is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(s);
}

/** Paid-traffic channels (DOMAIN.md §11). */
export type AdChannel = 'ztc' | 'zuanzhan' | 'ylmf' | 'wxt';

/** What the caller knows about the file besides its headers. */
export type BindContext = {
  /** Original file name (kind hints, ad channel, attendance period). */
  fileName?: string;
  /** Ad channel when the file does not say (ads). */
  channel?: AdChannel;
  /** Period the file covers when it has no date column (cs-attendance), yyyy-MM-dd. */
  period?: { from: string; to: string };
};

export type RowParserContext<F extends string> = {
  columns: ColumnIndex<F>;
  version: FormatVersion<F>;
  headers: readonly string[];
  context: BindContext;
};

export type AdapterSpec<R, F extends string> = {
  kind: ImportKind;
  label: string;
  labelEn: string;
  /** Every field any version knows (keys of the column index). */
  fields: readonly F[];
  /** Newest first. */
  versions: readonly FormatVersion<F>[];
  /** File names that suggest this kind. */
  fileNamePatterns?: readonly RegExp[];
  /** Headers that never occur in this kind (they mean the file is something else). */
  excludeHeaders?: readonly string[];
  /** Builds the row parser for one file. It reads cells through `r` and returns the record. */
  rowParser(ctx: RowParserContext<F>): (r: RowReader) => R;
};

export type BoundAdapter<R> = {
  kind: ImportKind;
  version: FormatVersion;
  /** Column index per field (−1: not in the file). */
  columns: Readonly<Record<string, number>>;
  headers: readonly string[];
  parseRow(cells: string[], rowNumber: number): RowResult<R>;
  /**
   * Allocation-free variant for bulk parsing: the record, or null when the row has problems
   * (then `lastRejects()` lists them, until the next call).
   */
  parseRowOrNull(cells: string[], rowNumber: number): R | null;
  lastRejects(): RowReject[];
};

export type Adapter<R> = {
  kind: ImportKind;
  label: string;
  labelEn: string;
  versions: readonly FormatVersion[];
  fileNamePatterns: readonly RegExp[];
  excludeHeaders: readonly string[];
  /**
   * Binds to a file's headers: picks the format version and resolves the columns. Throws
   * `import.missing_columns` naming the missing required columns before any row is read.
   */
  bind(headers: readonly string[], context?: BindContext): BoundAdapter<R>;
};

export function defineAdapter<R, F extends string>(spec: AdapterSpec<R, F>): Adapter<R> {
  return {
    kind: spec.kind,
    label: spec.label,
    labelEn: spec.labelEn,
    versions: spec.versions as readonly FormatVersion[],
    fileNamePatterns: spec.fileNamePatterns ?? [],
    excludeHeaders: spec.excludeHeaders ?? [],
    bind(headers, context = {}) {
      const index = headerIndex(headers);
      const { version, match } = pickVersion(spec.versions, index);
      if (!match.requiredOk)
        throw missingColumnsError(spec.label, spec.labelEn, version.label, match.missing);
      const columns = resolveColumns(version, index, spec.fields);
      const parse = spec.rowParser({ columns, version, headers, context });
      const reader = new RowReader(headers.map((h) => h.trim()));
      return {
        kind: spec.kind,
        version: version as FormatVersion,
        columns,
        headers,
        parseRow(cells, rowNumber) {
          reader.start(cells, rowNumber);
          const record = parse(reader);
          return reader.result(record);
        },
        parseRowOrNull(cells, rowNumber) {
          reader.start(cells, rowNumber);
          const record = parse(reader);
          return reader.rejects === null ? record : null;
        },
        lastRejects() {
          return reader.rejects ?? [];
        },
      };
    },
  };
}

/**
 * Deterministic id for files whose rows have no platform id (metrics by date, ads by
 * date + plan + unit + keyword, …): sha1 of the key parts, 24 hex digits.
 */
export function stableId(...parts: readonly (string | number | null | undefined)[]): string {
  const h = createHash('sha1');
  h.update(parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('\u001f'));
  return h.digest('hex').slice(0, 24);
}
