import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from './client';
import { migrateDatabase } from './migrate';

export type TestEngine = 'pglite' | 'postgres';

/** Which engine this test run uses: vitest's db projects set STOREOPS_TEST_ENGINE. */
export function testEngine(): TestEngine {
  return process.env.STOREOPS_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export function testPgUrl(): string {
  const url = process.env.STOREOPS_TEST_PG_URL;
  if (!url) throw new Error('STOREOPS_TEST_PG_URL is not set');
  return url;
}

function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new PostgreSQL
 * database (dropped by `dispose`). Tests never share state across files.
 */
export async function openTestDatabase(
  engine: TestEngine = testEngine(),
): Promise<Database & { dispose(): Promise<void>; url: string | null }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ engine: 'pglite', dataDir: null });
    await migrateDatabase(database);
    return { ...database, url: null, dispose: () => database.close() };
  }
  const admin = testPgUrl();
  const name = `storeops_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(admin, `create database ${name}`);
  const url = withDatabase(admin, name);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  await migrateDatabase(database);
  return {
    ...database,
    url,
    dispose: async () => {
      await database.close();
      await adminQuery(admin, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Creates an empty PostgreSQL database (not migrated) and returns its URL and a dropper. */
export async function createEmptyPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = testPgUrl();
  const name = `storeops_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(admin, `create database ${name}`);
  return {
    url: withDatabase(admin, name),
    drop: () => adminQuery(admin, `drop database if exists ${name} with (force)`),
  };
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
