/** The manager / operations daily rhythm of DOMAIN.md §2 (defaults; the work module will make them store settings). */

export type RhythmBlockKey =
  | 'designHandover'
  | 'dataDiagnosis'
  | 'storeFoundation'
  | 'promotion'
  | 'activities'
  | 'content'
  | 'csCheck'
  | 'products'
  | 'adsRecheck'
  | 'communication';

export type RhythmBlock = {
  key: RhythmBlockKey;
  /** Minutes since midnight, store time. `null` start = "before <end>". */
  start: number | null;
  end: number;
};

const hm = (h: number, m = 0) => h * 60 + m;

export const MANAGER_RHYTHM: RhythmBlock[] = [
  { key: 'designHandover', start: null, end: hm(8, 30) },
  { key: 'dataDiagnosis', start: hm(8, 30), end: hm(10, 30) },
  { key: 'storeFoundation', start: hm(10, 30), end: hm(11) },
  { key: 'promotion', start: hm(11), end: hm(12) },
  { key: 'activities', start: hm(13, 30), end: hm(14) },
  { key: 'content', start: hm(14), end: hm(14, 30) },
  { key: 'csCheck', start: hm(14, 30), end: hm(15, 30) },
  { key: 'products', start: hm(15, 30), end: hm(16, 30) },
  { key: 'adsRecheck', start: hm(16, 30), end: hm(17) },
  { key: 'communication', start: hm(17), end: hm(17, 30) },
];

/** Roles whose day follows this rhythm. */
export const RHYTHM_ROLES = new Set(['owner', 'manager', 'ops_assistant']);

export const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export type RhythmState = { current: RhythmBlock | null; next: RhythmBlock | null; over: boolean };

/** Where `minutes` (since midnight) falls in the rhythm. */
export function rhythmAt(blocks: RhythmBlock[], minutes: number): RhythmState {
  const current = blocks.find((b) => (b.start ?? 0) <= minutes && minutes < b.end) ?? null;
  const next = blocks.find((b) => (b.start ?? 0) > minutes) ?? null;
  return { current, next, over: !current && !next };
}
