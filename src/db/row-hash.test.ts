import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyBytes } from './copy';
import { hashBytes53 } from './hash53';
import { dropKnownLines, idKey, KnownRows, knownRowsFromCopy } from './row-hash';

const bytes = (s: string) => new TextEncoder().encode(s);
const hash = (s: string) => {
  const b = bytes(s);
  return hashBytes53(b, 0, b.length);
};

describe('the row hash', () => {
  it('is a non-zero safe integer of at most 53 bits, the same for the same bytes', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = hash(s);
        expect(Number.isSafeInteger(h)).toBe(true);
        expect(h).toBeGreaterThan(0);
        expect(hash(s)).toBe(h);
      }),
    );
  });

  it('hashes only the bytes between from and to', () => {
    const b = bytes('xx\t3515313147\tpaid\t1999\nyy');
    expect(hashBytes53(b, 2, b.length - 3)).toBe(hash('\t3515313147\tpaid\t1999'));
  });

  it('differs for rows that differ in one byte, one bit, or only in where a tab falls', () => {
    const seen = new Set<number>();
    const base = '\t351531314732935\t交易成功\t12900\t2026-11-01T02:03:04.000Z\t\\N\tf';
    const variants = [base];
    for (let i = 0; i < base.length; i++)
      for (const d of [1, 2, 64, 128]) {
        const c = base.charCodeAt(i) ^ d;
        if (c < 0xd800 || c > 0xdfff)
          variants.push(base.slice(0, i) + String.fromCharCode(c) + base.slice(i + 1));
      }
    variants.push('\t35153131473293\t5交易成功\t12900\t2026-11-01T02:03:04.000Z\t\\N\tf');
    for (const v of new Set(variants)) seen.add(hash(v));
    expect(seen.size).toBe(new Set(variants).size);
  });

  it('finds no two equal hashes among 200 000 order-like rows', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++)
      seen.add(hash(`\t${351531314732935 + i}\t交易成功\t${(i * 7919) % 100000}\t\\N`));
    expect(seen.size).toBe(200_000);
  });
});

describe('the ids and hashes a store already holds', () => {
  it('answers yes only for the same id with the same hash, through growth and collisions', () => {
    const k = new KnownRows(4);
    for (let i = 0; i < 10_000; i++) k.add(i * 2654435761, i + 1);
    // Two ids of one key (an id-hash collision): both are found with their own hash.
    k.add(7, 111);
    k.add(7, 222);
    expect(k.count).toBe(10_002);
    let found = 0;
    let wrong = 0;
    for (let i = 0; i < 10_000; i++) {
      if (k.has(i * 2654435761, i + 1)) found++;
      if (k.has(i * 2654435761, i + 2)) wrong++;
    }
    expect([found, wrong]).toEqual([10_000, 0]);
    expect(k.has(7, 111)).toBe(true);
    expect(k.has(7, 222)).toBe(true);
    expect(k.has(7, 333)).toBe(false);
  });
});

describe('dropping the staged lines the facts hold as they are', () => {
  /** Staged lines as a sink writes them: row_no, platform_id, values, row_hash. */
  function staged(rows: [number, string, string][]): Uint8Array {
    const out = new CopyBytes(16);
    for (const [no, id, status] of rows) {
      out.integer(no);
      const from = out.length;
      out.byte(9);
      out.value(id);
      out.byte(9);
      out.value(status);
      const h = out.hashSince(from);
      out.byte(9);
      out.integer(h);
      out.byte(10);
    }
    return out.take();
  }
  const key = (id: string) => {
    const b = bytes(id);
    return idKey(b, 0, b.length);
  };

  it('keeps new and changed rows in order and drops the unchanged, in place', () => {
    const known = new KnownRows();
    const before = staged([
      [1, 'A1', 'paid'],
      [2, 'B\t2', 'paid'],
      [3, 'C3', 'paid'],
    ]);
    // The facts: A1 and B<tab>2 as staged above, C3 with another status.
    const facts = staged([
      [0, 'A1', 'paid'],
      [0, 'B\t2', 'paid'],
      [0, 'C3', 'closed'],
    ]);
    for (const line of new TextDecoder().decode(facts).trimEnd().split('\n')) {
      const f = line.split('\t');
      const id = f.slice(1, -2).join('\t');
      known.add(key(id), Number(f.at(-1)));
    }
    const next = staged([
      [1, 'A1', 'paid'],
      [2, 'B\t2', 'paid'],
      [3, 'C3', 'paid'],
      [4, 'D4', 'paid'],
    ]);
    expect(next.subarray(0, before.length)).toEqual(before);
    const r = dropKnownLines(next, known);
    expect(r.lines).toBe(2);
    expect(r.dropped).toBe(2);
    const text = new TextDecoder().decode(r.data);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 3).join(' ')),
    ).toEqual(['3 C3 paid', '4 D4 paid']);
    expect(r.data.buffer).toBe(next.buffer);
  });

  it('keeps every line when nothing is known, and refuses bytes that are not COPY lines', () => {
    const data = staged([
      [1, 'A1', 'paid'],
      [2, 'B2', 'paid'],
    ]);
    const copy = data.slice();
    expect(dropKnownLines(data, new KnownRows())).toMatchObject({ lines: 2, dropped: 0 });
    expect(data).toEqual(copy);
    expect(() => dropKnownLines(bytes('1\tA1'), new KnownRows())).toThrow(/not a COPY line/);
  });
});

describe('reading the known rows from COPY text', () => {
  it('finds every (id, hash) line wherever the chunks are cut', async () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => [`${35153131473293579n + BigInt(i * 7)}`, 1 + i * 9007] as const,
    );
    const text = Buffer.from(lines.map(([id, h]) => `${id}\t${h}\n`).join(''));
    const key = (id: string) => {
      const b = bytes(id);
      return idKey(b, 0, b.length);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((x, y) => x - y), text.length];
          const chunks = at.slice(1).map((end, i) => text.subarray(at[i], end));
          const known = await knownRowsFromCopy(chunks, 16);
          expect(known.count).toBe(lines.length);
          expect(lines.every(([id, h]) => known.has(key(id), h) && !known.has(key(id), h + 1))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
