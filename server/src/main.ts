// The running server: load config → open and migrate the database → buildApp(real deps)
// → listen → job runner → graceful shutdown on SIGINT/SIGTERM. `guichet serve` calls it.
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDb } from './db/db.ts';
import { createLiveBus } from './lib/live-bus.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Deps } from './lib/deps.ts';
import { systemClock } from './lib/clock.ts';
import { startJobRunner, type JobHandler, type JobRunner, type RecurringJob } from './lib/jobs.ts';
import { deleteExpiredSessions } from './modules/auth/auth.repo.ts';
import { ticketJobs } from './modules/tickets/tickets.jobs.ts';
import { inboundJobs, processWaitingInbound, stopInboundProcessing } from './modules/email/inbound.service.ts';
import { notificationJobs } from './modules/notifications/notifications.jobs.ts';
import { closeMailTransports } from './modules/notifications/mail-transport.ts';
import { imapJobs } from './modules/email/imap-poller.ts';
import { oncallJobs } from './modules/oncall/oncall.jobs.ts';
import { slaJobs } from './modules/sla/sla.jobs.ts';
import { problemJobs } from './modules/problems/problems.jobs.ts';
import { startSmtpListener, type SmtpListener } from './modules/email/smtp-listener.ts';
import { sealStoredPasswords } from './modules/email/mailboxes.service.ts';
import { loadSecretKey } from './lib/secret-key.ts';

type JobSet = { handlers: Record<string, JobHandler>; recurring: RecurringJob[] };

const sessionJobs = (): JobSet => ({
  handlers: { 'sessions.purge-expired': async (deps) => deleteExpiredSessions(deps.db, deps.clock.now().toISOString()) },
  recurring: [{ kind: 'sessions.purge-expired', everyMs: 3_600_000 }],
});

/** Every job kind this process can run, and the recurring ones: one line per module. */
export function jobHandlers(): JobSet {
  const sets = [sessionJobs(), ticketJobs(), inboundJobs(), imapJobs(), notificationJobs(), oncallJobs(), slaJobs(), problemJobs()];
  return {
    handlers: Object.assign({}, ...sets.map((s) => s.handlers)),
    recurring: sets.flatMap((s) => s.recurring),
  };
}

/** Loads (or creates) the secret key, then seals any IMAP password still in clear text. */
async function useSecretKey(deps: Deps): Promise<void> {
  const key = await loadSecretKey(deps.config);
  const { logger } = deps;
  if (key.created) logger.info(`secret key created in ${key.source}: keep a copy apart from database backups; other processes on this database need the same one`);
  if (key.warning) logger.warn(key.warning);
  const { sealed, otherKey } = await sealStoredPasswords(deps);
  if (sealed) logger.info(`${sealed} mailbox IMAP password(s) stored in clear text were encrypted`);
  if (otherKey) {
    logger.warn(
      `${otherKey} mailbox IMAP password(s) were encrypted with another secret key than this server's (${key.source}, key id ${key.box.keyId}): ` +
        'those mailboxes cannot be polled until their password is entered again or the original key is restored',
    );
  }
}

export interface RunningServer {
  url: string;
  /** The built-in SMTP listener's port, when GUICHET_SMTP_PORT is set. */
  smtpPort?: number;
  deps: Deps;
  /** Stops the job runner, then the HTTP server, then the database. Idempotent. */
  close(): Promise<void>;
}

export async function serve(config: Config, opts: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel });
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.pgPoolSize, sqliteSynchronous: config.sqliteSynchronous });
  const applied = await migrateToLatest(dbHandle.db).catch(async (err) => {
    await dbHandle.close();
    throw err;
  });
  for (const name of applied) logger.info({ migration: name }, 'migration applied');
  const deps: Deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock: systemClock, logger, live: createLiveBus(dbHandle, logger, { databaseUrl: config.databaseUrl }) };
  await useSecretKey(deps).catch(async (err) => {
    await dbHandle.close();
    throw err;
  });

  const app = await buildApp(deps);
  const where = dbHandle.dialect === 'sqlite' ? `SQLite ${dbHandle.sqlitePath}` : 'PostgreSQL';
  try {
    // Fastify's own "listening" line, reworded: one line says where and on what.
    await app.listen({
      host: config.host,
      port: config.port,
      listenTextResolver: (address) => `Guichet listening on ${address} (${where}; background jobs ${config.runJobs ? 'on' : 'off'})`,
    });
  } catch (err) {
    await app.close();
    await dbHandle.close();
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let smtp: SmtpListener | undefined;
  if (config.mail.smtpPort !== undefined) {
    try {
      smtp = await startSmtpListener(deps, { port: config.mail.smtpPort, host: config.mail.smtpHost });
    } catch (err) {
      await app.close();
      await dbHandle.close();
      throw err;
    }
    logger.info(`SMTP listener on ${config.mail.smtpHost}:${smtp.port}`);
  }

  let runner: JobRunner | undefined;
  if (config.runJobs) {
    const { handlers, recurring } = jobHandlers();
    runner = startJobRunner(deps, handlers, recurring);
    // Mail stored before a crash or a stop is processed now, not at the sweep's next turn.
    processWaitingInbound(deps, 0).catch((err) => logger.error({ err }, 'processing mail left from before the start failed'));
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await smtp?.close();
      await stopInboundProcessing(deps);
      await runner?.stop();
      await closeMailTransports();
      await app.close();
      await dbHandle.close();
    })());

  if (opts.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      if (closing) {
        logger.warn(`${signal} received again: exiting now`);
        process.exit(1);
      }
      logger.info(`${signal} received: shutting down`);
      // In-flight requests get 10 s to finish; a stuck one must not keep the process up.
      const force = setTimeout(() => {
        logger.error('shutdown took longer than 10 s: exiting');
        process.exit(1);
      }, 10_000);
      force.unref();
      close().then(
        () => logger.info('stopped'),
        (err) => {
          logger.error({ err }, 'error during shutdown');
          process.exitCode = 1;
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return { url, smtpPort: smtp?.port, deps, close };
}
