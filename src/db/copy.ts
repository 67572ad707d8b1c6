import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './client';

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

/** Loads already-encoded COPY text into `table (columns)`. Not inside a drizzle transaction. */
export async function copyText(
  database: Database,
  table: string,
  columns: readonly string[],
  text: string,
): Promise<void> {
  if (!text) return;
  const sqlText = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  if (database.engine === 'pglite') {
    await database.pglite!.query(sqlText.replace('FROM STDIN', "FROM '/dev/blob'"), [], {
      blob: new Blob([text]),
    });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await pipeline(Readable.from([Buffer.from(text, 'utf8')]), client.query(copyFrom(sqlText)));
  } finally {
    client.release();
  }
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
