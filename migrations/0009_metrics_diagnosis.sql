CREATE TABLE "metric_findings" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"key" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"metric" text NOT NULL,
	"severity" text NOT NULL,
	"cause" text,
	"money_at_stake_fen" bigint NOT NULL,
	"message_key" text NOT NULL,
	"params" jsonb NOT NULL,
	"explanation" jsonb NOT NULL,
	"links" jsonb NOT NULL,
	"task_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "metric_findings_store_id_date_key_pk" PRIMARY KEY("store_id","date","key")
);
--> statement-breakpoint
CREATE TABLE "metric_product_daily" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"product_id" text NOT NULL,
	"title" text,
	"paid_amount_fen" bigint NOT NULL,
	"paid_orders" integer NOT NULL,
	"paid_items" integer NOT NULL,
	"refund_count" integer NOT NULL,
	"refund_amount_fen" bigint NOT NULL,
	"reviews_good" integer NOT NULL,
	"reviews_neutral" integer NOT NULL,
	"reviews_bad" integer NOT NULL,
	"ad_spend_fen" bigint NOT NULL,
	"ad_clicks" integer NOT NULL,
	"visitors" integer,
	"add_to_cart_buyers" integer,
	"platform_paid_buyers" integer,
	"platform_paid_amount_fen" bigint,
	CONSTRAINT "metric_product_daily_store_id_date_product_id_pk" PRIMARY KEY("store_id","date","product_id")
);
--> statement-breakpoint
CREATE TABLE "metric_sku_daily" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"sku_code" text NOT NULL,
	"product_id" text,
	"paid_amount_fen" bigint NOT NULL,
	"paid_orders" integer NOT NULL,
	"paid_items" integer NOT NULL,
	CONSTRAINT "metric_sku_daily_store_id_date_sku_code_pk" PRIMARY KEY("store_id","date","sku_code")
);
--> statement-breakpoint
CREATE TABLE "metric_store_daily" (
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"order_paid_amount_fen" bigint NOT NULL,
	"order_paid_orders" integer NOT NULL,
	"order_paid_buyers" integer NOT NULL,
	"order_paid_items" integer NOT NULL,
	"order_created_orders" integer NOT NULL,
	"refund_count" integer NOT NULL,
	"refund_amount_fen" bigint NOT NULL,
	"refund_requests" integer NOT NULL,
	"reviews_good" integer NOT NULL,
	"reviews_neutral" integer NOT NULL,
	"reviews_bad" integer NOT NULL,
	"ad_spend_ztc_fen" bigint NOT NULL,
	"ad_spend_ylmf_fen" bigint NOT NULL,
	"ad_spend_other_fen" bigint NOT NULL,
	"visitors" integer,
	"page_views" integer,
	"add_to_cart_buyers" integer,
	"favorite_buyers" integer,
	"platform_paid_amount_fen" bigint,
	"platform_paid_buyers" integer,
	"platform_paid_items" integer,
	"affiliate_commission_fen" bigint,
	"description_score" double precision,
	"logistics_score" double precision,
	"service_score" double precision,
	"industry_visitors" integer,
	"industry_paid_amount_fen" bigint,
	"industry_paid_buyers" integer,
	"competitor_visitors" integer,
	"competitor_paid_amount_fen" bigint,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "metric_store_daily_store_id_date_pk" PRIMARY KEY("store_id","date")
);
--> statement-breakpoint
CREATE INDEX "metric_findings_id_idx" ON "metric_findings" USING btree ("store_id","id");--> statement-breakpoint
CREATE INDEX "order_items_paid_idx" ON "order_items" USING btree ("store_id","paid_at");