import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * A full garbage collection, now. For long bulk jobs (a 1 M-row import) whose garbage would
 * otherwise let V8 grow the heap, and keep ArrayBuffers (file chunks, COPY payloads) alive, until
 * its own heuristics collect (measured: the JavaScript heap and buffers of a 989 k-order import
 * reached ~350 MB between V8's own collections, ~50 MB are live). `--expose-gc` is set at run
 * time for one new context only; a no-op if V8 refuses.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
      if (typeof gc !== 'function') gc = null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/**
 * Collects when the JavaScript heap in use plus ArrayBuffers exceed `budgetBytes` (cheap to ask:
 * call it once per batch of a bulk job). True when it collected.
 */
export function collectGarbageAbove(budgetBytes: number): boolean {
  const m = process.memoryUsage();
  if (m.heapUsed + m.arrayBuffers <= budgetBytes) return false;
  collectGarbage();
  return true;
}
