// `guichet demo` against a fresh database: every status and story, made through the
// services, in the past, with accounts one can sign in with.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_STATUSES } from '../../../common/enums.ts';
import { login } from '../modules/auth/auth.service.ts';
import { expectExit, freshTarget, runCli, type Target } from './test-support.ts';

let target: Target | undefined;
after(() => target?.cleanup());

test('demo --tickets 40 loads tickets in every status and story; a second run is refused', async () => {
  target = await freshTarget();
  const startedAt = Date.now();
  const r = expectExit(await runCli(['demo', '--tickets', '40', '--password', 'demo-password-1'], { env: target.env }), 0);
  assert.match(r.stdout, /40 tickets/);
  assert.match(r.stdout, /Sign in with password "demo-password-1"/);
  assert.match(r.stdout, /admin@guichet\.demo/);
  assert.match(r.stderr, /40\/40 tickets/);

  const deps = target.openDeps();
  const tickets = await deps.db.selectFrom('tickets').selectAll().execute();
  assert.equal(tickets.length, 40);
  const statuses = new Set(tickets.map((t) => t.status));
  for (const s of TICKET_STATUSES) assert.ok(statuses.has(s), `a ${s} ticket`);
  const pendingReasons = new Set(tickets.filter((t) => t.status === 'pending').map((t) => t.pending_reason));
  assert.deepEqual([...pendingReasons].sort(), ['requester', 'third_party']);
  for (const t of tickets.filter((t) => t.status === 'resolved' || t.status === 'closed')) {
    assert.ok(t.resolution_symptoms && t.resolution_diagnosis && t.resolution_actions && t.resolution_result, `resolution record of #${t.number}`);
  }
  assert.ok(tickets.some((t) => t.escalation_count > 0 && t.tier > 1), 'escalated tickets');
  assert.ok(tickets.some((t) => t.reopen_count > 0), 'reopened tickets');
  assert.ok(tickets.some((t) => t.channel === 'phone' && t.is_first_contact_resolution === 1), 'first-contact phone resolutions');
  assert.ok(tickets.some((t) => t.status === 'new' && t.tier > 1), 'an escalated ticket waiting at tier 2 or 3');
  assert.deepEqual(new Set(tickets.map((t) => t.channel)), new Set(['phone', 'email', 'portal']));

  // Spread over the last 60 days, nothing in the future.
  const day = 24 * 3600_000;
  for (const t of tickets) {
    const created = Date.parse(t.created_at);
    assert.ok(created > startedAt - 62 * day && created < startedAt, `#${t.number} created ${t.created_at}`);
    assert.ok(Date.parse(t.updated_at) <= Date.now());
  }
  assert.ok(Math.min(...tickets.map((t) => Date.parse(t.created_at))) < startedAt - 20 * day);
  // Numbers follow creation order, as they would have been handed out.
  const byNumber = [...tickets].sort((a, b) => a.number - b.number);
  assert.deepEqual(byNumber.map((t) => t.created_at), [...byNumber.map((t) => t.created_at)].sort());

  const events = await deps.db.selectFrom('ticket_events').select(['kind', 'is_internal', 'body']).execute();
  const kinds = new Set(events.map((e) => e.kind));
  for (const k of ['created', 'reply', 'note', 'assignment', 'escalation', 'resolution', 'reopen', 'close', 'status']) assert.ok(kinds.has(k), `a ${k} event`);
  assert.ok(events.filter((e) => e.kind === 'escalation').every((e) => e.is_internal === 1 && e.body && e.body.length > 20), 'hand-off notes');
  assert.ok(events.some((e) => e.kind === 'note' && e.is_internal === 1));
  const audit = await deps.db.selectFrom('audit_log').select('action').where('action', '=', 'ticket.create').execute();
  assert.equal(audit.length, 40);

  const groups = await deps.db.selectFrom('groups').select(['name', 'tier']).execute();
  assert.deepEqual(new Set(groups.map((g) => g.tier)), new Set([1, 2, 3]));
  const orgs = await deps.db.selectFrom('organisations').select('id').execute();
  assert.ok(orgs.length >= 4 && orgs.length <= 5);
  const categories = await deps.db.selectFrom('categories').select(['id', 'parent_id']).execute();
  assert.ok(categories.some((c) => c.parent_id !== null));
  const managers = await deps.db.selectFrom('users').select('organisation_id').where('is_org_manager', '=', 1).execute();
  assert.equal(managers.length, orgs.length);

  // A knowledge base to search: published articles in both languages, some for requesters.
  const articles = await deps.db.selectFrom('kb_articles').select(['language', 'audience', 'status', 'category_id']).execute();
  assert.deepEqual(new Set(articles.map((a) => a.language)), new Set(['fr', 'en']));
  assert.deepEqual(new Set(articles.map((a) => a.audience)), new Set(['public', 'internal']));
  assert.ok(articles.every((a) => a.status === 'published' && a.category_id !== null));
  assert.match(r.stdout, new RegExp(`${articles.length} knowledge-base articles`));

  const session = await login(deps, 'admin@guichet.demo', 'demo-password-1');
  assert.ok(session.actor.roles.includes('admin'));
  await login(deps, 'isabelle.moreau@valmont.example', 'demo-password-1');

  const again = expectExit(await runCli(['demo', '--tickets', '5'], { env: target.env }), 1);
  assert.match(again.stderr, /already has 40 tickets/);
  assert.equal((await deps.db.selectFrom('tickets').select('id').execute()).length, 40);
});
