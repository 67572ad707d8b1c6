import { sinkFromTable } from '../../db/facts';
import { chatMessages, csAttendance, csDailyStats } from './service.schema';

/** Where imported chat logs and CS statistics land. */
export const serviceImportSinks = {
  'chat-log': sinkFromTable('chat-log', chatMessages),
  'cs-daily': sinkFromTable('cs-daily', csDailyStats),
  'cs-attendance': sinkFromTable('cs-attendance', csAttendance),
};

// ---- for orders (issue 6) ----
// Read functions the orders/after-sales desk uses: who chatted with a buyer, who was active.

/** One chat account's typed messages (auto-replies excluded) to one buyer in one chat session. */
export type BuyerAgentTouch = {
  buyer: string;
  agent: string;
  sessionId: string;
  firstAt: Date;
  lastAt: Date;
  messages: number;
};

export async function agentTouchesOfBuyers(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  buyers: string[],
  from: Date,
  to: Date,
): Promise<BuyerAgentTouch[]> {
  const { and, eq, gte, inArray, lte, sql } = await import('drizzle-orm');
  const out: BuyerAgentTouch[] = [];
  const unique = [...new Set(buyers)];
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await ctx.database.db
      .select({
        buyer: chatMessages.buyer,
        agent: chatMessages.sender,
        sessionId: chatMessages.sessionId,
        firstAt: sql<Date>`min(${chatMessages.sentAt})`.mapWith((v) => new Date(v)),
        lastAt: sql<Date>`max(${chatMessages.sentAt})`.mapWith((v) => new Date(v)),
        messages: sql<number>`count(*)`.mapWith(Number),
      })
      .from(chatMessages)
      .where(
        and(
          eq(chatMessages.storeId, storeId),
          inArray(chatMessages.buyer, unique.slice(i, i + 5000)),
          eq(chatMessages.senderRole, 'agent'),
          eq(chatMessages.isAutoReply, false),
          gte(chatMessages.sentAt, from),
          lte(chatMessages.sentAt, to),
        ),
      )
      .groupBy(chatMessages.buyer, chatMessages.sender, chatMessages.sessionId);
    out.push(...rows);
  }
  return out;
}

/** The chat accounts (of those given) that typed a message in [from, to]: "online" then. */
export async function activeAgents(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  agents: string[],
  from: Date,
  to: Date,
): Promise<Set<string>> {
  if (agents.length === 0) return new Set();
  const { and, eq, gte, inArray, lte } = await import('drizzle-orm');
  const rows = await ctx.database.db
    .selectDistinct({ agent: chatMessages.sender })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.storeId, storeId),
        eq(chatMessages.senderRole, 'agent'),
        eq(chatMessages.isAutoReply, false),
        inArray(chatMessages.sender, agents),
        gte(chatMessages.sentAt, from),
        lte(chatMessages.sentAt, to),
      ),
    );
  return new Set(rows.map((r) => r.agent));
}

/** A buyer's chat messages in a window, oldest first (the order drawer's story). */
export async function chatMessagesOfBuyer(
  ctx: import('../../core/context').Ctx,
  storeId: string,
  buyer: string,
  from: Date,
  to: Date,
  limit = 300,
) {
  const { and, asc, eq, gte, lte } = await import('drizzle-orm');
  return ctx.database.db
    .select({
      sessionId: chatMessages.sessionId,
      sentAt: chatMessages.sentAt,
      senderRole: chatMessages.senderRole,
      sender: chatMessages.sender,
      agent: chatMessages.agent,
      content: chatMessages.content,
      isAutoReply: chatMessages.isAutoReply,
    })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.storeId, storeId),
        eq(chatMessages.buyer, buyer),
        gte(chatMessages.sentAt, from),
        lte(chatMessages.sentAt, to),
      ),
    )
    .orderBy(asc(chatMessages.sentAt))
    .limit(limit);
}

/** Every chat account seen in the store's chat logs (to link accounts to people). */
export async function chatAccounts(
  ctx: import('../../core/context').Ctx,
  storeId: string,
): Promise<string[]> {
  const { and, eq } = await import('drizzle-orm');
  const rows = await ctx.database.db
    .selectDistinct({ agent: chatMessages.sender })
    .from(chatMessages)
    .where(and(eq(chatMessages.storeId, storeId), eq(chatMessages.senderRole, 'agent')));
  return rows.map((r) => r.agent).sort();
}
