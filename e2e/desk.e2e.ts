/**
 * The web desk end to end: first-run set-up → owner → a second store → store switch → a pre-sale
 * CS person → log in as them → their menu shows only what cs_presale may read → English.
 *
 * Needs `npm run build` (the server also rebuilds dist/web when web/ is newer) and
 * Chromium at /usr/bin/chromium. Screenshots go to e2e/artifacts/ (git-ignored).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, pickOption as pick, startHarness, textOf as text } from './harness';

const OWNER = { login: 'boss', name: '张老板', password: 'boss-pass-2024' };
const CS = { login: 'xiaomei', name: '小美', password: 'xiaomei-pass-1' };
const FIRST = { code: 'tb-flagship', name: '测试旗舰店' };
const SECOND = { code: 'jd-outlet', name: '京东专营店' };

/** What cs_presale may read (the server's permission matrix), as menu keys. */
const CS_PRESALE_MENU = [
  'today',
  'orders',
  'aftersales',
  'service',
  'inventory',
  'catalog',
  'marketing',
  'work',
  'crm',
  'notify',
  'team',
].sort();

let harness: Harness;
let base: string;
let page: Page;

const shot = (name: string) => harness.shot(name);
const byTestId = (id: string) => page.getByTestId(id);
const textOf = (id: string) => text(page, id);
const pickOption = (selectTestId: string, label: string) => pick(page, selectTestId, label);

async function menuKeys(): Promise<string[]> {
  const ids = await page
    .locator('[data-testid="side-menu"] [data-testid^="menu-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.slice('menu-'.length)).sort();
}

beforeAll(async () => {
  harness = await startHarness();
  ({ base, page } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('the web desk', () => {
  it('sets up the organisation and logs the owner in on Today', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL('**/setup');
    await byTestId('setup-form').waitFor();

    // client-side rules: a bad store code and a short password are refused before sending
    await byTestId('setup-store-code').fill('Bad Code');
    await byTestId('setup-owner-password').fill('short');
    await byTestId('setup-submit').click();
    await page.getByText('2–32 位小写字母').waitFor();
    await page.getByText('密码至少 8 位').waitFor();
    await shot('01-setup-validation');

    await byTestId('setup-org').fill('杭州测试电子商务有限公司');
    await byTestId('setup-store-code').fill(FIRST.code);
    await byTestId('setup-store-name').fill(FIRST.name);
    await byTestId('setup-owner-login').fill(OWNER.login);
    await byTestId('setup-owner-name').fill(OWNER.name);
    await byTestId('setup-owner-password').fill(OWNER.password);
    await byTestId('setup-owner-password-confirm').fill(OWNER.password);
    await byTestId('setup-submit').click();

    await page.waitForURL(`**/s/${FIRST.code}/today`);
    await expect.poll(() => textOf('today-title')).toMatch(/^今日 · .+ · 测试旗舰店$/);
    await expect.poll(() => textOf('role-tag-owner')).toBe('老板');
    // the owner sees every module and the org admin entries
    await expect
      .poll(menuKeys)
      .toEqual(expect.arrayContaining(['today', 'metrics', 'finance', 'pay', 'team', 'stores', 'audit']));
    await shot('02-today-owner');
  });

  it('creates a second store and switches to it', async () => {
    await byTestId('menu-stores').click();
    await page.waitForURL('**/admin/stores');
    await byTestId('store-create').click();
    await byTestId('store-code').fill(SECOND.code);
    await byTestId('store-name').fill(SECOND.name);
    await pickOption('store-platform', '京东');
    await byTestId('store-submit').click();
    await byTestId(`store-row-${SECOND.code}`).waitFor();
    await shot('03-stores');

    await byTestId('store-switcher').click();
    await byTestId(`store-option-${SECOND.code}`).click();
    await page.waitForURL(`**/s/${SECOND.code}/today`);
    await expect.poll(() => textOf('current-store')).toBe(SECOND.name);
    await expect.poll(() => textOf('today-title')).toContain(SECOND.name);
    await shot('04-switched-store');

    // back to the first store; the store is in the URL, so the page link is shareable
    await byTestId('store-switcher').click();
    await byTestId(`store-option-${FIRST.code}`).click();
    await page.waitForURL(`**/s/${FIRST.code}/today`);
  });

  it('creates a pre-sale CS person in the first store', async () => {
    await byTestId('menu-team').click();
    await byTestId('menu-team-people').click();
    await page.waitForURL(`**/s/${FIRST.code}/team/people`);
    await byTestId(`person-row-${OWNER.login}`).waitFor();

    await byTestId('person-create').click();
    await byTestId('person-login').fill(CS.login);
    await byTestId('person-display-name').fill(CS.name);
    await byTestId('person-password').fill(CS.password);
    await pickOption('person-cs-level', '初级');
    await pickOption('membership-roles-0', '售前客服');
    await page.keyboard.press('Escape');
    await shot('05-person-drawer');
    await byTestId('person-submit').click();
    await byTestId(`person-row-${CS.login}`).waitFor();
    await expect.poll(() => textOf(`person-row-${CS.login}`)).toContain('售前客服');
    await shot('06-people');

    // every list exports to XLSX (exceljs is loaded on demand)
    const download = page.waitForEvent('download');
    await byTestId('export-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^人员-\d{8}-\d{4}\.xlsx$/);
  });

  it('manages groups, reads the audit log, and creates an API token', async () => {
    await byTestId('menu-team-groups').click();
    await page.waitForURL(`**/s/${FIRST.code}/team/groups`);
    await byTestId('group-create').click();
    await byTestId('group-name').fill('售前客服组');
    await pickOption('group-kind', '客服组');
    await pickOption('group-leader', CS.name);
    await byTestId('group-submit').click();
    await byTestId('group-row-售前客服组').waitFor();
    await expect.poll(() => textOf('group-row-售前客服组')).toContain(CS.name);
    await shot('07-groups');

    await byTestId('menu-audit').click();
    await page.waitForURL('**/admin/audit');
    await page.locator('[data-testid^="audit-row-"]').first().waitFor();
    expect(await page.locator('[data-testid^="audit-row-"]').count()).toBeGreaterThanOrEqual(4);
    await shot('08-audit');

    await byTestId('user-menu').click();
    await byTestId('user-menu-tokens').click();
    await page.waitForURL('**/account/tokens');
    await byTestId('token-create').click();
    await byTestId('token-name').fill('每日导入脚本');
    await byTestId('token-submit').click();
    await byTestId('token-value').waitFor();
    expect((await textOf('token-value')).trim().length).toBeGreaterThan(20);
    await shot('09-token-created');
    await byTestId('token-created-close').click();
    await byTestId('token-row-每日导入脚本').waitFor();

    await byTestId('user-menu').click();
    await byTestId('user-menu-account').click();
    await page.waitForURL('**/account');
    await byTestId('profile-form').waitFor();
    await shot('10-account');
  });

  it('logs out and in as the CS person, whose menu shows only what cs_presale may read', async () => {
    await byTestId('user-menu').click();
    await byTestId('user-menu-logout').click();
    await page.waitForURL('**/login');

    await byTestId('login-login').fill(CS.login);
    await byTestId('login-password').fill('wrong-password');
    await byTestId('login-submit').click();
    await byTestId('login-error').waitFor();

    await byTestId('login-password').fill(CS.password);
    await byTestId('login-submit').click();
    await page.waitForURL(`**/s/${FIRST.code}/today`);
    await expect.poll(() => textOf('role-tag-cs_presale')).toBe('售前客服');

    await expect.poll(menuKeys).toEqual(CS_PRESALE_MENU);
    for (const hidden of ['metrics', 'finance', 'pay', 'imports', 'stores', 'audit']) {
      expect(await byTestId(`menu-${hidden}`).count(), hidden).toBe(0);
    }
    // Team shows groups only: listing people is for managers
    await byTestId('menu-team').click();
    await byTestId('menu-team-groups').waitFor();
    expect(await byTestId('menu-team-people').count()).toBe(0);
    await shot('11-cs-today');

    // a module the role may not read is refused even by URL
    await page.goto(`${base}/s/${FIRST.code}/finance`);
    await byTestId('forbidden').waitFor();
    // a module not built yet says what it will do
    await byTestId('menu-crm').click();
    await byTestId('module-not-built').waitFor();
    await shot('12-cs-crm-not-built');
  });

  it('switches to English: menu labels in English, kept after a reload', async () => {
    await byTestId('lang-en-US').click();
    await expect.poll(() => textOf('menu-orders')).toBe('Orders');
    await expect.poll(() => textOf('menu-today')).toBe('Today');
    await expect.poll(() => textOf('menu-aftersales')).toBe('After-sales');
    await shot('13-cs-english');

    await page.reload();
    await byTestId('menu-orders').waitFor();
    await expect.poll(() => textOf('menu-orders')).toBe('Orders');
    await byTestId('menu-today').click();
    await expect.poll(() => textOf('today-title')).toMatch(/^Today · /);
    await shot('14-cs-today-english');
  });

  it('collapses the menu into a drawer on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await byTestId('menu-toggle').waitFor();
    // the layout re-renders after the resize: wait for the sider to go rather than race it
    await expect.poll(() => page.locator('.ant-layout-sider').count()).toBe(0);
    await byTestId('menu-toggle').click();
    await byTestId('menu-orders').waitFor();
    await shot('15-phone-menu');
  });

  it('sends the person to the login page when the session is gone', async () => {
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.context().clearCookies();
    await byTestId('menu-team').click();
    await byTestId('menu-team-groups').click();
    await page.waitForURL(/\/login\?redirect=.*expired=1/);
    await page.getByText('Your session has expired').waitFor();
    await shot('16-session-expired');
  });
});
