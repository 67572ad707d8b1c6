import type { Database } from '../db/client';
import type { Config } from './config';
import type { Clock } from './time';

/**
 * What every service function receives: the database, the clock (injected so deadlines and
 * schedules are tested by moving it) and the configuration.
 */
export type Ctx = {
  database: Database;
  clock: Clock;
  config: Config;
};
