/**
 * CSV records from decoded text chunks, split by papaparse's parser chunk by chunk (arrays, not
 * objects). A record cut by a chunk boundary — including a quoted field with newlines — waits for
 * the next chunk. `\r\n` and `\n` both end a record.
 */
import Papa from 'papaparse';
import { badInput } from '../../core/errors';

/** A single record may not grow beyond this: it means an unclosed quote swallowing the file. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

type PapaError = { type: string; code: string; message: string; row: number; index: number };
type PapaResult = { data: string[][]; errors: PapaError[]; meta: { cursor: number } };

export function unterminatedQuoteError(row: number) {
  return badInput(
    'import.unterminated_quote',
    `第 ${row} 行: 引号没有闭合（文件可能被截断，或某个字段内有未成对的引号），从这里到文件末尾都无法读取。 / Row ${row}: a quoted field is never closed (truncated file or a stray quote).`,
    { params: { row } },
  );
}

export function malformedQuoteError(row: number) {
  return badInput(
    'import.malformed_quote',
    `第 ${row} 行: 引号格式错误（带引号的字段后面紧跟了其他字符）。 / Row ${row}: malformed quotes (a closing quote is followed by other characters).`,
    { params: { row } },
  );
}

/** Comma or tab, whichever the first line has more of (outside quotes). */
export function guessDelimiter(firstText: string): string {
  const end = firstText.indexOf('\n');
  const line = end === -1 ? firstText : firstText.slice(0, end);
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 44) commas++;
      else if (c === 9) tabs++;
    }
  }
  return tabs > commas ? '\t' : ',';
}

function stripCr(rows: string[][]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const last = row.length - 1;
    const cell = row[last];
    if (cell.length > 0 && cell.charCodeAt(cell.length - 1) === 13) row[last] = cell.slice(0, -1);
  }
}

/**
 * Yields the records of the text, one array of records per chunk. `rowsBefore()` tells how many
 * records were yielded before (for error row numbers).
 */
export async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<string[][]> {
  let parser: Papa.Parser | null = null;
  let pending = '';
  let emitted = 0;
  for await (const chunk of text) {
    if (parser === null) {
      if (chunk.length === 0) continue;
      parser = new Papa.Parser({ delimiter: guessDelimiter(chunk), newline: '\n', quoteChar: '"' });
    }
    pending = pending.length === 0 ? chunk : pending + chunk;
    const res = parser.parse(pending, 0, true) as PapaResult;
    const rows = res.data;
    for (const e of res.errors) {
      // errors about the last, incomplete record are re-examined with the next chunk
      if (e.row < rows.length) throw malformedQuoteError(emitted + e.row + 1);
    }
    pending = res.meta.cursor >= pending.length ? '' : pending.slice(res.meta.cursor);
    if (pending.length > MAX_RECORD_CHARS) throw unterminatedQuoteError(emitted + rows.length + 1);
    if (rows.length > 0) {
      stripCr(rows);
      emitted += rows.length;
      yield rows;
    }
  }
  if (parser !== null && pending.length > 0) {
    const res = parser.parse(pending, 0, false) as PapaResult;
    for (const e of res.errors) {
      if (e.code === 'MissingQuotes') throw unterminatedQuoteError(emitted + e.row + 1);
      throw malformedQuoteError(emitted + e.row + 1);
    }
    const rows = res.data;
    if (rows.length > 0) {
      stripCr(rows);
      yield rows;
    }
  }
}
