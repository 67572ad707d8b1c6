CREATE TABLE "inventory_sales_years" (
	"store_id" text NOT NULL,
	"sku_code" text NOT NULL,
	"year" date NOT NULL,
	"days" text NOT NULL,
	CONSTRAINT "inventory_sales_years_store_id_sku_code_year_pk" PRIMARY KEY("store_id","sku_code","year")
);
--> statement-breakpoint
CREATE TABLE "inventory_sales_years_built" (
	"store_id" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "inventory_sales_weeks" CASCADE;--> statement-breakpoint
DROP TABLE "inventory_sales_weeks_built" CASCADE;--> statement-breakpoint
CREATE INDEX "inventory_sales_years_year_idx" ON "inventory_sales_years" USING btree ("store_id","year");