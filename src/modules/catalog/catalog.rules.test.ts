import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canAdvance,
  checkTitle,
  findBannedWords,
  gbkByteLength,
  heroStatus,
  isStuck,
  keywordCoverage,
  nextStage,
  nonGbkChars,
  STAGE_CHAIN,
  stuckAction,
  truncateGbk,
} from './catalog.rules';

describe('GBK byte length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['连衣裙', 6],
    ['2026夏季新款', 12],
    ['iPhone 15 手机壳', 16],
    ['【包邮】', 8], // full-width brackets are 2 bytes
    ['（送运费险）', 12],
    ['纯棉T恤 男', 10],
    ['ＡＢＣ', 6], // full-width Latin
    ['👗连衣裙', 8], // an emoji counts 2 (and is reported as not GBK)
    ['30', 2],
  ])('%s → %d bytes', (s, n) => {
    expect(gbkByteLength(s)).toBe(n);
  });

  it('30 Chinese characters fit exactly; 31 do not', () => {
    const t30 = '夏'.repeat(30);
    expect(checkTitle(t30)).toEqual([]);
    expect(checkTitle(`${t30}夏`)).toEqual([{ code: 'too_long', bytes: 62, max: 60, overBy: 2 }]);
    // 29 Chinese + 2 Latin = 60 bytes: fits; + 1 more Latin → 61.
    expect(checkTitle(`${'夏'.repeat(29)}AB`)).toEqual([]);
    expect(checkTitle(`${'夏'.repeat(29)}ABC`)[0]).toMatchObject({ code: 'too_long', bytes: 61 });
  });

  it('property: truncateGbk never exceeds the limit nor splits a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '1', ' ', '夏', '裙', '【', '👗') }),
        fc.integer({ min: 0, max: 80 }),
        (s, max) => {
          const t = truncateGbk(s, max);
          return gbkByteLength(t) <= max && s.startsWith(t) && !t.endsWith('\ud83d');
        },
      ),
    );
  });
});

describe('banned words (广告法)', () => {
  it.each([
    ['全网最低价连衣裙', ['最低']],
    ['国家级非遗手工茶', ['国家级']],
    ['销量第一 纯棉T恤', ['第一']],
    ['最新款 最好看', ['最新', '最好']],
    ['NO.1 best seller 防晒霜', ['NO.1']],
    ['no.1 防晒', ['no.1']],
    ['100%纯棉', ['100%']],
    ['2026夏季新款碎花连衣裙', []],
    ['最', ['最']],
  ])('%s → %j', (title, words) => {
    expect(findBannedWords(title).map((f) => f.word)).toEqual(words);
  });

  it('reports each issue of a mixed title', () => {
    const issues = checkTitle('👗全网最低价 国家级  面料 连衣裙女夏季新款显瘦气质长裙子雪纺碎花大码');
    const codes = issues.map((i) => i.code);
    expect(codes).toContain('too_long');
    expect(codes).toContain('banned_word');
    expect(codes).toContain('not_gbk');
    expect(codes).toContain('double_space');
    expect(issues.filter((i) => i.code === 'banned_word').map((i) => (i as { word: string }).word)).toEqual([
      '最低',
      '国家级',
    ]);
    expect(nonGbkChars('👗连衣裙😀')).toEqual(['👗', '😀']);
    expect(checkTitle('   ')).toEqual([{ code: 'empty' }]);
  });
});

describe('keyword coverage', () => {
  const jieba = Jieba.withDict(dict);
  const cut = (s: string) => jieba.cut(s).filter((w) => w.trim());
  const terms = [
    { term: '连衣裙 夏', weight: 500 },
    { term: '碎花连衣裙', weight: 300 },
    { term: '雪纺裙', weight: 150 },
    { term: 'T恤 女', weight: 50 },
  ];
  it('covers a term when each of its words is in the title, weighted', () => {
    const r = keywordCoverage('2026夏季新款碎花连衣裙女', terms, cut);
    expect(r.covered.map((t) => t.term)).toEqual(['连衣裙 夏', '碎花连衣裙']);
    expect(r.missing.map((t) => t.term)).toEqual(['雪纺裙', 'T恤 女']);
    expect(r.coverage).toBeCloseTo(800 / 1000);
  });
  it('mixed Latin is case-insensitive; no terms → coverage 0', () => {
    expect(keywordCoverage('纯棉t恤女宽松', [{ term: 'T恤 女', weight: 1 }], cut).coverage).toBe(1);
    expect(keywordCoverage('任何标题', [], cut).coverage).toBe(0);
  });
});

describe('hero products and the new-product pipeline', () => {
  it.each([
    [0, true, false, 'too_few'],
    [3, true, true, 'ok'],
    [5, false, true, 'full'],
  ] as const)('%d heroes', (n, canAdd, complete, message) => {
    expect(heroStatus(n)).toEqual({ canAdd, complete, message });
  });
  it('moves forward one stage at a time; CS must acknowledge the briefing', () => {
    expect(nextStage('plan')).toBe('sample');
    expect(nextStage('listing')).toBe('launch');
    expect(nextStage('cs_briefed')).toBe('done');
    expect(canAdvance({ stage: 'launch', briefing: null, csAcknowledgedAt: null })).toEqual({
      ok: false,
      reason: 'briefing_missing',
    });
    expect(canAdvance({ stage: 'launch', briefing: '卖点：…', csAcknowledgedAt: null })).toEqual({
      ok: true,
    });
    expect(canAdvance({ stage: 'cs_briefed', briefing: '卖点', csAcknowledgedAt: null })).toEqual({
      ok: false,
      reason: 'not_acknowledged',
    });
    expect(canAdvance({ stage: 'cs_briefed', briefing: '卖点', csAcknowledgedAt: new Date() })).toEqual({
      ok: true,
    });
    expect(isStuck('2026-11-20', '2026-11-25', false)).toBe(true);
    expect(isStuck('2026-11-25', '2026-11-25', false)).toBe(false);
    expect(isStuck('2026-11-20', '2026-11-25', true)).toBe(false);
    expect(isStuck(null, '2026-11-25', false)).toBe(false);
    // Past due → a task to the owner; 2 days or more past due → escalation.
    expect(stuckAction('2026-11-25', '2026-11-25', false)).toBe('none');
    expect(stuckAction('2026-11-24', '2026-11-25', false)).toBe('task');
    expect(stuckAction('2026-11-23', '2026-11-25', false)).toBe('escalate');
    expect(stuckAction('2026-10-30', '2026-11-02', false)).toBe('escalate'); // across a month end
    expect(stuckAction('2026-11-01', '2026-11-25', true)).toBe('none');
    expect(stuckAction(null, '2026-11-25', false)).toBe('none');
    // DOMAIN.md §3: the designer's photo and listing chains.
    expect(STAGE_CHAIN.photo).toBe('too_many_photos');
    expect(STAGE_CHAIN.detail_page).toBe('too_many_listings');
    expect(STAGE_CHAIN.listing).toBe('too_many_listings');
    expect(STAGE_CHAIN.sample).toBeNull();
  });
});
