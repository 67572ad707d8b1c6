import { badInput } from './errors';

/**
 * Money is integer fen (1 yuan = 100 fen), carried as `number` while it is a safe integer
 * (|x| < 2^53 fen ≈ ¥90 trillion) and stored as bigint columns. Never floats.
 */
export type Fen = number;

const MONEY_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a money text exactly into fen: `12.3` → 1230, `-0.01` → -1, `1,234.50` → 123450,
 * `0元`, `¥12`, `￥12.00` accepted. Returns null for text that is not money.
 * More than two decimals are accepted only when the extra digits are zeros (no silent rounding).
 */
export function parseFen(text: string): Fen | null {
  let s = text.trim();
  if (s === '') return null;
  s = s
    .replace(/^[¥￥]/, '')
    .replace(/(元|RMB|CNY)$/i, '')
    .replace(/,/g, '')
    .trim();
  s = s.replace(/^([+-])[¥￥]/, '$1');
  const m = MONEY_RE.exec(s);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > 2 && !/^0*$/.test(frac.slice(2))) return null;
  const cents = `${frac}00`.slice(0, 2);
  const value = Number(whole) * 100 + Number(cents);
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' && value !== 0 ? -value : value;
}

/** Like parseFen but throws a typed error naming the field. */
export function requireFen(text: string, field: string): Fen {
  const v = parseFen(text);
  if (v === null)
    throw badInput('money.invalid', `${field}: not an amount of money: ${text}`, {
      params: { field, value: text },
    });
  return v;
}

/** 123450 → "1234.50" (no grouping, for files and inputs). */
export function fenToDecimal(fen: Fen): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 123450 → "¥1,234.50"; -1 → "-¥0.01". */
export function formatFen(fen: Fen, opts: { symbol?: boolean } = {}): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `${opts.symbol === false ? '' : '¥'}${yuan}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${body}` : body;
}

/** Rate in basis points applied to fen, rounded half away from zero (commission 0.5% = 50 bp). */
export function applyBasisPoints(fen: Fen, basisPoints: number): Fen {
  const product = fen * basisPoints;
  const q = Math.trunc(product / 10000);
  const r = product - q * 10000;
  if (Math.abs(r) * 2 >= 10000) return q + Math.sign(product);
  return q;
}
