/**
 * Kind detection: which platform file is this? By file name patterns (`ExportOrderList…`,
 * `ExportOrderDetailList…`) and header signatures. Also the guard that refuses a file of another
 * kind uploaded as kind X, saying what it looks like.
 */

import { badInput } from '../core/errors';
import { type BindContext, type BoundAdapter, IMPORT_KINDS, type ImportKind } from './adapter';
import { headerIndex, matchVersion, normalizeHeader } from './format';
import { ADAPTERS, type KindRecord } from './kinds';

export type KindGuess = {
  kind: ImportKind;
  label: string;
  labelEn: string;
  version: string;
  versionLabel: string;
  /** 0–1 */
  confidence: number;
  /** Every required column of the best version is present. */
  requiredOk: boolean;
  /** A header that never occurs in this kind is present. */
  excluded: boolean;
  missing: string[];
};

export type Detection = {
  /** null when no kind has its required columns. */
  kind: ImportKind | null;
  version: string | null;
  label: string | null;
  confidence: number;
  /** Every kind, best first. */
  candidates: KindGuess[];
};

function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return i >= 0 ? fileName.slice(i + 1) : fileName;
}

/** Scores every kind and version against the headers (and the file name, when given). */
export function detectKind(fileName: string | undefined, headers: readonly string[]): Detection {
  const index = headerIndex(headers);
  const name = fileName ? baseName(fileName) : '';
  const candidates: KindGuess[] = [];
  for (const kind of IMPORT_KINDS) {
    const adapter = ADAPTERS[kind];
    const excluded = adapter.excludeHeaders.some((h) => index.has(normalizeHeader(h)));
    const nameHit = name !== '' && adapter.fileNamePatterns.some((p) => p.test(name));
    let best: KindGuess | null = null;
    for (const v of adapter.versions) {
      const m = matchVersion(v, index);
      let score =
        (m.requiredOk ? 0.5 : 0) + (m.signatureOk ? 0.15 : 0) + 0.25 * m.coverage + (nameHit ? 0.1 : 0);
      if (excluded) score *= 0.3;
      if (!m.requiredOk) score = Math.min(score, 0.45);
      const guess: KindGuess = {
        kind,
        label: adapter.label,
        labelEn: adapter.labelEn,
        version: v.id,
        versionLabel: v.label,
        confidence: Math.round(Math.min(1, score) * 100) / 100,
        requiredOk: m.requiredOk,
        excluded,
        missing: m.missing,
      };
      if (!best || guess.confidence > best.confidence) best = guess;
    }
    if (best) candidates.push(best);
  }
  candidates.sort((a, b) => b.confidence - a.confidence);
  const top: KindGuess | undefined = candidates[0];
  const ok = top?.requiredOk === true && !top.excluded;
  return {
    kind: ok ? top.kind : null,
    version: ok ? top.version : null,
    label: ok ? top.label : null,
    confidence: ok ? top.confidence : 0,
    candidates,
  };
}

/** True when a row looks like the header row of some known kind (used to skip preamble rows). */
export function isKnownHeaderRow(cells: readonly string[]): boolean {
  if (cells.length < 2) return false;
  const d = detectKind(undefined, cells);
  return d.kind !== null;
}

/**
 * Binds the adapter of `kind` to a file's headers. A file that looks like another kind gives
 * `import.wrong_kind` ("这个文件看起来是「退款报表」…"); missing required columns give
 * `import.missing_columns`; both before any row is read.
 */
export function bindKind<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  context: BindContext = {},
): BoundAdapter<KindRecord[K]> {
  const adapter = ADAPTERS[kind];
  const detection = detectKind(context.fileName, headers);
  const own = detection.candidates.find((c) => c.kind === kind);
  const other = detection.kind !== null && detection.kind !== kind ? detection.candidates[0] : null;
  if (other && own && (!own.requiredOk || own.excluded || other.confidence - own.confidence >= 0.3)) {
    throw wrongKindError(adapter.label, adapter.labelEn, other);
  }
  return adapter.bind(headers, context);
}

export function wrongKindError(expected: string, expectedEn: string, looksLike: KindGuess) {
  const pct = Math.round(looksLike.confidence * 100);
  return badInput(
    'import.wrong_kind',
    `这个文件看起来是「${looksLike.label}」（${looksLike.versionLabel}，可信度 ${pct}%），不是「${expected}」。请选择正确的文件类型。 / This file looks like a ${looksLike.labelEn} (${pct}% confidence), not a ${expectedEn}.`,
    {
      params: {
        expected,
        detected: looksLike.label,
        expectedEn,
        detectedEn: looksLike.labelEn,
        detectedKind: looksLike.kind,
      },
      details: {
        expected,
        detectedKind: looksLike.kind,
        detectedVersion: looksLike.version,
        confidence: looksLike.confidence,
      },
    },
  );
}

/** Error when no kind matches the headers at all. */
export function unknownKindError(headers: readonly string[], detection: Detection) {
  const best = detection.candidates[0];
  const shown = headers.slice(0, 8).join(', ');
  return badInput(
    'import.unknown_kind',
    `无法识别文件类型（表头：${shown}…）。${best ? `最接近「${best.label}」，但缺少：${best.missing.join('、')}` : ''} / Cannot tell what kind of file this is.`,
    { params: { headers: shown }, details: { candidates: detection.candidates.slice(0, 3) } },
  );
}
