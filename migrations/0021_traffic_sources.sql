CREATE TABLE "metric_source_daily" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"scope" text NOT NULL,
	"subject" text NOT NULL,
	"source" text NOT NULL,
	"title" text,
	"visitors" integer,
	"page_views" integer,
	"paid_buyers" integer,
	"paid_amount_fen" bigint,
	"add_to_cart_buyers" integer,
	"favorite_buyers" integer,
	"ordered_buyers" integer,
	CONSTRAINT "metric_source_daily_store_id_date_scope_subject_source_pk" PRIMARY KEY("store_id","date","scope","subject","source")
);
--> statement-breakpoint
CREATE TABLE "traffic_source_daily" (
	"store_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"import_id" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"row_hash" bigint,
	"date" date NOT NULL,
	"level" text NOT NULL,
	"product_id" text,
	"product_title" text,
	"competitor_shop" text,
	"source" text NOT NULL,
	"source_detail" text,
	"visitors" integer,
	"page_views" integer,
	"paid_buyers" integer,
	"paid_amount_fen" bigint,
	"conversion_rate_bp" integer,
	"add_to_cart_buyers" integer,
	"favorite_buyers" integer,
	"ordered_buyers" integer,
	CONSTRAINT "traffic_source_daily_store_id_platform_id_pk" PRIMARY KEY("store_id","platform_id")
);
--> statement-breakpoint
CREATE INDEX "metric_source_daily_subject_idx" ON "metric_source_daily" USING btree ("store_id","scope","subject","date");--> statement-breakpoint
CREATE INDEX "traffic_source_daily_date_idx" ON "traffic_source_daily" USING btree ("store_id","date");