import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { Ctx } from '../core/context';
import { addDays, businessDate } from '../core/time';
import { importRuns } from '../imports/imports.schema';
import { importFile } from '../imports/imports.service';
import { demoCampaignCalendar, seedInventoryDemo } from '../modules/inventory/inventory.demo';
import { setCampaignCalendar } from '../modules/inventory/inventory.service';
import { seedMarketingDemo } from '../modules/marketing/marketing.demo';
import { seedOrdersDemo } from '../modules/orders/orders.demo';
import { seedServiceDemo } from '../modules/service/service.demo';
import { ROLES } from '../modules/team/team.rules';
import * as team from '../modules/team/team.service';
import { seedWorkDemo } from '../modules/work/work.demo';
import { DEFAULT_SEED, type Manifest, simulateStore } from '../simulator';

export const DEMO_PASSWORD = 'demo1234';
/**
 * The rest of the simulated CS team (the simulator's sub-accounts 小雨, 阿杰, 小静, 大鹏), so sales
 * credit, KPIs and fines land on people; 小美 and 小林 are the 售前 / 售后 logins.
 */
const DEMO_EXTRA_CS = [
  { login: 'xiaoyu', displayName: '小雨', csLevel: 'mid' },
  { login: 'ajie', displayName: '阿杰', csLevel: 'junior' },
  { login: 'xiaojing', displayName: '小静', csLevel: 'mid' },
  { login: 'dapeng', displayName: '大鹏', csLevel: 'junior' },
] as const;

export const DEMO_STORE = { code: 'demo', name: '测试旗舰店', platform: 'tmall' } as const;
export const DEMO_JD_STORE = { code: 'demo-jd', name: '测试京东自营店', platform: 'jd' } as const;

/** Chinese display names per role, as a small store team would have them. */
const DEMO_NAMES: Record<string, string> = {
  owner: '王老板',
  manager: '张店长',
  ops_assistant: '李运营',
  cs_presale: '小美(售前)',
  cs_aftersale: '小丽(售后)',
  warehouse: '老赵(仓库)',
  finance: '钱会计',
  designer: '小王(美工)',
  marketing: '孙推广',
  analyst: '周分析',
  editor: '吴编辑',
};

/**
 * The demo organisation: the demo Tmall store, a JD store, one login per role (login = role code,
 * password demo1234), and a year of simulated export files imported through the real pipeline.
 * Idempotent: a second start only prints the logins.
 */
export async function ensureDemo(
  ctx: Ctx,
  log: (s: string) => void,
  opts: { scale?: 'small' | 'medium' | 'large'; days?: number } = {},
): Promise<void> {
  if (await team.isSetupNeeded(ctx)) {
    await team.setUp(ctx, {
      organizationName: '演示公司',
      store: { ...DEMO_STORE },
      owner: { login: 'owner', displayName: DEMO_NAMES.owner, password: DEMO_PASSWORD },
    });
    const actor = (await team.cliActor(ctx))!;
    await team.createStore(ctx, actor, { ...DEMO_JD_STORE });
    const fresh = (await team.cliActor(ctx))!;
    for (const cs of DEMO_EXTRA_CS) {
      await team.createPerson(ctx, fresh, {
        ...cs,
        password: DEMO_PASSWORD,
        memberships: [{ storeCode: DEMO_STORE.code, roles: ['cs_presale'] }],
      });
    }
    for (const role of ROLES) {
      if (role === 'owner') continue;
      await team.createPerson(ctx, fresh, {
        login: role,
        displayName: DEMO_NAMES[role],
        password: DEMO_PASSWORD,
        csLevel: role.startsWith('cs_') ? 'mid' : null,
        memberships: [
          { storeCode: DEMO_STORE.code, roles: [role] },
          { storeCode: DEMO_JD_STORE.code, roles: [role] },
        ],
      });
    }
  }
  await importDemoData(ctx, log, opts);
  const demoStore = await team.findStoreByCode(ctx, DEMO_STORE.code);
  if (demoStore) await seedMarketingDemo(ctx, demoStore.id, log);
  if (demoStore) await seedOrdersDemo(ctx, demoStore.id, log);
  if (demoStore) await seedServiceDemo(ctx, demoStore.id, readDemoManifest(ctx, opts) as never, log);
  // The team desk: routines, tasks, handovers, difficulties (work.demo.ts).
  for (const code of [DEMO_STORE.code, DEMO_JD_STORE.code]) {
    const s = await team.findStoreByCode(ctx, code);
    if (s) await seedWorkDemo(ctx, s.id);
  }
  await seedInventoryAndCatalog(ctx, log, opts);
  log('Demo logins (password demo1234):');
  for (const role of ROLES) log(`  ${role.padEnd(14)} ${DEMO_NAMES[role]}`);
  for (const cs of DEMO_EXTRA_CS) log(`  ${cs.login.padEnd(14)} ${cs.displayName}(售前)`);
}

async function importDemoData(
  ctx: Ctx,
  log: (s: string) => void,
  opts: { scale?: 'small' | 'medium' | 'large'; days?: number },
) {
  const tmall = await team.findStoreByCode(ctx, DEMO_STORE.code);
  const jd = await team.findStoreByCode(ctx, DEMO_JD_STORE.code);
  if (!tmall || !jd) return;
  const [{ n }] = await ctx.database.db
    .select({ n: count() })
    .from(importRuns)
    .where(eq(importRuns.storeId, tmall.id));
  if (Number(n) > 0) return; // imported on an earlier start
  const scale =
    opts.scale ?? (process.env.STOREOPS_DEMO_SCALE as 'small' | 'medium' | 'large' | undefined) ?? 'medium';
  const dir = join(ctx.config.dataDir, `demo-files-${scale}`);
  // The simulated year ends yesterday (the demo store's zone), so "yesterday" on the desk is the
  // last simulated day: the ads page names the plan that ran out of budget early yesterday, the
  // morning report reads yesterday. Files simulated on an earlier day are simulated again.
  const endDate = addDays(businessDate(ctx.clock.now(), tmall.timeZone), -1);
  const cached = join(dir, 'manifest.json');
  if (existsSync(cached) && (JSON.parse(readFileSync(cached, 'utf8')) as Manifest).endDate !== endDate)
    rmSync(dir, { recursive: true, force: true });
  if (!existsSync(cached)) {
    mkdirSync(dir, { recursive: true });
    log(`simulating a ${scale} demo store (a year of export files up to ${endDate})…`);
    const t0 = Date.now();
    await simulateStore({ outDir: dir, days: opts.days ?? 365, seed: DEFAULT_SEED, scale, endDate });
    log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  log('importing the demo files through the import pipeline…');
  for (const f of manifest.files) {
    const path = join(dir, f.path.split('/').pop()!);
    const storeId = f.kind === 'jd-orders' ? jd.id : tmall.id;
    const t0 = Date.now();
    const r = await importFile(ctx, { storeId, personId: null, kind: 'auto', path });
    log(
      `  ${r.status === 'done' ? '✓' : '✗'} ${(r.kind ?? f.kind).padEnd(20)} ${String(r.rows).padStart(8)} rows  ${((Date.now() - t0) / 1000).toFixed(1)} s${r.error ? `  ${r.error.message}` : ''}${r.rejectedCount ? `  ${r.rejectedCount} rejected: ${r.rejected[0]?.message}` : ''}`,
    );
  }
}

/** Inventory and products (#8): suppliers, a count sheet, a PO, heroes, a new product; the festival calendar. */
async function seedInventoryAndCatalog(
  ctx: Ctx,
  log: (s: string) => void,
  opts: { scale?: 'small' | 'medium' | 'large' },
) {
  const tmall = await team.findStoreByCode(ctx, DEMO_STORE.code);
  if (!tmall) return;
  const scale =
    opts.scale ?? (process.env.STOREOPS_DEMO_SCALE as 'small' | 'medium' | 'large' | undefined) ?? 'medium';
  const manifestPath = join(ctx.config.dataDir, `demo-files-${scale}`, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    setCampaignCalendar(demoCampaignCalendar(manifest.calendar));
  }
  await seedInventoryDemo(ctx, tmall.id, log);
}

/** The simulator's manifest of the demo files (planted events, calendar), when present. */
function readDemoManifest(ctx: Ctx, opts: { scale?: 'small' | 'medium' | 'large' }): Manifest | null {
  const scale =
    opts.scale ?? (process.env.STOREOPS_DEMO_SCALE as 'small' | 'medium' | 'large' | undefined) ?? 'medium';
  const manifestPath = join(ctx.config.dataDir, `demo-files-${scale}`, 'manifest.json');
  return existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : null;
}
