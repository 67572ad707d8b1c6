import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../core/config';
import type { Ctx } from '../core/context';
import { fixedClock } from '../core/time';
import { openTestDatabase } from '../db/test-helpers';
import { buildApp } from './app';

export type TestApp = {
  app: FastifyInstance;
  ctx: Ctx;
  clock: ReturnType<typeof fixedClock>;
  dispose(): Promise<void>;
};

/** A server on a fresh test database (PGlite or PostgreSQL per the test project), clock fixed. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = fixedClock('2026-11-25T01:00:00Z');
  const config = loadConfig(
    {},
    { dataDir: '/tmp/storeops-test-unused', loginRateLimit: 10_000, ...overrides },
  );
  const ctx: Ctx = { database, clock, config };
  const app = await buildApp({ ctx, webDir: null });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    dispose: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
