/**
 * JSON lines (one JSON object per line) as a table: the headers are the keys of the first
 * objects (union, in order of appearance, over the first 1000 lines); row numbers are line numbers.
 */
import { badInput } from '../../core/errors';
import type { RowBatch } from './types';
import { excelCellText } from './xlsx';

const HEADER_SAMPLE = 1000;

export function invalidJsonLineError(line: number) {
  return badInput(
    'import.invalid_json_line',
    `第 ${line} 行: 不是有效的 JSON 对象。 / Line ${line}: not a valid JSON object.`,
    { params: { row: line } },
  );
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return excelCellText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

async function* lines(text: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of text) {
    pending += chunk;
    let start = 0;
    for (;;) {
      const nl = pending.indexOf('\n', start);
      if (nl === -1) break;
      yield pending.slice(start, nl);
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  if (pending.length > 0) yield pending;
}

/** Returns the headers and the batches of value rows. */
export async function jsonlTable(
  text: AsyncIterable<string>,
  batchSize: number,
): Promise<{ headers: string[]; batches: AsyncGenerator<RowBatch> } | null> {
  const it = lines(text)[Symbol.asyncIterator]();
  const sample: { n: number; obj: Record<string, unknown> }[] = [];
  const keys = new Map<string, true>();
  let n = 0;
  let done = false;
  while (sample.length < HEADER_SAMPLE) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    n++;
    const obj = parseLine(r.value, n);
    if (obj === null) continue;
    for (const k of Object.keys(obj)) keys.set(k, true);
    sample.push({ n, obj });
  }
  if (sample.length === 0) return null;
  const headers = [...keys.keys()];
  const toRow = (obj: Record<string, unknown>) => headers.map((h) => valueText(obj[h]));
  async function* batches(): AsyncGenerator<RowBatch> {
    let rows: string[][] = [];
    let first = 0;
    let next = 0;
    const push = function* (num: number, row: string[]): Generator<RowBatch> {
      if (rows.length > 0 && (num !== next || rows.length >= batchSize)) {
        yield { firstRowNumber: first, rows };
        rows = [];
      }
      if (rows.length === 0) first = num;
      rows.push(row);
      next = num + 1;
    };
    for (const s of sample) yield* push(s.n, toRow(s.obj));
    if (!done) {
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        n++;
        const obj = parseLine(r.value, n);
        if (obj !== null) yield* push(n, toRow(obj));
      }
    }
    if (rows.length > 0) yield { firstRowNumber: first, rows };
  }
  return { headers, batches: batches() };
}

function parseLine(line: string, n: number): Record<string, unknown> | null {
  const t = line.trim();
  if (t === '') return null;
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    throw invalidJsonLineError(n);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidJsonLineError(n);
  return v as Record<string, unknown>;
}
