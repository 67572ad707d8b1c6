import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/http';
import type { ImportRun } from '../../../api/imports';
import { isPollError, NOT_FOUND_GRACE_MS, POLL_MS, type QueueDeps, UploadQueue } from './uploadQueue';

const run = (id: string, patch: Partial<ImportRun> = {}): ImportRun => ({
  id,
  kind: 'taobao-orders',
  version: '2019',
  file: `${id}.csv`,
  fileHash: 'x',
  fileBytes: 10,
  status: 'done',
  allowPartial: false,
  rows: 3,
  inserted: 3,
  updated: 0,
  unchanged: 0,
  rejectedCount: 0,
  rejected: [],
  error: null,
  personId: null,
  startedAt: '2025-11-25T02:00:00.000Z',
  finishedAt: '2025-11-25T02:00:00.030Z',
  durationMs: 30,
  progressRows: 3,
  ...patch,
});

const notFound = () => new ApiError(404, 'import.not_found', 'No such import');

/** A fake server: `answers[id]` is what each GET returns in turn (the last one repeats). */
function fakeDeps(answers: Record<string, (ImportRun | Error)[]>, uploadError?: Error) {
  let clock = 0;
  const log: string[] = [];
  let n = 0;
  const deps: QueueDeps = {
    upload: async (_store, _file, name, opts, onProgress) => {
      log.push(`upload ${name} ${opts.kind} ${opts.allowPartial}`);
      onProgress(0.5);
      await Promise.resolve();
      if (uploadError) throw uploadError;
      onProgress(1);
      n += 1;
      return { id: `r${n}`, status: 'running' };
    },
    get: async (_store, id) => {
      const list = answers[id] ?? [run(id)];
      const a = list.length > 1 ? list.shift()! : list[0];
      log.push(`get ${id} ${a instanceof Error ? (a as ApiError).code : a.status}`);
      if (a instanceof Error) throw a;
      return a;
    },
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
  };
  return { deps, log, elapsed: () => clock };
}

const file = (text: string) => new Blob([text]);

describe('the upload queue', () => {
  it('uploads files one after another and follows each run to its result', async () => {
    const { deps, log } = fakeDeps({
      r1: [notFound(), run('r1', { status: 'running', progressRows: 1 }), run('r1')],
      r2: [run('r2', { status: 'rejected', rejectedCount: 1 })],
    });
    const q = new UploadQueue(deps);
    const settled: string[] = [];
    q.onSettled((i) => settled.push(`${i.name}:${i.phase}`));
    const seen = new Set<string>();
    q.subscribe(() => {
      for (const i of q.getSnapshot()) seen.add(`${i.seq}:${i.phase}:${i.percent}:${i.progressRows}`);
    });
    q.add(
      'tb',
      [
        { file: file('a'), name: 'a.csv' },
        { file: file('b'), name: 'b.csv' },
      ],
      { kind: 'auto', allowPartial: false },
    );
    await q.idle();
    expect(log).toEqual([
      'upload a.csv auto false',
      'get r1 import.not_found',
      'get r1 running',
      'get r1 done',
      'upload b.csv auto false',
      'get r2 rejected',
    ]);
    const [a, b] = q.getSnapshot();
    expect(a).toMatchObject({ seq: 1, phase: 'finished', runId: 'r1', percent: 100 });
    expect(a.run?.status).toBe('done');
    expect(b.run?.status).toBe('rejected');
    expect(settled).toEqual(['a.csv:finished', 'b.csv:finished']);
    // the progress was shown on the way: upload at 50 %, then the rows read so far
    expect(seen).toContain('1:uploading:50:0');
    expect(seen).toContain('1:processing:100:1');
    expect(seen).toContain('2:queued:0:0');
  });

  it('keeps polling a run that is not there yet for up to ten seconds', async () => {
    const { deps, elapsed } = fakeDeps({ r1: [notFound()] });
    const q = new UploadQueue(deps);
    q.add('tb', [{ file: file('a'), name: 'a.csv' }], { kind: 'taobao-orders', allowPartial: true });
    await q.idle();
    const [a] = q.getSnapshot();
    expect(a.phase).toBe('failed');
    expect(isPollError(a.error)).toBe(true);
    expect(elapsed()).toBeGreaterThanOrEqual(NOT_FOUND_GRACE_MS);
    expect(elapsed()).toBeLessThanOrEqual(NOT_FOUND_GRACE_MS + 2 * POLL_MS);
  });

  it('reports a refused upload and goes on with the next file', async () => {
    const { deps, log } = fakeDeps({}, new ApiError(413, 'import.file_too_large', 'too large'));
    const q = new UploadQueue(deps);
    q.add(
      'tb',
      [
        { file: file('a'), name: 'a.csv' },
        { file: file('b'), name: 'b.csv' },
      ],
      { kind: 'auto', allowPartial: false },
    );
    await q.idle();
    expect(log.filter((l) => l.startsWith('upload'))).toHaveLength(2);
    expect(q.getSnapshot().map((i) => i.phase)).toEqual(['failed', 'failed']);
    expect((q.getSnapshot()[0].error as ApiError).code).toBe('import.file_too_large');
  });

  it('cancels a queued file and clears settled ones per store', async () => {
    const { deps, log } = fakeDeps({});
    const q = new UploadQueue(deps);
    const [, second] = q.add(
      'tb',
      [
        { file: file('a'), name: 'a.csv' },
        { file: file('b'), name: 'b.csv' },
      ],
      { kind: 'auto', allowPartial: false },
    );
    q.cancel(second.uid);
    q.add('jd', [{ file: file('c'), name: 'c.csv' }], { kind: 'jd-orders', allowPartial: false });
    await q.idle();
    expect(log.filter((l) => l.startsWith('upload'))).toEqual([
      'upload a.csv auto false',
      'upload c.csv jd-orders false',
    ]);
    expect(q.getSnapshot().map((i) => i.phase)).toEqual(['finished', 'cancelled', 'finished']);
    q.clearSettled('tb');
    expect(q.getSnapshot().map((i) => i.name)).toEqual(['c.csv']);
  });
});
