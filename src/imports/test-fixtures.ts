/** Test support: paths of the sample files in test/fixtures/ (written by scripts/make-fixtures.ts). */
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
