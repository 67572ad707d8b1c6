/**
 * Orders: who gets credit for a sale (DOMAIN.md §5 "Order attribution"), the 24 h takeover of an
 * unpaid order, shipping deadlines (DOMAIN.md §4) and the checks of odd facts (status going
 * backwards). Pure functions: the service gathers the facts, these decide, and every decision
 * keeps its reason as a code with parameters (the web shows it in zh-CN / en-US).
 */
import { addDays, businessDate, zonedInstant } from '../../core/time';
import type { SettingProblem } from '../../db/settings';

export const HOUR_MS = 3_600_000;

/** A decision's reason: a stable code (locale key `orders.reason.<code>`) and its parameters. */
export type Reason = { code: string; params: Record<string, string | number> };
const reason = (code: string, params: Record<string, string | number> = {}): Reason => ({ code, params });

// ---- order attribution (DOMAIN.md §5) --------------------------------------------------------

/** What a refund was caused by; only `buyer` and `service` take the sale away from the CS. */
export const REFUND_CAUSES = [
  'quality',
  'buyer',
  'service',
  'logistics',
  'warehouse',
  'listing',
  'other',
] as const;
export type RefundCause = (typeof REFUND_CAUSES)[number];

/** One CS's part in the conversation with the buyer before payment. */
export type ChatTouch = {
  /** The chat account (旺旺子账号), e.g. `测试旗舰店:小美`. */
  agent: string;
  /** The store person behind the account, null when no person is linked. */
  personId: string | null;
  firstAt: Date;
  lastAt: Date;
  /** Messages the CS typed (auto-replies excluded). */
  messages: number;
};

export type AttributionInput = {
  orderId: string;
  paidAt: Date | null;
  createdAt: Date;
  paidAmountFen: number;
  /** The CS accounts that chatted with the buyer before payment (auto-replies do not count). */
  touches: ChatTouch[];
  /** The flag (插旗) on the order, set at the desk. */
  flag: { personId: string; at: Date } | null;
  /**
   * Was the original CS offline when the flag was set? Only asked when the flagger did not chat
   * before and the flag came more than 24 h after the order (the takeover clause). null = unknown.
   */
  originalOfflineAtFlag: boolean | null;
  /** Finished refunds of the order with their cause (the after-sales desk may correct it). */
  refunds: { refundId: string; amountFen: number; cause: RefundCause }[];
  /** Bad reviews of the order judged as caused by CS and not changed to good. */
  csBadReviews: { reviewId: string }[];
  /** The store's current people: credit never goes to anyone else. */
  members: ReadonlySet<string>;
  /** Hours unpaid after which another CS may take over (store setting; DOMAIN.md §5: 24). */
  takeoverHours?: number;
};

export type Attribution = {
  orderId: string;
  /** The CS with the credit (at most one per order), or null. */
  personId: string | null;
  /** The chat account behind the credit, when it came from a chat. */
  agent: string | null;
  /** Sales counted for that CS after removals (0 when removed entirely). */
  creditedFen: number;
  /** The deciding reason. */
  reason: Reason;
  /** Every step that led there (the basis, then removals), for the story of the order. */
  steps: Reason[];
};

export const TAKEOVER_HOURS = 24;

/**
 * Who gets credit for a paid order (DOMAIN.md §5):
 * 1. the CS who chatted and closed the sale gets it (the one talking when the order was placed);
 * 2. a buyer who talked to several CS → the one who flagged (插旗) the order;
 * 3. an order unpaid > 24 h while its CS is offline may be followed up by another CS, who flags
 *    it and gets it (a late flag while the original CS was online does not move the credit);
 * 4. a return not caused by quality but by the buyer or by poor service is taken out of that
 *    CS's sales (the refunded amount);
 * 5. a bad review caused by CS (not changed to good) takes the order out entirely.
 * Credit only ever goes to a current member of the store.
 */
export function attributeOrder(o: AttributionInput): Attribution {
  const steps: Reason[] = [];
  const none = (r: Reason): Attribution => {
    steps.push(r);
    return { orderId: o.orderId, personId: null, agent: null, creditedFen: 0, reason: r, steps };
  };
  if (!o.paidAt) return none(reason('not_paid'));

  // Only what was said before payment sells the order.
  const touches = o.touches
    .filter((t) => t.messages > 0 && t.firstAt.getTime() <= o.paidAt!.getTime())
    .sort((a, b) => a.lastAt.getTime() - b.lastAt.getTime() || a.agent.localeCompare(b.agent));
  const chatPeople = new Set(touches.map((t) => t.personId).filter((p): p is string => p !== null));

  let personId: string | null = null;
  let agent: string | null = null;
  let basis: Reason | null = null;

  const flag = o.flag && o.flag.at.getTime() <= o.paidAt.getTime() ? o.flag : null;
  if (o.flag && !flag) steps.push(reason('flag_after_payment', { person: o.flag.personId }));
  if (flag && !o.members.has(flag.personId)) {
    steps.push(reason('flagger_not_member', { person: flag.personId }));
  } else if (flag) {
    const hoursUnpaid = (flag.at.getTime() - o.createdAt.getTime()) / HOUR_MS;
    const limit = o.takeoverHours ?? TAKEOVER_HOURS;
    if (chatPeople.has(flag.personId)) {
      personId = flag.personId;
      agent = [...touches].reverse().find((t) => t.personId === flag.personId)?.agent ?? null;
      basis =
        chatPeople.size > 1
          ? reason('several_cs_flagged', { count: chatPeople.size })
          : reason('chatted_and_flagged');
    } else if (touches.length === 0) {
      // Nobody chatted before: the flag (e.g. after urging by phone) is the only claim.
      personId = flag.personId;
      basis = reason('flagged_without_chat');
    } else if (hoursUnpaid > limit && o.originalOfflineAtFlag === true) {
      personId = flag.personId;
      basis = reason('taken_over', { hours: Math.floor(hoursUnpaid) });
    } else if (hoursUnpaid > limit) {
      steps.push(
        reason(o.originalOfflineAtFlag === null ? 'takeover_offline_unknown' : 'takeover_original_online', {
          hours: Math.floor(hoursUnpaid),
        }),
      );
    } else {
      steps.push(reason('takeover_too_early', { hours: Math.floor(hoursUnpaid), limit }));
    }
  }

  if (!basis) {
    const eligible = touches.filter((t) => t.personId !== null && o.members.has(t.personId));
    if (touches.length === 0) return none(reason('no_chat'));
    if (eligible.length === 0) return none(reason('agent_not_member', { agent: touches.at(-1)!.agent }));
    const people = new Set(eligible.map((t) => t.personId));
    // The sale is closed when the order is placed: the CS talking last before that gets it; with
    // nobody before, the first who followed up (urged) before payment. Others who urged later
    // take it over only by the 24 h rule with a flag.
    const before = eligible
      .filter((t) => t.firstAt.getTime() <= o.createdAt.getTime())
      .sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime() || a.agent.localeCompare(b.agent));
    const after = eligible
      .filter((t) => t.firstAt.getTime() > o.createdAt.getTime())
      .sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime() || a.agent.localeCompare(b.agent));
    const closer = before.at(-1) ?? after[0]!;
    personId = closer.personId;
    agent = closer.agent;
    basis =
      people.size === 1
        ? reason('chatted_and_closed', { agent: closer.agent })
        : reason('several_cs_no_flag', { count: people.size, agent: closer.agent });
  }
  steps.push(basis);

  let creditedFen = o.paidAmountFen;
  let deciding = basis;
  for (const r of o.refunds) {
    if (r.cause === 'buyer' || r.cause === 'service') {
      const cut = Math.min(r.amountFen, creditedFen);
      creditedFen -= cut;
      deciding = reason('refund_removed', { refund: r.refundId, cause: r.cause, amountFen: cut });
      steps.push(deciding);
    } else {
      steps.push(reason('refund_kept', { refund: r.refundId, cause: r.cause }));
    }
  }
  if (o.csBadReviews.length > 0) {
    creditedFen = 0;
    deciding = reason('bad_review_removed', { review: o.csBadReviews[0]!.reviewId });
    steps.push(deciding);
  }
  return { orderId: o.orderId, personId, agent, creditedFen, reason: deciding, steps };
}

/**
 * May `personId` take over (follow up and flag) an order still unpaid? DOMAIN.md §5: after 24 h
 * unpaid while its CS is offline; the order's own CS (or an order nobody chatted about) any time.
 */
export function canTakeOver(p: {
  personId: string;
  createdAt: Date;
  now: Date;
  originalPersonIds: string[];
  originalOffline: boolean | null;
  /** Store setting; DOMAIN.md §5: 24. */
  takeoverHours?: number;
}): { allowed: boolean; reason: Reason } {
  const limit = p.takeoverHours ?? TAKEOVER_HOURS;
  if (p.originalPersonIds.length === 0) return { allowed: true, reason: reason('no_original_cs') };
  if (p.originalPersonIds.includes(p.personId)) return { allowed: true, reason: reason('own_order') };
  const hours = (p.now.getTime() - p.createdAt.getTime()) / HOUR_MS;
  if (hours <= limit)
    return {
      allowed: false,
      reason: reason('takeover_too_early', { hours: Math.floor(hours), limit }),
    };
  if (p.originalOffline !== true)
    return {
      allowed: false,
      reason: reason(p.originalOffline === null ? 'takeover_offline_unknown' : 'takeover_original_online', {
        hours: Math.floor(hours),
      }),
    };
  return { allowed: true, reason: reason('taken_over', { hours: Math.floor(hours) }) };
}

/** Conversion of urged orders: urged orders that were paid afterwards / urged orders. */
export function urgeConversion(
  urges: { orderId: string; personId: string; at: Date }[],
  paidAt: ReadonlyMap<string, Date | null>,
): { personId: string; urged: number; paid: number; rateBp: number }[] {
  const byPerson = new Map<string, Map<string, Date>>();
  for (const u of urges) {
    let m = byPerson.get(u.personId);
    if (!m) {
      m = new Map();
      byPerson.set(u.personId, m);
    }
    const first = m.get(u.orderId);
    if (!first || u.at < first) m.set(u.orderId, u.at);
  }
  return [...byPerson.entries()]
    .map(([personId, m]) => {
      let paid = 0;
      for (const [orderId, at] of m) {
        const p = paidAt.get(orderId);
        if (p && p.getTime() >= at.getTime()) paid++;
      }
      return { personId, urged: m.size, paid, rateBp: m.size ? Math.round((paid * 10_000) / m.size) : 0 };
    })
    .sort((a, b) => b.urged - a.urged || a.personId.localeCompare(b.personId));
}

// ---- shipping deadlines (DOMAIN.md §4) -------------------------------------------------------

export type ShippingSettings = {
  /** Orders paid before this local time leave in today's dispatch; later ones tomorrow. */
  cutoff: string;
  /** Every order within this many hours … */
  targetHours: number;
  /** … never later than this (the platform's late-shipment penalty). */
  limitHours: number;
  /** Warn this many hours before the target. */
  riskHours: number;
  /** Campaign peaks: orders paid on these business dates get extra hours. */
  campaigns: { from: string; to: string; extraHours: number; name?: string }[];
};

export const DEFAULT_SHIPPING: ShippingSettings = {
  cutoff: '16:00',
  targetHours: 24,
  limitHours: 48,
  riskHours: 4,
  campaigns: [],
};

export type ShippingDeadline = {
  /** The daily dispatch the order should leave with. */
  dispatchAt: Date;
  target: Date;
  limit: Date;
  extraHours: number;
};

export function shippingDeadline(paidAt: Date, s: ShippingSettings, timeZone: string): ShippingDeadline {
  const day = businessDate(paidAt, timeZone);
  const todayCut = zonedInstant(day, s.cutoff, timeZone);
  const dispatchAt =
    paidAt.getTime() < todayCut.getTime() ? todayCut : zonedInstant(addDays(day, 1), s.cutoff, timeZone);
  const extraHours = s.campaigns
    .filter((c) => c.from <= day && day <= c.to)
    .reduce((m, c) => Math.max(m, c.extraHours), 0);
  return {
    dispatchAt,
    target: new Date(paidAt.getTime() + (s.targetHours + extraHours) * HOUR_MS),
    limit: new Date(paidAt.getTime() + (s.limitHours + extraHours) * HOUR_MS),
    extraHours,
  };
}

export const SHIP_STATES = ['ok', 'at_risk', 'overdue', 'late', 'shipped_on_time', 'shipped_late'] as const;
export type ShipState = (typeof SHIP_STATES)[number];

/**
 * Where a paid order stands against its deadlines: `late` past the hard limit (penalty),
 * `overdue` past the 24 h target, `at_risk` when the target is within `riskHours` or today's
 * dispatch was missed; a shipped order is judged by its ship time against the limit.
 */
export function shippingState(
  p: { paidAt: Date; shippedAt: Date | null; now: Date },
  s: ShippingSettings,
  timeZone: string,
): { state: ShipState; deadline: ShippingDeadline; hoursLeft: number } {
  const d = shippingDeadline(p.paidAt, s, timeZone);
  if (p.shippedAt) {
    return {
      state: p.shippedAt.getTime() > d.limit.getTime() ? 'shipped_late' : 'shipped_on_time',
      deadline: d,
      hoursLeft: 0,
    };
  }
  const now = p.now.getTime();
  const hoursLeft = Math.round(((d.target.getTime() - now) / HOUR_MS) * 10) / 10;
  let state: ShipState = 'ok';
  if (now > d.limit.getTime()) state = 'late';
  else if (now > d.target.getTime()) state = 'overdue';
  else if (now > d.dispatchAt.getTime() || d.target.getTime() - now <= s.riskHours * HOUR_MS)
    state = 'at_risk';
  return { state, deadline: d, hoursLeft };
}

export function isValidHHmm(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

// ---- odd facts -------------------------------------------------------------------------------

/** The order of a life: a later export showing an earlier step is "going backwards". */
const ORDER_STEP: Record<string, number> = {
  awaiting_payment: 0,
  awaiting_shipment: 1,
  partially_shipped: 2,
  shipped: 3,
  completed: 4,
  closed: 4,
  cancelled: 4,
};

/** True when a status change goes back in an order's life (e.g. shipped → awaiting_shipment). */
export function isBackwards(from: string | null, to: string): boolean {
  if (from === null) return false;
  const a = ORDER_STEP[from];
  const b = ORDER_STEP[to];
  if (a === undefined || b === undefined) return false;
  return b < a;
}

/** Refunds adding up to more than was paid (partial refunds over the paid amount). */
export function overRefunded(paidFen: number, refundFens: number[]): { over: boolean; totalFen: number } {
  const totalFen = refundFens.reduce((s, x) => s + x, 0);
  return { over: totalFen > paidFen, totalFen };
}

// ---- out of stock (DOMAIN.md §4) -------------------------------------------------------------

export type OpenOrderLines = {
  orderId: string;
  paidAt: Date;
  lines: { skuCode: string; quantity: number }[];
};

export type StockShortfall = {
  orderId: string;
  /** The SKUs of the order the stock cannot cover, with what was left for it. */
  skus: { skuCode: string; needed: number; left: number }[];
};

/**
 * Which paid-not-shipped orders the stock cannot fill (out of stock → CS contacts the buyer):
 * the units on hand go to the orders in the order they were paid (first paid, first served);
 * an order line whose SKU has fewer units left than it needs is short. A SKU absent from
 * `onHand` is not tracked by the stock sheet and never short. Lines of the same SKU in one order
 * add up; quantities ≤ 0 are ignored.
 */
export function stockShortfalls(
  open: readonly OpenOrderLines[],
  onHand: ReadonlyMap<string, number>,
): StockShortfall[] {
  const left = new Map(onHand);
  const out: StockShortfall[] = [];
  const sorted = [...open].sort(
    (a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.orderId.localeCompare(b.orderId),
  );
  for (const o of sorted) {
    const need = new Map<string, number>();
    for (const l of o.lines)
      if (l.quantity > 0 && onHand.has(l.skuCode))
        need.set(l.skuCode, (need.get(l.skuCode) ?? 0) + l.quantity);
    const skus: StockShortfall['skus'] = [];
    for (const [skuCode, needed] of need) {
      const have = left.get(skuCode) ?? 0;
      if (have >= needed) left.set(skuCode, have - needed);
      else skus.push({ skuCode, needed, left: Math.max(0, have) });
    }
    if (skus.length) out.push({ orderId: o.orderId, skus });
  }
  return out;
}

// ---- the desk's settings: checks before saving ------------------------------------------------

export type { SettingProblem };

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const isWhole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/**
 * What is wrong with shipping settings (empty = fine): cut-off HH:mm; whole hours with
 * 1 ≤ target ≤ limit ≤ 480 and 0 ≤ warning < target; campaign periods with real dates,
 * from ≤ to, 0–240 extra hours, and no two periods overlapping (which extension would apply?).
 */
export function shippingSettingsProblems(s: ShippingSettings): SettingProblem[] {
  const out: SettingProblem[] = [];
  const p = (field: string, code: string, params: Record<string, string | number> = {}) =>
    out.push({ field, code, params });
  if (!isValidHHmm(s.cutoff)) p('cutoff', 'bad_cutoff', { value: s.cutoff });
  const targetOk = isWhole(s.targetHours, 1, 240);
  if (!targetOk) p('targetHours', 'bad_hours', { value: s.targetHours, min: 1, max: 240 });
  if (!isWhole(s.limitHours, 1, 480)) p('limitHours', 'bad_hours', { value: s.limitHours, min: 1, max: 480 });
  else if (targetOk && s.limitHours < s.targetHours)
    p('limitHours', 'bad_limits', { limit: s.limitHours, target: s.targetHours });
  if (!isWhole(s.riskHours, 0, 48)) p('riskHours', 'bad_hours', { value: s.riskHours, min: 0, max: 48 });
  else if (targetOk && s.riskHours >= s.targetHours)
    p('riskHours', 'risk_not_below_target', { risk: s.riskHours, target: s.targetHours });
  s.campaigns.forEach((c, i) => {
    const row = i + 1;
    if (!isDate(c.from)) p(`campaigns.${i}.from`, 'bad_date', { row, value: c.from });
    else if (!isDate(c.to)) p(`campaigns.${i}.to`, 'bad_date', { row, value: c.to });
    else if (c.from > c.to)
      p(`campaigns.${i}.to`, 'campaign_ends_before_start', { row, from: c.from, to: c.to });
    if (!isWhole(c.extraHours, 0, 240))
      p(`campaigns.${i}.extraHours`, 'bad_campaign_hours', { row, value: c.extraHours, min: 0, max: 240 });
  });
  const valid = s.campaigns
    .map((c, i) => ({ ...c, row: i + 1 }))
    .filter((c) => isDate(c.from) && isDate(c.to) && c.from <= c.to)
    .sort((a, b) => a.from.localeCompare(b.from) || a.row - b.row);
  for (let i = 1; i < valid.length; i++) {
    const a = valid[i - 1]!;
    const b = valid[i]!;
    if (b.from <= a.to)
      p(`campaigns.${b.row - 1}.from`, 'campaigns_overlap', {
        row: b.row,
        other: a.row,
        from: b.from,
        to: a.to,
      });
  }
  return out;
}

/** The unpaid queue's rules (催付): who may take over and which orders go into the urge tasks. */
export type UnpaidSettings = {
  /** DOMAIN.md §5: after this many hours unpaid another CS may take over (default 24). */
  takeoverHours: number;
  /** The original CS counts as offline when their accounts typed nothing for this many minutes. */
  offlineMinutes: number;
  /** An unpaid order goes into the day's urge task once it has waited this many hours. */
  urgeAfterHours: number;
  /** … and stays in it for orders placed up to this many days back. */
  urgeWindowDays: number;
};

export const DEFAULT_UNPAID: UnpaidSettings = {
  takeoverHours: TAKEOVER_HOURS,
  offlineMinutes: 30,
  urgeAfterHours: 1,
  urgeWindowDays: 3,
};

/** What is wrong with unpaid-queue settings (empty = fine). */
export function unpaidSettingsProblems(s: UnpaidSettings): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (!isWhole(s.takeoverHours, 1, 168))
    out.push({
      field: 'takeoverHours',
      code: 'bad_hours',
      params: { value: s.takeoverHours, min: 1, max: 168 },
    });
  if (!isWhole(s.offlineMinutes, 5, 480))
    out.push({
      field: 'offlineMinutes',
      code: 'bad_minutes',
      params: { value: s.offlineMinutes, min: 5, max: 480 },
    });
  if (!isWhole(s.urgeWindowDays, 1, 30))
    out.push({
      field: 'urgeWindowDays',
      code: 'bad_days',
      params: { value: s.urgeWindowDays, min: 1, max: 30 },
    });
  if (!isWhole(s.urgeAfterHours, 0, 72))
    out.push({
      field: 'urgeAfterHours',
      code: 'bad_hours',
      params: { value: s.urgeAfterHours, min: 0, max: 72 },
    });
  else if (isWhole(s.urgeWindowDays, 1, 30) && s.urgeAfterHours >= s.urgeWindowDays * 24)
    out.push({
      field: 'urgeAfterHours',
      code: 'urge_after_window',
      params: { hours: s.urgeAfterHours, days: s.urgeWindowDays },
    });
  return out;
}
