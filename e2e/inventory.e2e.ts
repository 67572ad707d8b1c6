/**
 * Inventory and products end to end, as the owner: a stock snapshot imported → the restock list
 * shows its SKUs with sellable days → the daily check runs → a banned word in a title is caught
 * while typing → a new product moves across the board.
 *
 * Needs `npm run build` and Chromium at /usr/bin/chromium (see harness.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, pickOption, root, startHarness, textOf } from './harness';

const STORE = { code: 'inv-shop', name: '库存测试店' };
/** An antd InputNumber by test id (the id lands on the input or on its wrapper). */
const numberInput = (p: Page, id: string) =>
  p.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const STOCK = join(root, 'test/fixtures/stock/库存快照-20260301.csv');

let harness: Harness;
let base: string;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ base, page } = harness);
  const res = await page.request.post(`${base}/api/v1/setup`, {
    data: {
      organizationName: '库存测试公司',
      store: { code: STORE.code, name: STORE.name, platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'boss-pass-2024' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'storeops_csrf')?.value ?? '';
  const up = await page.request.post(`${base}/api/v1/stores/${STORE.code}/imports?kind=stock`, {
    headers: { 'x-csrf-token': csrf },
    multipart: { file: { name: '库存快照-20260301.csv', mimeType: 'text/csv', buffer: readFileSync(STOCK) } },
  });
  expect(up.status(), await up.text()).toBe(200);
});

afterAll(async () => {
  await harness?.close();
});

describe('inventory and products', () => {
  it('shows the restock list of the imported SKUs and runs the daily check', async () => {
    await page.goto(`${base}/s/${STORE.code}/inventory`);
    await page.getByTestId('page-inventory').waitFor();
    const rows = page.locator('[data-testid^="restock-row-"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByTestId('restock-daily-check').click();
    await page.locator('.ant-message-notice').first().waitFor();
    await harness.shot('inventory-restock');
  });

  it('adds a supplier with a SKU, orders from it, sends and receives the order', async () => {
    await page.goto(`${base}/s/${STORE.code}/inventory?tab=suppliers`);
    await page.getByTestId('supplier-new').click();
    await page.getByTestId('supplier-name').fill('杭州凉席厂');
    await page.getByTestId('supplier-contact').fill('李经理');
    await numberInput(page, 'supplier-lead').fill('10');
    await page.getByTestId('supplier-add-sku').click();
    await page.getByTestId('supplier-sku-code').fill('LX-3PC-BL');
    await page.locator('#supplier-save').click();
    await page.getByRole('cell', { name: '杭州凉席厂' }).waitFor();
    expect(await page.getByRole('cell', { name: /李经理/ }).count()).toBe(1);

    await page.getByTestId('po-new').click();
    await page.getByTestId('po-supplier').click();
    await page.locator('.ant-select-item-option', { hasText: '杭州凉席厂' }).click();
    await page.getByTestId('po-line-sku').click();
    await page.locator('.ant-select-item-option', { hasText: 'LX-3PC-BL' }).click();
    await numberInput(page, 'po-line-qty').fill('50');
    await page.locator('#po-save').click();
    const send = page.locator('[data-testid^="po-send-"]').first();
    await send.waitFor();
    await send.click();
    const receive = page.locator('[data-testid^="po-receive-open-"]').first();
    await receive.waitFor();
    await receive.click();
    await numberInput(page, 'po-receive-LX-3PC-BL').fill('20');
    await page.locator('#po-receive-save').click();
    await page.getByText('部分到货').first().waitFor();
    await page.getByRole('cell', { name: '20 / 50' }).waitFor();
    await harness.shot('inventory-suppliers');
  });

  it('catches a banned word and an over-long title while typing', async () => {
    await page.goto(`${base}/s/${STORE.code}/catalog?tab=title`);
    await page
      .getByTestId('title-input')
      .fill('全网最低价 国家级面料 连衣裙女夏季新款显瘦气质长裙子雪纺碎花大码');
    await page.getByTestId('title-issues').waitFor();
    const issues = await textOf(page, 'title-issues');
    expect(issues).toContain('最低');
    expect(issues).toContain('国家级');
    expect(issues).toContain('超长');
    await page.getByTestId('title-input').fill('2026夏季新款碎花连衣裙女');
    await page.getByTestId('title-ok').waitFor();
  });

  it('moves a new product across the board', async () => {
    await page.goto(`${base}/s/${STORE.code}/catalog?tab=pipeline`);
    await page.getByTestId('pipeline-name').fill('冰丝阔腿裤');
    await page.getByTestId('pipeline-create').click();
    await page.getByTestId('pipeline-col-plan').getByTestId('pipeline-card-冰丝阔腿裤').waitFor();
    await page.getByTestId('pipeline-advance-冰丝阔腿裤').click();
    await page.getByTestId('pipeline-col-sample').getByTestId('pipeline-card-冰丝阔腿裤').waitFor();
    await harness.shot('catalog-pipeline');
  });

  it("edits a stage's owner and due date on the board, then lists it, briefs CS and finishes", async () => {
    const name = '冰丝阔腿裤';
    // The sample stage: owner 王老板 (was: the warehouse role), due 2026-12-01.
    await page.getByTestId(`pipeline-edit-${name}`).click();
    await pickOption(page, 'pipeline-stage-owner', '王老板');
    const due = page
      .locator('[data-testid="pipeline-stage-due"] input, input[data-testid="pipeline-stage-due"]')
      .first();
    await due.click();
    await due.fill('2026-12-01');
    await due.press('Enter');
    await page.getByTestId('pipeline-stage-save').click();
    await expect.poll(() => textOf(page, `pipeline-owner-${name}`)).toContain('王老板');
    expect(await textOf(page, `pipeline-due-${name}`)).toContain('2026-12-01');
    // The board's data says the same.
    const board = await (
      await page.request.get(`${base}/api/v1/stores/${STORE.code}/catalog/pipeline`)
    ).json();
    const sample = board
      .find((p: { name: string }) => p.name === name)
      .stages.find((s: { stage: string }) => s.stage === 'sample');
    expect(sample.dueDate).toBe('2026-12-01');
    expect(sample.ownerPersonId).toBeTruthy();
    const okButton = () => page.locator('.ant-modal-confirm-btns .ant-btn-primary');
    // sample → photo → detail page → listing.
    for (const next of ['photo', 'detail_page', 'listing']) {
      await page.getByTestId(`pipeline-advance-${name}`).click();
      await page.getByTestId(`pipeline-col-${next}`).getByTestId(`pipeline-card-${name}`).waitFor();
    }
    // Listing needs the platform product id.
    await page.getByTestId(`pipeline-advance-${name}`).click();
    await page.getByTestId('pipeline-product-id').fill('68000001');
    await okButton().click();
    await page.getByTestId('pipeline-col-launch').getByTestId(`pipeline-card-${name}`).waitFor();
    // Launch needs the briefing note for CS.
    await page.getByTestId(`pipeline-advance-${name}`).click();
    await page.getByTestId('pipeline-briefing').fill('冰丝面料，凉感；尺码偏大一码');
    await okButton().click();
    await page.getByTestId('pipeline-col-cs_briefed').getByTestId(`pipeline-card-${name}`).waitFor();
    // CS acknowledges the note, then the product is done.
    await page.getByTestId(`pipeline-ack-${name}`).click();
    await okButton().click();
    await expect.poll(() => textOf(page, `pipeline-card-${name}`)).toContain('已确认');
    await page.getByTestId(`pipeline-advance-${name}`).click();
    await page.getByTestId('pipeline-col-done').getByTestId(`pipeline-card-${name}`).waitFor();
    await harness.shot('catalog-pipeline-done');
  }, 90_000);
});
