import { isApiError } from '../../../api/http';
import { type ImportRun, type ImportStatus, importsApi, type UploadOptions } from '../../../api/imports';

/**
 * The files dropped on the import page, uploaded one after another: upload (with progress), then
 * poll the run every 500 ms while it is running, then its result. Lives outside React so the
 * uploads go on (and are still listed) when the person opens another page and comes back.
 */

export type UploadPhase = 'queued' | 'uploading' | 'processing' | 'finished' | 'failed' | 'cancelled';

export type UploadItem = {
  uid: string;
  /** 1, 2, 3… in the order the files were dropped. */
  seq: number;
  storeCode: string;
  name: string;
  size: number;
  options: UploadOptions;
  phase: UploadPhase;
  /** Upload progress, 0–100. */
  percent: number;
  /** Rows the server has read so far. */
  progressRows: number;
  runId?: string;
  /** The run once the server has one (the last one polled; the final one when finished). */
  run?: ImportRun;
  /** Why the upload or the polling failed (an ApiError). */
  error?: unknown;
};

export type QueueDeps = {
  upload: (
    storeCode: string,
    file: Blob,
    fileName: string,
    opts: UploadOptions,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ) => Promise<{ id: string; status: ImportStatus }>;
  get: (storeCode: string, id: string) => Promise<ImportRun>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
};

/** Polling interval while a run is running. */
export const POLL_MS = 500;
/** The run row appears once the file's header is read: a 404 until then is not an error. */
export const NOT_FOUND_GRACE_MS = 10_000;
/** Network or 5xx errors in a row tolerated while polling. */
export const MAX_POLL_ERRORS = 10;

/** The file was uploaded but its run could not be followed; `cause` is the last error. */
export class PollError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PollError';
  }
}

export const isPollError = (e: unknown): e is PollError => e instanceof PollError;

const transient = (e: unknown) => isApiError(e) && (e.status === 0 || e.status >= 500 || e.status === 429);

export class UploadQueue {
  private items: UploadItem[] = [];
  private readonly files = new Map<string, Blob>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly listeners = new Set<() => void>();
  private readonly settledListeners = new Set<(item: UploadItem) => void>();
  private running = false;
  private seq = 0;

  constructor(private readonly deps: QueueDeps) {}

  /** For useSyncExternalStore: a new array whenever anything changed. */
  getSnapshot = (): UploadItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called after each file is finished, failed or cancelled (e.g. to refresh the history). */
  onSettled(listener: (item: UploadItem) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  add(storeCode: string, files: { file: Blob; name: string }[], options: UploadOptions): UploadItem[] {
    const added = files.map(({ file, name }) => {
      this.seq += 1;
      const uid = `u${this.seq}-${Math.random().toString(36).slice(2, 8)}`;
      this.files.set(uid, file);
      const item: UploadItem = {
        uid,
        seq: this.seq,
        storeCode,
        name,
        size: file.size,
        options: { ...options },
        phase: 'queued',
        percent: 0,
        progressRows: 0,
      };
      return item;
    });
    this.items = [...this.items, ...added];
    this.emit();
    void this.pump();
    return added;
  }

  /** Cancels a queued or uploading file (a file the server is already importing goes on). */
  cancel(uid: string): void {
    const item = this.items.find((i) => i.uid === uid);
    if (!item) return;
    if (item.phase === 'queued') {
      this.files.delete(uid);
      this.settle(uid, { phase: 'cancelled' });
    } else if (item.phase === 'uploading') {
      this.aborts.get(uid)?.abort();
    }
  }

  /** Removes the finished, failed and cancelled files of a store from the list. */
  clearSettled(storeCode: string): void {
    this.items = this.items.filter((i) => i.storeCode !== storeCode || !isSettled(i.phase));
    this.emit();
  }

  /** Resolves when every queued file is settled (tests). */
  async idle(): Promise<void> {
    while (this.running || this.items.some((i) => !isSettled(i.phase))) await this.deps.sleep(1);
  }

  private emit() {
    for (const l of this.listeners) l();
  }

  private update(uid: string, patch: Partial<UploadItem>) {
    this.items = this.items.map((i) => (i.uid === uid ? { ...i, ...patch } : i));
    this.emit();
  }

  private settle(uid: string, patch: Partial<UploadItem>) {
    this.update(uid, patch);
    const item = this.items.find((i) => i.uid === uid);
    if (item) for (const l of this.settledListeners) l(item);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const next = this.items.find((i) => i.phase === 'queued');
        if (!next) break;
        await this.process(next);
      }
    } finally {
      this.running = false;
    }
  }

  private async process(item: UploadItem): Promise<void> {
    const file = this.files.get(item.uid);
    this.files.delete(item.uid);
    if (!file) {
      this.settle(item.uid, { phase: 'cancelled' });
      return;
    }
    const abort = new AbortController();
    this.aborts.set(item.uid, abort);
    this.update(item.uid, { phase: 'uploading', percent: 0 });
    let id: string;
    try {
      const res = await this.deps.upload(
        item.storeCode,
        file,
        item.name,
        item.options,
        (fraction) => {
          const percent = Math.min(100, Math.round(fraction * 100));
          const cur = this.items.find((i) => i.uid === item.uid);
          if (cur && cur.percent !== percent) this.update(item.uid, { percent });
        },
        abort.signal,
      );
      id = res.id;
    } catch (e) {
      const cancelled = abort.signal.aborted || (isApiError(e) && e.code === 'aborted');
      this.settle(item.uid, cancelled ? { phase: 'cancelled' } : { phase: 'failed', error: e });
      return;
    } finally {
      this.aborts.delete(item.uid);
    }
    this.update(item.uid, { phase: 'processing', percent: 100, runId: id });
    try {
      const run = await this.poll(item.storeCode, id, (r) =>
        this.update(item.uid, { run: r, progressRows: r.progressRows }),
      );
      this.settle(item.uid, { phase: 'finished', run, progressRows: run.progressRows });
    } catch (e) {
      this.settle(item.uid, { phase: 'failed', error: new PollError(e) });
    }
  }

  /** Polls GET …/imports/:id until the run is no longer running. */
  private async poll(storeCode: string, id: string, onRunning: (r: ImportRun) => void): Promise<ImportRun> {
    const started = this.deps.now();
    let errors = 0;
    for (;;) {
      await this.deps.sleep(POLL_MS);
      try {
        const run = await this.deps.get(storeCode, id);
        errors = 0;
        if (run.status !== 'running') return run;
        onRunning(run);
      } catch (e) {
        const notYet =
          isApiError(e) && e.code === 'import.not_found' && this.deps.now() - started < NOT_FOUND_GRACE_MS;
        if (notYet) continue;
        if (transient(e) && ++errors <= MAX_POLL_ERRORS) continue;
        throw e;
      }
    }
  }
}

export const isSettled = (phase: UploadPhase) =>
  phase === 'finished' || phase === 'failed' || phase === 'cancelled';

/** The one queue of the desk. */
export const uploadQueue = new UploadQueue({
  upload: importsApi.upload,
  get: importsApi.get,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
});
