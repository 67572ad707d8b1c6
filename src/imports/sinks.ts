import type { FactSink } from '../db/facts';
import { aftersalesImportSinks } from '../modules/aftersales/aftersales.service';
import { catalogLearners } from '../modules/catalog/catalog.service';
import { inventoryImportSinks } from '../modules/inventory/inventory.service';
import { marketingImportSinks } from '../modules/marketing/marketing.service';
import { metricsBeforeMerge, metricsImportSinks } from '../modules/metrics/metrics.service';
import { orderImportSinks } from '../modules/orders/orders.service';
import { serviceImportSinks } from '../modules/service/service.service';
import type { ImportKind } from './adapter';

/** Every file kind and the fact table its records land in (each module declares its own). */
const sinks: Record<ImportKind, FactSink> = {
  ...orderImportSinks,
  ...aftersalesImportSinks,
  ...metricsImportSinks,
  ...marketingImportSinks,
  ...serviceImportSinks,
  ...inventoryImportSinks,
};

/**
 * …and what each kind teaches the catalog (products and SKUs) on the way in, and the business
 * dates a changed row leaves (for the rollups).
 */
export const SINKS: Record<ImportKind, FactSink> = Object.fromEntries(
  Object.entries(sinks).map(([kind, sink]) => [
    kind,
    {
      ...sink,
      afterMerge: sink.afterMerge ?? catalogLearners[kind],
      beforeMerge: sink.beforeMerge ?? metricsBeforeMerge(kind),
    },
  ]),
) as Record<ImportKind, FactSink>;
