import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToDecimal, formatFen, parseFen } from '../core/money';
import {
  _fastFenForTest,
  CellProblem,
  cleanCell,
  PROBLEM,
  parseAddress,
  parseBasisPoints,
  parseBool,
  parseBusinessDate,
  parseCode,
  parseDecimal,
  parseDigitId,
  parseDurationSeconds,
  parseInstant,
  parseInteger,
  parseMoney,
  parseMoneyRounded,
  parsePhone,
  parseRateDecimal,
  parseText,
  parseTimeOfDay,
  scaleDecimal,
} from './cells';

describe('empty cells (quirk 8)', () => {
  it.each(['', '   ', '-', '--', '暂无数据', 'null', 'NULL', '=""', ' ="" ', '\u3000'])(
    'reads %j as empty',
    (s) => {
      expect(cleanCell(s)).toBeNull();
      expect(parseMoney(s)).toBeNull();
      expect(parseInstant(s)).toBeNull();
      expect(parseDigitId(s)).toBeNull();
      expect(parseBasisPoints(s)).toBeNull();
    },
  );

  it('keeps real text, trimmed', () => {
    expect(parseText('  请发顺丰 ')).toBe('请发顺丰');
    expect(parseText('-1')).toBe('-1');
  });
});

describe('ids written as Excel formulas (quirk 2)', () => {
  it('strips ="…" and keeps every digit of an id beyond 2^53', () => {
    expect(parseDigitId('="35153131473293579"')).toBe('35153131473293579');
    expect(parseDigitId('35153131473293579')).toBe('35153131473293579');
    expect(parseDigitId("'35153131473293579")).toBe('35153131473293579');
  });

  it('rejects ids that Excel turned into numbers', () => {
    expect(parseDigitId('3.5153131473293579E+16')).toBe(PROBLEM.idScientific);
    expect(parseDigitId('3.51531E16')).toBe(PROBLEM.idScientific);
    expect(parseDigitId('35153131473293579.0')).toBe(PROBLEM.idScientific);
    expect(parseDigitId('3.515313147329358e+16')).toBe(PROBLEM.idScientific);
  });

  it('rejects ids with letters', () => {
    expect(parseDigitId('TB12345')).toBe(PROBLEM.id);
  });

  it('reads codes with letters (tracking numbers, SKU codes) and refuses scientific notation', () => {
    expect(parseCode('="YT2017070188812"')).toBe('YT2017070188812');
    expect(parseCode('LX-3PC-BL')).toBe('LX-3PC-BL');
    expect(parseCode('2.01911202200119E+27')).toBe(PROBLEM.idScientific);
  });

  it('never loses a digit, however the id is wrapped', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{1,40}$/),
        fc.constantFrom(
          (s: string) => s,
          (s: string) => `="${s}"`,
          (s: string) => `'${s}`,
          (s: string) => ` ${s}\t`,
        ),
        (digits, wrap) => {
          expect(parseDigitId(wrap(digits))).toBe(digits);
        },
      ),
    );
  });
});

describe('phones (quirk 3)', () => {
  it('drops the leading apostrophe', () => {
    expect(parsePhone("'13925130165")).toBe('13925130165');
  });
  it('keeps masked numbers, landlines and extensions', () => {
    expect(parsePhone('139****0165')).toBe('139****0165');
    expect(parsePhone('0571-88886666转123')).toBe('0571-88886666转123');
    expect(parsePhone('="13800138000"')).toBe('13800138000');
  });
  it('rejects text that is not a phone', () => {
    expect(parsePhone('abc')).toBe(PROBLEM.phone);
  });
});

describe('money → integer fen (quirk 5)', () => {
  it.each([
    ['12.3', 1230],
    ['-0.01', -1],
    ['1,234.50', 123450],
    ['0元', 0],
    ['1299.00元', 129900],
    ['¥12', 1200],
    ['￥12.00', 1200],
    ['-¥3.20', -320],
    ['12.300', 1230],
    ['12 RMB', 1200],
    ['="59.90"', 5990],
    ['90071992547409.91', 9007199254740991],
  ])('%s → %i fen', (text, fen) => {
    expect(parseMoney(text)).toBe(fen);
  });

  it.each(['abc', '12.345', '1.2.3', '12元元', '¥', '12.'])('rejects %j', (text) => {
    expect(parseMoney(text)).toBe(PROBLEM.money);
  });

  it('round-trips any amount written as 1,234.50 / 1234.50 / 0元 / ¥1,234.50', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (fen) => {
        const abs = Math.abs(fen);
        const yuan = `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}`;
        const texts = [
          formatFen(fen, { symbol: false }),
          formatFen(fen),
          fenToDecimal(fen),
          ...(abs % 100 === 0 ? [`${yuan}元`, `${yuan}`] : []),
        ];
        for (const t of texts) expect(parseMoney(t), t).toBe(fen);
      }),
    );
  });

  it('takes a fast path that always agrees with core parseFen', () => {
    const alphabet = fc.constantFrom(...'0123456789.,-+¥￥元 RMBcny'.split(''), '0', '1', '9');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 14 }).map((a) => a.join('')),
        (s) => {
          const fast = _fastFenForTest(s);
          if (!Number.isNaN(fast)) expect(fast).toBe(parseFen(s));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('rounds derived figures (客单价, UV价值) to the fen', () => {
    expect(parseMoneyRounded('3.8579')).toBe(386);
    expect(parseMoneyRounded('154.32')).toBe(15432);
    expect(parseMoneyRounded('0.005元')).toBe(1);
    expect(parseMoneyRounded('abc')).toBe(PROBLEM.money);
  });
});

describe('whole numbers (quantities)', () => {
  it('reads counts with separators and Excel’s 3.0', () => {
    expect(parseInteger('3')).toBe(3);
    expect(parseInteger('1,234')).toBe(1234);
    expect(parseInteger('1,234,567')).toBe(1234567);
    expect(parseInteger('3.0')).toBe(3);
  });
  it('returns negatives as negatives (the row decides) and rejects fractions', () => {
    expect(parseInteger('-1')).toBe(-1);
    expect(parseInteger('3.5')).toBe(PROBLEM.integer);
    expect(parseInteger('1,23')).toBe(PROBLEM.integer);
    expect(parseInteger('1234,567')).toBe(PROBLEM.integer);
    expect(parseInteger('3件')).toBe(PROBLEM.integer);
  });
  it('reads decimals for scores', () => {
    expect(parseDecimal('4.85')).toBe(4.85);
    expect(parseDecimal('1,234.5')).toBe(1234.5);
    expect(parseDecimal('x')).toBe(PROBLEM.number);
  });
});

describe('rates → basis points', () => {
  it.each([
    ['2.35%', 235],
    ['0.0235', 235],
    ['100%', 10000],
    ['0.00%', 0],
    ['62.35%', 6235],
    ['2.355%', 236],
    ['6.89', 68900],
    ['-1.5%', -150],
    ['2.35％', 235],
  ])('%s → %i bp', (text, bp) => {
    expect(parseBasisPoints(text)).toBe(bp);
  });
  it('rejects text that is not a rate', () => {
    expect(parseBasisPoints('abc%')).toBe(PROBLEM.rate);
    expect(parseBasisPoints('%')).toBe(PROBLEM.rate);
  });
  it('also gives the exact decimal', () => {
    expect(parseRateDecimal('2.35%')).toBe('0.0235');
    expect(parseRateDecimal('0.5')).toBe('0.5');
    expect(parseRateDecimal('100%')).toBe('1');
    expect(parseRateDecimal('0.05%')).toBe('0.0005');
  });
  it('scales exact decimals without float error', () => {
    expect(scaleDecimal('0.29', 2)).toBe(29);
    expect(scaleDecimal('1,234.5', 2)).toBe(123450);
    expect(scaleDecimal('x', 2)).toBeNaN();
  });
});

describe('dates in China time (quirk 9)', () => {
  it('reads yyyy-MM-dd HH:mm:ss as UTC+8', () => {
    expect(parseInstant('2026-03-01 10:00:00')).toEqual(new Date('2026-03-01T02:00:00Z'));
  });
  it('reads yyyy/M/d H:mm', () => {
    expect(parseInstant('2017/7/2 8:05')).toEqual(new Date('2017-07-02T00:05:00Z'));
  });
  it('reads a date alone as midnight China time', () => {
    expect(parseInstant('2026-03-01')).toEqual(new Date('2026-02-28T16:00:00Z'));
    expect(parseInstant('20260301')).toEqual(new Date('2026-02-28T16:00:00Z'));
  });
  it('honours an explicit offset (JSON lines)', () => {
    expect(parseInstant('2026-03-02T01:00:00Z')).toEqual(new Date('2026-03-02T01:00:00Z'));
    expect(parseInstant('2026-03-02T09:00:00+08:00')).toEqual(new Date('2026-03-02T01:00:00Z'));
    expect(parseInstant('2026-03-02 09:00:00.250')).toEqual(new Date('2026-03-02T01:00:00.250Z'));
  });
  it.each(['2026-02-30 10:00:00', '2025-02-29', '2026-13-01 00:00:00', '2026-04-31'])(
    'rejects the impossible date %s',
    (s) => {
      expect(parseInstant(s)).toBe(PROBLEM.impossibleDate);
    },
  );
  it('accepts 29 February in a leap year', () => {
    expect(parseInstant('2024-02-29 23:59:59')).toEqual(new Date('2024-02-29T15:59:59Z'));
  });
  it.each(['10:00', '2026-03-01 25:00:00', '2026-03-01 10:61', 'yesterday', '2026-03-01 10:00:00 PM'])(
    'rejects %j',
    (s) => {
      expect(parseInstant(s)).toBe(PROBLEM.date);
    },
  );
  it('round-trips any instant written in China time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const t = new Date(Math.floor(d.getTime() / 1000) * 1000);
          const w = new Date(t.getTime() + 8 * 3600_000);
          const p = (n: number) => String(n).padStart(2, '0');
          const text = `${w.getUTCFullYear()}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())} ${p(w.getUTCHours())}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}`;
          const slash = `${w.getUTCFullYear()}/${w.getUTCMonth() + 1}/${w.getUTCDate()} ${w.getUTCHours()}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}`;
          expect(parseInstant(text)).toEqual(t);
          expect(parseInstant(slash)).toEqual(t);
        },
      ),
    );
  });
  it('reads business dates', () => {
    expect(parseBusinessDate('2026/3/1')).toBe('2026-03-01');
    expect(parseBusinessDate('20260301')).toBe('2026-03-01');
    expect(parseBusinessDate('2026-03-01 00:00:00')).toBe('2026-03-01');
    expect(parseBusinessDate('2026-03-01 10:00:00')).toBe(PROBLEM.businessDate);
    expect(parseBusinessDate('2026-02-30')).toBe(PROBLEM.impossibleDate);
  });
  it('reads times of day and durations', () => {
    expect(parseTimeOfDay('8:25')).toBe('08:25:00');
    expect(parseTimeOfDay('2026-03-01 23:58:10')).toBe('23:58:10');
    expect(parseTimeOfDay('25:00')).toBe(PROBLEM.time);
    expect(parseDurationSeconds('25')).toBe(25);
    expect(parseDurationSeconds('18.5')).toBe(18.5);
    expect(parseDurationSeconds('1分5秒')).toBe(65);
    expect(parseDurationSeconds('234小时30分')).toBe(844200);
    expect(parseDurationSeconds('00:01:05')).toBe(65);
    expect(parseDurationSeconds('210:15:00')).toBe(756900);
    expect(parseDurationSeconds('1天2小时')).toBe(93600);
    expect(parseDurationSeconds('soon')).toBe(PROBLEM.duration);
  });
});

describe('yes/no', () => {
  it('reads the platforms’ words', () => {
    expect(parseBool('是')).toBe(true);
    expect(parseBool('否')).toBe(false);
    expect(parseBool('手机订单')).toBe(true);
    expect(parseBool('非预售')).toBe(false);
    expect(parseBool('TRUE')).toBe(true);
    expect(parseBool('0')).toBe(false);
    expect(parseBool('也许')).toBe(PROBLEM.bool);
  });
});

describe('addresses (quirk 7)', () => {
  it('splits province, city, district, detail and postcode', () => {
    expect(parseAddress('广东省 广州市 越秀区 xx路xx号(510180)')).toEqual({
      province: '广东省',
      city: '广州市',
      district: '越秀区',
      detail: 'xx路xx号',
      postcode: '510180',
    });
  });
  it('keeps spaces inside the detail and reads full-width brackets', () => {
    expect(parseAddress('浙江省 杭州市 西湖区 文三路 90号 3单元（310012）')).toEqual({
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 90号 3单元',
      postcode: '310012',
    });
  });
  it('treats (000000) as no postcode', () => {
    expect(parseAddress('四川省 成都市 武侯区 人民南路四段1号(000000)')?.postcode).toBeNull();
  });
  it('copes with fewer parts', () => {
    expect(parseAddress('广东省 东莞市 虎门镇人民路1号')).toEqual({
      province: '广东省',
      city: '东莞市',
      district: null,
      detail: '虎门镇人民路1号',
      postcode: null,
    });
    expect(parseAddress('某地某路1号')?.detail).toBe('某地某路1号');
    expect(parseAddress('-')).toBeNull();
  });
});

describe('garbage never throws', () => {
  const parsers = [
    cleanCell,
    parseText,
    parseDigitId,
    parseCode,
    parsePhone,
    parseMoney,
    parseMoneyRounded,
    parseInteger,
    parseDecimal,
    parseBasisPoints,
    parseRateDecimal,
    parseDurationSeconds,
    parseBool,
    parseInstant,
    parseBusinessDate,
    parseTimeOfDay,
    parseAddress,
  ];
  it('every parser returns a value, null or a problem for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        (s) => {
          for (const p of parsers) {
            const v = (p as (s: string) => unknown)(s);
            expect(v === null || v instanceof CellProblem || typeof v !== 'undefined').toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
