CREATE TABLE "aftersales_settings" (
	"store_id" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "aftersales_settings_store_id_key_pk" PRIMARY KEY("store_id","key")
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"source" text NOT NULL,
	"refund_id" text,
	"order_id" text,
	"title" text NOT NULL,
	"reason" text,
	"deadline_at" timestamp with time zone,
	"evidence" jsonb NOT NULL,
	"status" text NOT NULL,
	"owner_person_id" text,
	"note" text,
	"task_id" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disputes_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "refund_cases" (
	"store_id" text NOT NULL,
	"refund_id" text NOT NULL,
	"cause_override" text,
	"owner_person_id" text,
	"outcome" text,
	"outcome_note" text,
	"revisit_task_id" text,
	"listing_task_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refund_cases_store_id_refund_id_pk" PRIMARY KEY("store_id","refund_id")
);
--> statement-breakpoint
CREATE TABLE "review_cases" (
	"store_id" text NOT NULL,
	"review_key" text NOT NULL,
	"suggested_class" text NOT NULL,
	"hits" jsonb NOT NULL,
	"reason_class" text,
	"owner_person_id" text,
	"blamed_person_id" text,
	"contacts" jsonb NOT NULL,
	"outcome" text,
	"public_reply" text,
	"task_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_cases_store_id_review_key_pk" PRIMARY KEY("store_id","review_key")
);
--> statement-breakpoint
CREATE TABLE "order_checks" (
	"store_id" text NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"order_id" text,
	"data" jsonb,
	"detected_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "order_checks_store_id_kind_ref_id_pk" PRIMARY KEY("store_id","kind","ref_id")
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"kind" text NOT NULL,
	"person_id" text,
	"channel" text,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_events_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "order_settings" (
	"store_id" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_settings_store_id_key_pk" PRIMARY KEY("store_id","key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_refund_idx" ON "disputes" USING btree ("store_id","refund_id");--> statement-breakpoint
CREATE INDEX "order_checks_order_idx" ON "order_checks" USING btree ("store_id","order_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("store_id","order_id","at");--> statement-breakpoint
CREATE INDEX "order_events_kind_idx" ON "order_events" USING btree ("store_id","kind","at");