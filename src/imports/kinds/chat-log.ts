/**
 * StoreOps chat log (there is no official export): one row per message, CSV / XLSX / JSON lines.
 * Columns: 会话id, 时间, 发送方 (`buyer` or the 客服子账号), 买家, 客服, 内容, 是否自动回复
 * (optional 消息id). JSON lines may use the English keys. See docs/formats.md.
 */
import { defineAdapter, stableId } from '../adapter';
import type { FormatVersion } from '../format';

export type ChatSenderRole = 'buyer' | 'agent';

export type ChatMessage = {
  /** = messageId */
  platformId: string;
  /** 消息id, or a hash of session, time, sender and content */
  messageId: string;
  /** 会话id */
  sessionId: string;
  /** 时间 */
  sentAt: Date;
  senderRole: ChatSenderRole;
  /** 发送方 as written: `buyer` or the agent's sub-account (子账号) */
  sender: string;
  /** 买家 (buyer nick) */
  buyer: string;
  /** 客服 (the session's agent sub-account) */
  agent: string | null;
  /** 内容 */
  content: string;
  /** 是否自动回复 (auto-replies never count as responses) */
  isAutoReply: boolean;
};

const FIELDS = [
  'messageId',
  'sessionId',
  'sentAt',
  'sender',
  'buyer',
  'agent',
  'content',
  'isAutoReply',
] as const;
type Field = (typeof FIELDS)[number];

export const CHAT_LOG_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'storeops-v1',
    label: 'StoreOps 聊天记录格式 v1',
    labelEn: 'StoreOps chat log v1',
    columns: {
      messageId: ['消息id', 'messageId', 'message_id'],
      sessionId: ['会话id', 'sessionId', 'session_id'],
      sentAt: ['时间', '发送时间', 'sentAt', 'time'],
      sender: ['发送方', 'sender'],
      buyer: ['买家', 'buyer'],
      agent: ['客服', 'agent'],
      content: ['内容', 'content'],
      isAutoReply: ['是否自动回复', 'isAutoReply', 'auto_reply', 'autoReply'],
    },
    required: ['sessionId', 'sentAt', 'sender', 'buyer', 'agent', 'content'],
  },
];

const BUYER_SENDERS = new Set(['buyer', '买家', 'BUYER', 'Buyer']);

export const chatLogAdapter = defineAdapter<ChatMessage, Field>({
  kind: 'chat-log',
  label: '聊天记录（StoreOps 格式）',
  labelEn: 'chat log (StoreOps format)',
  fields: FIELDS,
  versions: CHAT_LOG_VERSIONS,
  fileNamePatterns: [/聊天/, /chat/i],
  rowParser({ columns: C }) {
    return (r) => {
      const sessionId = r.code(C.sessionId, true)!;
      const sentAt = r.instant(C.sentAt, true)!;
      const sender = r.text(C.sender, true)!;
      const senderRole: ChatSenderRole = BUYER_SENDERS.has(sender) ? 'buyer' : 'agent';
      const content = r.text(C.content) ?? '';
      const isAutoReply = r.bool(C.isAutoReply) ?? false;
      if (senderRole === 'buyer' && isAutoReply) {
        r.reject(
          'row.buyer_auto_reply',
          '买家发出的消息不能是自动回复',
          'a message from the buyer cannot be an auto-reply',
          C.isAutoReply,
        );
      }
      const messageId =
        r.code(C.messageId) ?? stableId('chat', sessionId, sentAt?.getTime(), sender, content);
      return {
        platformId: messageId,
        messageId,
        sessionId,
        sentAt,
        senderRole,
        sender,
        buyer: r.text(C.buyer, true)!,
        agent: r.text(C.agent),
        content,
        isAutoReply,
      };
    };
  },
});
