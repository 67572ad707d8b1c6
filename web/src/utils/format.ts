import type { Locale } from '../locales';

/** Date-time for tables: 2025-11-25 10:30 in both locales (sortable, unambiguous). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Minutes since midnight of `now` in a time zone. */
export function minutesOfDay(now: Date, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const m = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return h * 60 + m;
}

/** "周三" / "Wed" and "11月25日" / "Nov 25" of `now` in a time zone. */
export function dayParts(
  now: Date,
  locale: Locale,
  timeZone?: string,
): { weekday: string; monthDay: string; time: string } {
  const weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short' }).format(now);
  const monthDay = new Intl.DateTimeFormat(locale, {
    timeZone,
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
  }).format(now);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return { weekday, monthDay, time };
}
