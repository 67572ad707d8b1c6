/**
 * Header maps per format version: match columns by header name after trimming spaces, accept the
 * known aliases, ignore unknown columns, report missing required ones by name (FORMATS.md).
 */
import { badInput } from '../core/errors';

/** field → header names that mean it (first is the canonical one, used in messages). */
export type HeaderMap<F extends string> = { readonly [K in F]?: readonly string[] };

/** A required field, or a group of fields of which at least one must be present. */
export type Requirement<F extends string> = F | readonly F[];

export type FormatVersion<F extends string = string> = {
  /** Stable id, e.g. `2017`, `current`, `storeops-v1`. */
  id: string;
  label: string;
  labelEn: string;
  columns: HeaderMap<F>;
  required: readonly Requirement<F>[];
  /** Headers that must all be present for a file to be this version. */
  signature?: readonly string[];
  /** Headers that must not be present for a file to be this version. */
  absent?: readonly string[];
};

/** Column index per field; −1 when the file has no such column. */
export type ColumnIndex<F extends string> = Record<F, number>;

/**
 * Normalised header name: NFKC (full-width brackets and letters → ASCII), all whitespace removed,
 * ASCII lower-cased, BOM and stray quotes dropped. `订单付款时间 ` = `订单付款时间`, `商品ID` = `商品id`,
 * `平均响应（秒）` = `平均响应(秒)`.
 */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[\s\ufeff]+/g, '')
    .replace(/^"+|"+$/g, '')
    .toLowerCase();
}

/** Normalised alias names: the aliases are a fixed set from the code, so this stays small. */
const aliasKeys = new Map<string, string>();
function aliasKey(alias: string): string {
  let k = aliasKeys.get(alias);
  if (k === undefined) {
    k = normalizeHeader(alias);
    aliasKeys.set(alias, k);
  }
  return k;
}

/** Header name → first column index, by normalised name. */
export function headerIndex(headers: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = normalizeHeader(h);
    if (k !== '' && !m.has(k)) m.set(k, i);
  });
  return m;
}

export type VersionMatch = {
  /** All signature headers present, no absent header present. */
  signatureOk: boolean;
  /** Every requirement met. */
  requiredOk: boolean;
  /** Share of this version's known fields found in the file (0–1). */
  coverage: number;
  /** Canonical names of missing required columns (a group shows as `A / B`). */
  missing: string[];
};

export function matchVersion<F extends string>(
  version: FormatVersion<F>,
  index: Map<string, number>,
): VersionMatch {
  const has = (h: string) => index.has(aliasKey(h));
  const signatureOk = (version.signature ?? []).every(has) && !(version.absent ?? []).some(has);
  const fields = Object.keys(version.columns) as F[];
  let found = 0;
  for (const f of fields) if (findColumn(version.columns[f], index) >= 0) found++;
  const missing: string[] = [];
  for (const req of version.required) {
    const group: readonly F[] = typeof req === 'string' ? [req as F] : (req as readonly F[]);
    if (!group.some((f) => findColumn(version.columns[f], index) >= 0)) {
      missing.push(group.map((f) => version.columns[f]?.[0] ?? f).join(' / '));
    }
  }
  return {
    signatureOk,
    requiredOk: missing.length === 0,
    coverage: fields.length ? found / fields.length : 0,
    missing,
  };
}

function findColumn(aliases: readonly string[] | undefined, index: Map<string, number>): number {
  if (!aliases) return -1;
  for (const a of aliases) {
    const i = index.get(aliasKey(a));
    if (i !== undefined) return i;
  }
  return -1;
}

/** Column index per field of the version (−1 for fields the file lacks). */
export function resolveColumns<F extends string>(
  version: FormatVersion<F>,
  index: Map<string, number>,
  allFields: readonly F[],
): ColumnIndex<F> {
  const out = {} as ColumnIndex<F>;
  for (const f of allFields) out[f] = findColumn(version.columns[f], index);
  return out;
}

/** Picks the version a file is: signature matches first, then best coverage. */
export function pickVersion<F extends string>(
  versions: readonly FormatVersion<F>[],
  index: Map<string, number>,
): { version: FormatVersion<F>; match: VersionMatch } {
  let best: { version: FormatVersion<F>; match: VersionMatch; score: number } | null = null;
  for (const version of versions) {
    const match = matchVersion(version, index);
    const score = (match.signatureOk ? 2 : 0) + (match.requiredOk ? 1 : 0) + match.coverage;
    if (!best || score > best.score) best = { version, match, score };
  }
  if (!best) throw new Error('no versions');
  return { version: best.version, match: best.match };
}

/** The error for missing required columns, raised before any row is read. */
export function missingColumnsError(
  kindLabel: string,
  kindLabelEn: string,
  versionLabel: string,
  missing: string[],
) {
  const columns = missing.join('、');
  return badInput(
    'import.missing_columns',
    `${kindLabel}（${versionLabel}）缺少必需的列：${columns} / ${kindLabelEn}: missing required columns: ${missing.join(', ')}`,
    {
      params: { columns, kind: kindLabel, kindEn: kindLabelEn, columnsEn: missing.join(', ') },
      details: { missing },
    },
  );
}
