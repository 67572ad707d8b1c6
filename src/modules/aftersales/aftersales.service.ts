import { sinkFromTable } from '../../db/facts';
import { refunds, reviews } from './aftersales.schema';

/** Where imported refund and review files land. */
export const aftersalesImportSinks = {
  'taobao-refunds': sinkFromTable('taobao-refunds', refunds, { statusColumn: 'status' }),
  reviews: sinkFromTable('reviews', reviews),
};
