/**
 * Products and listings (DOMAIN.md §2 15:30 products block, §7): title/subtitle checks, hero
 * products, the new-product pipeline. Pure functions.
 */

// ---------------------------------------------------------------- title length (GBK bytes)

/** Taobao/Tmall title limit: 60 bytes = 30 Chinese characters. */
export const TAOBAO_TITLE_MAX_BYTES = 60;
/** Subtitle (卖点) limit: 150 bytes. */
export const TAOBAO_SUBTITLE_MAX_BYTES = 150;

/**
 * The length the platform counts, in GBK bytes. Decision (docs/catalog.md): a character in ASCII
 * (U+0000–U+007F: Latin letters, digits, half-width space and punctuation) is 1 byte; every
 * other character is 2 bytes — Chinese, full-width letters and punctuation (，【】（）), the
 * middle dot, ×, and also characters GBK cannot encode at all (emoji, rare CJK in the
 * supplementary planes) which are counted 2 and reported separately as not encodable. One
 * character = one code point (an emoji is not two).
 */
export function gbkByteLength(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! <= 0x7f ? 1 : 2;
  return n;
}

/** Characters a GBK page cannot show: astral code points (emoji, rare CJK) and pictographs. */
export function nonGbkChars(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0xffff || /\p{Extended_Pictographic}/u.test(ch) || (cp >= 0xfe00 && cp <= 0xfe0f)) out.push(ch);
  }
  return [...new Set(out)];
}

/** Cuts a title to at most `max` GBK bytes without splitting a character. */
export function truncateGbk(text: string, max = TAOBAO_TITLE_MAX_BYTES): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    const b = ch.codePointAt(0)! <= 0x7f ? 1 : 2;
    if (n + b > max) break;
    n += b;
    out += ch;
  }
  return out;
}

// ---------------------------------------------------------------- banned words (广告法)

/**
 * Absolute terms the advertising law (广告法 第九条(三): 使用"国家级""最高级""最佳"等用语) forbids in
 * listings, and the usual platform list around it. `最` is caught as a prefix: any 最X is a
 * superlative (最好, 最低价, 最新…), reported with the following character.
 */
export const BANNED_WORDS = [
  '国家级',
  '世界级',
  '全球级',
  '宇宙级',
  '最高级',
  '第一',
  'NO.1',
  'No.1',
  'TOP1',
  'Top1',
  '唯一',
  '首个',
  '首选',
  '独家',
  '独一无二',
  '顶级',
  '顶尖',
  '极品',
  '极致',
  '绝对',
  '万能',
  '100%',
  '史无前例',
  '全网销量冠军',
  '销量冠军',
  '王牌',
  '领袖品牌',
  '特效',
  '根治',
  '永久',
] as const;

export type TitleIssue =
  | { code: 'too_long'; bytes: number; max: number; overBy: number }
  | { code: 'empty' }
  | { code: 'banned_word'; word: string; index: number }
  | { code: 'not_gbk'; chars: string[] }
  | { code: 'double_space' }
  | { code: 'repeated_word'; word: string };

/** Banned words found in a text, in order of appearance (case-insensitive for Latin words). */
export function findBannedWords(text: string): { word: string; index: number }[] {
  const found: { word: string; index: number }[] = [];
  const lower = text.toLowerCase();
  const taken = new Set<number>();
  for (const w of BANNED_WORDS) {
    let i = lower.indexOf(w.toLowerCase());
    while (i >= 0) {
      if (!taken.has(i)) {
        found.push({ word: text.slice(i, i + w.length), index: i });
        for (let k = i; k < i + w.length; k++) taken.add(k);
      }
      i = lower.indexOf(w.toLowerCase(), i + 1);
    }
  }
  for (let i = text.indexOf('最'); i >= 0; i = text.indexOf('最', i + 1)) {
    if (taken.has(i)) continue;
    const next = [...text.slice(i + 1)][0];
    found.push({ word: next ? `最${next}` : '最', index: i });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Checks a title (or, with `max`, a subtitle): length in GBK bytes, banned words, characters GBK lacks. */
export function checkTitle(title: string, max = TAOBAO_TITLE_MAX_BYTES): TitleIssue[] {
  const t = title.trim();
  if (!t) return [{ code: 'empty' }];
  const issues: TitleIssue[] = [];
  const bytes = gbkByteLength(t);
  if (bytes > max) issues.push({ code: 'too_long', bytes, max, overBy: bytes - max });
  for (const b of findBannedWords(t)) issues.push({ code: 'banned_word', ...b });
  const bad = nonGbkChars(t);
  if (bad.length) issues.push({ code: 'not_gbk', chars: bad });
  if (/\s{2,}/.test(t)) issues.push({ code: 'double_space' });
  return issues;
}

// ---------------------------------------------------------------- keyword coverage

export type SearchTerm = { term: string; weight: number };

/**
 * Which search terms a title covers. A term is covered when each of its words (as the segmenter
 * cuts it; spaces split too) appears in the title, case-insensitive — so 「连衣裙 夏」 is covered by
 * 「2026夏季新款碎花连衣裙」 even though the words are apart. Coverage is weighted (impressions or
 * clicks), so the big terms matter most; `missing` lists uncovered terms by weight.
 */
export function keywordCoverage(
  title: string,
  terms: SearchTerm[],
  cut: (s: string) => string[] = (s) => s.split(/\s+/),
): { coverage: number; covered: SearchTerm[]; missing: SearchTerm[] } {
  const t = title.toLowerCase();
  const covered: SearchTerm[] = [];
  const missing: SearchTerm[] = [];
  let total = 0;
  let hit = 0;
  for (const term of terms) {
    const words = cut(term.term.toLowerCase())
      .map((w) => w.trim())
      .filter(Boolean);
    if (!words.length) continue;
    total += term.weight;
    if (words.every((w) => t.includes(w))) {
      covered.push(term);
      hit += term.weight;
    } else missing.push(term);
  }
  missing.sort((a, b) => b.weight - a.weight);
  return { coverage: total ? hit / total : 0, covered, missing };
}

// ---------------------------------------------------------------- hero products

export const HERO_MIN = 3;
export const HERO_MAX = 5;

/** 3–5 hero products (主打) per store: how many more may be marked, and whether the set is complete. */
export function heroStatus(count: number): {
  canAdd: boolean;
  complete: boolean;
  message: 'too_few' | 'ok' | 'full';
} {
  return {
    canAdd: count < HERO_MAX,
    complete: count >= HERO_MIN && count <= HERO_MAX,
    message: count < HERO_MIN ? 'too_few' : count >= HERO_MAX ? 'full' : 'ok',
  };
}

// ---------------------------------------------------------------- new-product pipeline

/** plan → sample → photo shoot → detail page → listing → launch promotion → CS briefed. */
export const PIPELINE_STAGES = [
  'plan',
  'sample',
  'photo',
  'detail_page',
  'listing',
  'launch',
  'cs_briefed',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Who usually owns each stage (DOMAIN.md §1, §7). */
export const STAGE_OWNER_ROLE: Record<PipelineStage, string> = {
  plan: 'manager',
  sample: 'warehouse',
  photo: 'designer',
  detail_page: 'designer',
  listing: 'editor',
  launch: 'marketing',
  cs_briefed: 'cs_presale',
};

/** The next stage, or 'done' after CS is briefed. A stage is left only forward, one at a time. */
export function nextStage(stage: PipelineStage | 'done'): PipelineStage | 'done' {
  if (stage === 'done') return 'done';
  const i = PIPELINE_STAGES.indexOf(stage);
  return i === PIPELINE_STAGES.length - 1 ? 'done' : PIPELINE_STAGES[i + 1]!;
}

/**
 * Whether a product may leave its stage: CS briefed completes only when CS acknowledged the
 * briefing (a note nobody read is not a briefing).
 */
export function canAdvance(p: {
  stage: PipelineStage | 'done';
  briefing: string | null;
  csAcknowledgedAt: Date | null;
}): { ok: true } | { ok: false; reason: 'done' | 'briefing_missing' | 'not_acknowledged' } {
  if (p.stage === 'done') return { ok: false, reason: 'done' };
  if (p.stage === 'launch' && !p.briefing?.trim()) return { ok: false, reason: 'briefing_missing' };
  if (p.stage === 'cs_briefed' && !p.csAcknowledgedAt) return { ok: false, reason: 'not_acknowledged' };
  return { ok: true };
}

/** A stage is stuck when its due date has passed (store-local dates) and it is not done. */
export function isStuck(dueDate: string | null, today: string, done: boolean): boolean {
  return !done && dueDate !== null && dueDate < today;
}

/**
 * DOMAIN.md §3: the escalation chain a stuck stage goes up (designer: too many photos / too many
 * listings → CS → marketing → manager); null: no chain for it — straight to the manager, the last
 * step of every chain.
 */
export const STAGE_CHAIN: Record<PipelineStage, string | null> = {
  plan: null,
  sample: null,
  photo: 'too_many_photos',
  detail_page: 'too_many_listings',
  listing: 'too_many_listings',
  launch: null,
  cs_briefed: null,
};

/** Days past its due date after which a stuck stage escalates (the first day: a task to its owner). */
export const STUCK_ESCALATE_AFTER_DAYS = 2;

/**
 * What a stage's lateness calls for on a business date: nothing; a task to its owner (past due);
 * escalation (past due by `STUCK_ESCALATE_AFTER_DAYS` days or more). Dates are yyyy-MM-dd.
 */
export function stuckAction(
  dueDate: string | null,
  today: string,
  done: boolean,
): 'none' | 'task' | 'escalate' {
  if (!isStuck(dueDate, today, done)) return 'none';
  const late = Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000,
  );
  return late >= STUCK_ESCALATE_AFTER_DAYS ? 'escalate' : 'task';
}
