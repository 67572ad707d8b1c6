import type { FormInstance } from 'antd';
import { isApiError } from '../api/http';
import type { TFunction } from '../i18n';

/**
 * Shows a server error where it belongs: on the form field named by `details.field` (or the
 * fields of `details.fields` / zod-like `details.issues`) when that field is on the form,
 * otherwise as a message. Returns the message text shown.
 */

type NamePath = (string | number)[];

const toPath = (field: unknown): NamePath | null => {
  if (Array.isArray(field)) return field.map((p) => (typeof p === 'number' ? p : String(p)));
  if (typeof field !== 'string' || !field) return null;
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
};

const samePath = (a: NamePath, b: NamePath) =>
  a.length === b.length && a.every((p, i) => String(p) === String(b[i]));

export function fieldErrorsOf(
  details: unknown,
  fallbackMessage: string,
): { path: NamePath; message: string }[] {
  const out: { path: NamePath; message: string }[] = [];
  if (!details || typeof details !== 'object') return out;
  const d = details as Record<string, unknown>;
  const one = toPath(d.field);
  if (one) out.push({ path: one, message: typeof d.message === 'string' ? d.message : fallbackMessage });
  if (d.fields && typeof d.fields === 'object' && !Array.isArray(d.fields)) {
    for (const [k, v] of Object.entries(d.fields as Record<string, unknown>)) {
      const p = toPath(k);
      if (p) out.push({ path: p, message: typeof v === 'string' ? v : fallbackMessage });
    }
  }
  const issues = Array.isArray(details) ? details : Array.isArray(d.issues) ? d.issues : [];
  for (const issue of issues as { path?: unknown; field?: unknown; message?: unknown }[]) {
    const p = toPath(issue?.path ?? issue?.field);
    if (p?.length)
      out.push({ path: p, message: typeof issue.message === 'string' ? issue.message : fallbackMessage });
  }
  return out;
}

export function errorText(t: TFunction, err: unknown): string {
  if (isApiError(err)) {
    if (err.status === 0) return t('error.network');
    return err.message || t('error.unknown');
  }
  return t('error.unknown');
}

export function applyServerError(
  form: FormInstance | null,
  err: unknown,
  t: TFunction,
  showMessage: (text: string) => void,
  /** Maps a server field to a form field when they differ, e.g. { 'owner.login': ['login'] }. */
  fieldMap: Record<string, NamePath> = {},
): string {
  const text = errorText(t, err);
  if (form && isApiError(err)) {
    const registered = form.getFieldsError().map((f) => f.name as NamePath);
    const hits = fieldErrorsOf(err.details, text)
      .map((e) => ({ ...e, path: fieldMap[e.path.join('.')] ?? e.path }))
      .filter((e) => registered.some((r) => samePath(r, e.path)));
    if (hits.length) {
      form.setFields(hits.map((h) => ({ name: h.path, errors: [h.message] })));
      return text;
    }
  }
  showMessage(text);
  return text;
}
