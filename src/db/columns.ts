import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  integer,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Column builders with the data rules of DESIGN.md baked in. */
export const col = {
  /** Money in integer fen. */
  fen: (name: string) => bigint(name, { mode: 'number' }),
  /** Rates in basis points (2.35% → 235). */
  bp: (name: string) => integer(name),
  int: (name: string) => integer(name),
  /** Non-money decimals (scores 4.85, average rank, items per customer). */
  dec: (name: string) => doublePrecision(name),
  text: (name: string) => text(name),
  bool: (name: string) => boolean(name),
  /** An instant. */
  ts: (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }),
  /** A business date, yyyy-MM-dd in the store's time zone. */
  date: (name: string) => date(name, { mode: 'string' }),
};

/**
 * The columns every platform fact has: the tenant key, the platform id (upsert key), the import
 * that last wrote it, when it was first and last seen, and the hash of its imported values.
 */
export function factColumns() {
  return {
    storeId: text('store_id').notNull(),
    platformId: text('platform_id').notNull(),
    importId: text('import_id').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    /**
     * A hash of the imported values (db/hash53.ts), written by the import with them: a re-import
     * compares it instead of every column. Null for a row not written by an import.
     */
    rowHash: bigint('row_hash', { mode: 'number' }),
  };
}

/** Primary key (store_id, platform_id): the tenant key first, as every business table. */
export function factKey(t: { storeId: PgColumn; platformId: PgColumn }) {
  return primaryKey({ columns: [t.storeId, t.platformId] });
}

/**
 * `column IN (values…)` with the values as one JSON parameter: for long lists (a month's 33 k
 * order ids) building and binding one parameter per value costs more than the query itself, and
 * one statement needs no chunks under the 65 535-parameter limit. Same rows as `inArray`.
 */
export function inJsonList(column: PgColumn, values: readonly string[]): SQL {
  if (values.length === 0) return sql`false`;
  return sql`${column} in (select json_array_elements_text(${JSON.stringify(values)}::json))`;
}
