import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
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
          "Headline figures (支付金额, 访客数, 支付转化率, 客单价, 退款率, …) with comparisons (day before, same weekday last week, 7/28-day averages, last year, campaign phase), the weekday-aware baseline and the industry move; findings ranked by money at stake (fen) with zh-CN/en-US sentences; a 60-day trend with the baseline band, the funnel, the paid-amount decomposition vs last week, products. `date` defaults to yesterday in the store's zone. Ratios are null when there is no data.",
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
}
