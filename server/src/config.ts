// Environment parsed once, with a schema; a bad value stops the start with a readable list.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The built web app (npm run build), served at /. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  GUICHET_DATA: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  GUICHET_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GUICHET_SESSION_HOURS: z.coerce.number().positive().default(12),
  GUICHET_BODY_LIMIT: z.coerce.number().int().positive().default(1024 * 1024),
  GUICHET_ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  GUICHET_AUTO_CLOSE_HOURS: z.coerce.number().min(0).default(72),
  GUICHET_COOKIE_SECURE: bool.default(false),
  GUICHET_SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  GUICHET_PG_POOL: z.coerce.number().int().positive().default(10),
  GUICHET_JOBS: bool.default(true),
  GUICHET_WEB_DIST: z.string().default(DEFAULT_WEB_DIST),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: string;
  sessionHours: number;
  bodyLimit: number;
  attachmentMaxBytes: number;
  autoCloseHours: number;
  cookieSecure: boolean;
  sqliteSynchronous: 'normal' | 'full';
  pgPoolSize: number;
  runJobs: boolean;
  webDist: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.GUICHET_DATA),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.GUICHET_LOG_LEVEL,
    sessionHours: e.GUICHET_SESSION_HOURS,
    bodyLimit: e.GUICHET_BODY_LIMIT,
    attachmentMaxBytes: e.GUICHET_ATTACHMENT_MAX_BYTES,
    autoCloseHours: e.GUICHET_AUTO_CLOSE_HOURS,
    cookieSecure: e.GUICHET_COOKIE_SECURE,
    sqliteSynchronous: e.GUICHET_SQLITE_SYNCHRONOUS,
    pgPoolSize: e.GUICHET_PG_POOL,
    runJobs: e.GUICHET_JOBS,
    webDist: path.resolve(e.GUICHET_WEB_DIST),
  };
}
