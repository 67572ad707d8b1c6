import type { Ctx } from '../../core/context';
import { addDays, businessDate } from '../../core/time';
import * as aftersales from '../aftersales/aftersales.service';
import * as chats from '../service/service.service';
import { linkChatAccounts, storePeople, storeTimeZone } from '../team/team.service';
import * as svc from './orders.service';

/**
 * What the demo team would have typed in at the orders and after-sales desk: shipping settings
 * with the 双12 extension, the after-sale chat account linked to its person, flags on orders
 * where several CS chatted, owners on recent refunds and bad reviews (some already phoned), then
 * today's queue tasks. Idempotent (a marker setting).
 */
export async function seedOrdersDemo(ctx: Ctx, storeId: string, log: (s: string) => void = () => {}) {
  if (await svc.isSettingSet(ctx, storeId, 'demoSeeded')) return;
  const people = await storePeople(ctx, storeId);
  const pre = people.find((p) => p.roles.includes('cs_presale'));
  const after = people.find((p) => p.roles.includes('cs_aftersale'));
  await svc.setShippingSettings(
    ctx,
    storeId,
    { cutoff: '16:00', campaigns: [{ from: '2026-12-11', to: '2026-12-13', extraHours: 48, name: '双12' }] },
    null,
  );
  const accounts = await chats.chatAccounts(ctx, storeId);
  const lin = accounts.find((a) => a.endsWith(':小林'));
  if (lin && after) await linkChatAccounts(ctx, storeId, { [lin]: after.personId }, null);

  const today = businessDate(ctx.clock.now(), await storeTimeZone(ctx, storeId));
  const from = addDays(today, -8);
  const to = addDays(today, -1);
  let flagged = 0;
  if (pre) {
    for (const a of await svc.attributeOrders(ctx, storeId, from, to)) {
      // The CS confirms with a flag the orders of several CS that are hers.
      if (a.reason.code !== 'several_cs_no_flag' || !a.paidAt || a.personId !== pre.personId) continue;
      if (flagged % 2 === 0) {
        await svc.recordFlagAt(
          ctx,
          storeId,
          a.orderId,
          pre.personId,
          new Date(Date.parse(a.paidAt) - 60_000),
        );
      }
      flagged++;
    }
  }
  const daily = await svc.dailyOrders(ctx, storeId, today);
  let owned = 0;
  if (after) {
    const refunds = await aftersales.listRefunds(ctx, storeId, { fromDate: from, toDate: to });
    for (const r of refunds.slice(0, 40)) {
      await aftersales.updateRefundCase(ctx, storeId, r.refundId, { ownerPersonId: after.personId }, null);
      owned++;
    }
    const reviews = await aftersales.listReviewCases(ctx, storeId, { fromDate: from, toDate: to });
    for (const [i, v] of reviews.entries()) {
      await aftersales.updateReviewCase(
        ctx,
        storeId,
        v.platformId,
        {
          ownerPersonId: after.personId,
          ...(i % 2 === 0 ? { contact: { channel: 'phone', note: '已致电买家' } } : {}),
        },
        after.personId,
      );
      owned++;
    }
  }
  await svc.markSetting(ctx, storeId, 'demoSeeded');
  log(
    `  orders desk: ${Math.ceil(flagged / 2)} flags, ${daily.queues.unpaid} unpaid, ${daily.queues.atRisk} at-risk shipments, ${daily.refunds.revisits} refund revisits, ${daily.reviews.cases} review cases, ${owned} owners assigned`,
  );
}
