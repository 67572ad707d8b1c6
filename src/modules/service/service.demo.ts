/**
 * Demo data a CS leader would have typed in: who works which sub-account and shift, the roster
 * (4 days off each), the rule book of fines (DOMAIN.md §5 defaults), the attendance records of the
 * days someone was late or away; then the KPIs and a quality sample are computed.
 */
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { addDays } from '../../core/time';
import { chatAccountResolver, chatAccountShortName, storePeople } from '../team/team.service';
import { DEFAULT_FINE_RULES } from './service.fines.rules';
import { chatMessages, csAgents } from './service.schema';
import {
  chatDateRange,
  deriveAttendanceFromChats,
  generateMonthRoster,
  recomputeKpis,
  runQualityInspection,
  saveAgent,
  saveAttendance,
  saveRuleBook,
} from './service.service';

type ManifestEvent = { type: string; details: Record<string, unknown> };

export async function seedServiceDemo(
  ctx: Ctx,
  storeId: string,
  manifest: { plantedEvents?: ManifestEvent[] } | null,
  log: (s: string) => void = () => {},
): Promise<void> {
  const db = ctx.database.db;
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(csAgents)
    .where(eq(csAgents.storeId, storeId))) as [{ n: number }];
  if (n > 0) return; // seeded on an earlier start
  const range = await chatDateRange(ctx, storeId);
  if (!range) return;
  const t0 = Date.now();
  // Sub-accounts and their usual shift, guessed from when they reply (a leader would type it).
  const act = (await db.execute(sql`
    select agent, avg(case when extract(hour from sent_at at time zone 'Asia/Shanghai') >= 17
                             or extract(hour from sent_at at time zone 'Asia/Shanghai') < 3 then 1 else 0 end) as night
    from ${chatMessages} where store_id = ${storeId} and sender_role <> 'buyer' and not is_auto_reply
    group by agent`)) as unknown as { rows: { agent: string; night: number | string }[] };
  const people = await storePeople(ctx, storeId);
  const pre = people.find((p) => p.roles.includes('cs_presale'));
  const after = people.find((p) => p.roles.includes('cs_aftersale'));
  const { resolve } = await chatAccountResolver(ctx, storeId);
  for (const r of act.rows) {
    // The team's mapping finds a person by name (the demo has one per sub-account); else the
    // leader links 小美 / 小林 to the 售前 / 售后 logins.
    const name = chatAccountShortName(r.agent);
    const personId =
      resolve(r.agent) ??
      (name === '小美' ? (pre?.personId ?? null) : name === '小林' ? (after?.personId ?? null) : null);
    await saveAgent(ctx, storeId, {
      account: r.agent,
      personId,
      shiftCode: Number(r.night) > 0.5 ? 'night' : 'day',
    });
  }
  // The rule book in force since the start of the data.
  await saveRuleBook(
    ctx,
    storeId,
    { effectiveFrom: `${range.from.slice(0, 7)}-01`, rules: DEFAULT_FINE_RULES },
    null,
  );
  // Rosters: the last three months and the next.
  const months = new Set<string>();
  for (let d = addDays(range.to, -70); d <= addDays(range.to, 31); d = addDays(d, 1))
    months.add(d.slice(0, 7));
  for (const m of months) await generateMonthRoster(ctx, storeId, m, null);
  // Attendance records of the planted late arrivals and the away-from-desk days.
  for (const e of manifest?.plantedEvents ?? []) {
    if (e.type === 'late_arrival') {
      const occ = e.details.occurrences as { date: string; minutesLate: number }[];
      for (const o of occ)
        await saveAttendance(
          ctx,
          storeId,
          {
            date: o.date,
            agent: e.details.agent as string,
            lateMinutes: o.minutesLate,
            onLeave: false,
            offline: false,
            idleMinutes: [],
            note: '打卡记录',
          },
          null,
        );
    }
    if (e.type === 'unanswered_questions') {
      const [fh, fm] = (e.details.idleFrom as string).split(':').map(Number) as [number, number];
      const [th, tm] = (e.details.idleTo as string).split(':').map(Number) as [number, number];
      for (const date of e.details.dates as string[])
        await saveAttendance(
          ctx,
          storeId,
          {
            date,
            agent: e.details.agent as string,
            lateMinutes: null,
            onLeave: false,
            offline: false,
            idleMinutes: [th * 60 + tm - (fh * 60 + fm)],
            note: `空挂 ${e.details.idleFrom}–${e.details.idleTo}`,
          },
          null,
        );
    }
  }
  const from = addDays(range.to, -89) > range.from ? addDays(range.to, -89) : range.from;
  const k = await recomputeKpis(ctx, storeId, from, range.to);
  await deriveAttendanceFromChats(ctx, storeId, from, range.to);
  const q = await runQualityInspection(ctx, storeId, from, range.to);
  log(
    `  service: ${k.sessions} sessions → ${k.rows} KPI rows, ${q.hits} quality hits (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
