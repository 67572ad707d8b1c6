CREATE TABLE "listing_events" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"before" text,
	"after" text,
	"person_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "listing_events_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "new_product_stages" (
	"store_id" text NOT NULL,
	"new_product_id" text NOT NULL,
	"stage" text NOT NULL,
	"owner_person_id" text,
	"owner_role" text,
	"due_date" date,
	"done_at" timestamp with time zone,
	"done_by" text,
	CONSTRAINT "new_product_stages_store_id_new_product_id_stage_pk" PRIMARY KEY("store_id","new_product_id","stage")
);
--> statement-breakpoint
CREATE TABLE "new_products" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"product_id" text,
	"stage" text NOT NULL,
	"briefing" text,
	"cs_acknowledged_by" text,
	"cs_acknowledged_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "new_products_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "count_lines" (
	"store_id" text NOT NULL,
	"sheet_id" text NOT NULL,
	"sku_code" text NOT NULL,
	"expected_qty" integer NOT NULL,
	"counted_qty" integer,
	"counted_by" text,
	"note" text,
	CONSTRAINT "count_lines_store_id_sheet_id_sku_code_pk" PRIMARY KEY("store_id","sheet_id","sku_code")
);
--> statement-breakpoint
CREATE TABLE "count_sheets" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"warehouse" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	CONSTRAINT "count_sheets_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"store_id" text NOT NULL,
	"po_id" text NOT NULL,
	"sku_code" text NOT NULL,
	"qty_ordered" integer NOT NULL,
	"qty_received" integer NOT NULL,
	"cost_fen" bigint,
	CONSTRAINT "purchase_order_lines_store_id_po_id_sku_code_pk" PRIMARY KEY("store_id","po_id","sku_code")
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"number" text NOT NULL,
	"supplier_id" text NOT NULL,
	"warehouse" text NOT NULL,
	"status" text NOT NULL,
	"expected_date" date,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	CONSTRAINT "purchase_orders_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"sku_code" text NOT NULL,
	"warehouse" text NOT NULL,
	"kind" text NOT NULL,
	"qty" integer NOT NULL,
	"reason" text,
	"ref_kind" text,
	"ref_id" text,
	"dedupe_key" text,
	"person_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_movements_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "supplier_skus" (
	"store_id" text NOT NULL,
	"supplier_id" text NOT NULL,
	"sku_code" text NOT NULL,
	"lead_time_days" integer,
	"pack_size" integer,
	"min_order_qty" integer,
	"cost_fen" bigint,
	CONSTRAINT "supplier_skus_store_id_supplier_id_sku_code_pk" PRIMARY KEY("store_id","supplier_id","sku_code")
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"store_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"phone" text,
	"wechat" text,
	"lead_time_days" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suppliers_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"store_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"leader_person_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warehouses_store_id_code_pk" PRIMARY KEY("store_id","code")
);
--> statement-breakpoint
CREATE INDEX "listing_events_product_idx" ON "listing_events" USING btree ("store_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_number_idx" ON "purchase_orders" USING btree ("store_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_dedupe_idx" ON "stock_movements" USING btree ("store_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "stock_movements_sku_idx" ON "stock_movements" USING btree ("store_id","sku_code","warehouse","occurred_at");--> statement-breakpoint
CREATE INDEX "supplier_skus_sku_idx" ON "supplier_skus" USING btree ("store_id","sku_code");