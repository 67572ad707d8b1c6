import type { CampaignPeriod } from '../../src/modules/inventory/inventory.rules';

/** The benchmark's store: 2 years of daily sales ending on AS_OF, with these campaigns. */
export const BENCH_AS_OF = '2026-11-24';
export const BENCH_DAYS = 730;
export const BENCH_CAMPAIGNS: CampaignPeriod[] = [
  { name: '618', start: '2025-06-01', end: '2025-06-18' },
  { name: '双11', start: '2025-10-20', end: '2025-11-11' },
  { name: '双12', start: '2025-12-10', end: '2025-12-12' },
  { name: '年货节', start: '2026-01-10', end: '2026-01-20' },
  { name: '618', start: '2026-06-01', end: '2026-06-18' },
  { name: '双11', start: '2026-10-20', end: '2026-11-11' },
  { name: '双12', start: '2026-12-10', end: '2026-12-12', uplift: 3 },
];
