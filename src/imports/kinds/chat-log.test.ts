import { describe, expect, it } from 'vitest';
import { parseFixture } from '../test-fixtures';
import { chatLogAdapter } from './chat-log';

describe('StoreOps chat log', () => {
  it('reads the CSV: buyer and agent messages, auto-replies, a multi-line message', async () => {
    const { file, records, rejects } = await parseFixture('chat-log/chat-log-20260301.csv', {
      as: 'chat-log',
    });
    expect(file.kind).toBe('chat-log');
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.senderRole, r.isAutoReply])).toEqual([
      ['buyer', false],
      ['agent', true],
      ['agent', false],
      ['buyer', false],
      ['buyer', false],
      ['agent', false],
    ]);
    expect(records[0]).toMatchObject({
      sessionId: 'S20260301-0001',
      sentAt: new Date('2026-03-01T01:00:05Z'),
      buyer: '花开半夏',
      agent: '夏凉:阿May',
    });
    expect(records[1].sender).toBe('夏凉:阿May');
    expect(records[3].content).toBe('好的，"冰丝"的会不会太凉，\n老人能用吗');
    expect(new Set(records.map((r) => r.messageId)).size).toBe(6);
  });

  it('reads the same log from XLSX with the same message ids', async () => {
    const csv = await parseFixture('chat-log/chat-log-20260301.csv', { as: 'chat-log' });
    const xlsx = await parseFixture('chat-log/chat-log-20260301.xlsx', { as: 'chat-log' });
    expect(xlsx.rejects).toEqual([]);
    expect(xlsx.records.map((r) => r.messageId)).toEqual(csv.records.map((r) => r.messageId));
  });

  it('reads JSON lines with English keys and ISO times', async () => {
    const { file, records, rejects } = await parseFixture('chat-log/chat-log-20260302.jsonl', {
      as: 'chat-log',
    });
    expect(file.format).toBe('jsonl');
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.sentAt.toISOString())).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T01:00:01.000Z',
      '2026-03-02T01:01:30.000Z',
    ]);
    expect(records[1].isAutoReply).toBe(true);
    expect(records[2].isAutoReply).toBe(false);
  });

  it('refuses an auto-reply sent by the buyer', () => {
    const bound = chatLogAdapter.bind(['会话id', '时间', '发送方', '买家', '客服', '内容', '是否自动回复']);
    const r = bound.parseRow(['S1', '2026-03-01 09:00:00', 'buyer', 'a', 'b', 'hi', '是'], 2);
    expect(!r.ok && r.rejects[0]).toMatchObject({ code: 'row.buyer_auto_reply', column: '是否自动回复' });
  });
});
