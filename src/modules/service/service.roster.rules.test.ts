import { describe, expect, it } from 'vitest';
import {
  campaignFactor,
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

describe('campaign factor from the marketing calendar', () => {
  const double12 = { name: '双12', from: '2026-12-11', to: '2026-12-13' };
  const double11 = { name: '双11', from: '2026-11-10', to: '2026-11-11' };
  it('is 1 on an ordinary day', () => {
    expect(campaignFactor('2026-12-10', [double12, double11], new Map(), 2)).toEqual({
      factor: 1,
      source: 'none',
      campaigns: [],
      basis: [],
    });
  });
  it('takes the store default when no past campaign day has data', () => {
    const f = campaignFactor('2026-12-11', [double12], new Map([['2026-12-04', 100]]), 2.5);
    expect(f).toMatchObject({ factor: 2.5, source: 'setting', campaigns: ['双12'] });
  });
  it('learns it from past campaign days against their usual weekday level, skipping campaign days and gaps', () => {
    const daily = new Map<string, number>([
      // 双11 days: 300 and 200 sessions
      ['2026-11-10', 300],
      ['2026-11-11', 200],
      // usual Tuesdays before 11-10: 100, 100 (11-03, 10-27), 10-20 missing, 10-13: 100
      ['2026-11-03', 100],
      ['2026-10-27', 100],
      ['2026-10-13', 100],
      // usual Wednesdays before 11-11: 50 and 150 → 100
      ['2026-11-04', 50],
      ['2026-10-28', 150],
    ]);
    const f = campaignFactor('2026-12-12', [double11, double12], daily, 2);
    // (300/100 + 200/100) / 2 = 2.5; 双12's own first day (12-11) has no data: not in the basis
    expect(f).toEqual({
      factor: 2.5,
      source: 'history',
      campaigns: ['双12'],
      basis: [
        { date: '2026-11-10', sessions: 300, usual: 100 },
        { date: '2026-11-11', sessions: 200, usual: 100 },
      ],
    });
  });
  it('does not count a campaign day as a usual one, nor the target day itself', () => {
    const daily = new Map<string, number>([
      ['2026-12-11', 400], // 双12 day 1, known
      ['2026-12-04', 100],
      ['2026-12-12', 999], // the target: not its own basis
      ['2026-12-05', 100],
    ]);
    const withEarly = { name: '预热', from: '2026-12-04', to: '2026-12-04' };
    const f = campaignFactor('2026-12-12', [withEarly, double12], daily, 2);
    // 12-04 is a campaign day (预热): no usual level for 12-11 → only 12-04 itself… whose usual has no data
    expect(f).toMatchObject({ factor: 2, source: 'setting', campaigns: ['双12'] });
    const f2 = campaignFactor('2026-12-12', [double12], daily, 2);
    expect(f2).toMatchObject({
      factor: 4,
      source: 'history',
      basis: [{ date: '2026-12-11', sessions: 400, usual: 100 }],
    });
  });
});
