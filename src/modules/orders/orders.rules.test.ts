import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttributionInput,
  attributeOrder,
  canTakeOver,
  DEFAULT_SHIPPING,
  DEFAULT_UNPAID,
  isBackwards,
  overRefunded,
  REFUND_CAUSES,
  shippingDeadline,
  shippingSettingsProblems,
  shippingState,
  stockShortfalls,
  unpaidSettingsProblems,
  urgeConversion,
} from './orders.rules';

const T = (s: string) => new Date(s);
const created = T('2026-11-20T02:00:00Z');
const members = new Set(['p-mei', 'p-yu', 'p-jie']);
const touch = (personId: string | null, agent: string, first: string, last = first, messages = 3) => ({
  personId,
  agent,
  firstAt: T(first),
  lastAt: T(last),
  messages,
});
const base: AttributionInput = {
  orderId: 'O1',
  createdAt: created,
  paidAt: T('2026-11-20T03:00:00Z'),
  paidAmountFen: 10_000,
  touches: [],
  flag: null,
  originalOfflineAtFlag: null,
  refunds: [],
  csBadReviews: [],
  members,
};

type Case = {
  name: string;
  input: Partial<AttributionInput>;
  person: string | null;
  fen: number;
  reason: string;
};

const cases: Case[] = [
  {
    name: 'unpaid orders credit nobody',
    input: { paidAt: null, touches: [touch('p-mei', '店:小美', '2026-11-20T02:10:00Z')] },
    person: null,
    fen: 0,
    reason: 'not_paid',
  },
  { name: 'silent order (no chat, no flag)', input: {}, person: null, fen: 0, reason: 'no_chat' },
  {
    name: 'chatted and closed',
    input: { touches: [touch('p-mei', '店:小美', '2026-11-20T01:50:00Z', '2026-11-20T02:20:00Z')] },
    person: 'p-mei',
    fen: 10_000,
    reason: 'chatted_and_closed',
  },
  {
    name: 'a chat after payment does not sell the order',
    input: { touches: [touch('p-mei', '店:小美', '2026-11-20T05:00:00Z')] },
    person: null,
    fen: 0,
    reason: 'no_chat',
  },
  {
    name: 'auto-reply only (0 typed messages) is no chat',
    input: { touches: [touch('p-mei', '店:小美', '2026-11-20T02:10:00Z', '2026-11-20T02:10:00Z', 0)] },
    person: null,
    fen: 0,
    reason: 'no_chat',
  },
  {
    name: 'several CS → the one who flagged',
    input: {
      touches: [
        touch('p-mei', '店:小美', '2026-11-20T01:00:00Z', '2026-11-20T01:30:00Z'),
        touch('p-yu', '店:小雨', '2026-11-20T02:30:00Z', '2026-11-20T02:50:00Z'),
      ],
      flag: { personId: 'p-mei', at: T('2026-11-20T01:31:00Z') },
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'several_cs_flagged',
  },
  {
    name: 'several CS without a flag → the one talking when the order was placed, not the urger',
    input: {
      touches: [
        touch('p-mei', '店:小美', '2026-11-20T01:00:00Z', '2026-11-20T01:30:00Z'),
        touch('p-yu', '店:小雨', '2026-11-20T02:30:00Z', '2026-11-20T02:50:00Z'),
      ],
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'several_cs_no_flag',
  },
  {
    name: 'several CS before the order, no flag → the later of them',
    input: {
      touches: [
        touch('p-mei', '店:小美', '2026-11-20T00:10:00Z', '2026-11-20T00:30:00Z'),
        touch('p-yu', '店:小雨', '2026-11-20T01:40:00Z', '2026-11-20T01:55:00Z'),
      ],
    },
    person: 'p-yu',
    fen: 10_000,
    reason: 'several_cs_no_flag',
  },
  {
    name: 'nobody chatted before the order: the first who followed up before payment',
    input: {
      touches: [
        touch('p-jie', '店:阿杰', '2026-11-20T02:40:00Z'),
        touch('p-yu', '店:小雨', '2026-11-20T02:20:00Z'),
      ],
    },
    person: 'p-yu',
    fen: 10_000,
    reason: 'several_cs_no_flag',
  },
  {
    name: 'taken over after 24 h unpaid while the original CS is offline',
    input: {
      paidAt: T('2026-11-21T06:00:00Z'),
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z', '2026-11-20T02:30:00Z')],
      flag: { personId: 'p-jie', at: T('2026-11-21T05:00:00Z') },
      originalOfflineAtFlag: true,
    },
    person: 'p-jie',
    fen: 10_000,
    reason: 'taken_over',
  },
  {
    name: 'a takeover while the original CS is online keeps the credit with them',
    input: {
      paidAt: T('2026-11-21T06:00:00Z'),
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z', '2026-11-20T02:30:00Z')],
      flag: { personId: 'p-jie', at: T('2026-11-21T05:00:00Z') },
      originalOfflineAtFlag: false,
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'chatted_and_closed',
  },
  {
    name: 'a takeover before 24 h keeps the credit with the original CS',
    input: {
      paidAt: T('2026-11-20T20:00:00Z'),
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      flag: { personId: 'p-jie', at: T('2026-11-20T19:00:00Z') },
      originalOfflineAtFlag: true,
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'chatted_and_closed',
  },
  {
    name: 'a flag after payment is ignored',
    input: {
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      flag: { personId: 'p-yu', at: T('2026-11-20T04:00:00Z') },
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'chatted_and_closed',
  },
  {
    name: 'flag by someone who left the store is ignored',
    input: {
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      flag: { personId: 'p-gone', at: T('2026-11-20T02:30:00Z') },
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'chatted_and_closed',
  },
  {
    name: 'a flag with no chat at all (urged by phone) claims the order',
    input: { flag: { personId: 'p-yu', at: T('2026-11-20T02:30:00Z') } },
    person: 'p-yu',
    fen: 10_000,
    reason: 'flagged_without_chat',
  },
  {
    name: 'chat account not linked to a store person → nobody',
    input: { touches: [touch(null, '店:外包', '2026-11-20T02:05:00Z')] },
    person: null,
    fen: 0,
    reason: 'agent_not_member',
  },
  {
    name: 'a return caused by the buyer is taken out of the sales',
    input: {
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      refunds: [{ refundId: 'R1', amountFen: 10_000, cause: 'buyer' }],
    },
    person: 'p-mei',
    fen: 0,
    reason: 'refund_removed',
  },
  {
    name: 'a partial return caused by poor service takes out its amount',
    input: {
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      refunds: [{ refundId: 'R1', amountFen: 3_000, cause: 'service' }],
    },
    person: 'p-mei',
    fen: 7_000,
    reason: 'refund_removed',
  },
  {
    name: 'a return caused by quality stays in the sales',
    input: {
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      refunds: [{ refundId: 'R1', amountFen: 10_000, cause: 'quality' }],
    },
    person: 'p-mei',
    fen: 10_000,
    reason: 'chatted_and_closed',
  },
  {
    name: 'a bad review caused by CS takes the order out',
    input: {
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      csBadReviews: [{ reviewId: 'V1' }],
    },
    person: 'p-mei',
    fen: 0,
    reason: 'bad_review_removed',
  },
];

describe('order attribution (DOMAIN.md §5)', () => {
  it.each(cases)('$name', (c) => {
    const a = attributeOrder({ ...base, ...c.input });
    expect(a.personId).toBe(c.person);
    expect(a.creditedFen).toBe(c.fen);
    expect(a.reason.code).toBe(c.reason);
    expect(a.steps).toContainEqual(a.reason);
  });

  it('keeps why a takeover was refused in the steps', () => {
    const a = attributeOrder({
      ...base,
      paidAt: T('2026-11-21T06:00:00Z'),
      touches: [touch('p-mei', '店:小美', '2026-11-20T02:05:00Z')],
      flag: { personId: 'p-jie', at: T('2026-11-21T05:00:00Z') },
      originalOfflineAtFlag: false,
    });
    expect(a.steps.map((s) => s.code)).toEqual(['takeover_original_online', 'chatted_and_closed']);
    expect(a.steps[0]!.params).toEqual({ hours: 27 });
  });

  const arbDate = fc.integer({ min: 0, max: 72 * 60 }).map((m) => new Date(created.getTime() + m * 60_000));
  const arbPerson = fc.constantFrom('p-mei', 'p-yu', 'p-jie', 'p-gone', 'p-other-store');
  const arbInput: fc.Arbitrary<AttributionInput> = fc.record({
    orderId: fc.constant('O'),
    createdAt: fc.constant(created),
    paidAt: fc.option(arbDate, { nil: null }),
    paidAmountFen: fc.integer({ min: 0, max: 1_000_000 }),
    touches: fc.array(
      fc.record({
        personId: fc.option(arbPerson, { nil: null }),
        agent: fc.constantFrom('店:小美', '店:小雨', '店:阿杰', '店:外包'),
        firstAt: arbDate,
        lastAt: arbDate,
        messages: fc.integer({ min: 0, max: 20 }),
      }),
      { maxLength: 5 },
    ),
    flag: fc.option(fc.record({ personId: arbPerson, at: arbDate }), { nil: null }),
    originalOfflineAtFlag: fc.constantFrom(true, false, null),
    refunds: fc.array(
      fc.record({
        refundId: fc.constant('R'),
        amountFen: fc.integer({ min: 0, max: 2_000_000 }),
        cause: fc.constantFrom(...REFUND_CAUSES),
      }),
      { maxLength: 3 },
    ),
    csBadReviews: fc.array(fc.record({ reviewId: fc.constant('V') }), { maxLength: 1 }),
    members: fc.constant(members as ReadonlySet<string>),
  });

  it('property: one credited CS at most, always a store member, never more than paid', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const a = attributeOrder(input);
        // One person (or none): the result type holds a single personId; check its validity.
        if (a.personId !== null) expect(members.has(a.personId)).toBe(true);
        if (!input.paidAt) expect(a.personId).toBeNull();
        expect(a.creditedFen).toBeGreaterThanOrEqual(0);
        expect(a.creditedFen).toBeLessThanOrEqual(input.paidAmountFen);
        if (a.personId === null) expect(a.creditedFen).toBe(0);
        expect(a.steps.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('property: summing credits over a batch never counts an order twice', () => {
    fc.assert(
      fc.property(fc.array(arbInput, { maxLength: 20 }), (inputs) => {
        const batch = inputs.map((x, i) => attributeOrder({ ...x, orderId: `O${i}` }));
        const ids = batch.filter((a) => a.personId).map((a) => a.orderId);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('24 h takeover (DOMAIN.md §5)', () => {
  const p = { createdAt: created, originalPersonIds: ['p-mei'] };
  it.each([
    ['own CS any time', 'p-mei', '2026-11-20T03:00:00Z', false, true, 'own_order'],
    ['no original CS', 'p-yu', '2026-11-20T03:00:00Z', false, true, 'no_original_cs'],
    ['another CS before 24 h', 'p-yu', '2026-11-21T01:59:00Z', true, false, 'takeover_too_early'],
    [
      'another CS after 24 h, original online',
      'p-yu',
      '2026-11-21T03:00:00Z',
      false,
      false,
      'takeover_original_online',
    ],
    ['another CS after 24 h, original offline', 'p-yu', '2026-11-21T03:00:00Z', true, true, 'taken_over'],
  ] as const)('%s', (_n, person, now, offline, allowed, code) => {
    const r = canTakeOver({
      ...p,
      originalPersonIds: code === 'no_original_cs' ? [] : p.originalPersonIds,
      personId: person,
      now: T(now),
      originalOffline: offline,
    });
    expect(r.allowed).toBe(allowed);
    expect(r.reason.code).toBe(code);
  });
});

describe('urge conversion', () => {
  it('counts each urged order once per person, paid after the first urge', () => {
    const urges = [
      { orderId: 'A', personId: 'p1', at: T('2026-11-20T02:00:00Z') },
      { orderId: 'A', personId: 'p1', at: T('2026-11-20T05:00:00Z') },
      { orderId: 'B', personId: 'p1', at: T('2026-11-20T02:00:00Z') },
      { orderId: 'C', personId: 'p2', at: T('2026-11-20T02:00:00Z') },
    ];
    const paid = new Map<string, Date | null>([
      ['A', T('2026-11-20T03:00:00Z')],
      ['B', null],
      ['C', T('2026-11-20T01:00:00Z')], // paid before the urge: not a conversion
    ]);
    expect(urgeConversion(urges, paid)).toEqual([
      { personId: 'p1', urged: 2, paid: 1, rateBp: 5000 },
      { personId: 'p2', urged: 1, paid: 0, rateBp: 0 },
    ]);
  });
});

describe('shipping deadlines (DOMAIN.md §4)', () => {
  const S = DEFAULT_SHIPPING;
  it('before the cut-off: today’s dispatch; after: tomorrow’s, across midnight (Shanghai)', () => {
    // 15:59 Shanghai = 07:59Z
    const a = shippingDeadline(T('2026-11-25T07:59:00Z'), S, 'Asia/Shanghai');
    expect(a.dispatchAt.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(a.target.toISOString()).toBe('2026-11-26T07:59:00.000Z');
    expect(a.limit.toISOString()).toBe('2026-11-27T07:59:00.000Z');
    // 23:50 Shanghai on the 25th = 15:50Z; the dispatch is the 26th 16:00 Shanghai.
    const b = shippingDeadline(T('2026-11-25T15:50:00Z'), S, 'Asia/Shanghai');
    expect(b.dispatchAt.toISOString()).toBe('2026-11-26T08:00:00.000Z');
    // 00:10 Shanghai on the 26th = 16:10Z on the 25th: the same dispatch (business date 26th).
    const c = shippingDeadline(T('2026-11-25T16:10:00Z'), S, 'Asia/Shanghai');
    expect(c.dispatchAt.toISOString()).toBe('2026-11-26T08:00:00.000Z');
  });

  it('uses the store’s zone, including a daylight-saving change', () => {
    // Los Angeles, 2026-11-01 is the DST end: 16:00 PST = 00:00Z next day.
    const a = shippingDeadline(T('2026-11-01T20:00:00Z'), S, 'America/Los_Angeles'); // 12:00 PST
    expect(a.dispatchAt.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    const b = shippingDeadline(T('2026-10-31T20:00:00Z'), S, 'America/Los_Angeles'); // 13:00 PDT
    expect(b.dispatchAt.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    // The same instant is a different business day in Shanghai vs. London.
    const t = T('2026-11-25T17:00:00Z');
    expect(shippingDeadline(t, S, 'Asia/Shanghai').dispatchAt.toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(shippingDeadline(t, S, 'Europe/London').dispatchAt.toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('campaign periods extend the limits by the paid date', () => {
    const s = { ...S, campaigns: [{ from: '2026-11-10', to: '2026-11-12', extraHours: 48 }] };
    const a = shippingDeadline(T('2026-11-10T16:30:00Z'), s, 'Asia/Shanghai'); // 00:30 on the 11th
    expect(a.extraHours).toBe(48);
    expect(a.limit.toISOString()).toBe('2026-11-14T16:30:00.000Z');
    const b = shippingDeadline(T('2026-11-12T16:30:00Z'), s, 'Asia/Shanghai'); // 13th: over
    expect(b.extraHours).toBe(0);
  });

  it.each([
    ['ok right after payment', '2026-11-25T01:00:00Z', null, 'ok'],
    ['at risk after missing today’s dispatch', '2026-11-25T08:30:00Z', null, 'at_risk'],
    ['overdue past 24 h', '2026-11-26T01:30:00Z', null, 'overdue'],
    ['late past 48 h', '2026-11-27T01:30:00Z', null, 'late'],
    ['shipped in time', '2026-11-28T00:00:00Z', '2026-11-26T00:00:00Z', 'shipped_on_time'],
    ['shipped late', '2026-11-28T00:00:00Z', '2026-11-27T02:00:00Z', 'shipped_late'],
  ] as const)('%s', (_n, now, shipped, state) => {
    const paidAt = T('2026-11-25T01:00:00Z'); // 09:00 Shanghai
    const r = shippingState(
      { paidAt, now: T(now), shippedAt: shipped ? T(shipped) : null },
      S,
      'Asia/Shanghai',
    );
    expect(r.state).toBe(state);
  });

  it('property: dispatch ≤ target ≤ limit and never before payment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        fc.constantFrom('Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Pacific/Auckland'),
        fc.constantFrom('00:00', '09:30', '16:00', '23:59'),
        (ms, tz, cutoff) => {
          const paid = new Date(ms);
          const d = shippingDeadline(paid, { ...S, cutoff }, tz);
          expect(d.dispatchAt.getTime()).toBeGreaterThanOrEqual(paid.getTime());
          expect(d.dispatchAt.getTime() - paid.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
          expect(d.target.getTime()).toBeLessThanOrEqual(d.limit.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('odd facts', () => {
  it.each([
    [null, 'awaiting_payment', false],
    ['awaiting_payment', 'awaiting_shipment', false],
    ['shipped', 'awaiting_shipment', true],
    ['completed', 'shipped', true],
    ['awaiting_shipment', 'closed', false],
    ['other', 'awaiting_payment', false],
  ] as const)('%s → %s backwards=%s', (from, to, back) => {
    expect(isBackwards(from, to)).toBe(back);
  });
  it('flags refunds adding up to more than paid', () => {
    expect(overRefunded(10_000, [6_000, 5_000])).toEqual({ over: true, totalFen: 11_000 });
    expect(overRefunded(10_000, [6_000, 4_000])).toEqual({ over: false, totalFen: 10_000 });
  });
});

describe('out of stock: which paid orders the stock cannot fill', () => {
  const o = (orderId: string, paid: string, lines: [string, number][]) => ({
    orderId,
    paidAt: T(paid),
    lines: lines.map(([skuCode, quantity]) => ({ skuCode, quantity })),
  });
  const cases: {
    name: string;
    open: ReturnType<typeof o>[];
    stock: [string, number][];
    short: [string, string[]][];
  }[] = [
    { name: 'nothing open', open: [], stock: [['A', 0]], short: [] },
    {
      name: 'zero on hand: every order of the SKU is short',
      open: [o('1', '2026-11-24T01:00:00Z', [['A', 1]]), o('2', '2026-11-24T02:00:00Z', [['A', 2]])],
      stock: [['A', 0]],
      short: [
        ['1', ['A']],
        ['2', ['A']],
      ],
    },
    {
      name: 'first paid, first served',
      open: [o('late', '2026-11-24T05:00:00Z', [['A', 1]]), o('early', '2026-11-24T01:00:00Z', [['A', 2]])],
      stock: [['A', 2]],
      short: [['late', ['A']]],
    },
    {
      name: 'exactly enough: nobody short',
      open: [o('1', '2026-11-24T01:00:00Z', [['A', 2]]), o('2', '2026-11-24T02:00:00Z', [['A', 3]])],
      stock: [['A', 5]],
      short: [],
    },
    {
      name: 'a big order short does not block a smaller later one',
      open: [o('big', '2026-11-24T01:00:00Z', [['A', 5]]), o('small', '2026-11-24T02:00:00Z', [['A', 1]])],
      stock: [['A', 2]],
      short: [['big', ['A']]],
    },
    {
      name: 'two lines of one SKU add up',
      open: [
        o('1', '2026-11-24T01:00:00Z', [
          ['A', 1],
          ['A', 1],
        ]),
      ],
      stock: [['A', 1]],
      short: [['1', ['A']]],
    },
    {
      name: 'an untracked SKU is never short',
      open: [o('1', '2026-11-24T01:00:00Z', [['X', 9]])],
      stock: [['A', 0]],
      short: [],
    },
    {
      name: 'negative on hand (oversold ledger) counts as none',
      open: [
        o('1', '2026-11-24T01:00:00Z', [
          ['A', 1],
          ['B', 1],
        ]),
      ],
      stock: [
        ['A', -3],
        ['B', 4],
      ],
      short: [['1', ['A']]],
    },
    {
      name: 'same paid time: by order id',
      open: [o('b', '2026-11-24T01:00:00Z', [['A', 1]]), o('a', '2026-11-24T01:00:00Z', [['A', 1]])],
      stock: [['A', 1]],
      short: [['b', ['A']]],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = stockShortfalls(c.open, new Map(c.stock));
      expect(got.map((s) => [s.orderId, s.skus.map((k) => k.skuCode)])).toEqual(c.short);
    });

  it('reports what was needed and what was left', () => {
    const [s] = stockShortfalls([o('1', '2026-11-24T01:00:00Z', [['A', 3]])], new Map([['A', 2]]));
    expect(s!.skus).toEqual([{ skuCode: 'A', needed: 3, left: 2 }]);
  });

  it('property: the orders filled never need more than is on hand, and a short line really is short', () => {
    const arbOrder = fc.record({
      orderId: fc.string({ minLength: 1, maxLength: 4 }),
      paidAt: fc.integer({ min: 0, max: 1_000 }).map((m) => new Date(Date.UTC(2026, 10, 24) + m * 60_000)),
      lines: fc.array(
        fc.record({ skuCode: fc.constantFrom('A', 'B', 'C'), quantity: fc.integer({ min: 1, max: 5 }) }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbOrder, { selector: (x) => x.orderId, maxLength: 12 }),
        fc.record({ A: fc.integer({ min: -2, max: 15 }), B: fc.integer({ min: 0, max: 15 }) }),
        (open, st) => {
          const onHand = new Map(Object.entries(st));
          const short = stockShortfalls(open, onHand);
          const shortLines = new Set(short.flatMap((s) => s.skus.map((k) => `${s.orderId}|${k.skuCode}`)));
          for (const sku of ['A', 'B']) {
            let used = 0;
            for (const x of open)
              if (!shortLines.has(`${x.orderId}|${sku}`))
                used += x.lines.filter((l) => l.skuCode === sku).reduce((a, l) => a + l.quantity, 0);
            expect(used).toBeLessThanOrEqual(Math.max(0, onHand.get(sku)!));
          }
          for (const s of short) for (const k of s.skus) expect(k.left).toBeLessThan(k.needed);
          // C is not tracked: never short.
          expect(short.some((s) => s.skus.some((k) => k.skuCode === 'C'))).toBe(false);
        },
      ),
    );
  });
});

describe('settings checks: negative, overlapping and impossible values are refused by field', () => {
  const ship = (over: Partial<typeof DEFAULT_SHIPPING>) => ({ ...DEFAULT_SHIPPING, ...over });
  const c = (from: string, to: string, extraHours = 24) => ({ from, to, extraHours });
  const cases: [string, ReturnType<typeof ship>, [string, string][]][] = [
    ['the defaults are fine', ship({}), []],
    ['cut-off not a time', ship({ cutoff: '24:00' }), [['cutoff', 'bad_cutoff']]],
    ['negative target', ship({ targetHours: -1 }), [['targetHours', 'bad_hours']]],
    ['fractional hours', ship({ limitHours: 47.5 }), [['limitHours', 'bad_hours']]],
    ['limit below target', ship({ targetHours: 24, limitHours: 12 }), [['limitHours', 'bad_limits']]],
    [
      'warning not below target',
      ship({ targetHours: 4, riskHours: 4 }),
      [['riskHours', 'risk_not_below_target']],
    ],
    ['negative warning', ship({ riskHours: -2 }), [['riskHours', 'bad_hours']]],
    ['a campaign', ship({ campaigns: [c('2026-11-10', '2026-11-12')] }), []],
    [
      'campaign ends before it starts',
      ship({ campaigns: [c('2026-11-12', '2026-11-10')] }),
      [['campaigns.0.to', 'campaign_ends_before_start']],
    ],
    [
      'impossible date',
      ship({ campaigns: [c('2026-02-30', '2026-03-01')] }),
      [['campaigns.0.from', 'bad_date']],
    ],
    [
      'negative extension',
      ship({ campaigns: [c('2026-11-10', '2026-11-12', -5)] }),
      [['campaigns.0.extraHours', 'bad_campaign_hours']],
    ],
    [
      'overlapping periods name the later row',
      ship({ campaigns: [c('2026-11-20', '2026-11-25'), c('2026-11-10', '2026-11-20')] }),
      [['campaigns.0.from', 'campaigns_overlap']],
    ],
    [
      'touching is not overlapping',
      ship({ campaigns: [c('2026-11-10', '2026-11-11'), c('2026-11-12', '2026-11-13')] }),
      [],
    ],
  ];
  for (const [name, input, want] of cases)
    it(name, () => {
      expect(shippingSettingsProblems(input).map((p) => [p.field, p.code])).toEqual(want);
    });

  it('overlap names both rows', () => {
    const [p] = shippingSettingsProblems(
      ship({ campaigns: [c('2026-11-01', '2026-11-05'), c('2026-11-05', '2026-11-06')] }),
    );
    expect(p!.params).toMatchObject({ row: 2, other: 1 });
  });

  const unpaid = (over: Partial<typeof DEFAULT_UNPAID>) => ({ ...DEFAULT_UNPAID, ...over });
  const unpaidCases: [string, ReturnType<typeof unpaid>, [string, string][]][] = [
    ['defaults (24 h takeover of DOMAIN.md §5)', unpaid({}), []],
    ['zero takeover hours', unpaid({ takeoverHours: 0 }), [['takeoverHours', 'bad_hours']]],
    ['negative offline window', unpaid({ offlineMinutes: -30 }), [['offlineMinutes', 'bad_minutes']]],
    ['urge window of 0 days', unpaid({ urgeWindowDays: 0 }), [['urgeWindowDays', 'bad_days']]],
    [
      'wait longer than the window',
      unpaid({ urgeAfterHours: 72, urgeWindowDays: 3 }),
      [['urgeAfterHours', 'urge_after_window']],
    ],
    ['negative wait', unpaid({ urgeAfterHours: -1 }), [['urgeAfterHours', 'bad_hours']]],
  ];
  for (const [name, input, want] of unpaidCases)
    it(`unpaid: ${name}`, () => {
      expect(unpaidSettingsProblems(input).map((p) => [p.field, p.code])).toEqual(want);
    });

  it('the takeover hours setting moves the 24 h rule', () => {
    const p = {
      personId: 'p-yu',
      createdAt: T('2026-11-20T00:00:00Z'),
      now: T('2026-11-20T13:00:00Z'),
      originalPersonIds: ['p-mei'],
      originalOffline: true,
    };
    expect(canTakeOver(p).allowed).toBe(false);
    expect(canTakeOver({ ...p, takeoverHours: 12 }).allowed).toBe(true);
  });
});
