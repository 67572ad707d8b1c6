import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../core/config';
import { AppError, conflict } from '../core/errors';
import { openDatabase } from '../db/client';
import { acquireDataDirLock } from '../db/lock';

function refuseOnPostgres(config: Config, what: string) {
  if (config.databaseUrl)
    throw new AppError(
      'backup.use_pg_dump',
      1,
      `DATABASE_URL points at a PostgreSQL server: use pg_dump / pg_restore for ${what} (see README, "Production on PostgreSQL").`,
    );
}

/** Writes the embedded database as a gzipped data-directory dump. Needs the server stopped. */
export async function backupDatabase(config: Config, file: string): Promise<number> {
  refuseOnPostgres(config, 'backups');
  if (!existsSync(join(config.dataDir, 'pgdata')))
    throw new AppError('backup.no_data', 1, `No database in ${config.dataDir} to back up`);
  const database = await openDatabase({ engine: 'pglite', dataDir: config.dataDir });
  try {
    const dump = await database.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    writeFileSync(`${file}.partial`, bytes);
    renameSync(`${file}.partial`, file);
    return bytes.length;
  } finally {
    await database.close();
  }
}

/** Replaces the embedded database with a backup. Refuses to overwrite data without --force. */
export async function restoreDatabase(config: Config, file: string, opts: { force: boolean }): Promise<void> {
  refuseOnPostgres(config, 'restores');
  const pgdata = join(config.dataDir, 'pgdata');
  mkdirSync(config.dataDir, { recursive: true });
  const lock = acquireDataDirLock(config.dataDir);
  try {
    if (existsSync(pgdata) && !opts.force)
      throw conflict(
        'restore.not_empty',
        `${config.dataDir} already holds a database; add --force to replace it`,
      );
    const blob = new Blob([readFileSync(file)]);
    const staging = `${pgdata}.restoring`;
    rmSync(staging, { recursive: true, force: true });
    const pg = await PGlite.create(staging, { loadDataDir: blob });
    await pg.query('select 1');
    await pg.close();
    rmSync(pgdata, { recursive: true, force: true });
    renameSync(staging, pgdata);
  } finally {
    lock.release();
  }
}
