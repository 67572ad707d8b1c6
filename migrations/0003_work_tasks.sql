CREATE TABLE "task_events" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"task_id" text NOT NULL,
	"person_id" text,
	"kind" text NOT NULL,
	"body" text,
	"data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "task_events_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_person_id" text,
	"owner_role" text,
	"due_at" timestamp with time zone,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"dedupe_key" text,
	"links" jsonb NOT NULL,
	"outcome" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "tasks_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("store_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_dedupe_idx" ON "tasks" USING btree ("store_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "tasks_owner_idx" ON "tasks" USING btree ("store_id","owner_person_id","status");--> statement-breakpoint
CREATE INDEX "tasks_status_due_idx" ON "tasks" USING btree ("store_id","status","due_at");