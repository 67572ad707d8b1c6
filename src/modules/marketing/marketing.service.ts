import { sinkFromTable } from '../../db/facts';
import { adReports } from './marketing.schema';

/** Where imported ad reports land (直通车, 引力魔方, 万相台 unified). */
export const marketingImportSinks = {
  ads: sinkFromTable('ads', adReports),
};
