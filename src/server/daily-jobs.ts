import type { Ctx } from '../core/context';
import { runPipelineCheck } from '../modules/catalog/catalog.service';
import { runDailyInventoryCheck } from '../modules/inventory/inventory.service';

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
  // DOMAIN.md §2/§7: the stock sheet before the day's work; restock, low-stock warnings, delist,
  // campaign shortfall → tasks (one per thing). By hand: POST /api/v1/stores/:code/inventory/daily-check.
  {
    name: 'inventory.daily-check',
    at: '08:30',
    run: async (ctx, storeId, businessDate) => {
      await runDailyInventoryCheck(ctx, storeId, businessDate);
    },
  },
  // New-product pipeline: a stage past its due date → a task to its owner (once per stage).
  {
    name: 'catalog.pipeline-check',
    at: '15:30',
    run: async (ctx, storeId, businessDate) => {
      await runPipelineCheck(ctx, storeId, businessDate);
    },
  },
];
