import { IdHashSet } from '../core/id-set';
import { CopyBytes } from '../db/copy';
import { noteTimeBounds, type TimeBounds } from '../db/facts';
import type { ImportKind } from './adapter';
import { type ParseFileOptions, parseFile } from './parse-file';
import type { RowReject } from './row';
import { SINKS } from './sinks';

/**
 * A file read, parsed and encoded as COPY text for its fact table's staging: the CPU-heavy half
 * of an import, which runs in a worker thread (see parse-worker) so that it overlaps with the
 * database work of the main thread.
 */
export type StagedHeader = { kind: ImportKind; version: string };
export type StagedBatch = {
  /** COPY text in UTF-8: row_no, then the sink's columns (its own ArrayBuffer: transferable). */
  data: Uint8Array;
  rowCount: number;
  records: number;
  rejectedRows: number;
  rejects: RowReject[];
  /** A platform id of this batch was seen before in the file (the merge then keeps the last). */
  duplicateIds: boolean;
  /** The range of the batch's time columns (see TimeBounds). */
  bounds: TimeBounds;
};

export async function openStagedBatches(
  path: string,
  opts: ParseFileOptions,
): Promise<{ header: StagedHeader; batches: AsyncIterable<StagedBatch>; close(): Promise<void> }> {
  const parsed = await parseFile(path, { batchSize: 5000, ...opts });
  const sink = SINKS[parsed.kind];
  const seen = new IdHashSet();
  const out = new CopyBytes(1 << 20);
  async function* batches(): AsyncGenerator<StagedBatch> {
    for await (const b of parsed.batches) {
      let duplicateIds = false;
      const bounds: TimeBounds = {};
      for (let i = 0; i < b.records.length; i++) {
        const record = b.records[i] as Record<string, unknown>;
        if (seen.add(record.platformId as string)) duplicateIds = true;
        sink.writeCopyLine(out, b.recordRows[i], record);
        noteTimeBounds(bounds, sink.timeFields, record);
      }
      yield {
        // (a buffer of its own each time: a transferred buffer is detached)
        data: out.take(),
        rowCount: b.rowCount,
        records: b.records.length,
        rejectedRows: b.rejectedRows,
        rejects: b.rejects,
        duplicateIds,
        bounds,
      };
    }
  }
  return {
    header: { kind: parsed.kind, version: parsed.version.id },
    batches: batches(),
    close: parsed.close,
  };
}
