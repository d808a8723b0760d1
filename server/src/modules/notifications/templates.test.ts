// Notification templates over HTTP: the list, edits checked on save and used by the next
// mail, going back to the default, previews, and who may do what.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { LANGUAGES } from '../../../../common/enums.ts';
import { TEMPLATE_KINDS } from '../../../../common/schemas/email.ts';
import { PUBLIC_URL, aboutTicket, startMailTestApp, type MailTestApp } from './mail-test-kit.ts';

let m: MailTestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;

before(async () => {
  m = await startMailTestApp();
  api = client(m.t);
  admin = await makeUser(m.t.deps, { roles: ['admin'] });
  supervisor = await makeUser(m.t.deps, { roles: ['supervisor'] });
  requester = await makeUser(m.t.deps, { roles: ['requester'], name: 'Robin' });
});
after(() => m.close());

const path = (kind: string, language: string) => `/api/v1/email/templates/${kind}/${language}`;

test('admins list every kind in every language, with placeholders; others may not', async () => {
  const r = await api.get('/api/v1/email/templates', { token: admin.token });
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, TEMPLATE_KINDS.length * LANGUAGES.length);
  for (const kind of TEMPLATE_KINDS) for (const language of LANGUAGES) assert.ok(r.body.items.some((t: any) => t.kind === kind && t.language === language));
  const reply = r.body.items.find((t: any) => t.kind === 'agent_reply' && t.language === 'fr');
  assert.equal(reply.customised, false);
  assert.ok(reply.placeholders.includes('reply.body'));
  assert.match(reply.text, /Pour répondre/);
  assert.equal((await api.get('/api/v1/email/templates', { token: supervisor.token })).status, 403);
  assert.equal((await api.put(path('ticket_created', 'en'), { subject: 'x', text: 'y' }, { token: supervisor.token })).status, 403);
  assert.equal((await api.get(path('nope', 'en'), { token: admin.token })).status, 400);
  assert.equal((await api.get(path('ticket_created', 'de'), { token: admin.token })).status, 400);
});

test('an edited template is used by the next mail; deleting it goes back to the default', async () => {
  const custom = {
    subject: 'We got it: {{ticket.title}}',
    text: 'Dear {{recipient.name}}, your ticket {{ticket.number}} is in. {{ticket.url}}',
    html: '<p>Dear {{recipient.name}}, ticket <em>{{ticket.number}}</em> is in.</p>',
  };
  const put = await api.put(path('ticket_created', 'en'), custom, { token: admin.token });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.customised, true);
  assert.deepEqual((await api.get(path('ticket_created', 'en'), { token: admin.token })).body, put.body);
  // The French template is untouched.
  assert.equal((await api.get(path('ticket_created', 'fr'), { token: admin.token })).body.customised, false);

  const createAs = async () => {
    const r = await api.post('/api/v1/tickets', { title: `Screen ${uniq()}`, description: 'Flickers' }, { token: requester.token });
    assert.equal(r.status, 201);
    return r.body as { id: number; number: number; title: string };
  };
  const ticket = await createAs();
  await m.deliver();
  const mail = await m.sink.waitFor(aboutTicket(ticket.number));
  // The tag is added when the admin's subject leaves it out: replies still thread.
  assert.equal(mail.subject, `We got it: ${ticket.title} [#${ticket.number}]`);
  assert.equal(mail.text?.trim(), `Dear Robin, your ticket ${ticket.number} is in. ${PUBLIC_URL}/portal/tickets/${ticket.id}`);
  assert.match(String(mail.html), new RegExp(`<p>Dear Robin, ticket <em>${ticket.number}</em> is in.</p>`));

  const reset = await api.delete(path('ticket_created', 'en'), { token: admin.token });
  assert.equal(reset.status, 200);
  assert.equal(reset.body.customised, false);
  assert.match(reset.body.text, /We have received your request/);
  const again = await createAs();
  await m.deliver();
  assert.match((await m.sink.waitFor(aboutTicket(again.number))).text ?? '', /We have received your request/);
});

test('without an HTML part the HTML is made from the text', async () => {
  const put = await api.put(path('agent_assigned', 'fr'), { subject: '[#{{ticket.number}}] À vous', text: 'Voir {{ticket.url}}\n\n{{author.name}}', html: null }, { token: admin.token });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.html, null);
  const preview = await api.post(`${path('agent_assigned', 'fr')}/preview`, undefined, { token: admin.token });
  assert.equal(preview.status, 200);
  assert.equal(preview.body.subject, '[#1042] À vous');
  assert.match(preview.body.html, /<p>Voir <a href="https:\/\/help\.example\.test\/portal\/tickets\/1">/);
  assert.match(preview.body.html, /<p>Julien Bernard<\/p>/);
  await api.delete(path('agent_assigned', 'fr'), { token: admin.token });
});

test('bad templates are refused with what is wrong and where; nothing is saved', async () => {
  const unknown = await api.put(path('ticket_created', 'en'), { subject: '{{ticket.number}}', text: 'Hi {{reply.body}}' }, { token: admin.token });
  assertProblem(unknown, 422, { detail: /text: Unknown placeholder \{\{reply\.body\}\}.*\{\{recipient\.name\}\}/ });
  assert.deepEqual(unknown.body.errors.map((e: { path: string }) => e.path), ['text']);

  const syntax = await api.put(path('agent_reply', 'fr'), { subject: '{{#ticket.title}}', text: 'ok', html: '<p>{{{reply.body}}}</p>' }, { token: admin.token });
  assertProblem(syntax, 422, { detail: /subject: Unclosed section "ticket\.title"/ });
  assert.deepEqual(syntax.body.errors.map((e: { path: string }) => e.path), ['subject', 'html']);
  assert.match(syntax.body.errors[1].message, /without HTML escaping/);

  assertProblem(await api.put(path('agent_reply', 'fr'), { subject: '', text: 'ok' }, { token: admin.token }), 400);
  assertProblem(await api.put(path('agent_reply', 'fr'), { subject: 'x', text: 'ok', extra: 1 }, { token: admin.token }), 400);
  for (const [kind, language] of [['ticket_created', 'en'], ['agent_reply', 'fr']]) {
    assert.equal((await api.get(path(kind, language), { token: admin.token })).body.customised, false);
  }
});

test('a preview renders a draft with example values, escaping them in the HTML part', async () => {
  const r = await api.post(`${path('agent_reply', 'en')}/preview`, { text: '{{author.name}} wrote:\n{{reply.body}}', html: '<p>{{ticket.title}}</p>' }, { token: admin.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(Object.keys(r.body).sort(), ['html', 'subject', 'text']);
  assert.equal(r.body.subject, 'Re: [#1042] The second-floor printer no longer prints');
  assert.match(r.body.text, /^Sam Taylor wrote:\nHello,\n\nCould you restart the printer/);
  assert.match(r.body.html, /<p>The second-floor printer no longer prints<\/p>/);
  // The draft was not saved.
  assert.equal((await api.get(path('agent_reply', 'en'), { token: admin.token })).body.customised, false);
  assertProblem(await api.post(`${path('agent_reply', 'en')}/preview`, { text: '{{nope}}' }, { token: admin.token }), 422, { detail: /Unknown placeholder \{\{nope\}\}/ });
  assert.equal((await api.post(`${path('agent_reply', 'en')}/preview`, {}, { token: supervisor.token })).status, 403);
});
