import { sinkFromTable } from '../../db/facts';
import { chatMessages, csAttendance, csDailyStats } from './service.schema';

/** Where imported chat logs and CS statistics land. */
export const serviceImportSinks = {
  'chat-log': sinkFromTable('chat-log', chatMessages),
  'cs-daily': sinkFromTable('cs-daily', csDailyStats),
  'cs-attendance': sinkFromTable('cs-attendance', csAttendance),
};
