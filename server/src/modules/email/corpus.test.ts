// The mail corpus (corpus/*.eml, what real clients send) through the public API, in order,
// each message's expected outcome asserted: how it was threaded, the ticket, what the
// timeline shows and hides, the files kept, the sanitised HTML, loops, bounces, storms.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeUser, type MadeUser } from '../../test/factories.ts';
import { processPendingInbound } from './inbound.service.ts';
import { CORPUS, CORPUS_SENDER_LIMIT, type CorpusCase, type ExpectedFile } from './corpus/expectations.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
const SUPPORT = 'support@altamira-it.test';

let app: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let mailboxId: number;

/** What each message became, by its number: read by the later messages that refer to it. */
const sent = new Map<number, { id: number; messageId: string; ticket: { id: number; number: number } | null }>();

before(async () => {
  // The relay is never contacted (no job runner here): outbound mail is queued, not sent.
  app = await startTestApp({
    env: { GUICHET_MAIL_SENDER_LIMIT: String(CORPUS_SENDER_LIMIT), GUICHET_SMTP_RELAY: 'smtp://127.0.0.1:9', GUICHET_MAIL_FROM: `Support Altamira <${SUPPORT}>` },
  });
  api = client(app);
  admin = await makeUser(app.deps, { roles: ['admin'], email: 'admin@altamira-it.test', name: 'Admin Altamira' });
  const brasserie = await makeOrganisation(app.deps, { name: 'Brasserie Lefort', domains: ['brasserie-lefort.test'] });
  await makeOrganisation(app.deps, { name: 'Cabinet Moreau & Associés', domains: ['cabinet-moreau.test'] });
  await makeOrganisation(app.deps, { name: 'Nordwind Logistik GmbH', domains: ['nordwind-logistik.test'] });
  await makeOrganisation(app.deps, { name: 'Harbourline Shipping', domains: ['harbourline.test'] });
  // A requester who already has an account; everyone else is met by mail.
  await makeUser(app.deps, { roles: ['requester'], email: 'claire.fontaine@brasserie-lefort.test', name: 'Claire Fontaine', organisationId: brasserie.id });
  const box = await api.post('/api/v1/email/mailboxes', { name: 'Support Altamira', address: SUPPORT }, { token: admin.token });
  assert.equal(box.status, 201, JSON.stringify(box.body));
  mailboxId = box.body.id;
});
after(() => app.close());

const numberOf = (file: string) => Number(file.slice(0, 2));

function earlier(n: number) {
  const s = sent.get(n);
  if (!s) throw new Error(`message ${n} has not been sent (or its test failed before recording it)`);
  return s;
}

function ticketOf(n: number): { id: number; number: number } {
  const t = earlier(n).ticket;
  if (!t) throw new Error(`message ${n} made no ticket`);
  return t;
}

/** The Message-ID of the acknowledgement Guichet queued for the ticket of message n. */
async function acknowledgementOf(n: number): Promise<string> {
  const mail = await api.get(`/api/v1/tickets/${ticketOf(n).id}/email`, { token: admin.token });
  assert.equal(mail.status, 200);
  const ack = mail.body.outbound.find((o: { kind: string }) => o.kind === 'ticket_created');
  if (!ack) throw new Error(`no acknowledgement was queued for the ticket of message ${n}`);
  return String(ack.messageId).replace(/^<|>$/g, '');
}

/** Fills {{TICKET_n}} and {{OUT_MSGID_n}} in (raw bytes kept as they are). */
async function fillIn(text: string): Promise<string> {
  const outIds = new Map<number, string>();
  for (const m of text.matchAll(/\{\{OUT_MSGID_(\d+)\}\}/g)) outIds.set(Number(m[1]), await acknowledgementOf(Number(m[1])));
  return text.replace(/\{\{TICKET_(\d+)\}\}/g, (_, n) => String(ticketOf(Number(n)).number)).replace(/\{\{OUT_MSGID_(\d+)\}\}/g, (_, n) => outIds.get(Number(n))!);
}

async function closeTicket(id: number) {
  const resolution = { symptoms: 'Black screen after login.', diagnosis: 'Display driver update.', actions: 'Driver rolled back.', result: 'Screen works.' };
  const r = await api.post(`/api/v1/tickets/${id}/resolve`, resolution, { token: admin.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const c = await api.post(`/api/v1/tickets/${id}/close`, {}, { token: admin.token });
  assert.equal(c.status, 200, JSON.stringify(c.body));
}

const sameFile = (want: ExpectedFile, got: { filename: string; contentType: string }) =>
  got.contentType === want.contentType && (typeof want.filename === 'string' ? got.filename === want.filename : want.filename.test(got.filename));

function assertHtmlClean(html: string | null, c: CorpusCase) {
  assert.ok(html, 'the HTML part is kept, sanitised');
  for (const bad of [/<script/i, /<style/i, /<iframe/i, /<form/i, /<svg/i, /\son\w+\s*=/i, /javascript:/i, /<img[^>]+src\s*=\s*["']?(https?:)?\/\//i]) {
    assert.doesNotMatch(html, bad, `sanitised HTML still has ${bad}`);
  }
  for (const s of c.htmlShows ?? []) assert.ok(html.includes(s), `sanitised HTML lost ${JSON.stringify(s)}`);
}

/** The timeline event a processed message wrote, with the text Guichet shows for it. */
async function shownFor(c: CorpusCase, inboundId: number, ticketId: number) {
  if (c.outcome === 'ticket_created') {
    const t = await api.get(`/api/v1/tickets/${ticketId}`, { token: admin.token });
    return { body: t.body.description as string, who: t.body.requester as { email: string; name: string } };
  }
  const tl = await api.get(`/api/v1/tickets/${ticketId}/timeline`, { token: admin.token });
  assert.equal(tl.status, 200);
  const kinds = { reply_added: 'reply', note_added: 'note', bounce_recorded: 'email_bounce' } as Record<string, string>;
  const event = tl.body.items.find((e: any) => e.kind === kinds[c.outcome!] && (e.data?.email?.inboundId ?? e.data?.inboundId) === inboundId);
  assert.ok(event, `no ${kinds[c.outcome!]} event for inbound ${inboundId} on the timeline`);
  assert.equal(event.internal, c.outcome !== 'reply_added', 'replies are public, notes and bounces internal');
  return { body: (event.body ?? '') as string, who: event.author as { email: string; name: string } | null };
}

describe('mail corpus', () => {
  test('the corpus has at least 40 messages, each .eml with CRLF line ends and an expectation', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort();
    assert.ok(files.length >= 40, `${files.length} messages`);
    assert.deepEqual(files, CORPUS.map((c) => `${c.file}.eml`).sort());
    for (const f of files) {
      const raw = fs.readFileSync(path.join(DIR, f)).toString('latin1');
      assert.doesNotMatch(raw, /[^\r]\n|\r(?!\n)/, `${f} has a bare LF or CR`);
    }
  });

  for (const c of CORPUS) {
    test(`${c.file}: ${c.about}`, async () => {
      const n = numberOf(c.file);
      if (c.before?.closeTicketOf) await closeTicket(ticketOf(c.before.closeTicketOf).id);
      const target = typeof c.ticket === 'number' ? ticketOf(c.ticket) : null;
      const statusBefore = target ? (await api.get(`/api/v1/tickets/${target.id}`, { token: admin.token })).body.status : null;
      const timelineBefore = target ? (await api.get(`/api/v1/tickets/${target.id}/timeline`, { token: admin.token })).body.items.length : 0;

      const raw = Buffer.from(await fillIn(fs.readFileSync(path.join(DIR, `${c.file}.eml`)).toString('latin1')), 'latin1');
      const post = await api.post(`/api/v1/email/inbound?mailboxId=${mailboxId}`, undefined, { token: admin.token, headers: { 'content-type': 'message/rfc822' }, raw });
      assert.equal(post.status, 202, JSON.stringify(post.body));
      assert.equal(post.body.duplicate, c.duplicateOf !== undefined, 'duplicate flag');
      if (c.duplicateOf !== undefined) assert.equal(post.body.id, earlier(c.duplicateOf).id, 'a duplicate is the stored message, not a new one');
      await processPendingInbound(app.deps);

      const got = await api.get(`/api/v1/email/inbound/${post.body.id}`, { token: admin.token });
      assert.equal(got.status, 200, JSON.stringify(got.body));
      const m = got.body;
      if (c.duplicateOf === undefined) sent.set(n, { id: m.id, messageId: m.messageId, ticket: m.ticket });

      assert.equal(m.status, c.status, `status (error: ${m.error})`);
      assert.equal(m.outcome, c.outcome, `outcome (error: ${m.error})`);
      assert.equal(m.auto, c.auto, 'auto flag');
      if (c.error) assert.match(m.error ?? '', c.error);
      else if (c.status === 'processed') assert.equal(m.error, null);
      if (c.noMessageId) {
        assert.ok(m.messageId.length > 0, 'a message without Message-ID still gets an identity');
        assert.doesNotMatch(raw.toString('latin1').split('\r\n\r\n')[0], /^message-id:/im);
      }

      if (c.duplicateOf !== undefined) {
        assert.equal(m.duplicates, 1, 'the second delivery is counted');
        const tl = await api.get(`/api/v1/tickets/${target!.id}/timeline`, { token: admin.token });
        assert.equal(tl.body.items.length, timelineBefore, 'applied once: nothing new on the ticket');
        const list = await api.get(`/api/v1/email/inbound?ticketId=${target!.id}`, { token: admin.token });
        assert.equal(list.body.items.filter((i: { messageId: string }) => i.messageId === m.messageId).length, 1, 'stored once');
        return;
      }

      // Threading, and the reason recorded for it
      if (c.match) {
        assert.equal(m.match?.by, c.match.by, `matched by (${JSON.stringify(m.match)})`);
        assert.equal(m.match?.why, c.match.why, 'why a new ticket');
        if (c.match.messageIdOf !== undefined) {
          const id = typeof c.match.messageIdOf === 'number' ? earlier(c.match.messageIdOf).messageId : await acknowledgementOf(c.match.messageIdOf.outboundOf);
          assert.equal(m.match?.messageId, id, 'the Message-ID matched');
        }
        if (c.match.tagOf !== undefined) assert.equal(m.match?.ticketNumber, ticketOf(c.match.tagOf).number, 'the tagged ticket');
        if (c.match.relatedTicketOf !== undefined) assert.equal(m.match?.relatedTicketNumber, ticketOf(c.match.relatedTicketOf).number, 'the related ticket');
      }

      // The ticket
      if (c.ticket === null) {
        assert.equal(m.ticket, null, 'no ticket');
      } else if (c.ticket === 'new') {
        assert.ok(m.ticket, 'a ticket was made');
        for (const [k, s] of sent) if (k !== n) assert.notEqual(s.ticket?.id, m.ticket.id, `a new ticket, not that of message ${k}`);
      } else {
        assert.equal(m.ticket?.id, target!.id, `joins the ticket of message ${c.ticket}`);
      }
      if (m.ticket && c.outcome !== null) {
        const t = await api.get(`/api/v1/tickets/${m.ticket.id}`, { token: admin.token });
        assert.equal(t.status, 200);
        if (c.ticket === 'new') {
          assert.equal(t.body.channel, 'email');
          if (typeof c.title === 'string') assert.equal(t.body.title, await fillIn(c.title));
          else if (c.title) {
            assert.ok(t.body.title.startsWith(c.title.startsWith), `title ${JSON.stringify(t.body.title)}`);
            assert.ok(t.body.title.length <= c.title.maxLength, `title longer than ${c.title.maxLength}`);
            assert.doesNotMatch(t.body.title, /[\r\n]/, 'a title is one line');
          }
          if (c.organisation !== undefined) assert.equal(t.body.organisation?.name ?? null, c.organisation, 'organisation');
        }
        if (c.keepsStatus) assert.equal(t.body.status, statusBefore, 'the ticket did not move');
      }

      // What the timeline shows
      if (m.ticket && c.outcome) {
        const shown = await shownFor(c, m.id, m.ticket.id);
        if (c.from) assert.equal(shown.who?.email, c.from, 'requester or author');
        if (c.fromName) assert.equal(shown.who?.name, c.fromName, 'name decoded');
        for (const s of c.shows ?? []) assert.ok(shown.body.includes(s), `shown text lacks ${JSON.stringify(s)}:\n${shown.body}`);
        for (const s of c.hides ?? []) assert.ok(!shown.body.includes(s), `shown text still has ${JSON.stringify(s)}:\n${shown.body}`);
      }

      // Files: named as the sender named them, stored on the ticket
      if (c.files) {
        assert.equal(m.attachments.length, c.files.length, `files: ${JSON.stringify(m.attachments)}`);
        for (const f of c.files) assert.ok(m.attachments.some((a: any) => sameFile(f, a)), `missing ${f.filename} (${f.contentType}) in ${JSON.stringify(m.attachments)}`);
      }
      for (const f of c.filesInclude ?? []) assert.ok(m.attachments.some((a: any) => sameFile(f, a)), `missing ${f.filename} (${f.contentType}) in ${JSON.stringify(m.attachments)}`);
      if (m.ticket && m.attachments.length && c.outcome !== 'bounce_recorded') {
        const files = await api.get(`/api/v1/tickets/${m.ticket.id}/attachments`, { token: admin.token });
        for (const a of m.attachments) {
          assert.ok(a.attachmentId, `${a.filename} stored as a ticket attachment`);
          const stored = files.body.items.find((x: { id: number }) => x.id === a.attachmentId);
          assert.equal(stored?.filename, a.filename);
          assert.equal(stored?.size, a.size);
        }
      }

      if (c.htmlClean) assertHtmlClean(m.html, c);

      // People copied, and the mail Guichet owes (or must not send)
      if (m.ticket && (c.ccs || c.notCcs || c.acknowledged !== undefined)) {
        const mail = await api.get(`/api/v1/tickets/${m.ticket.id}/email`, { token: admin.token });
        assert.equal(mail.status, 200);
        const ccs = mail.body.ccs.map((x: { email: string }) => x.email);
        for (const e of c.ccs ?? []) assert.ok(ccs.includes(e), `${e} copied (${ccs})`);
        for (const e of c.notCcs ?? []) assert.ok(!ccs.includes(e), `${e} must not be copied`);
        if (c.acknowledged !== undefined) {
          const acks = mail.body.outbound.filter((o: { kind: string; to: string[] }) => o.kind === 'ticket_created');
          assert.equal(acks.length, c.acknowledged ? 1 : 0, 'acknowledgements queued');
          if (c.acknowledged) assert.deepEqual(acks[0].to.map((a: string) => a.toLowerCase()), [c.from]);
        }
      }

      // A bounce marks the mail that bounced
      if (c.outcome === 'bounce_recorded') {
        const mail = await api.get(`/api/v1/tickets/${m.ticket.id}/email`, { token: admin.token });
        const out = mail.body.outbound.find((o: { messageId: string }) => o.messageId.replace(/^<|>$/g, '') === m.match.messageId);
        assert.equal(out?.status, 'failed', 'the bounced mail is marked failed');
      }

      // Failed and held mail is listed for a look, and an administrator can retry it
      if (c.status === 'failed' || c.status === 'held') {
        const list = await api.get(`/api/v1/email/inbound?status=${c.status}`, { token: admin.token });
        assert.ok(list.body.items.some((i: { id: number }) => i.id === m.id), `listed under status=${c.status}`);
      }
      if (c.afterRetry) {
        const r = await api.post(`/api/v1/email/inbound/${m.id}/retry`, undefined, { token: admin.token });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        await processPendingInbound(app.deps);
        const again = (await api.get(`/api/v1/email/inbound/${m.id}`, { token: admin.token })).body;
        assert.equal(again.status, c.afterRetry.status, `after retry (error: ${again.error})`);
        assert.equal(again.outcome, c.afterRetry.outcome);
        assert.ok(again.attempts > m.attempts || again.status !== m.status, 'the retry ran');
        sent.set(n, { id: again.id, messageId: again.messageId, ticket: again.ticket });
      }
    });
  }
});
