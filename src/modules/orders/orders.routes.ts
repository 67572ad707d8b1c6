import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { unauthenticated } from '../../core/errors';
import { BoolQuery } from '../../core/http-schemas';
import { addDays, businessDate } from '../../core/time';
import * as chats from '../service/service.service';
import { chatAccountLinks, chatAccountResolver, linkChatAccounts, storePeople } from '../team/team.service';
import { SHIP_STATES } from './orders.rules';
import * as svc from './orders.service';

export const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Code = z.object({ code: z.string().max(64) });
const OrderParam = z.object({ code: z.string().max(64), orderId: z.string().max(64) });
const Range = z.object({ from: DateStr.optional(), to: DateStr.optional() });

const read = { scope: 'store', resource: 'orders', action: 'read' } as const;
const write = { scope: 'store', resource: 'orders', action: 'write' } as const;

export function ordersRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: FastifyRequest) => {
    if (!req.actor) throw unauthenticated('auth.required', 'Please log in');
    return req.actor.person.id;
  };
  const store = (req: FastifyRequest) => req.storeScope!.store;
  /** Default range: yesterday in the store's zone. */
  const range = (req: FastifyRequest, q: { from?: string; to?: string }) => {
    const y = addDays(businessDate(ctx.clock.now(), store(req).timeZone), -1);
    return { from: q.from ?? q.to ?? y, to: q.to ?? q.from ?? y };
  };
  const tags = ['orders'];

  r.get(
    '/api/v1/stores/:code/orders/unpaid',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Unpaid orders (催付 queue): who chatted, who flagged, urges, 24 h takeover',
        params: Code,
        querystring: z.object({
          createdFrom: DateStr.optional(),
          createdTo: DateStr.optional(),
          personId: z.string().max(64).optional(),
        }),
      },
    },
    async (req) => ({ items: await svc.listUnpaid(ctx, store(req).id, req.query) }),
  );

  r.post(
    '/api/v1/stores/:code/orders/:orderId/urges',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Record urging payment (who = you, when = now, channel)',
        params: OrderParam,
        body: z.object({ channel: z.string().max(16), note: z.string().max(500).nullish() }),
      },
    },
    async (req) => svc.recordUrge(ctx, store(req).id, req.params.orderId, me(req), req.body),
  );

  r.post(
    '/api/v1/stores/:code/orders/:orderId/flag',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Flag (插旗) an order for yourself; an unpaid order follows the 24 h takeover rule',
        params: OrderParam,
        body: z.object({ color: z.string().max(16).optional() }),
      },
    },
    async (req) => svc.flagOrder(ctx, store(req).id, req.params.orderId, me(req), req.body.color),
  );

  r.get(
    '/api/v1/stores/:code/orders/urge-conversion',
    {
      config: { access: read },
      schema: { tags, summary: 'Conversion of urged orders per person', params: Code, querystring: Range },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return { from, to, items: await svc.urgeConversion(ctx, store(req).id, from, to) };
    },
  );

  r.get(
    '/api/v1/stores/:code/orders/attribution',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Credit per paid order (DOMAIN.md §5) with its reason; paid business dates from..to',
        params: Code,
        querystring: Range,
      },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return { from, to, items: await svc.attributeOrders(ctx, store(req).id, from, to) };
    },
  );

  r.get(
    '/api/v1/stores/:code/orders/attribution/by-person',
    {
      config: { access: read },
      schema: { tags, summary: 'Credited orders and sales per CS', params: Code, querystring: Range },
    },
    async (req) => {
      const { from, to } = range(req, req.query);
      return { from, to, ...(await svc.attributionByPerson(ctx, store(req).id, from, to)) };
    },
  );

  r.get(
    '/api/v1/stores/:code/orders/shipping',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Paid-not-shipped orders against the cut-off and the 24 h / 48 h limits',
        params: Code,
        querystring: z.object({
          states: z.string().max(200).optional(),
          includeShippedDays: z.coerce.number().int().min(0).max(31).optional(),
        }),
      },
    },
    async (req) => {
      const states = req.query.states
        ?.split(',')
        .filter((s): s is (typeof SHIP_STATES)[number] => (SHIP_STATES as readonly string[]).includes(s));
      return {
        items: await svc.listShipping(ctx, store(req).id, {
          states,
          includeShippedDays: req.query.includeShippedDays,
        }),
      };
    },
  );

  r.post(
    '/api/v1/stores/:code/orders/:orderId/stockout',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Out of stock → a task to CS to contact the buyer (exchange or refund)',
        params: OrderParam,
        body: z.object({ note: z.string().max(500).nullish() }),
      },
    },
    async (req) => ({
      task: await svc.markStockout(ctx, store(req).id, req.params.orderId, me(req), req.body.note ?? null),
    }),
  );

  r.post(
    '/api/v1/stores/:code/orders/:orderId/stockout-outcome',
    {
      config: { access: write },
      schema: {
        tags,
        summary: "The buyer's choice after an out-of-stock contact",
        params: OrderParam,
        body: z.object({ outcome: z.string().max(16), note: z.string().max(500).nullish() }),
      },
    },
    async (req) => {
      await svc.recordStockoutOutcome(
        ctx,
        store(req).id,
        req.params.orderId,
        me(req),
        req.body.outcome,
        req.body.note ?? null,
      );
      return { ok: true };
    },
  );

  // Ranges, dates and overlaps are checked by `shippingSettingsProblems` (a clear error per field).
  const Campaign = z.object({
    from: z.string().max(10),
    to: z.string().max(10),
    extraHours: z.number(),
    name: z.string().max(64).optional(),
  });
  r.get(
    '/api/v1/stores/:code/orders/settings/shipping',
    {
      config: { access: read },
      schema: { tags, summary: 'Shipping cut-off, limits, campaign extensions', params: Code },
    },
    async (req) => svc.getShippingSettings(ctx, store(req).id),
  );
  r.put(
    '/api/v1/stores/:code/orders/settings/shipping',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Change the shipping settings',
        params: Code,
        body: z.object({
          cutoff: z.string().max(5).optional(),
          targetHours: z.number().optional(),
          limitHours: z.number().optional(),
          riskHours: z.number().optional(),
          campaigns: z.array(Campaign).max(50).optional(),
        }),
      },
    },
    async (req) => svc.setShippingSettings(ctx, store(req).id, req.body, me(req)),
  );
  r.get(
    '/api/v1/stores/:code/orders/settings/unpaid',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Unpaid-queue rules: takeover hours, offline window, which orders are urged',
        params: Code,
      },
    },
    async (req) => svc.getUnpaidSettings(ctx, store(req).id),
  );
  r.put(
    '/api/v1/stores/:code/orders/settings/unpaid',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Change the unpaid-queue rules (checked: `unpaidSettingsProblems`)',
        params: Code,
        body: z.object({
          takeoverHours: z.number().optional(),
          offlineMinutes: z.number().optional(),
          urgeAfterHours: z.number().optional(),
          urgeWindowDays: z.number().optional(),
        }),
      },
    },
    async (req) => svc.setUnpaidSettings(ctx, store(req).id, req.body, me(req)),
  );

  r.get(
    '/api/v1/stores/:code/orders/settings/agents',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Chat accounts and the store person each one is (linked or by name)',
        params: Code,
      },
    },
    async (req) => {
      const id = store(req).id;
      const [accounts, links, { resolve }, people] = await Promise.all([
        chats.chatAccounts(ctx, id),
        chatAccountLinks(ctx, id),
        chatAccountResolver(ctx, id),
        storePeople(ctx, id),
      ]);
      return {
        items: accounts.map((a) => ({ agent: a, linked: links.get(a) ?? null, personId: resolve(a) })),
        people: people.map((p) => ({ personId: p.personId, displayName: p.displayName, roles: p.roles })),
      };
    },
  );
  r.put(
    '/api/v1/stores/:code/orders/settings/agents',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Link chat accounts to people (null removes a link)',
        params: Code,
        body: z.record(z.string().max(128), z.string().max(64).nullable()),
      },
    },
    async (req) => linkChatAccounts(ctx, store(req).id, req.body, me(req)),
  );

  r.get(
    '/api/v1/stores/:code/orders/checks',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Odd facts: status backwards, over-refunds, refunds of unknown orders',
        params: Code,
        querystring: z.object({ kind: z.string().max(32).optional(), all: BoolQuery.optional() }),
      },
    },
    async (req) => ({
      items: await svc.listChecks(ctx, store(req).id, { kind: req.query.kind, openOnly: !req.query.all }),
    }),
  );

  r.post(
    '/api/v1/stores/:code/orders/daily',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Run the daily orders job by hand (checks, queue tasks, refund and review follow-ups)',
        params: Code,
        querystring: z.object({ date: DateStr.optional() }),
      },
    },
    async (req) =>
      svc.dailyOrders(
        ctx,
        store(req).id,
        req.query.date ?? businessDate(ctx.clock.now(), store(req).timeZone),
      ),
  );

  r.get(
    '/api/v1/stores/:code/orders/search',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Find orders by id or buyer',
        params: Code,
        querystring: z.object({ q: z.string().min(1).max(64) }),
      },
    },
    async (req) => ({ items: await svc.searchOrders(ctx, store(req).id, req.query.q) }),
  );

  r.get(
    '/api/v1/stores/:code/orders/:orderId',
    {
      config: { access: read },
      schema: {
        tags,
        summary: "An order's full story: status history, chats, refunds, reviews, tasks, credit",
        params: OrderParam,
      },
    },
    async (req) => svc.orderStory(ctx, store(req).id, req.params.orderId),
  );
}
