// The built-in SMTP listener. It accepts mail for the helpdesk's addresses (any address
// when no mailbox is configured) and answers 250 only once the raw message is committed
// to the database; if storing fails the sender gets a 451 and keeps the message to retry.
// No AUTH or STARTTLS: it is meant for a trusted network or behind the organisation's
// own mail server, which does the filtering and TLS.
import os from 'node:os';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../../lib/deps.ts';
import { receiveMessage } from './inbound.service.ts';
import { activeMailboxesByAddress } from './mailboxes.repo.ts';
import { untagged } from '../notifications/addresses.ts';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Which mailbox takes mail for this recipient: null = the default one; undefined = none. */
async function mailboxFor(deps: Deps, recipient: string): Promise<number | null | undefined> {
  const boxes = await activeMailboxesByAddress(deps);
  if (boxes.size === 0) return null;
  const address = recipient.toLowerCase();
  return boxes.get(address) ?? boxes.get(untagged(address));
}

export async function startSmtpListener(deps: Deps, opts: { port: number; host: string }): Promise<SmtpListener> {
  const maxBytes = deps.config.mail.maxBytes;
  const mailboxBySession = new WeakMap<SMTPServerSession, number | null>();
  const server = new SMTPServer({
    name: os.hostname(),
    banner: 'Guichet helpdesk',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    closeTimeout: 2_000,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      mailboxFor(deps, address.address).then(
        (mailboxId) => {
          if (mailboxId === undefined) return callback(smtpError(550, `5.1.1 <${address.address}>: no such helpdesk mailbox here`));
          if (!mailboxBySession.has(session)) mailboxBySession.set(session, mailboxId);
          callback();
        },
        (err) => {
          deps.logger.error({ err }, 'SMTP recipient check failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) return callback(smtpError(552, `5.3.4 Message larger than ${maxBytes} bytes`));
        const from = session.envelope.mailFrom;
        receiveMessage(deps, Buffer.concat(chunks), {
          source: 'smtp',
          mailboxId: mailboxBySession.get(session) ?? null,
          envelopeFrom: from ? from.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        }).then(
          (r) => callback(null, r.duplicate ? `2.0.0 Already received as #${r.id}` : `2.0.0 Stored as #${r.id}`),
          (err) => {
            deps.logger.error({ err }, 'SMTP message could not be stored');
            callback(smtpError(451, '4.3.0 Could not store the message, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => deps.logger.warn({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
