CREATE TABLE "inventory_sales_weeks" (
	"store_id" text NOT NULL,
	"sku_code" text NOT NULL,
	"week" date NOT NULL,
	"d0" integer NOT NULL,
	"d1" integer NOT NULL,
	"d2" integer NOT NULL,
	"d3" integer NOT NULL,
	"d4" integer NOT NULL,
	"d5" integer NOT NULL,
	"d6" integer NOT NULL,
	"outs" integer NOT NULL,
	"enc" text GENERATED ALWAYS AS ((week - '1970-01-01'::date)::text || ',' || d0::text || ',' || d1::text || ',' || d2::text || ',' || d3::text || ',' || d4::text || ',' || d5::text || ',' || d6::text || ',' || outs::text) STORED NOT NULL,
	CONSTRAINT "inventory_sales_weeks_store_id_sku_code_week_pk" PRIMARY KEY("store_id","sku_code","week")
);
--> statement-breakpoint
CREATE TABLE "inventory_sales_weeks_built" (
	"store_id" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inventory_sales_weeks_week_idx" ON "inventory_sales_weeks" USING btree ("store_id","week");