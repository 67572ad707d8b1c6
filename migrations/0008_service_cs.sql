CREATE TABLE "cs_agents" (
	"store_id" text NOT NULL,
	"account" text NOT NULL,
	"person_id" text,
	"shift_code" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cs_agents_store_id_account_pk" PRIMARY KEY("store_id","account")
);
--> statement-breakpoint
CREATE TABLE "cs_attendance_days" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"agent" text NOT NULL,
	"late_minutes" integer,
	"on_leave" boolean NOT NULL,
	"offline" boolean NOT NULL,
	"idle_minutes" jsonb NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cs_attendance_days_store_id_date_agent_pk" PRIMARY KEY("store_id","date","agent")
);
--> statement-breakpoint
CREATE TABLE "cs_fine_rulebooks" (
	"store_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cs_fine_rulebooks_store_id_effective_from_pk" PRIMARY KEY("store_id","effective_from")
);
--> statement-breakpoint
CREATE TABLE "cs_kpis" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	"agent" text NOT NULL,
	"sessions" integer NOT NULL,
	"receptions" integer NOT NULL,
	"inquiries" integer NOT NULL,
	"paid_buyers" integer NOT NULL,
	"paid_orders" integer NOT NULL,
	"sales_fen" bigint NOT NULL,
	"answered_sessions" integer NOT NULL,
	"unanswered_sessions" integer NOT NULL,
	"slow_sessions" integer NOT NULL,
	"first_response_sum_sec" double precision NOT NULL,
	"rounds" integer NOT NULL,
	"answered_rounds" integer NOT NULL,
	"fast_rounds" integer NOT NULL,
	"response_sum_sec" double precision NOT NULL,
	"buyer_messages" integer NOT NULL,
	"agent_messages" integer NOT NULL,
	"long_waits" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cs_kpis_store_id_date_shift_code_agent_pk" PRIMARY KEY("store_id","date","shift_code","agent")
);
--> statement-breakpoint
CREATE TABLE "cs_quality_hits" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"session_id" text NOT NULL,
	"agent" text NOT NULL,
	"date" date NOT NULL,
	"check" text NOT NULL,
	"message_index" integer NOT NULL,
	"evidence" text NOT NULL,
	"sampled_for" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"inspector_id" text,
	"appeal" text,
	"appeal_decision" text,
	"decided_by" text,
	"task_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cs_quality_hits_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "cs_roster" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"agent" text NOT NULL,
	"shift_code" text NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cs_roster_store_id_date_agent_pk" PRIMARY KEY("store_id","date","agent")
);
--> statement-breakpoint
CREATE TABLE "cs_session_flags" (
	"store_id" text NOT NULL,
	"session_id" text NOT NULL,
	"agent" text NOT NULL,
	"buyer" text NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"first_response_sec" double precision,
	"long_waits" jsonb NOT NULL,
	CONSTRAINT "cs_session_flags_store_id_session_id_pk" PRIMARY KEY("store_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "cs_settings" (
	"store_id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "cs_quality_hits_session_idx" ON "cs_quality_hits" USING btree ("store_id","session_id","check");--> statement-breakpoint
CREATE INDEX "cs_quality_hits_status_idx" ON "cs_quality_hits" USING btree ("store_id","status","date");--> statement-breakpoint
CREATE INDEX "cs_session_flags_agent_idx" ON "cs_session_flags" USING btree ("store_id","agent","date");