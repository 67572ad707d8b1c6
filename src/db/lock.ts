import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors';

export type DataDirLock = { path: string; release(): void };

/**
 * PGlite does not lock its directory and two processes on one directory corrupt it, so we
 * take `storeops.lock` (holding our pid) and refuse a second live process. A lock left by a
 * dead process (crash, SIGKILL) is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'storeops.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(readSafe(path), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'db.locked',
          409,
          `The data directory ${dataDir} is in use by another StoreOps process (pid ${holder}). Stop it first, or use another --data directory.`,
          { params: { dir: dataDir, pid: holder } },
        );
      }
      if (holder === process.pid) {
        throw new AppError(
          'db.locked',
          409,
          `The data directory ${dataDir} is already open in this process.`,
          {
            params: { dir: dataDir, pid: holder },
          },
        );
      }
      try {
        unlinkSync(path); // stale lock of a dead process
      } catch {
        // someone else removed it first; retry
      }
    }
  }
  throw new AppError('db.locked', 409, `Could not lock the data directory ${dataDir}.`, {
    params: { dir: dataDir, pid: 0 },
  });
}

function readSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
