/**
 * Many short rows read as one field: `packed(key, value)` is an SQL aggregate that packs the rows'
 * (key, value) pairs of text into one string, each part as its length in characters, a space and
 * the text; `Unpacker` reads the parts back. For reads of tens of thousands of short rows, where
 * each returned field has a cost of its own in the client (on PGlite, ≈ 2–3 µs in the same
 * thread as the JS).
 *
 * Key and value are each named twice in the aggregate: pass columns of a subquery fenced with
 * `offset 0`, so that an expression behind them (a `substr`) runs once a row, not twice.
 */
export function packed(key: string, value: string): string {
  return `string_agg(length(${key}) || ' ' || ${key} || length(coalesce(${value}, '')) || ' ' || coalesce(${value}, ''), '')`;
}

/**
 * Reads a `packed` string part by part: after `next()` returns true, the part is [from, to) of
 * `a` (`text()` slices it). Lengths count characters as the database does: a UTF-16 surrogate pair
 * is one.
 */
export class Unpacker {
  from = 0;
  to = 0;
  constructor(readonly a: string) {}
  next(): boolean {
    const a = this.a;
    let i = this.to;
    if (i >= a.length) return false;
    let n = 0;
    for (let c = a.charCodeAt(i); c !== 32; c = a.charCodeAt(++i)) {
      if (c < 48 || c > 57 || i >= a.length) throw new Error(`packed string: no length at ${this.to}`);
      n = n * 10 + (c - 48);
    }
    this.from = ++i;
    for (let k = 0; k < n; k++) {
      const c = a.charCodeAt(i);
      i += c >= 0xd800 && c < 0xdc00 ? 2 : 1;
    }
    if (i > a.length) throw new Error(`packed string: a part past its end at ${this.from}`);
    this.to = i;
    return true;
  }
  text(): string {
    return this.a.slice(this.from, this.to);
  }
}
