import { sinkFromTable } from '../../db/facts';
import { jdOrderLines, orderItems, orders } from './orders.schema';

/** Where imported order files land (the import pipeline writes through these). */
export const orderImportSinks = {
  'taobao-orders': sinkFromTable('taobao-orders', orders, {
    statusColumn: 'status',
    teamColumns: ['flagColor', 'flaggedBy', 'flaggedAt'],
  }),
  'taobao-order-items': sinkFromTable('taobao-order-items', orderItems, { statusColumn: 'status' }),
  'jd-orders': sinkFromTable('jd-orders', jdOrderLines, { statusColumn: 'status' }),
};
