import { Cron } from 'croner';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../core/context';
import { addDays, businessDate, zonedInstant } from '../core/time';
import { deliverDue } from '../modules/notify/notify.service';
import { allStores, type StoreRow } from '../modules/team/team.service';
import { jobRuns } from '../modules/work/work.schema';
import { checkEscalations, notifyOverdueTasks } from '../modules/work/work.service';
import { DAILY_JOBS, type DailyJob } from './daily-jobs';

/** How many past business days a restart catches up (a job never ran before starts today). */
export const CATCH_UP_DAYS = 7;
/** A run still "running" after this long is taken to have died with its process. */
const STALE_RUN_MS = 15 * 60_000;
const MAX_ATTEMPTS = 3;

export type RunOutcome = 'ran' | 'skipped' | 'failed';

/**
 * Runs one daily job for one store and business date at most once, across restarts and across
 * servers: a short transaction takes a PostgreSQL advisory lock on (job, store, date) and claims
 * the `job_runs` row; the job runs outside that transaction; the row records done or failed
 * (failed runs are retried on later ticks, up to 3 attempts).
 */
export async function runDailyJob(
  ctx: Ctx,
  job: DailyJob,
  storeId: string,
  date: string,
): Promise<RunOutcome> {
  const now = ctx.clock.now();
  const key = `job:${job.name}:${storeId}:${date}`;
  const claimed = await ctx.database.db.transaction(async (tx) => {
    const lock = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${key})) as got`);
    const rows =
      (lock as unknown as { rows: { got: boolean }[] }).rows ?? (lock as unknown as { got: boolean }[]);
    if (!rows[0]?.got) return false;
    const [row] = await tx
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.storeId, storeId), eq(jobRuns.job, job.name), eq(jobRuns.businessDate, date)));
    if (row) {
      if (row.status === 'done') return false;
      if (row.status === 'running' && now.getTime() - row.startedAt.getTime() < STALE_RUN_MS) return false;
      if (row.status === 'failed' && row.attempts >= MAX_ATTEMPTS) return false;
      await tx
        .update(jobRuns)
        .set({ status: 'running', attempts: row.attempts + 1, startedAt: now, finishedAt: null })
        .where(and(eq(jobRuns.storeId, storeId), eq(jobRuns.job, job.name), eq(jobRuns.businessDate, date)));
    } else {
      await tx.insert(jobRuns).values({
        storeId,
        job: job.name,
        businessDate: date,
        status: 'running',
        attempts: 1,
        startedAt: now,
        finishedAt: null,
        error: null,
      });
    }
    return true;
  });
  if (!claimed) return 'skipped';
  const where = and(eq(jobRuns.storeId, storeId), eq(jobRuns.job, job.name), eq(jobRuns.businessDate, date));
  try {
    await job.run(ctx, storeId, date);
    await ctx.database.db
      .update(jobRuns)
      .set({ status: 'done', finishedAt: ctx.clock.now(), error: null })
      .where(where);
    return 'ran';
  } catch (e) {
    await ctx.database.db
      .update(jobRuns)
      .set({
        status: 'failed',
        finishedAt: ctx.clock.now(),
        error: String((e as Error).message ?? e).slice(0, 1000),
      })
      .where(where);
    return 'failed';
  }
}

/** The business dates a job is owed for a store at `now`: missed days since its last run (bounded), and today once its time has come. */
export function datesOwed(
  job: DailyJob,
  store: Pick<StoreRow, 'timeZone'>,
  now: Date,
  lastRunDate: string | null,
): string[] {
  const today = businessDate(now, store.timeZone);
  const dueToday = now.getTime() >= zonedInstant(today, job.at, store.timeZone).getTime();
  const out: string[] = [];
  if (lastRunDate) {
    const from = [addDays(lastRunDate, 1), addDays(today, -CATCH_UP_DAYS)].sort().at(-1)!;
    for (let d = from; d < today; d = addDays(d, 1)) out.push(d);
  }
  if (dueToday) out.push(today);
  return out;
}

async function lastRunDates(ctx: Ctx, storeId: string): Promise<Map<string, string>> {
  const rows = await ctx.database.db
    .select({ job: jobRuns.job, last: sql<string>`max(${jobRuns.businessDate})::text` })
    .from(jobRuns)
    .where(eq(jobRuns.storeId, storeId))
    .groupBy(jobRuns.job);
  return new Map(rows.map((r) => [r.job, r.last]));
}

export type TickReport = { ran: number; failed: number; escalated: number; delivered: number };

/**
 * One pass of the scheduler at `now` (the timer calls it every minute with the clock's time;
 * tests call it with any instant): every store's owed daily jobs, escalation checks, and the
 * notification deliveries that are due.
 */
export async function tick(ctx: Ctx, jobs: DailyJob[] = DAILY_JOBS): Promise<TickReport> {
  const now = ctx.clock.now();
  const report: TickReport = { ran: 0, failed: 0, escalated: 0, delivered: 0 };
  for (const store of await allStores(ctx)) {
    const last = await lastRunDates(ctx, store.id);
    for (const job of jobs) {
      const at = job.atFor ? await job.atFor(ctx, store.id).catch(() => job.at) : job.at;
      for (const date of datesOwed({ ...job, at }, store, now, last.get(job.name) ?? null)) {
        const r = await runDailyJob(ctx, job, store.id, date);
        if (r === 'ran') report.ran++;
        if (r === 'failed') report.failed++;
      }
    }
    try {
      report.escalated += await checkEscalations(ctx, store.id);
      await notifyOverdueTasks(ctx, store.id);
    } catch (e) {
      process.stderr.write(`escalation check ${store.code}: ${(e as Error).message}\n`);
    }
  }
  try {
    report.delivered += (await deliverDue(ctx)).sent;
  } catch (e) {
    process.stderr.write(`notify delivery: ${(e as Error).message}\n`);
  }
  return report;
}

/** Starts the minute timer (croner); ticks never overlap. Returns a stop function. */
export function startScheduler(ctx: Ctx, opts: { jobs?: DailyJob[]; pattern?: string } = {}): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await tick(ctx, opts.jobs);
    } catch (e) {
      process.stderr.write(`scheduler tick: ${(e as Error).message}\n`);
    } finally {
      running = false;
    }
  };
  const cron = new Cron(opts.pattern ?? '* * * * *', { protect: true }, () => void run());
  setTimeout(() => void run(), 1000).unref?.();
  return () => cron.stop();
}
