import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from './client';
import { migrateDatabase, migrationsFolder } from './migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data dir (db-pglite project): each test file loads it. */
    storeopsPgliteTemplate: string | null;
    /** A migrated PostgreSQL database (db-postgres project): each test file clones it. */
    storeopsPgTemplate: string | null;
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced by `dbName`. */
function databaseUrl(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** Whether a process of this machine is alive (the test databases are named by their creator's pid). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops test databases a killed earlier run left behind — only those whose creating process is
 * gone: several runs share one server (engineers testing side by side), and dropping every
 * `storeops_t_%` killed the others' running tests.
 */
async function dropOrphans(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`STOREOPS_TEST_PG_URL is set but PostgreSQL does not answer: ${(e as Error).message}`);
  }
  try {
    const r = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'storeops_t_%'",
    );
    for (const { datname } of r.rows) {
      const pid = Number(/^storeops_t_(\d+)_/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) continue;
      // A template must lose its flag before it can be dropped.
      await client.query(`alter database ${datname} is_template false`).catch(() => undefined);
      await client.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await client.end();
  }
}

/** What the migrated data dir depends on: the migrations (names and SQL) and PGlite's version. */
function pgliteTemplateKey(): string {
  const hash = createHash('sha256');
  // The package exports no package.json: find it beside the resolved entry point (dist/).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglite = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  hash.update(`pglite ${pglite.version}\n`);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
      .sort();
  for (const f of files(migrationsFolder))
    hash.update(f.slice(migrationsFolder.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Migrates an in-memory PGlite once and writes its data dir as a tarball; returns its path.
 * The tarball is kept in the temp dir under a key of the migrations and PGlite's version, so a
 * later run with the same migrations starts from it straight away (initdb alone takes seconds).
 */
export async function pgliteTemplate(): Promise<string> {
  const dir = join(tmpdir(), 'storeops-test-cache');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `pglite-migrated-${pgliteTemplateKey()}.tar`);
  if (existsSync(path)) {
    const now = new Date();
    utimesSync(path, now, now);
    return path;
  }
  const database = await openDatabase({ engine: 'pglite', dataDir: null });
  try {
    await migrateDatabase(database);
    const tar = await database.pglite!.dumpDataDir('none');
    // Written aside and renamed: a run started alongside never reads half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(await tar.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await database.close();
  }
  // Tarballs of other migration sets, unused for a week, go (another worktree's run may
  // still use a recent one).
  for (const name of readdirSync(dir)) {
    const f = join(dir, name);
    if (f !== path && Date.now() - statSync(f).mtimeMs > WEEK_MS) rmSync(f, { force: true });
  }
  return path;
}

/**
 * Migrates a PostgreSQL database once and marks it a template; test files clone it with
 * `create database … template …` (a file copy, no migration per file). Returns its name.
 */
async function pgTemplate(admin: string): Promise<string> {
  const name = `storeops_t_${process.pid}_template_${Date.now().toString(36)}`;
  await adminQuery(admin, `create database ${name}`);
  const database = await openDatabase({ engine: 'postgres', url: databaseUrl(admin, name), poolSize: 1 });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  await adminQuery(admin, `alter database ${name} is_template true`);
  return name;
}

/**
 * Before each project's run: the db projects prepare one migrated database that every test file
 * starts from (PGlite: a data-dir tarball; PostgreSQL: a template database), so the migrations
 * run once per run rather than once per file. On PostgreSQL, first drop databases a killed
 * earlier run left behind. The returned teardown removes what this run made.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = project.config.env?.STOREOPS_TEST_ENGINE;
  const cleanups: (() => Promise<void>)[] = [];
  let pgliteTar: string | null = null;
  let pgTemplateName: string | null = null;
  const url = process.env.STOREOPS_TEST_PG_URL;
  if (url) await dropOrphans(url);
  if (engine === 'pglite') {
    pgliteTar = await pgliteTemplate();
  } else if (engine === 'postgres' && url) {
    const name = await pgTemplate(url);
    pgTemplateName = name;
    cleanups.push(async () => {
      await adminQuery(url, `alter database ${name} is_template false`);
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    });
  }
  project.provide('storeopsPgliteTemplate', pgliteTar);
  project.provide('storeopsPgTemplate', pgTemplateName);
  return async () => {
    for (const c of cleanups) await c();
  };
}
