import enUS from './en-US';
import zhCN from './zh-CN';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

export const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en-US';

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = messages[locale][key] ?? messages[DEFAULT_LOCALE][key] ?? key;
  return format(template, params);
}

/** The `{placeholders}` used by a message, sorted. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
