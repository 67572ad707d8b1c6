import { describe, expect, it } from 'vitest';
import {
  type AttendanceDay,
  attendanceFromChats,
  checkFineRules,
  DEFAULT_FINE_RULES,
  evaluateFines,
  type FineRule,
  type MonthFacts,
  ruleBookOn,
} from './service.fines.rules';

const day = (date: string, o: Partial<AttendanceDay> = {}): AttendanceDay => ({
  date,
  lateMinutes: null,
  onLeave: false,
  offline: false,
  idleMinutes: [],
  ...o,
});
const facts = (o: Partial<MonthFacts>): MonthFacts => ({
  attendance: [],
  slowResponses: [],
  longWaits: [],
  badReviews: [],
  ...o,
});
const fine = (m: MonthFacts, code: string) =>
  evaluateFines(DEFAULT_FINE_RULES, m).find((f) => f.code === code);

describe('fines on a month (DOMAIN.md §5 defaults)', () => {
  it('late exactly 10 min is minor: two free, the third costs ¥20; 11 min is major ¥20 each', () => {
    const m = facts({
      attendance: [
        day('2026-11-02', { lateMinutes: 10 }),
        day('2026-11-03', { lateMinutes: 1 }),
        day('2026-11-04', { lateMinutes: 10 }),
        day('2026-11-05', { lateMinutes: 11 }),
        day('2026-11-06', { lateMinutes: 0 }),
      ],
    });
    expect(fine(m, 'late_minor')).toMatchObject({ count: 3, fen: 2000 });
    expect(fine(m, 'late_minor')!.evidence.map((e) => [e.date, e.fen])).toEqual([
      ['2026-11-02', 0],
      ['2026-11-03', 0],
      ['2026-11-04', 2000],
    ]);
    expect(fine(m, 'late_major')).toMatchObject({ count: 1, fen: 2000, evidence: [{ date: '2026-11-05' }] });
  });

  it('two minor late days cost nothing', () => {
    const m = facts({
      attendance: [day('2026-11-02', { lateMinutes: 5 }), day('2026-11-03', { lateMinutes: 9 })],
    });
    expect(fine(m, 'late_minor')).toMatchObject({ count: 2, fen: 0 });
  });

  it('the third slow first response is free, the fourth costs ¥50 once; exactly 120 s is not slow', () => {
    const slow = (n: number, seconds = 121) =>
      facts({
        slowResponses: Array.from({ length: n }, (_, i) => ({
          sessionId: `S${i}`,
          date: `2026-11-1${i}`,
          seconds,
        })),
      });
    expect(fine(slow(3), 'slow_first_response')?.fen).toBe(0);
    expect(fine(slow(4), 'slow_first_response')).toMatchObject({ fen: 5000, count: 4 });
    expect(fine(slow(4), 'slow_first_response')!.evidence[3]).toMatchObject({ id: 'S3', fen: 5000 });
    expect(fine(slow(6), 'slow_first_response')?.fen).toBe(5000);
    expect(fine(slow(5, 120), 'slow_first_response')).toBeUndefined();
  });

  it('an unanswered question costs ¥100 from 30 min and ¥200 from 2 h, each question', () => {
    const m = facts({
      longWaits: [
        { sessionId: 'A', date: '2026-11-02', minutes: 29.9 },
        { sessionId: 'B', date: '2026-11-02', minutes: 30 },
        { sessionId: 'C', date: '2026-11-03', minutes: 119 },
        { sessionId: 'D', date: '2026-11-03', minutes: 120 },
      ],
    });
    expect(fine(m, 'unanswered_question')!.evidence.map((e) => [e.id, e.fen])).toEqual([
      ['B', 10_000],
      ['C', 10_000],
      ['D', 20_000],
    ]);
    expect(fine(m, 'unanswered_question')!.fen).toBe(40_000);
  });

  it('offline on duty ¥200, away 2 h ¥200 (1 h 59 free), leave days never fined, bad reviews ¥100', () => {
    const m = facts({
      attendance: [
        day('2026-11-02', { offline: true }),
        day('2026-11-03', { offline: true, onLeave: true, lateMinutes: 30 }),
        day('2026-11-04', { idleMinutes: [119, 120] }),
      ],
      badReviews: [{ orderId: 'O1', date: '2026-11-05' }],
    });
    expect(fine(m, 'offline_on_duty')).toMatchObject({ count: 1, fen: 20_000 });
    expect(fine(m, 'late_major')).toBeUndefined();
    expect(fine(m, 'idle_online')).toMatchObject({ count: 1, fen: 20_000 });
    expect(fine(m, 'bad_review')).toMatchObject({ fen: 10_000, evidence: [{ kind: 'order', id: 'O1' }] });
  });
});

describe('rule book checks at save', () => {
  it('accepts the defaults', () => {
    expect(checkFineRules(DEFAULT_FINE_RULES)).toEqual([]);
  });
  it('rejects a rule given twice, a gap or overlap between the late rules, tiers out of order, negatives', () => {
    const withRule = (r: FineRule) => [...DEFAULT_FINE_RULES, r];
    expect(checkFineRules(withRule({ code: 'bad_review', fen: 1 })).map((p) => p.code)).toEqual([
      'service.fine_duplicate',
    ]);
    const late = (max: number, over: number): FineRule[] => [
      { code: 'late_minor', maxMinutes: max, freePerMonth: 2, fen: 2000 },
      { code: 'late_major', overMinutes: over, fen: 2000 },
    ];
    expect(checkFineRules(late(10, 15))[0]).toMatchObject({
      code: 'service.fine_late_gap',
      params: { minor: 10, major: 15 },
    });
    expect(checkFineRules(late(15, 10))[0]!.code).toBe('service.fine_late_overlap');
    expect(
      checkFineRules([
        {
          code: 'unanswered_question',
          tiers: [
            { minutes: 120, fen: 20_000 },
            { minutes: 30, fen: 10_000 },
          ],
        },
      ])[0],
    ).toMatchObject({ code: 'service.fine_tiers_order', field: 'rules[0].tiers[1]' });
    expect(checkFineRules([{ code: 'bad_review', fen: -1 }])[0]).toMatchObject({
      code: 'service.fine_bad_number',
      field: 'rules[0].fen',
    });
  });
  it('picks the version in force on a date', () => {
    const v = [
      { effectiveFrom: '2026-01-01', rules: [] },
      { effectiveFrom: '2026-11-01', rules: [] },
    ];
    expect(ruleBookOn(v, '2026-10-31')?.effectiveFrom).toBe('2026-01-01');
    expect(ruleBookOn(v, '2026-11-01')?.effectiveFrom).toBe('2026-11-01');
    expect(ruleBookOn(v, '2025-12-31')).toBeNull();
  });
});

describe('attendance read from the chat log', () => {
  const h = (hh: number, mm = 0) => Date.UTC(2026, 10, 2, hh, mm);
  const shift = { start: h(8, 30), end: h(17, 30) };
  it('finds a 2 h stretch of unanswered buyers (空挂), not a 1 h 59 one', () => {
    const r = attendanceFromChats(
      [h(9), h(13), h(13, 30), h(15, 1)],
      [h(9, 1), h(15, 0), h(15, 2)],
      shift,
      120,
    );
    expect(r).toEqual({ offline: false, idleMinutes: [120] });
    const s = attendanceFromChats([h(13, 1)], [h(9), h(15, 0)], shift, 120);
    expect(s.idleMinutes).toEqual([]);
  });
  it('ends when a reply comes in the same instant as a question (no endless loop)', () => {
    expect(attendanceFromChats([h(9), h(9), h(12)], [h(9), h(14, 30)], shift, 120)).toEqual({
      offline: false,
      idleMinutes: [150],
    });
  });
  it('says offline when buyers wrote during the shift and nobody ever replied; a quiet day is neither', () => {
    expect(attendanceFromChats([h(10)], [], shift, 120)).toEqual({ offline: true, idleMinutes: [] });
    expect(attendanceFromChats([], [], shift, 120)).toEqual({ offline: false, idleMinutes: [] });
    expect(attendanceFromChats([h(16)], [h(9)], shift, 120)).toEqual({ offline: false, idleMinutes: [] });
  });
});
