import { describe, expect, it } from 'vitest';
import {
  coverageGaps,
  daysOffPerAgent,
  forecastHourly,
  generateRoster,
  monthDates,
  OFF,
  staffPerHour,
  swapShifts,
  underStaffedHours,
} from './service.roster.rules';
import { DEFAULT_SHIFTS } from './service.rules';

const agents = [
  { agent: 'a', shiftCode: 'day' },
  { agent: 'b', shiftCode: 'day' },
  { agent: 'c', shiftCode: 'night' },
  { agent: 'd', shiftCode: 'night' },
];
const WINDOW = { from: '08:30', to: '24:00' };

describe('roster', () => {
  it('gives everyone 4 days off, staggered so the service window stays covered', () => {
    const r = generateRoster('2026-11', agents);
    expect([...daysOffPerAgent(r).values()]).toEqual([4, 4, 4, 4]);
    expect(coverageGaps(r, DEFAULT_SHIFTS, WINDOW, monthDates('2026-11'))).toEqual([]);
    expect(monthDates('2026-02')).toHaveLength(28);
  });

  it('finds the uncovered hours when both night agents are off, and a swap fixes it', () => {
    const r = generateRoster('2026-11', agents);
    const cOff = r.find((e) => e.agent === 'c' && e.shiftCode === OFF)!.date;
    const broken = r.map((e) => (e.agent === 'd' && e.date === cOff ? { ...e, shiftCode: OFF } : e));
    expect(coverageGaps(broken, DEFAULT_SHIFTS, WINDOW, [cOff])).toEqual([
      { date: cOff, from: '17:30', to: '24:00' },
    ]);
    const dWork = broken.find((e) => e.agent === 'd' && e.shiftCode === 'night' && e.date !== cOff)!.date;
    const fixed = swapShifts(broken, { agent: 'd', date: cOff }, { agent: 'd', date: dWork });
    expect(coverageGaps(fixed, DEFAULT_SHIFTS, WINDOW, [cOff])).toEqual([]);
  });
});

describe('staffing forecast', () => {
  it('averages the same weekday of the last 4 weeks, raised on campaign days, against the roster', () => {
    const h = new Map<string, number[]>();
    const hours = (v: number) => Array.from({ length: 24 }, (_, i) => (i === 20 ? v : 0));
    h.set('2026-11-19', hours(40));
    h.set('2026-11-12', hours(20));
    h.set('2026-11-05', hours(0));
    const f = forecastHourly(h, '2026-11-26', { weeks: 4, campaignFactor: 2 });
    expect(f[20]).toBe(30);
    const roster = [
      { date: '2026-11-26', agent: 'c', shiftCode: 'night' },
      { date: '2026-11-26', agent: 'a', shiftCode: 'day' },
    ];
    const staff = staffPerHour(roster, DEFAULT_SHIFTS, '2026-11-26');
    expect(staff[8]).toBe(1);
    expect(staff[17]).toBe(2);
    expect(staff[20]).toBe(1);
    expect(underStaffedHours(f, staff, 20)).toEqual([{ hour: 20, forecast: 30, needed: 2, rostered: 1 }]);
  });
});
