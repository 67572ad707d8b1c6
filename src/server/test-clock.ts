import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../core/context';
import type { Clock } from '../core/time';
import { tick } from './scheduler';

/**
 * Browser tests move the server's clock (escalations after the allowed working time). Honoured
 * only when STOREOPS_TEST_MODE=1 and STOREOPS_TEST_CLOCK is set (an ISO instant the clock starts
 * at, or "now"); otherwise neither the clock nor the route exists.
 */
export function testClockFromEnv(env: NodeJS.ProcessEnv): (Clock & { advance(ms: number): void }) | null {
  if (env.STOREOPS_TEST_MODE !== '1' || !env.STOREOPS_TEST_CLOCK) return null;
  const start = env.STOREOPS_TEST_CLOCK === 'now' ? Date.now() : new Date(env.STOREOPS_TEST_CLOCK).getTime();
  if (Number.isNaN(start)) throw new Error(`STOREOPS_TEST_CLOCK is not a date: ${env.STOREOPS_TEST_CLOCK}`);
  let offset = start - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => {
      offset += ms;
    },
  };
}

export function testClockRoutes(app: FastifyInstance, ctx: Ctx) {
  const clock = ctx.clock as Clock & { advance?: (ms: number) => void };
  if (process.env.STOREOPS_TEST_MODE !== '1' || typeof clock.advance !== 'function') return;
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/test/clock',
    {
      config: { access: { scope: 'public' } },
      schema: {
        tags: ['system'],
        summary: 'TEST MODE ONLY: move the clock, then run one scheduler tick',
        body: z.object({
          advanceMinutes: z
            .number()
            .min(0)
            .max(60 * 24 * 30),
        }),
      },
    },
    async (req) => {
      clock.advance!(req.body.advanceMinutes * 60_000);
      const report = await tick(ctx);
      return { now: ctx.clock.now().toISOString(), ...report };
    },
  );
}
