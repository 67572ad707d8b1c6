// Every module's tables, re-exported for drizzle (`import * as schema`) and drizzle-kit.
export * from '../imports/imports.schema';
export * from '../modules/aftersales/aftersales.schema';
export * from '../modules/catalog/catalog.schema';
export * from '../modules/inventory/inventory.schema';
export * from '../modules/marketing/marketing.schema';
export * from '../modules/metrics/metrics.schema';
export * from '../modules/notify/notify.schema';
export * from '../modules/orders/orders.schema';
export * from '../modules/service/service.schema';
export * from '../modules/team/team.schema';
export * from '../modules/work/work.schema';
