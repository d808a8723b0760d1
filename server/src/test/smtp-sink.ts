// A local SMTP server for tests: captures what Guichet sends (a real SMTP exchange on
// 127.0.0.1), parses each message, and can be told to refuse the next ones.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SinkMessage extends ParsedMail {
  raw: Buffer;
  envelope: { from: string | null; to: string[] };
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Messages accepted so far, in order of arrival. */
  messages: SinkMessage[];
  /** The first message (already received or still to come) that matches; rejects after timeoutMs. */
  waitFor(predicate: (m: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  /** Refuses the next n transactions at MAIL FROM with this reply code (4xx transient, 5xx permanent). */
  failNext(n: number, code?: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiters = new Set<{ predicate: (m: SinkMessage) => boolean; resolve: (m: SinkMessage) => void }>();
  let failures = 0;
  let failCode = 451;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onMailFrom(_address, _session, callback) {
      if (failures > 0) {
        failures--;
        const err = Object.assign(new Error(failCode >= 500 ? 'Refused by the test sink' : 'Try again later (test sink)'), { responseCode: failCode });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        try {
          const parsed = await simpleParser(raw);
          const mailFrom = session.envelope.mailFrom;
          const message: SinkMessage = Object.assign(parsed, {
            raw,
            envelope: { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
          });
          messages.push(message);
          for (const w of waiters) {
            if (w.predicate(message)) {
              waiters.delete(w);
              w.resolve(message);
            }
          }
          callback();
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: SinkMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received).`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(n, code = 451) {
      failures = n;
      failCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
