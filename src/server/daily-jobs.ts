import type { Ctx } from '../core/context';
import { dailyDiagnosis } from '../modules/metrics/metrics.service';

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

export const DAILY_JOBS: DailyJob[] = [{ name: 'metrics.diagnosis', at: '08:00', run: dailyDiagnosis }];
