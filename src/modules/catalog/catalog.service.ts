import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { DbOrTx } from '../../db/client';
import { sqlLiteral } from '../../db/copy';
import type { FactSink } from '../../db/facts';
import { products, skus } from './catalog.schema';

type Learn = NonNullable<FactSink['afterMerge']>;

const lit = sqlLiteral;

/**
 * Products and SKUs learnt from imported files: titles, properties and the latest price. Cost,
 * supplier and the hero flag are the team's own and never overwritten. Each learner runs in the
 * import's merge transaction, reading its staging table.
 */
function upsertSkus(select: string): Learn {
  return async (tx: DbOrTx, p) => {
    const now = lit(p.now.toISOString());
    await tx.execute(
      sql.raw(`insert into skus (store_id, sku_code, product_id, title, properties, price_fen, first_seen_at, updated_at)
        select ${lit(p.storeId)}, sku_code, product_id, title, properties, price_fen, ${now}::timestamptz, ${now}::timestamptz
        from (select distinct on (sku_code collate "C") * from (${select.replace('$stage', `"${p.stage}"`)}) s
              where sku_code is not null and sku_code <> '' order by sku_code collate "C", row_no desc) latest
        on conflict (store_id, sku_code) do update set
          product_id = coalesce(excluded.product_id, skus.product_id),
          title = coalesce(excluded.title, skus.title),
          properties = coalesce(excluded.properties, skus.properties),
          price_fen = coalesce(excluded.price_fen, skus.price_fen),
          updated_at = excluded.updated_at
        where (skus.product_id, skus.title, skus.properties, skus.price_fen) is distinct from
          (coalesce(excluded.product_id, skus.product_id), coalesce(excluded.title, skus.title),
           coalesce(excluded.properties, skus.properties), coalesce(excluded.price_fen, skus.price_fen))`),
    );
  };
}

function upsertProducts(select: string): Learn {
  return async (tx: DbOrTx, p) => {
    const now = lit(p.now.toISOString());
    await tx.execute(
      sql.raw(`insert into products (store_id, product_id, title, first_seen_at, updated_at)
        select ${lit(p.storeId)}, product_id, title, ${now}::timestamptz, ${now}::timestamptz
        from (select distinct on (product_id collate "C") * from (${select.replace('$stage', `"${p.stage}"`)}) s
              where product_id is not null and product_id <> '' order by product_id collate "C", row_no desc) latest
        on conflict (store_id, product_id) do update set title = coalesce(excluded.title, products.title), updated_at = excluded.updated_at
        where excluded.title is not null and products.title is distinct from excluded.title`),
    );
  };
}

const both =
  (...learners: Learn[]): Learn =>
  async (tx, p) => {
    for (const l of learners) await l(tx, p);
  };

/** What each imported file kind teaches the catalog. */
export const catalogLearners: Partial<Record<string, Learn>> = {
  'taobao-order-items': upsertSkus(
    'select row_no, sku_code, null::text as product_id, title, properties, price_fen from $stage',
  ),
  stock: both(
    upsertSkus(
      'select row_no, sku_code, product_id, title, sku_properties as properties, null::bigint as price_fen from $stage',
    ),
    upsertProducts('select row_no, product_id, title from $stage'),
  ),
  'product-metrics': upsertProducts('select row_no, product_id, product_title as title from $stage'),
  'jd-orders': both(
    upsertSkus(
      'select row_no, item_number as sku_code, product_id, product_name as title, null::text as properties, unit_price_fen as price_fen from $stage',
    ),
    upsertProducts('select row_no, product_id, product_name as title from $stage'),
  ),
};

/** The store's SKUs with price and cost (marketing's price floor). */
export async function skuPrices(ctx: Ctx, storeId: string) {
  return ctx.database.db
    .select({
      skuCode: skus.skuCode,
      productId: skus.productId,
      title: skus.title,
      properties: skus.properties,
      priceFen: skus.priceFen,
      costFen: skus.costFen,
    })
    .from(skus)
    .where(eq(skus.storeId, storeId))
    .orderBy(asc(skus.skuCode));
}

/** The store's products with their titles and hero (主打) flag. */
export async function productList(ctx: Ctx, storeId: string) {
  return ctx.database.db
    .select({ productId: products.productId, title: products.title, isHero: products.isHero })
    .from(products)
    .where(eq(products.storeId, storeId))
    .orderBy(desc(products.isHero), asc(products.productId));
}

/** Sets a SKU's cost (the team's own; imports never overwrite it). */
export async function setSkuCost(ctx: Ctx, storeId: string, skuCode: string, costFen: number | null) {
  await ctx.database.db
    .update(skus)
    .set({ costFen, updatedAt: ctx.clock.now() })
    .where(and(eq(skus.storeId, storeId), eq(skus.skuCode, skuCode)));
}

/** Marks products as heroes (主打). */
export async function setHeroes(ctx: Ctx, storeId: string, productIds: string[], isHero: boolean) {
  if (productIds.length === 0) return;
  await ctx.database.db
    .update(products)
    .set({ isHero, updatedAt: ctx.clock.now() })
    .where(and(eq(products.storeId, storeId), inArray(products.productId, productIds)));
}

// ---------------------------------------------------------------- products, heroes, titles

import { and as andOp, asc as ascOp, desc as descOp, eq as eqOp, inArray as inArrayOp } from 'drizzle-orm';
import { badInput, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import { translate } from '../../locales';
import { productAftersalesSummary } from '../aftersales/aftersales.service';
import { restockPlan, storeZone } from '../inventory/inventory.service';
import { searchTermsSince } from '../marketing/marketing.service';
import { memberRoles, storePeople } from '../team/team.service';
import { createTask, listEscalations, raiseDifficulty } from '../work/work.service';
import {
  canAdvance,
  checkTitle,
  HERO_MAX,
  heroStatus,
  isStuck,
  keywordCoverage,
  nextStage,
  PIPELINE_STAGES,
  type PipelineStage,
  STAGE_CHAIN,
  STAGE_OWNER_ROLE,
  stuckAction,
  TAOBAO_SUBTITLE_MAX_BYTES,
} from './catalog.rules';
import { listingEvents, newProductStages, newProducts } from './catalog.schema';

type R<T> = { rows: T[] };
async function rows<T>(db: DbOrTx, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as R<T>).rows;
}

/** SKU codes among `codes` that are this store's (for other modules: a movement never lands on another store's SKU). */
export async function knownSkuCodes(db: DbOrTx, storeId: string, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const r = await db
    .select({ c: skus.skuCode })
    .from(skus)
    .where(andOp(eqOp(skus.storeId, storeId), inArrayOp(skus.skuCode, codes)));
  return new Set(r.map((x) => x.c));
}

export type ProductListRow = {
  productId: string;
  title: string | null;
  isHero: boolean;
  skuCount: number;
  units30: number;
  salesFen30: number;
  titleIssues: number;
};

/** Products with their SKU count, last-30-day units and sales, hero flag and title issue count. */
export async function listProducts(ctx: Ctx, storeId: string, f: { q?: string; heroOnly?: boolean } = {}) {
  const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000).toISOString();
  const list = await rows<{
    product_id: string;
    title: string | null;
    is_hero: boolean;
    skus: number;
    units: number;
    fen: number;
  }>(
    ctx.database.db,
    sql`select p.product_id, p.title, p.is_hero,
          (select count(*)::int from skus k where k.store_id = p.store_id and k.product_id = p.product_id) as skus,
          coalesce(s.units, 0)::int as units, coalesce(s.fen, 0)::bigint as fen
        from products p
        left join (select k.product_id, sum(i.quantity) as units, sum(coalesce(i.paid_amount_fen, i.price_fen * i.quantity)) as fen
                   from order_items i join skus k on k.store_id = i.store_id and k.sku_code = i.sku_code
                   where i.store_id = ${storeId} and i.paid_at >= ${since}::timestamptz group by k.product_id) s
          on s.product_id = p.product_id
        where p.store_id = ${storeId}
        ${f.q ? sql`and (p.title ilike ${`%${f.q}%`} or p.product_id = ${f.q})` : sql``}
        ${f.heroOnly ? sql`and p.is_hero` : sql``}
        order by p.is_hero desc, units desc nulls last, p.product_id limit 1000`,
  );
  return list.map(
    (p): ProductListRow => ({
      productId: p.product_id,
      title: p.title,
      isHero: p.is_hero,
      skuCount: Number(p.skus),
      units30: Number(p.units),
      salesFen30: Number(p.fen),
      titleIssues: p.title ? checkTitle(p.title).length : 0,
    }),
  );
}

/**
 * The product page: the product, its SKUs with 30-day sales, stock and sellable days (from the
 * inventory plan), refunds and bad reviews, title check with keyword coverage, listing history.
 */
export async function productPage(ctx: Ctx, storeId: string, productId: string) {
  const db = ctx.database.db;
  const [p] = await db
    .select()
    .from(products)
    .where(andOp(eqOp(products.storeId, storeId), eqOp(products.productId, productId)));
  if (!p) throw notFound('catalog.product_not_found', 'No such product');
  const skuRows = await db
    .select()
    .from(skus)
    .where(andOp(eqOp(skus.storeId, storeId), eqOp(skus.productId, productId)))
    .orderBy(ascOp(skus.skuCode));
  const codes = skuRows.map((s) => s.skuCode);
  const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  const sales = codes.length
    ? await rows<{ sku_code: string; units: number; fen: number }>(
        db,
        sql`select sku_code, sum(quantity)::int as units, sum(coalesce(paid_amount_fen, price_fen * quantity))::bigint as fen
            from order_items where store_id = ${storeId} and paid_at >= ${since.toISOString()}::timestamptz
            and sku_code in (${sql.join(
              codes.map((c) => sql`${c}`),
              sql`, `,
            )}) group by sku_code`,
      )
    : [];
  const salesBy = new Map(sales.map((s) => [s.sku_code, s]));
  const plan = await restockPlan(ctx, storeId);
  const planBy = new Map(plan.rows.filter((r) => codes.includes(r.skuCode)).map((r) => [r.skuCode, r]));
  const after = await productAftersalesSummary(db, storeId, productId, codes, since);
  const tz = await storeZone(ctx, storeId);
  const terms = await searchTermsSince(
    db,
    storeId,
    addDays(businessDate(ctx.clock.now(), tz), -30),
    productId,
  );
  const title = p.title ?? '';
  const coverage = keywordCoverage(title, terms, await segmenter());
  const history = await db
    .select()
    .from(listingEvents)
    .where(andOp(eqOp(listingEvents.storeId, storeId), eqOp(listingEvents.productId, productId)))
    .orderBy(descOp(listingEvents.createdAt))
    .limit(100);
  return {
    product: { ...p, firstSeenAt: p.firstSeenAt.toISOString(), updatedAt: p.updatedAt.toISOString() },
    skus: skuRows.map((s) => {
      const pl = planBy.get(s.skuCode);
      return {
        skuCode: s.skuCode,
        title: s.title,
        properties: s.properties,
        priceFen: s.priceFen,
        units30: Number(salesBy.get(s.skuCode)?.units ?? 0),
        salesFen30: Number(salesBy.get(s.skuCode)?.fen ?? 0),
        available: pl?.available ?? null,
        sellableDays: pl?.sellableDays ?? null,
        stockoutDate: pl?.stockoutDate ?? null,
        class: pl?.class ?? null,
        why: pl?.why ?? null,
      };
    }),
    aftersales: after,
    titleCheck: {
      issues: checkTitle(title),
      coverage: coverage.coverage,
      covered: coverage.covered.slice(0, 20),
      missing: coverage.missing.slice(0, 20),
    },
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
  };
}
let jiebaInstance: { cut(s: string): string[] } | null = null;
/** The Chinese word segmenter (jieba), loaded once. */
async function segmenter(): Promise<(s: string) => string[]> {
  if (!jiebaInstance) {
    const { Jieba } = await import('@node-rs/jieba');
    const { dict } = await import('@node-rs/jieba/dict');
    jiebaInstance = Jieba.withDict(dict);
  }
  const j = jiebaInstance;
  return (s) => j.cut(s).filter((w: string) => w.trim());
}

/** Checks a title or subtitle someone is writing (before it goes to the platform). */
export function checkListingText(text: string, kind: 'title' | 'subtitle') {
  return checkTitle(text, kind === 'subtitle' ? TAOBAO_SUBTITLE_MAX_BYTES : undefined);
}

/**
 * A title being written against the store's search terms of the last 30 days (the 关键词 of the
 * ads keyword reports, weighted by impressions; a product's own and store-wide ones when a product
 * is given): the weighted coverage and the high-volume terms it misses (the biggest first).
 */
export async function titleKeywordCoverage(ctx: Ctx, storeId: string, text: string, productId?: string) {
  const tz = await storeZone(ctx, storeId);
  const terms = await searchTermsSince(
    ctx.database.db,
    storeId,
    addDays(businessDate(ctx.clock.now(), tz), -30),
    productId,
  );
  const c = keywordCoverage(text, terms, await segmenter());
  const total = terms.reduce((a, t) => a + t.weight, 0);
  return {
    terms: terms.length,
    totalWeight: total,
    coverage: c.coverage,
    covered: c.covered.slice(0, 20),
    missing: c.missing.slice(0, 20).map((m) => ({ ...m, share: total ? m.weight / total : 0 })),
  };
}

/** Marks or unmarks a hero product (主打): 3–5 per store; a sixth is refused. */
export async function setHero(
  ctx: Ctx,
  storeId: string,
  productId: string,
  isHero: boolean,
  personId: string | null,
) {
  const db = ctx.database.db;
  const [p] = await db
    .select()
    .from(products)
    .where(andOp(eqOp(products.storeId, storeId), eqOp(products.productId, productId)));
  if (!p) throw notFound('catalog.product_not_found', 'No such product');
  if (p.isHero === isHero) return { isHero, heroes: heroStatus(await heroCount(ctx, storeId)) };
  if (isHero && !heroStatus(await heroCount(ctx, storeId)).canAdd)
    throw conflict('catalog.too_many_heroes', `At most ${HERO_MAX} hero products`, {
      params: { max: HERO_MAX },
    });
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(products)
      .set({ isHero })
      .where(andOp(eqOp(products.storeId, storeId), eqOp(products.productId, productId)));
    await tx.insert(listingEvents).values({
      storeId,
      id: newId(),
      productId,
      kind: 'hero',
      before: String(p.isHero),
      after: String(isHero),
      personId,
      createdAt: now,
    });
  });
  return { isHero, heroes: heroStatus(await heroCount(ctx, storeId)) };
}

async function heroCount(ctx: Ctx, storeId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from products where store_id = ${storeId} and is_hero`,
  );
  return Number(r?.n ?? 0);
}

/**
 * Records a listing change made on the platform (title, subtitle, listed, delisted, note) with who
 * and why: the listing history. A title or subtitle is checked first; banned words refuse it.
 */
export async function recordListingChange(
  ctx: Ctx,
  storeId: string,
  productId: string,
  input: {
    kind: 'title' | 'subtitle' | 'listed' | 'delisted' | 'note';
    after?: string | null;
    note?: string | null;
  },
  personId: string | null,
) {
  const db = ctx.database.db;
  const [p] = await db
    .select()
    .from(products)
    .where(andOp(eqOp(products.storeId, storeId), eqOp(products.productId, productId)));
  if (!p) throw notFound('catalog.product_not_found', 'No such product');
  let before: string | null = null;
  if (input.kind === 'title' || input.kind === 'subtitle') {
    const text = (input.after ?? '').trim();
    const issues = checkListingText(text, input.kind);
    const blocking = issues.filter(
      (i) => i.code === 'banned_word' || i.code === 'too_long' || i.code === 'empty',
    );
    if (blocking.length)
      throw badInput('catalog.title_rejected', 'The title breaks a platform or advertising-law rule', {
        details: { field: 'after', issues: blocking },
      });
    if (input.kind === 'title') {
      before = p.title;
      await db
        .update(products)
        .set({ title: text, updatedAt: ctx.clock.now() })
        .where(andOp(eqOp(products.storeId, storeId), eqOp(products.productId, productId)));
    }
  }
  const row = {
    storeId,
    id: newId(),
    productId,
    kind: input.kind,
    before,
    after: input.after ?? input.note ?? null,
    personId,
    createdAt: ctx.clock.now(),
  };
  await db.insert(listingEvents).values(row);
  return row;
}

// ---------------------------------------------------------------- new-product pipeline

export type NewProductDto = typeof newProducts.$inferSelect & {
  stages: (typeof newProductStages.$inferSelect & { stuck: boolean })[];
};

export async function createNewProduct(
  ctx: Ctx,
  storeId: string,
  input: {
    name: string;
    productId?: string | null;
    dueDates?: Partial<Record<PipelineStage, string>>;
    owners?: Partial<Record<PipelineStage, string>>;
  },
  personId: string | null,
): Promise<NewProductDto> {
  if (!input.name.trim())
    throw badInput('catalog.name_required', 'A new product needs a name', { details: { field: 'name' } });
  for (const [stage, pid] of Object.entries(input.owners ?? {}))
    if (pid && (await memberRoles(ctx, storeId, pid)) === null)
      throw badInput('catalog.owner_not_in_store', 'The owner is not a member of this store', {
        details: { field: `owners.${stage}` },
      });
  const now = ctx.clock.now();
  const id = newId();
  const tz = await storeZone(ctx, storeId);
  const today = businessDate(now, tz);
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(newProducts).values({
      storeId,
      id,
      name: input.name.trim(),
      productId: input.productId ?? null,
      stage: 'plan',
      createdBy: personId,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(newProductStages).values(
      PIPELINE_STAGES.map((stage, i) => ({
        storeId,
        newProductId: id,
        stage,
        ownerPersonId: input.owners?.[stage] ?? null,
        ownerRole: input.owners?.[stage] ? null : STAGE_OWNER_ROLE[stage],
        dueDate: input.dueDates?.[stage] ?? addDays(today, 3 * (i + 1)),
      })),
    );
  });
  return getNewProduct(ctx, storeId, id);
}

export async function getNewProduct(ctx: Ctx, storeId: string, id: string): Promise<NewProductDto> {
  const [p] = await ctx.database.db
    .select()
    .from(newProducts)
    .where(andOp(eqOp(newProducts.storeId, storeId), eqOp(newProducts.id, id)));
  if (!p) throw notFound('catalog.new_product_not_found', 'No such new product');
  const today = businessDate(ctx.clock.now(), await storeZone(ctx, storeId));
  const stages = await ctx.database.db
    .select()
    .from(newProductStages)
    .where(andOp(eqOp(newProductStages.storeId, storeId), eqOp(newProductStages.newProductId, id)));
  stages.sort(
    (a, b) =>
      PIPELINE_STAGES.indexOf(a.stage as PipelineStage) - PIPELINE_STAGES.indexOf(b.stage as PipelineStage),
  );
  return {
    ...p,
    stages: stages.map((s) => ({
      ...s,
      stuck: s.stage === p.stage && isStuck(s.dueDate, today, s.doneAt !== null),
    })),
  };
}

export async function listPipeline(ctx: Ctx, storeId: string): Promise<NewProductDto[]> {
  const ids = await ctx.database.db
    .select({ id: newProducts.id })
    .from(newProducts)
    .where(eqOp(newProducts.storeId, storeId))
    .orderBy(descOp(newProducts.createdAt))
    .limit(200);
  const out: NewProductDto[] = [];
  for (const { id } of ids) out.push(await getNewProduct(ctx, storeId, id));
  return out;
}

/** Moves a new product to its next stage (the current one marked done by the person). */
export async function advanceNewProduct(
  ctx: Ctx,
  storeId: string,
  id: string,
  personId: string | null,
  input: { briefing?: string | null; productId?: string | null } = {},
) {
  const p = await getNewProduct(ctx, storeId, id);
  const briefing = input.briefing ?? p.briefing;
  const check = canAdvance({
    stage: p.stage as PipelineStage | 'done',
    briefing,
    csAcknowledgedAt: p.csAcknowledgedAt,
  });
  if (!check.ok) throw conflict(`catalog.pipeline_${check.reason}`, `Cannot advance: ${check.reason}`);
  if (p.stage === 'listing' && !(input.productId ?? p.productId))
    throw badInput('catalog.product_id_required', 'Listing needs the platform product id', {
      details: { field: 'productId' },
    });
  const now = ctx.clock.now();
  const next = nextStage(p.stage as PipelineStage);
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(newProductStages)
      .set({ doneAt: now, doneBy: personId })
      .where(
        andOp(
          eqOp(newProductStages.storeId, storeId),
          eqOp(newProductStages.newProductId, id),
          eqOp(newProductStages.stage, p.stage),
        ),
      );
    await tx
      .update(newProducts)
      .set({ stage: next, briefing, productId: input.productId ?? p.productId, updatedAt: now })
      .where(andOp(eqOp(newProducts.storeId, storeId), eqOp(newProducts.id, id)));
  });
  if (next === 'cs_briefed')
    await createTask(ctx, storeId, {
      title: `新品培训：请阅读「${p.name}」的卖点说明并确认`,
      description: briefing,
      ownerRole: 'cs_presale',
      priority: 'normal',
      links: [{ kind: 'new_product', id, label: p.name }],
      source: 'catalog',
      dedupeKey: `catalog:cs-briefing:${id}`,
    });
  return getNewProduct(ctx, storeId, id);
}

/** A CS person acknowledges the briefing (only CS roles, managers and the owner count). */
export async function acknowledgeBriefing(ctx: Ctx, storeId: string, id: string, personId: string) {
  const roles = (await memberRoles(ctx, storeId, personId)) ?? [];
  if (!roles.some((r) => r.startsWith('cs_') || r === 'manager' || r === 'owner'))
    throw conflict('catalog.not_cs', 'Only customer service acknowledges a briefing');
  const p = await getNewProduct(ctx, storeId, id);
  if (p.stage !== 'cs_briefed')
    throw conflict('catalog.pipeline_not_briefing', 'This product is not at the CS briefing stage');
  await ctx.database.db
    .update(newProducts)
    .set({ csAcknowledgedBy: personId, csAcknowledgedAt: ctx.clock.now() })
    .where(andOp(eqOp(newProducts.storeId, storeId), eqOp(newProducts.id, id)));
  return getNewProduct(ctx, storeId, id);
}

export async function setStage(
  ctx: Ctx,
  storeId: string,
  id: string,
  stage: PipelineStage,
  input: { ownerPersonId?: string | null; dueDate?: string | null },
) {
  if (input.ownerPersonId && (await memberRoles(ctx, storeId, input.ownerPersonId)) === null)
    throw badInput('catalog.owner_not_in_store', 'The owner is not a member of this store', {
      details: { field: 'ownerPersonId' },
    });
  await getNewProduct(ctx, storeId, id);
  await ctx.database.db
    .update(newProductStages)
    .set({
      ...(input.ownerPersonId !== undefined ? { ownerPersonId: input.ownerPersonId } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
    })
    .where(
      andOp(
        eqOp(newProductStages.storeId, storeId),
        eqOp(newProductStages.newProductId, id),
        eqOp(newProductStages.stage, stage),
      ),
    );
  return getNewProduct(ctx, storeId, id);
}

/** A stage's Chinese name (src/locales). */
function stageName(stage: PipelineStage): string {
  return translate('zh-CN', `catalog.stage.${stage}`) ?? stage;
}

/**
 * Daily: each stuck stage (due date passed) → one task to its owner; still stuck
 * `STUCK_ESCALATE_AFTER_DAYS` days after its due date → it escalates, once: on DOMAIN.md §3's
 * chain for it (photo shoot: too many photos; detail page and listing: too many listings — raised
 * on the task by its owner, so it walks CS → marketing → manager in working hours), else (no chain
 * for the stage) a task to the manager, the last step of every chain.
 */
export async function runPipelineCheck(ctx: Ctx, storeId: string, businessDateStr: string) {
  const tz = await storeZone(ctx, storeId);
  let created = 0;
  let escalated = 0;
  let people: Awaited<ReturnType<typeof storePeople>> | null = null;
  for (const p of await listPipeline(ctx, storeId)) {
    if (p.stage === 'done') continue;
    const s = p.stages.find((x) => x.stage === p.stage);
    if (!s) continue;
    const action = stuckAction(s.dueDate, businessDateStr, s.doneAt !== null);
    if (action === 'none') continue;
    const stage = p.stage as PipelineStage;
    const r = await createTask(ctx, storeId, {
      title: `上新卡住：「${p.name}」${stageName(stage)} 已过期（应于 ${s.dueDate} 完成）`,
      ownerPersonId: s.ownerPersonId,
      ownerRole: s.ownerPersonId ? null : s.ownerRole,
      dueAt: zonedInstant(businessDateStr, '18:00:00', tz),
      priority: 'high',
      links: [{ kind: 'new_product', id: p.id, label: p.name }],
      source: 'catalog',
      dedupeKey: `catalog:stuck:${p.id}:${p.stage}`,
    });
    if (r.created) created++;
    if (action !== 'escalate') continue;
    const chain = STAGE_CHAIN[stage];
    people ??= await storePeople(ctx, storeId);
    const raiser =
      s.ownerPersonId ?? people.find((x) => s.ownerRole && x.roles.includes(s.ownerRole))?.personId ?? null;
    if (chain && raiser) {
      if ((await listEscalations(ctx, storeId, { taskId: r.task.id, limit: 1 })).length) continue;
      await raiseDifficulty(ctx, storeId, raiser, {
        chain,
        taskId: r.task.id,
        title: `上新卡住：「${p.name}」${stageName(stage)} 逾期 ${s.dueDate} 起未完成`,
        description: `新品「${p.name}」停在${stageName(stage)}，应于 ${s.dueDate} 完成。`,
      });
      escalated++;
    } else if (s.ownerPersonId || s.ownerRole !== 'manager') {
      // A stage the manager owns has nobody above it: its own task is the escalation.
      const m = await createTask(ctx, storeId, {
        title: `上新卡住需店长处理：「${p.name}」${stageName(stage)} 应于 ${s.dueDate} 完成`,
        description: `负责人：${s.ownerPersonId ? (people.find((x) => x.personId === s.ownerPersonId)?.displayName ?? s.ownerPersonId) : s.ownerRole}`,
        ownerRole: 'manager',
        dueAt: zonedInstant(businessDateStr, '18:00:00', tz),
        priority: 'high',
        links: [{ kind: 'new_product', id: p.id, label: p.name }],
        source: 'catalog',
        dedupeKey: `catalog:stuck-escalated:${p.id}:${p.stage}`,
      });
      if (m.created) escalated++;
    }
  }
  return { created, escalated };
}
