// One pooled SMTP transport per relay per process (GUICHET_SMTP_RELAY and its credentials).
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';

const transports = new Map<string, Transporter>();

/** smtp://host:port (STARTTLS when offered, certificate checked) or smtps://host:port (TLS). */
export function mailTransport(mail: Config['mail']): Transporter {
  if (!mail.relayUrl) throw new Error('No SMTP relay is configured (GUICHET_SMTP_RELAY).');
  const key = `${mail.relayUrl}|${mail.relayUser ?? ''}|${mail.relayPassword ?? ''}`;
  let transport = transports.get(key);
  if (!transport) {
    const url = new URL(mail.relayUrl);
    const secure = url.protocol === 'smtps:';
    const user = mail.relayUser ?? (url.username ? decodeURIComponent(url.username) : undefined);
    const pass = mail.relayPassword ?? (url.password ? decodeURIComponent(url.password) : undefined);
    transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 465 : 25,
      secure,
      auth: user ? { user, pass } : undefined,
      // A relay that does not answer must not hold the job runner for minutes.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    transports.set(key, transport);
  }
  return transport;
}

/** Closes every pooled connection (shutdown, end of a test file). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
