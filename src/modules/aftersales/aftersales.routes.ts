import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { unauthenticated } from '../../core/errors';
import { BoolQuery } from '../../core/http-schemas';
import { addDays, businessDate } from '../../core/time';
import { DateStr } from '../orders/orders.routes';
import * as svc from './aftersales.service';

const Code = z.object({ code: z.string().max(64) });
const Range = z.object({ from: DateStr.optional(), to: DateStr.optional() });
const read = { scope: 'store', resource: 'aftersales', action: 'read' } as const;
const write = { scope: 'store', resource: 'aftersales', action: 'write' } as const;
const Ids = z.object({
  ids: z.array(z.string().max(128)).min(1).max(500),
  ownerPersonId: z.string().max(64).nullable(),
});

export function aftersalesRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['aftersales'];
  const me = (req: FastifyRequest) => {
    if (!req.actor) throw unauthenticated('auth.required', 'Please log in');
    return req.actor.person.id;
  };
  const store = (req: FastifyRequest) => req.storeScope!.store;
  const range = (req: FastifyRequest, q: { from?: string; to?: string }) => {
    const y = addDays(businessDate(ctx.clock.now(), store(req).timeZone), -1);
    return { from: q.from ?? q.to ?? y, to: q.to ?? q.from ?? y };
  };

  // ---- refunds
  r.get(
    '/api/v1/stores/:code/aftersales/refunds',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Refunds requested on business dates from..to, with cause, case and listing issue',
        params: Code,
        querystring: Range.extend({ reason: z.string().max(100).optional(), openOnly: BoolQuery.optional() }),
      },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return {
        from,
        to,
        items: await svc.listRefunds(ctx, store(req).id, {
          fromDate: from,
          toDate: to,
          reason: req.query.reason,
          openOnly: req.query.openOnly,
        }),
      };
    },
  );
  r.get(
    '/api/v1/stores/:code/aftersales/refund-stats',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Refund statistics: count, amount, rate per group (Pareto order) and per day',
        params: Code,
        querystring: Range.extend({ groupBy: z.enum(svc.REFUND_GROUPS).optional() }),
      },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return { from, to, ...(await svc.refundStats(ctx, store(req).id, from, to, req.query.groupBy)) };
    },
  );
  r.get(
    '/api/v1/stores/:code/aftersales/refund-spikes',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Reasons and products whose refunds spike on a date',
        params: Code,
        querystring: z.object({ date: DateStr.optional() }),
      },
    },
    async (req) => {
      const date = req.query.date ?? range(req, {}).to;
      return { date, items: await svc.refundSpikes(ctx, store(req).id, date) };
    },
  );
  r.patch(
    '/api/v1/stores/:code/aftersales/refunds/:refundId',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Correct the cause, assign, record the revisit outcome',
        params: z.object({ code: z.string().max(64), refundId: z.string().max(128) }),
        body: z.object({
          cause: z.string().max(16).nullish(),
          ownerPersonId: z.string().max(64).nullish(),
          outcome: z.string().max(32).nullish(),
          outcomeNote: z.string().max(1000).nullish(),
        }),
      },
    },
    async (req) => svc.updateRefundCase(ctx, store(req).id, req.params.refundId, req.body, me(req)),
  );
  r.post(
    '/api/v1/stores/:code/aftersales/refunds/assign',
    {
      config: { access: write },
      schema: { tags, summary: 'Assign many refunds to one person', params: Code, body: Ids },
    },
    async (req) => {
      for (const id of req.body.ids)
        await svc.updateRefundCase(
          ctx,
          store(req).id,
          id,
          { ownerPersonId: req.body.ownerPersonId },
          me(req),
        );
      return { ok: true, count: req.body.ids.length };
    },
  );

  // ---- reviews
  r.get(
    '/api/v1/stores/:code/aftersales/reviews',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Bad and medium reviews (中差评) with reason class, owner, contacts, outcome',
        params: Code,
        querystring: Range.extend({
          cls: z.string().max(16).optional(),
          sentiment: z.enum(['bad', 'neutral']).optional(),
          openOnly: BoolQuery.optional(),
        }),
      },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return {
        from,
        to,
        items: await svc.listReviewCases(ctx, store(req).id, {
          fromDate: from,
          toDate: to,
          cls: req.query.cls,
          sentiment: req.query.sentiment,
          openOnly: req.query.openOnly,
        }),
      };
    },
  );
  r.patch(
    '/api/v1/stores/:code/aftersales/reviews/:key',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Edit a review case: class, owner, blamed CS, a contact attempt, outcome, public reply',
        params: z.object({ code: z.string().max(64), key: z.string().max(200) }),
        body: z.object({
          reasonClass: z.string().max(16).nullish(),
          ownerPersonId: z.string().max(64).nullish(),
          blamedPersonId: z.string().max(64).nullish(),
          outcome: z.string().max(16).nullish(),
          publicReply: z.string().max(2000).nullish(),
          contact: z.object({ channel: z.string().max(16), note: z.string().max(500).nullish() }).optional(),
        }),
      },
    },
    async (req) => svc.updateReviewCase(ctx, store(req).id, req.params.key, req.body, me(req)),
  );
  r.post(
    '/api/v1/stores/:code/aftersales/reviews/assign',
    {
      config: { access: write },
      schema: { tags, summary: 'Assign many review cases to one person', params: Code, body: Ids },
    },
    async (req) => {
      for (const id of req.body.ids)
        await svc.updateReviewCase(
          ctx,
          store(req).id,
          id,
          { ownerPersonId: req.body.ownerPersonId },
          me(req),
        );
      return { ok: true, count: req.body.ids.length };
    },
  );
  r.get(
    '/api/v1/stores/:code/aftersales/reviews/by-product',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Bad reviews per product and month, by reason class',
        params: Code,
        querystring: Range,
      },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return { from, to, items: await svc.badReviewsByProduct(ctx, store(req).id, from, to) };
    },
  );
  r.get(
    '/api/v1/stores/:code/aftersales/lexicon',
    { config: { access: read }, schema: { tags, summary: 'Review reason keywords', params: Code } },
    async (req) => svc.getLexicon(ctx, store(req).id),
  );
  r.put(
    '/api/v1/stores/:code/aftersales/lexicon',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Edit the review reason keywords',
        params: Code,
        body: z.record(z.string().max(16), z.array(z.string().max(20)).max(500)),
      },
    },
    async (req) => svc.setLexicon(ctx, store(req).id, req.body, me(req)),
  );
  r.get(
    '/api/v1/stores/:code/aftersales/settings/spike',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Refund spike thresholds (baseline days, minimum count, factor)',
        params: Code,
      },
    },
    async (req) => svc.getSpikeSettings(ctx, store(req).id),
  );
  r.put(
    '/api/v1/stores/:code/aftersales/settings/spike',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Change the refund spike thresholds (checked: `spikeSettingsProblems`)',
        params: Code,
        body: z.object({
          baselineDays: z.number().optional(),
          minCount: z.number().optional(),
          factor: z.number().optional(),
        }),
      },
    },
    async (req) => svc.setSpikeSettings(ctx, store(req).id, req.body, me(req)),
  );

  // ---- buyer Q&A
  r.get(
    '/api/v1/stores/:code/aftersales/questions',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Buyer Q&A (问大家): unanswered or negative questions',
        params: Code,
        querystring: z.object({ unansweredOnly: BoolQuery.optional(), badOnly: BoolQuery.optional() }),
      },
    },
    async (req) => ({ items: await svc.listQuestions(ctx, store(req).id, req.query) }),
  );
  r.post(
    '/api/v1/stores/:code/aftersales/questions',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Record a buyer question',
        params: Code,
        body: z.object({
          productId: z.string().min(1).max(64),
          question: z.string().max(1000),
          isBad: z.boolean().optional(),
        }),
      },
    },
    async (req) => svc.addQuestion(ctx, store(req).id, req.body),
  );
  r.post(
    '/api/v1/stores/:code/aftersales/questions/:id/answer',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Answer a buyer question',
        params: z.object({ code: z.string().max(64), id: z.string().max(64) }),
        body: z.object({ answer: z.string().max(2000) }),
      },
    },
    async (req) => svc.answerQuestion(ctx, store(req).id, req.params.id, req.body.answer, me(req)),
  );

  // ---- disputes
  r.get(
    '/api/v1/stores/:code/aftersales/disputes',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Disputes and complaints with evidence checklist and deadline watch',
        params: Code,
        querystring: z.object({ openOnly: BoolQuery.optional() }),
      },
    },
    async (req) => ({ items: await svc.listDisputes(ctx, store(req).id, req.query) }),
  );
  r.post(
    '/api/v1/stores/:code/aftersales/disputes',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Enter a complaint by hand',
        params: Code,
        body: z.object({
          title: z.string().max(200),
          orderId: z.string().max(64).nullish(),
          reason: z.string().max(200).nullish(),
          deadlineAt: z.coerce.date().nullish(),
          ownerPersonId: z.string().max(64).nullish(),
        }),
      },
    },
    async (req) => svc.createDispute(ctx, store(req).id, req.body, me(req)),
  );
  r.patch(
    '/api/v1/stores/:code/aftersales/disputes/:id',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Update a dispute: status, evidence, owner, note, deadline',
        params: z.object({ code: z.string().max(64), id: z.string().max(64) }),
        body: z.object({
          status: z.string().max(16).optional(),
          evidence: z.record(z.string().max(32), z.boolean()).optional(),
          ownerPersonId: z.string().max(64).nullish(),
          note: z.string().max(2000).nullish(),
          deadlineAt: z.coerce.date().nullish(),
        }),
      },
    },
    async (req) => svc.updateDispute(ctx, store(req).id, req.params.id, req.body, me(req)),
  );
}
