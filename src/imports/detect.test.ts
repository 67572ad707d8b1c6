import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from './adapter';
import { bindKind, detectKind, isKnownHeaderRow } from './detect';
import { ADAPTERS } from './kinds';
import { readTable } from './read/table';
import { fixture } from './test-fixtures';

const SAMPLES: [string, string, string][] = [
  ['taobao-orders/ExportOrderList201707151030.csv', 'taobao-orders', '2017'],
  ['taobao-orders/ExportOrderList201911221800.csv', 'taobao-orders', '2019'],
  ['taobao-orders/ExportOrderList202603011200.xlsx', 'taobao-orders', 'current'],
  ['taobao-order-items/ExportOrderDetailList201707151030.csv', 'taobao-order-items', 'old'],
  ['taobao-order-items/ExportOrderDetailList202603011200.xlsx', 'taobao-order-items', 'current'],
  ['taobao-order-items/ExportOrderDetailList202603021200.csv', 'taobao-order-items', 'current'],
  ['taobao-refunds/退款报表-2017旧版.csv', 'taobao-refunds', 'older'],
  ['taobao-refunds/退款报表-2026新版.xlsx', 'taobao-refunds', 'newer'],
  ['reviews/生意参谋-商品评价-20260301.csv', 'reviews', 'sycm'],
  ['reviews/storeops-review-template.csv', 'reviews', 'storeops-template'],
  ['reviews/storeops-review-template.xlsx', 'reviews', 'storeops-template'],
  ['store-metrics/生意参谋-店铺整体-20260301-20260303.csv', 'store-metrics', 'sycm'],
  ['store-metrics/生意参谋-店铺整体-20260304.xlsx', 'store-metrics', 'sycm'],
  ['product-metrics/生意参谋-商品效果-20260301.csv', 'product-metrics', 'sycm'],
  ['industry-metrics/生意参谋-市场-床上用品-20260301.csv', 'industry-metrics', 'sycm'],
  ['competitor-metrics/生意参谋-竞品-20260301.csv', 'competitor-metrics', 'sycm'],
  ['ads/直通车-计划报表-20260301.csv', 'ads', 'ztc'],
  ['ads/直通车-关键词报表-20260301.csv', 'ads', 'ztc'],
  ['ads/引力魔方-单元报表-20260301.xlsx', 'ads', 'ylmf-wxt'],
  ['ads/万相台-货品加速-20260301.csv', 'ads', 'ylmf-wxt'],
  ['ads/直通车-分时报表-20260301.csv', 'ads', 'ztc'],
  ['chat-log/chat-log-20260301.csv', 'chat-log', 'storeops-v1'],
  ['chat-log/chat-log-20260301.xlsx', 'chat-log', 'storeops-v1'],
  ['chat-log/chat-log-20260302.jsonl', 'chat-log', 'storeops-v1'],
  ['cs-daily/赤兔-客服绩效-20260301.csv', 'cs-daily', 'chitu'],
  ['cs-daily/赤兔-客服绩效-20260302.xlsx', 'cs-daily', 'chitu'],
  ['cs-attendance/客服遵时率-202603.csv', 'cs-attendance', 'zunshilv'],
  ['cs-attendance/客服遵时率-20260301-20260315.xlsx', 'cs-attendance', 'zunshilv'],
  ['stock/库存快照-20260301.csv', 'stock', 'storeops-v1'],
  ['stock/库存快照-20260302.xlsx', 'stock', 'storeops-v1'],
  ['jd-orders/京东订单导出-20260301.csv', 'jd-orders', 'pop'],
  ['affiliate-orders/淘宝联盟-推广订单明细-20261101.csv', 'affiliate-orders', 'current'],
  ['affiliate-orders/淘客订单-旧版.csv', 'affiliate-orders', 'older'],
  ['traffic-sources/生意参谋-店铺来源-20260301.csv', 'traffic-sources', 'sycm'],
  ['traffic-sources/生意参谋-商品来源-20260301.xlsx', 'traffic-sources', 'sycm'],
  ['traffic-sources/生意参谋-竞品入店来源-20260301.csv', 'traffic-sources', 'sycm'],
];

async function headersOf(rel: string): Promise<string[]> {
  const t = await readTable(fixture(rel));
  await t.close();
  return t.headers;
}

describe('telling which platform file this is', () => {
  it.each(SAMPLES)('%s is %s (%s)', async (rel, kind, version) => {
    const headers = await headersOf(rel);
    const d = detectKind(rel, headers);
    expect(d.kind).toBe(kind);
    expect(d.version).toBe(version);
    expect(d.confidence).toBeGreaterThanOrEqual(0.6);
    // the headers alone are enough, without the file name
    expect(detectKind(undefined, headers).kind).toBe(kind);
  });

  it('covers every kind with a sample', () => {
    expect(new Set(SAMPLES.map((s) => s[1]))).toEqual(new Set(IMPORT_KINDS));
  });

  it('gains confidence from the ExportOrderList / ExportOrderDetailList file names', async () => {
    const headers = await headersOf('taobao-orders/ExportOrderList201707151030.csv');
    const named = detectKind('ExportOrderList201707151030.csv', headers);
    const anonymous = detectKind('upload.csv', headers);
    expect(named.confidence).toBeGreaterThan(anonymous.confidence);
    expect(
      ADAPTERS['taobao-order-items'].fileNamePatterns.some((p) => p.test('ExportOrderDetailList2026.csv')),
    ).toBe(true);
    expect(
      ADAPTERS['taobao-orders'].fileNamePatterns.some((p) => p.test('ExportOrderDetailList2026.csv')),
    ).toBe(false);
  });

  it('trusts the headers over a misleading file name', async () => {
    const rel = 'bad/ExportOrderList202603021200-actually-refunds.csv';
    expect(detectKind(rel, await headersOf(rel)).kind).toBe('taobao-refunds');
  });

  it('finds nothing in headers of no known kind, and says what came closest', () => {
    const d = detectKind('x.csv', ['名称', '数量', '备注']);
    expect(d.kind).toBeNull();
    expect(d.candidates).toHaveLength(IMPORT_KINDS.length);
    expect(isKnownHeaderRow(['名称', '数量'])).toBe(false);
    expect(isKnownHeaderRow(['订单编号', '订单状态', '订单创建时间', '买家实际支付金额'])).toBe(true);
  });
});

describe('refusing a file uploaded as the wrong kind', () => {
  it('says a refund report uploaded as orders looks like a refund report', async () => {
    const headers = await headersOf('taobao-refunds/退款报表-2017旧版.csv');
    expect(() => bindKind('taobao-orders', headers)).toThrow(
      expect.objectContaining({
        code: 'import.wrong_kind',
        params: expect.objectContaining({ detectedKind: 'taobao-refunds', detected: '淘宝/天猫退款报表' }),
        message: expect.stringContaining('这个文件看起来是「淘宝/天猫退款报表」'),
      }),
    );
  });

  it('says an item report uploaded as orders looks like an item report (even though it has 主订单编号)', async () => {
    const headers = await headersOf('taobao-order-items/ExportOrderDetailList202603011200.xlsx');
    expect(() => bindKind('taobao-orders', headers)).toThrow(
      expect.objectContaining({ code: 'import.wrong_kind' }),
    );
  });

  it('says an order report uploaded as items looks like an order report', async () => {
    const headers = await headersOf('taobao-orders/ExportOrderList202603011200.xlsx');
    expect(() => bindKind('taobao-order-items', headers)).toThrow(
      expect.objectContaining({
        code: 'import.wrong_kind',
        params: expect.objectContaining({ detectedKind: 'taobao-orders' }),
      }),
    );
  });

  it.each([
    ['store-metrics', 'product-metrics/生意参谋-商品效果-20260301.csv'],
    ['cs-daily', 'cs-attendance/客服遵时率-202603.csv'],
    ['jd-orders', 'taobao-orders/ExportOrderList201707151030.csv'],
    ['chat-log', 'reviews/storeops-review-template.csv'],
  ] as const)('refuses %s for %s', async (kind, rel) => {
    const headers = await headersOf(rel);
    expect(() => bindKind(kind, headers)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^import\.(wrong_kind|missing_columns)$/) }),
    );
  });

  it('lists the missing columns when the file is of the right kind but incomplete', async () => {
    const headers = await headersOf('bad/orders-missing-columns.csv');
    expect(() => bindKind('taobao-orders', headers)).toThrow(
      expect.objectContaining({
        code: 'import.missing_columns',
        params: expect.objectContaining({ columns: '订单状态、买家实际支付金额' }),
      }),
    );
  });
});
