/**
 * The import page end to end, as the owner: drop a good Taobao order report and a bad one
 * together → the first is 完成 with its counts, the second 已拒绝 with its rejected row explained →
 * both in the history → the same file again is 重复文件 → allow partial import → a file forced to
 * the wrong kind → the history's filter and drawer → English.
 *
 * Needs `npm run build` and Chromium at /usr/bin/chromium (see harness.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, pickOption, root, startHarness, textOf, visibleText } from './harness';

const STORE = { code: 'tb-flagship', name: '测试旗舰店' };
const GOOD = join(root, 'test/fixtures/taobao-orders/ExportOrderList201911221800.csv');
const BAD = join(root, 'test/fixtures/bad/orders-money-abc.csv');
const OTHER = join(root, 'test/fixtures/taobao-orders/ExportOrderList201707151030.csv');

let harness: Harness;
let base: string;
let page: Page;

const byTestId = (id: string) => page.getByTestId(id);
const text = (id: string) => textOf(page, id);
const row = (seq: number) => byTestId(`upload-row-${seq}`);
/** The rendered text of an upload row's cell, by its test id. */
const cell = (seq: number, testId: string) => visibleText(row(seq).getByTestId(testId).first());

async function drop(...files: string[]) {
  await byTestId('page-imports').locator('input[type="file"]').setInputFiles(files);
}

/** Waits until upload row `seq` has its result, and returns its status code. */
async function finished(seq: number, ms = 30_000): Promise<string> {
  await page.locator(`[data-testid="upload-row-${seq}"][data-phase="finished"]`).waitFor({ timeout: ms });
  return (await row(seq).getByTestId('import-status').getAttribute('data-status')) ?? '';
}

const historyRow = (file: string) =>
  byTestId('import-history').locator('tbody tr.ant-table-row', { hasText: file });

beforeAll(async () => {
  harness = await startHarness();
  ({ base, page } = harness);
  // the set-up answers with the owner's session cookie, which the page shares
  const res = await page.request.post(`${base}/api/v1/setup`, {
    data: {
      organizationName: '杭州测试电子商务有限公司',
      store: { code: STORE.code, name: STORE.name, platform: 'taobao' },
      owner: { login: 'boss', displayName: '张老板', password: 'boss-pass-2024' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
});

afterAll(async () => {
  await harness?.close();
});

describe('the import page', () => {
  it('opens 数据导入 from the menu', async () => {
    await page.goto(`${base}/s/${STORE.code}/today`);
    await byTestId('menu-imports').click();
    await page.waitForURL(`**/s/${STORE.code}/imports`);
    await byTestId('import-dropzone').waitFor();
    expect(await text('page-title')).toBe('数据导入');
    expect(await text('import-kind-select')).toContain('自动识别');
    expect(await byTestId('import-allow-partial').isChecked()).toBe(false);
    await byTestId('import-allow-partial-help').hover();
    await page.getByText('默认只要文件里有一行有错误，整个文件都不导入').waitFor();
    await harness.shot('imports-01-empty');
    await page.mouse.move(0, 0);
  });

  it('imports a good file and refuses a bad one, dropped together', async () => {
    await drop(GOOD, BAD);
    await row(1).waitFor();
    await row(2).waitFor();
    expect(await cell(1, 'upload-file')).toBe('ExportOrderList201911221800.csv');
    expect(await cell(2, 'upload-file')).toBe('orders-money-abc.csv');

    expect(await finished(1)).toBe('done');
    expect(await cell(1, 'import-status')).toBe('完成');
    expect(await cell(1, 'import-kind')).toContain('淘宝/天猫订单报表');
    expect(await cell(1, 'import-kind')).toContain('2019 版');
    const counts = (await cell(1, 'import-counts')).replace(/\s+/g, ' ');
    expect(counts).toContain('行数 3');
    expect(counts).toContain('新增 3');
    expect(counts).toContain('更新 0');
    expect(counts).toContain('未变 0');
    expect(counts).toContain('拒绝 0');

    expect(await finished(2)).toBe('rejected');
    expect(await cell(2, 'import-status')).toBe('已拒绝');
    expect(await cell(2, 'import-kind')).toContain('淘宝/天猫订单报表');
    expect((await cell(2, 'import-counts')).replace(/\s+/g, ' ')).toContain('拒绝 1');
    expect(await cell(2, 'upload-note')).toContain('整个文件未导入');

    // the rejected rows open by themselves: row 3, the column, the value and the reason
    const rejected = byTestId('upload-rejected-2');
    await rejected.waitFor();
    const r3 = rejected.getByTestId('rejected-row-3');
    const cells = await r3.locator('td').allInnerTexts();
    expect(cells.map((c) => c.trim())).toEqual([
      '3',
      '买家实际支付金额',
      'abc',
      expect.stringContaining('不是金额'),
    ]);

    // both files are in the history, newest first
    await historyRow('orders-money-abc.csv').waitFor();
    await historyRow('ExportOrderList201911221800.csv').waitFor();
    expect(await visibleText(historyRow('orders-money-abc.csv'))).toContain('已拒绝');
    expect(await visibleText(historyRow('ExportOrderList201911221800.csv'))).toContain('完成');
    await harness.shot('imports-02-done-and-rejected');

    // the rejected rows export to XLSX
    const download = page.waitForEvent('download');
    await byTestId('upload-rejected-2-export').click();
    expect((await download).suggestedFilename()).toMatch(/^被拒绝的行-orders-money-abc-\d{8}-\d{4}\.xlsx$/);
  });

  it('says 重复文件 for a file imported before', async () => {
    await drop(GOOD);
    expect(await finished(3)).toBe('duplicate');
    expect(await cell(3, 'import-status')).toBe('重复文件');
    expect(await cell(3, 'upload-note')).toContain('之前已经成功导入');
    await expect.poll(() => historyRow('ExportOrderList201911221800.csv').count()).toBe(2);
    await harness.shot('imports-03-duplicate');
  });

  it('imports the good rows with 允许部分导入, and explains a file of the wrong kind', async () => {
    await byTestId('import-allow-partial').click();
    await drop(BAD);
    expect(await finished(4)).toBe('done');
    const counts = (await cell(4, 'import-counts')).replace(/\s+/g, ' ');
    expect(counts).toContain('新增 4');
    expect(counts).toContain('拒绝 1');
    expect(await cell(4, 'upload-note')).toContain('其余的行已导入');
    await byTestId('upload-rejected-4').waitFor();

    await byTestId('import-allow-partial').click();
    await pickOption(page, 'import-kind-select', '商品评价');
    await drop(OTHER);
    expect(await finished(5)).toBe('rejected');
    expect(await cell(5, 'upload-note')).toContain('不是「商品评价」');
    expect(await visibleText(row(5))).toContain('已指定');
    await harness.shot('imports-04-partial-and-wrong-kind');
  });

  it('filters the history and opens a run in a drawer', async () => {
    await expect.poll(() => text('import-history')).toContain('共 5 条');
    await pickOption(page, 'import-filter-status', '已拒绝');
    await expect.poll(() => text('import-history')).toContain('共 2 条');
    await historyRow('orders-money-abc.csv').click();
    const drawer = byTestId('import-drawer');
    await drawer.getByTestId('import-drawer-rejected').waitFor();
    expect(await visibleText(drawer.getByTestId('rejected-row-3'))).toContain('不是金额');
    expect(await visibleText(drawer.getByTestId('import-drawer-note'))).toContain('整个文件未导入');
    await harness.shot('imports-05-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    const download = page.waitForEvent('download');
    await byTestId('import-history-export').click();
    expect((await download).suggestedFilename()).toMatch(/^导入记录-\d{8}-\d{4}\.xlsx$/);
  });

  it('shows the upload progress, then the rows processed so far', async () => {
    // 3,000 orders: the good report's records again and again under new order numbers
    const good = readFileSync(GOOD, 'utf8');
    const header = good.slice(0, good.indexOf('\n') + 1);
    const body = good.slice(header.length).replace(/\n?$/, '\n');
    let big = header;
    for (let k = 1; k <= 1000; k++) {
      big += body.replace(/^="(\d+)"/gm, (_, id: string) => `="${BigInt(id) + BigInt(k) * 1000n}"`);
    }
    await pickOption(page, 'import-kind-select', '自动识别');
    // slow uploads down, and report the run as running for its first polls
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    let running = 4;
    const runUrl = /\/api\/v1\/stores\/[^/]+\/imports\/[^/?]+$/;
    await page.route(runUrl, async (route) => {
      const res = await route.fetch();
      if (res.status() !== 200 || running <= 0) return route.fulfill({ response: res });
      running -= 1;
      const run = await res.json();
      const progressRows = 750 * (4 - running);
      return route.fulfill({ response: res, json: { ...run, status: 'running', progressRows } });
    });
    try {
      await byTestId('page-imports')
        .locator('input[type="file"]')
        .setInputFiles({
          name: 'ExportOrderList201911230900.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(big),
        });
      await page.locator('[data-testid="upload-row-6"][data-phase="uploading"] .ant-progress').waitFor();
      await expect.poll(() => cell(6, 'upload-phase'), { timeout: 15_000 }).toMatch(/上传中\s*[1-9]\d?%/);
      await harness.shot('imports-07-uploading');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await page
        .locator('[data-testid="upload-row-6"][data-phase="processing"]')
        .waitFor({ timeout: 30_000 });
      await expect.poll(() => cell(6, 'upload-phase')).toMatch(/处理中\s*已处理 [\d,]+ 行/);
      await harness.shot('imports-08-processing');
      expect(await finished(6)).toBe('done');
      const counts = (await cell(6, 'import-counts')).replace(/\s+/g, ' ');
      expect(counts).toContain('行数 3,000');
      expect(counts).toContain('新增 3,000');
    } finally {
      await page.unroute(runUrl);
      await cdp.detach().catch(() => undefined);
    }
  });

  it('speaks English, reasons included', async () => {
    await byTestId('lang-en-US').click();
    await expect.poll(() => text('page-title')).toBe('Data import');
    expect(await cell(2, 'import-status')).toBe('Rejected');
    expect(await cell(1, 'import-kind')).toContain('Taobao order report');
    expect(await visibleText(byTestId('upload-rejected-2').getByTestId('rejected-row-3'))).toContain(
      'is not an amount of money',
    );
    expect(await cell(5, 'upload-note')).toContain('not a product reviews');
    await harness.shot('imports-06-english');
    await byTestId('lang-zh-CN').click();
  });
});
