// Creates a fresh bench database with the schema and store 'bench'. argv: engine target
// (pglite: dataDir; postgres: database URL whose database is created).
import pg from 'pg';
import { loadConfig } from '../../src/core/config';
import type { Ctx } from '../../src/core/context';
import { systemClock } from '../../src/core/time';
import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { setUp } from '../../src/modules/team/team.service';

const [engine, target] = process.argv.slice(2);
if (engine === 'postgres') {
  const u = new URL(target);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}
const database =
  engine === 'postgres'
    ? await openDatabase({ engine: 'postgres', url: target })
    : await openDatabase({ engine: 'pglite', dataDir: target });
await migrateDatabase(database);
const ctx: Ctx = { database, clock: systemClock, config: loadConfig({}, { dataDir: '/tmp' }) };
for (const code of ['bench'])
  await setUp(ctx, {
    organizationName: code,
    store: { code, name: code, platform: 'tmall' },
    owner: { login: code, displayName: code, password: 'bench-password' },
  });
await database.close();
