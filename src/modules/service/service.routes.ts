import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { forbidden } from '../../core/errors';
import { canInStore } from '../team/team.rules';
import { DEFAULT_FINE_RULES, FINE_CODES, type FineRule } from './service.fines.rules';
import * as service from './service.service';

const Code = z.object({ code: z.string().max(64) });
const CodeId = z.object({ code: z.string().max(64), id: z.string().max(64) });
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Month = z.string().regex(/^\d{4}-\d{2}$/);
const Range = z.object({ from: DateStr, to: DateStr });
const Shift = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(32),
  start: z.string().max(5),
  end: z.string().max(5),
  dutyUntil: z.string().max(5).optional(),
});
const Words = z.array(z.string().max(32)).max(500);
const SettingsPatch = z.object({
  shifts: z.array(Shift).min(1).max(8).optional(),
  serviceWindow: z.object({ from: z.string().max(5), to: z.string().max(5) }).optional(),
  kpi: z
    .object({
      slowResponseSec: z.number().int().min(1).max(3600),
      fastReplySec: z.number().int().min(1).max(3600),
      longWaitSec: z.number().int().min(60).max(86_400),
      afterSaleLookbackDays: z.number().int().min(0).max(90),
      conversionWindowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 15),
    })
    .optional(),
  lexicon: z
    .object({ greetings: Words, curt: Words, swear: Words, evasive: Words, closing: Words })
    .optional(),
  samplePercent: z.number().min(0).max(100).optional(),
  inquiriesPerAgentHour: z.number().int().min(1).max(500).optional(),
  gapTolerance: z.object({ abs: z.number().min(0), rel: z.number().min(0).max(1) }).optional(),
  campaignFactorDefault: z.number().min(1).max(20).optional(),
});
// Rules are checked by service.fines.rules (field-by-field messages); here only the shape.
const Rule = z.object({ code: z.enum(FINE_CODES) }).passthrough();

export function serviceRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/stores/:code/service';
  const storeId = (req: FastifyRequest) => req.storeScope!.store.id;
  const personId = (req: FastifyRequest) => req.actor?.person.id ?? null;
  const canWrite = (req: FastifyRequest) =>
    !!req.actor?.person.isOwner || canInStore(req.storeScope!.roles, 'service', 'write');
  const rolesOf = (req: FastifyRequest) =>
    req.actor?.person.isOwner ? ['owner', ...req.storeScope!.roles] : req.storeScope!.roles;
  const rights = (req: FastifyRequest) =>
    service.qualityRights(ctx, storeId(req), personId(req), rolesOf(req));
  /** The quality queue: inspectors (manager, operations assistant, owner, CS leader). */
  const requireInspect = async (req: FastifyRequest) => {
    if (!(await rights(req)).inspect)
      throw forbidden('service.not_inspector', 'Only an inspector works the quality queue');
  };
  const read = { access: { scope: 'store', resource: 'service', action: 'read' } } as const;
  const write = { access: { scope: 'store', resource: 'service', action: 'write' } } as const;
  const tags = ['service'];

  r.get(
    `${base}/settings`,
    { config: read, schema: { tags, summary: 'CS settings (shifts, KPI limits, lexicon)', params: Code } },
    async (req) => service.getSettings(ctx, storeId(req)),
  );
  r.patch(
    `${base}/settings`,
    { config: write, schema: { tags, summary: 'Change CS settings', params: Code, body: SettingsPatch } },
    async (req) => service.saveSettings(ctx, storeId(req), req.body as never, personId(req)),
  );
  r.get(
    `${base}/agents`,
    {
      config: read,
      schema: { tags, summary: 'Chat sub-accounts, their person and usual shift', params: Code },
    },
    async (req) => ({
      items: await service.listAgents(ctx, storeId(req)),
    }),
  );
  r.put(
    `${base}/agents`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Link a sub-account to a person and a usual shift',
        params: Code,
        body: z.object({
          account: z.string().min(1).max(100),
          personId: z.string().max(64).nullable(),
          shiftCode: z.string().max(32),
        }),
      },
    },
    async (req) => {
      await service.saveAgent(ctx, storeId(req), req.body, personId(req));
      return { ok: true };
    },
  );

  // ---- KPIs
  r.post(
    `${base}/kpis/recompute`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Recompute the KPIs of business dates [from, to] from the chat log',
        params: Code,
        body: Range,
      },
    },
    async (req) => service.recomputeKpis(ctx, storeId(req), req.body.from, req.body.to),
  );
  r.get(
    `${base}/kpis`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Stored KPIs per agent per day (shift="") or per shift',
        params: Code,
        querystring: Range.extend({
          shift: z.string().max(32).optional(),
          agent: z.string().max(100).optional(),
        }),
      },
    },
    async (req) => ({
      items: await service.listKpis(ctx, storeId(req), {
        from: req.query.from,
        to: req.query.to,
        shiftCode: req.query.shift ?? '',
        agent: req.query.agent,
      }),
    }),
  );
  r.get(
    `${base}/kpis/totals`,
    {
      config: read,
      schema: { tags, summary: 'Per-agent KPI totals over a range', params: Code, querystring: Range },
    },
    async (req) => ({ items: await service.kpiTotals(ctx, storeId(req), req.query.from, req.query.to) }),
  );
  r.get(
    `${base}/kpis/compare`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Our KPIs beside the imported 赤兔 numbers, gaps flagged',
        params: Code,
        querystring: Range,
      },
    },
    async (req) => ({
      items: await service.compareWithImported(ctx, storeId(req), req.query.from, req.query.to),
    }),
  );
  r.get(
    `${base}/check`,
    {
      config: read,
      schema: {
        tags,
        summary:
          'The 14:30 CS check: by agent and by hour, vs yesterday and last week; tomorrow’s forecast (campaign factor from the marketing calendar) vs roster',
        params: Code,
        querystring: z.object({ date: DateStr.optional() }),
      },
    },
    async (req) => (await service.csCheck(ctx, storeId(req), req.query)) ?? { date: null },
  );
  r.get(
    `${base}/sessions/:id`,
    { config: read, schema: { tags, summary: 'One chat session’s messages (evidence)', params: CodeId } },
    async (req) => ({ items: await service.sessionMessages(ctx, storeId(req), req.params.id) }),
  );

  // ---- roster
  r.get(
    `${base}/roster`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A month’s roster with days off and coverage gaps',
        params: Code,
        querystring: z.object({ month: Month }),
      },
    },
    async (req) => service.getRoster(ctx, storeId(req), req.query.month),
  );
  r.post(
    `${base}/roster/generate`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Make a month’s roster (4 days off each) where none exists',
        params: Code,
        body: z.object({ month: Month, daysOff: z.number().int().min(0).max(15).optional() }),
      },
    },
    async (req) =>
      service.generateMonthRoster(ctx, storeId(req), req.body.month, personId(req), req.body.daysOff),
  );
  r.put(
    `${base}/roster`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Set one roster cell: a shift code, "off" or "leave"',
        params: Code,
        body: z.object({
          date: DateStr,
          agent: z.string().min(1).max(100),
          shiftCode: z.string().max(32),
          note: z.string().max(200).nullable().optional(),
        }),
      },
    },
    async (req) => {
      await service.setRosterCell(ctx, storeId(req), req.body, personId(req));
      return { ok: true };
    },
  );
  const Cell = z.object({ agent: z.string().min(1).max(100), date: DateStr });
  r.post(
    `${base}/roster/swap`,
    {
      config: write,
      schema: { tags, summary: 'Swap two roster cells', params: Code, body: z.object({ a: Cell, b: Cell }) },
    },
    async (req) => {
      await service.swapRoster(ctx, storeId(req), req.body.a, req.body.b, personId(req));
      return { ok: true };
    },
  );

  // ---- attendance and fines
  r.get(
    `${base}/attendance`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Attendance days of a month, and the imported attendance sheet (cs-attendance) rows of it',
        params: Code,
        querystring: z.object({ month: Month }),
      },
    },
    async (req) => ({
      items: await service.listAttendance(ctx, storeId(req), req.query.month),
      sheet: await service.attendanceSheet(ctx, storeId(req), req.query.month),
    }),
  );
  r.put(
    `${base}/attendance`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Record one agent’s attendance day (late minutes, leave, offline, away stretches)',
        params: Code,
        body: z.object({
          date: DateStr,
          agent: z.string().min(1).max(100),
          lateMinutes: z.number().int().min(0).max(1440).nullable(),
          onLeave: z.boolean(),
          offline: z.boolean(),
          idleMinutes: z.array(z.number().int().min(0).max(1440)).max(20),
          note: z.string().max(200).nullable().optional(),
        }),
      },
    },
    async (req) => {
      await service.saveAttendance(ctx, storeId(req), req.body, personId(req));
      return { ok: true };
    },
  );
  r.get(
    `${base}/fine-rules`,
    {
      config: read,
      schema: {
        tags,
        summary:
          'The rule book of fines, every version, and DOMAIN.md §5 defaults (to start a first version from)',
        params: Code,
      },
    },
    async (req) => ({
      items: await service.listRuleBooks(ctx, storeId(req)),
      defaults: DEFAULT_FINE_RULES,
    }),
  );
  r.put(
    `${base}/fine-rules`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Save a version of the rule book (rejected when rules overlap or contradict)',
        params: Code,
        body: z.object({ effectiveFrom: DateStr, rules: z.array(Rule).max(20) }),
      },
    },
    async (req) =>
      service.saveRuleBook(
        ctx,
        storeId(req),
        { effectiveFrom: req.body.effectiveFrom, rules: req.body.rules as FineRule[] },
        personId(req),
      ),
  );
  r.get(
    `${base}/fines`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A month’s fines per agent with evidence',
        params: Code,
        querystring: z.object({ month: Month }),
      },
    },
    async (req) => {
      const all = await service.monthFines(ctx, storeId(req), req.query.month);
      if (canWrite(req)) return { items: all };
      // Others see only their own.
      const mine = await service.accountsOf(ctx, storeId(req), personId(req)!);
      return { items: all.filter((f) => mine.includes(f.agent)) };
    },
  );

  // ---- quality
  r.post(
    `${base}/quality/run`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Check a sample of [from, to]’s sessions (all bad-review chats + a random %)',
        params: Code,
        body: Range.extend({ percent: z.number().min(0).max(100).optional() }),
      },
    },
    async (req) => {
      await requireInspect(req);
      return service.runQualityInspection(ctx, storeId(req), req.body.from, req.body.to, {
        percent: req.body.percent,
      });
    },
  );
  r.get(
    `${base}/quality/hits`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Quality hits (the inspector’s queue)',
        params: Code,
        querystring: z.object({
          status: z.string().max(16).optional(),
          agent: z.string().max(100).optional(),
          from: DateStr.optional(),
          to: DateStr.optional(),
        }),
      },
    },
    async (req) => {
      if ((await rights(req)).inspect) return { items: await service.listHits(ctx, storeId(req), req.query) };
      const mine = await service.accountsOf(ctx, storeId(req), personId(req)!);
      return { items: await service.listHits(ctx, storeId(req), { ...req.query, agents: mine }) };
    },
  );
  r.post(
    `${base}/quality/hits/:id/review`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Confirm or reject a hit, with a note and optionally a coaching task',
        params: CodeId,
        body: z.object({
          decision: z.enum(['confirmed', 'rejected']),
          note: z.string().max(500).nullable().optional(),
          coach: z.boolean().optional(),
        }),
      },
    },
    async (req) => {
      await requireInspect(req);
      return service.reviewHit(ctx, storeId(req), req.params.id, req.body, personId(req));
    },
  );
  r.post(
    `${base}/quality/hits/:id/appeal`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The agent appeals their own confirmed hit',
        params: CodeId,
        body: z.object({ text: z.string().max(500) }),
      },
    },
    async (req) => service.appealHit(ctx, storeId(req), req.params.id, req.body.text, personId(req)!),
  );
  r.post(
    `${base}/quality/hits/:id/decide`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The leader decides an appeal',
        params: CodeId,
        body: z.object({
          decision: z.enum(['upheld', 'overturned']),
          note: z.string().max(500).nullable().optional(),
        }),
      },
    },
    async (req) => {
      if (!(await rights(req)).decideAppeals)
        throw forbidden('service.not_leader', 'Only a leader decides an appeal');
      return service.decideAppeal(
        ctx,
        storeId(req),
        req.params.id,
        req.body.decision,
        req.body.note ?? null,
        personId(req),
      );
    },
  );
  r.get(
    `${base}/quality/rights`,
    {
      config: read,
      schema: {
        tags,
        summary:
          'What I may do in the quality queue: inspect (manager, operations assistant, CS leader), decide appeals (leader)',
        params: Code,
      },
    },
    async (req) => rights(req),
  );

  // ---- the agent's own page
  r.get(
    `${base}/me`,
    {
      config: read,
      schema: {
        tags,
        summary: 'My KPIs, quality hits and fines (with evidence) for a month',
        params: Code,
        querystring: z.object({ month: Month, personId: z.string().max(64).optional() }),
      },
    },
    async (req) => {
      const who = req.query.personId ?? personId(req)!;
      if (who !== personId(req) && !canWrite(req)) throw forbidden('service.not_yours', 'Only your own page');
      return service.agentPage(ctx, storeId(req), who, req.query.month);
    },
  );
}
