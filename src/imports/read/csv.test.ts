import { describe, expect, it } from 'vitest';
import { csvRecords, guessDelimiter } from './csv';

async function records(text: string, chunk = 1 << 16): Promise<string[][]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const out: string[][] = [];
  for await (const rows of csvRecords(chunks())) out.push(...rows);
  return out;
}

describe('splitting CSV records', () => {
  it('splits \\r\\n lines into arrays of cells', async () => {
    expect(await records('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('accepts \\n and a missing final line end', async () => {
    expect(await records('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a quoted field with a newline and a comma as one cell, whatever the chunking', async () => {
    const text = '订单编号,买家留言\r\n="1","麻烦包装好一点,\r\n是""礼物"""\r\n="2",\r\n';
    for (const chunk of [1, 2, 3, 7, 64]) {
      expect(await records(text, chunk)).toEqual([
        ['订单编号', '买家留言'],
        ['="1"', '麻烦包装好一点,\r\n是"礼物"'],
        ['="2"', ''],
      ]);
    }
  });

  it('keeps the trailing empty column of item rows (the adapter ignores it)', async () => {
    expect(await records('a,b\r\n1,2,\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2', ''],
    ]);
  });

  it('errors on a quote that never closes, naming the row', async () => {
    await expect(records('a,b\r\n1,2\r\n3,"never closed\r\n4,5\r\n')).rejects.toMatchObject({
      code: 'import.unterminated_quote',
      params: { row: 3 },
    });
  });

  it('errors on a malformed quote', async () => {
    await expect(records('a,b\r\n1,"x"y\r\n2,3\r\n')).rejects.toMatchObject({
      code: 'import.malformed_quote',
    });
  });

  it('reads tab-separated files', async () => {
    expect(guessDelimiter('a\tb\tc\r\n')).toBe('\t');
    expect(guessDelimiter('"a\tb",c\r\n')).toBe(',');
    expect(await records('a\tb\r\n1\t2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
