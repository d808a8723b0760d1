// What buildApp is given: every outside dependency, passed explicitly.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db, Dialect, DbHandle } from '../db/db.ts';
import type { Clock } from './clock.ts';
import type { LiveBus } from './live-bus.ts';

export interface Deps {
  config: Config;
  db: Db;
  dialect: Dialect;
  dbHandle: DbHandle;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Live updates to connected browsers, across processes. */
  live: LiveBus;
}
