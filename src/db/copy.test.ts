import { describe, expect, it } from 'vitest';
import { CopyBytes, encodeCopyValue, relabelLines } from './copy';

/** The reference: the string encoder, then UTF-8. */
function reference(values: unknown[]): Uint8Array {
  return new TextEncoder().encode(`${values.map(encodeCopyValue).join('\t')}\n`);
}

function written(values: unknown[], capacity?: number): Uint8Array {
  const out = new CopyBytes(capacity);
  values.forEach((v, i) => {
    if (i) out.byte(9);
    out.value(v);
  });
  out.byte(10);
  return out.take();
}

/** A small deterministic PRNG (mulberry32): the same cases every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'a',
  'Z',
  '0',
  ' ',
  '\\',
  '\t',
  '\n',
  '\r',
  '"',
  'é',
  '收',
  '货',
  '￥',
  '😀',
  '\ud800',
  '\udfff',
  ',',
];

describe('CopyBytes', () => {
  it('writes the bytes of encodeCopyValue + UTF-8 for each kind of value', () => {
    const cases: unknown[][] = [
      [null, undefined, '', 'abc', 0, -0, 7, -7, 10, 99, 100, 123456789, -1234567890123],
      [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 4.85, -0.5, 1.5e-7],
      [true, false, new Date('2026-02-28T16:01:02.345Z'), 12n, ['a', null, 'b"c'], { k: 'v\t' }],
      [
        '浙江省 温州市 鹿城区 人民路779号(325000)',
        'tab\there',
        'back\\slash',
        'cr\r\nlf',
        '😀x',
        'lone\ud800',
        '\udc00',
      ],
    ];
    for (const values of cases) expect(written(values)).toEqual(reference(values));
  });

  it('agrees with the reference on random text and integers, growing from a tiny buffer', () => {
    const r = rng(20261126);
    for (let k = 0; k < 500; k++) {
      const values: unknown[] = [];
      const width = 1 + Math.floor(r() * 12);
      for (let j = 0; j < width; j++) {
        const pick = r();
        if (pick < 0.15) values.push(null);
        else if (pick < 0.35) values.push(Math.floor((r() - 0.5) * 2 ** (1 + Math.floor(r() * 52))));
        else {
          let s = '';
          const len = Math.floor(r() * 40);
          for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
          values.push(s);
        }
      }
      expect(written(values, 1)).toEqual(reference(values));
    }
  });

  it('writes instants as toISOString does, across years, leap days and the edges of its fast path', () => {
    const r = rng(7);
    const dates = [
      new Date(0),
      new Date('2024-02-29T23:59:59.999Z'),
      new Date('2000-02-29T00:00:00.001Z'),
      new Date('2100-03-01T12:00:00Z'),
      new Date('9999-12-31T23:59:59.999Z'),
      new Date('+010000-01-01T00:00:00Z'),
      new Date('1969-12-31T23:59:59.999Z'),
      new Date('1900-01-01T00:00:00Z'),
    ];
    for (let k = 0; k < 2000; k++) dates.push(new Date(Math.floor(r() * 253402300800000)));
    for (const d of dates) expect(written([d]), d.toISOString()).toEqual(reference([d]));
  });

  it('hands over its bytes and starts over empty', () => {
    const out = new CopyBytes();
    out.text('一');
    const first = out.take();
    expect([...first]).toEqual([0xe4, 0xb8, 0x80]);
    expect(out.length).toBe(0);
    out.integer(42);
    expect(new TextDecoder().decode(out.take())).toBe('42');
    expect(new TextDecoder().decode(first)).toBe('一');
  });
});

describe('relabelLines', () => {
  it('replaces each line’s first field and appends the tail, leaving escaped tabs and newlines alone', () => {
    const data = new TextEncoder().encode('1\ta\\tb\tx\n22\t\\N\ty\\nz\n');
    const out = relabelLines(data, 2, Buffer.from('S'), Buffer.from('\tI\tT\n'));
    expect(out.toString('utf8')).toBe('S\ta\\tb\tx\tI\tT\nS\t\\N\ty\\nz\tI\tT\n');
  });

  it('refuses bytes that are not COPY lines', () => {
    expect(() =>
      relabelLines(new TextEncoder().encode('no tab\n'), 1, Buffer.from('S'), Buffer.from('\n')),
    ).toThrow(/not a COPY line/);
  });
});
