import type { Ctx } from '../core/context';
import type { TimeBounds } from '../db/facts';
import { marketingAfterImport } from '../modules/marketing/marketing.service';
import { onImported as metricsOnImported } from '../modules/metrics/metrics.service';
import { afterChatImport } from '../modules/service/service.service';

/** What landed: modules look up the rows this import wrote by `import_id` on their fact tables. */
export type ImportedEvent = {
  storeId: string;
  importId: string;
  kind: string;
  inserted: number;
  updated: number;
  /**
   * When every row of the file was written: the range of each time column over them (so a
   * follower need not scan the facts for the dates the import touched).
   */
  bounds?: TimeBounds;
};

type Follower = { name: string; run: (ctx: Ctx, e: ImportedEvent) => Promise<void> };

/**
 * The modules that react to new facts (rollups, queues, tasks), run after the import's
 * transaction committed. Each module adds one line here pointing at its `*.service.ts`.
 * A follower that fails never undoes the import: the facts are stored; the error is reported
 * and the follower's work is recomputed on the next import or by its own command.
 */
const followers: Follower[] = [
  // First: the rollups other followers and the morning report read.
  { name: 'metrics.rollups', run: metricsOnImported },
  { name: 'marketing', run: marketingAfterImport },
  {
    name: 'orders',
    run: (ctx, e) => import('../modules/orders/orders.service').then((m) => m.ordersAfterImport(ctx, e)),
  },
  {
    name: 'aftersales',
    run: (ctx, e) =>
      import('../modules/aftersales/aftersales.service').then((m) => m.aftersalesAfterImport(ctx, e)),
  },
  { name: 'service.kpis', run: afterChatImport },
  {
    name: 'inventory',
    run: (ctx, e) =>
      import('../modules/inventory/inventory.service')
        .then((m) => m.inventoryAfterImport(ctx, e))
        .then(() => {}),
  },
];

export type FollowerError = { name: string; kind: string; importId: string; error: string };

/**
 * Every follower failure of this process since the last `takeFollowerErrors()`. The import's
 * result carries its own (`followerErrors`); this tally is for tests, whose imports run followers
 * they do not look at: the db test files that import assert it empty after each test, so a
 * follower that breaks (a bad SQL statement) fails a test instead of only printing a line.
 */
const failures: FollowerError[] = [];

export function takeFollowerErrors(): FollowerError[] {
  return failures.splice(0, failures.length);
}

export async function runAfterImport(ctx: Ctx, e: ImportedEvent): Promise<FollowerError[]> {
  const errors: FollowerError[] = [];
  if (e.inserted + e.updated === 0) return errors;
  const trace = process.env.STOREOPS_IMPORT_TRACE === '1';
  for (const f of followers) {
    const t0 = performance.now();
    try {
      await f.run(ctx, e);
      if (trace)
        process.stderr.write(
          `storeops: after-import ${e.kind} ${f.name} ${Math.round(performance.now() - t0)} ms [rss ${process.memoryUsage().rss >> 20} MB]\n`,
        );
    } catch (err) {
      const fe = { name: f.name, kind: e.kind, importId: e.importId, error: (err as Error).message };
      errors.push(fe);
      failures.push(fe);
      process.stderr.write(`storeops: after-import ${f.name} failed: ${(err as Error).stack ?? err}\n`);
    }
  }
  return errors;
}
