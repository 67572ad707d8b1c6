import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdHashSet } from './id-set';

describe('a compact set of ids', () => {
  it('says an id was seen only after it was added', () => {
    const s = new IdHashSet();
    expect(s.add('35153131473293579')).toBe(false);
    expect(s.add('35153131473293578')).toBe(false);
    expect(s.add('35153131473293579')).toBe(true);
    expect(s.count).toBe(2);
  });

  it('finds no false duplicates among 300 000 distinct order ids', () => {
    const s = new IdHashSet();
    let dup = 0;
    for (let i = 0; i < 300_000; i++) if (s.add(String(35153131473293579n + BigInt(i)))) dup++;
    expect(dup).toBe(0);
    expect(s.count).toBe(300_000);
  });

  it('always finds a real duplicate', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 200 }), (ids) => {
        const s = new IdHashSet();
        for (const id of ids) s.add(id);
        for (const id of ids) expect(s.add(id)).toBe(true);
      }),
    );
  });
});
