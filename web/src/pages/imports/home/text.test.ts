import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/http';
import type { ImportRun, RejectedRow } from '../../../api/imports';
import type { TFunction } from '../../../i18n';
import { translate } from '../../../locales';
import {
  baseName,
  formatBytes,
  formatCount,
  formatDuration,
  localizedServerText,
  rejectReason,
  runNote,
  uploadErrorText,
} from './text';
import { PollError } from './uploadQueue';

const zh: TFunction = (key, params) => translate('zh-CN', key, params);
const en: TFunction = (key, params) => translate('en-US', key, params);

const run = (patch: Partial<ImportRun>): ImportRun => ({
  id: 'r1',
  kind: 'taobao-orders',
  version: '2017',
  file: 'orders-money-abc.csv',
  fileHash: 'ab'.repeat(32),
  fileBytes: 1905,
  status: 'done',
  allowPartial: false,
  rows: 5,
  inserted: 5,
  updated: 0,
  unchanged: 0,
  rejectedCount: 0,
  rejected: [],
  error: null,
  personId: null,
  startedAt: '2025-11-25T02:00:00.000Z',
  finishedAt: '2025-11-25T02:00:01.000Z',
  durationMs: 54,
  progressRows: 5,
  ...patch,
});

describe('import page text', () => {
  it('formats sizes, counts and durations', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1974)).toBe('1.9 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatDuration(zh, 54)).toBe('54 毫秒');
    expect(formatDuration(zh, 2345)).toBe('2.3 秒');
    expect(formatDuration(zh, 83_000)).toBe('1 分 23 秒');
    expect(formatDuration(en, 83_000)).toBe('1 min 23 s');
    expect(formatDuration(zh, null)).toBe('');
  });

  it('picks the half of a "中文 / English" server message that fits the locale', () => {
    const empty = '文件是空的（没有表头和数据）。 / The file is empty (no header, no rows).';
    expect(localizedServerText(empty, 'zh-CN')).toBe('文件是空的（没有表头和数据）。');
    expect(localizedServerText(empty, 'en-US')).toBe('The file is empty (no header, no rows).');
    const missing =
      '淘宝/天猫订单报表（2017 版）缺少必需的列：订单状态、买家实际支付金额 / Taobao order report: missing required columns: 订单状态, 买家实际支付金额';
    expect(localizedServerText(missing, 'zh-CN')).toBe(
      '淘宝/天猫订单报表（2017 版）缺少必需的列：订单状态、买家实际支付金额',
    );
    expect(localizedServerText(missing, 'en-US')).toBe(
      'Taobao order report: missing required columns: 订单状态, 买家实际支付金额',
    );
    expect(localizedServerText('No such import', 'zh-CN')).toBe('No such import');
  });

  it('drops the row/column prefix the table already shows from a rejected row’s reason', () => {
    const r: RejectedRow = {
      row: 3,
      column: '买家实际支付金额',
      value: 'abc',
      code: 'cell.invalid_money',
      message: '第 3 行 买家实际支付金额: "abc" 不是金额',
      messageEn: 'Row 3, 买家实际支付金额: "abc" is not an amount of money',
    };
    expect(rejectReason(r, 'zh-CN')).toBe('"abc" 不是金额');
    expect(rejectReason(r, 'en-US')).toBe('"abc" is not an amount of money');
    const noColumn = {
      ...r,
      column: null,
      message: '第 7 行: 重复的订单',
      messageEn: 'Row 7: duplicate order',
      row: 7,
    };
    expect(rejectReason(noColumn, 'zh-CN')).toBe('重复的订单');
    expect(rejectReason({ ...r, message: '其他说明' }, 'zh-CN')).toBe('其他说明');
  });

  it('explains a finished run in words', () => {
    expect(runNote(zh, 'zh-CN', run({}))).toBeNull();
    expect(runNote(zh, 'zh-CN', run({ status: 'duplicate' }))?.text).toContain('之前已经成功导入');
    const refused = run({
      status: 'rejected',
      rejectedCount: 1,
      error: { code: 'import.rows_rejected', message: '1 行有错误… / 1 rows have errors…' },
    });
    expect(runNote(zh, 'zh-CN', refused)).toEqual({
      type: 'error',
      text: '1 行有错误，整个文件未导入。改正后重新上传，或勾选「允许部分导入」只导入正确的行。',
    });
    expect(runNote(zh, 'zh-CN', run({ rejectedCount: 2, allowPartial: true }))?.type).toBe('warning');
    const wrong = run({
      status: 'rejected',
      kind: 'unknown',
      error: { code: 'import.empty_file', message: '文件是空的。 / The file is empty.' },
    });
    expect(runNote(en, 'en-US', wrong)?.text).toBe('The file is empty.');
  });

  it('says why an upload failed', () => {
    expect(
      uploadErrorText(zh, new ApiError(413, 'import.file_too_large', 'File larger'), 2 * 1024 ** 3),
    ).toBe('文件太大（2.0 GB），超过了服务器允许的上传大小。');
    expect(
      uploadErrorText(zh, new PollError(new ApiError(404, 'import.not_found', 'No such import')), 1),
    ).toContain('服务器一直没有开始处理');
    expect(uploadErrorText(zh, new ApiError(0, 'network', 'x'), 1)).toBe(translate('zh-CN', 'error.network'));
    expect(uploadErrorText(zh, new ApiError(403, 'auth.forbidden', '没有权限'), 1)).toBe('没有权限');
  });

  it('strips the extension for export names', () => {
    expect(baseName('orders-money-abc.csv')).toBe('orders-money-abc');
    expect(baseName('README')).toBe('README');
  });
});
