import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../core/errors';
import type { ParseFileOptions } from './parse-file';
import { openStagedBatches } from './staged-batches';

/**
 * Parses one file and posts its COPY-encoded batches to the main thread, at most `window`
 * batches ahead of what the main thread has acknowledged (so memory stays flat).
 */
type Input = { path: string; opts: ParseFileOptions; window: number };
const { path, opts, window } = workerData as Input;
const port = parentPort!;
let credits = window;
let wake: (() => void) | null = null;
let stopped = false;
port.on('message', (m: { type: 'ack' } | { type: 'stop' }) => {
  if (m.type === 'ack') credits++;
  if (m.type === 'stop') stopped = true;
  wake?.();
  wake = null;
});

try {
  const file = await openStagedBatches(path, opts);
  port.postMessage({ type: 'header', header: file.header });
  try {
    for await (const batch of file.batches) {
      while (credits <= 0 && !stopped)
        await new Promise<void>((res) => {
          wake = res;
        });
      if (stopped) break;
      credits--;
      // The COPY bytes move to the main thread, not copied.
      port.postMessage({ type: 'batch', batch }, [batch.data.buffer as ArrayBuffer]);
    }
  } finally {
    await file.close();
  }
  port.postMessage({ type: 'end' });
} catch (e) {
  const err = isAppError(e)
    ? { app: true, code: e.code, status: e.status, message: e.message, params: e.params, details: e.details }
    : { app: false, message: (e as Error)?.stack ?? String(e) };
  port.postMessage({ type: 'error', error: err });
}
port.close();
