/**
 * cs-kpis: one month of chats of a large store (1 M messages, 100 k sessions, 20 agents, 33 k
 * paid orders, 20 CS people linked to the 20 sub-accounts), generated in the database; the full KPI
 * recompute (service.recomputeKpis: per agent per day and per shift, conversion and sales from the
 * orders attribution, flagged sessions written) against the
 * baseline measured in the same process: one plain SQL window-function query computing the first
 * response time of every session. Target: recompute ≤ 2× the query, peak RSS ≤ 500 MB.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/core/config';
import type { Ctx } from '../src/core/context';
import { systemClock } from '../src/core/time';
import { openDatabase } from '../src/db/client';
import { cliActor, createPerson, findStoreByCode, linkChatAccounts } from '../src/modules/team/team.service';
import { childEnv } from './lib/child-env';
import { freshBenchDb } from './lib/setup-db';

export type CsBenchOptions = { scale: 'small' | 'medium' | 'large'; pgUrl: string | null; workDir: string };

const MESSAGES = { small: 100_000, medium: 300_000, large: 1_000_000 };
const MONTH = { from: '2026-10-01', to: '2026-10-31' };

/**
 * 10 messages a session (buyer, auto-reply, agent, buyer, agent …), replies in 5–30 s; every 40th
 * session answered slowly (> 2 min), every 50th never answered.
 */
async function generate(ctx: Ctx, storeId: string, messages: number) {
  const database = ctx.database;
  const sessions = Math.floor(messages / 10);
  const db = database.db;
  const start = `${MONTH.from}T00:00:00+08:00`;
  await db.execute(sql`
    insert into chat_messages (store_id, platform_id, import_id, first_seen_at, updated_at, message_id, session_id,
      sent_at, sender_role, sender, buyer, agent, content, is_auto_reply)
    select ${storeId}, s || '-' || k, 'bench', now(), now(), s || '-' || k, 'S' || s,
      ${start}::timestamptz + make_interval(secs => s * (2592000.0 / ${sessions}) + k * (5 + (s % 13) * 2) + case when s % 40 = 7 and k >= 2 then 200 else 0 end),
      case when k % 2 = 0 or s % 50 = 0 then 'buyer' else 'agent' end,
      case when k % 2 = 0 or s % 50 = 0 then 'buyer' else 'bench:a' || (s % 20) end,
      'b' || ((s * 7919) % ${Math.floor(sessions * 0.6)}),
      'bench:a' || (s % 20),
      case when k % 2 = 0 then '请问这个什么时候发货？' else '亲，16点前付款当天发货哦~' end,
      k = 1 and s % 50 <> 0
    from generate_series(0, ${sessions - 1}) s, generate_series(0, 9) k`);
  await db.execute(sql`
    insert into orders (store_id, platform_id, import_id, first_seen_at, updated_at, order_id, buyer_account,
      paid_amount_fen, status, created_at, paid_at)
    select ${storeId}, 'O' || s, 'bench', now(), now(), 'O' || s, 'b' || ((s * 7919) % ${Math.floor(sessions * 0.6)}),
      5000 + (s % 100) * 100, 'paid',
      ${start}::timestamptz + make_interval(secs => s * (2592000.0 / ${sessions}) + 600),
      ${start}::timestamptz + make_interval(secs => s * (2592000.0 / ${sessions}) + 660)
    from generate_series(0, ${sessions - 1}) s where s % 3 = 0`);
  // 20 CS people, one per sub-account (linked in team), so the orders attribution credits sales.
  const actor = (await cliActor(ctx))!;
  const links: Record<string, string> = {};
  for (let a = 0; a < 20; a++) {
    const p = await createPerson(ctx, actor, {
      login: `cs${a}`,
      displayName: `客服${a}`,
      password: 'bench-password',
      memberships: [{ storeCode: 'bench', roles: ['cs_presale'] }],
    });
    links[`bench:a${a}`] = p.id;
  }
  await linkChatAccounts(ctx, storeId, links, null);
  await db.execute(sql`analyze chat_messages`);
  await db.execute(sql`analyze orders`);
}

export async function benchCsKpis(opts: CsBenchOptions) {
  const messages = MESSAGES[opts.scale];
  // STOREOPS_BENCH_ENGINES=postgres (or pglite) runs one engine only.
  const only = process.env.STOREOPS_BENCH_ENGINES?.split(',');
  const engines = (opts.pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)).filter(
    (e) => !only || only.includes(e),
  );
  const results: Record<string, unknown>[] = [];
  for (const engine of engines) {
    // STOREOPS_BENCH_TARGET=<dataDir or URL> of a database kept before (STOREOPS_BENCH_KEEP, same
    // scale): measured again without generating it (kept, not dropped).
    const kept = process.env.STOREOPS_BENCH_TARGET;
    const f = kept ? { target: kept, drop: async () => {} } : freshBenchDb(engine, opts, 'csbench');
    if (!kept) {
      const database =
        engine === 'postgres'
          ? await openDatabase({ engine: 'postgres', url: f.target })
          : await openDatabase({ engine: 'pglite', dataDir: f.target });
      const ctx: Ctx = {
        database,
        clock: systemClock,
        config: loadConfig({}, { dataDir: opts.workDir }),
      };
      const store = (await findStoreByCode(ctx, 'bench'))!;
      const t0 = performance.now();
      await generate(ctx, store.id, messages);
      console.error(
        `cs-kpis ${engine}: generated ${messages} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      await database.close();
    }
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', 'bin/run-ts.mjs', 'bench/lib/child-cs-kpis.ts', engine, f.target, MONTH.from, MONTH.to],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
        env: childEnv(),
      },
    );
    if (process.env.STOREOPS_BENCH_KEEP || kept) console.error(`kept ${f.target}`);
    else await f.drop();
    if (process.env.STOREOPS_TRACE_KPIS) console.error(r.stderr);
    if (r.status !== 0) throw new Error(`cs-kpis child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      baselineMs: number;
      baselineRows: number;
      recompute: { sessions: number; rows: number; flagged: number; creditedOrders: number };
      recomputeMs: number;
      maxRssMB: number;
      baselineCpuMs: number;
      recomputeCpuMs: number;
      baselineServerCpuMs: number | null;
      recomputeServerCpuMs: number | null;
      checksum: string;
    };
    const row = {
      engine,
      messages,
      sessions: out.recompute.sessions,
      kpiRows: out.recompute.rows,
      flaggedSessions: out.recompute.flagged,
      creditedOrders: out.recompute.creditedOrders,
      // md5 of the KPI rows and flagged sessions written (computed_at and the store's id left out,
      // so both engines' agree): equal before and after a change of the recompute = equal results.
      checksum: out.checksum,
      recompute: {
        seconds: +(out.recomputeMs / 1000).toFixed(2),
        cpuSeconds: +(out.recomputeCpuMs / 1000).toFixed(2),
        ...(out.recomputeServerCpuMs === null
          ? {}
          : { serverCpuSeconds: +(out.recomputeServerCpuMs / 1000).toFixed(2) }),
        peakRssMB: Math.round(out.maxRssMB),
      },
      baseline: {
        what: 'one SQL window-function query: first response time of every session',
        seconds: +(out.baselineMs / 1000).toFixed(2),
        cpuSeconds: +(out.baselineCpuMs / 1000).toFixed(2),
        ...(out.baselineServerCpuMs === null
          ? {}
          : { serverCpuSeconds: +(out.baselineServerCpuMs / 1000).toFixed(2) }),
        rows: out.baselineRows,
      },
      ratio: +(out.recomputeMs / out.baselineMs).toFixed(2),
      load: os.loadavg().map((l) => +l.toFixed(2)),
      target: 'ratio ≤ 2, peak RSS ≤ 500 MB',
    };
    console.error(`cs-kpis ${engine}: ${JSON.stringify(row)}`);
    results.push(row);
  }
  return results;
}
