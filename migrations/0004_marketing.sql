CREATE TABLE "ad_accounts" (
	"store_id" text NOT NULL,
	"channel" text NOT NULL,
	"balance_fen" bigint NOT NULL,
	"entered_by" text,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ad_accounts_store_id_channel_pk" PRIMARY KEY("store_id","channel")
);
--> statement-breakpoint
CREATE TABLE "ad_plan_budgets" (
	"store_id" text NOT NULL,
	"channel" text NOT NULL,
	"plan_id" text NOT NULL,
	"daily_budget_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ad_plan_budgets_store_id_channel_plan_id_pk" PRIMARY KEY("store_id","channel","plan_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_checklist" (
	"store_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"chain" jsonb NOT NULL,
	"due_date" date NOT NULL,
	"owner_person_id" text,
	"task_id" text,
	"needs_ack" boolean NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"done_by" text,
	"done_at" timestamp with time zone,
	"escalation_level" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_checklist_store_id_campaign_id_code_pk" PRIMARY KEY("store_id","campaign_id","code")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"event_code" text,
	"event_year" integer,
	"phases" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"product_ids" jsonb NOT NULL,
	"budget_fen" bigint,
	"goal_gmv_fen" bigint,
	"goal_units" integer,
	"goal_new_buyers" integer,
	"owner_person_id" text,
	"sign_up_deadline" date,
	"status" text NOT NULL,
	"notes" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaigns_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "content_posts" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"audience" text,
	"planned_at" timestamp with time zone NOT NULL,
	"campaign_id" text,
	"topic" text,
	"owner_person_id" text,
	"status" text NOT NULL,
	"published_url" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "content_posts_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "marketing_settings" (
	"store_id" text PRIMARY KEY NOT NULL,
	"commission_bp" integer NOT NULL,
	"payment_fee_bp" integer NOT NULL,
	"per_unit_cost_fen" bigint NOT NULL,
	"roi_floor" integer NOT NULL,
	"expiry_lead_hours" integer NOT NULL,
	"balance_alert_days" integer NOT NULL,
	"readiness" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"product_ids" jsonb,
	"percent_bp" integer,
	"unit_minus_fen" bigint,
	"tiers" jsonb,
	"per_each" jsonb,
	"campaign_id" text,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "offers_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "platform_events" (
	"store_id" text NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"phases" jsonb NOT NULL,
	"sign_up_deadline" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "platform_events_store_id_year_code_pk" PRIMARY KEY("store_id","year","code")
);
--> statement-breakpoint
CREATE INDEX "campaigns_dates_idx" ON "campaigns" USING btree ("store_id","start_date","end_date");--> statement-breakpoint
CREATE INDEX "content_posts_planned_idx" ON "content_posts" USING btree ("store_id","planned_at");--> statement-breakpoint
CREATE INDEX "offers_ends_idx" ON "offers" USING btree ("store_id","ends_at");