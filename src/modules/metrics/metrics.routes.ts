import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { businessDate } from '../../core/time';
import { pickLocale } from '../../locales';
import { ROLES } from '../team/team.rules';
import * as metrics from './metrics.service';

const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');
const CodeId = z.object({ code: z.string().max(64), id: z.string().max(64) });
const CodeProduct = z.object({ code: z.string().max(64), productId: z.string().max(64) });

export function metricsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/stores/:code/metrics/report',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'read' } },
      schema: {
        tags: ['metrics'],
        summary: 'The morning report (数据诊断) of a business date',
        description:
          "Headline figures (支付金额, 访客数, 支付转化率, 客单价, 退款率, …) with comparisons (day before, same weekday last week, 7/28-day averages, last year, campaign phase), the weekday-aware baseline and the industry move; findings ranked by money at stake (fen) with zh-CN/en-US sentences; a 60-day trend with the baseline band, the funnel, the paid-amount decomposition vs last week, products, `trafficSources` (生意参谋 流量来源: visitors per source against the usual day, the product × source cells behind the move, competitors' sources; state `no_data` without the file). `date` defaults to yesterday in the store's zone. Ratios are null when there is no data.",
        params: z.object({ code: z.string().max(64) }),
        querystring: z.object({ date: DateStr.optional() }),
      },
    },
    async (req) => metrics.dailyReport(ctx, req.storeScope!.store, req.query.date),
  );

  r.get(
    '/api/v1/stores/:code/metrics/products/:productId',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'read' } },
      schema: {
        tags: ['metrics'],
        summary: 'Product drill-down: daily rows of a product and its SKUs',
        description:
          'Daily rollup rows of the product, its SKUs, and `sources`: its visitors, buyers and paid amount per 流量来源 and day (商品来源; empty without the file).',
        params: CodeProduct,
        querystring: z.object({ from: DateStr, to: DateStr }),
      },
    },
    async (req) =>
      metrics.productTrend(ctx, req.storeScope!.store.id, req.params.productId, req.query.from, req.query.to),
  );

  r.post(
    '/api/v1/stores/:code/metrics/findings/:id/task',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'write' } },
      schema: {
        tags: ['metrics'],
        summary: 'Create (once) a task from a finding',
        params: CodeId,
        body: z
          .object({ ownerRole: z.enum(ROLES).optional(), ownerPersonId: z.string().max(64).optional() })
          .default({}),
      },
    },
    async (req) => {
      const { task, created } = await metrics.createTaskFromFinding(
        ctx,
        req.storeScope!.store.id,
        req.params.id,
        {
          personId: req.actor!.person.id,
          locale: pickLocale(req.headers['accept-language'], req.actor?.person.locale),
          ownerRole: req.body.ownerRole ?? null,
          ownerPersonId: req.body.ownerPersonId ?? null,
        },
      );
      return { taskId: task.id, created };
    },
  );

  r.post(
    '/api/v1/stores/:code/metrics/rebuild',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'write' } },
      schema: {
        tags: ['metrics'],
        summary: 'Recompute the rollups and findings of a date range by hand',
        params: z.object({ code: z.string().max(64) }),
        body: z.object({ from: DateStr, to: DateStr }),
      },
    },
    async (req) => metrics.rebuild(ctx, req.storeScope!.store.id, req.body.from, req.body.to),
  );

  r.get(
    '/api/v1/stores/:code/metrics/settings',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'read' } },
      schema: {
        tags: ['metrics'],
        summary: 'Morning-report settings: the push time (store time, default 09:00)',
        params: z.object({ code: z.string().max(64) }),
      },
    },
    async (req) => metrics.getReportSettings(ctx, req.storeScope!.store.id),
  );

  r.put(
    '/api/v1/stores/:code/metrics/settings',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'write' } },
      schema: {
        tags: ['metrics'],
        summary: 'Set the time the morning report is pushed',
        description:
          "`reportPushAt` 'HH:mm' in the store's zone. The report (headline numbers, the top findings with their money at stake, a link) goes to the channels of the store's notify rules for the event `metrics.daily_report`.",
        params: z.object({ code: z.string().max(64) }),
        body: z.object({ reportPushAt: z.string().max(5) }),
      },
    },
    async (req) => metrics.saveReportSettings(ctx, req.storeScope!.store.id, req.body),
  );

  r.post(
    '/api/v1/stores/:code/metrics/report/push',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'write' } },
      schema: {
        tags: ['metrics'],
        summary: "Push yesterday's morning report to the channels now (as the daily job does)",
        params: z.object({ code: z.string().max(64) }),
      },
    },
    async (req) => {
      const s = req.storeScope!.store;
      return metrics.pushDailyReport(ctx, s.id, businessDate(ctx.clock.now(), s.timeZone));
    },
  );

  r.get(
    '/api/v1/stores/:code/metrics/competitor-moves',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'read' } },
      schema: {
        tags: ['metrics'],
        summary: '竞品动态: competitor moves noted by hand, newest first',
        params: z.object({ code: z.string().max(64) }),
        querystring: z.object({ from: DateStr, to: DateStr }),
      },
    },
    async (req) => metrics.listCompetitorMoves(ctx, req.storeScope!.store.id, req.query.from, req.query.to),
  );

  r.post(
    '/api/v1/stores/:code/metrics/competitor-moves',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'write' } },
      schema: {
        tags: ['metrics'],
        summary: 'Note a competitor move (price cut, new coupon, campaign sign-up, new product)',
        description:
          '`kind`: price_cut | coupon | campaign | new_product | other. Shown in the morning report of that date beside the findings.',
        params: z.object({ code: z.string().max(64) }),
        body: z.object({
          date: DateStr,
          competitor: z.string().max(200),
          kind: z.string().max(32),
          note: z.string().max(2000).nullish(),
        }),
      },
    },
    async (req) => metrics.addCompetitorMove(ctx, req.storeScope!.store.id, req.body, req.actor!.person.id),
  );

  r.delete(
    '/api/v1/stores/:code/metrics/competitor-moves/:id',
    {
      config: { access: { scope: 'store', resource: 'metrics', action: 'write' } },
      schema: { tags: ['metrics'], summary: 'Delete a competitor move', params: CodeId },
    },
    async (req) => {
      await metrics.deleteCompetitorMove(ctx, req.storeScope!.store.id, req.params.id);
      return { ok: true };
    },
  );
}
