/**
 * Chat quality checks (质检, DOMAIN.md §5 service don'ts and do's): every session against a
 * checklist, with an editable lexicon and word segmentation (jieba, passed in as `cut` so the
 * rules stay pure and testable).
 */
import { type MessageRole, ROLE_AGENT, ROLE_AUTO, ROLE_BUYER } from './service.rules';

export type QualityCheck =
  | 'no_greeting'
  | 'curt_reply'
  | 'swearing'
  | 'evasive'
  | 'closed_early'
  | 'unanswered'
  | 'slow_reply';

export const QUALITY_CHECKS: QualityCheck[] = [
  'no_greeting',
  'curt_reply',
  'swearing',
  'evasive',
  'closed_early',
  'unanswered',
  'slow_reply',
];

/** The store's lexicon: phrases matched as substrings, words matched as whole jieba tokens. */
export type Lexicon = {
  greetings: string[];
  /** Forbidden phrases and curt refusals (substring). */
  curt: string[];
  /** Swear words (whole tokens, so 傻 in 傻瓜 matches but not inside an unrelated word). */
  swear: string[];
  /** Vague words that make an answer evasive (whole tokens) when the buyer asked a question. */
  evasive: string[];
  /** Phrases an agent uses to end a chat. */
  closing: string[];
};

export const DEFAULT_LEXICON: Lexicon = {
  greetings: ['您好', '你好', '亲', '在的', '欢迎'],
  curt: ['不讲价', '不知道', '自己看', '没办法', '爱买不买', '不行就算了', '你自己', '看详情页'],
  swear: ['傻逼', '傻瓜', '滚', '神经病', '有病', '妈的', '白痴', '蠢'],
  evasive: ['可能', '大概', '应该', '不清楚', '不确定', '随便', '看情况', '差不多'],
  closing: ['再见', '拜拜', '不打扰', '先这样', '就这样吧'],
};

export type QualityMessage = { t: number; role: MessageRole; text: string };
export type QualityHit = { check: QualityCheck; index: number; evidence: string };

const QUESTION = /[?？吗呢么]$|多少|几|怎么|什么|能不能|可以吗|有没有/;

export function isQuestion(text: string): boolean {
  return QUESTION.test(text.trim());
}

/**
 * The checklist on one session's messages (time order). `slowSec`: a reply slower than this to a
 * buyer's message is a slow reply. Returns at most one hit per check (the first), each with the
 * message index and the words that triggered it.
 */
export function inspectSession(
  msgs: QualityMessage[],
  lexicon: Lexicon,
  cut: (text: string) => string[],
  opts: { slowSec: number },
): QualityHit[] {
  const hits: QualityHit[] = [];
  const seen = new Set<QualityCheck>();
  const hit = (check: QualityCheck, index: number, evidence: string) => {
    if (seen.has(check)) return;
    seen.add(check);
    hits.push({ check, index, evidence });
  };
  const firstSeller = msgs.findIndex((m) => m.role !== ROLE_BUYER);
  const buyerWrote = msgs.some((m) => m.role === ROLE_BUYER);
  const humanReplies = msgs.some((m) => m.role === ROLE_AGENT);
  if (buyerWrote && humanReplies) {
    const greeted = msgs
      .filter((m) => m.role !== ROLE_BUYER)
      .slice(0, 2)
      .some((m) => lexicon.greetings.some((g) => m.text.includes(g)));
    if (!greeted) hit('no_greeting', firstSeller, msgs[firstSeller]?.text ?? '');
  }
  let lastBuyerQuestion = -1;
  let roundStart = -1;
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i]!;
    if (m.role === ROLE_BUYER) {
      if (isQuestion(m.text)) lastBuyerQuestion = i;
      if (roundStart < 0) roundStart = i;
      continue;
    }
    if (m.role === ROLE_AUTO) continue;
    if (roundStart >= 0) {
      const wait = (m.t - msgs[roundStart]!.t) / 1000;
      if (wait > opts.slowSec) hit('slow_reply', i, `${Math.round(wait)} s`);
    }
    const text = m.text;
    const curt = lexicon.curt.find((p) => text.includes(p));
    if (curt) hit('curt_reply', i, curt);
    const bounds = tokenBounds(cut(text));
    const swear = lexicon.swear.find((w) => onBoundaries(text, w, bounds));
    if (swear) hit('swearing', i, swear);
    if (lastBuyerQuestion >= 0 && roundStart >= 0) {
      const vague = lexicon.evasive.find((w) => onBoundaries(text, w, bounds));
      if (vague) hit('evasive', i, vague);
    }
    const closing = lexicon.closing.find((p) => text.includes(p));
    if (closing && msgs.slice(i + 1).some((x) => x.role === ROLE_BUYER)) hit('closed_early', i, closing);
    roundStart = -1;
    lastBuyerQuestion = -1;
  }
  if (roundStart >= 0 && lastBuyerQuestion >= 0)
    hit('unanswered', lastBuyerQuestion, msgs[lastBuyerQuestion]!.text);
  return hits;
}

/** Character offsets where jieba's tokens start or end. */
function tokenBounds(tokens: string[]): Set<number> {
  const b = new Set<number>([0]);
  let at = 0;
  for (const t of tokens) {
    at += t.length;
    b.add(at);
  }
  return b;
}

/** `word` occurs in `text` starting and ending on token boundaries (病 in 毛病 does not; 有病 in 你|有|病|吧 does). */
export function onBoundaries(text: string, word: string, bounds: Set<number>): boolean {
  if (!word) return false;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (bounds.has(i) && bounds.has(i + word.length)) return true;
  }
  return false;
}

/** Lexicon problems at save: empty entries, an entry in two lists (contradictory). */
export function checkLexicon(l: Lexicon): { field: string; word: string }[] {
  const out: { field: string; word: string }[] = [];
  const where = new Map<string, string>();
  for (const [field, words] of Object.entries(l) as [keyof Lexicon, string[]][]) {
    for (const w of words) {
      if (!w.trim()) out.push({ field, word: w });
      else if (where.has(w) && where.get(w) !== field) out.push({ field, word: w });
      else where.set(w, field);
    }
  }
  return out;
}

/**
 * Sample selection: every session of a bad-review buyer, plus `percent` % of the rest chosen by a
 * stable hash of the session id (the same sessions on every run).
 */
export function selectSample(
  sessionIds: { sessionId: string; buyer: string }[],
  badBuyers: Set<string>,
  percent: number,
): Set<string> {
  const out = new Set<string>();
  for (const s of sessionIds) {
    if (badBuyers.has(s.buyer) || hashPercent(s.sessionId) < percent) out.add(s.sessionId);
  }
  return out;
}

/** A stable 0–99.99 value from a string (FNV-1a). */
export function hashPercent(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % 10_000) / 100;
}
