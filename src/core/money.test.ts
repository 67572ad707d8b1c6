import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBasisPoints, fenToDecimal, formatFen, parseFen } from './money';

describe('money in fen', () => {
  it.each([
    ['12.3', 1230],
    ['-0.01', -1],
    ['0元', 0],
    ['1,234.50', 123450],
    ['¥1,234.50', 123450],
    ['￥8', 800],
    [' 99.90 ', 9990],
    ['0.10', 10],
    ['100.000', 10000],
    ['12', 1200],
    ['+5.5', 550],
  ])('parses %s exactly as %i fen', (text, fen) => {
    expect(parseFen(text)).toBe(fen);
  });

  it.each(['abc', '', '-', '1.2.3', '12.345', '1e5', '¥', 'NaN', '--1'])('refuses %j', (text) => {
    expect(parseFen(text)).toBeNull();
  });

  it('formats with grouping and the yuan sign', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(-1)).toBe('-¥0.01');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(100000000)).toBe('¥1,000,000.00');
    expect(fenToDecimal(-123450)).toBe('-1234.50');
  });

  it('round-trips any amount through its text forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        expect(parseFen(formatFen(fen))).toBe(fen);
        expect(parseFen(fenToDecimal(fen))).toBe(fen);
        expect(parseFen(`${fenToDecimal(fen)}元`)).toBe(fen);
      }),
    );
  });

  it('applies a 0.5 % commission (50 bp) rounding half away from zero', () => {
    expect(applyBasisPoints(100000, 50)).toBe(500);
    expect(applyBasisPoints(101, 50)).toBe(1); // 0.505 fen → 1
    expect(applyBasisPoints(99, 50)).toBe(0); // 0.495 → 0
    expect(applyBasisPoints(-101, 50)).toBe(-1);
  });
});
