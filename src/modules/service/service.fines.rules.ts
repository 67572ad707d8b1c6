/**
 * The rule book of fines (DOMAIN.md §5) as data: store-editable, versioned by effective date,
 * checked at save, evaluated per person per month with the evidence of every fine.
 */

export type FineRule =
  /** Late up to `maxMinutes`: `freePerMonth` free, then `fen` each. */
  | { code: 'late_minor'; maxMinutes: number; freePerMonth: number; fen: number }
  /** Late more than `overMinutes`: `fen` each. */
  | { code: 'late_major'; overMinutes: number; fen: number }
  /** On duty but offline without leave: `fen` per day. */
  | { code: 'offline_on_duty'; fen: number }
  /** First response slower than `overSeconds` more than `freePerMonth` times: `fen` once a month. */
  | { code: 'slow_first_response'; overSeconds: number; freePerMonth: number; fen: number }
  /** A question unanswered: the highest tier reached, per question (30 min ¥100, 2 h ¥200). */
  | { code: 'unanswered_question'; tiers: { minutes: number; fen: number }[] }
  /** Online but away (空挂) at least `minMinutes`: `fen` each time. */
  | { code: 'idle_online'; minMinutes: number; fen: number }
  /** A bad review caused by CS and not changed to good: `fen` each. */
  | { code: 'bad_review'; fen: number };

export type FineCode = FineRule['code'];
export const FINE_CODES: FineCode[] = [
  'late_minor',
  'late_major',
  'offline_on_duty',
  'slow_first_response',
  'unanswered_question',
  'idle_online',
  'bad_review',
];

/** DOMAIN.md §5 defaults (amounts in fen). */
export const DEFAULT_FINE_RULES: FineRule[] = [
  { code: 'late_minor', maxMinutes: 10, freePerMonth: 2, fen: 2000 },
  { code: 'late_major', overMinutes: 10, fen: 2000 },
  { code: 'offline_on_duty', fen: 20_000 },
  { code: 'slow_first_response', overSeconds: 120, freePerMonth: 3, fen: 5000 },
  {
    code: 'unanswered_question',
    tiers: [
      { minutes: 30, fen: 10_000 },
      { minutes: 120, fen: 20_000 },
    ],
  },
  { code: 'idle_online', minMinutes: 120, fen: 20_000 },
  { code: 'bad_review', fen: 10_000 },
];

export type RuleProblem = { code: string; field: string; params: Record<string, string | number> };

const nonNegInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks a rule book before it is saved. Returns the problems (empty = fine): a rule given twice
 * (overlap), the two lateness rules not meeting at the same minute (a gap or an overlap), tiers not
 * strictly rising in time or falling in amount (contradictory), negative amounts or counts.
 */
export function checkFineRules(rules: FineRule[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!FINE_CODES.includes(r.code))
      out.push({ code: 'service.fine_unknown', field: `rules[${i}].code`, params: { rule: String(r.code) } });
    if (seen.has(r.code))
      out.push({
        code: 'service.fine_duplicate',
        field: `rules[${i}].code`,
        params: { rule: r.code, first: seen.get(r.code)! },
      });
    else seen.set(r.code, i);
    for (const [k, v] of Object.entries(r)) {
      if (k === 'code' || k === 'tiers') continue;
      if (!nonNegInt(v))
        out.push({
          code: 'service.fine_bad_number',
          field: `rules[${i}].${k}`,
          params: { rule: r.code, field: k },
        });
    }
    if (r.code === 'unanswered_question') {
      if (r.tiers.length === 0)
        out.push({ code: 'service.fine_no_tiers', field: `rules[${i}].tiers`, params: { rule: r.code } });
      r.tiers.forEach((t, j) => {
        if (!nonNegInt(t.minutes) || !nonNegInt(t.fen) || t.minutes === 0)
          out.push({
            code: 'service.fine_bad_number',
            field: `rules[${i}].tiers[${j}]`,
            params: { rule: r.code, field: 'tiers' },
          });
        const prev = r.tiers[j - 1];
        if (prev && (t.minutes <= prev.minutes || t.fen < prev.fen))
          out.push({
            code: 'service.fine_tiers_order',
            field: `rules[${i}].tiers[${j}]`,
            params: { rule: r.code, minutes: t.minutes, previous: prev.minutes },
          });
      });
    }
  });
  const minor = rules.find((r) => r.code === 'late_minor') as
    | Extract<FineRule, { code: 'late_minor' }>
    | undefined;
  const major = rules.find((r) => r.code === 'late_major') as
    | Extract<FineRule, { code: 'late_major' }>
    | undefined;
  if (minor && major && minor.maxMinutes !== major.overMinutes) {
    out.push({
      code: minor.maxMinutes < major.overMinutes ? 'service.fine_late_gap' : 'service.fine_late_overlap',
      field: 'late_major.overMinutes',
      params: { minor: minor.maxMinutes, major: major.overMinutes },
    });
  }
  return out;
}

export type RuleBookVersion = { effectiveFrom: string; rules: FineRule[] };

/** The version in force on a date: the latest effective on or before it. */
export function ruleBookOn(versions: RuleBookVersion[], date: string): RuleBookVersion | null {
  let best: RuleBookVersion | null = null;
  for (const v of versions)
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}

// ------------------------------------------------------------------ evaluation

/** One day of one person's attendance (from the attendance sheet, clock-ins or logins). */
export type AttendanceDay = {
  date: string;
  /** Minutes late at the shift start; 0 or null = on time. */
  lateMinutes: number | null;
  onLeave: boolean;
  /** Rostered but never online (and not on leave). */
  offline: boolean;
  /** Online-but-away stretches, minutes each. */
  idleMinutes: number[];
};

export type MonthFacts = {
  attendance: AttendanceDay[];
  slowResponses: { sessionId: string; date: string; seconds: number }[];
  longWaits: { sessionId: string; date: string; minutes: number }[];
  badReviews: { orderId: string; date: string }[];
};

export type Evidence = {
  kind: 'day' | 'session' | 'order';
  id: string;
  date: string;
  detail: string;
  fen: number;
};
export type Fine = { code: FineCode; count: number; fen: number; evidence: Evidence[] };

/** A month's fines for one person. Every fine lists what caused it; free allowances show as ¥0 lines. */
export function evaluateFines(rules: FineRule[], m: MonthFacts): Fine[] {
  const out: Fine[] = [];
  const byDate = <T extends { date: string }>(l: T[]) => [...l].sort((a, b) => a.date.localeCompare(b.date));
  const attendance = byDate(m.attendance).filter((d) => !d.onLeave);
  for (const r of rules) {
    const ev: Evidence[] = [];
    switch (r.code) {
      case 'late_minor': {
        let n = 0;
        for (const d of attendance) {
          if (!d.lateMinutes || d.lateMinutes <= 0 || d.lateMinutes > r.maxMinutes) continue;
          n++;
          ev.push({
            kind: 'day',
            id: d.date,
            date: d.date,
            detail: `late ${d.lateMinutes} min (#${n})`,
            fen: n > r.freePerMonth ? r.fen : 0,
          });
        }
        break;
      }
      case 'late_major':
        for (const d of attendance)
          if (d.lateMinutes && d.lateMinutes > r.overMinutes)
            ev.push({
              kind: 'day',
              id: d.date,
              date: d.date,
              detail: `late ${d.lateMinutes} min`,
              fen: r.fen,
            });
        break;
      case 'offline_on_duty':
        for (const d of attendance)
          if (d.offline)
            ev.push({ kind: 'day', id: d.date, date: d.date, detail: 'offline on duty', fen: r.fen });
        break;
      case 'slow_first_response': {
        const slow = byDate(m.slowResponses).filter((s) => s.seconds > r.overSeconds);
        slow.forEach((s, i) => {
          ev.push({
            kind: 'session',
            id: s.sessionId,
            date: s.date,
            detail: `first response ${Math.round(s.seconds)} s (#${i + 1})`,
            // One fine for the month, booked on the occurrence that crossed the allowance.
            fen: i === r.freePerMonth ? r.fen : 0,
          });
        });
        break;
      }
      case 'unanswered_question':
        for (const w of byDate(m.longWaits)) {
          let fen = 0;
          let tier = 0;
          for (const t of r.tiers) if (w.minutes >= t.minutes) ({ fen, minutes: tier } = t);
          if (fen > 0 || tier > 0)
            ev.push({
              kind: 'session',
              id: w.sessionId,
              date: w.date,
              detail: `waited ${Math.floor(w.minutes)} min (≥ ${tier})`,
              fen,
            });
        }
        break;
      case 'idle_online':
        for (const d of attendance)
          for (const mins of d.idleMinutes)
            if (mins >= r.minMinutes)
              ev.push({ kind: 'day', id: d.date, date: d.date, detail: `away ${mins} min`, fen: r.fen });
        break;
      case 'bad_review':
        for (const b of byDate(m.badReviews))
          ev.push({ kind: 'order', id: b.orderId, date: b.date, detail: 'bad review', fen: r.fen });
        break;
    }
    if (ev.length === 0) continue;
    out.push({ code: r.code, count: ev.length, fen: ev.reduce((s, e) => s + e.fen, 0), evidence: ev });
  }
  return out;
}

// ------------------------------------------------------------------ attendance from the chat log

/**
 * What the chat log says about one rostered agent-day (no login data exists yet):
 * - offline on duty: buyers wrote to the agent during the shift and the agent never replied;
 * - online but away (空挂): stretches of at least `minIdleMinutes` without a human reply while
 *   buyer messages to the agent kept arriving unanswered (the account was online — buyers were
 *   routed to it — but nobody was at the desk). A stretch runs from the first unanswered buyer
 *   message to the next human reply (or the shift end).
 * Times are epoch ms, sorted; `shift` is the rostered shift's [start, end).
 */
export function attendanceFromChats(
  buyerMessages: number[],
  replies: number[],
  shift: { start: number; end: number },
  minIdleMinutes: number,
): { offline: boolean; idleMinutes: number[] } {
  const inShift = (t: number) => t >= shift.start && t < shift.end;
  const asks = buyerMessages.filter(inShift);
  const answers = replies.filter((t) => t >= shift.start && t < shift.end + 2 * 3_600_000);
  if (asks.length === 0) return { offline: false, idleMinutes: [] };
  if (answers.length === 0) return { offline: true, idleMinutes: [] };
  const idle: number[] = [];
  let j = 0;
  let i = 0;
  while (i < asks.length) {
    const ask = asks[i]!;
    while (j < answers.length && answers[j]! < ask) j++;
    const until = j < answers.length ? Math.min(answers[j]!, shift.end) : shift.end;
    const minutes = Math.floor((until - ask) / 60_000);
    if (minutes >= minIdleMinutes) idle.push(minutes);
    // Skip the asks this reply (or the shift end) closes; always move on.
    i++;
    while (i < asks.length && asks[i]! <= until) i++;
    if (until === shift.end) break;
  }
  return { offline: false, idleMinutes: idle };
}
