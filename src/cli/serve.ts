import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../core/config';
import type { Ctx } from '../core/context';
import { isSetupNeeded } from '../modules/team/team.service';
import { buildApp } from '../server/app';
import { startScheduler } from '../server/scheduler';
import { testClockFromEnv } from '../server/test-clock';
import { ensureDemo } from './demo';
import { openRuntime } from './runtime';
import { ensureWebBuilt } from './web-build';

export type ServeOptions = { port?: number; host?: string; dataDir?: string; demo?: boolean };

/** Starts the desk and the API; resolves after a clean shutdown (SIGINT/SIGTERM). */
export async function serve(opts: ServeOptions): Promise<void> {
  const started = Date.now();
  const overrides: Parameters<typeof loadConfig>[1] = {};
  if (opts.port !== undefined) overrides.port = opts.port;
  if (opts.host) overrides.host = opts.host;
  const dataDir = opts.dataDir ?? (opts.demo ? (process.env.STOREOPS_DEMO_DATA ?? './data-demo') : undefined);
  if (dataDir) overrides.dataDir = dataDir;
  const config = loadConfig(process.env, overrides);
  const log = (s: string) => process.stdout.write(`${s}\n`);

  const hasWeb = ensureWebBuilt(log);
  const ctx: Ctx = await openRuntime(config);
  const testClock = testClockFromEnv(process.env);
  if (testClock) ctx.clock = testClock;
  let app: FastifyInstance | null = null;
  let stopScheduler: (() => void) | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down…`);
    try {
      stopScheduler?.();
      await app?.close();
    } finally {
      await ctx.database.close();
    }
    log('database closed, bye');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    if (opts.demo) await ensureDemo(ctx, log);
    app = await buildApp({ ctx, webDir: hasWeb ? undefined : null, logger: { level: config.logLevel } });
    await app.listen({ port: config.port, host: config.host });
    // Daily jobs (checklists, other modules' DAILY_JOBS), escalation checks, notification delivery.
    if (process.env.STOREOPS_SCHEDULER !== 'off') stopScheduler = startScheduler(ctx);
  } catch (e) {
    await app?.close().catch(() => undefined);
    await ctx.database.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const where =
    ctx.database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  log(`StoreOps is running at ${url}  (${where}; ready in ${Date.now() - started} ms)`);
  if (await isSetupNeeded(ctx)) log(`First run: open ${url}/setup to create the owner and the first store.`);
  log(`API docs: ${url}/api/docs`);
  await new Promise<void>(() => undefined);
}
