/**
 * Reading one row of a bound file: typed getters by column index that collect every problem of
 * the row as a reject naming the row and the column (`第 12 行 买家实际支付金额: "abc" 不是金额`).
 */
import {
  type Address,
  type Cell,
  CellProblem,
  PROBLEM,
  parseAddress,
  parseBasisPoints,
  parseBool,
  parseBusinessDate,
  parseCode,
  parseDecimal,
  parseDigitId,
  parseDurationSeconds,
  parseInstant,
  parseInteger,
  parseMoney,
  parseMoneyRounded,
  parsePhone,
  parseText,
  parseTimeOfDay,
} from './cells';

/** One problem found in a row. `column` is the header as written in the file (trimmed). */
export type RowReject = {
  row: number;
  column: string | null;
  value: string;
  message: string;
  messageEn: string;
  code: string;
};

export type RowResult<R> = { ok: true; record: R } | { ok: false; rejects: RowReject[] };

const MAX_VALUE_IN_MESSAGE = 60;

function shown(value: string): string {
  return value.length > MAX_VALUE_IN_MESSAGE ? `${value.slice(0, MAX_VALUE_IN_MESSAGE)}…` : value;
}

/** Builds a reject for a cell problem, in Chinese and English. */
export function cellReject(row: number, column: string | null, value: string, p: CellProblem): RowReject {
  const v = shown(value);
  const col = column ?? '';
  const empty = p === PROBLEM.required;
  return {
    row,
    column,
    value,
    code: p.code,
    message: empty ? `第 ${row} 行 ${col}: ${p.zh}` : `第 ${row} 行 ${col}: "${v}" ${p.zh}`,
    messageEn: empty ? `Row ${row}, ${col}: ${p.en}` : `Row ${row}, ${col}: "${v}" ${p.en}`,
  };
}

/** A reject about the row as a whole (column counts, cross-field rules). */
export function rowReject(
  row: number,
  code: string,
  zh: string,
  en: string,
  column: string | null = null,
): RowReject {
  return {
    row,
    column,
    value: '',
    code,
    message: `第 ${row} 行${column ? ` ${column}` : ''}: ${zh}`,
    messageEn: `Row ${row}${column ? `, ${column}` : ''}: ${en}`,
  };
}

/**
 * Row reader bound to a file's headers. `start(cells, row)` then call getters with the column
 * index (−1 when the file has no such column: the getter returns null). `required` getters add a
 * "must not be empty" reject for empty cells. Finish with `failed` / `rejects`.
 */
export class RowReader {
  cells: string[] = [];
  row = 0;
  rejects: RowReject[] | null = null;

  constructor(readonly headers: readonly string[]) {}

  start(cells: string[], row: number): void {
    this.cells = cells;
    this.row = row;
    this.rejects = null;
  }

  get failed(): boolean {
    return this.rejects !== null;
  }

  /** Result helper: the rejects collected so far, or the record. */
  result<R>(record: R): RowResult<R> {
    return this.rejects === null ? { ok: true, record } : { ok: false, rejects: this.rejects };
  }

  fail(i: number, p: CellProblem): void {
    const value = i >= 0 ? (this.cells[i] ?? '') : '';
    const column = i >= 0 ? (this.headers[i] ?? null) : null;
    const reject = cellReject(this.row, column, value, p);
    if (this.rejects === null) this.rejects = [reject];
    else this.rejects.push(reject);
  }

  /** Adds a row-level reject (e.g. a rule across two columns). */
  reject(code: string, zh: string, en: string, column: number = -1): void {
    const name = column >= 0 ? (this.headers[column] ?? null) : null;
    const reject = rowReject(this.row, code, zh, en, name);
    if (this.rejects === null) this.rejects = [reject];
    else this.rejects.push(reject);
  }

  raw(i: number): string {
    return i >= 0 ? (this.cells[i] ?? '') : '';
  }

  /** Slow path of the getters: empty (maybe required) or a problem. */
  private miss(i: number, v: CellProblem | null, required: boolean): null {
    if (v === null) {
      if (required) this.fail(i, PROBLEM.required);
    } else this.fail(i, v);
    return null;
  }

  private take<T>(i: number, v: Cell<T>, required: boolean): T | null {
    if (v === null) return this.miss(i, null, required);
    if (v instanceof CellProblem) return this.miss(i, v, required);
    return v;
  }

  text(i: number, required = false): string | null {
    if (i < 0) return null;
    const v = parseText(this.cells[i]);
    if (v === null && required) this.fail(i, PROBLEM.required);
    return v;
  }

  /** Digit-only platform id (order, refund, product ids). */
  id(i: number, required = false): string | null {
    if (i < 0) return null;
    const v = parseDigitId(this.cells[i]);
    return typeof v === 'string' ? v : this.miss(i, v, required);
  }

  /** Alphanumeric code (商家编码, 物流单号, 支付单号). */
  code(i: number, required = false): string | null {
    if (i < 0) return null;
    const v = parseCode(this.cells[i]);
    return typeof v === 'string' ? v : this.miss(i, v, required);
  }

  phone(i: number): string | null {
    if (i < 0) return null;
    const v = parsePhone(this.cells[i]);
    return typeof v === 'string' ? v : this.miss(i, v, false);
  }

  /** Money in fen; negative amounts are rejected unless `signed`. */
  money(i: number, required = false, signed = false): number | null {
    if (i < 0) return null;
    const v = parseMoney(this.cells[i]);
    if (typeof v !== 'number') return this.miss(i, v, required);
    if (v < 0 && !signed) return this.miss(i, PROBLEM.negativeMoney, false);
    return v;
  }

  /** Derived money (客单价, UV价值, 千次展现花费) rounded to the fen. */
  moneyRounded(i: number): number | null {
    if (i < 0) return null;
    const v = parseMoneyRounded(this.cells[i]);
    if (typeof v !== 'number') return this.miss(i, v, false);
    if (v < 0) return this.miss(i, PROBLEM.negativeMoney, false);
    return v;
  }

  /** Non-negative whole number (quantities, counts). */
  count(i: number, required = false): number | null {
    if (i < 0) return null;
    const v = parseInteger(this.cells[i]);
    if (typeof v !== 'number') return this.miss(i, v, required);
    if (v < 0) return this.miss(i, PROBLEM.negative, false);
    return v;
  }

  decimal(i: number, required = false): number | null {
    if (i < 0) return null;
    const v = parseDecimal(this.cells[i]);
    if (typeof v !== 'number') return this.miss(i, v, required);
    if (v < 0) return this.miss(i, PROBLEM.negative, false);
    return v;
  }

  /** Rate or ratio in basis points (2.35% → 235, ROI 3.25 → 32500). */
  basisPoints(i: number): number | null {
    if (i < 0) return null;
    const v = parseBasisPoints(this.cells[i]);
    return typeof v === 'number' ? v : this.miss(i, v, false);
  }

  seconds(i: number): number | null {
    if (i < 0) return null;
    const v = parseDurationSeconds(this.cells[i]);
    return typeof v === 'number' ? v : this.miss(i, v, false);
  }

  instant(i: number, required = false): Date | null {
    if (i < 0) return null;
    const v = parseInstant(this.cells[i]);
    return v instanceof Date ? v : this.miss(i, v, required);
  }

  date(i: number, required = false): string | null {
    if (i < 0) return null;
    const v = parseBusinessDate(this.cells[i]);
    return typeof v === 'string' ? v : this.miss(i, v, required);
  }

  timeOfDay(i: number): string | null {
    if (i < 0) return null;
    const v = parseTimeOfDay(this.cells[i]);
    return typeof v === 'string' ? v : this.miss(i, v, false);
  }

  bool(i: number): boolean | null {
    if (i < 0) return null;
    return this.take(i, parseBool(this.cells[i]), false);
  }

  address(i: number): Address | null {
    if (i < 0) return null;
    return parseAddress(this.cells[i]);
  }

  /** Maps a cell through a table of known values (statuses, enums); unknown text is a problem. */
  oneOf<T>(
    i: number,
    lookup: (text: string) => T | undefined,
    required = false,
    problem = PROBLEM.value,
  ): T | null {
    if (i < 0) return null;
    const s = parseText(this.cells[i]);
    if (s === null) {
      if (required) this.fail(i, PROBLEM.required);
      return null;
    }
    const v = lookup(s);
    if (v === undefined) {
      this.fail(i, problem);
      return null;
    }
    return v;
  }
}
