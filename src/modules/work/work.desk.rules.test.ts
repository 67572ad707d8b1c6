import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import { ROLES } from '../team/team.rules';
import { DEFAULT_ROUTINES } from './work.defaults';
import {
  addWorkingMinutes,
  DEFAULT_CHAINS,
  DEFAULT_WORKING_HOURS,
  type Frequency,
  firstStepFor,
  isDueOn,
  normaliseChain,
  nowAndNext,
  parseHm,
  validateChain,
  validateRoutineItem,
  validateWorkingHours,
  type WorkingHours,
} from './work.rules';

const SH = 'Asia/Shanghai';
const at = (hours: WorkingHours, from: Date, minutes: number, tz = SH) =>
  addWorkingMinutes(
    from,
    minutes,
    hours,
    (d) => businessDate(d, tz),
    (d, t) => zonedInstant(d, t, tz),
    addDays,
  );

describe('routine frequency: is this item due on date D', () => {
  const cases: [Frequency, string, boolean][] = [
    [{ kind: 'daily' }, '2026-11-25', true],
    [{ kind: 'every_n_days', n: 3, anchor: '2026-11-23' }, '2026-11-23', true],
    [{ kind: 'every_n_days', n: 3, anchor: '2026-11-23' }, '2026-11-25', false],
    [{ kind: 'every_n_days', n: 3, anchor: '2026-11-23' }, '2026-11-26', true],
    [{ kind: 'every_n_days', n: 3, anchor: '2026-11-23' }, '2026-11-20', false], // before the anchor
    [{ kind: 'every_n_days', n: 7, anchor: '2026-11-23' }, '2026-11-30', true],
    [{ kind: 'weekly', weekday: 3 }, '2026-11-25', true], // a Wednesday
    [{ kind: 'weekly', weekday: 5 }, '2026-11-25', false],
    [{ kind: 'weekly', weekday: 7 }, '2026-11-29', true],
    [{ kind: 'monthly', day: 11, dayTo: 15 }, '2026-12-10', false],
    [{ kind: 'monthly', day: 11, dayTo: 15 }, '2026-12-11', true],
    [{ kind: 'monthly', day: 11, dayTo: 15 }, '2026-12-15', true],
    [{ kind: 'monthly', day: 11, dayTo: 15 }, '2026-12-16', false],
    [{ kind: 'monthly', day: 31 }, '2027-02-28', true], // the month's last day stands in
    [{ kind: 'monthly', day: 31 }, '2027-02-27', false],
    [{ kind: 'monthly', day: 30 }, '2028-02-29', true], // leap year
    [{ kind: 'quarterly', day: 5 }, '2026-10-05', true],
    [{ kind: 'quarterly', day: 5 }, '2026-11-05', false],
    [{ kind: 'yearly', month: 1, day: 10 }, '2027-01-10', true],
    [{ kind: 'yearly', month: 2, day: 29 }, '2027-02-28', true],
  ];
  it.each(cases)('%j on %s → %s', (f, d, due) => {
    expect(isDueOn(f, d)).toBe(due);
  });

  it('an every-N-days item comes back exactly once in every N consecutive days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 7 }), fc.integer({ min: 0, max: 2000 }), (n, offset) => {
        const start = addDays('2026-01-05', offset);
        let hits = 0;
        for (let i = 0; i < n; i++)
          if (isDueOn({ kind: 'every_n_days', n, anchor: '2026-01-05' }, addDays(start, i))) hits++;
        return hits === 1;
      }),
    );
  });
});

describe('routine item validation names the field', () => {
  const ok = {
    role: 'manager',
    title: '数据诊断',
    start: '08:30',
    end: '10:30',
    frequency: { kind: 'daily' } as Frequency,
  };
  it('accepts the defaults of every role', () => {
    for (const [role, items] of Object.entries(DEFAULT_ROUTINES)) {
      for (const it of items)
        expect(validateRoutineItem({ ...it, role }, ROLES), `${role}.${it.key}`).toEqual([]);
    }
  });
  it.each([
    [{ start: '25:00' }, 'start', 'work.bad_time'],
    [{ start: '08:60' }, 'start', 'work.bad_time'],
    [{ end: '8:30' }, 'end', 'work.bad_time'],
    [{ end: '24:01' }, 'end', 'work.bad_time'],
    [{ start: '10:30', end: '10:30' }, 'end', 'work.end_before_start'],
    [{ start: '11:00', end: '10:30' }, 'end', 'work.end_before_start'],
    [{ title: ' ' }, 'title', 'work.title_required'],
    [{ role: 'janitor' }, 'role', 'work.unknown_role'],
    [
      { frequency: { kind: 'every_n_days', n: 2, anchor: '2026-01-05' } },
      'frequency.n',
      'work.bad_frequency',
    ],
    [
      { frequency: { kind: 'every_n_days', n: 8, anchor: '2026-01-05' } },
      'frequency.n',
      'work.bad_frequency',
    ],
    [{ frequency: { kind: 'weekly', weekday: 0 } }, 'frequency.weekday', 'work.bad_frequency'],
    [{ frequency: { kind: 'monthly', day: 32 } }, 'frequency.day', 'work.bad_frequency'],
    [{ frequency: { kind: 'monthly', day: 15, dayTo: 11 } }, 'frequency.dayTo', 'work.bad_frequency'],
    [{ frequency: { kind: 'hourly' } }, 'frequency.kind', 'work.bad_frequency'],
  ])('%j → %s', (patch, field, code) => {
    const errs = validateRoutineItem({ ...ok, ...(patch as object) } as never, ROLES);
    expect(errs[0]).toMatchObject({ field, code });
  });
  it('parses times strictly', () => {
    expect(parseHm('00:00')).toBe(0);
    expect(parseHm('24:00')).toBe(1440);
    expect(parseHm('17:30')).toBe(1050);
    expect(parseHm('7:30')).toBeNull();
    expect(parseHm('ab:cd')).toBeNull();
  });
});

describe('now and next block', () => {
  const blocks = [
    { id: 'pre', start: null, end: 510 },
    { id: 'a', start: 510, end: 630 },
    { id: 'b', start: 630, end: 660 },
    { id: 'c', start: 810, end: 840 },
  ];
  it.each([
    [480, 'pre', 'a'],
    [600, 'a', 'b'],
    [630, 'b', 'c'],
    [700, null, 'c'],
    [900, null, null],
  ])('at minute %i: now %s, next %s', (m, now, next) => {
    const r = nowAndNext(blocks, m);
    expect(r.now?.id ?? null).toBe(now);
    expect(r.next?.id ?? null).toBe(next);
  });
});

describe('escalation time counts working hours only', () => {
  it('a step starting 17:20 with 1 h, day ends 17:30, resumes 08:30 → due 09:20 next day', () => {
    const from = zonedInstant('2026-11-25', '17:20', SH);
    expect(at(DEFAULT_WORKING_HOURS, from, 60)).toEqual(zonedInstant('2026-11-26', '09:20', SH));
  });
  it.each([
    ['2026-11-25', '09:00', 60, '2026-11-25', '10:00'],
    ['2026-11-25', '07:00', 30, '2026-11-25', '09:00'], // before opening: time starts at 08:30
    ['2026-11-25', '20:00', 30, '2026-11-26', '09:00'], // after closing
    ['2026-11-25', '17:30', 1, '2026-11-26', '08:31'],
    ['2026-11-25', '08:30', 540, '2026-11-25', '17:30'], // a whole day fits exactly
    ['2026-11-25', '08:30', 541, '2026-11-26', '08:31'],
    ['2026-11-25', '12:00', 4 * 60 + 9 * 60, '2026-11-26', '16:00'],
  ])('from %s %s + %i min → %s %s', (d, t, m, d2, t2) => {
    expect(at(DEFAULT_WORKING_HOURS, zonedInstant(d, t, SH), m)).toEqual(zonedInstant(d2, t2, SH));
  });
  it('skips days that are not working days (Mon–Fri store, Friday 17:00 + 1 h → Monday 09:00)', () => {
    const h: WorkingHours = { windows: [{ start: '08:30', end: '17:30' }], weekdays: [1, 2, 3, 4, 5] };
    expect(at(h, zonedInstant('2026-11-27', '17:00', SH), 60)).toEqual(
      zonedInstant('2026-11-30', '09:00', SH),
    );
  });
  it('counts a day and a night window (08:30–17:30, 18:00–24:00)', () => {
    const h: WorkingHours = {
      windows: [
        { start: '08:30', end: '17:30' },
        { start: '18:00', end: '24:00' },
      ],
    };
    expect(at(h, zonedInstant('2026-11-25', '17:20', SH), 60)).toEqual(
      zonedInstant('2026-11-25', '18:50', SH),
    );
    expect(at(h, zonedInstant('2026-11-25', '23:30', SH), 60)).toEqual(
      zonedInstant('2026-11-26', '09:00', SH),
    );
  });
  it('works in another time zone (a store in New York)', () => {
    const ny = 'America/New_York';
    expect(at(DEFAULT_WORKING_HOURS, zonedInstant('2026-11-25', '17:20', ny), 60, ny)).toEqual(
      zonedInstant('2026-11-26', '09:20', ny),
    );
  });
  it('never lands outside a window and always moves forward (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 30 }),
        fc.integer({ min: 1, max: 3000 }),
        (offset, mins) => {
          const from = new Date(zonedInstant('2026-11-01', '00:00', SH).getTime() + offset * 60_000);
          const due = at(DEFAULT_WORKING_HOURS, from, mins);
          const local = businessDate(due, SH);
          const m = (due.getTime() - zonedInstant(local, '00:00', SH).getTime()) / 60000;
          return due > from && m > 510 && m <= 1050;
        },
      ),
    );
  });
  it('rejects impossible or overlapping windows', () => {
    expect(validateWorkingHours({ windows: [{ start: '08:30', end: '25:00' }] })[0]?.field).toBe(
      'windows.0.end',
    );
    expect(validateWorkingHours({ windows: [{ start: '09:00', end: '08:00' }] })[0]?.code).toBe(
      'work.end_before_start',
    );
    expect(
      validateWorkingHours({
        windows: [
          { start: '08:30', end: '17:30' },
          { start: '17:00', end: '24:00' },
        ],
      })[0]?.code,
    ).toBe('work.windows_overlap');
    expect(validateWorkingHours({ windows: [] })[0]?.field).toBe('windows');
  });
});

describe('escalation chains are checked at save', () => {
  const all = new Set([
    'cs',
    'marketing',
    'finance',
    'analysis',
    'warehouse',
    'design',
    'manager',
    'operations',
  ]);
  const chain = (steps: { target: string; hours: number }[]) =>
    ({ key: 'x', group: 'cs', name: '客服忙不过来', condition: '', steps }) as never;
  it('accepts the DOMAIN.md §3 defaults when every role is held', () => {
    for (const c of DEFAULT_CHAINS) expect(validateChain(c, all), c.key).toEqual([]);
  });
  it('rejects a loop, naming the step', () => {
    const e = validateChain(
      chain([
        { target: 'cs', hours: 1 },
        { target: 'marketing', hours: 1 },
        { target: 'cs', hours: 1 },
      ]),
      all,
    );
    expect(e[0]).toMatchObject({ field: 'steps.2.target', code: 'work.chain_loop' });
  });
  it('rejects a role nobody holds, with the reason', () => {
    const held = new Set(['cs', 'manager']);
    const e = validateChain(
      chain([
        { target: 'marketing', hours: 1 },
        { target: 'manager', hours: 1 },
      ]),
      held,
    );
    expect(e[0]).toMatchObject({ field: 'steps.0.target', code: 'work.chain_role_unheld' });
  });
  it('rejects a step after the manager, bad hours, unknown targets and empty chains', () => {
    expect(
      validateChain(
        chain([
          { target: 'manager', hours: 1 },
          { target: 'cs', hours: 1 },
        ]),
        all,
      )[0]?.code,
    ).toBe('work.chain_after_manager');
    expect(validateChain(chain([{ target: 'manager', hours: 0 }]), all)[0]?.code).toBe(
      'work.chain_bad_hours',
    );
    expect(validateChain(chain([{ target: 'janitor', hours: 1 }]), all)[0]?.code).toBe(
      'work.chain_bad_target',
    );
    expect(validateChain(chain([]), all)[0]?.code).toBe('work.chain_empty');
  });
  it('always ends with the store manager', () => {
    expect(normaliseChain([{ target: 'cs', hours: 2 }]).map((s) => s.target)).toEqual(['cs', 'manager']);
    expect(normaliseChain([{ target: 'manager', hours: 2 }])).toHaveLength(1);
  });
  it('starts past the steps the raiser is themself', () => {
    const steps = [
      { target: 'cs', hours: 1 },
      { target: 'marketing', hours: 1 },
      { target: 'manager', hours: 1 },
    ] as never;
    expect(firstStepFor(steps, new Set())).toBe(0);
    expect(firstStepFor(steps, new Set(['cs']))).toBe(1);
    expect(firstStepFor(steps, new Set(['cs', 'marketing', 'manager']))).toBe(2);
  });
});
