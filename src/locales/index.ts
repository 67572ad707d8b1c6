import { enUS } from './en-US';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en-US';
export const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** zh-CN unless the client prefers English (Accept-Language: en…). */
export function pickLocale(acceptLanguage: string | undefined, preferred?: string | null): Locale {
  if (preferred === 'en-US' || preferred === 'zh-CN') return preferred;
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

/** The message for an error code, or null when the catalog has none. */
export function translate(
  locale: Locale,
  code: string,
  params: Record<string, string | number> = {},
): string | null {
  const template = catalogs[locale][code];
  if (!template) return null;
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (params[k] === undefined) missing = true;
    return String(params[k]);
  });
  // A template whose values the error did not carry: the caller falls back to the error's own text.
  return missing ? null : text;
}
