CREATE INDEX "fact_status_history_import_idx" ON "fact_status_history" USING btree ("store_id","import_id");--> statement-breakpoint
CREATE INDEX "refunds_import_idx" ON "refunds" USING btree ("store_id","import_id");--> statement-breakpoint
CREATE INDEX "reviews_import_idx" ON "reviews" USING btree ("store_id","import_id");--> statement-breakpoint
CREATE INDEX "jd_order_lines_import_idx" ON "jd_order_lines" USING btree ("store_id","import_id");--> statement-breakpoint
CREATE INDEX "order_items_import_idx" ON "order_items" USING btree ("store_id","import_id");--> statement-breakpoint
CREATE INDEX "orders_import_idx" ON "orders" USING btree ("store_id","import_id");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("store_id","status");--> statement-breakpoint
CREATE INDEX "orders_order_idx" ON "orders" USING btree ("store_id","order_id");