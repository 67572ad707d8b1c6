import { isApiError } from '../../../api/http';
import type { ImportRun, RejectedRow } from '../../../api/imports';
import { errorText } from '../../../components/serverErrors';
import type { TFunction } from '../../../i18n';
import type { Locale } from '../../../locales';
import { isPollError } from './uploadQueue';

/** Pure text helpers of the import page (no React: unit-tested). */

/** 1,974 B → "1.9 KB"; binary units, one decimal below 100. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 100 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

const counts = new Intl.NumberFormat('en-US');
/** Full figures with thousands separators (tables show full figures). */
export const formatCount = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : counts.format(n);

/** 54 → "54 毫秒"; 2,345 → "2.3 秒"; 83,000 → "1 分 23 秒". */
export function formatDuration(t: TFunction, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return t('imports.durationMs', { ms: Math.round(ms) });
  if (ms < 60_000) return t('imports.durationSec', { sec: (ms / 1000).toFixed(1) });
  const total = Math.round(ms / 1000);
  return t('imports.durationMin', { min: Math.floor(total / 60), sec: total % 60 });
}

/**
 * The server stores file-level errors as "中文说明 / English text". Picks the half of the locale;
 * a text without the separator is shown as it is.
 */
export function localizedServerText(message: string, locale: Locale): string {
  const m = message.match(/^([\s\S]*?[\u3000-\u9fff\uff00-\uffef][\s\S]*?) \/ ([A-Za-z0-9][\s\S]*)$/);
  if (!m) return message;
  return (locale === 'en-US' ? m[2] : m[1]).trim();
}

/**
 * The reason of a rejected row in the locale, without the "第 3 行 买家实际支付金额: " prefix the
 * table already shows in its row and column cells.
 */
export function rejectReason(r: RejectedRow, locale: Locale): string {
  const text = locale === 'en-US' ? r.messageEn || r.message : r.message || r.messageEn;
  const prefixes =
    locale === 'en-US'
      ? [`Row ${r.row}, ${r.column ?? ''}: `, `Row ${r.row}: `]
      : [`第 ${r.row} 行 ${r.column ?? ''}: `, `第 ${r.row} 行: `];
  for (const p of prefixes) {
    if (text.startsWith(p) && text.length > p.length) return text.slice(p.length);
  }
  return text;
}

/** What to say under a finished run: its error, the duplicate note, or the partial-import note. */
export function runNote(
  t: TFunction,
  locale: Locale,
  run: ImportRun,
): { type: 'error' | 'warning' | 'info'; text: string } | null {
  if (run.status === 'duplicate') return { type: 'info', text: t('imports.note.duplicate') };
  if (run.error) {
    if (run.error.code === 'import.rows_rejected')
      return {
        type: 'error',
        text: t('imports.note.rowsRejected', { count: formatCount(run.rejectedCount) }),
      };
    const text = locale === 'en-US' ? run.error.messageEn : run.error.message;
    return { type: 'error', text: text ?? localizedServerText(run.error.message, locale) };
  }
  if (run.status === 'done' && run.rejectedCount > 0)
    return { type: 'warning', text: t('imports.note.partial', { count: formatCount(run.rejectedCount) }) };
  return null;
}

/** The file name without its extension (for export file names). */
export const baseName = (file: string) => file.replace(/\.[^.]+$/, '') || file;

/** Why a file of this session failed before it had a result (upload refused, run not found…). */
export function uploadErrorText(t: TFunction, err: unknown, size: number): string {
  if (isPollError(err)) {
    const cause = err.cause;
    if (isApiError(cause) && cause.code === 'import.not_found') return t('imports.error.notFound');
    return t('imports.error.pollFailed', { message: errorText(t, cause) });
  }
  if (isApiError(err)) {
    if (err.code === 'import.file_too_large')
      return t('imports.error.fileTooLarge', { size: formatBytes(size) });
    if (err.code === 'import.no_file') return t('imports.error.noFile');
  }
  return errorText(t, err);
}
