import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import iconv from 'iconv-lite';

/**
 * A streaming CSV writer for platform exports: GBK (what Taobao/JD export) or UTF-8 with BOM,
 * `\r\n` line ends, rows buffered and encoded in chunks (flat memory for a million rows), sha256
 * computed on the way out.
 *
 * Cells are written as given, quoted only when they contain a comma, quote or line break.
 * Excel-formula ids (`="123"`, `=""`) and apostrophe phones (`'139…`) are written raw, as the
 * platforms do.
 */
export type CsvEncoding = 'gbk' | 'utf8-bom';

const CHUNK_CHARS = 1 << 18;

export class CsvWriter {
  readonly path: string;
  rows = 0;
  private readonly out: WriteStream;
  private readonly encoding: CsvEncoding;
  private readonly trailingComma: boolean;
  private readonly hash: Hash = createHash('sha256');
  private buf: string[] = [];
  private bufChars = 0;
  private bytes = 0;
  private failed: Error | null = null;

  constructor(
    path: string,
    header: readonly string[],
    opts: { encoding: CsvEncoding; trailingComma?: boolean },
  ) {
    this.path = path;
    this.encoding = opts.encoding;
    this.trailingComma = opts.trailingComma === true;
    this.out = createWriteStream(path);
    this.out.on('error', (e) => {
      this.failed = e;
    });
    if (this.encoding === 'utf8-bom') this.emit(Buffer.from([0xef, 0xbb, 0xbf]));
    this.line(header);
    this.rows = 0;
  }

  /** Adds a row; resolves at once unless the file stream asks to wait. */
  row(cells: readonly string[]): Promise<void> | undefined {
    this.line(cells);
    if (this.bufChars >= CHUNK_CHARS) return this.flush();
    return undefined;
  }

  private line(cells: readonly string[]): void {
    let s = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) s += ',';
      s += cell(cells[i]);
    }
    if (this.trailingComma) s += ',';
    s += '\r\n';
    this.buf.push(s);
    this.bufChars += s.length;
    this.rows++;
  }

  private emit(b: Buffer): boolean {
    this.hash.update(b);
    this.bytes += b.length;
    return this.out.write(b);
  }

  async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.buf.length === 0) return;
    const text = this.buf.join('');
    this.buf = [];
    this.bufChars = 0;
    const b = this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
    if (!this.emit(b)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  async close(): Promise<{ path: string; rows: number; sha256: string; bytes: number }> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
    return { path: this.path, rows: this.rows, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

function cell(v: string): string {
  if (v.length === 0) return v;
  if (v.charCodeAt(0) === 61 /* = */ && v.length >= 3 && v[1] === '"' && v[v.length - 1] === '"') return v;
  if (NEEDS_QUOTES.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** `="35153131473293579"` — how the platforms protect long ids from Excel. */
export function formulaId(id: string): string {
  return `="${id}"`;
}

/** True when every character of the text survives a GBK round trip. */
export function gbkSafe(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text;
}
