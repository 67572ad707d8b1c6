/**
 * Cell parsers for platform export files (FORMATS.md "Quirks seen in real files").
 *
 * Every parser takes the raw cell text and returns the value, `null` for an empty cell
 * (blank, `-`, `--`, `暂无数据`, `null`), or a `CellProblem` saying why the text is not
 * acceptable. Parsers never throw on any input. The hot ones (ids, money, integers, instants)
 * work on char codes, without regexes.
 */
import { parseFen } from '../core/money';

/** Why a cell was not accepted. `zh`/`en` complete the sentence `第 N 行 <列>: "<值>" …`. */
export class CellProblem {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {}
}

export const PROBLEM = {
  required: new CellProblem('cell.required', '不能为空', 'must not be empty'),
  money: new CellProblem('cell.invalid_money', '不是金额', 'is not an amount of money'),
  negativeMoney: new CellProblem('cell.negative_money', '金额不能为负数', 'must not be a negative amount'),
  integer: new CellProblem('cell.invalid_integer', '不是整数', 'is not a whole number'),
  negative: new CellProblem('cell.negative_number', '不能为负数', 'must not be negative'),
  number: new CellProblem('cell.invalid_number', '不是数字', 'is not a number'),
  id: new CellProblem('cell.invalid_id', '不是有效的编号（应为纯数字）', 'is not a valid id (digits only)'),
  idScientific: new CellProblem(
    'cell.id_not_digits',
    '被 Excel 转成了数字（科学计数法或小数），编号的末几位已经丢失；请使用平台导出的原始文件',
    'was turned into a number by Excel (scientific notation or decimals) and lost its last digits; use the original export file',
  ),
  code: new CellProblem('cell.invalid_code', '不是有效的编码', 'is not a valid code'),
  date: new CellProblem(
    'cell.invalid_date',
    '不是日期时间（应为 yyyy-MM-dd HH:mm:ss 或 yyyy/M/d H:mm）',
    'is not a date and time (expected yyyy-MM-dd HH:mm:ss or yyyy/M/d H:mm)',
  ),
  businessDate: new CellProblem(
    'cell.invalid_date',
    '不是日期（应为 yyyy-MM-dd）',
    'is not a date (expected yyyy-MM-dd)',
  ),
  impossibleDate: new CellProblem(
    'cell.impossible_date',
    '不是真实存在的日期',
    'is not a real calendar date',
  ),
  time: new CellProblem(
    'cell.invalid_time',
    '不是时间（应为 HH:mm 或 HH:mm:ss）',
    'is not a time of day (expected HH:mm)',
  ),
  duration: new CellProblem(
    'cell.invalid_duration',
    '不是时长（例如 25、25秒、1分5秒、00:01:05）',
    'is not a duration (e.g. 25, 25秒, 1分5秒, 00:01:05)',
  ),
  rate: new CellProblem('cell.invalid_rate', '不是百分比（例如 2.35%）', 'is not a percentage (e.g. 2.35%)'),
  bool: new CellProblem('cell.invalid_bool', '不是“是/否”', 'is not yes/no (是/否)'),
  phone: new CellProblem('cell.invalid_phone', '不是电话号码', 'is not a phone number'),
  rating: new CellProblem('cell.invalid_rating', '不是 1–5 的评分', 'is not a rating from 1 to 5'),
  status: new CellProblem('cell.unknown_status', '不是已知的状态', 'is not a known status'),
  value: new CellProblem('cell.unknown_value', '不是可识别的取值', 'is not a recognised value'),
} as const;

export type Cell<T> = T | null | CellProblem;

export function isProblem(v: unknown): v is CellProblem {
  return v instanceof CellProblem;
}

// ---------------------------------------------------------------------------------------------
// Cleaning

function isSpace(c: number): boolean {
  return c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/**
 * Trims, unwraps Excel text formulas (`="35153131473293579"` → `35153131473293579`, `=""` →
 * empty) and maps the empty markers (`-`, `--`, `暂无数据`, `null`) to null.
 */
export function cleanCell(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let s = raw;
  let n = s.length;
  if (n === 0) return null;
  if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(n - 1))) {
    s = s.trim();
    n = s.length;
    if (n === 0) return null;
  }
  if (n >= 3 && s.charCodeAt(0) === 61 /* = */ && s.charCodeAt(1) === 34 && s.charCodeAt(n - 1) === 34) {
    s = s.slice(2, n - 1);
    if (s.indexOf('"') !== -1) s = s.replaceAll('""', '"');
    n = s.length;
    if (n === 0) return null;
    if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(n - 1))) {
      s = s.trim();
      n = s.length;
      if (n === 0) return null;
    }
  }
  if (n <= 4) {
    if (n === 1) {
      if (s === '-') return null;
    } else if (n === 2) {
      if (s === '--') return null;
    } else if (n === 4) {
      if (s === '暂无数据' || s === 'null' || s === 'NULL' || s === 'Null') return null;
    }
  }
  return s;
}

/** Text cell: cleaned, empty → null. */
export function parseText(raw: string | undefined): string | null {
  return cleanCell(raw);
}

function stripApostrophe(s: string): string | null {
  if (s.charCodeAt(0) !== 39 /* ' */) return s;
  const t = s.slice(1).trim();
  return t === '' ? null : t;
}

function allDigits(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `3.5153131473293579E+16`, `35153131473293579.0`, `3.51531E16`: a number Excel made of an id. */
function looksLikeExcelNumber(s: string): boolean {
  let i = 0;
  const n = s.length;
  if (n === 0) return false;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let digits = 0;
  let dot = false;
  let exp = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot && !exp) dot = true;
    else if ((c === 69 || c === 101) && !exp && digits > 0) {
      exp = true;
      const next = s.charCodeAt(i + 1);
      if (next === 43 || next === 45) i++;
    } else return false;
  }
  return digits > 0 && (dot || exp);
}

/**
 * A platform id made of digits (order, refund, product ids). Never converted to a number: the
 * ids exceed 2^53. Accepts `="…"` and a leading apostrophe; rejects ids Excel turned into numbers.
 */
export function parseDigitId(raw: string | undefined): Cell<string> {
  const c = cleanCell(raw);
  if (c === null) return null;
  const s = stripApostrophe(c);
  if (s === null) return null;
  if (allDigits(s)) return s;
  return looksLikeExcelNumber(s) ? PROBLEM.idScientific : PROBLEM.id;
}

/**
 * A code made of letters and digits (商家编码, 物流单号, 支付单号): cleaned, apostrophe stripped.
 * Digits-only codes that Excel turned into scientific notation are rejected.
 */
export function parseCode(raw: string | undefined): Cell<string> {
  const c = cleanCell(raw);
  if (c === null) return null;
  const s = stripApostrophe(c);
  if (s === null) return null;
  if (s.length > 4) {
    const c1 = s.charCodeAt(1);
    if ((c1 === 46 || c1 === 69 || c1 === 101) && looksLikeExcelNumber(s) && /[eE]/.test(s))
      return PROBLEM.idScientific;
  }
  return s;
}

/** Phone: `'13925130165` → `13925130165`; masked (`139****0165`), landlines, extensions kept as text. */
export function parsePhone(raw: string | undefined): Cell<string> {
  const c = cleanCell(raw);
  if (c === null) return null;
  const s = stripApostrophe(c);
  if (s === null) return null;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 48 && ch <= 57) digits++;
    else if (
      ch !== 42 /* * */ &&
      ch !== 45 /* - */ &&
      ch !== 43 /* + */ &&
      ch !== 32 &&
      ch !== 40 &&
      ch !== 41 /* ( ) */ &&
      ch !== 47 /* / */ &&
      ch !== 44 /* , */ &&
      ch !== 59 /* ; */ &&
      ch !== 35 /* # */ &&
      ch !== 0x8f6c /* 转 */
    )
      return PROBLEM.phone;
  }
  return digits >= 3 ? s : PROBLEM.phone;
}

// ---------------------------------------------------------------------------------------------
// Money, numbers, rates

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Money text → fen on char codes: `[+-][¥￥][+-]digits[,ddd…][.fraction][ ][元|RMB|CNY]`, where
 * fraction digits beyond the second must be zeros. NaN for anything else (then core parseFen
 * decides). A property test keeps it equal to parseFen wherever it returns a number.
 */
function fastFen(s: string): number {
  const n = s.length;
  let i = 0;
  let neg = false;
  let signed = false;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) {
    neg = c === 45;
    signed = true;
    c = s.charCodeAt(++i);
  }
  if (c === 0xa5 || c === 0xffe5) {
    c = s.charCodeAt(++i);
    if (!signed && (c === 45 || c === 43)) {
      neg = c === 45;
      c = s.charCodeAt(++i);
    }
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (isDigit(c)) {
      whole = whole * 10 + (c - 48);
      digits++;
    } else if (c === 44 /* , */ && digits > 0 && isDigit(s.charCodeAt(i + 1))) {
      // thousands separator (core parseFen drops every comma)
    } else break;
  }
  if (digits === 0 || digits > 13) return Number.NaN;
  let frac = 0;
  if (i < n && c === 46 /* . */) {
    i++;
    let fl = 0;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (!isDigit(c)) break;
      if (fl === 0) frac = (c - 48) * 10;
      else if (fl === 1) frac += c - 48;
      else if (c !== 48) return Number.NaN; // a third non-zero decimal: not exact fen
      fl++;
    }
    if (fl === 0) return Number.NaN;
  }
  if (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    c = s.charCodeAt(i);
    if (c === 0x5143 /* 元 */ && i === n - 1) i = n;
    else if (i === n - 3) {
      const u = s.slice(i).toUpperCase();
      if (u === 'RMB' || u === 'CNY') i = n;
    }
    if (i !== n) return Number.NaN;
  }
  const v = whole * 100 + frac;
  return neg && v !== 0 ? -v : v;
}

/**
 * Money text → integer fen, exactly: `12.3` → 1230, `-0.01` → -1, `1,234.50` → 123450, `0元` → 0.
 * Plain decimals take a char-code fast path; everything else goes through core `parseFen`.
 */
export function parseMoney(raw: string | undefined): Cell<number> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const fast = fastFen(s);
  if (!Number.isNaN(fast)) return fast;
  const v = parseFen(s);
  return v === null ? PROBLEM.money : v;
}

/** Exposed for the property test that keeps the fast path equal to core parseFen. */
export const _fastFenForTest = fastFen;

/**
 * Shifts the decimal point of an exact decimal text `shift` places right and rounds the rest
 * half away from zero: scaleDecimal('2.355', 2) → 236. Returns NaN when the text is not a decimal.
 */
export function scaleDecimal(text: string, shift: number): number {
  let s = text;
  let neg = false;
  if (s.startsWith('-')) {
    neg = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (s.indexOf(',') !== -1) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return Number.NaN;
    s = s.replaceAll(',', '');
  }
  const dot = s.indexOf('.');
  const whole = dot === -1 ? s : s.slice(0, dot);
  const frac = dot === -1 ? '' : s.slice(dot + 1);
  if (
    whole.length + frac.length === 0 ||
    (whole !== '' && !allDigits(whole)) ||
    (frac !== '' && !allDigits(frac))
  ) {
    return Number.NaN;
  }
  const digits = whole + frac;
  const point = whole.length + shift;
  let intPart: string;
  let rest: string;
  if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    rest = '';
  } else {
    intPart = digits.slice(0, point);
    rest = digits.slice(point);
  }
  let v = intPart === '' ? 0 : Number(intPart);
  if (rest !== '' && rest.charCodeAt(0) >= 53 /* '5' */) v += 1;
  if (!Number.isSafeInteger(v)) return Number.NaN;
  return neg && v !== 0 ? -v : v;
}

/**
 * Money for derived figures (客单价, UV价值, 千次展现花费) that platforms print with more than two
 * decimals: exact when possible, otherwise rounded half away from zero to the fen.
 */
export function parseMoneyRounded(raw: string | undefined): Cell<number> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const exact = parseMoney(s);
  if (typeof exact === 'number') return exact;
  const body = s
    .replace(/^([+-]?)[¥￥]/, '$1')
    .replace(/(元|RMB|CNY)$/i, '')
    .trim();
  const v = scaleDecimal(body, 2);
  return Number.isNaN(v) ? PROBLEM.money : v;
}

/**
 * Whole number (quantities, counts): `3`, `1,234`, `3.0` → 3. Returns negative numbers as they
 * are (the caller decides whether negatives are allowed); `3.5` and `abc` are problems.
 */
export function parseInteger(raw: string | undefined): Cell<number> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const n = s.length;
  let i = 0;
  let neg = false;
  let c = s.charCodeAt(0);
  if (c === 45) {
    neg = true;
    i = 1;
  } else if (c === 43) i = 1;
  let v = 0;
  let digits = 0;
  let groupDigits = -1; // digits since the last comma; -1 before the first comma
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
      if (groupDigits >= 0) groupDigits++;
    } else if (c === 44 /* , */) {
      if (digits === 0 || (groupDigits >= 0 && groupDigits !== 3) || (groupDigits < 0 && digits > 3)) {
        return PROBLEM.integer;
      }
      groupDigits = 0;
    } else break;
  }
  if (digits === 0 || (groupDigits >= 0 && groupDigits !== 3)) return PROBLEM.integer;
  if (i < n) {
    if (c !== 46) return PROBLEM.integer;
    for (i++; i < n; i++) if (s.charCodeAt(i) !== 48) return PROBLEM.integer;
  }
  if (!Number.isSafeInteger(v)) return PROBLEM.integer;
  return neg && v !== 0 ? -v : v;
}

/** Decimal number (scores like 4.85, items per customer 1.35); thousands separators accepted. */
export function parseDecimal(raw: string | undefined): Cell<number> {
  const s = cleanCell(raw);
  if (s === null) return null;
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(s)) return PROBLEM.number;
  return Number(s.replaceAll(',', ''));
}

/**
 * Rate → basis points: `2.35%` → 235, `0.0235` (a fraction, as Excel stores percentages) → 235.
 * Ratios such as ROI use the same scale: `3.25` → 32500 (1 = 10000 bp). More precise figures are
 * rounded half away from zero to the basis point.
 */
export function parseBasisPoints(raw: string | undefined): Cell<number> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const last = s.charCodeAt(s.length - 1);
  let v: number;
  if (last === 37 /* % */ || last === 0xff05 /* ％ */) v = scaleDecimal(s.slice(0, -1).trim(), 2);
  else v = scaleDecimal(s, 4);
  return Number.isNaN(v) ? PROBLEM.rate : v;
}

/** Rate as an exact decimal fraction text: `2.35%` → `0.0235`, `0.5` → `0.5`. */
export function parseRateDecimal(raw: string | undefined): Cell<string> {
  const s = cleanCell(raw);
  if (s === null) return null;
  let body = s;
  let shift = 0;
  const last = s.charCodeAt(s.length - 1);
  if (last === 37 || last === 0xff05) {
    body = s.slice(0, -1).trim();
    shift = 2;
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(body);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return PROBLEM.rate;
  const sign = m[1] === '-' ? '-' : '';
  let whole = m[2];
  let frac = m[3] ?? '';
  if (shift > 0) {
    whole = whole.padStart(shift + 1, '0');
    frac = whole.slice(whole.length - shift) + frac;
    whole = whole.slice(0, whole.length - shift);
  }
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const out = frac === '' ? whole : `${whole}.${frac}`;
  return out === '0' ? '0' : sign + out;
}

/**
 * Duration → seconds: `25`, `25.5`, `25秒`, `1分5秒`, `1小时2分`, `2天3小时`, `00:01:05`, `1:05`.
 */
export function parseDurationSeconds(raw: string | undefined): Cell<number> {
  const s = cleanCell(raw);
  if (s === null) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const colon = /^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$/.exec(s);
  if (colon) {
    const [, a, b, c] = colon;
    return c === undefined ? Number(a) * 60 + Number(b) : Number(a) * 3600 + Number(b) * 60 + Number(c);
  }
  const units =
    /^(?:(\d+(?:\.\d+)?)\s*天)?\s*(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min|m))?\s*(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s))?$/i.exec(
      s,
    );
  if (units && (units[1] || units[2] || units[3] || units[4])) {
    const [, d = '0', h = '0', m = '0', sec = '0'] = units;
    return Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(sec);
  }
  return PROBLEM.duration;
}

/** Yes/no: 是/否, true/false, 1/0, Y/N, yes/no, 手机订单, 预售; `非…`/`不…` → false. */
export function parseBool(raw: string | undefined): Cell<boolean> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const t = s.toLowerCase();
  switch (t) {
    case '是':
    case 'true':
    case '1':
    case 'y':
    case 'yes':
    case '有':
    case '需要':
    case '手机订单':
    case '预售':
    case '预售订单':
    case '自动回复':
      return true;
    case '否':
    case 'false':
    case '0':
    case 'n':
    case 'no':
    case '无':
    case '不需要':
      return false;
  }
  if (t.startsWith('非') || t.startsWith('不')) return false;
  return PROBLEM.bool;
}

// ---------------------------------------------------------------------------------------------
// Dates and times (China time, UTC+8)

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return DAYS_IN_MONTH[m - 1];
}

/** Outcome of the last scan: which problem, whether a time part was present. */
let scanProblem: CellProblem = PROBLEM.date;
let scanHadTime = false;
let scanOffsetMs = 0;
let scanY = 0;
let scanM = 0;
let scanD = 0;

/**
 * Scans `yyyy-MM-dd[ HH:mm[:ss[.fff]]]`, `yyyy/M/d H:mm`, `yyyy.M.d`, `yyyy年M月d日 H:mm`,
 * `yyyyMMdd`, ISO `T` and an optional `Z`/`+08:00` suffix. Returns the wall-clock time as a UTC
 * millisecond number, or NaN (then `scanProblem` says why).
 */
function scanDateTime(s: string): number {
  const n = s.length;
  scanHadTime = false;
  scanOffsetMs = CHINA_OFFSET_MS;
  scanProblem = PROBLEM.date;
  if (n === 19) {
    const fast = fixedDateTime(s);
    if (!Number.isNaN(fast)) return fast;
  }
  if (n < 8) return Number.NaN;
  let i = 0;
  let y = 0;
  for (; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    y = y * 10 + c;
  }
  let m = 0;
  let d = 0;
  const sep = s.charCodeAt(4);
  if (sep >= 48 && sep <= 57) {
    // yyyyMMdd
    if (n !== 8 || !allDigits(s)) return Number.NaN;
    m = (s.charCodeAt(4) - 48) * 10 + (s.charCodeAt(5) - 48);
    d = (s.charCodeAt(6) - 48) * 10 + (s.charCodeAt(7) - 48);
    i = 8;
  } else {
    const cjk = sep === 0x5e74; /* 年 */
    if (sep !== 45 && sep !== 47 && sep !== 46 && !cjk) return Number.NaN;
    i = 5;
    let k = 0;
    for (; i < n && k < 2; i++, k++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
    }
    if (k === 0 || i >= n) return Number.NaN;
    const sep2 = s.charCodeAt(i);
    if (cjk ? sep2 !== 0x6708 /* 月 */ : sep2 !== sep) return Number.NaN;
    i++;
    k = 0;
    for (; i < n && k < 2; i++, k++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      d = d * 10 + c;
    }
    if (k === 0) return Number.NaN;
    if (cjk && i < n && s.charCodeAt(i) === 0x65e5 /* 日 */) i++;
  }
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 84 /* T */) return Number.NaN;
    i++;
    while (i < n && s.charCodeAt(i) === 32) i++;
    let k = 0;
    for (; i < n && k < 2; i++, k++) {
      const x = s.charCodeAt(i) - 48;
      if (x < 0 || x > 9) break;
      h = h * 10 + x;
    }
    if (k === 0 || i >= n || s.charCodeAt(i) !== 58 /* : */) return Number.NaN;
    i++;
    k = 0;
    for (; i < n && k < 2; i++, k++) {
      const x = s.charCodeAt(i) - 48;
      if (x < 0 || x > 9) break;
      mi = mi * 10 + x;
    }
    if (k !== 2) return Number.NaN;
    if (i < n && s.charCodeAt(i) === 58) {
      i++;
      k = 0;
      for (; i < n && k < 2; i++, k++) {
        const x = s.charCodeAt(i) - 48;
        if (x < 0 || x > 9) break;
        sec = sec * 10 + x;
      }
      if (k !== 2) return Number.NaN;
      if (i < n && s.charCodeAt(i) === 46 /* . */) {
        i++;
        let scale = 100;
        k = 0;
        for (; i < n; i++, k++) {
          const x = s.charCodeAt(i) - 48;
          if (x < 0 || x > 9) break;
          ms += x * scale;
          scale /= 10;
        }
        if (k === 0) return Number.NaN;
        ms = Math.floor(ms);
      }
    }
    scanHadTime = true;
    if (i < n) {
      const z = s.charCodeAt(i);
      if (z === 90 /* Z */ && i === n - 1) {
        scanOffsetMs = 0;
        i++;
      } else if ((z === 43 || z === 45) && (n - i === 6 || n - i === 5)) {
        const rest = s.slice(i + 1).replace(':', '');
        if (rest.length !== 4 || !allDigits(rest)) return Number.NaN;
        const off = (Number(rest.slice(0, 2)) * 60 + Number(rest.slice(2))) * 60000;
        scanOffsetMs = z === 43 ? off : -off;
        i = n;
      } else return Number.NaN;
    }
  }
  if (i !== n) return Number.NaN;
  if (h > 23 || mi > 59 || sec > 59) return Number.NaN;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || y < 1900) {
    scanProblem = PROBLEM.impossibleDate;
    return Number.NaN;
  }
  scanY = y;
  scanM = m;
  scanD = d;
  return daysFromCivil(y, m, d) * 86400000 + h * 3600000 + mi * 60000 + sec * 1000 + ms;
}

function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The common `yyyy-MM-dd HH:mm:ss` at fixed positions; NaN for anything else (the scanner decides). */
function fixedDateTime(s: string): number {
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 32 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  const y1 = d2(s, 0);
  const y2 = d2(s, 2);
  const m = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const sec = d2(s, 17);
  if (
    y1 < 19 ||
    y2 < 0 ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    sec < 0 ||
    sec > 59
  ) {
    return Number.NaN;
  }
  const y = y1 * 100 + y2;
  if (d > daysInMonth(y, m)) return Number.NaN;
  scanHadTime = true;
  scanY = y;
  scanM = m;
  scanD = d;
  return daysFromCivil(y, m, d) * 86400000 + h * 3600000 + mi * 60000 + sec * 1000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date.UTC call). */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Date and time in China time (UTC+8) → instant. Date-only text is midnight China time.
 * `2026-02-30 10:00:00` is a problem, not March 2nd.
 */
export function parseInstant(raw: string | undefined): Cell<Date> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const wall = scanDateTime(s);
  if (Number.isNaN(wall)) return scanProblem;
  return new Date(wall - scanOffsetMs);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Business date → `yyyy-MM-dd`. Accepts the date forms above; a time part must be midnight. */
export function parseBusinessDate(raw: string | undefined): Cell<string> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const wall = scanDateTime(s);
  if (Number.isNaN(wall)) return scanProblem === PROBLEM.impossibleDate ? scanProblem : PROBLEM.businessDate;
  if (scanHadTime && wall % 86400000 !== 0) return PROBLEM.businessDate;
  return `${scanY}-${pad2(scanM)}-${pad2(scanD)}`;
}

/** Time of day → `HH:mm:ss`: `8:25`, `08:25:30`; a full date-time gives its time part. */
export function parseTimeOfDay(raw: string | undefined): Cell<string> {
  const s = cleanCell(raw);
  if (s === null) return null;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    const h = Number(m[1]);
    const mi = Number(m[2]);
    const sec = m[3] === undefined ? 0 : Number(m[3]);
    if (h > 23 || mi > 59 || sec > 59) return PROBLEM.time;
    return `${pad2(h)}:${pad2(mi)}:${pad2(sec)}`;
  }
  const wall = scanDateTime(s);
  if (Number.isNaN(wall) || !scanHadTime) return PROBLEM.time;
  const t = new Date(wall);
  return `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
}

// ---------------------------------------------------------------------------------------------
// Addresses

export type Address = {
  province: string | null;
  city: string | null;
  district: string | null;
  detail: string | null;
  postcode: string | null;
};

/**
 * `广东省 广州市 越秀区 xx路xx号(510180)` → province, city, district, detail, postcode. Parts are
 * separated by spaces; the postcode is six digits in brackets at the end (`(000000)` means none).
 * With three parts the third is the detail; text without spaces is all detail.
 */
export function parseAddress(raw: string | undefined): Address | null {
  const s = cleanCell(raw);
  if (s === null) return null;
  let postcode: string | null = null;
  let len = s.length;
  const last = s.charCodeAt(len - 1);
  if ((last === 41 || last === 0xff09) && len >= 8) {
    const open = s.charCodeAt(len - 8);
    let digits = true;
    for (let k = len - 7; k < len - 1; k++) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) {
        digits = false;
        break;
      }
    }
    if ((open === 40 || open === 0xff08) && digits) {
      const code = s.slice(len - 7, len - 1);
      postcode = code === '000000' ? null : code;
      len -= 8;
      while (len > 0 && isSpace(s.charCodeAt(len - 1))) len--;
    }
  }
  // up to three space-separated parts, then the rest as the detail (char scan, no regex)
  let i = 0;
  let count = 0;
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  let c0 = 0;
  let c1 = 0;
  while (count < 3 && i < len) {
    while (i < len && isSpace(s.charCodeAt(i))) i++;
    if (i >= len) break;
    const st = i;
    while (i < len && !isSpace(s.charCodeAt(i))) i++;
    if (count === 0) {
      a0 = st;
      a1 = i;
    } else if (count === 1) {
      b0 = st;
      b1 = i;
    } else {
      c0 = st;
      c1 = i;
    }
    count++;
  }
  while (i < len && isSpace(s.charCodeAt(i))) i++;
  let province: string | null = null;
  let city: string | null = null;
  let district: string | null = null;
  let detail: string | null = null;
  if (i < len) {
    province = s.slice(a0, a1);
    city = s.slice(b0, b1);
    district = s.slice(c0, c1);
    detail = s.slice(i, len);
  } else if (count === 3) {
    province = s.slice(a0, a1);
    city = s.slice(b0, b1);
    detail = s.slice(c0, c1);
  } else if (count === 2) {
    province = s.slice(a0, a1);
    detail = s.slice(b0, b1);
  } else if (count === 1) {
    detail = s.slice(a0, a1);
  }
  return { province, city, district, detail, postcode };
}
