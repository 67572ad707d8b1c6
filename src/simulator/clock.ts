import { addDays, isValidDate } from '../core/time';

/**
 * Simulated time. An instant is a whole number of seconds since 00:00:00 of the first simulated
 * business date, China time (UTC+8; China has had no daylight saving since 1991, so a day is always
 * 86 400 s). Formatting is plain arithmetic on a table of dates: no Date, no Intl, no wall clock.
 */
export const DAY = 86_400;
export const HOUR = 3_600;
export const MINUTE = 60;

export class SimClock {
  readonly startDate: string;
  readonly days: number;
  private readonly dates: string[] = [];

  constructor(startDate: string, days: number) {
    if (!isValidDate(startDate)) throw new Error(`invalid start date ${startDate}`);
    this.startDate = startDate;
    this.days = days;
    this.extend(days + 2);
  }

  private extend(n: number): void {
    for (let i = this.dates.length; i < n; i++) this.dates.push(addDays(this.startDate, i));
  }

  /** yyyy-MM-dd of a day index (0 = first simulated day). */
  date(day: number): string {
    if (day < 0) return addDays(this.startDate, day);
    if (day >= this.dates.length) this.extend(day + 64);
    return this.dates[day];
  }

  /** Day index of an instant. */
  dayOf(t: number): number {
    return Math.floor(t / DAY);
  }

  /** `yyyy-MM-dd HH:mm:ss` */
  format(t: number): string {
    const day = Math.floor(t / DAY);
    return `${this.date(day)} ${hms(t - day * DAY)}`;
  }

  /** `yyyy/M/d H:mm` (the short form some exports use). */
  formatShort(t: number): string {
    const day = Math.floor(t / DAY);
    const [y, m, d] = this.date(day).split('-');
    const s = t - day * DAY;
    const h = Math.floor(s / HOUR);
    const mi = Math.floor((s % HOUR) / MINUTE);
    return `${y}/${Number(m)}/${Number(d)} ${h}:${pad2(mi)}`;
  }

  /** Weekday of a day index, 0 = Sunday … 6 = Saturday. */
  weekday(day: number): number {
    const [y, m, d] = this.date(day).split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  }

  /** Month (1–12) and day of month of a day index. */
  monthDay(day: number): { year: number; month: number; dom: number } {
    const [y, m, d] = this.date(day).split('-').map(Number);
    return { year: y, month: m, dom: d };
  }

  /** Day index of a yyyy-MM-dd date (may be outside the window). */
  indexOf(date: string): number {
    const [y1, m1, d1] = this.startDate.split('-').map(Number);
    const [y2, m2, d2] = date.split('-').map(Number);
    return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
  }
}

/** Seconds of day → `HH:mm:ss` (hours may exceed 23 for durations). */
export function hms(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / HOUR);
  const m = Math.floor((s % HOUR) / MINUTE);
  return `${pad2(h)}:${pad2(m)}:${pad2(s % MINUTE)}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `2026-11-25` + seconds → `202611250830` (the stamp in platform file names). */
export function fileStamp(date: string, secondsOfDay: number): string {
  const h = Math.floor(secondsOfDay / HOUR);
  const m = Math.floor((secondsOfDay % HOUR) / MINUTE);
  return `${date.replace(/-/g, '')}${pad2(h)}${pad2(m)}`;
}
