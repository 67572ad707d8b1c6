CREATE TABLE "chat_accounts" (
	"store_id" text NOT NULL,
	"platform" text NOT NULL,
	"account" text NOT NULL,
	"person_id" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_accounts_store_id_platform_account_pk" PRIMARY KEY("store_id","platform","account")
);
--> statement-breakpoint
ALTER TABLE "chat_accounts" ADD CONSTRAINT "chat_accounts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_accounts" ADD CONSTRAINT "chat_accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_accounts_person_idx" ON "chat_accounts" USING btree ("store_id","person_id");--> statement-breakpoint
-- One chat-account → person mapping (team): carry over service's cs_agents.person_id and the
-- orders desk's 'agentLinks' setting; where both link an account, the later edit wins.
INSERT INTO "chat_accounts" ("store_id", "platform", "account", "person_id", "updated_at")
SELECT a."store_id", s."platform", a."account", a."person_id", a."updated_at"
FROM "cs_agents" a JOIN "stores" s ON s."id" = a."store_id" JOIN "people" p ON p."id" = a."person_id"
WHERE a."person_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "chat_accounts" ("store_id", "platform", "account", "person_id", "updated_by", "updated_at")
SELECT o."store_id", s."platform", l."key", l."value", o."updated_by", o."updated_at"
FROM "order_settings" o JOIN "stores" s ON s."id" = o."store_id"
CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(o."value") = 'object' THEN o."value" ELSE '{}'::jsonb END) l
JOIN "people" p ON p."id" = l."value"
WHERE o."key" = 'agentLinks'
ON CONFLICT ("store_id", "platform", "account") DO UPDATE
SET "person_id" = excluded."person_id", "updated_by" = excluded."updated_by", "updated_at" = excluded."updated_at"
WHERE "chat_accounts"."updated_at" < excluded."updated_at";--> statement-breakpoint
DELETE FROM "order_settings" WHERE "key" = 'agentLinks';--> statement-breakpoint
ALTER TABLE "cs_agents" DROP COLUMN "person_id";