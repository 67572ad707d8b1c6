import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { StoreCodeParam } from '../../core/http-schemas';
import { isValidDate } from '../../core/time';
import { MOVEMENT_KINDS, PO_STATUSES } from './inventory.rules';
import * as inv from './inventory.service';

const read = { access: { scope: 'store', resource: 'inventory', action: 'read' } } as const;
const write = { access: { scope: 'store', resource: 'inventory', action: 'write' } } as const;
const IdParams = z.object({ code: z.string().max(64), id: z.string().max(64) });
const DateStr = z.string().refine(isValidDate, 'yyyy-MM-dd');
const Campaign = z.object({
  name: z.string().min(1).max(64),
  start: DateStr,
  end: DateStr,
  uplift: z.number().min(0.1).max(50).nullable().optional(),
});
const SkuCode = z.string().min(1).max(128);

export function inventoryRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const storeId = (req: FastifyRequest) => req.storeScope!.store.id;
  const personId = (req: FastifyRequest) => req.actor?.person.id ?? null;
  const tags = ['inventory'];

  r.get(
    '/api/v1/stores/:code/inventory/restock',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sellable days and restock suggestions per SKU (with why), the campaigns considered',
        description:
          'Forecast: 28-day robust level × weekday × season × campaign uplift (docs/inventory.md). asOf defaults to yesterday in the store zone.',
        params: StoreCodeParam,
        querystring: z.object({
          asOf: DateStr.optional(),
          serviceLevel: z.coerce.number().min(0.5).max(0.999).optional(),
          lowDays: z.coerce.number().int().min(1).max(90).optional(),
        }),
      },
    },
    async (req) => inv.restockPlan(ctx, storeId(req), req.query),
  );

  r.post(
    '/api/v1/stores/:code/inventory/restock/preview',
    {
      config: read,
      schema: {
        tags,
        summary:
          'The restock list with campaigns given in the request (what-if, or before the calendar is wired)',
        params: StoreCodeParam,
        body: z.object({ asOf: DateStr.optional(), campaigns: z.array(Campaign).max(100) }),
      },
    },
    async (req) => inv.restockPlan(ctx, storeId(req), req.body),
  );

  r.post(
    '/api/v1/stores/:code/inventory/daily-check',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Runs the daily inventory check by hand: low stock, delist, campaign shortfall → tasks (idempotent)',
        params: StoreCodeParam,
        body: z.object({ date: DateStr.optional() }).default({}),
      },
    },
    async (req) => {
      const date = req.body.date ?? (await inv.today(ctx, storeId(req)));
      return inv.runDailyInventoryCheck(ctx, storeId(req), date);
    },
  );

  r.get(
    '/api/v1/stores/:code/inventory/stock',
    {
      config: read,
      schema: {
        tags,
        summary: 'On hand per SKU and warehouse (ledger), with reserved and available per SKU',
        params: StoreCodeParam,
        querystring: z.object({ skuCode: SkuCode.optional(), warehouse: z.string().max(32).optional() }),
      },
    },
    async (req) => {
      const levels = await inv.stockLevels(ctx, storeId(req), req.query);
      const positions = await inv.stockPositions(ctx, storeId(req));
      return {
        levels,
        positions: [...positions.values()].filter(
          (p) => !req.query.skuCode || p.skuCode === req.query.skuCode,
        ),
      };
    },
  );

  r.get(
    '/api/v1/stores/:code/inventory/movements',
    {
      config: read,
      schema: {
        tags,
        summary: 'The stock ledger: movements with who and why, newest first',
        params: StoreCodeParam,
        querystring: z.object({
          skuCode: SkuCode.optional(),
          warehouse: z.string().max(32).optional(),
          kind: z.enum(MOVEMENT_KINDS).optional(),
          limit: z.coerce.number().int().min(1).max(5000).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (req) => inv.listMovements(ctx, storeId(req), req.query),
  );

  r.post(
    '/api/v1/stores/:code/inventory/movements',
    {
      config: write,
      schema: {
        tags,
        summary: 'Posts a movement (inbound, outbound, return, adjustment, damage) with a reason',
        params: StoreCodeParam,
        body: z.object({
          skuCode: SkuCode,
          warehouse: z.string().max(32),
          kind: z.enum(MOVEMENT_KINDS),
          qty: z.number().int(),
          reason: z.string().min(1).max(500),
          refKind: z.string().max(32).nullable().optional(),
          refId: z.string().max(128).nullable().optional(),
        }),
      },
    },
    async (req, reply) => {
      const { movement } = await inv.postMovement(ctx, storeId(req), {
        ...req.body,
        personId: personId(req),
      });
      return reply.status(201).send(movement);
    },
  );

  r.get(
    '/api/v1/stores/:code/inventory/reconcile',
    {
      config: read,
      schema: {
        tags,
        summary: 'Ledger vs the latest imported stock snapshot: differences are findings',
        params: StoreCodeParam,
      },
    },
    async (req) => inv.reconcile(ctx, storeId(req)),
  );

  r.get(
    '/api/v1/stores/:code/inventory/warehouses',
    { config: read, schema: { tags, summary: 'Warehouses', params: StoreCodeParam } },
    async (req) => inv.listWarehouses(ctx, storeId(req)),
  );
  r.put(
    '/api/v1/stores/:code/inventory/warehouses',
    {
      config: write,
      schema: {
        tags,
        summary: 'Creates or renames a warehouse and sets its leader',
        params: StoreCodeParam,
        body: z.object({
          code: z.string().max(32),
          name: z.string().max(64),
          leaderPersonId: z.string().max(64).nullable().optional(),
        }),
      },
    },
    async (req) => inv.saveWarehouse(ctx, storeId(req), req.body),
  );

  // ---- stock-taking
  r.get(
    '/api/v1/stores/:code/inventory/count-sheets',
    { config: read, schema: { tags, summary: 'Count sheets (盘点单)', params: StoreCodeParam } },
    async (req) => inv.listCountSheets(ctx, storeId(req)),
  );
  r.post(
    '/api/v1/stores/:code/inventory/count-sheets',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Starts a count sheet for a warehouse (all its SKUs, or the given set); book quantities frozen now',
        params: StoreCodeParam,
        body: z.object({
          warehouse: z.string().max(32),
          skuCodes: z.array(SkuCode).max(5000).optional(),
          note: z.string().max(500).nullable().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await inv.createCountSheet(ctx, storeId(req), { ...req.body, personId: personId(req) })),
  );
  r.get(
    '/api/v1/stores/:code/inventory/count-sheets/:id',
    {
      config: read,
      schema: { tags, summary: 'A count sheet with its lines and differences', params: IdParams },
    },
    async (req) => inv.getCountSheet(ctx, storeId(req), req.params.id),
  );
  r.put(
    '/api/v1/stores/:code/inventory/count-sheets/:id/counts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Enters counted quantities (typed or imported rows sku,qty)',
        params: IdParams,
        body: z.object({
          counts: z
            .array(
              z.object({
                skuCode: SkuCode,
                countedQty: z.number().int().min(0),
                note: z.string().max(200).nullable().optional(),
              }),
            )
            .max(5000),
        }),
      },
    },
    async (req) => inv.enterCounts(ctx, storeId(req), req.params.id, req.body.counts, personId(req)),
  );
  r.post(
    '/api/v1/stores/:code/inventory/count-sheets/:id/submit',
    {
      config: write,
      schema: {
        tags,
        summary: 'Submits for the warehouse leader; large differences escalate',
        params: IdParams,
      },
    },
    async (req) => inv.submitCountSheet(ctx, storeId(req), req.params.id),
  );
  r.post(
    '/api/v1/stores/:code/inventory/count-sheets/:id/review',
    {
      config: write,
      schema: {
        tags,
        summary: 'The warehouse leader approves (differences posted as adjustments) or rejects (recount)',
        params: IdParams,
        body: z.object({ decision: z.enum(['approve', 'reject']) }),
      },
    },
    async (req) => inv.reviewCountSheet(ctx, storeId(req), req.params.id, personId(req)!, req.body.decision),
  );

  // ---- suppliers and purchase orders
  const SupplierBody = z.object({
    name: z.string().min(1).max(100),
    contactName: z.string().max(64).nullable().optional(),
    phone: z.string().max(32).nullable().optional(),
    wechat: z.string().max(64).nullable().optional(),
    leadTimeDays: z.number().int().min(0).max(365),
    note: z.string().max(1000).nullable().optional(),
    skus: z
      .array(
        z.object({
          skuCode: SkuCode,
          leadTimeDays: z.number().int().min(0).max(365).nullable().optional(),
          packSize: z.number().int().min(1).max(100000).nullable().optional(),
          minOrderQty: z.number().int().min(0).max(10000000).nullable().optional(),
          costFen: z.number().int().min(0).nullable().optional(),
        }),
      )
      .max(5000)
      .optional(),
  });
  r.get(
    '/api/v1/stores/:code/inventory/suppliers',
    { config: read, schema: { tags, summary: 'Suppliers with lead times', params: StoreCodeParam } },
    async (req) => inv.listSuppliers(ctx, storeId(req)),
  );
  r.post(
    '/api/v1/stores/:code/inventory/suppliers',
    {
      config: write,
      schema: {
        tags,
        summary: 'Adds a supplier (contacts, lead time, its SKUs)',
        params: StoreCodeParam,
        body: SupplierBody,
      },
    },
    async (req, reply) => reply.status(201).send(await inv.saveSupplier(ctx, storeId(req), req.body)),
  );
  r.get(
    '/api/v1/stores/:code/inventory/suppliers/:id',
    { config: read, schema: { tags, summary: 'A supplier with its SKUs', params: IdParams } },
    async (req) => inv.getSupplier(ctx, storeId(req), req.params.id),
  );
  r.put(
    '/api/v1/stores/:code/inventory/suppliers/:id',
    { config: write, schema: { tags, summary: 'Changes a supplier', params: IdParams, body: SupplierBody } },
    async (req) => inv.saveSupplier(ctx, storeId(req), req.body, req.params.id),
  );
  r.get(
    '/api/v1/stores/:code/inventory/supplier-report',
    {
      config: read,
      schema: {
        tags,
        summary:
          "Monthly supplier sales report (due 11th–15th): last month's units, sales and refunds per supplier and SKU",
        params: StoreCodeParam,
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional(),
        }),
      },
    },
    async (req) => inv.supplierSalesReport(ctx, storeId(req), req.query.month),
  );
  r.get(
    '/api/v1/stores/:code/inventory/purchase-orders',
    {
      config: read,
      schema: {
        tags,
        summary: 'Purchase orders',
        params: StoreCodeParam,
        querystring: z.object({
          status: z.enum(PO_STATUSES).optional(),
          supplierId: z.string().max(64).optional(),
        }),
      },
    },
    async (req) => inv.listPurchaseOrders(ctx, storeId(req), req.query),
  );
  r.post(
    '/api/v1/stores/:code/inventory/purchase-orders',
    {
      config: write,
      schema: {
        tags,
        summary: 'Drafts a purchase order',
        params: StoreCodeParam,
        body: z.object({
          supplierId: z.string().max(64),
          warehouse: z.string().max(32),
          expectedDate: DateStr.nullable().optional(),
          note: z.string().max(1000).nullable().optional(),
          lines: z
            .array(
              z.object({
                skuCode: SkuCode,
                qty: z.number().int(),
                costFen: z.number().int().min(0).nullable().optional(),
              }),
            )
            .min(1)
            .max(1000),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inv.createPurchaseOrder(ctx, storeId(req), req.body, personId(req))),
  );
  r.get(
    '/api/v1/stores/:code/inventory/purchase-orders/:id',
    { config: read, schema: { tags, summary: 'A purchase order with its lines', params: IdParams } },
    async (req) => inv.getPurchaseOrder(ctx, storeId(req), req.params.id),
  );
  r.post(
    '/api/v1/stores/:code/inventory/purchase-orders/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: 'Sends or cancels a purchase order',
        params: IdParams,
        body: z.object({ status: z.enum(['sent', 'cancelled']) }),
      },
    },
    async (req) => inv.setPurchaseOrderStatus(ctx, storeId(req), req.params.id, req.body.status),
  );
  r.post(
    '/api/v1/stores/:code/inventory/purchase-orders/:id/receipts',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Receives goods: posts inbound movements once per receipt id; the PO becomes partly received or received',
        params: IdParams,
        body: z.object({
          receiptId: z.string().min(1).max(64),
          lines: z
            .array(z.object({ skuCode: SkuCode, qty: z.number().int() }))
            .min(1)
            .max(1000),
        }),
      },
    },
    async (req) => inv.receivePurchaseOrder(ctx, storeId(req), req.params.id, req.body, personId(req)),
  );
}
