/**
 * Shifts and roster (DOMAIN.md §5: day 08:30–17:30, night 17:00–24:00, 4 days off a month by
 * roster) and the 14:30 staffing estimate (DOMAIN.md §2 "estimate extra shifts").
 */
import { addDays } from '../../core/time';
import { hmToMinutes, type ShiftType, shiftWindow } from './service.rules';

/** One roster cell: the agent works `shiftCode`, or is 'off' or on 'leave'. */
export type RosterEntry = { date: string; agent: string; shiftCode: string };
export const OFF = 'off';
export const LEAVE = 'leave';

export function monthDates(month: string): string[] {
  const out: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * A month's roster: every agent on their usual shift, `daysOff` days off each, staggered so that
 * agents of the same shift are not off on the same day when it can be avoided.
 */
export function generateRoster(
  month: string,
  agents: { agent: string; shiftCode: string }[],
  daysOff = 4,
): RosterEntry[] {
  const dates = monthDates(month);
  const out: RosterEntry[] = [];
  const byShift = new Map<string, string[]>();
  for (const a of agents) {
    const l = byShift.get(a.shiftCode) ?? [];
    l.push(a.agent);
    byShift.set(a.shiftCode, l);
  }
  for (const a of agents) {
    const group = byShift.get(a.shiftCode)!;
    const i = group.indexOf(a.agent);
    const step = dates.length / daysOff;
    const off = new Set<number>();
    for (let k = 0; k < daysOff; k++)
      off.add(Math.floor(k * step + ((i + 0.5) * step) / group.length) % dates.length);
    dates.forEach((date, j) => {
      out.push({ date, agent: a.agent, shiftCode: off.has(j) ? OFF : a.shiftCode });
    });
  }
  return out;
}

/** Days off per agent in a roster (leave is not a day off). */
export function daysOffPerAgent(roster: RosterEntry[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of roster) m.set(e.agent, (m.get(e.agent) ?? 0) + (e.shiftCode === OFF ? 1 : 0));
  return m;
}

/**
 * Half-hour slots of the service window nobody covers, per date. The window is `from`–`to`
 * local time ('24:00' allowed); a shift covers its nominal hours (not the extended duty).
 */
export function coverageGaps(
  roster: RosterEntry[],
  shifts: ShiftType[],
  window: { from: string; to: string },
  dates: string[],
): { date: string; from: string; to: string }[] {
  const wFrom = hmToMinutes(window.from);
  const wTo = hmToMinutes(window.to);
  const byCode = new Map(shifts.map((s) => [s.code, shiftWindow(s)]));
  const gaps: { date: string; from: string; to: string }[] = [];
  const onDate = new Map<string, RosterEntry[]>();
  for (const e of roster) {
    const l = onDate.get(e.date) ?? [];
    l.push(e);
    onDate.set(e.date, l);
  }
  for (const date of dates) {
    const working = (onDate.get(date) ?? [])
      .map((e) => byCode.get(e.shiftCode))
      .filter((w) => w !== undefined);
    let gapStart = -1;
    for (let m = wFrom; m <= wTo; m += 30) {
      const covered = m < wTo && working.some((w) => w.start <= m && m + 30 <= w.end);
      if (!covered && m < wTo && gapStart < 0) gapStart = m;
      if ((covered || m >= wTo) && gapStart >= 0) {
        gaps.push({ date, from: mm(gapStart), to: mm(m) });
        gapStart = -1;
      }
    }
  }
  return gaps;
}

function mm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Two agents exchange their cells on two dates (a swap); throws when a cell is missing. */
export function swapShifts(
  roster: RosterEntry[],
  a: { agent: string; date: string },
  b: { agent: string; date: string },
): RosterEntry[] {
  const ia = roster.findIndex((e) => e.agent === a.agent && e.date === a.date);
  const ib = roster.findIndex((e) => e.agent === b.agent && e.date === b.date);
  if (ia < 0 || ib < 0) throw new Error('swap: no such roster cell');
  const out = roster.map((e) => ({ ...e }));
  const sa = out[ia]!.shiftCode;
  out[ia]!.shiftCode = out[ib]!.shiftCode;
  out[ib]!.shiftCode = sa;
  return out;
}

// ------------------------------------------------------------------ staffing forecast

/**
 * Tomorrow's inquiries per local hour: the mean of the same weekday over the last `weeks` weeks
 * (missing days count as zero), times the campaign factor when tomorrow is a campaign day.
 */
export function forecastHourly(
  history: Map<string, number[]>,
  target: string,
  opts: { weeks?: number; campaignFactor?: number } = {},
): number[] {
  const weeks = opts.weeks ?? 4;
  const out = new Array<number>(24).fill(0);
  for (let w = 1; w <= weeks; w++) {
    const h = history.get(addDays(target, -7 * w));
    if (h) for (let i = 0; i < 24; i++) out[i]! += h[i] ?? 0;
  }
  const f = opts.campaignFactor ?? 1;
  return out.map((v) => Math.round((v / weeks) * f * 10) / 10);
}

/** Agents on duty per local hour of a date, from the roster and the shifts' nominal hours. */
export function staffPerHour(roster: RosterEntry[], shifts: ShiftType[], date: string): number[] {
  const byCode = new Map(shifts.map((s) => [s.code, shiftWindow(s)]));
  const out = new Array<number>(24).fill(0);
  for (const e of roster) {
    if (e.date !== date) continue;
    const w = byCode.get(e.shiftCode);
    if (!w) continue;
    for (let h = 0; h < 24; h++) if (w.start < (h + 1) * 60 && h * 60 < w.end) out[h]!++;
  }
  return out;
}

/** Hours where the forecast needs more agents than are rostered (`perAgentHour` inquiries each). */
export function underStaffedHours(
  forecast: number[],
  staff: number[],
  perAgentHour: number,
): { hour: number; forecast: number; needed: number; rostered: number }[] {
  const out = [];
  for (let h = 0; h < 24; h++) {
    const needed = Math.ceil((forecast[h] ?? 0) / perAgentHour);
    if (needed > (staff[h] ?? 0)) out.push({ hour: h, forecast: forecast[h]!, needed, rostered: staff[h]! });
  }
  return out;
}

/** A campaign of the marketing calendar as the forecast needs it. */
export type CampaignSpan = { name: string; from: string; to: string };

export type CampaignFactor = {
  factor: number;
  /** none: tomorrow is no campaign day; history: learnt from past campaign days; setting: the store's default. */
  source: 'none' | 'history' | 'setting';
  /** The campaigns tomorrow belongs to. */
  campaigns: string[];
  /** Past campaign days the factor was learnt from: sessions that day ÷ its usual level. */
  basis: { date: string; sessions: number; usual: number }[];
};

/**
 * The campaign factor of tomorrow's forecast, from the marketing calendar: 1 on an ordinary day.
 * On a campaign day: the mean, over past campaign days with data, of that day's sessions divided
 * by its usual level (the mean of the same weekday in the 4 weeks before, skipping campaign days
 * and days without data); with no such day yet, the store's default factor. Rounded to 0.1.
 */
export function campaignFactor(
  target: string,
  campaigns: CampaignSpan[],
  dailySessions: Map<string, number>,
  defaultFactor: number,
): CampaignFactor {
  const inCampaign = (d: string) => campaigns.some((c) => c.from <= d && d <= c.to);
  const names = campaigns.filter((c) => c.from <= target && target <= c.to).map((c) => c.name);
  if (names.length === 0) return { factor: 1, source: 'none', campaigns: [], basis: [] };
  const basis: CampaignFactor['basis'] = [];
  const seen = new Set<string>();
  for (const c of campaigns)
    for (let d = c.from; d <= c.to && d < target; d = addDays(d, 1)) {
      if (seen.has(d)) continue;
      seen.add(d);
      const sessions = dailySessions.get(d);
      if (sessions === undefined) continue;
      const usual: number[] = [];
      for (let w = 1; w <= 4; w++) {
        const u = addDays(d, -7 * w);
        const v = dailySessions.get(u);
        if (v !== undefined && !inCampaign(u)) usual.push(v);
      }
      if (usual.length === 0) continue;
      const mean = usual.reduce((a, b) => a + b, 0) / usual.length;
      if (mean > 0) basis.push({ date: d, sessions, usual: Math.round(mean * 10) / 10 });
    }
  if (basis.length === 0) return { factor: defaultFactor, source: 'setting', campaigns: names, basis };
  const ratio = basis.reduce((a, b) => a + b.sessions / b.usual, 0) / basis.length;
  return { factor: Math.round(ratio * 10) / 10, source: 'history', campaigns: names, basis };
}
