import type { Ctx } from '../core/context';
import { runPipelineCheck } from '../modules/catalog/catalog.service';
import { runDailyInventoryCheck } from '../modules/inventory/inventory.service';
import { adsCheck, escalateLateItems, promotionsCheck } from '../modules/marketing/marketing.service';
import { dailyDiagnosis, pushDailyReport, reportPushTime } from '../modules/metrics/metrics.service';
import { dailyServiceJob } from '../modules/service/service.service';
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
  /** The store's own time for this job (a store setting), instead of `at`. */
  atFor?: (ctx: Ctx, storeId: string) => Promise<string>;
  run: (ctx: Ctx, storeId: string, businessDate: string) => Promise<void>;
};

export const DAILY_JOBS: DailyJob[] = [
  {
    name: 'marketing.promotions',
    at: '10:30',
    run: async (ctx, s, d) => void (await promotionsCheck(ctx, s, d)),
  },
  { name: 'marketing.ads', at: '11:00', run: async (ctx, s, d) => void (await adsCheck(ctx, s, d)) },
  {
    name: 'marketing.activities',
    at: '13:30',
    run: async (ctx, s, d) => void (await escalateLateItems(ctx, s, d)),
  },
  // The afternoon re-check: ad reports imported after 11:00 get their tasks too (idempotent).
  { name: 'marketing.ads-recheck', at: '16:30', run: async (ctx, s, d) => void (await adsCheck(ctx, s, d)) },
  {
    name: 'orders-queues',
    at: '10:30',
    run: async (ctx, storeId, date) => {
      const m = await import('../modules/orders/orders.service');
      await m.dailyOrders(ctx, storeId, date);
    },
  },
];

// work: each person's checklist of the day from the routines (DOMAIN.md §2).
DAILY_JOBS.push({
  name: 'work.checklists',
  at: '00:05',
  run: async (ctx, storeId, date) => {
    await generateChecklists(ctx, storeId, date);
  },
});

DAILY_JOBS.push(
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
);

// Yesterday's CS KPIs and quality sample, before the 08:30 data diagnosis.
DAILY_JOBS.push({ name: 'service.kpis', at: '07:30', run: dailyServiceJob });

// The morning diagnosis (DOMAIN.md §2, 08:30 block) ready before the team arrives.
DAILY_JOBS.push({ name: 'metrics.diagnosis', at: '08:00', run: dailyDiagnosis });

// The morning report pushed to the channels of the store's `metrics.daily_report` notify rules,
// at the store's own time (数据诊断 settings, default 09:00).
DAILY_JOBS.push({
  name: 'metrics.report-push',
  at: '09:00',
  atFor: reportPushTime,
  run: async (ctx, storeId, date) => void (await pushDailyReport(ctx, storeId, date)),
});
