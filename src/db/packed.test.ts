import { describe, expect, it } from 'vitest';
import { Unpacker } from './packed';

/** What `packed` builds from (key, value) pairs, lengths in characters (code points). */
const pack = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${[...k].length} ${k}${[...v].length} ${v}`).join('');

const read = (a: string) => {
  const u = new Unpacker(a);
  const out: string[] = [];
  while (u.next()) out.push(u.text());
  return out;
};

describe('Unpacker', () => {
  it('reads back the parts, counting a surrogate pair as one character', () => {
    const pairs: [string, string][] = [
      ['SKU000001', '\u0001\u0001#'],
      ['F😀货', `a${String.fromCodePoint(0x10d0e2)}\u0001 9 x`],
      ['', ''],
      ['12 34', '😀😀'],
    ];
    expect(read(pack(pairs))).toEqual(pairs.flat());
  });

  it('reads nothing from an empty string and refuses a broken one', () => {
    expect(read('')).toEqual([]);
    expect(() => read('3 ab')).toThrow(/past its end/);
    expect(() => read('x ab')).toThrow(/no length/);
  });
});
