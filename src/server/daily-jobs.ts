import type { Ctx } from '../core/context';
import { dailyServiceJob } from '../modules/service/service.service';

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

export const DAILY_JOBS: DailyJob[] = [
  // Yesterday's CS KPIs and quality sample, before the 08:30 data diagnosis.
  { name: 'service.kpis', at: '07:30', run: dailyServiceJob },
];
