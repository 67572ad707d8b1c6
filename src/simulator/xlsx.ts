import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';

/**
 * A deterministic XLSX writer (exceljs streaming writer, sheet `Sheet1`, shared strings).
 *
 * exceljs stamps the workbook's core properties with its created/modified dates (we fix them) and
 * the zip library stamps every entry with the wall-clock time (we rewrite the DOS date/time of each
 * entry in the local headers and the central directory after the file is written). The result is
 * byte-identical for the same rows.
 */
export type XlsxCell = string | number | null;

export class XlsxWriter {
  readonly path: string;
  rows = 0;
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ws: ExcelJS.Worksheet;
  private readonly stamp: Date;

  /**
   * `stamp` is the fixed instant written as the workbook's created/modified time; zip entries get
   * the same instant as China wall-clock time (DOS timestamps have no zone).
   */
  constructor(path: string, header: readonly string[], stamp: Date, opts: { sharedStrings?: boolean } = {}) {
    this.path = path;
    this.stamp = stamp;
    // Shared strings (what Excel writes) keep every distinct string in memory until the end; big
    // files write inline strings instead so memory stays flat.
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: opts.sharedStrings !== false,
      useStyles: false,
    });
    this.wb.created = stamp;
    this.wb.modified = stamp;
    this.wb.creator = 'Microsoft Office User';
    this.wb.lastModifiedBy = 'Microsoft Office User';
    this.ws = this.wb.addWorksheet('Sheet1');
    this.ws.addRow([...header]).commit();
  }

  addRow(values: readonly XlsxCell[]): void {
    this.ws.addRow(values as XlsxCell[]).commit();
    this.rows++;
  }

  async close(): Promise<{ path: string; rows: number; sha256: string; bytes: number }> {
    this.ws.commit();
    await this.wb.commit();
    await fixZipTimestamps(this.path, this.stamp);
    const sha256 = await sha256File(this.path);
    const { size } = await stat(this.path);
    return { path: this.path, rows: this.rows, sha256, bytes: size };
  }
}

/** Rewrites the DOS modification date/time of every zip entry (local headers + central directory). */
export async function fixZipTimestamps(path: string, stamp: Date): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`${path}: not a zip file`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const { time, date } = dosDateTime(new Date(stamp.getTime() + 8 * 3_600_000));
    const stampBuf = Buffer.alloc(4);
    stampBuf.writeUInt16LE(time, 0);
    stampBuf.writeUInt16LE(date, 2);
    let p = 0;
    for (let i = 0; i < entries; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: bad central directory`);
      stampBuf.copy(cd, p + 12);
      const localOffset = cd.readUInt32LE(p + 42);
      await fh.write(stampBuf, 0, 4, localOffset + 10);
      p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    await fh.write(cd, 0, cdSize, cdOffset);
  } finally {
    await fh.close();
  }
}

function dosDateTime(d: Date): { time: number; date: number } {
  // `d` carries the wall-clock time in its UTC fields.
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
