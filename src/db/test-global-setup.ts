import pg from 'pg';

/**
 * Before the whole run: on PostgreSQL, drop test databases a killed earlier run left behind.
 */
export default async function setup(): Promise<void> {
  const url = process.env.STOREOPS_TEST_PG_URL;
  if (!url) return;
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
      await client.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await client.end();
  }
}
