// An agent's reply mail carries the reply's files: real MIME attachments read from the
// store when sent, to the requester and the CCs; never internal files; over the size cap a
// note and the ticket link instead; a file gone from the store fails the mail visibly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { client } from '../../test/harness.ts';
import { assertProblem } from '../../test/assertions.ts';
import { makeGroup, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { blobPath } from '../attachments/attachment-store.ts';
import { processPendingInbound } from '../email/inbound.service.ts';
import type { SinkMessage } from '../../test/smtp-sink.ts';
import { PUBLIC_URL, aboutTicket, addressesOf, startMailTestApp, type MailTestApp } from './mail-test-kit.ts';

/** Small, so that the over-the-cap case needs no large upload. */
const CAP = 64 * 1024;

let m: MailTestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;
let admin: MadeUser;

before(async () => {
  m = await startMailTestApp({ env: { GUICHET_MAIL_ATTACH_MAX_BYTES: String(CAP) } });
  api = client(m.t);
  const group = await makeGroup(m.t.deps);
  agent = await makeUser(m.t.deps, { roles: ['agent'], name: 'Sam Agent', groupIds: [group.id] });
  supervisor = await makeUser(m.t.deps, { roles: ['supervisor'], groupIds: [group.id] });
  admin = await makeUser(m.t.deps, { roles: ['admin'] });
  requester = await makeUser(m.t.deps, { roles: ['requester'], name: 'Alex Requester' });
});
after(() => m.close());

interface FilePart {
  name: string;
  content: Buffer;
  type: string;
}

/** Content unique to this run, so that no other test's file shares its stored blob. */
const pdf = () => Buffer.from(`%PDF-1.4\n% ${uniq()} relevé de compte\n%%EOF\n`);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(300)]);

async function openTicket(requesterId = requester.id) {
  const r = await api.post('/api/v1/tickets', { title: `Bank statement ${uniq()}`, description: 'Need a copy.', requesterId }, { token: agent.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: number };
}

async function upload(ticketId: number, files: FilePart[], o: { internal?: boolean; token?: string } = {}): Promise<number[]> {
  const fd = new FormData();
  fd.append('internal', o.internal ? 'true' : 'false');
  for (const f of files) fd.append('file', new Blob([f.content as BlobPart], { type: f.type }), f.name);
  const r = await api.post(`/api/v1/tickets/${ticketId}/attachments`, undefined, { token: o.token ?? agent.token, raw: fd });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return (r.body.items as { id: number }[]).map((a) => a.id);
}

async function reply(ticketId: number, body: Record<string, unknown>, token = agent.token) {
  return api.post(`/api/v1/tickets/${ticketId}/replies`, { body: `Here you are ${uniq()}`, ...body }, { token });
}

/** Delivers the queue and returns every mail received about the ticket so far. */
async function mailsOf(number: number, count: number): Promise<SinkMessage[]> {
  await m.deliver();
  for (let i = 0; i < 50 && m.sink.messages.filter(aboutTicket(number)).length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return m.sink.messages.filter(aboutTicket(number));
}

const replyMail = (mails: SinkMessage[], text: string) => {
  const found = mails.find((x) => (x.text ?? '').includes(text));
  assert.ok(found, `no mail with "${text}" among ${mails.map((x) => x.subject).join(' | ')}`);
  return found;
};

test("an agent's reply mail carries its two files, bytes and names intact, to the requester and the CCs", async () => {
  const ticket = await openTicket();
  const cc = `cc-${uniq()}@partner.example.test`;
  await m.t.deps.db.insertInto('ticket_ccs').values({ ticket_id: ticket.id, email: cc, name: 'Copied', created_at: new Date().toISOString() }).execute();
  const files = [
    { name: 'relevé.pdf', content: pdf(), type: 'application/pdf' },
    { name: 'capture écran.png', content: png(), type: 'image/png' },
  ];
  const ids = await upload(ticket.id, files);
  const text = `Please find the statement ${uniq()}`;
  const r = await reply(ticket.id, { body: text, attachmentIds: ids });
  assert.equal(r.status, 201, JSON.stringify(r.body));

  const mails = await mailsOf(ticket.number, 2);
  const ack = mails.find((x) => x.subject?.startsWith(`[#${ticket.number}]`));
  assert.ok(ack, 'the acknowledgement arrived');
  assert.equal(ack.attachments.length, 0, 'the acknowledgement carries no file');

  const mail = replyMail(mails, text);
  assert.deepEqual(addressesOf(mail.to), [requester.email]);
  assert.deepEqual(addressesOf(mail.cc), [cc]);
  assert.deepEqual([...mail.envelope.to].sort(), [requester.email, cc].sort(), 'the CC receives the same message, files included');
  assert.deepEqual(
    mail.attachments.map((a) => [a.filename, a.contentType]),
    files.map((f) => [f.name, f.type]),
  );
  mail.attachments.forEach((a, i) => assert.ok(a.content.equals(files[i].content), `${files[i].name}: bytes differ`));
  assert.doesNotMatch(mail.text ?? '', /too large/);
});

test('an agent answering by mail with a file: the requester\'s mail carries it', async () => {
  const box = await api.post('/api/v1/email/mailboxes', { name: 'Help Desk', address: `help-${uniq()}@desk.example.test` }, { token: admin.token });
  assert.equal(box.status, 201, JSON.stringify(box.body));
  const ticket = await openTicket();
  const file = { name: 'procédure.pdf', content: pdf(), type: 'application/pdf' };
  const text = `See the procedure attached ${uniq()}`;
  const raw = await new MailComposer({
    from: `Sam Agent <${agent.email}>`,
    to: box.body.address,
    subject: `Re: [#${ticket.number}] Bank statement`,
    text,
    attachments: [{ filename: file.name, content: file.content, contentType: file.type }],
  })
    .compile()
    .build();
  const r = await api.post(`/api/v1/email/inbound?mailboxId=${box.body.id}`, undefined, { token: admin.token, headers: { 'content-type': 'message/rfc822' }, raw });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await processPendingInbound(m.t.deps);

  const mail = replyMail(await mailsOf(ticket.number, 2), text);
  assert.deepEqual(addressesOf(mail.to), [requester.email]);
  assert.deepEqual(mail.attachments.map((a) => a.filename), [file.name]);
  assert.ok(mail.attachments[0].content.equals(file.content));
});

test("an internal note's files never go out; a public reply cannot name them", async () => {
  const ticket = await openTicket();
  const secret = { name: `internal-${uniq()}.png`, content: png(), type: 'image/png' };
  const [secretId] = await upload(ticket.id, [secret], { internal: true });
  const note = await reply(ticket.id, { body: 'Checked the ledger', internal: true, attachmentIds: [secretId] });
  assert.equal(note.status, 201, JSON.stringify(note.body));

  const refused = await reply(ticket.id, { attachmentIds: [secretId] });
  assertProblem(refused, 422, { detail: new RegExp(`"${secret.name}" \\(#${secretId}\\).*internal`) });

  const shared = { name: 'statement.pdf', content: pdf(), type: 'application/pdf' };
  const [sharedId] = await upload(ticket.id, [shared]);
  const text = `Only the statement ${uniq()}`;
  assert.equal((await reply(ticket.id, { body: text, attachmentIds: [sharedId] })).status, 201);

  const mails = await mailsOf(ticket.number, 2);
  assert.equal(mails.length, 2, 'the acknowledgement and the reply; the note sends nothing');
  const mail = replyMail(mails, text);
  assert.deepEqual(mail.attachments.map((a) => a.filename), ['statement.pdf']);
  const everything = mails.flatMap((x) => [x.raw.toString('latin1')]).join('\n');
  assert.ok(!everything.includes(secret.name), 'the internal file is named in no mail');
});

test("a requester's files do not go by mail to the assignee; other tickets' files cannot be named", async () => {
  const ticket = await openTicket();
  assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/assign`, { assigneeId: agent.id }, { token: supervisor.token })).status, 200);
  const other = await openTicket();
  const [foreign] = await upload(other.id, [{ name: 'other.pdf', content: pdf(), type: 'application/pdf' }]);
  assertProblem(await reply(ticket.id, { attachmentIds: [foreign] }), 422, { detail: new RegExp(`Attachment ${foreign} is not on ticket ${ticket.id}`) });

  const ids = await upload(ticket.id, [{ name: 'screenshot.png', content: png(), type: 'image/png' }], { token: requester.token });
  const text = `It still fails ${uniq()}`;
  assert.equal((await reply(ticket.id, { body: text, attachmentIds: ids }, requester.token)).status, 201);
  const mails = await mailsOf(ticket.number, 3);
  const told = mails.find((x) => addressesOf(x.to).includes(agent.email) && (x.text ?? '').includes(text));
  assert.ok(told, 'the assignee is told of the reply');
  assert.equal(told.attachments.length, 0);
  assert.doesNotMatch(told.text ?? '', /too large/);
});

test('over the cap the mail carries no file and says where they are, in the requester\'s language', async () => {
  const french = await makeUser(m.t.deps, { roles: ['requester'], name: 'Camille Martin' });
  await m.t.deps.db.updateTable('users').set({ language: 'fr' }).where('id', '=', french.id).execute();
  const ticket = await openTicket(french.id);
  // Each file fits; the two together pass the cap by one byte.
  const small = { name: 'relevé.pdf', content: pdf(), type: 'application/pdf' };
  const big = { name: 'journal complet.zip', content: crypto.randomBytes(CAP - small.content.length + 1), type: 'application/zip' };
  const ids = await upload(ticket.id, [big, small]);
  const text = `Voici les journaux ${uniq()}`;
  assert.equal((await reply(ticket.id, { body: text, attachmentIds: ids })).status, 201);

  const mail = replyMail(await mailsOf(ticket.number, 2), text);
  assert.equal(mail.attachments.length, 0, 'none of the files: together they pass the cap');
  const url = `${PUBLIC_URL}/portal/tickets/${ticket.id}`;
  assert.match(mail.text ?? '', /trop volumineux pour être envoyés par e-mail \(journal complet\.zip, relevé\.pdf\)/);
  assert.ok((mail.text ?? '').includes(url));
  assert.ok((mail.html || '').includes(`<a href="${url}">téléchargez-les depuis le ticket`));
});

test('a customised template without the files part still says where the files are', async () => {
  const path = '/api/v1/email/templates/agent_reply/en';
  const saved = await api.put(path, { subject: 'Re: {{ticket.title}}', text: '{{reply.body}}\n\n{{author.name}}' }, { token: admin.token });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  try {
    const ticket = await openTicket();
    const ids = await upload(ticket.id, [{ name: 'dump.bin', content: crypto.randomBytes(CAP + 1), type: 'application/octet-stream' }]);
    const text = `The memory dump ${uniq()}`;
    assert.equal((await reply(ticket.id, { body: text, attachmentIds: ids })).status, 201);
    const mail = replyMail(await mailsOf(ticket.number, 2), text);
    assert.equal(mail.attachments.length, 0);
    assert.match(mail.text ?? '', new RegExp(`Sam Agent\\n\\nThe files of this reply are too large to send by email \\(dump\\.bin\\); download them from the ticket: ${PUBLIC_URL}/portal/tickets/${ticket.id}`));
  } finally {
    await api.delete(path, { token: admin.token });
  }
});

test('a file gone from the store fails the mail visibly instead of sending it without the file', async () => {
  const ticket = await openTicket();
  await mailsOf(ticket.number, 1); // the acknowledgement
  const gone = { name: `contrat-${uniq()}.pdf`, content: pdf(), type: 'application/pdf' };
  const [id] = await upload(ticket.id, [gone]);
  const text = `The contract ${uniq()}`;
  assert.equal((await reply(ticket.id, { body: text, attachmentIds: [id] })).status, 201);
  const sha = crypto.createHash('sha256').update(gone.content).digest('hex');
  await fs.rm(blobPath(m.t.dataDir, sha));

  await m.deliver();
  assert.equal(m.sink.messages.filter((x) => (x.text ?? '').includes(text)).length, 0, 'nothing was sent');
  const failed = await api.get(`/api/v1/email/outbound?ticketId=${ticket.id}&status=failed`, { token: supervisor.token });
  assert.equal(failed.status, 200);
  assert.equal(failed.body.items.length, 1);
  assert.equal(failed.body.items[0].kind, 'agent_reply');
  assert.equal(failed.body.items[0].attempts, 1, 'failed at once: retrying cannot bring the file back');
  assert.match(failed.body.items[0].lastError, new RegExp(`"${gone.name}" \\(attachment ${id}\\) is missing in the attachment store`));
  const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
  assert.ok(JSON.stringify(timeline.body).includes('email_failed'), 'the ticket shows the failed mail');
});
