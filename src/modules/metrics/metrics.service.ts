import { sinkFromTable } from '../../db/facts';
import {
  competitorDailyMetrics,
  industryDailyMetrics,
  productDailyMetrics,
  storeDailyMetrics,
} from './metrics.schema';

/** Where imported 生意参谋 files land. */
export const metricsImportSinks = {
  'store-metrics': sinkFromTable('store-metrics', storeDailyMetrics),
  'product-metrics': sinkFromTable('product-metrics', productDailyMetrics),
  'industry-metrics': sinkFromTable('industry-metrics', industryDailyMetrics),
  'competitor-metrics': sinkFromTable('competitor-metrics', competitorDailyMetrics),
};
