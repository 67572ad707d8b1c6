CREATE TABLE "metric_competitor_moves" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"date" date NOT NULL,
	"competitor" text NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "metric_competitor_moves_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "metric_settings" (
	"store_id" text PRIMARY KEY NOT NULL,
	"report_push_at" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "metric_competitor_moves_date_idx" ON "metric_competitor_moves" USING btree ("store_id","date");