import { describe, expect, it } from 'vitest';
import {
  attainment,
  builtInPlatformEvents,
  campaignSpan,
  daysBetween,
  escalationStep,
  heroFirst,
  type Phase,
  phaseResults,
  phasesProblem,
  readinessPlan,
  readinessScore,
} from './campaign.rules';

const d11: Phase[] = [
  { code: 'preheat', name: '预热', from: '2026-10-14', to: '2026-10-19' },
  { code: 'deposit', name: '定金', from: '2026-10-20', to: '2026-10-31' },
  { code: 'peak', name: '爆发', from: '2026-11-01', to: '2026-11-11' },
];

describe('platform events', () => {
  it('has the six big events with valid, ordered phases every year', () => {
    for (const year of [2025, 2026, 2027]) {
      const ev = builtInPlatformEvents(year);
      expect(ev.map((e) => e.code)).toEqual(['nianhuo', 'queen38', '618', '99', 'double11', 'double12']);
      for (const e of ev) {
        expect(phasesProblem(e.phases)).toBeNull();
        expect(e.signUpDeadline < e.phases[0].from).toBe(true);
      }
    }
  });
  it('双11 has pre-heat, deposit and peak ending on 11-11; 年货节 ends before the Spring Festival', () => {
    const e = builtInPlatformEvents(2026).find((x) => x.code === 'double11')!;
    expect(e.phases.map((p) => p.code)).toEqual(['preheat', 'deposit', 'peak']);
    expect(campaignSpan(e.phases)!.to).toBe('2026-11-11');
    const n = builtInPlatformEvents(2026).find((x) => x.code === 'nianhuo')!;
    expect(campaignSpan(n.phases)!.to < '2026-02-17').toBe(true);
  });
  it.each<[string, Phase[], string | null]>([
    ['ok', d11, null],
    ['empty', [], 'phases'],
    ['reversed', [{ code: 'peak', name: '', from: '2026-11-02', to: '2026-11-01' }], 'phases[0].to'],
    ['overlapping', [d11[0], { ...d11[1], from: '2026-10-19' }], 'phases[1].from'],
  ])('phasesProblem %s', (_n, phases, want) => {
    expect(phasesProblem(phases)).toBe(want);
  });
});

describe('readiness plan: due dates relative to the start', () => {
  const plan = readinessPlan({ kind: 'platform', name: '双11', phases: d11, signUpDeadline: '2026-09-20' });
  const due = Object.fromEntries(plan.map((i) => [i.code, i.dueDate]));
  it.each([
    ['signup', '2026-09-20'],
    ['design', '2026-10-04'],
    ['stock', '2026-10-07'],
    ['ads_budget', '2026-10-07'],
    ['cs_shifts', '2026-10-09'],
    ['coupons', '2026-10-11'],
    ['cs_brief', '2026-10-12'],
    ['content', '2026-10-13'],
  ])('%s due %s', (code, date) => {
    expect(due[code]).toBe(date);
  });
  it('store-own activities have no sign-up; the deadline defaults to 21 days before', () => {
    const own = readinessPlan({ kind: 'store', name: '店庆', phases: [d11[2]], signUpDeadline: null });
    expect(own.some((i) => i.code === 'signup')).toBe(false);
    const slot = readinessPlan({
      kind: 'official_slot',
      name: '聚划算',
      phases: [d11[2]],
      signUpDeadline: null,
    });
    expect(slot.find((i) => i.code === 'signup')!.dueDate).toBe('2026-10-11');
  });
  it('moving the phases moves every due date by the same days', () => {
    const shifted = readinessPlan({
      kind: 'platform',
      name: '双11',
      phases: d11.map((p) => ({ ...p, from: addD(p.from, 3), to: addD(p.to, 3) })),
      signUpDeadline: null,
    });
    for (const i of shifted.filter((x) => x.code !== 'signup'))
      expect(daysBetween(due[i.code], i.dueDate)).toBe(3);
  });
  it('the ads budget follows marketing → finance → manager; CS must acknowledge', () => {
    expect(plan.find((i) => i.code === 'ads_budget')!.chain).toEqual(['marketing', 'finance', 'manager']);
    expect(plan.find((i) => i.code === 'cs_brief')!.needsAck).toBe(true);
  });
});

const addD = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('escalation of late items', () => {
  const chain = ['marketing', 'finance', 'manager'];
  it.each([
    ['2026-10-06', 'marketing', 0],
    ['2026-10-07', 'marketing', 0],
    ['2026-10-08', 'finance', 1],
    ['2026-10-09', 'manager', 2],
    ['2026-10-30', 'manager', 2],
  ])('today %s → %s', (today, role, level) => {
    expect(escalationStep(chain, '2026-10-07', today)).toMatchObject({ role, level });
  });
  it('a one-step chain stays with its owner', () => {
    expect(escalationStep(['manager'], '2026-10-07', '2026-10-20').role).toBe('manager');
  });
});

describe('readiness score', () => {
  it.each([
    [[], 0],
    [[{ dueDate: '2026-10-01', done: true }], 100],
    [
      [
        { dueDate: '2026-10-01', done: true },
        { dueDate: '2026-10-30', done: false },
      ],
      50,
    ],
    [
      [
        { dueDate: '2026-10-01', done: true },
        { dueDate: '2026-10-05', done: false },
      ],
      25,
    ],
    [[{ dueDate: '2026-10-05', done: false }], 0],
  ])('%j → %i', (items, score) => {
    expect(readinessScore(items, '2026-10-10').score).toBe(score);
  });
});

describe('results per phase vs baseline and goals', () => {
  const days = [];
  for (let i = 0; i < 60; i++) {
    const date = addD('2026-09-30', i);
    const boost = date >= '2026-11-01' ? 5 : date >= '2026-10-14' ? 2 : 1;
    days.push({ date, gmvFen: 100_000 * boost, orders: 10 * boost, units: 12 * boost, newBuyers: 4 * boost });
  }
  const r = phaseResults(d11, days);
  it('baseline is the 14 days before the first phase, scaled to each phase', () => {
    expect([r.baselineFrom, r.baselineTo]).toEqual(['2026-09-30', '2026-10-13']);
    expect(r.phases[0].baseline.gmvFen).toBe(600_000);
    expect(r.phases[0].actual.gmvFen).toBe(1_200_000);
    expect(r.phases[0].gmvLiftBp).toBe(10_000);
    expect(r.phases[2].gmvLiftBp).toBe(40_000);
    expect(r.total.actual.days).toBe(29);
  });
  it('attainment', () => {
    expect(attainment(r.total.actual.gmvFen, 10_000_000)).toBe(
      Math.round((r.total.actual.gmvFen * 10_000) / 10_000_000),
    );
    expect(attainment(5, null)).toBeNull();
  });
  it('hero products first', () => {
    expect(heroFirst(['a', 'b', 'c', 'b'], new Set(['c']))).toEqual(['c', 'a', 'b']);
  });
});
