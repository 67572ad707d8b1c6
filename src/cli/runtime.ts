import type { Config } from '../core/config';
import type { Ctx } from '../core/context';
import { systemClock } from '../core/time';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { sweepInterruptedImports } from '../imports/imports.service';

/** Opens the configured database (PGlite at config.dataDir, or DATABASE_URL), migrated. */
export async function openRuntime(config: Config): Promise<Ctx> {
  const database = config.databaseUrl
    ? await openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : await openDatabase({ engine: 'pglite', dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const ctx: Ctx = { database, clock: systemClock, config };
  await sweepInterruptedImports(ctx);
  return ctx;
}
