import { fenToDecimal, formatFen } from '../core/money';

/** Money and rate formatting for the export files (integer fen in, text out). */

/** 123450 → `1234.50` */
export const yuan = (fen: number): string => fenToDecimal(fen);

/** 0 → `0元`, 1250 → `12.50元` (the unit some Taobao columns carry). */
export const yuanUnit = (fen: number): string => (fen === 0 ? '0元' : `${fenToDecimal(fen)}元`);

/** 123456789 → `1,234,567.89` (thousands separators, as market data shows big amounts). */
export const yuanGrouped = (fen: number): string => formatFen(fen, { symbol: false });

/** `2.35%`, or `-` when the denominator is zero. */
export function pct(num: number, den: number): string {
  if (den === 0) return '-';
  return `${((num * 100) / den).toFixed(2)}%`;
}

/** Integer fen ÷ count, rounded half up (客单价, UV价值). */
export function divFen(fen: number, count: number): number {
  if (count <= 0) return 0;
  return Math.floor((2 * fen + count) / (2 * count));
}

/** A money ratio as yuan text, `-` when undefined. */
export function yuanPer(fen: number, count: number): string {
  return count <= 0 ? '-' : fenToDecimal(divFen(fen, count));
}

/** Allocates `amount` fen over `weights` proportionally; the remainder goes to the largest weight. */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || amount === 0) return weights.map(() => 0);
  const out = weights.map((w) => Math.floor((amount * w) / total));
  let rest = amount - out.reduce((a, b) => a + b, 0);
  let biggest = 0;
  for (let i = 1; i < weights.length; i++) if (weights[i] > weights[biggest]) biggest = i;
  out[biggest] += rest;
  rest = 0;
  return out;
}

export function fixed2(x: number): string {
  return x.toFixed(2);
}
