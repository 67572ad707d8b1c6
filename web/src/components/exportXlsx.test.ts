import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildXlsx } from './exportXlsx';

describe('exportXlsx', () => {
  it('writes a header row and one row per record, Chinese intact', async () => {
    const rows = [
      { login: 'zhang', name: '张经理', n: 3 },
      { login: 'li', name: '李客服', n: 0 },
    ];
    const bytes = await buildXlsx({
      fileName: '人员',
      columns: [
        { header: '登录名', value: (r) => r.login },
        { header: '姓名', value: (r) => r.name },
        { header: '数量', value: (r) => r.n },
      ],
      rows,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('人员');
    expect(ws.getRow(1).values).toEqual([undefined, '登录名', '姓名', '数量']);
    expect(ws.getRow(2).values).toEqual([undefined, 'zhang', '张经理', 3]);
    expect(ws.rowCount).toBe(3);
  });
});
