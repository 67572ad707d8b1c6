import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { BoolQuery, StoreCodeParam } from '../../core/http-schemas';
import { isValidDate } from '../../core/time';
import { PIPELINE_STAGES } from './catalog.rules';
import * as catalog from './catalog.service';

const read = { access: { scope: 'store', resource: 'catalog', action: 'read' } } as const;
const write = { access: { scope: 'store', resource: 'catalog', action: 'write' } } as const;
const IdParams = z.object({ code: z.string().max(64), id: z.string().max(128) });
const DateStr = z.string().refine(isValidDate, 'yyyy-MM-dd');

export function catalogRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const storeId = (req: FastifyRequest) => req.storeScope!.store.id;
  const personId = (req: FastifyRequest) => req.actor?.person.id ?? null;
  const tags = ['catalog'];

  r.get(
    '/api/v1/stores/:code/catalog/products',
    {
      config: read,
      schema: {
        tags,
        summary: 'Products: hero flag, SKUs, 30-day units and sales, title issues',
        params: StoreCodeParam,
        querystring: z.object({ q: z.string().max(100).optional(), heroOnly: BoolQuery.optional() }),
      },
    },
    async (req) => catalog.listProducts(ctx, storeId(req), req.query),
  );
  r.get(
    '/api/v1/stores/:code/catalog/products/:id',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Product page: SKUs with sales, stock, sellable days; refunds, bad reviews; title check; listing history',
        params: IdParams,
      },
    },
    async (req) => catalog.productPage(ctx, storeId(req), req.params.id),
  );
  r.put(
    '/api/v1/stores/:code/catalog/products/:id/hero',
    {
      config: write,
      schema: {
        tags,
        summary: 'Marks or unmarks a hero product (3–5 per store)',
        params: IdParams,
        body: z.object({ isHero: z.boolean() }),
      },
    },
    async (req) => catalog.setHero(ctx, storeId(req), req.params.id, req.body.isHero, personId(req)),
  );
  r.post(
    '/api/v1/stores/:code/catalog/products/:id/listing-events',
    {
      config: write,
      schema: {
        tags,
        summary: 'Records a listing change (title/subtitle checked first; banned words refuse it)',
        params: IdParams,
        body: z.object({
          kind: z.enum(['title', 'subtitle', 'listed', 'delisted', 'note']),
          after: z.string().max(500).nullable().optional(),
          note: z.string().max(500).nullable().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await catalog.recordListingChange(ctx, storeId(req), req.params.id, req.body, personId(req))),
  );
  r.post(
    '/api/v1/stores/:code/catalog/title-check',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Checks a title or subtitle: GBK bytes (60 / 150), advertising-law banned words, characters GBK lacks',
        description:
          "With kind = title, also the keyword coverage: the share of the last 30 days of search terms (ads keyword reports, weighted by impressions; the product's own and store-wide when productId is given) the title covers, and the high-volume terms it misses.",
        params: StoreCodeParam,
        body: z.object({
          text: z.string().max(1000),
          kind: z.enum(['title', 'subtitle']).default('title'),
          productId: z.string().max(64).optional(),
        }),
      },
    },
    async (req) => ({
      issues: catalog.checkListingText(req.body.text, req.body.kind),
      keywords:
        req.body.kind === 'title'
          ? await catalog.titleKeywordCoverage(ctx, storeId(req), req.body.text, req.body.productId)
          : null,
    }),
  );

  // ---- new-product pipeline
  const StageMap = z.object(
    Object.fromEntries(PIPELINE_STAGES.map((s) => [s, z.string().max(64).optional()])) as Record<
      (typeof PIPELINE_STAGES)[number],
      z.ZodOptional<z.ZodString>
    >,
  );
  r.get(
    '/api/v1/stores/:code/catalog/pipeline',
    {
      config: read,
      schema: {
        tags,
        summary: 'The new-product board: each product with its stages, owners, due dates, stuck flags',
        params: StoreCodeParam,
      },
    },
    async (req) => catalog.listPipeline(ctx, storeId(req)),
  );
  r.post(
    '/api/v1/stores/:code/catalog/pipeline',
    {
      config: write,
      schema: {
        tags,
        summary: 'Adds a new product to the board (stage plan)',
        params: StoreCodeParam,
        body: z.object({
          name: z.string().min(1).max(100),
          productId: z.string().max(64).nullable().optional(),
          dueDates: StageMap.optional(),
          owners: StageMap.optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await catalog.createNewProduct(ctx, storeId(req), req.body, personId(req))),
  );
  r.post(
    '/api/v1/stores/:code/catalog/pipeline/:id/advance',
    {
      config: write,
      schema: {
        tags,
        summary: 'Marks the current stage done and moves to the next',
        params: IdParams,
        body: z
          .object({
            briefing: z.string().max(5000).nullable().optional(),
            productId: z.string().max(64).nullable().optional(),
          })
          .default({}),
      },
    },
    async (req) => catalog.advanceNewProduct(ctx, storeId(req), req.params.id, personId(req), req.body),
  );
  r.post(
    '/api/v1/stores/:code/catalog/pipeline/:id/acknowledge',
    {
      config: { access: { scope: 'store', resource: 'catalog', action: 'read' } },
      schema: { tags, summary: 'Customer service acknowledges the briefing note', params: IdParams },
    },
    async (req) => catalog.acknowledgeBriefing(ctx, storeId(req), req.params.id, personId(req)!),
  );
  r.put(
    '/api/v1/stores/:code/catalog/pipeline/:id/stages/:stage',
    {
      config: write,
      schema: {
        tags,
        summary: "Sets a stage's owner or due date",
        params: z.object({
          code: z.string().max(64),
          id: z.string().max(64),
          stage: z.enum(PIPELINE_STAGES),
        }),
        body: z.object({
          ownerPersonId: z.string().max(64).nullable().optional(),
          dueDate: DateStr.nullable().optional(),
        }),
      },
    },
    async (req) => catalog.setStage(ctx, storeId(req), req.params.id, req.params.stage, req.body),
  );
  r.post(
    '/api/v1/stores/:code/catalog/pipeline-check',
    {
      config: write,
      schema: {
        tags,
        summary: 'Runs the stuck-stage check by hand (idempotent)',
        params: StoreCodeParam,
        body: z.object({ date: DateStr.optional() }).default({}),
      },
    },
    async (req) => {
      const { businessDate } = await import('../../core/time');
      const { storeZone } = await import('../inventory/inventory.service');
      return catalog.runPipelineCheck(
        ctx,
        storeId(req),
        req.body.date ?? businessDate(ctx.clock.now(), await storeZone(ctx, storeId(req))),
      );
    },
  );
}
