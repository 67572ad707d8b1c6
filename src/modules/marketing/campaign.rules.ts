import { addDays } from '../../core/time';
import { median } from './ads.rules';

/**
 * The campaign calendar and the readiness checklist (pure). Dates are business dates
 * (yyyy-MM-dd, the store's zone); phases are inclusive ranges.
 */

export const CAMPAIGN_KINDS = ['platform', 'official_slot', 'store', 'live_stream', 'group_buy'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const PHASE_CODES = ['preheat', 'deposit', 'peak', 'main', 'return'] as const;
export type PhaseCode = (typeof PHASE_CODES)[number];
export type Phase = { code: PhaseCode; name: string; from: string; to: string };

export const PLATFORM_EVENT_CODES = ['nianhuo', 'queen38', '618', '99', 'double11', 'double12'] as const;
export type PlatformEventCode = (typeof PLATFORM_EVENT_CODES)[number];

export type PlatformEvent = {
  code: PlatformEventCode;
  year: number;
  name: string;
  phases: Phase[];
  /** Last day to sign up (报名截止). */
  signUpDeadline: string;
};

/** 春节 (Spring Festival) dates: 年货节 moves with it. */
const SPRING_FESTIVAL: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

const PHASE_NAMES: Record<PhaseCode, string> = {
  preheat: '预热',
  deposit: '定金',
  peak: '爆发',
  main: '正式',
  return: '返场',
};

const ph = (code: PhaseCode, from: string, to: string): Phase => ({
  code,
  name: PHASE_NAMES[code],
  from,
  to,
});

/**
 * The platform's big events of a year as Tmall usually runs them. The dates move a little each
 * year: the store edits them per year (the table keeps the edited copy); these are the defaults.
 */
export function builtInPlatformEvents(year: number): PlatformEvent[] {
  const y = (md: string) => `${year}-${md}`;
  const sf = SPRING_FESTIVAL[year] ?? y('02-01');
  const events: Omit<PlatformEvent, 'signUpDeadline'>[] = [
    {
      code: 'nianhuo',
      year,
      name: '年货节',
      phases: [
        ph('preheat', addDays(sf, -28), addDays(sf, -25)),
        ph('peak', addDays(sf, -24), addDays(sf, -10)),
      ],
    },
    {
      code: 'queen38',
      year,
      name: '38 女王节',
      phases: [ph('preheat', y('03-01'), y('03-03')), ph('peak', y('03-04'), y('03-08'))],
    },
    {
      code: '618',
      year,
      name: '618',
      phases: [
        ph('preheat', y('05-13'), y('05-19')),
        ph('deposit', y('05-20'), y('05-31')),
        ph('peak', y('06-01'), y('06-18')),
      ],
    },
    {
      code: '99',
      year,
      name: '99 大促',
      phases: [ph('preheat', y('09-01'), y('09-05')), ph('peak', y('09-06'), y('09-09'))],
    },
    {
      code: 'double11',
      year,
      name: '双11',
      phases: [
        ph('preheat', y('10-14'), y('10-19')),
        ph('deposit', y('10-20'), y('10-31')),
        ph('peak', y('11-01'), y('11-11')),
      ],
    },
    {
      code: 'double12',
      year,
      name: '双12',
      phases: [ph('preheat', y('12-01'), y('12-07')), ph('peak', y('12-08'), y('12-12'))],
    },
  ];
  return events.map((e) => ({ ...e, signUpDeadline: addDays(e.phases[0].from, -21) }));
}

export function campaignSpan(phases: Phase[]): { from: string; to: string } | null {
  if (phases.length === 0) return null;
  let from = phases[0].from;
  let to = phases[0].to;
  for (const p of phases) {
    if (p.from < from) from = p.from;
    if (p.to > to) to = p.to;
  }
  return { from, to };
}

/** A phase list's own problem (field), or null: each from ≤ to, ordered, not overlapping. */
export function phasesProblem(phases: Phase[]): string | null {
  if (phases.length === 0) return 'phases';
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i];
    if (!(p.from <= p.to)) return `phases[${i}].to`;
    if (i > 0 && p.from <= phases[i - 1].to) return `phases[${i}].from`;
  }
  return null;
}

export function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** Hero products first, otherwise in the order given (no duplicates). */
export function heroFirst(productIds: string[], heroes: Set<string>): string[] {
  const unique = [...new Set(productIds)];
  return [...unique.filter((p) => heroes.has(p)), ...unique.filter((p) => !heroes.has(p))];
}

// ── Readiness ──────────────────────────────────────────────────────────────────────────────

export const CHECKLIST_CODES = [
  'signup',
  'design',
  'stock',
  'coupons',
  'ads_budget',
  'cs_brief',
  'cs_shifts',
  'content',
] as const;
export type ChecklistCode = (typeof CHECKLIST_CODES)[number];

export type ReadinessSettings = {
  /** Design requests (posters, main pictures) are ordered this many days before the start. */
  designLeadDays: number;
  stockLeadDays: number;
  couponLeadDays: number;
  adsBudgetLeadDays: number;
  csBriefLeadDays: number;
  csShiftLeadDays: number;
  /** Sign-up deadline when the campaign has none: this many days before the start. */
  signUpLeadDays: number;
};

export const DEFAULT_READINESS: ReadinessSettings = {
  designLeadDays: 10,
  stockLeadDays: 7,
  couponLeadDays: 3,
  adsBudgetLeadDays: 7,
  csBriefLeadDays: 2,
  csShiftLeadDays: 5,
  signUpLeadDays: 21,
};

export type ChecklistItemPlan = {
  code: ChecklistCode;
  title: string;
  /** The role that does it, then who it goes to when late (DOMAIN.md §3). */
  chain: string[];
  dueDate: string;
  /** The item needs an explicit acknowledgement (CS briefed). */
  needsAck: boolean;
};

/**
 * The checklist of a campaign, due dates relative to its first phase (the start; the preheat
 * when there is one). Platform events and official slots need a sign-up; store-own activities,
 * live streams and group buys do not. The ads budget follows the spending chain of DOMAIN.md §3
 * (marketing asks → finance approves → manager).
 */
export function readinessPlan(
  c: { kind: CampaignKind; name: string; phases: Phase[]; signUpDeadline: string | null },
  s: ReadinessSettings = DEFAULT_READINESS,
): ChecklistItemPlan[] {
  const span = campaignSpan(c.phases);
  if (!span) return [];
  const start = span.from;
  const before = (n: number) => addDays(start, -n);
  const items: ChecklistItemPlan[] = [];
  if (c.kind === 'platform' || c.kind === 'official_slot') {
    items.push({
      code: 'signup',
      title: `${c.name}：活动报名`,
      chain: ['marketing', 'manager'],
      dueDate: c.signUpDeadline ?? before(s.signUpLeadDays),
      needsAck: false,
    });
  }
  items.push(
    {
      code: 'design',
      title: `${c.name}：设计需求（海报、主图）`,
      chain: ['designer', 'marketing', 'manager'],
      dueDate: before(s.designLeadDays),
      needsAck: false,
    },
    {
      code: 'stock',
      title: `${c.name}：对照预测核对库存`,
      chain: ['warehouse', 'manager'],
      dueDate: before(s.stockLeadDays),
      needsAck: false,
    },
    {
      code: 'ads_budget',
      title: `${c.name}：推广预算审批`,
      chain: ['marketing', 'finance', 'manager'],
      dueDate: before(s.adsBudgetLeadDays),
      needsAck: false,
    },
    {
      code: 'cs_shifts',
      title: `${c.name}：客服加班排班`,
      chain: ['manager'],
      dueDate: before(s.csShiftLeadDays),
      needsAck: false,
    },
    {
      code: 'coupons',
      title: `${c.name}：优惠券配置与价格底线检查`,
      chain: ['marketing', 'manager'],
      dueDate: before(s.couponLeadDays),
      needsAck: false,
    },
    {
      code: 'cs_brief',
      title: `${c.name}：客服活动培训（需确认已知悉）`,
      chain: ['cs_presale', 'manager'],
      dueDate: before(s.csBriefLeadDays),
      needsAck: true,
    },
    {
      code: 'content',
      title: `${c.name}：活动预告内容（微淘/逛逛）`,
      chain: ['ops_assistant', 'marketing', 'manager'],
      dueDate: before(1),
      needsAck: false,
    },
  );
  // Never due before the campaign exists in practice: clamp nothing, order by due date.
  return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.code.localeCompare(b.code));
}

/**
 * Who holds a late item: one step along its chain per `stepDays` days late (the owner until the
 * due date passes; the last in the chain — the manager — keeps it).
 */
export function escalationStep(
  chain: string[],
  dueDate: string,
  today: string,
  stepDays = 1,
): { role: string; level: number; daysLate: number } {
  const daysLate = Math.max(0, daysBetween(dueDate, today));
  const level = daysLate <= 0 ? 0 : Math.min(chain.length - 1, Math.ceil(daysLate / stepDays));
  return { role: chain[level], level, daysLate };
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export type ItemState = { dueDate: string; done: boolean };

/**
 * Readiness 0–100: the share of items done; an open item past its due date counts as minus half
 * an item (a late checklist looks worse than an early one). Never below 0.
 */
export function readinessScore(
  items: ItemState[],
  today: string,
): { score: number; done: number; late: number; total: number } {
  const total = items.length;
  if (total === 0) return { score: 0, done: 0, late: 0, total };
  const done = items.filter((i) => i.done).length;
  const late = items.filter((i) => !i.done && i.dueDate < today).length;
  const score = Math.max(0, Math.round(((done - late * 0.5) / total) * 100));
  return { score, done, late, total };
}

// ── Results ────────────────────────────────────────────────────────────────────────────────

export type DaySales = { date: string; gmvFen: number; orders: number; units: number; newBuyers: number };
export type Totals = { gmvFen: number; orders: number; units: number; newBuyers: number; days: number };

export function sumDays(days: DaySales[], from: string, to: string): Totals {
  const t: Totals = { gmvFen: 0, orders: 0, units: 0, newBuyers: 0, days: daysBetween(from, to) + 1 };
  for (const d of days) {
    if (d.date < from || d.date > to) continue;
    t.gmvFen += d.gmvFen;
    t.orders += d.orders;
    t.units += d.units;
    t.newBuyers += d.newBuyers;
  }
  return t;
}

export type Goals = { gmvFen: number | null; units: number | null; newBuyers: number | null };

/** The days before the campaign used as its baseline: the `days` days before its first phase. */
export function baselineRange(start: string, days = 14): { from: string; to: string } {
  return { from: addDays(start, -days), to: addDays(start, -1) };
}

export type PhaseResult = {
  code: string;
  name: string;
  from: string;
  to: string;
  actual: Totals;
  /** The baseline's daily average × the phase's days. */
  baseline: Totals;
  /** Lift over the baseline, basis points (12 000 = +120 %); null when the baseline is 0. */
  gmvLiftBp: number | null;
};

export function phaseResults(
  phases: Phase[],
  days: DaySales[],
  baselineDays = 14,
): {
  phases: PhaseResult[];
  total: PhaseResult;
  baselineFrom: string;
  baselineTo: string;
} {
  const span = campaignSpan(phases)!;
  const b = baselineRange(span.from, baselineDays);
  const base = sumDays(days, b.from, b.to);
  const scaled = (n: number): Totals => ({
    gmvFen: Math.round((base.gmvFen * n) / base.days),
    orders: Math.round((base.orders * n) / base.days),
    units: Math.round((base.units * n) / base.days),
    newBuyers: Math.round((base.newBuyers * n) / base.days),
    days: n,
  });
  const one = (code: string, name: string, from: string, to: string): PhaseResult => {
    const actual = sumDays(days, from, to);
    const baseline = scaled(actual.days);
    return {
      code,
      name,
      from,
      to,
      actual,
      baseline,
      gmvLiftBp:
        baseline.gmvFen > 0
          ? Math.round(((actual.gmvFen - baseline.gmvFen) * 10_000) / baseline.gmvFen)
          : null,
    };
  };
  return {
    phases: phases.map((p) => one(p.code, p.name, p.from, p.to)),
    total: one('total', '合计', span.from, span.to),
    baselineFrom: b.from,
    baselineTo: b.to,
  };
}

/** Goal attainment in basis points (10 000 = met), null when there is no goal. */
export function attainment(actual: number, goal: number | null): number | null {
  if (goal == null || goal <= 0) return null;
  return Math.round((actual * 10_000) / goal);
}

// ── Readiness items checked against other modules ─────────────────────────────────────────

/** One thing a linked checklist item found missing (shown on the campaign page). */
export type AutoCheckGap =
  | { kind: 'no_roster'; date: string }
  | { kind: 'no_extra_shifts'; date: string; shifts: number; normal: number }
  | { kind: 'no_products' }
  | { kind: 'no_stock_data'; productId: string }
  | {
      kind: 'stock_short';
      productId: string;
      skuCode: string;
      available: number;
      stockoutDate: string | null;
    };

/** The last automatic check of a linked item: CS shifts (the roster) or stock (inventory). */
export type AutoCheck = {
  source: 'roster' | 'inventory';
  ok: boolean;
  checkedAt: string;
  /** What was compared: the peak days and the usual staffing; or the SKUs checked and the end. */
  basis: { peakDays?: string[]; normalShifts?: number | null; skusChecked?: number; through?: string };
  missing: AutoCheckGap[];
};

/** The campaign's peak days: its 爆发 (peak) and 正式 (main) phases, else every day of it. */
export function peakDays(phases: Phase[]): string[] {
  const chosen = phases.filter((p) => p.code === 'peak' || p.code === 'main');
  const out: string[] = [];
  for (const p of chosen.length ? chosen : phases)
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return [...new Set(out)].sort();
}

/**
 * "Extra CS shifts planned": every peak day has a roster with MORE working shifts than a normal
 * day (the median of the normal days that have a roster). Without a normal baseline, a roster on
 * every peak day is enough. No peak day → not ok (nothing to check against).
 */
export function csShiftCheck(
  peak: string[],
  shiftsByDay: ReadonlyMap<string, number>,
  normalDays: string[],
): Omit<AutoCheck, 'source' | 'checkedAt'> {
  const normal = median(normalDays.map((d) => shiftsByDay.get(d) ?? 0).filter((n) => n > 0));
  const missing: AutoCheckGap[] = [];
  for (const date of peak) {
    const n = shiftsByDay.get(date) ?? 0;
    if (n === 0) missing.push({ kind: 'no_roster', date });
    else if (normal !== null && n <= normal)
      missing.push({ kind: 'no_extra_shifts', date, shifts: n, normal });
  }
  return {
    ok: peak.length > 0 && missing.length === 0,
    basis: { peakDays: peak, normalShifts: normal },
    missing,
  };
}

export type SkuCover = { skuCode: string; available: number; stockoutDate: string | null };

/**
 * "Stock checked against the forecast": every SKU of every campaign product lasts through the
 * campaign's last day by the inventory forecast (which includes the campaign's uplift): its
 * stock-out date, if any, is after `through`. A product with no SKU known to inventory is
 * missing too (nothing was checked).
 */
export function stockCheck(
  products: { productId: string; skus: SkuCover[] }[],
  through: string,
): Omit<AutoCheck, 'source' | 'checkedAt'> {
  const missing: AutoCheckGap[] = products.length === 0 ? [{ kind: 'no_products' }] : [];
  let checked = 0;
  for (const p of products) {
    if (p.skus.length === 0) {
      missing.push({ kind: 'no_stock_data', productId: p.productId });
      continue;
    }
    for (const s of p.skus) {
      checked++;
      if (s.available <= 0 || (s.stockoutDate !== null && s.stockoutDate <= through))
        missing.push({
          kind: 'stock_short',
          productId: p.productId,
          skuCode: s.skuCode,
          available: s.available,
          stockoutDate: s.stockoutDate,
        });
    }
  }
  return {
    ok: missing.length === 0,
    basis: { skusChecked: checked, through },
    missing,
  };
}
