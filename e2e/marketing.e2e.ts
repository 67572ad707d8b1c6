/**
 * Marketing end to end, as the owner: 双11 created from the platform event → on the calendar with
 * its readiness score → the campaign page lists the readiness checklist → marking the sign-up
 * done raises the score → the coupons and ads tabs open.
 *
 * Needs `npm run build` and Chromium at /usr/bin/chromium (see harness.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
