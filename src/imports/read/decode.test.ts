import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeStream, firstInvalidUtf8 } from './decode';

async function* chunksOf(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function decodeAll(buf: Buffer, size = 1 << 16) {
  const d = decodeStream(chunksOf(buf, size));
  let text = '';
  for await (const t of d.text) text += t;
  return { text, encoding: d.encoding() };
}

const SAMPLE =
  '订单编号,买家会员名,收货地址\r\n="35153131473293579",小王爱买,广东省 广州市 越秀区 中山五路33号(510030)\r\n';

describe('decoding platform CSV bytes', () => {
  it('reads GBK as GB18030', async () => {
    const r = await decodeAll(iconv.encode(SAMPLE, 'gbk'));
    expect(r).toEqual({ text: SAMPLE, encoding: 'gb18030' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    const r = await decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]));
    expect(r).toEqual({ text: SAMPLE, encoding: 'utf-8-bom' });
  });

  it('reads UTF-8 without a BOM', async () => {
    expect(await decodeAll(Buffer.from(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('keeps characters cut by a chunk boundary whole (every chunk size, both encodings)', async () => {
    const gbk = iconv.encode(SAMPLE, 'gbk');
    const utf8 = Buffer.from(SAMPLE);
    for (const size of [1, 2, 3, 5, 7]) {
      expect((await decodeAll(gbk, size)).text).toBe(SAMPLE);
      expect((await decodeAll(utf8, size)).text).toBe(SAMPLE);
    }
  });

  it('waits for the first non-ASCII byte to decide, even many chunks in', async () => {
    const ascii = 'a,b,c\r\n'.repeat(20_000);
    const r = await decodeAll(
      Buffer.concat([Buffer.from(ascii), iconv.encode('中文,测试\r\n', 'gbk')]),
      4096,
    );
    expect(r.encoding).toBe('gb18030');
    expect(r.text.endsWith('中文,测试\r\n')).toBe(true);
  });

  it('errors (not mojibake) when a UTF-8 file later has bytes that are not UTF-8', async () => {
    const head = Buffer.from(`${SAMPLE.repeat(2000)}`);
    const tail = iconv.encode('王小明,交易成功\r\n', 'gbk');
    const d = decodeStream(chunksOf(Buffer.concat([head, tail]), 1 << 16));
    let text = '';
    const err = await (async () => {
      try {
        for await (const t of d.text) text += t;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).byteOffset).toBe(head.length);
    expect(text).toBe(head.toString());
  });

  it('errors on a byte that is not GBK', async () => {
    const bad = Buffer.concat([iconv.encode('订单编号,状态\r\n', 'gbk'), Buffer.from([0x41, 0xff, 0x42])]);
    await expect(decodeAll(bad)).rejects.toBeInstanceOf(DecodeError);
  });

  it('refuses UTF-16 (Excel "Unicode text")', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    await expect(decodeAll(utf16)).rejects.toMatchObject({ code: 'import.unsupported_encoding' });
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('中文'))).toBe(6);
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('ab'), Buffer.from([0xc3, 0x28])]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xe4, 0xb8]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
  });
});
