import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './client';
import { hashBytes53 } from './hash53';

/**
 * Bulk loading with COPY, the fastest way into PostgreSQL: `COPY … FROM STDIN` on a server,
 * `COPY … FROM '/dev/blob'` on PGlite. Rows are encoded in COPY's text format.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(s: string): string {
  // Fast path: most cells need no escaping (a native regex scan beats a char loop here).
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

function arrayLiteral(values: unknown[]): string {
  return `{${values
    .map((v) =>
      v === null || v === undefined ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`,
    )
    .join(',')}}`;
}

/** One value in COPY text format. Arrays become PostgreSQL arrays; other objects JSON (pass a JSON array as a string). */
export function encodeCopyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return escapeText(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`cannot COPY a non-finite number: ${v}`);
      return String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (v instanceof Date) return v.toISOString();
      if (Array.isArray(v)) return escapeText(arrayLiteral(v));
      return escapeText(JSON.stringify(v));
  }
}

/** 10000-01-01T00:00:00Z: from here toISOString writes six-digit years. */
const MAX_4_DIGIT_YEAR_MS = 253402300800000;

/**
 * COPY text written straight into UTF-8 bytes, value by value: the same bytes as
 * `encodeCopyValue` joined by tabs and newlines and then UTF-8 encoded, without the strings in
 * between (a 1 M-row import built ~56 M small strings, joined them per batch and encoded the
 * result: a third of its parsing time). Grows as needed; `take()` hands the bytes over.
 */
export class CopyBytes {
  private buf: Uint8Array;
  private pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(capacity, 64));
  }

  get length(): number {
    return this.pos;
  }

  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.pos + need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** The 53-bit hash (`hashBytes53`) of the bytes written since `from` (a `length` noted before). */
  hashSince(from: number): number {
    return hashBytes53(this.buf, from, this.pos);
  }

  /** One byte (an ASCII separator: tab 9, newline 10). */
  byte(b: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
  }

  /** A non-negative or negative safe integer, in decimal. */
  integer(v: number): void {
    if (this.pos + 24 > this.buf.length) this.grow(24);
    const buf = this.buf;
    let n = v;
    if (n < 0) {
      buf[this.pos++] = 45;
      n = -n;
    }
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--at] = 48 + (n - q * 10);
      n = q;
    }
    buf[--at] = 48 + n;
  }

  /**
   * Text as UTF-8; with `escapes`, COPY's escapes for backslash, tab, newline and carriage return.
   * A lone surrogate becomes U+FFFD, as TextEncoder does. (Three bytes per UTF-16 unit at most,
   * an escape included: reserved up front.)
   */
  text(s: string, escapes = true): void {
    const n = s.length;
    if (this.pos + n * 3 > this.buf.length) this.grow(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (escapes && (c === 92 || c === 9 || c === 10 || c === 13)) {
          buf[p++] = 92;
          buf[p++] = c === 92 ? 92 : c === 9 ? 116 : c === 10 ? 110 : 114;
        } else buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buf[p++] = 0xf0 | (cp >> 18);
            buf[p++] = 0x80 | ((cp >> 12) & 63);
            buf[p++] = 0x80 | ((cp >> 6) & 63);
            buf[p++] = 0x80 | (cp & 63);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    this.pos = p;
  }

  /** One value as `encodeCopyValue` writes it. */
  value(v: unknown): void {
    if (v === null || v === undefined) {
      if (this.pos + 2 > this.buf.length) this.grow(2);
      this.buf[this.pos++] = 92;
      this.buf[this.pos++] = 78;
      return;
    }
    switch (typeof v) {
      case 'string':
        this.text(v);
        return;
      case 'number':
        if (Number.isSafeInteger(v)) this.integer(v);
        else this.text(encodeCopyValue(v), false);
        return;
      case 'boolean':
        this.byte(v ? 116 : 102);
        return;
      default:
        if (v instanceof Date) {
          const ms = v.getTime();
          // toISOString's digits, without its string (years 1970–9999; others take the string path)
          if (ms >= 0 && ms < MAX_4_DIGIT_YEAR_MS) {
            this.isoInstant(ms);
            return;
          }
        }
        // Bigints, arrays, objects, other dates: rare enough for the string path (already escaped).
        this.text(encodeCopyValue(v), false);
    }
  }

  /** `yyyy-MM-ddTHH:mm:ss.sssZ` of a UTC millisecond count, as Date#toISOString writes it. */
  private isoInstant(ms: number): void {
    if (this.pos + 24 > this.buf.length) this.grow(24);
    const days = Math.floor(ms / 86400000);
    let rest = ms - days * 86400000;
    // civil from days (H. Hinnant's algorithm)
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    const h = Math.floor(rest / 3600000);
    rest -= h * 3600000;
    const mi = Math.floor(rest / 60000);
    rest -= mi * 60000;
    const sec = Math.floor(rest / 1000);
    const milli = rest - sec * 1000;
    const b = this.buf;
    let p = this.pos;
    b[p++] = 48 + Math.floor(y / 1000);
    b[p++] = 48 + (Math.floor(y / 100) % 10);
    b[p++] = 48 + (Math.floor(y / 10) % 10);
    b[p++] = 48 + (y % 10);
    b[p++] = 45;
    b[p++] = 48 + Math.floor(m / 10);
    b[p++] = 48 + (m % 10);
    b[p++] = 45;
    b[p++] = 48 + Math.floor(d / 10);
    b[p++] = 48 + (d % 10);
    b[p++] = 84;
    b[p++] = 48 + Math.floor(h / 10);
    b[p++] = 48 + (h % 10);
    b[p++] = 58;
    b[p++] = 48 + Math.floor(mi / 10);
    b[p++] = 48 + (mi % 10);
    b[p++] = 58;
    b[p++] = 48 + Math.floor(sec / 10);
    b[p++] = 48 + (sec % 10);
    b[p++] = 46;
    b[p++] = 48 + Math.floor(milli / 100);
    b[p++] = 48 + (Math.floor(milli / 10) % 10);
    b[p++] = 48 + (milli % 10);
    b[p++] = 90;
    this.pos = p;
  }

  /**
   * A copy of the bytes written, in a buffer of its own and of their exact size (transferable);
   * the writer starts over empty in its own buffer (reused: one batch's worth of memory, not a
   * new one per batch waiting for the garbage collector).
   */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }
}

/** Rows → COPY text (tab-separated, `\N` for null, one line per row). */
export function encodeCopyRows(rows: readonly (readonly unknown[])[]): string {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = '';
    for (let j = 0; j < row.length; j++) line += (j ? '\t' : '') + encodeCopyValue(row[j]);
    parts[i] = line;
  }
  return rows.length ? `${parts.join('\n')}\n` : '';
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Loads already-encoded COPY text (a string, or its UTF-8 bytes) into `table (columns)`. Not inside a drizzle transaction. */
export async function copyText(
  database: Database,
  table: string,
  columns: readonly string[],
  text: string | Uint8Array,
): Promise<void> {
  if (!text.length) return;
  const sqlText = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  if (database.engine === 'pglite') {
    await database.pglite!.query(sqlText.replace('FROM STDIN', "FROM '/dev/blob'"), [], {
      blob: new Blob([
        typeof text === 'string'
          ? text
          : new Uint8Array(text.buffer as ArrayBuffer, text.byteOffset, text.byteLength),
      ]),
    });
    return;
  }
  const client = await database.pool!.connect();
  try {
    const bytes =
      typeof text === 'string'
        ? Buffer.from(text, 'utf8')
        : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    await pipeline(Readable.from([bytes]), client.query(copyFrom(sqlText)));
  } finally {
    client.release();
  }
}

/**
 * A COPY into `table (columns)` fed piece by piece. On PostgreSQL one `COPY … FROM STDIN` stays
 * open on a connection of the pool from the first piece to `end()`: the server parses and stores
 * rows while the caller prepares the next piece, with no statement per piece (a 1 M-row file sent
 * as 200 COPYs of 5,000 rows paid 200 round trips and 200 statement starts). `write` resolves when
 * the socket has taken the bytes (backpressure: memory stays flat). On PGlite each piece is one
 * `COPY … FROM '/dev/blob'` (one thread does all, nothing to overlap). Not inside a drizzle
 * transaction; `abort()` after a failed write (the rows sent so far are not kept).
 * With `on` (PostgreSQL), the COPY runs on that connection (e.g. inside the caller's open
 * transaction) and the connection stays the caller's: never released here.
 */
export type CopyWriter = {
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
  abort(): Promise<void>;
};

export function openCopyWriter(
  database: Database,
  table: string,
  columns: readonly string[],
  on?: pg.PoolClient,
): CopyWriter {
  const sqlText = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  if (database.engine === 'pglite') {
    return {
      write: (bytes) => (bytes.length ? copyText(database, table, columns, bytes) : Promise.resolve()),
      end: async () => undefined,
      abort: async () => undefined,
    };
  }
  type Stream = ReturnType<typeof copyFrom>;
  let opened: Promise<{ client: pg.PoolClient; stream: Stream; done: Promise<void> }> | null = null;
  let failure: Error | null = null;
  const open = () => {
    opened ??= (async () => {
      const client = on ?? (await database.pool!.connect());
      const stream = client.query(copyFrom(sqlText));
      const done = new Promise<void>((res, rej) => {
        stream.on('finish', () => res());
        stream.on('error', (e: Error) => {
          failure ??= e;
          rej(e);
        });
      });
      done.catch(() => undefined); // surfaced by write/end
      return { client, stream, done };
    })();
    return opened;
  };
  let released = false;
  const release = (c: pg.PoolClient, err?: Error) => {
    if (released || on) return;
    released = true;
    c.release(err);
  };
  return {
    async write(bytes) {
      if (!bytes.length) return;
      const { stream, client } = await open();
      if (failure) {
        release(client, failure);
        throw failure;
      }
      const buf = Buffer.isBuffer(bytes)
        ? bytes
        : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (!stream.write(buf)) {
        await new Promise<void>((res, rej) => {
          const onDrain = () => {
            stream.off('error', onError);
            res();
          };
          const onError = (e: Error) => {
            stream.off('drain', onDrain);
            rej(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
      if (failure) {
        release(client, failure);
        throw failure;
      }
    },
    async end() {
      if (!opened) return;
      const { stream, client, done } = await opened;
      try {
        stream.end();
        await done;
        release(client);
      } catch (e) {
        release(client, e as Error);
        throw e;
      }
    },
    async abort() {
      if (!opened) return;
      const { client } = await opened.catch(() => ({ client: null }));
      // The connection is mid-COPY: destroy it rather than hand it back to the pool.
      if (client) release(client, failure ?? new Error('COPY aborted'));
    },
  };
}

/** Staged COPY lines with their first field (the row number) replaced by `head` and `tail` appended. */
export function relabelLines(data: Uint8Array, lines: number, head: Buffer, tail: Buffer): Buffer {
  const src = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out = Buffer.allocUnsafe(src.length + lines * (head.length + tail.length));
  let o = 0;
  let start = 0;
  while (start < src.length) {
    const tab = src.indexOf(9, start);
    const nl = src.indexOf(10, tab);
    if (tab < 0 || nl < 0) throw new Error('relabelLines: not a COPY line');
    o += head.copy(out, o);
    o += src.copy(out, o, tab, nl);
    o += tail.copy(out, o);
    start = nl + 1;
  }
  return out.subarray(0, o);
}

/** Encodes and loads rows. */
export function copyRows(
  database: Database,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  return copyText(database, table, columns, encodeCopyRows(rows));
}

/** A string as an SQL literal, for values our own code makes (ids, instants), never user text. */
export function sqlLiteral(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

export { quoteIdent };
