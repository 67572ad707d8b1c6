CREATE TABLE "notifications" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"person_id" text NOT NULL,
	"event" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "notify_channels" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notify_channels_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "notify_deliveries" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"channel_id" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notify_deliveries_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "notify_rules" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"event" text NOT NULL,
	"roles" text[] NOT NULL,
	"person_ids" text[] NOT NULL,
	"channel_ids" text[] NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notify_rules_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "notify_settings" (
	"store_id" text PRIMARY KEY NOT NULL,
	"quiet_start" text,
	"quiet_end" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"store_id" text NOT NULL,
	"business_date" date NOT NULL,
	"person_id" text NOT NULL,
	"routine_item_id" text NOT NULL,
	"role" text NOT NULL,
	"title" text NOT NULL,
	"start_time" text,
	"end_time" text NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checklist_items_store_id_business_date_person_id_routine_item_id_pk" PRIMARY KEY("store_id","business_date","person_id","routine_item_id")
);
--> statement-breakpoint
CREATE TABLE "days_off" (
	"store_id" text NOT NULL,
	"person_id" text NOT NULL,
	"date" date NOT NULL,
	"reason" text,
	CONSTRAINT "days_off_store_id_person_id_date_pk" PRIMARY KEY("store_id","person_id","date")
);
--> statement-breakpoint
CREATE TABLE "design_requests" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"requester_id" text,
	"designer_id" text,
	"subject_kind" text,
	"subject_id" text,
	"subject_label" text,
	"brief" text,
	"due_at" timestamp with time zone,
	"status" text NOT NULL,
	"files" jsonb NOT NULL,
	"task_id" text,
	"source" text NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "design_requests_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "escalation_chains" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"key" text NOT NULL,
	"group_kind" text NOT NULL,
	"name" text NOT NULL,
	"condition" text NOT NULL,
	"steps" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escalation_chains_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "escalation_events" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"escalation_id" text NOT NULL,
	"kind" text NOT NULL,
	"step_index" integer NOT NULL,
	"person_id" text,
	"owner_person_id" text,
	"body" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "escalation_events_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"chain_id" text NOT NULL,
	"task_id" text,
	"title" text NOT NULL,
	"description" text,
	"raised_by" text NOT NULL,
	"status" text NOT NULL,
	"steps" jsonb NOT NULL,
	"step_index" integer NOT NULL,
	"owner_person_id" text,
	"step_started_at" timestamp with time zone NOT NULL,
	"step_due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "escalations_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "handover_items" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"handover_id" text NOT NULL,
	"body" text NOT NULL,
	"state" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_note" text,
	CONSTRAINT "handover_items_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"from_person_id" text NOT NULL,
	"to_person_id" text,
	"to_role" text,
	"business_date" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handovers_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"store_id" text NOT NULL,
	"job" text NOT NULL,
	"business_date" date NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "job_runs_store_id_job_business_date_pk" PRIMARY KEY("store_id","job","business_date")
);
--> statement-breakpoint
CREATE TABLE "routine_items" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"role" text NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"start_time" text,
	"end_time" text NOT NULL,
	"frequency" jsonb NOT NULL,
	"sort" integer NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "routine_items_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_settings" (
	"store_id" text PRIMARY KEY NOT NULL,
	"working_hours" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("store_id","person_id","read_at");--> statement-breakpoint
CREATE INDEX "notify_deliveries_due_idx" ON "notify_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notify_rules_event_idx" ON "notify_rules" USING btree ("store_id","event");--> statement-breakpoint
CREATE UNIQUE INDEX "design_requests_dedupe_idx" ON "design_requests" USING btree ("store_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_chains_key_idx" ON "escalation_chains" USING btree ("store_id","key");--> statement-breakpoint
CREATE INDEX "escalation_events_idx" ON "escalation_events" USING btree ("store_id","escalation_id");--> statement-breakpoint
CREATE INDEX "escalations_owner_idx" ON "escalations" USING btree ("store_id","owner_person_id","status");--> statement-breakpoint
CREATE INDEX "escalations_due_idx" ON "escalations" USING btree ("store_id","status","step_due_at");--> statement-breakpoint
CREATE INDEX "handover_items_idx" ON "handover_items" USING btree ("store_id","handover_id");--> statement-breakpoint
CREATE INDEX "handovers_to_idx" ON "handovers" USING btree ("store_id","to_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "routine_items_key_idx" ON "routine_items" USING btree ("store_id","role","key");