/**
 * The customer-service page as the owner: a chat log imported → the 14:30 check shows each agent's
 * KPIs with their definitions → the quality queue lists the hits, one is confirmed → the month's
 * fines show the slow reply with its session as evidence.
 *
 * Needs `npm run build` and Chromium at /usr/bin/chromium (see harness.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, root, startHarness, visibleText } from './harness';

const STORE = 'xl-home';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const res = await h.page.request.post(`${h.base}/api/v1/setup`, {
    data: {
      organizationName: '夏凉家居',
      store: { code: STORE, name: '夏凉家居旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '张老板', password: 'boss-pass-2024' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const csrf = (await h.page.context().cookies()).find((c) => c.name === 'storeops_csrf')?.value ?? '';
  const headers = { 'x-csrf-token': csrf };
  const file = join(root, 'test/fixtures/chat-log/chat-log-20260301.csv');
  const up = await h.page.request.post(`${h.base}/api/v1/stores/${STORE}/imports?kind=chat-log`, {
    headers,
    multipart: { file: { name: 'chat-log-20260301.csv', mimeType: 'text/csv', buffer: readFileSync(file) } },
  });
  expect(up.status(), await up.text()).toBe(200);
  const q = await h.page.request.post(`${h.base}/api/v1/stores/${STORE}/service/quality/run`, {
    headers,
    data: { from: '2026-03-01', to: '2026-03-01', percent: 100 },
  });
  expect(await q.json()).toMatchObject({ sampled: 2 });
}, 120_000);
afterAll(async () => h?.close());

describe('the customer-service page', () => {
  it('shows the CS check, the quality queue and the fines with evidence', async () => {
    const { page, base } = h;
    await page.goto(`${base}/s/${STORE}/today`);
    await page.getByTestId('menu-service').click();
    await page.waitForURL(`**/s/${STORE}/service`);
    const agents = page.getByTestId('check-agents');
    await agents.getByText('阿May').waitFor();
    expect(await page.getByTestId('check-date').inputValue()).toBe('2026-03-01');
    const rowOf = (name: string) => agents.locator('tbody tr.ant-table-row', { hasText: name });
    // 小周 answered after 3 min: first response 180.0 s, one slow session.
    expect(await visibleText(rowOf('小周'))).toContain('180.0');
    // Every number has its definition: 客服销售额 is the orders attribution's credit.
    await page.locator('.ant-statistic-title', { hasText: '客服销售额' }).locator('.anticon').hover();
    await page.locator('.ant-tooltip', { hasText: '订单归属规则' }).waitFor();
    await h.shot('service-01-check');

    await page.getByRole('tab', { name: '质检' }).click();
    const hits = page.getByTestId('hits');
    await hits.getByText('回复慢').waitFor();
    await hits.getByText('问题未回复').waitFor();
    await hits.locator('tbody tr.ant-table-row', { hasText: '回复慢' }).getByTestId('hit-confirm').click();
    await hits.getByText('回复慢').waitFor({ state: 'detached' });
    await h.shot('service-02-quality');

    await page.getByRole('tab', { name: '罚款' }).click();
    await page.getByTestId('month').fill('2026-03');
    const fines = page.getByTestId('fines');
    await fines.getByText('首次响应 >2 分钟').waitFor();
    // The fine explains its rule (booked on the 4th slow session of the month).
    await fines.getByText('首次响应 >2 分钟').hover();
    await page.locator('.ant-tooltip', { hasText: '第 4 次' }).waitFor();
    await fines.locator('.ant-table-row-expand-icon').first().click();
    await fines.getByText('S20260301-0002').waitFor();
    await h.shot('service-03-fines');

    // Settings: a rule book whose two late rules leave a gap is rejected, the server's message in the form.
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByTestId('agents-table').getByText('阿May').first().waitFor();
    await page.getByTestId('new-rulebook').click();
    const form = page.getByTestId('rulebook-form');
    const over = form
      .locator(
        '[data-testid="rule-late_major-overMinutes"] input, input[data-testid="rule-late_major-overMinutes"]',
      )
      .first();
    await over.fill('15');
    await page.getByTestId('save-rulebook').click();
    const err = page.getByTestId('rulebook-error');
    await err.waitFor();
    expect(await err.innerText()).toContain('迟到规则有空档');
    await h.shot('service-04-settings');
  }, 90_000);
});
