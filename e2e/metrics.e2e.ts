/**
 * 数据诊断 end to end, as the owner: a small simulated store's files uploaded through the import
 * API (each import recomputes the rollups) → the report of the last day: headline cards with
 * values and ▲▼, findings, charts, products → a product's drill-down → a day without data says so.
 *
 * Needs `npm run build` and Chromium at /usr/bin/chromium (see harness.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateStore } from '../src/simulator';
import { type Harness, startHarness, textOf } from './harness';

const END = '2026-09-30';
const KINDS = new Set([
  'taobao-orders',
  'taobao-order-items',
  'taobao-refunds',
  'store-metrics',
  'product-metrics',
  'industry-metrics',
  'traffic-sources',
]);
let harness: Harness;
let base: string;
let page: Page;
const tmp = mkdtempSync(join(tmpdir(), 'storeops-e2e-metrics-'));

beforeAll(async () => {
  harness = await startHarness();
  ({ base, page } = harness);
  const res = await page.request.post(`${base}/api/v1/setup`, {
    data: {
      organizationName: '演示公司',
      store: { code: 'demo', name: '测试旗舰店', platform: 'tmall' },
      owner: { login: 'boss', displayName: '王老板', password: 'boss-pass-2024' },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'storeops_csrf')?.value ?? '';
  const sim = await simulateStore({ outDir: tmp, days: 45, seed: 20261124, scale: 'small', endDate: END });
  for (const f of sim.files) {
    if (!KINDS.has(f.kind) || (f.kind === 'taobao-orders' && f.path.endsWith('.xlsx'))) continue;
    const up = await page.request.post(`${base}/api/v1/stores/demo/imports`, {
      headers: { 'x-csrf-token': csrf },
      multipart: {
        file: { name: basename(f.path), mimeType: 'application/octet-stream', buffer: readFileSync(f.path) },
      },
    });
    expect(up.status(), `${f.path}: ${await up.text()}`).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await harness?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('数据诊断', () => {
  it('shows the day with comparisons, findings, charts and products; drills into a product', async () => {
    await page.goto(`${base}/s/demo/metrics/report?date=${END}`);
    await page.getByTestId('page-metrics').waitFor();
    const paid = await textOf(page, 'metric-value-paidAmount');
    expect(paid).toMatch(/^¥[\d,]+\.\d\d$/);
    expect(await textOf(page, 'metric-value-visitors')).toMatch(/^[\d,]+$/);
    expect(await textOf(page, 'metric-card-conversion')).toMatch(/[▲▼]/);
    await page.getByTestId('metrics-findings').waitFor();
    // ECharts loads lazily: wait for the charts to draw.
    await page.locator('canvas').nth(2).waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    // 流量来源: the store's sources against their usual day (the simulator writes the file).
    await page.getByTestId('metrics-sources-table').waitFor();
    expect(await textOf(page, 'metrics-sources-table')).toContain('手淘搜索');
    await harness.shot('metrics-report');
    await page.locator('.ant-table-row a').first().click();
    await page.getByTestId('product-drill').waitFor();
    await page.getByTestId('product-sources').waitFor();
    await harness.shot('metrics-product-drill');
    await page.keyboard.press('Escape');
  });

  it('says "no data" for a day without facts, never 0 %', async () => {
    await page.goto(`${base}/s/demo/metrics/report?date=2020-01-01`);
    await page.getByTestId('metrics-no-data').waitFor();
    expect(await textOf(page, 'metric-value-conversion')).toBe('无数据');
    await page.getByTestId('metrics-sources-empty').waitFor();
  });
});
