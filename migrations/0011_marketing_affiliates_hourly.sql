CREATE TABLE "ad_report_hours" (
	"store_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"import_id" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"level" text NOT NULL,
	"date" date NOT NULL,
	"hour" integer NOT NULL,
	"plan_id" text,
	"plan_name" text,
	"unit_id" text,
	"unit_name" text,
	"product_id" text,
	"keyword" text,
	"impressions" integer,
	"clicks" integer,
	"spend_fen" bigint NOT NULL,
	"gmv_fen" bigint,
	"orders" integer,
	CONSTRAINT "ad_report_hours_store_id_platform_id_pk" PRIMARY KEY("store_id","platform_id")
);
--> statement-breakpoint
CREATE TABLE "affiliate_orders" (
	"store_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"import_id" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"order_id" text NOT NULL,
	"sub_order_id" text,
	"product_id" text,
	"product_title" text,
	"partner_id" text,
	"partner_name" text,
	"paid_amount_fen" bigint NOT NULL,
	"commission_rate_bp" integer,
	"commission_fen" bigint NOT NULL,
	"settled_amount_fen" bigint,
	"settled_commission_fen" bigint,
	"status" text NOT NULL,
	"status_text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"plan_type" text,
	CONSTRAINT "affiliate_orders_store_id_platform_id_pk" PRIMARY KEY("store_id","platform_id")
);
--> statement-breakpoint
ALTER TABLE "ad_reports" ADD COLUMN "hour" integer;--> statement-breakpoint
ALTER TABLE "campaign_checklist" ADD COLUMN "auto_check" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_checklist" ADD COLUMN "override_reason" text;--> statement-breakpoint
CREATE INDEX "ad_report_hours_date_idx" ON "ad_report_hours" USING btree ("store_id","date","channel");--> statement-breakpoint
CREATE INDEX "affiliate_orders_created_idx" ON "affiliate_orders" USING btree ("store_id","created_at");