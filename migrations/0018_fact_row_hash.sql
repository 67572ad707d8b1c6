ALTER TABLE "refunds" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "stock_snapshots" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "ad_report_hours" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "ad_reports" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "affiliate_orders" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "competitor_daily_metrics" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "industry_daily_metrics" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "product_daily_metrics" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "store_daily_metrics" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "jd_order_lines" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "cs_attendance" ADD COLUMN "row_hash" bigint;--> statement-breakpoint
ALTER TABLE "cs_daily_stats" ADD COLUMN "row_hash" bigint;