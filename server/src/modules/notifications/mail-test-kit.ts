// What the notification tests share: an app whose relay is a local SMTP sink, a job runner
// driven by hand, and readers for the captured mail.
import type { AddressObject } from 'mailparser';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../../test/smtp-sink.ts';
import { startJobRunner, type JobRunner } from '../../lib/jobs.ts';
import type { Clock } from '../../lib/clock.ts';
import { notificationJobs } from './notifications.jobs.ts';
import { closeMailTransports } from './mail-transport.ts';

export const PUBLIC_URL = 'https://help.example.test';
export const FROM = 'support@help.example.test';

export interface MailTestApp {
  t: TestApp;
  sink: SmtpSink;
  runner: JobRunner;
  /** Runs the due email.send jobs (one pass per call until none was due). */
  deliver(): Promise<number>;
  close(): Promise<void>;
}

export async function startMailTestApp(o: { clock?: Clock; relayUrl?: string | null; env?: Record<string, string> } = {}): Promise<MailTestApp> {
  const sink = await startSmtpSink();
  const relay = o.relayUrl === undefined ? sink.url : o.relayUrl;
  const env: Record<string, string> = { GUICHET_PUBLIC_URL: PUBLIC_URL, GUICHET_MAIL_FROM: `IT Support <${FROM}>`, ...o.env };
  if (relay !== null) env.GUICHET_SMTP_RELAY = relay;
  const t = await startTestApp({ clock: o.clock, env });
  const runner = startJobRunner(t.deps, notificationJobs().handlers, [], { pollMs: 0 });
  return {
    t,
    sink,
    runner,
    async deliver() {
      let total = 0;
      for (let ran = await runner.runDueJobs(); ran > 0; ran = await runner.runDueJobs()) total += ran;
      return total;
    },
    async close() {
      await runner.stop();
      closeMailTransports();
      await sink.close();
      await t.close();
    },
  };
}

export function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

export function referencesOf(m: SinkMessage): string[] {
  const r = m.references;
  return r === undefined ? [] : Array.isArray(r) ? r : r.split(/\s+/).filter(Boolean);
}

export const header = (m: SinkMessage, name: string) => {
  const v = m.headers.get(name.toLowerCase());
  return v === undefined ? undefined : String(v);
};

/** Mail about one ticket, as the sink received it. */
export const aboutTicket = (n: number) => (m: SinkMessage) => header(m, 'x-guichet-ticket') === String(n);

export const bracketed = (id: string) => `<${id}>`;
