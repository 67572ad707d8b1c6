/**
 * The shared "Export to XLSX" of every list. exceljs is loaded only when someone exports, so it
 * stays out of the first page load.
 */

export type XlsxCell = string | number | boolean | Date | null | undefined;

export type XlsxColumn<T> = {
  header: string;
  /** Column width in characters (default: from the header and values, 8–60). */
  width?: number;
  value: (row: T) => XlsxCell;
  /** Excel number format, e.g. '0.00' or 'yyyy-mm-dd hh:mm'. */
  numFmt?: string;
};

export type XlsxOptions<T> = {
  /** File name without extension; a timestamp is appended. */
  fileName: string;
  sheetName?: string;
  columns: XlsxColumn<T>[];
  rows: T[];
};

type ExcelModule = typeof import('exceljs');

async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.Workbook ? mod : (mod.default as ExcelModule);
}

const displayWidth = (s: string) => {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
};

/** Builds the workbook bytes (no browser APIs: testable under Node). */
export async function buildXlsx<T>(opts: XlsxOptions<T>): Promise<ArrayBuffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'StoreOps';
  wb.created = new Date();
  // Sheet names: max 31 chars, none of []:*?/\
  const sheetName = (opts.sheetName ?? opts.fileName).replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c, i) => {
    let width = c.width;
    if (!width) {
      width = displayWidth(c.header);
      for (const row of opts.rows.slice(0, 200)) {
        const v = c.value(row);
        if (v !== null && v !== undefined) width = Math.max(width, displayWidth(String(v)));
      }
      width = Math.min(60, Math.max(8, width + 2));
    }
    return { header: c.header, key: `c${i}`, width, style: c.numFmt ? { numFmt: c.numFmt } : undefined };
  });
  for (const row of opts.rows) {
    const values: Record<string, XlsxCell> = {};
    opts.columns.forEach((c, i) => {
      const v = c.value(row);
      values[`c${i}`] = v === undefined ? null : v;
    });
    ws.addRow(values);
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F5FF' } };
  if (opts.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: opts.columns.length } };
  }
  const buf = await wb.xlsx.writeBuffer();
  return buf as ArrayBuffer;
}

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** Builds the workbook and lets the browser download it. Returns the number of data rows. */
export async function exportXlsx<T>(opts: XlsxOptions<T>): Promise<number> {
  const bytes = await buildXlsx(opts);
  const blob = new Blob([bytes], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${opts.fileName}-${stamp()}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return opts.rows.length;
}
