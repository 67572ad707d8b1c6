/**
 * Streaming text decoding with encoding detection: UTF-8 with BOM, valid UTF-8, else GB18030
 * (a superset of GBK) through iconv-lite's streaming decoder, which keeps multi-byte characters
 * across chunk boundaries. The decision is made on the first chunk that has a non-ASCII byte and
 * verified as the file goes on: a file that started as UTF-8 and then has invalid bytes is an
 * error (`import.invalid_encoding`), never mojibake.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { badInput } from '../../core/errors';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** Thrown (as an AppError) when bytes are not valid in the detected encoding. */
export function invalidEncodingError(encoding: TextEncoding, byteOffset: number, row?: number) {
  const name = encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8';
  const where = row === undefined ? `第 ${byteOffset} 字节` : `第 ${row} 行（第 ${byteOffset} 字节）`;
  const whereEn = row === undefined ? `byte ${byteOffset}` : `row ${row} (byte ${byteOffset})`;
  return badInput(
    'import.invalid_encoding',
    `文件编码错误：文件按 ${name} 编码读取，但${where}起不是有效的 ${name} 字符（文件可能被拼接或损坏）。请重新导出或另存为 UTF-8 CSV。 / The file reads as ${name} but has invalid bytes at ${whereEn}.`,
    {
      params: { encoding: name, byteOffset, ...(row === undefined ? {} : { row }) },
      details: { encoding, byteOffset, row },
    },
  );
}

export function unsupportedEncodingError(what: string, whatEn: string) {
  return badInput(
    'import.unsupported_encoding',
    `不支持的文件编码：${what}。请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX。 / Unsupported encoding: ${whatEn}. Save as UTF-8 or GBK CSV, or XLSX.`,
    { params: { encoding: what } },
  );
}

/** Length of the longest prefix of `buf` that does not end inside a UTF-8 sequence. */
function utf8CompleteLength(buf: Buffer): number {
  const n = buf.length;
  // look back at most 3 bytes for a lead byte whose sequence is cut
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back];
    if (b < 0x80) return n; // ASCII: complete
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** Index of the first byte where `buf` stops being valid UTF-8 (buf.length when valid). */
export function firstInvalidUtf8(buf: Buffer): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

/** Multi-byte UTF-8 characters needed before a bad byte to call the file UTF-8. */
const UTF8_EVIDENCE = 8;

function countLeadBytes(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (buf[i] >= 0xc0) n++;
  return n;
}

function firstNonAscii(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return i;
  return -1;
}

type GbDecoder = { write(chunk: Buffer): string; end(): string | undefined };

/**
 * A streaming GB18030 decoder: Node's built-in TextDecoder (ICU, about 2.4× faster than
 * iconv-lite here) when this Node has it, else iconv-lite. Both put U+FFFD for invalid bytes.
 */
function gbDecoder(): GbDecoder {
  try {
    const td = new TextDecoder('gb18030');
    return { write: (chunk) => td.decode(chunk, { stream: true }), end: () => td.decode() };
  } catch {
    const d = iconv.getDecoder('gb18030');
    return { write: (chunk) => d.write(chunk), end: () => d.end() };
  }
}

/** Raised by `decodeStream` for bad bytes; the CSV reader adds the row number. */
export class DecodeError extends Error {
  constructor(
    readonly encoding: TextEncoding,
    readonly byteOffset: number,
  ) {
    super(`invalid ${encoding} at byte ${byteOffset}`);
  }
}

export type DecodedStream = {
  /** Known once the first non-ASCII chunk has been seen (`utf-8` for pure ASCII files). */
  encoding(): TextEncoding;
  text: AsyncGenerator<string>;
};

/**
 * Decodes a byte stream into text chunks. Before the first non-ASCII byte the text is ASCII and
 * both candidate encodings agree, so the choice waits for real evidence. Invalid bytes yield the
 * valid text before them, then throw `DecodeError`.
 */
export function decodeStream(chunks: AsyncIterable<Buffer>): DecodedStream {
  let encoding: TextEncoding | null = null;
  async function* run(): AsyncGenerator<string> {
    let offset = 0; // bytes consumed before the current chunk
    let first = true;
    let carry: Buffer | null = null; // UTF-8: bytes of a character cut by the chunk boundary
    let gbk: GbDecoder | null = null;
    for await (const raw of chunks) {
      let chunk = raw;
      if (first) {
        first = false;
        if (
          chunk.length >= 2 &&
          ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        ) {
          throw unsupportedEncodingError('UTF-16（Excel「Unicode 文本」）', 'UTF-16 (Excel "Unicode text")');
        }
        if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          encoding = 'utf-8-bom';
          chunk = chunk.subarray(3);
          offset = 3;
        }
        if (chunk.subarray(0, 4096).indexOf(0) !== -1) {
          throw unsupportedEncodingError(
            '含有 NUL 字节（UTF-16 或二进制文件）',
            'contains NUL bytes (UTF-16 or binary)',
          );
        }
      }
      if (encoding === null) {
        if (isAscii(chunk)) {
          offset += chunk.length;
          yield chunk.toString('latin1');
          continue;
        }
        const at = firstNonAscii(chunk);
        const rest = chunk.subarray(at);
        const complete = rest.subarray(0, utf8CompleteLength(rest));
        if (isUtf8(complete)) encoding = 'utf-8';
        else {
          // Valid UTF-8 characters first, bad bytes later: a UTF-8 file with damage (reported
          // below), not GBK — GBK text stops being valid UTF-8 within its first characters.
          const bad = firstInvalidUtf8(complete);
          encoding = countLeadBytes(complete, bad) >= UTF8_EVIDENCE ? 'utf-8' : 'gb18030';
        }
      }
      if (encoding === 'gb18030') {
        gbk ??= gbDecoder();
        const text = gbk.write(chunk);
        const bad = text.indexOf('\uFFFD');
        if (bad !== -1) {
          if (bad > 0) yield text.slice(0, bad);
          throw new DecodeError(encoding, offset + iconv.encode(text.slice(0, bad), 'gb18030').length);
        }
        offset += chunk.length;
        if (text.length > 0) yield text;
        continue;
      }
      // UTF-8: decode complete characters; keep a cut character for the next chunk
      let buf = chunk;
      if (carry !== null) {
        buf = Buffer.concat([carry, chunk]);
        carry = null;
      }
      const cut = utf8CompleteLength(buf);
      const part = cut === buf.length ? buf : buf.subarray(0, cut);
      if (cut < buf.length) carry = Buffer.from(buf.subarray(cut));
      if (!isUtf8(part)) {
        const bad = firstInvalidUtf8(part);
        if (bad > 0) yield part.toString('utf8', 0, bad);
        throw new DecodeError(encoding, offset - (buf.length - chunk.length) + bad);
      }
      offset += chunk.length;
      if (part.length > 0) yield part.toString('utf8');
    }
    if (gbk) {
      const tail = gbk.end() ?? '';
      if (tail.indexOf('\uFFFD') !== -1) throw new DecodeError('gb18030', offset);
      if (tail) yield tail;
    }
    if (carry !== null) throw new DecodeError(encoding ?? 'utf-8', offset - carry.length);
    encoding ??= 'utf-8';
  }
  return { encoding: () => encoding ?? 'utf-8', text: run() };
}
