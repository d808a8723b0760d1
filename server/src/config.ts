// Environment parsed once, with a schema; a bad value stops the start with a readable list.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseKeyText, SecretBox } from './lib/secret-box.ts';

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
  GUICHET_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  GUICHET_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  GUICHET_SMTP_HOST: z.string().default('127.0.0.1'),
  GUICHET_SMTP_RELAY: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must be smtp://host:port or smtps://host:port (credentials as smtp://user:password@host:port)')
    .optional(),
  GUICHET_SMTP_RELAY_USER: z.string().optional(),
  GUICHET_SMTP_RELAY_PASSWORD: z.string().optional(),
  GUICHET_MAIL_FROM: z.string().optional(),
  GUICHET_MAIL_MAX_BYTES: z.coerce.number().int().positive().default(40 * 1024 * 1024),
  GUICHET_MAIL_SENDER_LIMIT: z.coerce.number().int().min(0).default(30),
  GUICHET_MAIL_ATTACH_MAX_BYTES: z.coerce.number().int().min(0).default(10 * 1024 * 1024),
  GUICHET_PROBLEM_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  // The value itself never appears in the error.
  GUICHET_SECRET_KEY: z
    .string()
    .refine((v) => parseKeyText(v) !== null, 'must be 32 random bytes written as base64 (44 characters) or hex (64 characters), e.g. the output of "openssl rand -base64 32"')
    .optional(),
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
  /** Where people reach this Guichet in a browser: links in outgoing mail. */
  publicUrl: string;
  /** Recurring-incident detection looks at incidents created in the last this many days. */
  problemWindowDays: number;
  /** GUICHET_SECRET_KEY, when set; otherwise the key file in dataDir (lib/secret-key.ts). */
  secretKey?: SecretBox;
  mail: {
    /** The built-in SMTP listener, when a port is set. */
    smtpPort?: number;
    smtpHost: string;
    /** Outbound relay; without it no mail is sent (and none is queued). */
    relayUrl?: string;
    relayUser?: string;
    relayPassword?: string;
    /** The From of outgoing mail when the ticket has no mailbox ("Name <address>" or an address). */
    from?: string;
    /** Largest message accepted, raw. */
    maxBytes: number;
    /** Messages per sender per 10 minutes before further ones are held (0 = no limit). */
    senderLimit: number;
    /** Files a reply mail carries, in total; above it the mail links to the ticket instead (0 = never attach). */
    attachMaxBytes: number;
  };
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
    problemWindowDays: e.GUICHET_PROBLEM_WINDOW_DAYS,
    secretKey: e.GUICHET_SECRET_KEY ? new SecretBox(parseKeyText(e.GUICHET_SECRET_KEY)!) : undefined,
    publicUrl: (e.GUICHET_PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    mail: {
      smtpPort: e.GUICHET_SMTP_PORT,
      smtpHost: e.GUICHET_SMTP_HOST,
      relayUrl: e.GUICHET_SMTP_RELAY,
      relayUser: e.GUICHET_SMTP_RELAY_USER,
      relayPassword: e.GUICHET_SMTP_RELAY_PASSWORD,
      from: e.GUICHET_MAIL_FROM,
      maxBytes: e.GUICHET_MAIL_MAX_BYTES,
      senderLimit: e.GUICHET_MAIL_SENDER_LIMIT,
      attachMaxBytes: e.GUICHET_MAIL_ATTACH_MAX_BYTES,
    },
  };
}
