import { and, eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../core/context';

/** A module's per-store key → JSON settings table: (store_id, key) primary key, value jsonb. */
export type KeyValueSettingsTable = PgTable & {
  storeId: AnyPgColumn;
  key: AnyPgColumn;
  value: AnyPgColumn;
  updatedBy: AnyPgColumn;
  updatedAt: AnyPgColumn;
};

/**
 * Read and write one store's settings by key in a module's own settings table (the orders and
 * after-sales desks keep theirs this way). `put` upserts and records who changed it and when.
 */
export function keyValueSettings(table: KeyValueSettingsTable) {
  return {
    async get<T>(ctx: Ctx, storeId: string, key: string): Promise<T | null> {
      const [row] = (await ctx.database.db
        .select({ value: table.value })
        .from(table as PgTable)
        .where(and(eq(table.storeId, storeId), eq(table.key, key)))) as { value: unknown }[];
      return row ? (row.value as T) : null;
    },
    async put(
      ctx: Ctx,
      storeId: string,
      key: string,
      value: unknown,
      personId: string | null,
    ): Promise<void> {
      const now = ctx.clock.now();
      // The column objects are the table's own; the generic table type cannot name them for drizzle.
      const values = { storeId, key, value, updatedBy: personId, updatedAt: now } as never;
      await ctx.database.db
        .insert(table as PgTable)
        .values(values)
        .onConflictDoUpdate({
          target: [table.storeId, table.key],
          set: { value, updatedBy: personId, updatedAt: now } as never,
        });
    },
  };
}
