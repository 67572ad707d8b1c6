import type { Ctx } from '../core/context';
import { generateChecklists } from '../modules/work/work.service';

/**
 * Jobs the scheduler runs once per store and business date, at a local time of the store's
 * zone (the daily rhythm of DOMAIN.md §2). A run is recorded per (job, store, business date):
 * a restart never runs a day twice nor skips it. Each module adds its jobs here, pointing at
 * its `*.service.ts`; `run` must be idempotent.
 */
export type DailyJob = {
  name: string;
  /** Local time in the store's zone, 'HH:mm'. */
  at: string;
  run: (ctx: Ctx, storeId: string, businessDate: string) => Promise<void>;
};

export const DAILY_JOBS: DailyJob[] = [];

// work: each person's checklist of the day from the routines (DOMAIN.md §2).
DAILY_JOBS.push({
  name: 'work.checklists',
  at: '00:05',
  run: async (ctx, storeId, date) => {
    await generateChecklists(ctx, storeId, date);
  },
});
