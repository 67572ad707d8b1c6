import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { collectGarbageAbove } from '../core/gc';
import { quoteIdent, sqlLiteral } from './copy';
import { hashBytes53 } from './hash53';

/**
 * The (platform id, row hash) of a store's facts, compact: by a 32-bit hash of the id's COPY bytes
 * (open addressing: 12 bytes a slot, ~17 MB for a million facts, where a Map of strings took
 * ~100 MB). `has` answers whether a fact with this id holds this row hash; since the row hash
 * covers the id too, an id-hash collision only makes it look further, never say yes wrongly.
 */
export class KnownRows {
  private keys: Uint32Array;
  private values: Float64Array;
  private size = 0;

  constructor(expected = 1024) {
    const cap = Math.max(64, Math.ceil(expected / 0.7));
    this.keys = new Uint32Array(cap);
    this.values = new Float64Array(cap);
  }

  get count(): number {
    return this.size;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  add(idKey: number, rowHash: number): void {
    if (this.size + 1 > this.keys.length * 0.75) this.grow();
    this.put(idKey >>> 0, rowHash);
  }

  has(idKey: number, rowHash: number): boolean {
    const keys = this.keys;
    const values = this.values;
    const cap = keys.length;
    const k = idKey >>> 0;
    let i = Math.floor((k * cap) / 4294967296);
    for (;;) {
      const v = values[i];
      if (v === 0) return false;
      if (v === rowHash && keys[i] === k) return true;
      if (++i === cap) i = 0;
    }
  }

  private put(k: number, rowHash: number): void {
    const cap = this.keys.length;
    let i = Math.floor((k * cap) / 4294967296);
    while (this.values[i] !== 0) if (++i === cap) i = 0;
    this.keys[i] = k;
    this.values[i] = rowHash;
    this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Float64Array(values.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (values[i] !== 0) this.put(keys[i], values[i]);
  }
}

/** The key of a platform id in `KnownRows`: its COPY bytes hashed (low 32 bits). */
export function idKey(b: Uint8Array, from: number, to: number): number {
  return hashBytes53(b, from, to) >>> 0;
}

/** JavaScript heap plus buffers above which reading the known rows collects its garbage. */
const GC_BUDGET_BYTES = 96 << 20;

/**
 * Reads the (platform id, row hash) of a store's facts of one table with one COPY TO, on the
 * caller's connection (inside its transaction). Facts without a hash (written before hashes were
 * kept, or by another way in) are left out: their rows are staged and compared as before.
 */
export async function readKnownRows(
  client: pg.PoolClient,
  table: string,
  storeId: string,
  expected: number,
): Promise<KnownRows> {
  const stream = client.query(
    copyTo(
      `COPY (select platform_id, row_hash from ${quoteIdent(table)} where store_id = ${sqlLiteral(storeId)} and row_hash is not null) TO STDOUT`,
    ),
  );
  return knownRowsFromCopy(stream as AsyncIterable<Buffer>, expected);
}

/** `KnownRows` from COPY text lines `platform_id \t row_hash \n`, in chunks cut anywhere. */
export async function knownRowsFromCopy(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  expected = 1024,
): Promise<KnownRows> {
  const known = new KnownRows(expected);
  // A line cut between two chunks: its start is carried over (a few dozen bytes), not the chunk.
  let carry: Buffer | null = null;
  let read = 0;
  const line = (buf: Buffer, start: number, nl: number) => {
    const tab = buf.lastIndexOf(9, nl);
    let h = 0;
    for (let p = tab + 1; p < nl; p++) h = h * 10 + (buf[p] - 48);
    known.add(idKey(buf, start, tab), h);
  };
  for await (const chunk of chunks) {
    let start = 0;
    if (carry) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const whole = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
      line(whole, 0, whole.length - 1);
      carry = null;
      start = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      line(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) carry = Buffer.from(chunk.subarray(start));
    // The chunks are garbage at once: collected as they go, not left to grow the process.
    read += chunk.length;
    if (read > 8 << 20) {
      read = 0;
      collectGarbageAbove(GC_BUDGET_BYTES);
    }
  }
  return known;
}

/**
 * Drops from staged COPY lines (`row_no \t platform_id \t … \t row_hash \n`) those whose id and
 * hash `known` holds: the facts already have exactly these values. Compacts in place; returns the
 * bytes left and how many lines they are.
 */
export function dropKnownLines(
  data: Uint8Array,
  known: KnownRows,
): { data: Uint8Array; lines: number; dropped: number } {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let out = 0;
  let start = 0;
  let lines = 0;
  let dropped = 0;
  while (start < b.length) {
    const tab1 = b.indexOf(9, start);
    const nl = b.indexOf(10, tab1);
    if (tab1 < 0 || nl < 0) throw new Error('dropKnownLines: not a COPY line');
    const tab2 = b.indexOf(9, tab1 + 1);
    const last = b.lastIndexOf(9, nl);
    let h = 0;
    for (let p = last + 1; p < nl; p++) h = h * 10 + (b[p] - 48);
    if (tab2 > 0 && tab2 < nl && known.has(idKey(b, tab1 + 1, tab2), h)) dropped++;
    else {
      if (out !== start) b.copy(b, out, start, nl + 1);
      out += nl + 1 - start;
      lines++;
    }
    start = nl + 1;
  }
  return { data: data.subarray(0, out), lines, dropped };
}
