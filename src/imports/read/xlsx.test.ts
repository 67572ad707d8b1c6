import { describe, expect, it } from 'vitest';
import { excelCellText, excelDateCellText, excelNumberText } from './xlsx';

describe('XLSX cells as a person sees them', () => {
  it('shows date cells as China wall-clock text (Excel stores the clock, not an instant)', () => {
    expect(excelCellText(new Date(Date.UTC(2026, 1, 28, 10, 0, 0)))).toBe('2026-02-28 10:00:00');
    expect(excelCellText(new Date(Date.UTC(2026, 2, 4)))).toBe('2026-03-04');
    // exceljs rounding can leave 10:00 one millisecond short
    expect(excelCellText(new Date(Date.UTC(2026, 1, 28, 9, 59, 59, 999)))).toBe('2026-02-28 10:00:00');
  });

  it('shows time-of-day and elapsed-time cells as times, not as dates in 1899', () => {
    const serial = (days: number) => new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86400000));
    expect(excelDateCellText(serial(8.5 / 24), 'hh:mm')).toBe('08:30:00');
    expect(excelDateCellText(serial(117 / 24 + 20 / 1440), '[h]:mm:ss')).toBe('117:20:00');
  });

  it('shows percentage-formatted numbers with a % and no float noise', () => {
    expect(excelNumberText(0.0235, '0.00%')).toBe('2.35%');
    expect(excelNumberText(0.6035, '0.00%')).toBe('60.35%');
    expect(excelNumberText(1, '0%')).toBe('100%');
  });

  it('keeps Excel’s 15 significant digits and no exponent for ordinary numbers', () => {
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(1234.5)).toBe('1234.5');
    expect(excelNumberText(0.0000001)).toBe('0.0000001');
  });

  it('writes integers beyond 2^53 in exponent form so id columns refuse them', () => {
    expect(excelNumberText(Number('35153131473293579'))).toBe('3.515313147329358e+16');
    expect(excelNumberText(9007199254740991)).toBe('9007199254740991');
  });

  it('reads rich text, formulas, hyperlinks, booleans and errors', () => {
    expect(excelCellText({ richText: [{ text: '冰丝' }, { text: '凉席' }] })).toBe('冰丝凉席');
    expect(excelCellText({ formula: 'A1*2', result: 24.6 })).toBe('24.6');
    expect(excelCellText({ formula: '"x"', result: { error: '#N/A' } } as never)).toBe('#N/A');
    expect(excelCellText({ text: '链接', hyperlink: 'https://example.com' })).toBe('链接');
    expect(excelCellText(true)).toBe('true');
    expect(excelCellText({ error: '#DIV/0!' } as never)).toBe('#DIV/0!');
    expect(excelCellText(null)).toBe('');
  });
});
