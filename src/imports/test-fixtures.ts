/** Test support: paths of the sample files in test/fixtures/ (written by scripts/make-fixtures.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportKind } from './adapter';
import type { KindRecord } from './kinds';
import { type ParsedArrays, type ParseFileOptions, parseFileToArrays } from './parse-file';

export const FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

export function fixture(rel: string): string {
  return `${FIXTURES_DIR}${rel}`;
}

/**
 * Parses a fixture completely (records, rejects, the file's kind and version). With `as`, the
 * file must be detected as that kind, and the records are typed accordingly.
 */
export async function parseFixture<K extends ImportKind = ImportKind>(
  rel: string,
  opts: ParseFileOptions & { as?: K } = {},
): Promise<ParsedArrays<KindRecord[K]>> {
  const { as, ...rest } = opts;
  const r = await parseFileToArrays(fixture(rel), rest);
  if (as !== undefined && r.file.kind !== as) throw new Error(`${rel} was read as ${r.file.kind}, not ${as}`);
  return r as unknown as ParsedArrays<KindRecord[K]>;
}

const ORDER_STATUS = /交易成功|等待买家付款|买家已付款，等待卖家发货|卖家已发货，等待买家确认|交易关闭/;

/**
 * Writes order exports made from one row of the 2019 fixture: one row per entry [order number,
 * status text], order ids `base + n`; `bad` rows are cut short (rejected). Blank lines at the end
 * make every file's bytes differ (never a duplicate of an earlier file). Returns the file's path.
 */
export function orderFileWriter(dir: string, base: number, stamp: string) {
  const text = readFileSync(fixture('taobao-orders/ExportOrderList201911221800.csv'))
    .subarray(3)
    .toString('utf8');
  const [header, template] = text.split('\r\n');
  let fileNo = 0;
  return (rows: [number, string][], bad: number[] = []): string => {
    const lines = rows.map(([n, status], i) => {
      const line = template.replace(/^="\d+"/, `="${base + n}"`).replace(ORDER_STATUS, status);
      return bad.includes(i) ? line.split(',').slice(0, 6).join(',') : line;
    });
    const path = join(dir, `ExportOrderList${stamp}${String(++fileNo).padStart(4, '0')}.csv`);
    writeFileSync(path, `\ufeff${header}\r\n${lines.join('\r\n')}${'\r\n'.repeat(fileNo)}`);
    return path;
  };
}

/** Entries 0…n−1 of an order file, all with one status. */
export const orderRange = (n: number, status = '交易成功'): [number, string][] =>
  Array.from({ length: n }, (_, i) => [i, status]);
