import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { BoolQuery, StoreCodeParam } from '../../core/http-schemas';
import { businessDate } from '../../core/time';
import { CAMPAIGN_KINDS, CHECKLIST_CODES, PHASE_CODES } from './campaign.rules';
import { OFFER_KINDS } from './marketing.rules';
import * as mk from './marketing.service';

const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Fen = z.number().int().min(0).max(1e12);
const PhaseS = z.object({
  code: z.enum(PHASE_CODES),
  name: z.string().min(1).max(32),
  from: DateStr,
  to: DateStr,
});
const CampaignBody = z.object({
  name: z.string().max(100).optional(),
  kind: z.enum(CAMPAIGN_KINDS),
  eventCode: z.string().max(32).nullable().optional(),
  eventYear: z.number().int().min(2000).max(2100).nullable().optional(),
  phases: z.array(PhaseS).max(10).optional(),
  productIds: z.array(z.string().max(64)).max(500).optional(),
  budgetFen: Fen.nullable().optional(),
  goalGmvFen: Fen.nullable().optional(),
  goalUnits: z.number().int().min(0).nullable().optional(),
  goalNewBuyers: z.number().int().min(0).nullable().optional(),
  ownerPersonId: z.string().max(64).nullable().optional(),
  signUpDeadline: DateStr.nullable().optional(),
  notes: z.string().max(2000).nullable().optional(),
});
const CampaignPatch = CampaignBody.partial().extend({ status: z.enum(['planned', 'cancelled']).optional() });
const Tier = z.object({ thresholdFen: Fen, minusFen: Fen });
const OfferBody = z.object({
  kind: z.enum(OFFER_KINDS),
  name: z.string().max(100),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  productIds: z.array(z.string().max(64)).max(500).nullable().optional(),
  percentBp: z.number().int().nullable().optional(),
  unitMinusFen: Fen.nullable().optional(),
  tiers: z.array(Tier).max(10).nullable().optional(),
  perEach: z
    .object({ everyFen: Fen, minusFen: Fen, capFen: Fen.nullable().optional() })
    .nullable()
    .optional(),
  campaignId: z.string().max(64).nullable().optional(),
});
const PostBody = z.object({
  channel: z.string().min(1).max(32),
  title: z.string().max(200),
  audience: z.string().max(100).nullable().optional(),
  plannedAt: z.iso.datetime({ offset: true }),
  campaignId: z.string().max(64).nullable().optional(),
  topic: z.string().max(100).nullable().optional(),
  ownerPersonId: z.string().max(64).nullable().optional(),
  status: z.enum(mk.POST_STATUSES).optional(),
  publishedUrl: z.string().max(500).nullable().optional(),
});
const IdParam = StoreCodeParam.extend({ id: z.string().max(64) });
const Range = z.object({ from: DateStr, to: DateStr });

const R = (action: 'read' | 'write') => ({
  access: { scope: 'store' as const, resource: 'marketing' as const, action },
});

export function marketingRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sid = (req: FastifyRequest) => req.storeScope!.store.id;
  const pid = (req: FastifyRequest) => req.actor?.person.id ?? null;
  const base = '/api/v1/stores/:code/marketing';
  const tags = ['marketing'];

  r.get(
    `${base}/settings`,
    {
      config: R('read'),
      schema: { tags, summary: 'Fee rates, ROI floor, lead times', params: StoreCodeParam },
    },
    async (req) => mk.getSettings(ctx, sid(req)),
  );
  r.put(
    `${base}/settings`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Change the marketing settings',
        params: StoreCodeParam,
        body: z.object({
          commissionBp: z.number().int().min(0).max(9999).optional(),
          paymentFeeBp: z.number().int().min(0).max(9999).optional(),
          perUnitCostFen: Fen.optional(),
          roiFloor: z.number().int().min(0).max(100_000).optional(),
          expiryLeadHours: z
            .number()
            .int()
            .min(1)
            .max(24 * 30)
            .optional(),
          balanceAlertDays: z.number().int().min(0).max(60).optional(),
        }),
      },
    },
    async (req) => mk.updateSettings(ctx, sid(req), req.body),
  );

  r.get(
    `${base}/events`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: "The year's platform events (editable per year)",
        params: StoreCodeParam,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (req) => mk.listPlatformEvents(ctx, sid(req), req.query.year),
  );
  r.put(
    `${base}/events/:year/:event`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: "Edit a platform event's dates for a year",
        params: StoreCodeParam.extend({
          year: z.coerce.number().int().min(2000).max(2100),
          event: z.string().max(32),
        }),
        body: z.object({
          name: z.string().min(1).max(64).optional(),
          phases: z.array(PhaseS).max(10).optional(),
          signUpDeadline: DateStr.nullable().optional(),
        }),
      },
    },
    async (req) => mk.updatePlatformEvent(ctx, sid(req), req.params.year, req.params.event, req.body),
  );

  r.get(
    `${base}/campaigns`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'Campaigns overlapping a date range, with readiness',
        params: StoreCodeParam,
        querystring: Range,
      },
    },
    async (req) => mk.listCampaigns(ctx, sid(req), req.query.from, req.query.to),
  );
  r.get(
    `${base}/campaign-periods`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'Campaign periods with phases and products (for other modules)',
        params: StoreCodeParam,
        querystring: Range,
      },
    },
    async (req) => mk.listCampaignPeriods(ctx, sid(req), req.query.from, req.query.to),
  );
  r.post(
    `${base}/campaigns`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Create a campaign; its readiness checklist and tasks follow',
        params: StoreCodeParam,
        body: CampaignBody,
      },
    },
    async (req, reply) => {
      const c = await mk.createCampaign(ctx, sid(req), req.body, pid(req));
      return reply.status(201).send(await mk.getCampaign(ctx, sid(req), c.id));
    },
  );
  r.get(
    `${base}/campaigns/:id`,
    { config: R('read'), schema: { tags, summary: 'One campaign with its checklist', params: IdParam } },
    async (req) => mk.getCampaign(ctx, sid(req), req.params.id),
  );
  r.patch(
    `${base}/campaigns/:id`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Change a campaign (moving phases moves the checklist)',
        params: IdParam,
        body: CampaignPatch,
      },
    },
    async (req) => {
      await mk.updateCampaign(ctx, sid(req), req.params.id, req.body);
      return mk.getCampaign(ctx, sid(req), req.params.id);
    },
  );
  r.post(
    `${base}/campaigns/:id/checklist/:item/done`,
    {
      config: { access: { scope: 'store' as const, resource: 'work', action: 'write' as const } },
      schema: {
        tags,
        summary:
          'Mark a checklist item done (a CS brief with acknowledge=true; a linked item whose automatic check found gaps needs a reason)',
        params: IdParam.extend({ item: z.enum(CHECKLIST_CODES) }),
        body: z
          .object({
            acknowledge: z.boolean().optional(),
            reason: z
              .string()
              .max(500)
              .optional()
              .describe('Why it is done although the automatic check found gaps'),
          })
          .default({}),
      },
    },
    async (req) =>
      mk.completeChecklistItem(ctx, sid(req), req.params.id, req.params.item, pid(req), req.body),
  );
  r.post(
    `${base}/campaigns/:id/checklist/check`,
    {
      config: { access: { scope: 'store' as const, resource: 'work', action: 'write' as const } },
      schema: {
        tags,
        summary:
          'Run the automatic checks of the linked items now (CS shifts vs the roster, stock vs the inventory forecast)',
        params: IdParam,
      },
    },
    async (req) => {
      const completed = await mk.runAutoChecks(ctx, sid(req), [req.params.id]);
      return { completed, campaign: await mk.getCampaign(ctx, sid(req), req.params.id) };
    },
  );
  r.get(
    `${base}/campaigns/:id/results`,
    {
      config: R('read'),
      schema: { tags, summary: 'Results per phase vs goals and the pre-campaign baseline', params: IdParam },
    },
    async (req) => mk.campaignResults(ctx, sid(req), req.params.id),
  );
  r.get(
    `${base}/campaigns/:id/summary.xlsx`,
    {
      config: R('read'),
      schema: { tags, summary: 'The activity summary (活动总结) as XLSX', params: IdParam },
    },
    async (req, reply) => {
      const buf = await mk.campaignSummaryXlsx(ctx, sid(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="campaign-${req.params.id}.xlsx"`)
        .send(buf);
    },
  );
  r.post(
    `${base}/checks/activities`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Run the 13:30 activities check now (escalate late checklist items)',
        params: StoreCodeParam,
      },
    },
    async (req) => {
      const date = businessDate(ctx.clock.now(), req.storeScope!.store.timeZone);
      return { escalated: await mk.escalateLateItems(ctx, sid(req), date) };
    },
  );

  r.get(
    `${base}/offers`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'Coupons and discounts',
        params: StoreCodeParam,
        querystring: z.object({ includeEnded: BoolQuery.optional() }),
      },
    },
    async (req) => mk.listOffers(ctx, sid(req), { includeEnded: req.query.includeEnded }),
  );
  r.post(
    `${base}/offers`,
    {
      config: R('write'),
      schema: { tags, summary: 'Add a coupon or discount', params: StoreCodeParam, body: OfferBody },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await mk.createOffer(
            ctx,
            sid(req),
            { ...req.body, startsAt: new Date(req.body.startsAt), endsAt: new Date(req.body.endsAt) },
            pid(req),
          ),
        ),
  );
  r.post(
    `${base}/offers/:id/cancel`,
    { config: R('write'), schema: { tags, summary: 'Cancel an offer', params: IdParam } },
    async (req) => mk.cancelOffer(ctx, sid(req), req.params.id),
  );
  r.get(
    `${base}/floor`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'Price-floor guard: lowest reachable price per SKU vs cost + fees',
        params: StoreCodeParam,
      },
    },
    async (req) => mk.floorCheck(ctx, sid(req)),
  );
  r.get(
    `${base}/skus`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'SKUs with price, cost and floor (for the simulator)',
        params: StoreCodeParam,
      },
    },
    async (req) => mk.skuFloors(ctx, sid(req)),
  );
  r.post(
    `${base}/simulate`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'Coupon simulator: a cart at an instant → final prices and floors',
        params: StoreCodeParam,
        body: z.object({
          cart: z
            .array(z.object({ skuCode: z.string().max(64), quantity: z.number().int().min(1).max(999) }))
            .min(1)
            .max(50),
          at: z.iso.datetime({ offset: true }).optional(),
        }),
      },
    },
    async (req) =>
      mk.simulateCart(ctx, sid(req), req.body.cart, req.body.at ? new Date(req.body.at) : undefined),
  );
  r.post(
    `${base}/checks/promotions`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Run the 10:30 promotions check now (expiry + floor alerts → tasks)',
        params: StoreCodeParam,
      },
    },
    async (req) =>
      mk.promotionsCheck(ctx, sid(req), businessDate(ctx.clock.now(), req.storeScope!.store.timeZone)),
  );

  r.get(
    `${base}/ads`,
    {
      config: R('read'),
      schema: {
        tags,
        summary: 'Ads dashboard for a date (default: latest, normally yesterday)',
        params: StoreCodeParam,
        querystring: z.object({ date: DateStr.optional() }),
      },
    },
    async (req) => mk.adsDashboard(ctx, sid(req), req.query.date),
  );
  r.put(
    `${base}/ads/balances/:channel`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Enter an ad account balance',
        params: StoreCodeParam.extend({ channel: z.string().max(32) }),
        body: z.object({ balanceFen: Fen }),
      },
    },
    async (req) => {
      await mk.setAdBalance(ctx, sid(req), req.params.channel, req.body.balanceFen, pid(req));
      return { ok: true };
    },
  );
  r.put(
    `${base}/ads/budgets/:channel/:planId`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: "Enter a plan's daily budget (日限额)",
        params: StoreCodeParam.extend({ channel: z.string().max(32), planId: z.string().max(64) }),
        body: z.object({ dailyBudgetFen: Fen }),
      },
    },
    async (req) => {
      await mk.setPlanBudget(ctx, sid(req), req.params.channel, req.params.planId, req.body.dailyBudgetFen);
      return { ok: true };
    },
  );
  r.post(
    `${base}/checks/ads`,
    {
      config: R('write'),
      schema: {
        tags,
        summary: 'Run the 11:00 ads check now (offline plans, ROI, creatives, balances → tasks)',
        params: StoreCodeParam,
      },
    },
    async (req) => mk.adsCheck(ctx, sid(req), businessDate(ctx.clock.now(), req.storeScope!.store.timeZone)),
  );

  r.get(
    `${base}/posts`,
    {
      config: R('read'),
      schema: { tags, summary: 'Content calendar (微淘 / 逛逛)', params: StoreCodeParam, querystring: Range },
    },
    async (req) =>
      mk.listPosts(
        ctx,
        sid(req),
        new Date(`${req.query.from}T00:00:00+08:00`),
        new Date(`${req.query.to}T23:59:59+08:00`),
      ),
  );
  r.post(
    `${base}/posts`,
    { config: R('write'), schema: { tags, summary: 'Plan a post', params: StoreCodeParam, body: PostBody } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await mk.createPost(ctx, sid(req), { ...req.body, plannedAt: new Date(req.body.plannedAt) })),
  );
  r.patch(
    `${base}/posts/:id`,
    {
      config: R('write'),
      schema: { tags, summary: 'Change a post (status, link…)', params: IdParam, body: PostBody.partial() },
    },
    async (req) =>
      mk.updatePost(ctx, sid(req), req.params.id, {
        ...req.body,
        plannedAt: req.body.plannedAt ? new Date(req.body.plannedAt) : undefined,
      }),
  );
}
