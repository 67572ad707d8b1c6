/**
 * The orders desk, as the owner: import a Taobao order report → 订单 › 催付 lists the unpaid order
 * → record an urge by phone → the order drawer tells its story (the urge, the credit reason) →
 * 发货预警 lists the paid-not-shipped order as over 48 h, 设置 refuses a bad cut-off, overlapping
 * campaigns and impossible unpaid rules, naming the field → 售后
 * opens with its refund statistics.
 *
 * Needs `npx vite build --config web/vite.config.ts` and Chromium at /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, root, startHarness, textOf } from './harness';

const STORE = { code: 'tb-orders', name: '测试旗舰店' };
const ORDERS = join(root, 'test/fixtures/taobao-orders/ExportOrderList201707151030.csv');

let harness: Harness;
let base: string;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ base, page } = harness);
  const res = await page.request.post(`${base}/api/v1/setup`, {
    data: {
      organizationName: '杭州测试电子商务有限公司',
      store: { code: STORE.code, name: STORE.name, platform: 'taobao' },
      owner: { login: 'boss', displayName: '张老板', password: 'boss-pass-2024' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'storeops_csrf')?.value ?? '';
  const up = await page.request.post(`${base}/api/v1/stores/${STORE.code}/imports?kind=auto`, {
    headers: { 'x-csrf-token': csrf },
    multipart: {
      file: { name: 'ExportOrderList201707151030.csv', mimeType: 'text/csv', buffer: readFileSync(ORDERS) },
    },
  });
  expect(up.status(), await up.text()).toBe(200);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('the orders desk', () => {
  it('lists the unpaid order, records an urge and tells the order’s story', async () => {
    await page.goto(`${base}/s/${STORE.code}/today`);
    await page.getByTestId('menu-orders').click();
    await page.waitForURL(`**/s/${STORE.code}/orders`);
    await page.getByTestId('orders-page').waitFor();
    expect(await textOf(page, 'page-title')).toBe('订单');
    const rows = page.getByTestId('unpaid-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const orderId = ((await rows.first().locator('td').nth(1).textContent()) ?? '').trim();
    await page.getByTestId(`urge-${orderId}`).hover();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '电话' }).click();
    await page.getByText('已记录催付').waitFor();
    await rows.first().locator('td', { hasText: '张老板' }).waitFor();
    await page.getByTestId(`order-link-${orderId}`).click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('order-story').waitFor();
    expect(await drawer.getByTestId('order-story').textContent()).toContain('催付 · 张老板 · 电话');
    await drawer.getByRole('tab', { name: '业绩归属' }).click();
    await drawer.getByText('订单未付款，不计业绩').waitFor();
    await harness.shot('orders-01-unpaid-drawer');
    await page.keyboard.press('Escape');
  });

  it('shows the paid-not-shipped order as over 48 h, and the after-sales desk', async () => {
    await page.getByRole('tab', { name: '发货预警' }).click();
    const rows = page.getByTestId('shipping-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('超 48 小时');
    await harness.shot('orders-02-shipping');
    // The desk's settings (订单 › 设置): a wrong time, a negative number and overlapping campaign
    // periods are refused with the field named; a good change is saved.
    await page.getByTestId('shipping-settings').click();
    const card = page.getByTestId('settings-shipping');
    await card.getByTestId('set-cutoff').waitFor();
    await card.getByTestId('set-cutoff').fill('7pm');
    await card.getByTestId('save-shipping').click();
    await card.getByText('应为 HH:mm，如 16:00').waitFor();
    await card.getByTestId('set-cutoff').fill('17:30');
    await card.getByTestId('campaign-add').click();
    await card.getByTestId('campaign-from-0').fill('2026-11-01');
    await card.getByTestId('campaign-to-0').fill('2026-11-11');
    await card.getByTestId('campaign-add').click();
    await card.getByTestId('campaign-from-1').fill('2026-11-10');
    await card.getByTestId('campaign-to-1').fill('2026-11-12');
    await card.getByTestId('save-shipping').click();
    await card.getByText('第 2 行活动时段与第 1 行重叠（2026-11-10 至 2026-11-11）').waitFor();
    await card.getByTestId('campaign-from-1').fill('2026-11-12');
    await card.getByTestId('save-shipping').click();
    await page.getByText('已保存').first().waitFor();
    const unpaid = page.getByTestId('settings-unpaid');
    await unpaid.getByTestId('set-takeoverHours').fill('-1');
    await unpaid.getByTestId('save-unpaid').click();
    await unpaid.getByText('应为 1–168 之间的数').waitFor();
    await unpaid.getByTestId('set-takeoverHours').fill('24');
    await unpaid.getByTestId('set-urgeAfterHours').fill('72');
    await unpaid.getByTestId('save-unpaid').click();
    await unpaid.getByText('催付等待 72 小时不能超过催付范围 3 天').waitFor();
    await harness.shot('orders-03-settings');
    await page.reload();
    await page.getByTestId('settings-shipping').getByTestId('campaign-from-1').waitFor();
    expect(await page.getByTestId('set-cutoff').inputValue()).toBe('17:30');
    expect(await page.getByTestId('campaign-from-1').inputValue()).toBe('2026-11-12');
    await page.getByTestId('menu-aftersales').click();
    await page.waitForURL(`**/s/${STORE.code}/aftersales`);
    await page.getByTestId('aftersales-page').waitFor();
    await page.getByTestId('refund-reasons').waitFor();
    expect(await textOf(page, 'page-title')).toBe('售后');
  });
});
