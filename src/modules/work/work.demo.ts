import { and, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { addDays, businessDate, zonedInstant } from '../../core/time';
import { storePeople } from '../team/team.service';
import { handovers } from './work.schema';
import {
  checklist,
  createDesignRequest,
  createHandover,
  createTask,
  generateChecklists,
  raiseDifficulty,
  setChecklistDone,
  storeZone,
  updateTask,
} from './work.service';

/**
 * A believable day for every demo login: today's checklists (past blocks mostly ticked, the
 * designer and the pre-sale CS behind), tasks from the manager and from the other modules'
 * kinds of work, handovers (night shift's handover book, the assistant's report, today's
 * picture work), and difficulties on their way up the chains. Idempotent: tasks by dedupe key,
 * handovers and difficulties only on the first run.
 */
export async function seedWorkDemo(ctx: Ctx, storeId: string): Promise<void> {
  const tz = await storeZone(ctx, storeId);
  const now = ctx.clock.now();
  const today = businessDate(now, tz);
  const at = (time: string, date = today) => zonedInstant(date, time, tz);
  await generateChecklists(ctx, storeId, today);
  const people = await storePeople(ctx, storeId);
  const who = (role: string) => people.find((p) => p.roles.includes(role))?.personId ?? null;
  const manager = who('manager');
  if (!manager) return;

  // Past blocks ticked; the designer and the pre-sale CS are behind.
  const minutes = (now.getTime() - at('00:00').getTime()) / 60000;
  for (const c of await checklist(ctx, storeId, today)) {
    const end = Number(c.endTime.slice(0, 2)) * 60 + Number(c.endTime.slice(3));
    const behind = c.role === 'designer' || c.role === 'cs_presale';
    if (end <= minutes && !c.doneAt && !(behind && end > minutes - 240)) {
      await setChecklistDone(ctx, storeId, c.personId, today, c.routineItemId, true);
    }
  }

  const task = async (
    key: string,
    role: string,
    title: string,
    due: Date,
    extra: {
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      links?: { kind: string; id: string; label?: string }[];
      source?: string;
    } = {},
  ) => {
    const owner = who(role);
    if (!owner) return null;
    const { task: t } = await createTask(ctx, storeId, {
      title,
      ownerPersonId: owner,
      dueAt: due,
      priority: extra.priority ?? 'normal',
      links: extra.links ?? [],
      source: extra.source ?? 'manual',
      dedupeKey: `demo:${key}:${today}`,
      createdBy: extra.source ? null : manager,
    });
    return t;
  };
  const yesterday = addDays(today, -1);
  await task('refund-stats', 'ops_assistant', '整理昨日退款原因统计，发店长', at('11:00'), {
    priority: 'high',
  });
  await task('weitao', 'ops_assistant', '发布今日微淘：冬季保暖搭配', at('09:30'));
  await task('resend', 'cs_aftersale', '联系买家 tb_8812 补发漏发的围巾', at('10:00', yesterday), {
    priority: 'urgent',
    links: [{ kind: 'order', id: '2026112412345', label: '订单 2026112412345' }],
    source: 'aftersales',
  });
  await task('bad-review', 'cs_aftersale', '电话回访差评买家 小***猫（尺码偏小）', at('15:00'), {
    links: [{ kind: 'review', id: 'R-7731', label: '差评 R-7731' }],
    source: 'aftersales',
  });
  await task('unpaid', 'cs_presale', '催付 3 单超过 24 小时未付款订单', at('10:30'), { source: 'orders' });
  await task('ship', 'warehouse', '16:00 截单前发出今日 128 单', at('16:00'), {
    priority: 'high',
    source: 'orders',
  });
  await task('restock', 'warehouse', '加绒卫衣 黑色 L 可售 3 天，联系供应商补货', at('17:00'), {
    links: [{ kind: 'sku', id: 'WY-BK-L', label: 'WY-BK-L' }],
    source: 'inventory',
  });
  await task('ztc', 'marketing', '直通车计划"秋冬新款"昨日 15:20 预算耗尽下线，调整预算与出价', at('11:30'), {
    priority: 'high',
    links: [{ kind: 'campaign', id: 'ztc-autumn', label: '秋冬新款' }],
    source: 'marketing',
  });
  await task('recharge', 'finance', '核对 11 月直通车充值与发票', at('16:00'));
  await task('assessment', 'analyst', '整理上周各组考核数据', at('17:00'));
  await task('titles', 'editor', '优化 5 个主推款标题（双12 关键词）', at('16:30'));
  await task('plan', 'manager', '确认双12活动报名与预期效果', at('14:00'), { priority: 'high' });

  // Design requests → the designer's queue (and tasks).
  const designer = who('designer');
  await createDesignRequest(
    ctx,
    storeId,
    {
      title: '双12 主图（5 个主推款）',
      kind: 'main_picture',
      designerId: designer,
      subjectKind: 'campaign',
      subjectId: 'd12',
      subjectLabel: '双12',
      dueAt: at('14:00'),
      source: 'marketing',
      dedupeKey: `demo:d12-main:${today}`,
    },
    who('marketing'),
  );
  await createDesignRequest(
    ctx,
    storeId,
    {
      title: '加绒卫衣详情页改版',
      kind: 'detail_page',
      designerId: designer,
      subjectKind: 'product',
      subjectId: 'WY',
      subjectLabel: '加绒卫衣',
      dueAt: at('17:00', addDays(today, 1)),
      dedupeKey: `demo:wy-detail:${today}`,
    },
    manager,
  );

  const [{ n }] = (await ctx.database.db
    .select({ n: count() })
    .from(handovers)
    .where(and(eq(handovers.storeId, storeId)))) as [{ n: number }];
  if (Number(n) > 0) return;

  // Night shift → day shift (the handover book), the assistant's report, today's picture work.
  const night = who('cs_aftersale');
  const day = who('cs_presale');
  if (night && day) {
    await createHandover(ctx, storeId, night, {
      kind: 'shift_night_day',
      toPersonId: day,
      note: '夜班交接本',
      items: [
        { body: '买家 tb_yy 等待尺码换货，已答应今天 12 点前回复', state: 'follow_up' },
        { body: '2 单付款后改地址（2026112498765、2026112498770），需通知仓库', state: 'open' },
        { body: '23:40 咨询高峰已处理完', state: 'done' },
      ],
    });
  }
  const assistant = who('ops_assistant');
  if (assistant) {
    await createHandover(ctx, storeId, assistant, {
      kind: 'assistant_manager',
      toPersonId: manager,
      note: '昨日工作交接',
      items: [
        { body: '微淘已发 2 条', state: 'done' },
        { body: '活动页横幅未上线：等美工出图', state: 'not_done' },
        { body: '客服小美昨日 3 次首次响应超 2 分钟，待培训', state: 'follow_up' },
      ],
    });
  }
  if (designer) {
    await createHandover(ctx, storeId, manager, {
      kind: 'ops_designer',
      toPersonId: designer,
      note: '今日设计工作',
      items: [
        { body: '双12 主图 14:00 前交 5 张', state: 'open' },
        { body: '首页轮播换成保暖主题，17:00 前', state: 'open' },
      ],
    });
  }

  // Difficulties on their way up the chains.
  const wh = who('warehouse');
  if (wh) {
    const { task: count } = await createTask(ctx, storeId, {
      title: '月末盘点 A 区',
      ownerPersonId: wh,
      dueAt: at('17:00'),
      source: 'inventory',
      dedupeKey: `demo:stocktake:${today}`,
    });
    await raiseDifficulty(ctx, storeId, wh, {
      chain: 'stock_count_unclear',
      taskId: count.id,
      description: '盘点差异 37 件，现有人手盘不过来',
    });
  }
  const mkt = who('marketing');
  if (mkt)
    await raiseDifficulty(ctx, storeId, mkt, {
      chain: 'promotion_spending',
      title: '双12 直通车需追加预算 ¥20,000',
    });
  const as = who('cs_aftersale');
  if (as)
    await raiseDifficulty(ctx, storeId, as, {
      chain: 'aftersale_claim',
      title: '买家要求赔偿 ¥500（超出售后规定）',
    });
  // The assistant's weitao task is done already: a believable mix of states.
  const done = await task('weitao', 'ops_assistant', '发布今日微淘：冬季保暖搭配', at('09:30'));
  if (done && minutes > 600) await updateTask(ctx, storeId, done.id, { status: 'done' }, done.ownerPersonId);
}
