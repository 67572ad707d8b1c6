import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { adChannelOf, hourOf } from './ads';

describe('paid-ads reports', () => {
  it('reads a 直通车 plan report (花费, 展现量, 投入产出比)', async () => {
    const { file, records, rejects } = await parseFixture('ads/直通车-计划报表-20260301.csv', { as: 'ads' });
    expect(file.kind).toBe('ads');
    expect(file.version.id).toBe('ztc');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      channel: 'ztc',
      level: 'plan',
      date: '2026-03-01',
      planId: '3001001',
      impressions: 12800,
      clicks: 384,
      spendFen: 26880,
      clickRate: 300,
      averageCpcFen: 70,
      gmvFen: 185100,
      roi: 68900,
      clickConversionRate: 313,
    });
    expect(records[1]).toMatchObject({ gmvFen: 0, roi: 0 });
  });

  it('reads a 直通车 keyword report as keyword-level rows with 平均展现排名', async () => {
    const { records } = await parseFixture('ads/直通车-关键词报表-20260301.csv', { as: 'ads' });
    expect(records.map((r) => [r.level, r.keyword, r.unitId, r.averageRank])).toEqual([
      ['keyword', '冰丝凉席', '4001001', 3.4],
      ['keyword', '凉席1.8米', '4001001', 5.1],
    ]);
    expect(records[0].platformId).not.toBe(records[1].platformId);
  });

  it('reads a 引力魔方 unit XLSX (消耗 → spend, 曝光量 → impressions, roi)', async () => {
    const { file, records, rejects } = await parseFixture('ads/引力魔方-单元报表-20260301.xlsx', {
      as: 'ads',
    });
    expect(file.version.id).toBe('ylmf-wxt');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      channel: 'ylmf',
      level: 'unit',
      unitName: '相似店铺人群',
      impressions: 88000,
      spendFen: 31050,
      clickRate: 70,
      cpmFen: 353,
      roi: 79500,
    });
  });

  it('reads a 万相台 report (投资回报率) and takes the channel from the file name', async () => {
    const { records } = await parseFixture('ads/万相台-货品加速-20260301.csv', { as: 'ads' });
    expect(records[0]).toMatchObject({
      channel: 'wxt',
      planId: '7003001',
      promotionType: '货品加速',
      roi: 52000,
      spendFen: 50000,
    });
  });

  it('lets the caller name the channel', async () => {
    const { records } = await parseFixture('ads/万相台-货品加速-20260301.csv', {
      as: 'ads',
      channel: 'ylmf',
      fileName: 'report.csv',
    });
    expect(records[0].channel).toBe('ylmf');
  });

  it('maps channel names', () => {
    expect(['直通车', '引力魔方', '万相台无界', '钻石展位', 'x'].map(adChannelOf)).toEqual([
      'ztc',
      'ylmf',
      'wxt',
      'zuanzhan',
      undefined,
    ]);
  });
});

describe('hourly ads reports (小时 / 时段)', () => {
  it('reads the hour of each row and keys it under its day row', async () => {
    const { records, rejects } = await parseFixture('ads/直通车-分时报表-20260301.csv', { as: 'ads' });
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.hour)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 9, 21]);
    const daily = records[0].platformId.slice(0, 24);
    expect(records[0].platformId).toBe(`${daily}h7`);
    expect(records[9].platformId).toBe(`${daily}h16`);
    expect(records[10].platformId.slice(0, 24)).not.toBe(daily);
  });

  it('refuses an impossible hour, naming the row and column', async () => {
    const { records, rejects } = await parseFixture('bad/直通车-分时报表-坏时段.csv', { as: 'ads' });
    expect(records).toEqual([]);
    expect(rejects.map((r) => [r.row, r.column, r.code])).toEqual([[2, '小时', 'cell.unknown_value']]);
  });

  it('maps hour cells', () => {
    expect(
      ['0', '07', '10点', '10时', '10:00', '10:00-11:00', '23-24', '24', '全天', '1:00:00'].map(hourOf),
    ).toEqual([0, 7, 10, 10, 10, 10, 23, undefined, undefined, 1]);
  });
});
