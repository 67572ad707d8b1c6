import pg from 'pg';

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
 * Before the whole run: on PostgreSQL, drop test databases a killed earlier run left behind —
 * only those whose creating process is gone: several runs share one server (engineers testing
 * side by side), and dropping every `storeops_t_%` killed the others' running tests.
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
      const pid = Number(/^storeops_t_(\d+)_/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) continue;
      await client.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await client.end();
  }
}
