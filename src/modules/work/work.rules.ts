/** Task vocabulary and the pure rules about tasks. */

export const TASK_STATUSES = ['open', 'doing', 'waiting', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const CLOSED_STATUSES: ReadonlySet<TaskStatus> = new Set(['done', 'cancelled']);

export const isClosed = (status: string): boolean => CLOSED_STATUSES.has(status as TaskStatus);

/** Overdue: still open in any form and its due time has passed. */
export function isOverdue(task: { status: string; dueAt: Date | null }, now: Date): boolean {
  return !isClosed(task.status) && task.dueAt !== null && task.dueAt.getTime() < now.getTime();
}

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * The order a person works a queue in: overdue first, then by priority, then by due time
 * (no due time last), then oldest first.
 */
export function compareTasksForQueue(
  a: { status: string; dueAt: Date | null; priority: string; createdAt: Date },
  b: { status: string; dueAt: Date | null; priority: string; createdAt: Date },
  now: Date,
): number {
  const ao = isOverdue(a, now) ? 0 : 1;
  const bo = isOverdue(b, now) ? 0 : 1;
  if (ao !== bo) return ao - bo;
  const ap = PRIORITY_RANK[a.priority as TaskPriority] ?? 2;
  const bp = PRIORITY_RANK[b.priority as TaskPriority] ?? 2;
  if (ap !== bp) return ap - bp;
  const ad = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bd = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ad !== bd) return ad - bd;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

/** Allowed status moves: anything open may move anywhere; a closed task may only be reopened. */
export function canMoveStatus(from: string, to: string): boolean {
  if (from === to) return false;
  if (isClosed(from)) return to === 'open';
  return (TASK_STATUSES as readonly string[]).includes(to);
}

// ---- time of day ------------------------------------------------------------------------

/** 'HH:mm' → minutes since midnight (00:00–24:00), or null for an impossible time. */
export function parseHm(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return null;
  return h * 60 + mi;
}

export const hm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ISO weekday of a yyyy-MM-dd date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole days from a to b (yyyy-MM-dd, calendar arithmetic). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

// ---- routines (DOMAIN.md §2) --------------------------------------------------------------

/**
 * How often a routine item comes back. `monthly` with `dayTo` is a window (finance's supplier
 * settlement on the 11th–15th); a day past the month's end falls on its last day.
 */
export type Frequency =
  | { kind: 'daily' }
  | { kind: 'every_n_days'; n: number; anchor: string }
  | { kind: 'weekly'; weekday: number }
  | { kind: 'monthly'; day: number; dayTo?: number }
  | { kind: 'quarterly'; day: number }
  | { kind: 'yearly'; month: number; day: number };

export const FREQUENCY_KINDS = ['daily', 'every_n_days', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;

/** Is an item of this frequency on the checklist of business date `date`? */
export function isDueOn(freq: Frequency, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = daysInMonth(y, m);
  const dayOf = (n: number) => Math.min(n, last);
  switch (freq.kind) {
    case 'daily':
      return true;
    case 'every_n_days': {
      const diff = daysBetween(freq.anchor, date);
      return diff >= 0 && diff % freq.n === 0;
    }
    case 'weekly':
      return isoWeekday(date) === freq.weekday;
    case 'monthly':
      return d >= dayOf(freq.day) && d <= dayOf(freq.dayTo ?? freq.day);
    case 'quarterly':
      return m % 3 === 1 && d === dayOf(freq.day);
    case 'yearly':
      return m === freq.month && d === Math.min(freq.day, daysInMonth(y, freq.month));
  }
}

export type RoutineItemInput = {
  role: string;
  title: string;
  /** Time block in the store's zone; `start` null = "before the day starts" (design handover). */
  start: string | null;
  end: string;
  frequency: Frequency;
};

export type FieldError = { field: string; code: string; message: string };

/** Checks one routine item; every problem names its field. Empty = valid. */
export function validateRoutineItem(item: RoutineItemInput, roles: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (!roles.includes(item.role))
    errs.push({ field: 'role', code: 'work.unknown_role', message: 'Unknown role' });
  if (!item.title?.trim())
    errs.push({ field: 'title', code: 'work.title_required', message: 'Title required' });
  const end = parseHm(item.end);
  const start = item.start === null ? null : parseHm(item.start);
  if (item.start !== null && start === null)
    errs.push({ field: 'start', code: 'work.bad_time', message: `Impossible time: ${item.start}` });
  if (end === null)
    errs.push({ field: 'end', code: 'work.bad_time', message: `Impossible time: ${item.end}` });
  else if (start !== null && end <= start)
    errs.push({ field: 'end', code: 'work.end_before_start', message: 'The block ends before it starts' });
  const f = item.frequency as Frequency | undefined;
  const int = (v: unknown, lo: number, hi: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  const bad = (field: string) =>
    errs.push({ field: `frequency.${field}`, code: 'work.bad_frequency', message: `Bad frequency ${field}` });
  if (!f || !(FREQUENCY_KINDS as readonly string[]).includes(f.kind)) bad('kind');
  else if (f.kind === 'every_n_days') {
    if (!int(f.n, 3, 7)) bad('n');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.anchor ?? '')) bad('anchor');
  } else if (f.kind === 'weekly') {
    if (!int(f.weekday, 1, 7)) bad('weekday');
  } else if (f.kind === 'monthly') {
    if (!int(f.day, 1, 31)) bad('day');
    if (f.dayTo !== undefined && (!int(f.dayTo, 1, 31) || f.dayTo < f.day)) bad('dayTo');
  } else if (f.kind === 'quarterly') {
    if (!int(f.day, 1, 31)) bad('day');
  } else if (f.kind === 'yearly') {
    if (!int(f.month, 1, 12)) bad('month');
    if (!int(f.day, 1, 31)) bad('day');
  }
  return errs;
}

/** The block that is on now, and the next one, of a day's sorted blocks (minutes since midnight). */
export function nowAndNext<T extends { start: number | null; end: number }>(
  blocks: T[],
  minutes: number,
): { now: T | null; next: T | null } {
  const sorted = [...blocks].sort((a, b) => (a.start ?? -1) - (b.start ?? -1) || a.end - b.end);
  const now = sorted.find((b) => (b.start ?? 0) <= minutes && minutes < b.end) ?? null;
  const next = sorted.find((b) => (b.start ?? 0) > minutes) ?? null;
  return { now, next };
}

// ---- working hours and escalation timing (DOMAIN.md §3, §5) -------------------------------

/** A store's working windows per day, local time; default the CS day shift 08:30–17:30. */
export type WorkingHours = {
  windows: { start: string; end: string }[];
  /** ISO weekdays that are working days (1 = Monday); default every day (shops open daily). */
  weekdays?: number[];
};
export const DEFAULT_WORKING_HOURS: WorkingHours = { windows: [{ start: '08:30', end: '17:30' }] };

/**
 * The instant `minutes` of working time after `from`. Time outside the windows does not count:
 * a step that starts 17:20 with 60 min allowed, day ends 17:30 and resumes 08:30 → 09:20 next day.
 * `zoned(date, 'HH:mm')` turns a local wall time into an instant (the store's zone).
 */
export function addWorkingMinutes(
  from: Date,
  minutes: number,
  hours: WorkingHours,
  localDate: (d: Date) => string,
  zoned: (date: string, time: string) => Date,
  addDaysFn: (date: string, n: number) => string,
): Date {
  let remaining = minutes * 60_000;
  let cursor = from.getTime();
  let date = localDate(from);
  const windows = hours.windows
    .map((w) => ({ start: w.start, end: w.end === '24:00' ? null : w.end }))
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let guard = 0; guard < 3660; guard++) {
    const workday = !hours.weekdays || hours.weekdays.includes(isoWeekday(date));
    if (workday) {
      for (const w of windows) {
        const ws = zoned(date, w.start).getTime();
        const we =
          w.end === null ? zoned(addDaysFn(date, 1), '00:00').getTime() : zoned(date, w.end).getTime();
        if (cursor >= we) continue;
        if (cursor < ws) cursor = ws;
        const left = we - cursor;
        if (remaining <= left) return new Date(cursor + remaining);
        remaining -= left;
        cursor = we;
      }
    }
    date = addDaysFn(date, 1);
  }
  throw new Error('no working time in ten years');
}

/** Working hours must be well-formed: impossible times, empty or overlapping windows are rejected. */
export function validateWorkingHours(h: WorkingHours): FieldError[] {
  const errs: FieldError[] = [];
  if (!h.windows?.length) errs.push({ field: 'windows', code: 'work.bad_time', message: 'No window' });
  let lastEnd = -1;
  const sorted = [...(h.windows ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  sorted.forEach((w, i) => {
    const s = parseHm(w.start);
    const e = parseHm(w.end);
    if (s === null)
      errs.push({ field: `windows.${i}.start`, code: 'work.bad_time', message: 'Impossible time' });
    if (e === null)
      errs.push({ field: `windows.${i}.end`, code: 'work.bad_time', message: 'Impossible time' });
    if (s !== null && e !== null) {
      if (e <= s)
        errs.push({ field: `windows.${i}.end`, code: 'work.end_before_start', message: 'Ends first' });
      if (s < lastEnd)
        errs.push({ field: `windows.${i}.start`, code: 'work.windows_overlap', message: 'Overlap' });
      lastEnd = e;
    }
  });
  if (
    h.weekdays &&
    (h.weekdays.length === 0 || h.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
  )
    errs.push({ field: 'weekdays', code: 'work.bad_weekday', message: 'Weekdays are 1–7' });
  return errs;
}

/**
 * Escalation chain step targets: a group (its leader, else anyone holding the group's roles) or
 * the store manager. DOMAIN.md §3: "marketing leader → manager", "CS group → marketing group → manager".
 */
export const CHAIN_TARGETS = [
  'cs',
  'warehouse',
  'design',
  'marketing',
  'finance',
  'analysis',
  'operations',
  'manager',
] as const;
export type ChainTarget = (typeof CHAIN_TARGETS)[number];
export const TARGET_ROLES: Record<ChainTarget, string[]> = {
  cs: ['cs_presale', 'cs_aftersale'],
  warehouse: ['warehouse'],
  design: ['designer'],
  marketing: ['marketing'],
  finance: ['finance'],
  analysis: ['analyst'],
  operations: ['ops_assistant'],
  manager: ['manager'],
};

export type ChainStep = { target: ChainTarget; hours: number };
export type ChainInput = { key: string; group: string; name: string; condition: string; steps: ChainStep[] };

/**
 * Save-time checks of a chain: a target that comes back (a loop), a step after the manager, a
 * target nobody in the store can take (no leader and nobody holding its roles), bad hours.
 * `heldTargets` = targets someone in the store can take. The manager always ends the chain: when
 * missing it is appended (with the last step's hours) by `normaliseChain`.
 */
export function validateChain(chain: ChainInput, heldTargets: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!chain.name?.trim())
    errs.push({ field: 'name', code: 'work.title_required', message: 'Name required' });
  if (!chain.steps?.length)
    errs.push({ field: 'steps', code: 'work.chain_empty', message: 'A chain needs a step' });
  const seen = new Set<string>();
  (chain.steps ?? []).forEach((s, i) => {
    if (!(CHAIN_TARGETS as readonly string[]).includes(s.target)) {
      errs.push({
        field: `steps.${i}.target`,
        code: 'work.chain_bad_target',
        message: `Unknown target ${s.target}`,
      });
      return;
    }
    if (seen.has(s.target))
      errs.push({
        field: `steps.${i}.target`,
        code: 'work.chain_loop',
        message: `${s.target} comes back: a loop`,
      });
    else if (seen.has('manager'))
      errs.push({
        field: `steps.${i}.target`,
        code: 'work.chain_after_manager',
        message: 'The manager is the last step',
      });
    seen.add(s.target);
    if (!heldTargets.has(s.target))
      errs.push({
        field: `steps.${i}.target`,
        code: 'work.chain_role_unheld',
        message: `Nobody holds ${s.target}`,
      });
    if (!(typeof s.hours === 'number' && s.hours > 0 && s.hours <= 240))
      errs.push({ field: `steps.${i}.hours`, code: 'work.chain_bad_hours', message: 'Hours must be 0–240' });
  });
  return errs;
}

export function normaliseChain(steps: ChainStep[]): ChainStep[] {
  if (
    steps.length &&
    steps[steps.length - 1]!.target !== 'manager' &&
    !steps.some((s) => s.target === 'manager')
  )
    return [...steps, { target: 'manager', hours: steps[steps.length - 1]!.hours }];
  return steps;
}

/** DOMAIN.md §3 as default chains (hours per step are the store's to change). */
export const DEFAULT_CHAINS: ChainInput[] = [
  {
    key: 'cs_overloaded',
    group: 'cs',
    name: '客服忙不过来',
    condition: '在岗客服接待不过来咨询量',
    steps: [
      { target: 'marketing', hours: 1 },
      { target: 'manager', hours: 1 },
    ],
  },
  {
    key: 'aftersale_claim',
    group: 'cs',
    name: '售后索赔超出规定',
    condition: '索赔超出公司规定或没有规定',
    steps: [{ target: 'manager', hours: 2 }],
  },
  {
    key: 'bookkeeping_overload',
    group: 'finance',
    name: '记账忙不过来',
    condition: '销量激增，账目跟不上',
    steps: [
      { target: 'analysis', hours: 4 },
      { target: 'manager', hours: 4 },
    ],
  },
  {
    key: 'stock_count_unclear',
    group: 'warehouse',
    name: '盘点不清',
    condition: '货量太大，现有人手盘不过来',
    steps: [
      { target: 'cs', hours: 2 },
      { target: 'marketing', hours: 2 },
      { target: 'manager', hours: 2 },
    ],
  },
  {
    key: 'too_many_photos',
    group: 'design',
    name: '拍照太多',
    condition: '新品来不及拍摄',
    steps: [
      { target: 'cs', hours: 4 },
      { target: 'marketing', hours: 4 },
      { target: 'manager', hours: 4 },
    ],
  },
  {
    key: 'too_many_listings',
    group: 'design',
    name: '上架太多',
    condition: '新品来不及上架',
    steps: [
      { target: 'cs', hours: 4 },
      { target: 'marketing', hours: 4 },
      { target: 'manager', hours: 4 },
    ],
  },
  {
    key: 'promotion_spending',
    group: 'marketing',
    name: '推广需要资金',
    condition: '付费推广需要资金',
    steps: [
      { target: 'finance', hours: 4 },
      { target: 'manager', hours: 4 },
    ],
  },
  {
    key: 'data_collection',
    group: 'analysis',
    name: '数据收集困难',
    condition: '其他小组不能提供所需数据',
    steps: [{ target: 'manager', hours: 4 }],
  },
  {
    key: 'general',
    group: 'operations',
    name: '其他困难',
    condition: '任务遇到困难，需要上级帮助',
    steps: [{ target: 'manager', hours: 1 }],
  },
];

/** The chain's step a difficulty raised by someone should start at: skip steps the raiser themself is. */
export function firstStepFor(steps: ChainStep[], raiserTargets: ReadonlySet<string>): number {
  const i = steps.findIndex((s) => !raiserTargets.has(s.target));
  return i < 0 ? steps.length - 1 : i;
}

// ---- handovers (DOMAIN.md §2, §5) ---------------------------------------------------------

export const HANDOVER_KINDS = [
  'shift_day_night',
  'shift_night_day',
  'assistant_manager',
  'manager_assistant',
  'ops_designer',
  'designer_ops',
  'general',
] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

/** Who receives a handover of a kind when no person is named. */
export const HANDOVER_DEFAULT_ROLE: Record<HandoverKind, string | null> = {
  shift_day_night: 'cs_presale',
  shift_night_day: 'cs_presale',
  assistant_manager: 'manager',
  manager_assistant: 'ops_assistant',
  ops_designer: 'designer',
  designer_ops: 'ops_assistant',
  general: null,
};

// ---- design requests (美工需求) ------------------------------------------------------------

export const DESIGN_KINDS = ['main_picture', 'detail_page', 'poster', 'photo_shoot', 'banner'] as const;
export const DESIGN_STATUSES = ['requested', 'accepted', 'in_progress', 'delivered', 'cancelled'] as const;
export type DesignStatus = (typeof DESIGN_STATUSES)[number];
const DESIGN_MOVES: Record<DesignStatus, DesignStatus[]> = {
  requested: ['accepted', 'in_progress', 'cancelled'],
  accepted: ['in_progress', 'delivered', 'cancelled'],
  in_progress: ['delivered', 'cancelled'],
  delivered: ['in_progress'],
  cancelled: ['requested'],
};
export const canMoveDesign = (from: string, to: string): boolean =>
  (DESIGN_MOVES[from as DesignStatus] ?? []).includes(to as DesignStatus);
