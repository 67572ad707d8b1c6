import { createHmac } from 'node:crypto';

/** Notification vocabulary and pure rules: signing, back-off, quiet hours, message bodies. */

export const CHANNEL_KINDS = ['dingtalk', 'wecom', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Events other modules send; rules map them to roles, people and channels. */
export const NOTIFY_EVENTS = [
  'task.assigned',
  'task.overdue',
  'escalation.raised',
  'escalation.moved',
  'escalation.solved',
  'handover.received',
  'design.requested',
  'design.delivered',
  'metrics.daily_report',
  'test',
] as const;

/** Delays before attempts 2, 3, 4, 5 (after a failure): 1 min, 5 min, 30 min, 2 h. */
export const BACKOFF_MS = [60_000, 300_000, 1_800_000, 7_200_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** One webhook call may take this long before it counts as failed (never blocks a request). */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** When to try again after `attempts` failed attempts, or null when we give up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + BACKOFF_MS[Math.max(0, attempts - 1)]!);
}

/** Retry on network errors, timeouts, 429 and 5xx; a 4xx is the channel's configuration: give up. */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

/**
 * DingTalk group robot signing: sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)),
 * appended to the webhook URL as `timestamp` and url-encoded `sign`.
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingTalkUrl(url: string, secret: string | null, timestampMs: number): string {
  if (!secret) return url;
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingTalkSign(secret, timestampMs))}`;
}

/** Generic webhook signature header value: hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function webhookSignature(secret: string, timestampMs: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
}

export type Message = { title: string; body?: string | null; link?: string | null };

/** The JSON body each channel expects. */
export function channelBody(
  kind: ChannelKind,
  msg: Message,
  meta: { event: string; store: string; at: string },
): unknown {
  const text = [msg.title, msg.body, msg.link].filter(Boolean).join('\n');
  if (kind === 'dingtalk') return { msgtype: 'text', text: { content: `[${meta.store}] ${text}` } };
  if (kind === 'wecom') return { msgtype: 'text', text: { content: `[${meta.store}] ${text}` } };
  return { event: meta.event, store: meta.store, at: meta.at, ...msg };
}

/** DingTalk and WeCom answer 200 with `errcode` ≠ 0 on failure (bad sign, rate limit). */
export function robotAccepted(kind: ChannelKind, json: unknown): boolean {
  if (kind === 'webhook') return true;
  const code = (json as { errcode?: number } | null)?.errcode;
  return code === undefined || code === 0;
}

/**
 * Quiet hours [start, end) in local minutes, wrapping midnight when start > end (22:00–08:00).
 * Returns the minutes to wait until they end, 0 when not quiet.
 */
export function quietWait(minutesOfDay: number, start: number | null, end: number | null): number {
  if (start === null || end === null || start === end) return 0;
  if (start < end) return minutesOfDay >= start && minutesOfDay < end ? end - minutesOfDay : 0;
  if (minutesOfDay >= start) return 24 * 60 - minutesOfDay + end;
  if (minutesOfDay < end) return end - minutesOfDay;
  return 0;
}

/** A channel URL must be http(s) and have a host. */
export function isValidChannelUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}
