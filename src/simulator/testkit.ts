import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

/**
 * Test helpers: read the simulator's files back the way an independent reader would (iconv-lite +
 * papaparse, exceljs) — deliberately not through src/imports.
 */

export type Table = { header: string[]; rows: string[][]; raw: Buffer; text: string };

export async function readCsv(path: string): Promise<Table> {
  const raw = await readFile(path);
  const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const text = bom ? raw.subarray(3).toString('utf8') : iconv.decode(raw, 'gb18030');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header, rows, raw, text };
}

export async function readXlsx(
  path: string,
): Promise<{ header: string[]; rows: (string | number | null)[][]; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  const out: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    const cells: (string | number | null)[] = [];
    for (let i = 1; i < values.length; i++) {
      const v = values[i];
      cells.push(v === undefined || v === null ? null : typeof v === 'number' ? v : String(v));
    }
    out.push(cells);
  });
  const [header, ...rows] = out;
  return { header: header.map((h) => String(h)), rows, sheet: ws.name };
}

/** Column accessor by header name (trimmed, as the importers match). */
export function col(header: readonly string[], name: string): number {
  const i = header.findIndex((h) => h.trim() === name);
  if (i < 0) throw new Error(`no column ${name} in ${header.join(',')}`);
  return i;
}

/** `="123"` → `123`; `'139…` → `139…`. */
export function unquirk(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  if (s.startsWith('="') && s.endsWith('"')) return s.slice(2, -1);
  if (s.startsWith("'")) return s.slice(1);
  return s;
}

/** Money text (`12.30`, `0元`, `1,234.50`) → fen, exactly. */
export function fen(v: string | number | null | undefined): number {
  const s = String(v ?? '')
    .replace(/元$/, '')
    .replace(/,/g, '')
    .trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not money: ${v}`);
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -value : value;
}

/** `yyyy-MM-dd HH:mm:ss` → seconds (China time, as UTC-less arithmetic). */
export function secs(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v);
  if (!m) throw new Error(`not a time: ${v}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
}
