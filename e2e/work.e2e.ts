/**
 * The team desk end to end: the manager assigns a task, the assistant sees it on Today and raises
 * a difficulty, the difficulty waits on its first step, the (test-mode) server clock moves past the
 * step's working time, it escalates, and the manager sees it waiting on them and solves it.
 */
import type { APIResponse, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, pickOption, startHarness, textOf, visibleText } from './harness';

const STORE = 'shop';
// Wednesday 2026-11-25 10:00 in Shanghai.
const START = '2026-11-25T02:00:00Z';
let harness: Harness;
let base: string;
let page: Page;
let ownerCsrf = '';
const byTestId = (id: string) => page.getByTestId(id);
const ok = async (r: APIResponse) => {
  expect(r.status(), await r.text()).toBeLessThan(300);
  return r.json();
};

async function loginAs(login: string) {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await byTestId('login-login').fill(login);
  await byTestId('login-password').fill('pass-1234');
  await byTestId('login-submit').click();
  await page.waitForURL(`**/s/${STORE}/today`);
}

beforeAll(async () => {
  harness = await startHarness({
    env: { STOREOPS_TEST_MODE: '1', STOREOPS_TEST_CLOCK: START, STOREOPS_SCHEDULER: 'off' },
  });
  ({ base, page } = harness);
  const setup = await page.request.post(`${base}/api/v1/setup`, {
    data: {
      organizationName: '杭州测试电子商务有限公司',
      store: { code: STORE, name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'pass-1234' },
    },
  });
  await ok(setup);
  ownerCsrf = (await page.context().cookies()).find((c) => c.name === 'storeops_csrf')!.value;
  const person = (login: string, displayName: string, role: string) =>
    page.request
      .post(`${base}/api/v1/people`, {
        headers: { 'x-csrf-token': ownerCsrf },
        data: {
          login,
          displayName,
          password: 'pass-1234',
          memberships: [{ storeCode: STORE, roles: [role] }],
        },
      })
      .then(ok);
  await person('zhang', '张店长', 'manager');
  await person('li', '李运营', 'ops_assistant');
  await person('sun', '孙推广', 'marketing');
  // A chain for the operations group: marketing (1 h of working time), then the manager.
  await ok(
    await page.request.post(`${base}/api/v1/stores/${STORE}/escalation-chains`, {
      headers: { 'x-csrf-token': ownerCsrf },
      data: {
        key: 'ops_help',
        group: 'operations',
        name: '运营求助',
        condition: '',
        steps: [{ target: 'marketing', hours: 1 }],
      },
    }),
  );
  await ok(
    await page.request.post(`${base}/api/v1/stores/${STORE}/checklists/generate`, {
      headers: { 'x-csrf-token': ownerCsrf },
      data: {},
    }),
  );
}, 240_000);

afterAll(async () => {
  await harness?.close();
});

describe('the team desk', () => {
  it('the manager assigns a task to the assistant from Today', async () => {
    await loginAs('zhang');
    await byTestId('today-routine')
      .getByText('数据诊断：本店昨日数据、竞品、行业大盘', { exact: true })
      .waitFor();
    expect(await textOf(page, 'today-now-next')).toContain('数据诊断');
    await byTestId('today-new-task').click();
    await byTestId('task-form-title').fill('整理双12 活动清单');
    await pickOption(page, 'task-form-owner', '李运营');
    // Under load the dropdown's click can land before the list is drawn: see the owner chosen.
    await expect.poll(() => textOf(page, 'task-form-owner')).toContain('李运营');
    await byTestId('task-form-submit').click();
    await page.getByText('任务已创建').waitFor();
    await harness.shot('work-01-manager-today');
  });

  it('the assistant sees it on Today and raises a difficulty on it', async () => {
    await loginAs('li');
    const task = byTestId('today-tasks').getByText('整理双12 活动清单');
    await task.waitFor();
    await expect.poll(() => textOf(page, 'notify-count')).toContain('1');
    await task.click();
    await byTestId('task-drawer').getByText('记录').waitFor();
    // the assistant attaches the list they started (file metadata with its link)
    await byTestId('attach-name').fill('双12活动清单.xlsx');
    await byTestId('attach-url').fill('https://pan.example.com/s/list');
    await byTestId('attach-add').click();
    await byTestId('task-attachments').getByText('双12活动清单.xlsx').waitFor();
    await byTestId('task-raise').click();
    await pickOption(page, 'raise-chain', '运营求助');
    await byTestId('raise-description').fill('双12 活动商品太多，一个人整理不完');
    await byTestId('raise-submit').click();
    await page.getByText('已上报，等待处理').waitFor();
    await page.keyboard.press('Escape');
    await byTestId('today-escalations').getByText('等待 孙推广（推广组）').waitFor();
    await harness.shot('work-02-assistant-raised');
  });

  it('after the allowed working time it escalates, and the manager sees it waiting on them', async () => {
    // 10:00 + 61 min: the marketing step (1 h) ran out at 11:00
    const moved = await ok(
      await page.request.post(`${base}/api/v1/test/clock`, { data: { advanceMinutes: 61 } }),
    );
    expect(moved.escalated).toBe(1);
    await loginAs('zhang');
    const waiting = byTestId('today-escalations');
    await waiting.getByText('整理双12 活动清单').waitFor();
    expect(await visibleText(waiting)).toContain('来自 李运营');
    expect(await visibleText(waiting)).toContain('第 2/2 步');
    expect(await textOf(page, 'today-team')).toContain('升级中的困难（1）');
    await harness.shot('work-03-manager-escalated');
    // every step is recorded: raised → moved up when marketing's hour ran out
    await waiting.locator('[data-testid^="esc-story-"]').first().click();
    await byTestId('esc-step-raised').waitFor();
    await byTestId('esc-step-moved').waitFor();
    await harness.shot('work-04-escalation-steps');
    await page.keyboard.press('Escape');
    await waiting.getByRole('button', { name: '已解决' }).click();
    await waiting.getByText('整理双12 活动清单').waitFor({ state: 'detached' });
    // the chain the store added is one of the manager's settings
    await page.goto(`${base}/s/${STORE}/work/setup`);
    await page.getByRole('tab', { name: '升级链' }).click();
    await page.getByText('运营求助').waitFor();
  });

  it('hands over open items: the receiver sees them on Today until each is closed', async () => {
    await loginAs('li');
    await byTestId('today-write-handover').click();
    await pickOption(page, 'handover-to', '张店长');
    await byTestId('handover-open').fill('买家 tb_yy 等待换尺码\n2 个订单付款后改了地址');
    await byTestId('handover-submit').click();
    await page.getByText('交接已发出').waitFor();

    await loginAs('zhang');
    const received = byTestId('today-handover');
    await received.getByText('买家 tb_yy 等待换尺码').waitFor();
    await received.getByText('2 个订单付款后改了地址').waitFor();
    // antd spaces two-character Chinese button labels (关 闭): find the button by role.
    await received
      .locator('.ant-list-item', { hasText: '买家 tb_yy 等待换尺码' })
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await expect.poll(() => received.getByText('买家 tb_yy 等待换尺码').count()).toBe(0);
    // The other item is still open after a reload: nothing open is lost.
    await page.reload();
    await received.getByText('2 个订单付款后改了地址').waitFor();
    expect(await received.getByText('买家 tb_yy 等待换尺码').count()).toBe(0);
    await harness.shot('work-05-handover-received');
  });

  it('works on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/s/${STORE}/today`);
    await byTestId('today-routine').waitFor();
    await harness.shot('work-06-phone');
  });
});
