/**
 * Issue #8's "done when", on the demo data: a year of the simulated store imported through the
 * real pipeline, the demo's inventory seed (inventory.demo.ts) and the simulator's festival
 * calendar, at a fixed clock (the morning after the last simulated day). The manager sees which
 * SKUs run out before the next campaign and why; the warehouse has its restock and stock-taking
 * work as tasks; a new product moves across the board to listing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Ctx } from '../../core/context';
import { fixedClock } from '../../core/time';
import { openTestDatabase, testEngine } from '../../db/test-helpers';
import { importFile } from '../../imports/imports.service';
import { simulateStore } from '../../simulator';
import * as catalog from '../catalog/catalog.service';
import * as team from '../team/team.service';
import * as work from '../work/work.service';
import { demoCampaignCalendar, seedInventoryDemo } from './inventory.demo';
import * as inv from './inventory.service';

let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
let dispose: () => Promise<void>;
let store = '';
const people: Record<string, string> = {};
const tmp = mkdtempSync(join(tmpdir(), 'storeops-inv-demo-'));

beforeAll(async () => {
  const database = await openTestDatabase();
  dispose = database.dispose;
  ctx = { database, clock: fixedClock('2026-11-25T01:00:00Z'), config: loadConfig({}, { dataDir: tmp }) };
  const owner = await team.setUp(ctx, {
    organizationName: '演示公司',
    store: { code: 'demo', name: '演示旗舰店', platform: 'tmall' },
    owner: { login: 'owner', displayName: '老板', password: 'secret-123' },
  });
  const actor = (await team.loadActor(ctx, owner.id, 'cli'))!;
  store = (await team.findStoreByCode(ctx, 'demo'))!.id;
  for (const role of ['manager', 'warehouse', 'designer', 'editor', 'marketing', 'cs_presale'] as const)
    people[role] = (
      await team.createPerson(ctx, actor, {
        login: role,
        displayName: role,
        password: 'secret-123',
        memberships: [{ storeCode: 'demo', roles: [role] }],
      })
    ).id;
  const dir = join(tmp, 'sim');
  const sim = await simulateStore({
    outDir: dir,
    days: 365,
    seed: 42,
    scale: 'small',
    endDate: '2026-11-24',
  });
  for (const f of sim.files) {
    if (f.kind === 'jd-orders') continue;
    const r = await importFile(ctx, {
      storeId: store,
      personId: null,
      kind: 'auto',
      path: join(dir, f.path.split('/').pop()!),
    });
    expect(r.status, `${f.kind}: ${r.error?.message}`).toBe('done');
  }
  inv.setCampaignCalendar(demoCampaignCalendar(sim.manifest.calendar));
  await seedInventoryDemo(ctx, store);
}, 900_000);

afterAll(async () => {
  inv.setCampaignCalendar(async () => []);
  await dispose?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe(`the demo store, done when (#8) on ${testEngine()}`, () => {
  it('the manager sees which SKUs run out before the next campaign (双12) and why', async () => {
    const plan = await inv.restockPlan(ctx, store);
    expect(plan.asOf).toBe('2026-11-24');
    expect(plan.campaigns.some((c) => c.name.includes('双12') && c.start > plan.asOf)).toBe(true);
    const short = plan.rows.filter((r) => r.campaignRisk);
    expect(short.length).toBeGreaterThan(0);
    for (const r of short) {
      expect(r.campaignRisk!.shortBy).toBeGreaterThan(0);
      expect(r.campaignRisk!.stockoutDate <= addDaysStr(r.campaignRisk!.start, 40)).toBe(true);
      // Why, in words: the velocity, the campaign with its uplift, when it runs out, by how much.
      expect(r.why).toContain('日均');
      expect(r.why).toContain(r.campaignRisk!.campaign);
      expect(r.why).toContain(`缺 ${r.campaignRisk!.shortBy} 件`);
    }
  });

  it('the warehouse has its restock and stock-taking work as tasks', async () => {
    await inv.runDailyInventoryCheck(ctx, store, '2026-11-25');
    const tasks = await work.listTasks(ctx, store, { source: 'inventory' });
    const keys = tasks.map(
      (t) => `${t.ownerRole ?? t.ownerPersonId}:${t.dedupeKey?.split(':').slice(0, 2).join(':')}`,
    );
    const warehouseKeys = new Set(
      tasks
        .filter((t) => t.ownerRole === 'warehouse' || t.ownerPersonId === people.warehouse)
        .map((t) => t.dedupeKey!.split(':')[1]),
    );
    expect(warehouseKeys.has('count'), keys.join(' ')).toBe(true); // the demo's count sheet
    expect(
      warehouseKeys.has('restock') || warehouseKeys.has('campaign'),
      `restock or campaign stock task for the warehouse: ${keys.join(' ')}`,
    ).toBe(true);
    // And the check makes each task once.
    expect((await inv.runDailyInventoryCheck(ctx, store, '2026-11-25')).created).toBe(0);
  });

  it('a new product moves across the board to listing (its late photo shoot made a task first)', async () => {
    const [np] = await catalog.listPipeline(ctx, store);
    expect(np!.stage).toBe('photo');
    // Due 11-24, today 11-25: a day late → a task to its owner.
    await catalog.runPipelineCheck(ctx, store, '2026-11-25');
    const stuck = await work.listTasks(ctx, store, { linkKind: 'new_product', linkId: np!.id });
    expect(stuck.map((t) => t.ownerRole)).toContain('designer');
    let p = await catalog.advanceNewProduct(ctx, store, np!.id, people.designer!);
    expect(p.stage).toBe('detail_page');
    p = await catalog.advanceNewProduct(ctx, store, np!.id, people.designer!);
    expect(p.stage).toBe('listing');
    p = await catalog.advanceNewProduct(ctx, store, np!.id, people.editor!, { productId: '68000001' });
    expect(p.stage).toBe('launch');
    expect(p.productId).toBe('68000001');
  });
});

function addDaysStr(d: string, n: number) {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
