DROP INDEX "chat_messages_session_idx";--> statement-breakpoint
CREATE INDEX "chat_messages_session_idx" ON "chat_messages" USING btree ("store_id","session_id","sent_at","message_id");