import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { describe, expect, it } from 'vitest';
import {
  classifyReview,
  DEFAULT_SPIKE,
  deadlineState,
  evidenceNeeded,
  hasPlatformIntervention,
  isSpike,
  listingIssue,
  pareto,
  refundCause,
  reviewCountsAgainstCs,
  spikeSettingsProblems,
} from './aftersales.rules';

const jieba = Jieba.withDict(dict);
const cut = (s: string) => jieba.cut(s);

describe('refund cause', () => {
  it.each([
    ['质量问题', '卖家', 'quality'],
    ['不想要了', '买家', 'buyer'],
    ['拍错/多拍', '买家', 'buyer'],
    ['七天无理由退换货', '买家', 'buyer'],
    ['尺寸拍错/不喜欢/效果不好', '买家', 'buyer'],
    ['收到商品破损', '物流', 'logistics'],
    ['未收到货', '物流', 'logistics'],
    ['发错货', '卖家', 'warehouse'],
    ['少件/漏发', '卖家', 'warehouse'],
    ['未按约定时间发货', '卖家', 'warehouse'],
    ['与商品描述不符', '卖家', 'listing'],
    ['客服态度差', null, 'service'],
    ['其他', null, 'other'],
  ] as const)('%s (%s) → %s', (reason, party, cause) => {
    expect(refundCause({ reason, responsibleParty: party })).toBe(cause);
  });

  it.each([
    ['尺寸拍错/不喜欢/效果不好', 'size'],
    ['与商品描述不符', 'description'],
    ['颜色和图片不一样', 'colour'],
    ['质量问题', null],
  ] as const)('listing issue of %s → %s', (reason, issue) => {
    expect(listingIssue(reason)).toBe(issue);
  });
});

describe('pareto and spikes', () => {
  it('orders by count and accumulates shares', () => {
    const rows = pareto([
      { key: 'b', count: 2, amountFen: 100 },
      { key: 'a', count: 6, amountFen: 900 },
      { key: 'c', count: 2, amountFen: 300 },
    ]);
    expect(rows.map((r) => [r.key, r.shareBp, r.cumulativeBp])).toEqual([
      ['a', 6000, 6000],
      ['c', 2000, 8000],
      ['b', 2000, 10000],
    ]);
    expect(pareto([])).toEqual([]);
  });
  it.each([
    [5, [1, 1, 1, 1, 1, 1, 1], true],
    [3, [1, 1, 1, 1, 1, 1, 1], true],
    [2, [0, 0, 0, 0, 0, 0, 0], false],
    [3, [], true],
    [2, [], false],
    [8, [3, 3, 3, 3, 3, 3, 3], true],
    [6, [3, 3, 3, 3, 3, 3, 3], false],
  ])('today %i after %j → spike %s', (today, prev, spike) => {
    expect(isSpike(today, prev).spike).toBe(spike);
  });
});

describe('review reason class (jieba + lexicon)', () => {
  it.each([
    ['杯子漏水，质量太差了', 'quality'],
    ['充不进电，直接坏了', 'quality'],
    ['尺寸和描述的不一样，偏小', 'size'],
    ['实物和图片差别很大，颜色完全不一样', 'description'],
    ['物流太慢了，一个星期才到，外包装都破了', 'logistics'],
    ['客服态度很差，问能不能便宜点直接说不讲价，爱理不理的', 'service'],
    ['一般般，价格有点小贵', 'price'],
    ['东西还行吧，就是和图片有点色差', 'description'],
    ['还可以，没有想象中好', 'other'],
  ] as const)('%s → %s', (text, cls) => {
    expect(classifyReview(cut(text)).cls).toBe(cls);
  });
  it('an edited lexicon changes the suggestion', () => {
    expect(classifyReview(cut('没有想象中好'), { price: ['想象'] }).cls).toBe('price');
  });
  it('a CS-caused bad review counts against the CS until changed to good', () => {
    expect(reviewCountsAgainstCs({ reasonClass: 'service', outcome: null })).toBe(true);
    expect(reviewCountsAgainstCs({ reasonClass: 'service', outcome: 'changed' })).toBe(false);
    expect(reviewCountsAgainstCs({ reasonClass: 'quality', outcome: null })).toBe(false);
  });
});

describe('disputes', () => {
  it('names the evidence a reason needs', () => {
    expect(evidenceNeeded('收到商品破损')).toEqual(['chat_log', 'photos']);
    expect(evidenceNeeded('未收到货')).toEqual(['chat_log', 'delivery_signature', 'tracking']);
  });
  it('watches the deadline', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    expect(deadlineState(null, now)).toBe('none');
    expect(deadlineState(new Date('2026-11-24T23:00:00Z'), now)).toBe('overdue');
    expect(deadlineState(new Date('2026-11-25T10:00:00Z'), now)).toBe('due_soon');
    expect(deadlineState(new Date('2026-11-28T00:00:00Z'), now)).toBe('ok');
  });
  it.each([
    ['客服未介入', false],
    ['客服介入处理中', true],
    ['客服介入处理完成', true],
    [null, false],
  ] as const)('intervention %s → %s', (s, v) => {
    expect(hasPlatformIntervention(s)).toBe(v);
  });
});

describe('spike thresholds: checks before saving', () => {
  const cases: [string, { baselineDays: number; minCount: number; factor: number }, string[]][] = [
    ['defaults', DEFAULT_SPIKE, []],
    ['no baseline', { ...DEFAULT_SPIKE, baselineDays: 0 }, ['baselineDays']],
    ['negative minimum', { ...DEFAULT_SPIKE, minCount: -1 }, ['minCount']],
    ['factor below 1 alerts every day', { ...DEFAULT_SPIKE, factor: 0.5 }, ['factor']],
    ['fractional factor is fine', { ...DEFAULT_SPIKE, factor: 1.5 }, []],
    ['fractional days', { ...DEFAULT_SPIKE, baselineDays: 2.5 }, ['baselineDays']],
    [
      'everything wrong',
      { baselineDays: 999, minCount: 0, factor: Number.NaN },
      ['baselineDays', 'minCount', 'factor'],
    ],
  ];
  for (const [name, input, fields] of cases)
    it(name, () => {
      expect(spikeSettingsProblems(input).map((p) => p.field)).toEqual(fields);
    });
});
