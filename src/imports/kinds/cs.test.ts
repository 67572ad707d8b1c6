import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { periodFromFileName } from './cs-attendance';

describe('customer-service daily figures (赤兔)', () => {
  it('reads the GBK export with 旺旺 and 平均响应(秒)', async () => {
    const { file, records, rejects } = await parseFixture('cs-daily/赤兔-客服绩效-20260301.csv', {
      as: 'cs-daily',
    });
    expect(file.kind).toBe('cs-daily');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      date: '2026-03-01',
      agent: '夏凉:阿May',
      receptions: 86,
      inquiries: 52,
      inquiryPaidBuyers: 21,
      inquiryConversion: 4038,
      salesFen: 543210,
      averageOrderValueFen: 25867,
      itemsPerCustomer: 1.24,
      averageResponseSeconds: 18.5,
      firstResponseSeconds: 9,
      replyRate: 9912,
      refundRate: 120,
    });
  });

  it('reads the XLSX export with 客服 and 平均响应时间 as 1分5秒', async () => {
    const { records, rejects } = await parseFixture('cs-daily/赤兔-客服绩效-20260302.xlsx', {
      as: 'cs-daily',
    });
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      agent: '夏凉:阿May',
      averageResponseSeconds: 65,
      firstResponseSeconds: 12,
      inquiryConversion: 4500,
    });
  });
});

describe('customer-service attendance (遵时率)', () => {
  it('reads the sheet, taking the period from the file name', async () => {
    const { file, records, rejects } = await parseFixture('cs-attendance/客服遵时率-202603.csv', {
      as: 'cs-attendance',
    });
    expect(file.kind).toBe('cs-attendance');
    expect(rejects).toEqual([]);
    expect(records[0]).toMatchObject({
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      workDays: 26,
      averageOnlineTime: '08:27:00',
      latestOnlineTime: '23:58:00',
      totalOnlineSeconds: 844200,
      totalIdleSeconds: 11400,
    });
    expect(records[1]).toMatchObject({
      latestOnlineTime: '01:45:00',
      totalOnlineSeconds: 756900,
      totalIdleSeconds: 0,
    });
  });

  it('prefers 开始日期/结束日期 columns', async () => {
    const { records } = await parseFixture('cs-attendance/客服遵时率-20260301-20260315.xlsx', {
      as: 'cs-attendance',
      fileName: 'x.xlsx',
    });
    expect(records[0]).toMatchObject({
      periodStart: '2026-03-01',
      periodEnd: '2026-03-15',
      totalOnlineSeconds: 422400,
    });
  });

  it('uses the period the caller gives when nothing else says', async () => {
    const { records } = await parseFixture('cs-attendance/客服遵时率-202603.csv', {
      as: 'cs-attendance',
      fileName: 'attendance.csv',
      period: { from: '2026-02-01', to: '2026-02-28' },
    });
    expect(records[0]).toMatchObject({ periodStart: '2026-02-01', periodEnd: '2026-02-28' });
  });

  it('reads periods from file names', () => {
    expect(periodFromFileName('遵时率-20260301-20260315.xlsx')).toEqual({
      from: '2026-03-01',
      to: '2026-03-15',
    });
    expect(periodFromFileName('遵时率-2026-02.csv')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodFromFileName('attendance.csv')).toBeNull();
  });
});
