/**
 * After-sales rules (DOMAIN.md §4 refunds and bad reviews, §5 "bad review caused by CS"):
 * what caused a refund, which reasons point at the listing, reason statistics with a Pareto
 * ordering, spike alerts, the reason class of a bad review from its text, dispute deadlines.
 * Pure functions; the text segmentation (jieba) is passed in as a function.
 */

import type { SettingProblem } from '../../db/settings';
import type { RefundCause } from '../orders/orders.rules';

// ---- refunds ----------------------------------------------------------------------------------

export type ListingIssue = 'size' | 'colour' | 'description';

/**
 * The cause of a refund from the platform's 责任方 (responsible party) and 退款原因 (reason):
 * quality → the product; 买家 → the buyer; 物流 → logistics; a seller fault that is not quality
 * is the warehouse's (wrong/missing item, late shipment) or the listing's (description
 * mismatch); 态度/客服 in the reason or the description → poor service. The after-sales desk may
 * correct it per refund (that correction wins, see `effectiveCause`).
 */
export function refundCause(p: {
  reason: string | null;
  description?: string | null;
  responsibleParty: string | null;
}): RefundCause {
  const r = `${p.reason ?? ''}`;
  const text = `${r} ${p.description ?? ''}`;
  if (/质量|坏了|破损了|开裂|断裂|漏水/.test(r)) return 'quality';
  if (/客服|态度|服务/.test(text)) return 'service';
  if (/描述不符|色差|图片不符|颜色不符/.test(r)) return 'listing';
  const party = p.responsibleParty ?? '';
  if (party.includes('买家')) return 'buyer';
  if (party.includes('物流') || /破损|未收到|丢件|物流/.test(r)) return 'logistics';
  if (party.includes('卖家') || /发错|少件|漏发|发货/.test(r)) return 'warehouse';
  if (/不想要|拍错|多拍|七天无理由|不喜欢|协商/.test(r)) return 'buyer';
  return 'other';
}

export function effectiveCause(auto: RefundCause, override: string | null | undefined): RefundCause {
  return (override as RefundCause | null | undefined) ?? auto;
}

/** Reasons that point at the listing (size, colour, description mismatch) → fix the listing. */
export function listingIssue(reason: string | null, description?: string | null): ListingIssue | null {
  const text = `${reason ?? ''} ${description ?? ''}`;
  if (/尺寸|尺码|大小|偏大|偏小/.test(text)) return 'size';
  if (/颜色|色差/.test(text)) return 'colour';
  if (/描述不符|与描述|图片不符|和图片/.test(text)) return 'description';
  return null;
}

export type ReasonRow = { key: string; count: number; amountFen: number };
export type ParetoRow = ReasonRow & { shareBp: number; cumulativeBp: number };

/** Most frequent first (ties by amount, then key), with each share and the running share. */
export function pareto(rows: ReasonRow[]): ParetoRow[] {
  const total = rows.reduce((s, r) => s + r.count, 0);
  let run = 0;
  return [...rows]
    .sort((a, b) => b.count - a.count || b.amountFen - a.amountFen || a.key.localeCompare(b.key))
    .map((r) => {
      run += r.count;
      return {
        ...r,
        shareBp: total ? Math.round((r.count * 10_000) / total) : 0,
        cumulativeBp: total ? Math.round((run * 10_000) / total) : 0,
      };
    });
}

/** Refund rate in basis points: refunds requested / orders paid over the same days. */
export function rateBp(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 10_000) / whole) : 0;
}

export type SpikeSettings = { baselineDays: number; minCount: number; factor: number };
export const DEFAULT_SPIKE: SpikeSettings = { baselineDays: 7, minCount: 3, factor: 2 };

/**
 * What is wrong with spike thresholds (empty = fine): a baseline of 1–60 whole days, at least
 * 1–1000 refunds, a factor of 1–20 (below 1 every ordinary day would alert).
 */
export function spikeSettingsProblems(s: SpikeSettings): SettingProblem[] {
  const out: SettingProblem[] = [];
  const check = (field: keyof SpikeSettings, ok: boolean, min: number, max: number) => {
    if (!ok) out.push({ field, code: 'bad_number', params: { value: String(s[field]), min, max } });
  };
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  check('baselineDays', whole(s.baselineDays, 1, 60), 1, 60);
  check('minCount', whole(s.minCount, 1, 1000), 1, 1000);
  check('factor', Number.isFinite(s.factor) && s.factor >= 1 && s.factor <= 20, 1, 20);
  return out;
}

/**
 * A reason (or a product) is spiking when today's count is at least `minCount` and more than
 * `factor` × the daily average of the previous `baselineDays` (a reason new today needs `minCount`
 * refunds to alert).
 */
export function isSpike(today: number, previous: number[], s: SpikeSettings = DEFAULT_SPIKE) {
  const days = previous.slice(-s.baselineDays);
  const mean = days.length ? days.reduce((a, b) => a + b, 0) / days.length : 0;
  const threshold = Math.max(s.minCount, Math.floor(s.factor * mean) + 1);
  return { spike: today >= threshold, mean: Math.round(mean * 10) / 10, threshold };
}

// ---- bad and medium reviews ---------------------------------------------------------------------

export const REVIEW_CLASSES = [
  'quality',
  'size',
  'logistics',
  'service',
  'price',
  'description',
  'other',
] as const;
export type ReviewClass = (typeof REVIEW_CLASSES)[number];

/** The default keyword lexicon (words as jieba cuts them); a store may edit it. */
export const DEFAULT_LEXICON: Record<Exclude<ReviewClass, 'other'>, string[]> = {
  quality: [
    '质量',
    '坏',
    '坏了',
    '漏水',
    '裂',
    '开裂',
    '断',
    '断了',
    '脱落',
    '掉',
    '掉毛',
    '起球',
    '破',
    '不热',
    '充不进',
    '很差',
    '劣质',
    '做工',
  ],
  size: ['尺寸', '尺码', '偏小', '偏大', '太小', '太大', '小', '大小', '码'],
  logistics: ['物流', '快递', '发货', '太慢', '慢', '包装', '破损', '压扁', '丢件'],
  service: ['客服', '态度', '回复', '爱理不理', '不理', '服务', '售后'],
  price: ['价格', '贵', '小贵', '不值', '降价', '便宜', '性价比'],
  description: ['描述', '图片', '色差', '颜色', '不一样', '实物', '被骗', '不符'],
};

export const REVIEW_OUTCOMES = ['changed', 'follow_up', 'explained', 'unresolved'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * The suggested reason class of a review: the class whose keywords appear most often among the
 * words of the text (ties: the order of REVIEW_CLASSES, quality first); `other` when none.
 */
export function classifyReview(
  words: string[],
  lexicon: Partial<Record<ReviewClass, string[]>> = DEFAULT_LEXICON,
): { cls: ReviewClass; hits: string[] } {
  let best: { cls: ReviewClass; hits: string[] } = { cls: 'other', hits: [] };
  for (const cls of REVIEW_CLASSES) {
    const keys = new Set(lexicon[cls] ?? []);
    if (keys.size === 0) continue;
    const hits = words.filter((w) => keys.has(w));
    if (hits.length > best.hits.length) best = { cls, hits };
  }
  return best;
}

/** DOMAIN.md §5: a bad review caused by CS and not changed to good leaves the CS's sales. */
export function reviewCountsAgainstCs(p: { reasonClass: string; outcome: string | null }): boolean {
  return p.reasonClass === 'service' && p.outcome !== 'changed';
}

/** DOMAIN.md §4: phone the buyer the same day — due at the end of the review's business day. */
export function sameDay(reviewedDate: string, today: string): 'today' | 'overdue' | 'future' {
  if (reviewedDate === today) return 'today';
  return reviewedDate < today ? 'overdue' : 'future';
}

// ---- disputes ---------------------------------------------------------------------------------

export const EVIDENCE_ITEMS = ['photos', 'delivery_signature', 'chat_log', 'tracking', 'video'] as const;
export type EvidenceItem = (typeof EVIDENCE_ITEMS)[number];

/** The evidence a dispute needs by its reason: damage → photos; not received → signature. */
export function evidenceNeeded(reason: string | null): EvidenceItem[] {
  const r = reason ?? '';
  const out: EvidenceItem[] = ['chat_log'];
  if (/破损|质量|坏|不符|错/.test(r)) out.push('photos');
  if (/未收到|签收|丢/.test(r)) out.push('delivery_signature', 'tracking');
  if (/少件|漏发/.test(r)) out.push('photos', 'video');
  return [...new Set(out)];
}

export type DeadlineState = 'ok' | 'due_soon' | 'overdue' | 'none';

/** 超时时间 watch: due soon within `soonHours`. */
export function deadlineState(deadline: Date | null, now: Date, soonHours = 24): DeadlineState {
  if (!deadline) return 'none';
  const left = deadline.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= soonHours * 3_600_000) return 'due_soon';
  return 'ok';
}

/** 客服介入 (platform intervention) in the refund's intervention status. */
export function hasPlatformIntervention(status: string | null): boolean {
  if (!status) return false;
  if (/未介入|不需要|^无$|^没有/.test(status.trim())) return false;
  return /介入|仲裁/.test(status);
}
