import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Ctx } from '../core/context';
import { AppError, badInput, isAppError } from '../core/errors';
import { collectGarbageAbove } from '../core/gc';
import { newId } from '../core/ids';
import type { DbOrTx } from '../db/client';
import {
  type CopyWriter,
  encodeCopyValue,
  openCopyWriter,
  quoteIdent,
  relabelLines,
  sqlLiteral,
} from '../db/copy';
import {
  analyzeStage,
  createStage,
  dropStage,
  insertStage,
  isStageOf,
  type MergeCounts,
  mergeStage,
  mergeTimeBounds,
  refreshFactStatistics,
  stageTableName,
  storeHasFacts,
  type TimeBounds,
} from '../db/facts';
import { dropKnownLines, type KnownRows, readKnownRows } from '../db/row-hash';
import * as schema from '../db/schema';
import { translate } from '../locales';
import { type BindContext, type ImportKind, isImportKind } from './adapter';
import { type FollowerError, runAfterImport } from './after-import';
import { importRuns } from './imports.schema';
import { openParsedFile } from './parse-in-worker';
import type { RowReject } from './row';
import { SINKS } from './sinks';

/** How many rejected rows are kept with an import (all are counted). */
export const MAX_KEPT_REJECTS = 1000;

export type ImportStatus = 'running' | 'done' | 'rejected' | 'failed' | 'duplicate';

/** The result shape of DESIGN.md (CLI --json and API), plus the run's id and status. */
export type ImportResult = {
  id: string;
  kind: ImportKind | null;
  version: string | null;
  file: string;
  status: ImportStatus;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  rejected: RowReject[];
  error: ImportError | null;
  /** The same file was imported into this store before: nothing was written. */
  duplicateOf: string | null;
  durationMs: number;
  /**
   * The after-import followers (rollups, checks, queues…) that failed: the facts are stored and the
   * import is done, but what those modules derive from them is not up to date.
   */
  followerErrors: FollowerError[];
};

export type ImportRequest = {
  /** The run's id, when the caller needs it before the import ends (async HTTP uploads). */
  id?: string;
  storeId: string;
  personId: string | null;
  /** A file kind, or 'auto' to detect it from the file name and headers. */
  kind: ImportKind | 'auto';
  path: string;
  /** The name the user knows the file by (uploads are stored under another name). */
  fileName?: string;
  /** Import the good rows even when some rows are rejected. */
  allowPartial?: boolean;
  context?: BindContext;
  onProgress?: (p: { phase: 'stage' | 'merge'; rows: number; totalBytes: number }) => void;
  /**
   * Batch and chunk sizes (tests make them small to exercise chunked merging); `direct: false`
   * never loads straight into the facts; `known` forces the skipping of rows the facts hold
   * already on or off (default: by the file's size against the table's, see `wantKnownRows`).
   */
  tuning?: { batchRows?: number; chunkRows?: number; direct?: boolean; known?: boolean };
};

async function hashFile(path: string): Promise<{ hash: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hash: h.digest('hex'), bytes };
}

export type ImportError = {
  code: string;
  /** zh-CN */
  message: string;
  messageEn: string;
  params: Record<string, string | number>;
  details?: unknown;
};

/** A file-level error in both languages, from the locale catalogs by code. */
function importError(
  code: string,
  params: Record<string, string | number>,
  fallback: string,
  details?: unknown,
): ImportError {
  // Errors of the parsing layer carry "中文 / English" as their own text: split it as a fallback.
  const [zh, en] = fallback.includes(' / ') ? fallback.split(' / ', 2) : [fallback, fallback];
  return {
    code,
    message: translate('zh-CN', code, params) ?? zh,
    messageEn: translate('en-US', code, params) ?? en,
    params,
    ...(details !== undefined ? { details } : {}),
  };
}

function errorInfo(e: unknown): ImportError {
  if (isAppError(e)) return importError(e.code, e.params, e.message, e.details);
  return importError('import.failed', {}, (e as Error)?.message ?? String(e));
}

const runLockKey = (id: string) => `storeops-import-run:${id}`;

/**
 * On PostgreSQL a running import holds a session advisory lock on a connection of its own:
 * when its process dies, the server drops the connection and the lock, so a sweeper on any app
 * server can tell a dead import from a live one at once. (PGlite is one process: nothing to do.)
 * The same connection merges a large file chunk by chunk (see `importFile`).
 */
async function holdRunLock(
  ctx: Ctx,
  id: string,
): Promise<{ client: pg.PoolClient | null; release: () => Promise<void> }> {
  if (ctx.database.engine !== 'postgres') return { client: null, release: async () => undefined };
  const client = await ctx.database.pool!.connect();
  await client.query('select pg_advisory_lock(hashtext($1))', [runLockKey(id)]);
  return {
    client,
    release: async () => {
      try {
        await client.query('select pg_advisory_unlock(hashtext($1))', [runLockKey(id)]);
      } finally {
        client.release();
      }
    },
  };
}

/** True when no live process holds the run's lock (PostgreSQL), or always on PGlite. */
async function isRunAbandoned(ctx: Ctx, id: string): Promise<boolean> {
  if (ctx.database.engine !== 'postgres') return true;
  const client = await ctx.database.pool!.connect();
  try {
    const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
      runLockKey(id),
    ]);
    if (r.rows[0].ok) await client.query('select pg_advisory_unlock(hashtext($1))', [runLockKey(id)]);
    return r.rows[0].ok;
  } finally {
    client.release();
  }
}

/**
 * Imports one file into one store: one file = one transaction. Rows are parsed in batches and
 * staged with COPY (between batches other requests run), then merged into the facts in one
 * short transaction. A file with rejected rows is refused whole unless `allowPartial`.
 */
export async function importFile(ctx: Ctx, req: ImportRequest): Promise<ImportResult> {
  try {
    return await importOnce(ctx, req, true);
  } catch (e) {
    // A first load loaded straight into the facts met an id twice: rolled back, done again the
    // staged way (same run).
    if (e instanceof DirectDeclined) return importOnce(ctx, { ...req, id: e.importId }, false);
    throw e;
  }
}

/** Thrown (after rolling back) when a direct first load meets an id twice in its file. */
class DirectDeclined extends Error {
  constructor(readonly importId: string) {
    super('direct load declined: an id repeats in the file');
  }
}

async function importOnce(ctx: Ctx, req: ImportRequest, allowDirect: boolean): Promise<ImportResult> {
  const started = Date.now();
  const now = ctx.clock.now();
  const id = req.id ?? newId(now.getTime());
  const file = req.fileName ?? basename(req.path);
  const db = ctx.database.db;
  const { hash, bytes } = await hashFile(req.path);
  const base: ImportResult = {
    id,
    kind: req.kind === 'auto' ? null : req.kind,
    version: null,
    file,
    status: 'running',
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejectedCount: 0,
    rejected: [],
    error: null,
    duplicateOf: null,
    durationMs: 0,
    followerErrors: [],
  };
  /** The columns of a run that say how it ended (written at the end, whatever the end). */
  const outcome = (r: ImportResult) => ({
    kind: r.kind ?? 'unknown',
    version: r.version,
    status: r.status,
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejectedCount: r.rejectedCount,
    rejected: r.rejected.length ? (r.rejected as never) : null,
    error: r.error as never,
    finishedAt: ctx.clock.now(),
    durationMs: r.durationMs,
    progressRows: r.rows,
    duplicateOf: r.duplicateOf,
  });
  const record = async (r: ImportResult) => {
    r.durationMs = Date.now() - started;
    await db
      .insert(importRuns)
      .values({
        storeId: req.storeId,
        id,
        fileName: file,
        fileHash: hash,
        fileBytes: bytes,
        allowPartial: req.allowPartial ?? false,
        personId: req.personId,
        startedAt: now,
        ...outcome(r),
      })
      .onConflictDoUpdate({ target: [importRuns.storeId, importRuns.id], set: outcome(r) });
    return r;
  };

  // The same bytes imported into this store before: report it, write nothing.
  const [dup] = await db
    .select({ id: importRuns.id, kind: importRuns.kind, rows: importRuns.rows, version: importRuns.version })
    .from(importRuns)
    .where(
      and(eq(importRuns.storeId, req.storeId), eq(importRuns.fileHash, hash), eq(importRuns.status, 'done')),
    )
    .orderBy(desc(importRuns.startedAt))
    .limit(1);
  if (dup) {
    return record({
      ...base,
      kind: isImportKind(dup.kind) ? dup.kind : null,
      version: dup.version,
      status: 'duplicate',
      rows: dup.rows,
      unchanged: dup.rows,
      duplicateOf: dup.id,
    });
  }

  let parsed: Awaited<ReturnType<typeof openParsedFile>> | null = null;
  let runLock: Awaited<ReturnType<typeof holdRunLock>> | null = null;
  /** Staging tables created so far (chunks 1…n). */
  let chunks = 0;
  /** The chunk-by-chunk merge's transaction (PostgreSQL, large files), when open. */
  let progressive: ProgressiveMerge | null = null;
  /** The COPY into the current staging table. */
  let writer: CopyWriter | null = null;
  /** A first load's COPY straight into the facts, when open. */
  let direct: DirectLoad | null = null;
  /** A large re-import's transaction, with the ids and hashes of the store's facts, when open. */
  let known: KnownLoad | null = null;
  const result = { ...base };
  try {
    if (req.kind !== 'auto' && !isImportKind(req.kind))
      throw badInput('import.unknown_kind_name', `Unknown file kind: ${req.kind}`, {
        params: { kind: req.kind },
      });
    parsed = await openParsedFile(
      req.path,
      {
        kind: req.kind === 'auto' ? undefined : req.kind,
        fileName: file,
        channel: req.context?.channel,
        period: req.context?.period,
        ...(req.tuning?.batchRows ? { batchSize: req.tuning.batchRows } : {}),
      },
      { worker: parseInWorker(ctx, bytes) },
    );
    const kind = parsed.header.kind;
    result.kind = kind;
    result.version = parsed.header.version;
    const sink = SINKS[kind];

    runLock = await holdRunLock(ctx, id);
    await db
      .insert(importRuns)
      .values({
        storeId: req.storeId,
        id,
        kind,
        version: result.version,
        fileName: file,
        fileHash: hash,
        fileBytes: bytes,
        status: 'running',
        allowPartial: req.allowPartial ?? false,
        personId: req.personId,
        startedAt: now,
        heartbeatAt: ctx.clock.now(),
      })
      .onConflictDoUpdate({
        target: [importRuns.storeId, importRuns.id],
        set: { status: 'running', heartbeatAt: ctx.clock.now() },
      });
    const mergeParams = { storeId: req.storeId, importId: id, now: ctx.clock.now() };
    // A store's first load of this kind on PostgreSQL: straight into the facts (see openDirectLoad).
    direct =
      allowDirect &&
      runLock.client &&
      !sink.afterMerge &&
      req.tuning?.direct !== false &&
      process.env.STOREOPS_IMPORT_DIRECT !== '0'
        ? await openDirectLoad(ctx, runLock.client, sink, mergeParams)
        : null;
    if (direct && process.env.STOREOPS_IMPORT_TRACE === '1')
      process.stderr.write('trace first load: straight into the facts\n');
    // A large file into a store that has facts of this kind (a re-export of the year, most rows
    // unchanged): the rows whose id and hash the facts hold are not staged at all.
    if (!direct && runLock.client && (await wantKnownRows(ctx, sink, bytes, req.tuning?.known))) {
      const k0 = performance.now();
      known = await openKnownLoad(runLock.client, sink, mergeParams);
      if (known && process.env.STOREOPS_IMPORT_TRACE === '1')
        process.stderr.write(
          `trace re-import: ${known.rows.count} known rows read in ${(performance.now() - k0).toFixed(0)} ms (${known.rows.bytes >> 20} MB) ${memTrace()}\n`,
        );
    }
    let stage = direct ? '' : await createStage(ctx.database, sink, id, ++chunks);
    const stageColumns = ['row_no', ...sink.columns];
    // One COPY per staging table, fed batch by batch (PostgreSQL: one open COPY stream).
    writer = direct ? null : openCopyWriter(ctx.database, stage, stageColumns);
    // The first load of a store (no facts of this kind yet; a year of history is the largest
    // file a store ever imports) is, on PostgreSQL, inserted chunk by chunk in one transaction on
    // the run's own connection while the next chunk is parsed and staged: the database's half of
    // the work overlaps the parser's instead of following it. (Not on PGlite: one thread does
    // both, and an open transaction there would hold up every other request. Not for a kind
    // whose merge has an afterMerge step: that reads the whole staging table.)
    const chunkRows =
      runLock.client && !sink.afterMerge && !known
        ? (req.tuning?.chunkRows ?? Number(process.env.STOREOPS_IMPORT_CHUNK_ROWS ?? CHUNK_ROWS))
        : 0;
    let stagedInChunk = 0;
    let chunkDuplicates = false;
    let abandoned = false;
    /** Rows not staged because the facts hold them as they are (a known load). */
    let skipped = 0;
    /** A repeated id turned the skipping off (its last row must win: every row is staged). */
    let skipping = known !== null;

    let lastBeat = Date.now();
    const trace = process.env.STOREOPS_IMPORT_TRACE === '1';
    let copyMs = 0;
    const loopStart = performance.now();
    let duplicateIds = false;
    /** The file's good rows and the range of their time columns. */
    let records = 0;
    const bounds: TimeBounds = {};
    let collections = 0;
    let gcMs = 0;
    const gcBudget = Number(process.env.STOREOPS_IMPORT_GC_BUDGET_MB ?? GC_BUDGET_MB) * 1048576;
    for await (const batch of parsed.batches) {
      if (batch.duplicateIds) {
        duplicateIds = true;
        chunkDuplicates = true;
        // An id seen in a chunk that is already merged: its earlier row must not count as a
        // write of its own. Undo the chunks merged so far and merge the file as one at the end.
        if (progressive) {
          await progressive.abandon();
          progressive = null;
          abandoned = true;
          if (trace) process.stderr.write('trace chunked merge abandoned: an id repeats across chunks\n');
        }
      }
      result.rows += batch.rowCount;
      // A large file's garbage (decoded text, records, COPY payloads) is collected as it goes
      // instead of letting the heap grow to V8's liking: see collectGarbage.
      const g0 = performance.now();
      if (collectGarbageAbove(gcBudget)) {
        collections++;
        gcMs += performance.now() - g0;
      }
      result.rejectedCount += batch.rejectedRows;
      for (const rej of batch.rejects) {
        if (result.rejected.length >= MAX_KEPT_REJECTS) break;
        result.rejected.push(rej);
      }
      // A file that will be refused whole needs no staging of its good rows.
      records += batch.records;
      mergeTimeBounds(bounds, batch.bounds);
      if (direct && batch.records && (result.rejectedCount === 0 || req.allowPartial)) {
        // An id twice: its last row must win and count once, which the staged merge does.
        if (batch.duplicateIds) {
          await direct.rollback();
          direct = null;
          throw new DirectDeclined(id);
        }
        const c0 = performance.now();
        await direct.write(batch.data, batch.records);
        copyMs += performance.now() - c0;
      } else if (!direct && batch.records && (result.rejectedCount === 0 || req.allowPartial)) {
        // The batch goes into the open COPY while the next one is parsed (PostgreSQL takes the
        // rows on its own time; `write` waits only when the socket is full).
        const c0 = performance.now();
        // Not staged: rows the facts hold with the same hash. Once an id repeats in the file,
        // every row from its batch on is staged (its last row wins in the merge; an earlier row
        // left out was as the facts are, so the later one still wins).
        if (known && skipping && batch.duplicateIds) skipping = false;
        let data = batch.data;
        let lines = batch.records;
        if (known && skipping) {
          const kept = dropKnownLines(data, known.rows);
          data = kept.data;
          lines = kept.lines;
          skipped += kept.dropped;
        }
        // (Never between a batch with a repeated id and the rows before it.)
        if (chunkRows > 0 && stagedInChunk >= chunkRows && !abandoned && !batch.duplicateIds) {
          // This chunk is complete: merge it (on the run's connection) while the next is staged.
          progressive ??= await openProgressiveMerge(runLock.client!, req.storeId, sink, mergeParams);
          if (progressive) {
            await writer!.end();
            progressive.merge(stage, chunkDuplicates);
            stage = await createStage(ctx.database, sink, id, ++chunks);
            writer = openCopyWriter(ctx.database, stage, stageColumns);
            stagedInChunk = 0;
            chunkDuplicates = false;
          } else {
            abandoned = true; // the store has facts of this kind: one merge at the end
            if (trace)
              process.stderr.write('trace chunked merge declined: the store has facts of this kind\n');
          }
        }
        await writer!.write(data);
        stagedInChunk += lines;
        copyMs += performance.now() - c0;
      }
      if (Date.now() - lastBeat > 1000) {
        lastBeat = Date.now();
        await db
          .update(importRuns)
          .set({ progressRows: result.rows, heartbeatAt: ctx.clock.now() })
          .where(and(eq(importRuns.storeId, req.storeId), eq(importRuns.id, id)));
      }
      req.onProgress?.({ phase: 'stage', rows: result.rows, totalBytes: bytes });
    }

    await writer?.end();
    writer = null;

    if (result.rejectedCount > 0 && !req.allowPartial) {
      if (direct) await direct.rollback();
      direct = null;
      if (known) await known.rollback();
      known = null;
      if (progressive) await progressive.abandon();
      progressive = null;
      result.status = 'rejected';
      result.error = importError('import.rows_rejected', { count: result.rejectedCount }, '');
      await dropStage(db, id, chunks);
      chunks = 0;
      return record(result);
    }

    req.onProgress?.({ phase: 'merge', rows: result.rows, totalBytes: bytes });
    const mergeStart = performance.now();
    if (trace)
      process.stderr.write(
        `trace stage loop ${(mergeStart - loopStart).toFixed(0)} ms (copy ${copyMs.toFixed(0)} ms, ${chunks} chunk(s), ${known ? `${skipped} rows known and not staged, ` : ''}${collections} GCs ${gcMs.toFixed(0)} ms) ${memTrace()}\n`,
      );
    const finish = (c: MergeCounts) => {
      result.inserted = c.inserted;
      result.updated = c.updated;
      result.unchanged = result.rows - result.rejectedCount - c.inserted - c.updated;
      result.status = 'done';
      result.durationMs = Date.now() - started;
    };
    if (direct) {
      // The rows are in; the run's final state in the same transaction.
      const d = direct;
      direct = null;
      await d.commit(async (tx, c) => {
        finish(c);
        await tx
          .update(importRuns)
          .set(outcome(result))
          .where(and(eq(importRuns.storeId, req.storeId), eq(importRuns.id, id)));
      });
    } else if (progressive) {
      // The last chunk, then the run's final state, in the same transaction.
      const p = progressive;
      p.merge(stage, chunkDuplicates);
      await p.commit(async (tx, c) => {
        finish(c);
        await tx
          .update(importRuns)
          .set(outcome(result))
          .where(and(eq(importRuns.storeId, req.storeId), eq(importRuns.id, id)));
      });
      progressive = null;
    } else {
      const stages = Array.from({ length: chunks }, (_, k) => stageTableName(id, k + 1));
      for (const st of stages) await analyzeStage(db, st);
      // One short transaction: the merge and the run's final state land together, or neither.
      const storeHadFacts = known !== null;
      const merge = async (tx: DbOrTx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${storeLockKey(req.storeId)}))`);
        await sink.beforeMerge?.(tx, { storeId: req.storeId, importId: id, stages, now: ctx.clock.now() });
        const p = { ...mergeParams, now: ctx.clock.now(), duplicateIds };
        // A first load staged whole (PGlite; small files): every row is new, so a plain insert
        // (no comparing join, no anti-join probing the facts for each row).
        const c =
          !storeHadFacts && stages.length === 1 && !(await storeHasFacts(tx, sink, req.storeId))
            ? { inserted: await insertStage(tx, sink, stages[0], p), updated: 0 }
            : await mergeStage(tx, sink, stages, p);
        await sink.afterMerge?.(tx, {
          storeId: req.storeId,
          importId: id,
          stage: stages[0],
          now: ctx.clock.now(),
        });
        finish(c);
        await tx
          .update(importRuns)
          .set(outcome(result))
          .where(and(eq(importRuns.storeId, req.storeId), eq(importRuns.id, id)));
      };
      if (known) {
        // In the transaction that read the facts' hashes and holds the store's lock since.
        const k = known;
        known = null;
        await k.commit(merge);
      } else await db.transaction(merge);
    }
    if (trace)
      process.stderr.write(`trace merge ${(performance.now() - mergeStart).toFixed(0)} ms ${memTrace()}\n`);
    await dropStage(db, id, chunks);
    chunks = 0;
    const s0 = performance.now();
    const analysed = await refreshFactStatistics(
      db,
      ctx.database.engine,
      sink.tableName,
      result.inserted + result.updated,
    );
    if (trace && analysed)
      process.stderr.write(`trace analyze ${sink.tableName} ${(performance.now() - s0).toFixed(0)} ms\n`);
    result.followerErrors = await runAfterImport(ctx, {
      storeId: req.storeId,
      importId: id,
      kind: result.kind,
      inserted: result.inserted,
      updated: result.updated,
      // Every good row was written (a first load): the file's time range is what the import touched.
      ...(result.inserted + result.updated === records ? { bounds } : {}),
    });
    return result;
  } catch (e) {
    if (writer) await writer.abort().catch(() => undefined);
    if (direct) await direct.fail().catch(() => undefined);
    if (known) await known.rollback().catch(() => undefined);
    if (e instanceof DirectDeclined) throw e;
    if (progressive) await progressive.abandon().catch(() => undefined);
    if (chunks) await dropStage(db, id, chunks).catch(() => undefined);
    result.status = isAppError(e) && e.status < 500 ? 'rejected' : 'failed';
    result.error = errorInfo(e);
    if (!isAppError(e)) throw Object.assign(e as Error, { importResult: await record(result) });
    return record(result);
  } finally {
    await parsed?.close().catch(() => undefined);
    await runLock?.release().catch(() => undefined);
  }
}

/**
 * Where a file is parsed. A large file on PostgreSQL in a worker thread: parsing (decode, split,
 * typed cells, COPY bytes) is the import's largest CPU cost, and the worker's thread, the main
 * thread (feeding COPY, merging) and the server then run at once. A small file inline: starting
 * a worker (and compiling its sources) costs more than it saves. On PGlite inline: one thread
 * runs the database too, so the worker saved no time and cost memory.
 * `STOREOPS_PARSE_WORKER=1|0` overrides.
 */
function parseInWorker(ctx: Ctx, fileBytes: number): boolean {
  const env = process.env.STOREOPS_PARSE_WORKER;
  if (env === '1') return true;
  if (env === '0') return false;
  return ctx.database.engine === 'postgres' && fileBytes >= WORKER_MIN_BYTES;
}

/** Files from this size up are parsed in a worker on PostgreSQL (~35,000 orders). */
const WORKER_MIN_BYTES = 16 << 20;

/** Memory now, for STOREOPS_IMPORT_TRACE. */
function memTrace(): string {
  const m = process.memoryUsage();
  return `[rss ${m.rss >> 20} MB, heap ${m.heapUsed >> 20}/${m.heapTotal >> 20} MB, buffers ${m.arrayBuffers >> 20} MB]`;
}

/**
 * JavaScript heap in use plus buffers above which an import collects its garbage (about 50 MB
 * are live; a 989 k-order import collects ~40 times, ~1–2 s of CPU, and its peak RSS on PGlite
 * drops from ~590 MB to ~370 MB).
 */
const GC_BUDGET_MB = 96;

/** Rows per chunk of a large file merged chunk by chunk (PostgreSQL). */
const CHUNK_ROWS = 200_000;

const storeLockKey = (storeId: string) => `storeops-import:${storeId}`;

type ProgressiveMerge = {
  /** Queues the merge of one complete staging table (runs while the caller goes on). */
  merge(stage: string, duplicateIds: boolean): void;
  /** Waits for the queued merges, runs `last` in the same transaction, and commits. */
  commit(last: (tx: DbOrTx, counts: MergeCounts) => Promise<void>): Promise<void>;
  /** Waits for the queued merges and rolls them all back. */
  abandon(): Promise<void>;
};

/**
 * One transaction on the run's own connection, for the first load of a store (a year of history,
 * the largest files): it takes the store's import lock (merges into one store never interleave)
 * and checks that the store has no facts of this kind yet, else it declines (null: the file is
 * merged as one at the end). Then every chunk's rows are new and are simply inserted, chunk after
 * chunk, while the next chunk is parsed. They become visible only at `commit`, so one file is
 * still one transaction; a crash or an error rolls all of it back.
 */
async function openProgressiveMerge(
  client: pg.PoolClient,
  storeId: string,
  sink: (typeof SINKS)[ImportKind],
  params: { storeId: string; importId: string; now: Date },
): Promise<ProgressiveMerge | null> {
  const tx = drizzlePg(client, { schema }) as unknown as DbOrTx;
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [storeLockKey(storeId)]);
    if (await storeHasFacts(tx, sink, storeId)) {
      await client.query('rollback');
      return null;
    }
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
  const counts: MergeCounts = { inserted: 0, updated: 0 };
  let chain: Promise<void> = Promise.resolve();
  let failed = false;
  return {
    merge(stage, duplicateIds) {
      chain = chain.then(async () => {
        if (failed) return;
        try {
          counts.inserted += await insertStage(tx, sink, stage, { ...params, duplicateIds });
        } catch (e) {
          failed = true;
          throw e;
        }
      });
      chain.catch(() => undefined); // surfaced at commit; no unhandled-rejection warning meanwhile
    },
    async commit(last) {
      try {
        await chain;
        await last(tx, counts);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      }
    },
    async abandon() {
      await chain.catch(() => undefined);
      await client.query('rollback');
    },
  };
}

type DirectLoad = {
  /** COPY bytes of staged lines (`row_no`, the sink's columns) of `records` rows into the facts. */
  write(data: Uint8Array, records: number): Promise<void>;
  /** Ends the COPY, runs `last` in the same transaction, and commits. */
  commit(last: (tx: DbOrTx, counts: MergeCounts) => Promise<void>): Promise<void>;
  /** Ends the COPY and rolls it all back (the connection stays usable). */
  rollback(): Promise<void>;
  /** After an error: rolls back, or drops the connection when it is mid-COPY. */
  fail(): Promise<void>;
};

/**
 * A store's first load of a kind (no facts of it yet), on PostgreSQL: the rows go with one COPY
 * straight into the fact table, in one transaction on the run's own connection, while the file
 * is still being parsed: no staging table and no insert from it (the server's work for the rows
 * is about the plain COPY's). It takes the store's import lock and checks that the store has no
 * facts of this kind, else declines (null: the staged path). Every row is new and, as long as no
 * id repeats in the file (the caller then rolls back and imports the file the staged way), is
 * inserted once, so the counts are the rows. One file is still one transaction: the rows become
 * visible at `commit`; a crash or an error rolls all of it back.
 */
async function openDirectLoad(
  ctx: Ctx,
  client: pg.PoolClient,
  sink: (typeof SINKS)[ImportKind],
  params: { storeId: string; importId: string; now: Date },
): Promise<DirectLoad | null> {
  const tx = drizzlePg(client, { schema }) as unknown as DbOrTx;
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [storeLockKey(params.storeId)]);
    if (await storeHasFacts(tx, sink, params.storeId)) {
      await client.query('rollback');
      return null;
    }
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
  const columns = ['store_id', ...sink.columns, 'import_id', 'first_seen_at', 'updated_at'];
  const copy = openCopyWriter(ctx.database, sink.tableName, columns, client);
  // Each staged line `row_no \t cols \n` becomes `store_id \t cols \t import_id \t now \t now \n`
  // (COPY text never holds a raw tab or newline inside a value).
  const now = params.now.toISOString();
  const head = Buffer.from(encodeCopyValue(params.storeId));
  const tail = Buffer.from(`\t${encodeCopyValue(params.importId)}\t${now}\t${now}\n`);
  let inserted = 0;
  let copying = false;
  return {
    async write(data, records) {
      copying = true;
      await copy.write(relabelLines(data, records, head, tail));
      inserted += records;
    },
    async commit(last) {
      try {
        await copy.end();
        copying = false;
        await last(tx, { inserted, updated: 0 });
        await client.query('commit');
      } catch (e) {
        if (!copying) await client.query('rollback').catch(() => undefined);
        throw e;
      }
    },
    async rollback() {
      await copy.end();
      copying = false;
      await client.query('rollback');
    },
    async fail() {
      // Mid-COPY the connection cannot take a ROLLBACK: drop it (the server rolls back).
      if (copying) client.release(new Error('import failed mid-COPY'));
      else await client.query('rollback');
    },
  };
}

type KnownLoad = {
  /** The ids and row hashes of the store's facts of this kind, as of the store's lock. */
  rows: KnownRows;
  /** Runs `merge` in the transaction (the store's lock held since the hashes were read), commits. */
  commit(merge: (tx: DbOrTx) => Promise<void>): Promise<void>;
  rollback(): Promise<void>;
};

/**
 * Whether a file is large enough against the facts it lands in to read the store's row hashes
 * first (a known load). Reading them scans the store's facts of this kind (~1 s for a million
 * orders); skipping a row saves staging it and probing the facts for it. So: a file of at least a
 * quarter of the fact table's size on disk (the year's re-export, not a day's file into a year of
 * history). `tuning.known` or `STOREOPS_IMPORT_KNOWN=1|0` decide instead.
 */
async function wantKnownRows(
  ctx: Ctx,
  sink: (typeof SINKS)[ImportKind],
  fileBytes: number,
  forced: boolean | undefined,
): Promise<boolean> {
  if (!sink.hashed || sink.afterMerge) return false; // an afterMerge step reads every row from the stage
  const env = process.env.STOREOPS_IMPORT_KNOWN;
  if (forced !== undefined) return forced;
  if (env === '1' || env === '0') return env === '1';
  const r = (await ctx.database.db.execute(
    sql.raw(`select pg_relation_size(to_regclass(${sqlLiteral(sink.tableName)}))::float8 as n`),
  )) as unknown as { rows: { n: number | null }[] };
  const tableBytes = Number(r.rows[0]?.n ?? 0);
  return tableBytes > 0 && fileBytes * 4 >= tableBytes;
}

/**
 * A re-import into a store that has facts of this kind, on PostgreSQL: one transaction on the
 * run's own connection takes the store's import lock and reads the (platform id, row hash) of the
 * store's facts; the file is then parsed and only the rows whose hash differs (changed or new)
 * are staged, and the merge runs in the same transaction. Holding the lock from the read to the
 * merge, no other import can change a fact in between (a row left out is as the facts are at the
 * merge). Null when the store has no facts of this kind (nothing to skip).
 */
async function openKnownLoad(
  client: pg.PoolClient,
  sink: (typeof SINKS)[ImportKind],
  params: { storeId: string; importId: string; now: Date },
): Promise<KnownLoad | null> {
  const tx = drizzlePg(client, { schema }) as unknown as DbOrTx;
  await client.query('begin');
  let rows: KnownRows;
  try {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [storeLockKey(params.storeId)]);
    if (!(await storeHasFacts(tx, sink, params.storeId))) {
      await client.query('rollback');
      return null;
    }
    const est = await client.query<{ n: number }>(
      `select greatest(reltuples, 0)::float8 as n from pg_class where oid = to_regclass($1)`,
      [quoteIdent(sink.tableName)],
    );
    rows = await readKnownRows(client, sink.tableName, params.storeId, Number(est.rows[0]?.n ?? 0));
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
  return {
    rows,
    async commit(merge) {
      try {
        await merge(tx);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      }
    },
    async rollback() {
      await client.query('rollback');
    },
  };
}

/**
 * After a crash: imports left 'running' whose process is gone (on PostgreSQL: whose run lock
 * nobody holds, since another app server may still be working) are marked failed and their
 * staging tables dropped. Their rows never reached the facts: the merge is one transaction.
 */
export async function sweepInterruptedImports(ctx: Ctx): Promise<number> {
  const db = ctx.database.db;
  const running = await db
    .select({ storeId: importRuns.storeId, id: importRuns.id })
    .from(importRuns)
    .where(eq(importRuns.status, 'running'));
  const stale: typeof running = [];
  for (const run of running) if (await isRunAbandoned(ctx, run.id)) stale.push(run);
  for (const run of stale) {
    await dropStage(db, run.id);
    await db
      .update(importRuns)
      .set({
        status: 'failed',
        error: importError('import.interrupted', {}, '') as never,
        finishedAt: ctx.clock.now(),
      })
      .where(and(eq(importRuns.storeId, run.storeId), eq(importRuns.id, run.id)));
  }
  // Staging tables without a running import (e.g. a crash before the run row was written).
  const r = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_name like 'import_stage_%'`,
  )) as unknown as { rows: { table_name: string }[] };
  const stillRunning = await db
    .select({ id: importRuns.id })
    .from(importRuns)
    .where(eq(importRuns.status, 'running'));
  for (const { table_name } of r.rows) {
    if (!stillRunning.some((x) => isStageOf(table_name, x.id)))
      await db.execute(sql.raw(`drop table if exists "${table_name.replace(/"/g, '')}"`));
  }
  return stale.length;
}

export async function listImports(
  ctx: Ctx,
  storeId: string,
  q: { limit?: number; offset?: number; kind?: string; status?: string },
) {
  const db = ctx.database.db;
  const conds = [eq(importRuns.storeId, storeId)];
  if (q.kind) conds.push(eq(importRuns.kind, q.kind));
  if (q.status) conds.push(eq(importRuns.status, q.status));
  const where = and(...conds);
  const [{ n }] = await db.select({ n: count() }).from(importRuns).where(where);
  const rows = await db
    .select()
    .from(importRuns)
    .where(where)
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(Math.min(q.limit ?? 50, 500))
    .offset(q.offset ?? 0);
  return { total: Number(n), items: rows.map(runDto) };
}

export async function getImport(ctx: Ctx, storeId: string, id: string) {
  const [row] = await ctx.database.db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.storeId, storeId), eq(importRuns.id, id)))
    .limit(1);
  if (!row) throw new AppError('import.not_found', 404, 'No such import');
  return runDto(row);
}

function runDto(r: typeof importRuns.$inferSelect) {
  return {
    id: r.id,
    kind: r.kind,
    version: r.version,
    file: r.fileName,
    fileHash: r.fileHash,
    fileBytes: r.fileBytes,
    status: r.status,
    allowPartial: r.allowPartial,
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejectedCount: r.rejectedCount,
    rejected: (r.rejected as unknown[] | null) ?? [],
    error: r.error,
    personId: r.personId,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    progressRows: r.progressRows,
    duplicateOf: r.duplicateOf,
  };
}

export { SINKS };
