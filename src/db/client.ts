import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: service functions accept either. */
export type DbOrTx = Db | Tx;

export type Engine = 'pglite' | 'postgres';

/**
 * One opened database. On PGlite all access is serialised by PGlite itself (one connection,
 * one transaction mutex): inside `db.transaction(tx => …)` use only `tx`.
 */
export type Database = {
  engine: Engine;
  db: Db;
  /** The PGlite instance (embedded engine only), e.g. for COPY FROM '/dev/blob' and backups. */
  pglite: PGlite | null;
  /** The node-postgres pool (server engine only), e.g. for COPY FROM STDIN. */
  pool: pg.Pool | null;
  close(): Promise<void>;
};

// PostgreSQL bigint (int8) comes back as a string by default; our bigints are fen and counts,
// always within 2^53, so read them as numbers. Dates stay strings (business dates).
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint out of safe range: ${v}`);
  return n;
});
pg.types.setTypeParser(1082, (v) => v);

/**
 * PGlite's settings. Its defaults are a server's (shared_buffers 128 MB), all of it WebAssembly
 * memory that never shrinks; a desk for one team does well with less, the OS caches the files
 * behind it. `STOREOPS_PGLITE_SHARED_BUFFERS` changes it.
 */
function pgliteOptions() {
  const sharedBuffers = process.env.STOREOPS_PGLITE_SHARED_BUFFERS ?? '32MB';
  if (!/^\d+(kB|MB|GB)$/.test(sharedBuffers))
    throw new Error(`STOREOPS_PGLITE_SHARED_BUFFERS: not a size: ${sharedBuffers}`);
  return { postgresqlconf: [`shared_buffers = ${sharedBuffers}`] };
}

export type OpenOptions =
  | {
      engine: 'pglite';
      dataDir: string | null;
      lock?: boolean;
      /** A data-dir tarball (from `dumpDataDir`) to start from instead of a fresh initdb. */
      loadDataDir?: Blob;
    }
  | { engine: 'postgres'; url: string; poolSize?: number };

/** Opens PGlite at `dataDir/pgdata` (or in memory when dataDir is null), or a PostgreSQL pool. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Nothing to do here.
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      engine: 'postgres',
      db,
      pglite: null,
      pool,
      close: async () => {
        await pool.end();
      },
    };
  }

  let lock: DataDirLock | null = null;
  let client: PGlite;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    if (opts.lock !== false) lock = acquireDataDirLock(opts.dataDir);
    try {
      client = await PGlite.create(join(opts.dataDir, 'pgdata'), {
        ...pgliteOptions(),
        ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      });
    } catch (e) {
      lock?.release();
      throw e;
    }
  } else {
    client = await PGlite.create({
      ...pgliteOptions(),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    engine: 'pglite',
    db,
    pglite: client,
    pool: null,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
