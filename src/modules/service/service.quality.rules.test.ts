import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { describe, expect, it } from 'vitest';
import {
  checkLexicon,
  DEFAULT_LEXICON,
  hashPercent,
  inspectSession,
  type QualityMessage,
  selectSample,
} from './service.quality.rules';

const jieba = Jieba.withDict(dict);
const cut = (t: string) => jieba.cut(t);
const B = 0 as const;
const A = 1 as const;
const AUTO = 2 as const;
let clock = 0;
const m = (role: 0 | 1 | 2, text: string, gap = 10): QualityMessage => {
  clock += gap * 1000;
  return { t: clock, role, text };
};
const checks = (msgs: QualityMessage[]) =>
  inspectSession(msgs, DEFAULT_LEXICON, cut, { slowSec: 120 }).map((h) => h.check);

describe('quality checks', () => {
  it('passes a polite session', () => {
    expect(
      checks([
        m(B, '在吗'),
        m(AUTO, '您好，欢迎光临'),
        m(A, '在的亲，有什么可以帮您？'),
        m(B, '包邮吗？'),
        m(A, '亲，全场包邮哦~'),
        m(B, '好的谢谢'),
        m(A, '好的亲，有需要随时联系我哦~'),
      ]),
    ).toEqual([]);
  });
  it('finds the curt refusal of DOMAIN.md (我们的商品都不讲价的)', () => {
    const h = inspectSession([m(B, '能便宜点吗？'), m(A, '亲，我们的商品都不讲价的')], DEFAULT_LEXICON, cut, {
      slowSec: 120,
    });
    expect(h).toEqual([{ check: 'curt_reply', index: 1, evidence: '不讲价' }]);
  });
  it('finds swearing by whole words, a missing greeting, evasive answers and slow replies', () => {
    expect(checks([m(B, '发货了吗'), m(A, '你有病吧')])).toEqual(['no_greeting', 'swearing']);
    expect(checks([m(B, '几天能到？'), m(A, '亲，大概三四天吧')])).toEqual(['evasive']);
    expect(checks([m(B, '在吗'), m(A, '亲，在的', 200)])).toEqual(['slow_reply']);
    // 病 inside 毛病 is not swearing; 应该 after a statement (no question) is not evasive.
    expect(checks([m(B, '收到了'), m(A, '亲，有毛病随时找我，应该没问题')])).toEqual([]);
  });
  it('finds a chat closed while the buyer still asked, and an unanswered question', () => {
    expect(checks([m(B, '在吗'), m(A, '亲，先这样，再见'), m(B, '那尺码呢？')])).toEqual([
      'closed_early',
      'unanswered',
    ]);
    expect(checks([m(B, '有货吗？'), m(AUTO, '您好，欢迎光临')])).toEqual(['unanswered']);
  });
  it('rejects a lexicon with a word in two lists or an empty word', () => {
    expect(checkLexicon(DEFAULT_LEXICON)).toEqual([]);
    expect(checkLexicon({ ...DEFAULT_LEXICON, evasive: ['不讲价', ' '] })).toEqual([
      { field: 'evasive', word: '不讲价' },
      { field: 'evasive', word: ' ' },
    ]);
  });
  it('samples every bad-review buyer’s chats and a stable share of the rest', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => ({
      sessionId: `S${i}`,
      buyer: i === 7 ? 'angry' : `b${i}`,
    }));
    const s = selectSample(ids, new Set(['angry']), 10);
    expect(s.has('S7')).toBe(true);
    expect(s.size).toBeGreaterThan(140);
    expect(s.size).toBeLessThan(270);
    expect(hashPercent('S1')).toBe(hashPercent('S1'));
  });
});
