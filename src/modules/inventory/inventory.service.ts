import { sinkFromTable } from '../../db/facts';
import { stockSnapshots } from './inventory.schema';

/** Where imported stock snapshots land. */
export const inventoryImportSinks = {
  stock: sinkFromTable('stock', stockSnapshots),
};
