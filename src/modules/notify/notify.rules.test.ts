import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  channelBody,
  dingTalkSign,
  dingTalkUrl,
  isRetryable,
  isValidChannelUrl,
  MAX_ATTEMPTS,
  nextAttemptAt,
  quietWait,
  robotAccepted,
  webhookSignature,
} from './notify.rules';

describe('notification rules', () => {
  it("signs DingTalk robot calls as DingTalk documents: base64 HMAC-SHA256 of 'timestamp\\nsecret'", () => {
    const secret = 'SEC1234567890';
    const ts = 1764032400000;
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    expect(dingTalkSign(secret, ts)).toBe(expected);
    const url = dingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, ts);
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${encodeURIComponent(expected)}`,
    );
    expect(dingTalkUrl('https://x/send?access_token=abc', null, ts)).toBe('https://x/send?access_token=abc');
  });

  it('signs generic webhooks over timestamp and body', () => {
    expect(webhookSignature('k', 1, '{}')).toBe(createHmac('sha256', 'k').update('1.{}').digest('hex'));
  });

  it('backs off 1 min, 5 min, 30 min, 2 h, then gives up', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const delays = [1, 2, 3, 4].map((a) => (nextAttemptAt(a, now)!.getTime() - now.getTime()) / 60000);
    expect(delays).toEqual([1, 5, 30, 120]);
    expect(nextAttemptAt(MAX_ATTEMPTS, now)).toBeNull();
  });

  it('retries timeouts, 429 and 5xx but not a 4xx', () => {
    expect(isRetryable(null)).toBe(true);
    expect(isRetryable(500)).toBe(true);
    expect(isRetryable(503)).toBe(true);
    expect(isRetryable(429)).toBe(true);
    expect(isRetryable(404)).toBe(false);
    expect(isRetryable(400)).toBe(false);
  });

  it.each([
    [23 * 60, 22 * 60, 8 * 60, 9 * 60], // 23:00 in 22:00–08:00 → 9 h
    [7 * 60, 22 * 60, 8 * 60, 60],
    [12 * 60, 22 * 60, 8 * 60, 0],
    [22 * 60, 22 * 60, 8 * 60, 10 * 60],
    [8 * 60, 22 * 60, 8 * 60, 0],
    [13 * 60, 12 * 60, 14 * 60, 60], // a lunch break
    [13 * 60, null, null, 0],
  ])('at minute %i with quiet %s–%s waits %i min', (m, s, e, wait) => {
    expect(quietWait(m, s, e)).toBe(wait);
  });

  it('builds each channel body and reads robot answers', () => {
    const msg = { title: '困难升级', body: '盘点不清', link: null };
    expect(channelBody('dingtalk', msg, { event: 'e', store: 'demo', at: 'x' })).toEqual({
      msgtype: 'text',
      text: { content: '[demo] 困难升级\n盘点不清' },
    });
    expect(channelBody('webhook', msg, { event: 'e', store: 'demo', at: 'x' })).toMatchObject({
      event: 'e',
      title: '困难升级',
    });
    expect(robotAccepted('dingtalk', { errcode: 0 })).toBe(true);
    expect(robotAccepted('wecom', { errcode: 93000 })).toBe(false);
    expect(robotAccepted('webhook', null)).toBe(true);
    expect(isValidChannelUrl('https://oapi.dingtalk.com/robot/send?access_token=x')).toBe(true);
    expect(isValidChannelUrl('ftp://x')).toBe(false);
    expect(isValidChannelUrl('not a url')).toBe(false);
  });
});
