import { describe, expect, it } from 'vitest';
import {
  type ChatSession,
  computeKpis,
  DEFAULT_SHIFTS,
  instantPlacer,
  type KpiOrder,
  type KpiSale,
  kpiAccumulator,
  kpiGap,
  kpiRates,
  localClock,
  type MessageRole,
  placeSessions,
  sessionPlacer,
  shiftOf,
  summarizeSession,
} from './service.rules';

const TZ = 'Asia/Shanghai';
/** Local Shanghai time → epoch ms. */
const at = (s: string) => new Date(`${s}+08:00`).getTime();
const B: MessageRole = 0;
const A: MessageRole = 1;
const AUTO: MessageRole = 2;

function session(id: string, agent: string, buyer: string, msgs: [string, MessageRole][]): ChatSession {
  return { sessionId: id, agent, buyer, times: msgs.map((m) => at(m[0])), roles: msgs.map((m) => m[1]) };
}
const END = at('2026-11-27T00:00:00');

/** Orders with their paid amount; a credited, paid one is also a sale placed at its payment. */
type TestOrder = KpiOrder & { paidFen: number };
function kpis(sessions: ChatSession[], orders: TestOrder[] = []) {
  const placed = placeSessions(
    sessions.map((s) => summarizeSession(s, END)),
    TZ,
    DEFAULT_SHIFTS,
  );
  const place = instantPlacer(TZ, DEFAULT_SHIFTS);
  const sales: KpiSale[] = orders
    .filter((o) => o.creditAgent && o.paidAt !== null)
    .map((o) => ({
      orderId: o.orderId,
      agent: o.creditAgent!,
      buyer: o.buyer,
      creditedFen: o.paidFen,
      ...place(o.paidAt!, o.creditAgent!),
    }));
  return computeKpis(placed, orders, undefined, sales);
}

describe('session numbers', () => {
  it('ignores the auto-reply: the first response is the first human reply', () => {
    const s = summarizeSession(
      session('S1', 'a', 'b', [
        ['2026-11-25T10:00:00', B],
        ['2026-11-25T10:00:01', AUTO],
        ['2026-11-25T10:02:30', A],
      ]),
      END,
    );
    expect(s.firstResponseSec).toBe(150);
    expect(s.agentMessages).toBe(1);
    expect(s.rounds).toBe(1);
    expect(s.fastRounds).toBe(1);
  });

  it('counts rounds: consecutive buyer messages open one round, answered by the next human reply', () => {
    const s = summarizeSession(
      session('S1', 'a', 'b', [
        ['2026-11-25T10:00:00', B],
        ['2026-11-25T10:00:20', B],
        ['2026-11-25T10:01:00', A],
        ['2026-11-25T10:01:10', A],
        ['2026-11-25T10:05:00', B],
        ['2026-11-25T10:09:00', A],
      ]),
      END,
    );
    expect(s).toMatchObject({
      buyerMessages: 3,
      agentMessages: 3,
      rounds: 2,
      answeredRounds: 2,
      responseSumSec: 60 + 240,
      fastRounds: 1,
      firstResponseSec: 60,
    });
  });

  it('a session with no reply: no first response, its question waits until the end of the data', () => {
    const s = summarizeSession(
      session('S1', 'a', 'b', [
        ['2026-11-25T10:00:00', B],
        ['2026-11-25T10:00:01', AUTO],
      ]),
      at('2026-11-25T12:00:00'),
    );
    expect(s.firstResponseSec).toBeNull();
    expect(s.answeredRounds).toBe(0);
    expect(s.longWaits).toEqual([{ at: at('2026-11-25T10:00:00'), waitSec: 7200, answered: false }]);
  });
});

describe('shift attribution', () => {
  it('puts 00:40 in the previous date’s night shift and 03:00 in no shift', () => {
    expect(shiftOf('2026-11-26', 40, DEFAULT_SHIFTS)).toEqual({
      shiftDate: '2026-11-25',
      shiftCode: 'night',
    });
    expect(shiftOf('2026-11-26', 119, DEFAULT_SHIFTS)).toEqual({
      shiftDate: '2026-11-25',
      shiftCode: 'night',
    });
    expect(shiftOf('2026-11-26', 120, DEFAULT_SHIFTS)).toEqual({
      shiftDate: '2026-11-26',
      shiftCode: 'none',
    });
    expect(shiftOf('2026-11-26', 8 * 60 + 30, DEFAULT_SHIFTS).shiftCode).toBe('day');
    expect(shiftOf('2026-11-26', 8 * 60 + 29, DEFAULT_SHIFTS).shiftCode).toBe('none');
  });

  it('in the 17:00–17:30 overlap prefers the rostered shift, else the one listed first', () => {
    expect(shiftOf('2026-11-26', 17 * 60 + 10, DEFAULT_SHIFTS).shiftCode).toBe('day');
    expect(shiftOf('2026-11-26', 17 * 60 + 10, DEFAULT_SHIFTS, () => 'night').shiftCode).toBe('night');
    expect(shiftOf('2026-11-26', 17 * 60 + 30, DEFAULT_SHIFTS).shiftCode).toBe('night');
  });

  it('reads local dates across midnight in the store zone', () => {
    const c = localClock(TZ);
    expect(c(at('2026-11-25T23:59:59'))).toEqual({ date: '2026-11-25', minute: 1439 });
    expect(c(at('2026-11-26T00:00:00'))).toEqual({ date: '2026-11-26', minute: 0 });
  });
});

describe('KPIs per agent, day and shift', () => {
  it('keeps a chat that crosses midnight on the day and night shift it began', () => {
    const { rows } = kpis([
      session('S1', 'night1', 'b1', [
        ['2026-11-25T23:58:00', B],
        ['2026-11-25T23:58:01', AUTO],
        ['2026-11-26T00:03:00', A],
        ['2026-11-26T00:04:00', B],
        ['2026-11-26T00:04:30', A],
      ]),
    ]);
    expect(rows.map((r) => [r.date, r.shiftCode, r.agent])).toEqual([
      ['2026-11-25', '', 'night1'],
      ['2026-11-25', 'night', 'night1'],
    ]);
    const day = rows[0]!;
    expect(day).toMatchObject({
      sessions: 1,
      receptions: 1,
      answeredSessions: 1,
      slowSessions: 1,
      firstResponseSumSec: 300,
      rounds: 2,
      fastRounds: 1,
    });
    expect(kpiRates(day)).toMatchObject({ avgResponseSec: 165, fastReplyRateBp: 5000, answerRatio: 1 });
  });

  it('converts the inquiry of the agent the orders attribution credits, whoever the buyer wrote to last', () => {
    const chats = [
      session('S1', 'amy', 'b1', [
        ['2026-11-25T10:00:00', B],
        ['2026-11-25T10:00:30', A],
      ]),
      session('S2', 'bob', 'b1', [
        ['2026-11-25T10:30:00', B],
        ['2026-11-25T10:31:00', A],
      ]),
    ];
    const order: TestOrder = {
      orderId: 'O1',
      buyer: 'b1',
      createdAt: at('2026-11-25T10:40:00'),
      paidAt: at('2026-11-25T10:41:00'),
      paidFen: 9900,
      creditAgent: 'bob',
    };
    const r1 = kpis(chats, [order]);
    const amy = r1.rows.find((r) => r.agent === 'amy' && r.shiftCode === '')!;
    const bob = r1.rows.find((r) => r.agent === 'bob' && r.shiftCode === '')!;
    expect([amy.inquiries, amy.paidBuyers, amy.salesFen]).toEqual([1, 0, 0]);
    expect([bob.inquiries, bob.paidBuyers, bob.salesFen, bob.paidOrders, bob.salesBuyers]).toEqual([
      1, 1, 9900, 1, 1,
    ]);
    expect(r1.credits.get('O1')).toMatchObject({ agent: 'bob', date: '2026-11-25' });

    // Credited to amy (e.g. she flagged it): hers, although bob talked last.
    const r2 = kpis(chats, [{ ...order, creditAgent: 'amy' }]);
    const amy2 = r2.rows.find((r) => r.agent === 'amy' && r.shiftCode === '')!;
    const bob2 = r2.rows.find((r) => r.agent === 'bob' && r.shiftCode === '')!;
    expect([amy2.paidBuyers, amy2.salesFen]).toEqual([1, 9900]);
    expect([bob2.paidBuyers, bob2.salesFen]).toEqual([0, 0]);
    expect(kpiRates(amy2)).toMatchObject({ inquiryConversionBp: 10_000, aovFen: 9900 });

    // Credited to nobody (e.g. the CS is not a member): no conversion, no sales.
    const r3 = kpis(chats, [{ ...order, creditAgent: null }]);
    expect(r3.rows.filter((r) => r.shiftCode === '').map((r) => [r.paidBuyers, r.salesFen])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("puts sales on the day and shift of the payment: a night chat paid after midnight stays on the night's shift", () => {
    const chats = [
      session('S1', 'amy', 'b1', [
        ['2026-11-25T23:50:00', B],
        ['2026-11-25T23:50:30', A],
      ]),
    ];
    const { rows } = kpis(chats, [
      {
        orderId: 'O1',
        buyer: 'b1',
        createdAt: at('2026-11-26T00:30:00'),
        paidAt: at('2026-11-26T00:40:00'),
        paidFen: 5000,
        creditAgent: 'amy',
      },
    ]);
    const day25 = rows.find((r) => r.date === '2026-11-25' && r.shiftCode === '')!;
    const day26 = rows.find((r) => r.date === '2026-11-26' && r.shiftCode === '')!;
    const night = rows.find((r) => r.date === '2026-11-25' && r.shiftCode === 'night')!;
    // The inquiry converted on the 25th; the sale counts on the 26th (its payment's date)…
    expect([day25.inquiries, day25.paidBuyers, day25.salesFen]).toEqual([1, 1, 0]);
    expect([day26.sessions, day26.salesFen, day26.paidOrders]).toEqual([0, 5000, 1]);
    // …and in the 25th's night shift, which runs past midnight.
    expect([night.paidBuyers, night.salesFen]).toEqual([1, 5000]);
  });

  it('a buyer with a recent order is an after-sales contact (reception, not inquiry); late payments do not convert', () => {
    const { rows } = kpis(
      [
        session('S1', 'amy', 'old', [
          ['2026-11-25T10:00:00', B],
          ['2026-11-25T10:00:30', A],
        ]),
        session('S2', 'amy', 'slow', [
          ['2026-11-25T11:00:00', B],
          ['2026-11-25T11:00:30', A],
        ]),
      ],
      [
        {
          orderId: 'P',
          buyer: 'old',
          createdAt: at('2026-11-20T10:00:00'),
          paidAt: null,
          paidFen: 0,
          creditAgent: null,
        },
        {
          orderId: 'Q',
          buyer: 'slow',
          createdAt: at('2026-11-26T12:00:00'),
          paidAt: at('2026-11-26T12:00:01'),
          paidFen: 500,
          creditAgent: null,
        },
      ],
    );
    const day = rows.find((r) => r.shiftCode === '')!;
    expect([day.receptions, day.inquiries, day.paidBuyers, day.salesFen]).toEqual([2, 1, 0, 0]);
  });

  it('a buyer with a recent order who pays again after asking is an inquiry that converted', () => {
    const { rows } = kpis(
      [
        session('S1', 'amy', 'back', [
          ['2026-11-25T10:00:00', B],
          ['2026-11-25T10:00:30', A],
        ]),
      ],
      [
        {
          orderId: 'P',
          buyer: 'back',
          createdAt: at('2026-11-20T10:00:00'),
          paidAt: at('2026-11-20T10:01:00'),
          paidFen: 100,
          creditAgent: null,
        },
        {
          orderId: 'N',
          buyer: 'back',
          createdAt: at('2026-11-25T10:05:00'),
          paidAt: at('2026-11-25T10:06:00'),
          paidFen: 700,
          creditAgent: 'amy',
        },
      ],
    );
    const day = rows.find((r) => r.shiftCode === '')!;
    expect([day.inquiries, day.paidBuyers, day.salesFen]).toEqual([1, 1, 700]);
  });

  it('counts a session with no reply as unanswered and leaves reply rates honest', () => {
    const { rows } = kpis([
      session('S1', 'amy', 'b1', [
        ['2026-11-25T10:00:00', B],
        ['2026-11-25T10:00:01', AUTO],
      ]),
      session('S2', 'amy', 'b2', [
        ['2026-11-25T10:10:00', B],
        ['2026-11-25T10:11:00', A],
      ]),
      // An agent's reminder nobody answered is not a reception.
      session('S3', 'amy', 'b3', [['2026-11-25T10:20:00', A]]),
    ]);
    const day = rows.find((r) => r.shiftCode === '')!;
    expect(day).toMatchObject({ sessions: 2, receptions: 2, unansweredSessions: 1, answeredSessions: 1 });
    expect(kpiRates(day)).toMatchObject({
      replyRateBp: 5000,
      fastReplyRateBp: 5000,
      avgFirstResponseSec: 60,
    });
  });
});

describe('gaps against imported numbers', () => {
  it('flags differences beyond the tolerance and one-sided figures', () => {
    expect(kpiGap(10, 10, { abs: 0, rel: 0 })).toEqual({ diff: 0, flagged: false });
    expect(kpiGap(11, 10, { abs: 1, rel: 0 }).flagged).toBe(false);
    expect(kpiGap(12, 10, { abs: 1, rel: 0.1 }).flagged).toBe(true);
    expect(kpiGap(null, 10, { abs: 1, rel: 0 }).flagged).toBe(true);
    expect(kpiGap(null, null, { abs: 1, rel: 0 }).flagged).toBe(false);
  });
});

describe("the KPIs counted session by session (the recompute's pass)", () => {
  // Two agents, a buyer talking to both, a chat crossing midnight, one with no reply, an
  // after-sales buyer, orders credited to each agent.
  const chats = [
    session('S1', 'amy', 'b1', [
      ['2026-11-25T10:00:00', B],
      ['2026-11-25T10:00:01', AUTO],
      ['2026-11-25T10:03:30', A],
      ['2026-11-25T10:05:00', B],
      ['2026-11-25T10:05:20', A],
    ]),
    session('S2', 'bob', 'b1', [
      ['2026-11-25T11:00:00', B],
      ['2026-11-25T11:00:40', A],
    ]),
    session('S3', 'bob', 'b2', [
      ['2026-11-25T23:58:00', B],
      ['2026-11-26T00:03:00', A],
      ['2026-11-26T00:04:00', B],
    ]),
    session('S4', 'amy', 'b3', [
      ['2026-11-26T09:00:00', B],
      ['2026-11-26T09:00:01', AUTO],
    ]),
    session('S5', 'amy', 'b4', [
      ['2026-11-26T14:00:00', B],
      ['2026-11-26T14:01:00', A],
    ]),
    session('S6', 'amy', 'b1', [
      ['2026-11-26T15:00:00', B],
      ['2026-11-26T15:00:30', A],
    ]),
  ];
  const orders: KpiOrder[] = [
    {
      orderId: 'O1',
      buyer: 'b1',
      createdAt: at('2026-11-25T11:10:00'),
      paidAt: at('2026-11-25T11:11:00'),
      creditAgent: 'bob',
    },
    {
      orderId: 'O2',
      buyer: 'b2',
      createdAt: at('2026-11-26T00:10:00'),
      paidAt: at('2026-11-26T00:11:00'),
      creditAgent: 'bob',
    },
    {
      orderId: 'O3',
      buyer: 'b4',
      createdAt: at('2026-11-20T10:00:00'),
      paidAt: at('2026-11-20T10:01:00'),
      creditAgent: null,
    },
    {
      orderId: 'O4',
      buyer: 'b1',
      createdAt: at('2026-11-26T15:10:00'),
      paidAt: at('2026-11-26T15:12:00'),
      creditAgent: 'amy',
    },
  ];
  const place = instantPlacer(TZ, DEFAULT_SHIFTS);
  const sales: KpiSale[] = orders
    .filter((o) => o.creditAgent && o.paidAt !== null)
    .map((o) => ({
      orderId: o.orderId,
      agent: o.creditAgent!,
      buyer: o.buyer,
      creditedFen: 100,
      ...place(o.paidAt!, o.creditAgent!),
    }));
  const placeOne = sessionPlacer(TZ, DEFAULT_SHIFTS);
  const placed = () => chats.map((c) => placeOne(summarizeSession(c, END)));

  it("gives computeKpis's rows whatever order the sessions come in", () => {
    const whole = computeKpis(placed(), orders, undefined, sales);
    expect(whole.rows.length).toBeGreaterThan(4);
    for (const order of [placed(), placed().reverse(), [3, 0, 5, 1, 4, 2].map((i) => placed()[i]!)]) {
      const acc = kpiAccumulator();
      for (const s of order) acc.add(s);
      const r = acc.finish(orders, sales);
      expect(r.rows).toEqual(whole.rows);
      expect([...r.credits].sort()).toEqual([...whole.credits].sort());
    }
    const amy26 = whole.rows.find((r) => r.date === '2026-11-26' && r.agent === 'amy' && r.shiftCode === '')!;
    // b3 unanswered, b4 after-sales (no inquiry), b1 converted by amy's credited order.
    expect(amy26).toMatchObject({
      sessions: 3,
      receptions: 3,
      inquiries: 2,
      unansweredSessions: 1,
      paidBuyers: 1,
    });
  });

  it('places one summary like placeSessions does', () => {
    const one = placed();
    const all = placeSessions(
      chats.map((c) => summarizeSession(c, END)),
      TZ,
      DEFAULT_SHIFTS,
    );
    expect(one).toEqual(all);
    expect(one[2]).toMatchObject({ date: '2026-11-25', shiftDate: '2026-11-25', shiftCode: 'night' });
  });

  it('summarises the first `count` messages of longer, reused arrays like exact ones', () => {
    for (const c of chats) {
      const times = [...c.times, 1, 2, 3];
      const roles: MessageRole[] = [...c.roles, B, A, B];
      expect(summarizeSession({ ...c, times, roles, count: c.times.length }, END)).toEqual(
        summarizeSession(c, END),
      );
    }
  });
});
