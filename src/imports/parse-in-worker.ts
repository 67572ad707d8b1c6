import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors';
import type { ParseFileOptions } from './parse-file';
import type { StagedBatch, StagedHeader } from './staged-batches';
import { openStagedBatches } from './staged-batches';

type Msg =
  | { type: 'header'; header: StagedHeader }
  | { type: 'batch'; batch: StagedBatch }
  | { type: 'end' }
  | {
      type: 'error';
      error:
        | {
            app: true;
            code: string;
            status: number;
            message: string;
            params: Record<string, string | number>;
            details: unknown;
          }
        | { app: false; message: string };
    };

/** How many parsed batches may wait for the database at once. */
const WINDOW = 3;

/**
 * Parses a file (decode, split, adapter, COPY encoding) inline, or in a worker thread. The
 * caller chooses (imports.service `parseInWorker`): a worker on PostgreSQL, where parsing is the
 * import's largest CPU cost and runs beside the server's work; inline on PGlite, where the one
 * thread that runs the database is the bottleneck and the worker saved no time (14.1 s vs 14.4 s
 * for 250 k orders) while costing memory (676 MB vs 599 MB peak RSS).
 */
export async function openParsedFile(
  path: string,
  opts: ParseFileOptions,
  where: { worker: boolean },
): Promise<{ header: StagedHeader; batches: AsyncIterable<StagedBatch>; close(): Promise<void> }> {
  if (!where.worker) return openStagedBatches(path, opts);

  const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
    workerData: { path, opts, window: WINDOW },
    // The parser's garbage is short-lived: a small old generation makes V8 collect it early
    // instead of growing, which keeps the import's memory flat whatever the file size. The young
    // generation is the main thread's default (16 MB semi-spaces): at 16 MB in all, a batch's
    // rows outlived the scavenges and were promoted, and the parser spent its time in full GCs.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 48 },
  });
  const queue: Msg[] = [];
  let waiting: ((m: Msg) => void) | null = null;
  let exited = false;
  const push = (m: Msg) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else queue.push(m);
  };
  worker.on('message', push);
  worker.on('error', (e) => push({ type: 'error', error: { app: false, message: e.stack ?? String(e) } }));
  worker.on('exit', () => {
    exited = true;
    push({ type: 'error', error: { app: false, message: 'parser worker exited' } });
  });
  const next = () =>
    new Promise<Msg>((res) => {
      if (queue.length) res(queue.shift()!);
      else waiting = res;
    });
  const fail = (m: Extract<Msg, { type: 'error' }>): never => {
    const e = m.error;
    if (e.app)
      throw new AppError(e.code, e.status, e.message, { params: e.params, details: e.details as never });
    throw new Error(e.message);
  };
  const close = async () => {
    if (!exited) {
      worker.postMessage({ type: 'stop' });
      await worker.terminate();
    }
  };

  const first = await next();
  if (first.type === 'error') {
    await close();
    fail(first);
  }
  if (first.type !== 'header') {
    await close();
    throw new Error(`parser worker: unexpected ${first.type}`);
  }
  async function* batches(): AsyncGenerator<StagedBatch> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'batch') {
          worker.postMessage({ type: 'ack' });
          yield m.batch;
        } else if (m.type === 'end') return;
        else if (m.type === 'error') fail(m);
      }
    } finally {
      await close();
    }
  }
  return { header: first.header, batches: batches(), close };
}
