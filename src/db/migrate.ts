import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Any number: the advisory-lock key that serialises migrations between app servers. */
const MIGRATION_LOCK_KEY = 7_310_452_001;

/**
 * Applies the SQL migrations in `migrations/` that are not applied yet. Idempotent. On
 * PostgreSQL several servers may start at once: an advisory lock makes them take turns.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** Names of the tables in the current schema (for tests and `storeops doctor`). */
export async function listTables(database: Database): Promise<string[]> {
  const r = (await database.db.execute(
    sql`select table_name from information_schema.tables where table_schema = current_schema() order by 1`,
  )) as unknown as { rows: { table_name: string }[] };
  return (r.rows as { table_name: string }[]).map((x) => x.table_name);
}
