/**
 * Marketing end to end, as the owner: 双11 created from the platform event → on the calendar with
 * its readiness score → the campaign page lists the readiness checklist → marking the sign-up
 * done raises the score → the coupons and ads tabs open.
 *
 * Needs `npm run build` and Chromium at /usr/bin/chromium (see harness.ts).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../src/imports/test-fixtures';
import { type Harness, startHarness, textOf } from './harness';

const STORE = 'mk-flagship';
let harness: Harness;
let base: string;
let page: Page;
let campaignId = '';
const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  harness = await startHarness();
  ({ base, page } = harness);
  const res = await page.request.post(`${base}/api/v1/setup`, {
    data: {
      organizationName: '杭州测试电子商务有限公司',
      store: { code: STORE, name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '张老板', password: 'boss-pass-2024' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const c = await page.request.post(`${base}/api/v1/stores/${STORE}/marketing/campaigns`, {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      kind: 'official_slot',
      name: '聚划算 主打款',
      phases: [
        { code: 'preheat', name: '预热', from: day(20), to: day(21) },
        { code: 'main', name: '正式', from: day(22), to: day(24) },
      ],
      signUpDeadline: day(15),
      goalGmvFen: 10_000_000,
    },
  });
  expect(c.status(), await c.text()).toBe(201);
  campaignId = ((await c.json()) as { id: string }).id;
});

afterAll(async () => {
  await harness?.close();
});

describe('marketing', () => {
  it('shows the campaign on the calendar with its readiness, and its checklist', async () => {
    await page.goto(`${base}/s/${STORE}/today`);
    await byTestId('menu-marketing').click();
    await page.waitForURL(`**/s/${STORE}/marketing`);
    await byTestId('mk-gantt').waitFor();
    await byTestId(`mk-readiness-${campaignId}`).first().waitFor();
    expect(await textOf(page, 'mk-campaign-table')).toContain('聚划算');
    await harness.shot('marketing-01-calendar');

    await byTestId('mk-campaign-table')
      .getByRole('link', { name: /聚划算/ })
      .click();
    await page.waitForURL(`**/marketing/campaigns/${campaignId}`);
    await byTestId('mk-checklist').locator('tbody tr.ant-table-row').nth(7).waitFor();
    const checklist = await textOf(page, 'mk-checklist');
    for (const item of ['活动报名', '设计需求', '推广预算审批', '客服活动培训'])
      expect(checklist).toContain(item);
    const before = await textOf(page, 'mk-readiness-score');
    await byTestId('mk-done-signup').click();
    await expect.poll(() => textOf(page, 'mk-readiness-score')).not.toBe(before);
    expect(await textOf(page, 'mk-checklist')).toContain('已完成');
    await harness.shot('marketing-02-campaign');

    // Linked items: the check finds no CS roster and no products → gaps shown; stock needs a reason.
    await byTestId('mk-autocheck').click();
    await expect.poll(() => textOf(page, 'mk-checklist')).toContain('自动检查发现缺口');
    await byTestId('mk-done-stock').click();
    await byTestId('mk-reason-stock').fill('商品由供应商直发，已电话确认库存');
    await page
      .getByRole('button', { name: /确\s*定|OK/ })
      .last()
      .click();
    await expect.poll(() => byTestId('mk-done-stock').count()).toBe(0);
    await harness.shot('marketing-02b-autocheck');
  });

  it('opens the coupons and ads tabs', async () => {
    await byTestId('mk-tab-coupons').click();
    await page.waitForURL(`**/marketing/coupons`);
    await byTestId('mk-floor-summary').waitFor();
    expect(await textOf(page, 'mk-floor-summary')).toContain('没有 SKU 低于底线');
    await byTestId('mk-tab-ads').click();
    await page.waitForURL(`**/marketing/ads`);
    await byTestId('mk-ads-plans').waitFor();
    await harness.shot('marketing-03-ads');
  });

  it('names the plan an hourly report shows going offline, and the affiliates per partner', async () => {
    const csrf = (await page.context().cookies()).find((c) => c.name === 'storeops_csrf')?.value ?? '';
    for (const [kind, rel] of [
      ['ads', 'ads/直通车-分时报表-20260301.csv'],
      ['affiliate-orders', 'affiliate-orders/淘客订单-旧版.csv'],
    ]) {
      const up = await page.request.post(`${base}/api/v1/stores/${STORE}/imports?kind=${kind}`, {
        headers: { 'x-csrf-token': csrf },
        multipart: {
          file: { name: rel.split('/')[1], mimeType: 'text/csv', buffer: readFileSync(fixture(rel)) },
        },
      });
      expect(up.status(), await up.text()).toBe(200);
    }
    await page.reload();
    await byTestId('page-marketing-ads').locator('input[type="date"]').fill('2026-03-01');
    await expect.poll(() => textOf(page, 'mk-ads-offline')).toContain('凉席-智能推广');
    expect(await textOf(page, 'mk-ads-offline')).toContain('16:00');
    await byTestId('page-marketing-ads').locator('input[type="date"]').fill('2026-11-01');
    await byTestId('mk-ads-affiliate-partners').waitFor();
    expect(await textOf(page, 'mk-ads-affiliate-partners')).toContain('省钱小达人');
    await harness.shot('marketing-04-affiliates');
  });
});
