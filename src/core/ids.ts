import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * UUIDv7: time-ordered, so new rows land at the end of B-tree indexes. Monotonic within the
 * process (RFC 9562 method 1: a 12-bit counter in rand_a), so ids made in the same millisecond
 * still sort in the order they were made (a task's story, a handover's items).
 */
export function newId(now = Date.now()): string {
  const b = randomBytes(16);
  let t = now;
  if (t <= lastMs) {
    t = lastMs;
    counter++;
    if (counter > 0xfff) {
      t = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = t;
    counter = 0;
  }
  const ms = BigInt(t);
  b[0] = Number((ms >> 40n) & 0xffn);
  b[1] = Number((ms >> 32n) & 0xffn);
  b[2] = Number((ms >> 24n) & 0xffn);
  b[3] = Number((ms >> 16n) & 0xffn);
  b[4] = Number((ms >> 8n) & 0xffn);
  b[5] = Number(ms & 0xffn);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random secret for sessions, tokens and CSRF: 32 bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
