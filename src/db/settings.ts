import { and, eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../core/context';
import { badInput } from '../core/errors';

/** A module's per-store key → JSON settings table: (store_id, key) primary key, value jsonb. */
export type KeyValueSettingsTable = PgTable & {
  storeId: AnyPgColumn;
  key: AnyPgColumn;
  value: AnyPgColumn;
  updatedBy: AnyPgColumn;
  updatedAt: AnyPgColumn;
};

/** One thing wrong with a settings change: the field (path) and a message code with parameters. */
export type SettingProblem = { field: string; code: string; params: Record<string, string | number> };

/** Refuses a settings change with its first problem, naming the field (the form marks it). */
export function throwProblem(module: string, problems: SettingProblem[]): void {
  const [p] = problems;
  if (!p) return;
  throw badInput(`${module}.${p.code}`, `Invalid setting ${p.field}: ${p.code}`, {
    details: { field: p.field, problems },
    params: p.params,
  });
}

/**
 * Read and write one store's settings by key in a module's own settings table (the orders and
 * after-sales desks keep theirs this way). `put` upserts and records who changed it and when.
 */
export function keyValueSettings(table: KeyValueSettingsTable, module: string) {
  const store = {
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
  /**
   * One setting with its defaults (a stored value overrides them field by field) and its check:
   * `set` merges the change, refuses it with the first problem (error code `<module>.<code>`)
   * and stores the whole value.
   */
  const entry = <T extends object>(key: string, defaults: T, problems: (v: T) => SettingProblem[]) => {
    const get = async (ctx: Ctx, storeId: string): Promise<T> => ({
      ...defaults,
      ...((await store.get<Partial<T>>(ctx, storeId, key)) ?? {}),
    });
    const set = async (ctx: Ctx, storeId: string, input: Partial<T>, personId: string | null): Promise<T> => {
      const next = { ...(await get(ctx, storeId)), ...input };
      throwProblem(module, problems(next));
      await store.put(ctx, storeId, key, next, personId);
      return next;
    };
    return { get, set };
  };
  return { ...store, entry };
}
