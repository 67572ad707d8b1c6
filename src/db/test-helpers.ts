import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
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

function testDatabaseUrl(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/**
 * What the run's global setup (src/db/test-global-setup.ts) prepared: a migrated PGlite data
 * dir as a tarball, or a migrated PostgreSQL template database. Outside the db projects (or
 * outside Vitest) there is none, and each database is migrated on its own.
 */
function provided<K extends 'storeopsPgliteTemplate' | 'storeopsPgTemplate'>(key: K): string | null {
  try {
    return inject(key) ?? null;
  } catch {
    return null;
  }
}

/** The template tarball, read once per test file (worker) that asks for it. */
let pgliteTarball: { path: string; blob: Blob } | null = null;
function pgliteTemplate(): Blob | null {
  const path = provided('storeopsPgliteTemplate');
  if (!path) return null;
  if (pgliteTarball?.path !== path) pgliteTarball = { path, blob: new Blob([readFileSync(path)]) };
  return pgliteTarball.blob;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new PostgreSQL
 * database (dropped by `dispose`). Tests never share state across files. The migrations ran
 * once for the whole run: PGlite starts from the migrated data dir's tarball, PostgreSQL
 * clones the migrated template database.
 */
export async function openTestDatabase(
  engine: TestEngine = testEngine(),
): Promise<Database & { dispose(): Promise<void>; url: string | null }> {
  if (engine === 'pglite') {
    const tarball = pgliteTemplate();
    const database = await openDatabase({
      engine: 'pglite',
      dataDir: null,
      ...(tarball ? { loadDataDir: tarball } : {}),
    });
    if (!tarball) await migrateDatabase(database);
    return { ...database, url: null, dispose: () => database.close() };
  }
  const admin = testPgUrl();
  const template = provided('storeopsPgTemplate');
  const name = `storeops_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(
    admin,
    template ? `create database ${name} template ${template}` : `create database ${name}`,
  );
  const url = testDatabaseUrl(admin, name);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  if (!template) await migrateDatabase(database);
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
    url: testDatabaseUrl(admin, name),
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
