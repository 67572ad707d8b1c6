import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import { productList, setHeroes, setSkuCost, skuPrices } from '../catalog/catalog.service';
import { allStores, storePeople } from '../team/team.service';
import { listTasks } from '../work/work.service';
import { builtInPlatformEvents, type CHECKLIST_CODES } from './campaign.rules';
import { adReports, campaigns } from './marketing.schema';
import * as mk from './marketing.service';

/**
 * What a marketing team would have typed in for the demo Tmall store: fee rates, SKU costs and
 * heroes where the import left them empty, this year's 双11 (done, its readiness checklist
 * complete with owners), the coming 双12 with its coupons — one stack of which goes below cost
 * and is caught — a 聚划算 slot, a live stream, ad balances and a few content posts. Then the
 * 10:30 and 11:00 checks run once, so the tasks exist. Idempotent: skipped when the store has
 * campaigns.
 */
export async function seedMarketingDemo(ctx: Ctx, storeId: string, log: (s: string) => void = () => {}) {
  const [{ n }] = await ctx.database.db
    .select({ n: count() })
    .from(campaigns)
    .where(eq(campaigns.storeId, storeId));
  if (Number(n) > 0) return;
  const store = (await allStores(ctx)).find((s) => s.id === storeId);
  const tz = store?.timeZone ?? 'Asia/Shanghai';
  const today = businessDate(ctx.clock.now(), tz);
  const year = Number(today.slice(0, 4));
  const people = await storePeople(ctx, storeId);
  const who = (role: string) => people.find((p) => p.roles.includes(role))?.personId ?? null;

  await mk.updateSettings(ctx, storeId, {
    commissionBp: 500,
    paymentFeeBp: 60,
    perUnitCostFen: 0,
    roiFloor: 200,
  });

  // Costs the team keeps in its spreadsheet: ~50 % of the price (shipping included) where none is entered.
  const skus = await skuPrices(ctx, storeId);
  for (const s of skus) {
    if (s.costFen == null && s.priceFen != null)
      await setSkuCost(ctx, storeId, s.skuCode, Math.round((s.priceFen * 0.5) / 10) * 10);
  }
  // Heroes: the products the ads push hardest, when none is marked yet.
  let products = await productList(ctx, storeId);
  if (!products.some((p) => p.isHero)) {
    const top = await ctx.database.db
      .select({ productId: adReports.productId, spend: sql<number>`sum(${adReports.spendFen})` })
      .from(adReports)
      .where(and(eq(adReports.storeId, storeId), sql`${adReports.productId} is not null`))
      .groupBy(adReports.productId)
      .orderBy(desc(sql`sum(${adReports.spendFen})`))
      .limit(4);
    await setHeroes(
      ctx,
      storeId,
      top.map((t) => t.productId!).filter((id) => products.some((p) => p.productId === id)),
      true,
    );
    products = await productList(ctx, storeId);
  }
  const heroes = products.filter((p) => p.isHero).map((p) => p.productId);
  const others = products.filter((p) => !p.isHero).map((p) => p.productId);
  const lineup = [...heroes, ...others.slice(0, 4)];

  // 双11: over; every readiness item done by its owner.
  const d11 = await mk.createCampaign(
    ctx,
    storeId,
    {
      kind: 'platform',
      eventCode: 'double11',
      eventYear: year,
      productIds: lineup,
      ownerPersonId: who('marketing'),
      notes: '主打款预热期加大直通车投放；定金期引导加购。',
    },
    who('marketing'),
  );
  // Goals as the team set them: about 1.8× the usual days (the store's own scale).
  const base = (await mk.campaignResults(ctx, storeId, d11.id)).total.baseline;
  const perDay = (v: number) => v / Math.max(1, base.days);
  const goal = (v: number, days: number, k: number) => Math.max(1, Math.round(perDay(v) * days * k));
  await mk.updateCampaign(ctx, storeId, d11.id, {
    goalGmvFen: Math.round(goal(base.gmvFen, base.days, 1.8) / 10_000) * 10_000,
    goalUnits: goal(base.units, base.days, 1.8),
    goalNewBuyers: goal(base.newBuyers, base.days, 1.8),
    budgetFen: Math.round(goal(base.gmvFen, base.days, 0.15) / 10_000) * 10_000,
  });
  const full = await mk.getCampaign(ctx, storeId, d11.id);
  for (const item of full.checklist) {
    const role = item.chain[0];
    await mk.completeChecklistItem(
      ctx,
      storeId,
      d11.id,
      item.code as (typeof CHECKLIST_CODES)[number],
      who(role),
      {
        acknowledge: item.needsAck,
      },
    );
  }

  // 双12: coming; some items done, the design request late (it escalates).
  const d12 = await mk.createCampaign(
    ctx,
    storeId,
    {
      kind: 'platform',
      eventCode: 'double12',
      eventYear: year,
      productIds: lineup,
      budgetFen: Math.round((perDay(base.gmvFen) * 12 * 0.15) / 10_000) * 10_000,
      goalGmvFen: Math.round((perDay(base.gmvFen) * 12 * 2) / 10_000) * 10_000,
      goalUnits: Math.round(perDay(base.units) * 12 * 2),
      goalNewBuyers: Math.round(perDay(base.newBuyers) * 12 * 2),
      ownerPersonId: who('marketing'),
    },
    who('marketing'),
  );
  for (const code of ['signup', 'stock'] as const) {
    await mk.completeChecklistItem(
      ctx,
      storeId,
      d12.id,
      code,
      who(code === 'stock' ? 'warehouse' : 'marketing'),
    );
  }
  await mk.escalateLateItems(ctx, storeId, today);

  const later = (days: number) => addDays(today, days);
  await mk.createCampaign(
    ctx,
    storeId,
    {
      kind: 'official_slot',
      name: '聚划算 · 主打款',
      phases: [{ code: 'main', name: '正式', from: later(23), to: later(25) }],
      productIds: heroes.slice(0, 1),
      signUpDeadline: later(6),
      goalGmvFen: Math.round((perDay(base.gmvFen) * 3 * 1.5) / 10_000) * 10_000,
      ownerPersonId: who('marketing'),
    },
    who('marketing'),
  );
  await mk.createCampaign(
    ctx,
    storeId,
    {
      kind: 'live_stream',
      name: '达人直播专场',
      phases: [{ code: 'main', name: '正式', from: later(12), to: later(12) }],
      productIds: heroes.slice(0, 2),
      goalGmvFen: Math.round(perDay(base.gmvFen) / 10_000) * 10_000,
      ownerPersonId: who('marketing'),
    },
    who('marketing'),
  );

  // 双12 offers: store-wide ones are sane; the hero's own stack goes below its floor.
  const ev = builtInPlatformEvents(year).find((e) => e.code === 'double12')!;
  const peakFrom = zonedInstant(ev.phases[1].from, '00:00', tz);
  const peakTo = zonedInstant(addDays(ev.phases[1].to, 1), '00:00', tz);
  const preFrom = zonedInstant(ev.phases[0].from, '00:00', tz);
  const hero = heroes[0];
  const offersIn: mk.OfferInput[] = [
    {
      kind: 'cross_store',
      name: '双12 跨店满减 每满300减50',
      startsAt: peakFrom,
      endsAt: peakTo,
      perEach: { everyFen: 30_000, minusFen: 5_000 },
      campaignId: d12.id,
    },
    {
      kind: 'full_reduction',
      name: '店铺满299减20',
      startsAt: preFrom,
      endsAt: peakTo,
      tiers: [{ thresholdFen: 29_900, minusFen: 2_000 }],
      campaignId: d12.id,
    },
    {
      kind: 'store_coupon',
      name: '店铺券 满100减5（本周）',
      startsAt: zonedInstant(addDays(today, -5), '00:00', tz),
      endsAt: zonedInstant(addDays(today, 1), '23:59', tz),
      tiers: [{ thresholdFen: 10_000, minusFen: 500 }],
    },
  ];
  if (hero) {
    offersIn.push(
      {
        kind: 'discount',
        name: '主打款 双12 85折',
        startsAt: peakFrom,
        endsAt: peakTo,
        productIds: [hero],
        percentBp: 8_500,
        campaignId: d12.id,
      },
      {
        kind: 'product_coupon',
        name: '主打款 商品券 无门槛20元',
        startsAt: peakFrom,
        endsAt: peakTo,
        productIds: [hero],
        tiers: [{ thresholdFen: 0, minusFen: 2_000 }],
        campaignId: d12.id,
      },
    );
  }
  for (const o of offersIn) await mk.createOffer(ctx, storeId, o, who('marketing'));

  // Ad balances as entered this morning.
  await mk.setAdBalance(ctx, storeId, 'ztc', 320_000, who('marketing'));
  await mk.setAdBalance(ctx, storeId, 'ylmf', 1_500_000, who('marketing'));

  // Content calendar.
  const at = (d: string, t: string) => zonedInstant(d, t, tz);
  const posts: mk.PostInput[] = [
    {
      channel: '微淘',
      title: '双12 预告：主打款 85 折 + 跨店满减',
      audience: '老客、收藏加购人群',
      plannedAt: at(ev.phases[0].from, '20:00'),
      campaignId: d12.id,
      ownerPersonId: who('ops_assistant'),
      status: 'ready',
    },
    {
      channel: '逛逛',
      title: '冬季床品怎么选：三招看懂面料',
      audience: '新客',
      plannedAt: at(later(2), '12:00'),
      topic: '产品知识',
      ownerPersonId: who('editor') ?? who('ops_assistant'),
    },
    {
      channel: '微淘',
      title: '达人直播今晚 8 点，主打款直播间专享价',
      audience: '粉丝',
      plannedAt: at(later(12), '10:00'),
      ownerPersonId: who('ops_assistant'),
    },
    {
      channel: '微淘',
      title: '双11 战报与返场说明',
      audience: '全部粉丝',
      plannedAt: at('2026-11-12', '10:00'),
      campaignId: d11.id,
      ownerPersonId: who('ops_assistant'),
      status: 'published',
      publishedUrl: 'https://market.m.taobao.com/app/weitao/post/1001',
    },
  ];
  for (const p of posts) await mk.createPost(ctx, storeId, p);

  const promo = await mk.promotionsCheck(ctx, storeId, today);
  await mk.adsCheck(ctx, storeId, today);
  const offline = (await mk.adsDashboard(ctx, storeId)).offline.map(
    (p) => `${p.planName} ${p.offline?.offlineAt}`,
  );
  const tasks = await listTasks(ctx, storeId, { source: 'marketing', limit: 1000 });
  log(
    `  marketing: 4 campaigns, ${offersIn.length} offers, ${promo.breaches} below-floor stack(s), offline early: ${offline.join(', ') || 'none'}; ${tasks.length} tasks`,
  );
}
