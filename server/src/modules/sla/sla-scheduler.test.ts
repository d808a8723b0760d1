// The SLA scheduler with a controllable clock: warnings then breaches with their actions
// (mail through a real SMTP exchange, priority raised, escalation), never twice; paused
// clocks never fire; tier-escalation rules; a restart in the middle of a timer; and the due
// scan reading an index.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDb } from '../../db/db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Deps } from '../../lib/deps.ts';
import { startJobRunner, type JobRunner } from '../../lib/jobs.ts';
import { jobHandlers } from '../../main.ts';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { createPgDatabase, openTestDeps, testDb, type PgTestDatabase } from '../../test/databases.ts';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { testClock, type TestClock } from '../../test/test-clock.ts';
import { forgetSlaConfig } from './sla.repo.ts';
import { runDueSla } from './sla.jobs.ts';

const MIN = 60_000;

/** A policy with flat targets (minutes) and the given actions, on the 24/7 calendar, for one organisation. */
async function contractFor(deps: Deps, organisationId: number, t: { firstResponse: number; resolution: number }, actions: unknown[]): Promise<void> {
  const now = new Date().toISOString();
  const always = await deps.db.selectFrom('calendars').select('id').where('is_24x7', '=', 1).executeTakeFirstOrThrow();
  const flat = { ...t, nextResponse: null };
  const policy = await deps.db
    .insertInto('sla_policies')
    .values({ name: `Policy ${uniq()}`, description: '', is_default: 0, warn_percent: 80, calendar_id: always.id, targets: JSON.stringify({ 1: flat, 2: flat, 3: flat, 4: flat, 5: flat }), actions: JSON.stringify(actions), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.db.insertInto('contracts').values({ organisation_id: organisationId, name: `Contract ${uniq()}`, sla_policy_id: policy.id, notes: '', created_at: now, updated_at: now }).execute();
}

const eventsOf = (deps: Deps, ticketId: number, kinds: string[]) =>
  deps.db.selectFrom('ticket_events').select(['kind', 'body', 'data', 'created_at']).where('ticket_id', '=', ticketId).where('kind', 'in', kinds).orderBy('id').execute();

describe('SLA scheduler', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let clock: TestClock;
  let sink: SmtpSink;
  let runner: JobRunner;
  let agent: MadeUser;
  let supervisor: MadeUser;

  before(async () => {
    sink = await startSmtpSink();
    clock = testClock('2026-12-02T10:00:00.000Z');
    t = await startTestApp({ clock, env: { GUICHET_SMTP_RELAY: sink.url } });
    api = client(t);
    runner = startJobRunner(t.deps, jobHandlers().handlers, [], { pollMs: 0 });
    agent = await makeUser(t.deps, { roles: ['agent'], name: 'Alice Agent' });
    supervisor = await makeUser(t.deps, { roles: ['supervisor'], name: 'Sam Supervisor' });
    await t.deps.db.updateTable('users').set({ language: 'fr' }).where('id', '=', supervisor.id).execute();
  });
  after(async () => {
    await runner.stop();
    await t.close();
    await sink.close();
  });

  const openFor = async (requesterId: number, extra: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/tickets', { title: `Mail server down ${uniq()}`, description: 'No mail since 9.', requesterId, ...extra }, { token: agent.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: number; number: number };
  };

  test('a warning at 80 % then a breach at 100 %, each with its actions, each once', async () => {
    const org = await makeOrganisation(t.deps);
    const requester = await makeUser(t.deps, { organisationId: org.id });
    await contractFor(t.deps, org.id, { firstResponse: 30, resolution: 600 }, [
      { on: 'warning', metric: 'firstResponse', do: 'notify_assignee' },
      { on: 'breach', metric: 'firstResponse', do: 'notify_supervisors' },
      { on: 'breach', metric: 'firstResponse', do: 'raise_priority' },
    ]);
    const tk = await openFor(requester.id, { assigneeId: agent.id });
    const priorityBefore = (await api.get(`/api/v1/tickets/${tk.id}`, { token: agent.token })).body.priority;

    clock.advance(23 * MIN);
    await runDueSla(t.deps);
    assert.equal((await eventsOf(t.deps, tk.id, ['sla_warning', 'sla_breach'])).length, 0, 'nothing before 80 % (24 min)');

    clock.advance(2 * MIN);
    await runDueSla(t.deps);
    await runDueSla(t.deps);
    const [warning, ...none] = await eventsOf(t.deps, tk.id, ['sla_warning', 'sla_breach']);
    assert.equal(none.length, 0);
    assert.equal(warning.kind, 'sla_warning');
    assert.deepEqual(JSON.parse(warning.data!).actions, ['notify_assignee:1']);
    while ((await runner.runDueJobs()) > 0);
    const warned = await sink.waitFor((m) => m.envelope.to.includes(agent.email));
    assert.match(warned.subject ?? '', new RegExp(`^\\[#${tk.number}\\] SLA at risk: first response due on `));

    clock.advance(6 * MIN);
    await runDueSla(t.deps);
    await runDueSla(t.deps);
    const fired = await eventsOf(t.deps, tk.id, ['sla_warning', 'sla_breach']);
    assert.deepEqual(fired.map((e) => e.kind), ['sla_warning', 'sla_breach']);
    const breach = JSON.parse(fired[1].data!);
    assert.equal(breach.metric, 'firstResponse');
    assert.equal(breach.dueAt, new Date(Date.parse('2026-12-02T10:00:00.000Z') + 30 * MIN).toISOString());
    assert.equal(breach.actions[0], 'notify_supervisors:1');
    assert.match(breach.actions[1], /^raise_priority:P\d$/);

    const after = (await api.get(`/api/v1/tickets/${tk.id}`, { token: agent.token })).body;
    assert.equal(Number(after.priority.slice(1)), Number(priorityBefore.slice(1)) - 1);
    assert.equal(after.priorityOverridden, true);
    assert.equal(after.sla.firstResponse.breached, true);
    assert.equal(after.sla.firstResponse.breachedAt, breach.dueAt);
    while ((await runner.runDueJobs()) > 0);
    const told = await sink.waitFor((m) => m.envelope.to.includes(supervisor.email));
    assert.match(told.subject ?? '', /SLA dépassé\s: première réponse, échéance le 2 déc\. 2026/u, 'in the supervisor’s language');
  });

  test('a paused clock never fires; resumed, it fires at its moved due time', async () => {
    const org = await makeOrganisation(t.deps);
    const requester = await makeUser(t.deps, { organisationId: org.id });
    await contractFor(t.deps, org.id, { firstResponse: 10, resolution: 60 }, []);
    const tk = await openFor(requester.id, { assigneeId: agent.id });
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Can you send a screenshot?', status: 'pending' }, { token: agent.token });
    clock.advance(5 * 60 * MIN);
    await runDueSla(t.deps);
    assert.equal((await eventsOf(t.deps, tk.id, ['sla_warning', 'sla_breach'])).length, 0);
    assert.equal((await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'in_progress' }, { token: agent.token })).status, 200);
    clock.advance(59 * MIN);
    await runDueSla(t.deps);
    assert.deepEqual((await eventsOf(t.deps, tk.id, ['sla_warning', 'sla_breach'])).map((e) => e.kind), ['sla_warning']);
    clock.advance(2 * MIN);
    await runDueSla(t.deps);
    assert.deepEqual((await eventsOf(t.deps, tk.id, ['sla_warning', 'sla_breach'])).map((e) => e.kind), ['sla_warning', 'sla_breach']);
  });

  test('a breach can escalate to the next tier with a hand-off note', async () => {
    const org = await makeOrganisation(t.deps);
    const requester = await makeUser(t.deps, { organisationId: org.id });
    const desk = await makeGroup(t.deps, { tier: 1 });
    const experts = await makeGroup(t.deps, { tier: 2 });
    await contractFor(t.deps, org.id, { firstResponse: 10, resolution: 20 }, [{ on: 'breach', metric: 'resolution', do: 'escalate', groupId: experts.id }]);
    const tk = await openFor(requester.id, { groupId: desk.id });
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Looking into it.' }, { token: agent.token });
    clock.advance(21 * MIN);
    await runDueSla(t.deps);
    const after = (await api.get(`/api/v1/tickets/${tk.id}`, { token: agent.token })).body;
    assert.equal(after.tier, 2);
    assert.equal(after.group.id, experts.id);
    const [escalation] = await eventsOf(t.deps, tk.id, ['escalation']);
    assert.match(escalation.body!, /^Escalated automatically: SLA breach \(resolution, policy /);
  });

  test('a tier-escalation rule moves a ticket unresolved at tier 1 after N business minutes, with the hand-off note', async () => {
    const org = await makeOrganisation(t.deps);
    const requester = await makeUser(t.deps, { organisationId: org.id });
    await contractFor(t.deps, org.id, { firstResponse: 600, resolution: 6000 }, []);
    const desk = await makeGroup(t.deps, { tier: 1 });
    const network = await makeGroup(t.deps, { tier: 2, name: `Network ${uniq()}` });
    const now = clock.iso();
    const rule = await t.deps.db
      .insertInto('escalation_rules')
      .values({ name: 'Tier 1 has 45 minutes', from_tier: 1, after_minutes: 45, to_group_id: network.id, is_active: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    forgetSlaConfig();
    try {
      const tk = await openFor(requester.id, { groupId: desk.id });
      await api.post(`/api/v1/tickets/${tk.id}/notes`, { body: 'Rebooted the switch, no change.' }, { token: agent.token });
      clock.advance(44 * MIN);
      await runDueSla(t.deps);
      assert.equal((await api.get(`/api/v1/tickets/${tk.id}`, { token: agent.token })).body.tier, 1);
      clock.advance(2 * MIN);
      await runDueSla(t.deps);
      await runDueSla(t.deps);
      const after = (await api.get(`/api/v1/tickets/${tk.id}`, { token: agent.token })).body;
      assert.deepEqual([after.tier, after.group.id, after.escalationCount], [2, network.id, 1]);
      const escalations = await eventsOf(t.deps, tk.id, ['escalation']);
      assert.equal(escalations.length, 1, 'once');
      assert.match(escalations[0].body!, /rule "Tier 1 has 45 minutes": unresolved at tier 1 after 45 business minutes/);
      assert.match(escalations[0].body!, /Last note: Rebooted the switch, no change\./);
    } finally {
      await t.deps.db.deleteFrom('escalation_rules').where('id', '=', rule.id).execute();
      forgetSlaConfig();
    }
  });

  test('the due scan reads the wake-up index, not every ticket', async () => {
    const now = clock.iso();
    if (testDb === 'sqlite') {
      const plan = await sql<{ detail: string }>`explain query plan select ticket_id, wake_at from ticket_sla where wake_at <= ${now} order by wake_at, ticket_id limit 200`.execute(t.deps.db);
      assert.match(plan.rows.map((r) => r.detail).join('\n'), /USING (COVERING )?INDEX ticket_sla_wake_at_idx/);
    } else {
      await sql`set enable_seqscan = off`.execute(t.deps.db);
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select ticket_id, wake_at from ticket_sla where wake_at <= ${now} order by wake_at, ticket_id limit 200`.execute(t.deps.db);
      await sql`set enable_seqscan = on`.execute(t.deps.db);
      assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /ticket_sla_wake_at_idx/);
    }
  });
});

describe('SLA scheduler across a restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-sla-restart-'));
  let pgDb: PgTestDatabase | undefined;
  after(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  });

  test('a breach due while the server is down fires once on the next start, with nothing missed', async () => {
    if (testDb === 'postgres') pgDb = await createPgDatabase({ migrated: true, prefix: 'sla' });
    else {
      const h = openDb({ dataDir });
      await migrateToLatest(h.db);
      await h.close();
    }
    const clock = testClock('2026-12-05T22:00:00.000Z');
    const first = openTestDeps({ dataDir, databaseUrl: pgDb?.url, clock });
    const org = await makeOrganisation(first);
    const requester = await makeUser(first, { organisationId: org.id });
    await contractFor(first, org.id, { firstResponse: 20, resolution: 90 }, []);
    const { createTicket } = await import('../tickets/tickets.service.ts');
    const { systemActor } = await import('../../lib/actor.ts');
    const tk = await createTicket(first, systemActor(), { title: 'Night outage', description: 'All down.', requesterId: requester.id });
    clock.advance(10 * MIN);
    await runDueSla(first);
    await first.live.close();
    await first.dbHandle.close(); // down from 22:10, before the warning (22:16) and the breach (22:20)

    clock.advance(60 * MIN);
    const second = openTestDeps({ dataDir, databaseUrl: pgDb?.url, clock });
    try {
      await runDueSla(second);
      await runDueSla(second);
      const fired = await eventsOf(second, tk.id, ['sla_warning', 'sla_breach']);
      assert.deepEqual(fired.map((e) => [e.kind, JSON.parse(e.data!).metric]), [['sla_breach', 'firstResponse']], 'the late warning folds into the breach');
      const clockRow = await second.db.selectFrom('ticket_sla').select(['fr_breached_at', 'fr_warned_at', 'wake_at']).where('ticket_id', '=', tk.id).executeTakeFirstOrThrow();
      assert.equal(clockRow.fr_breached_at, '2026-12-05T22:20:00.000Z');
      assert.equal(clockRow.wake_at, '2026-12-05T23:12:00.000Z', 'next: the resolution warning at 80 % of 90 min');
    } finally {
      await second.live.close();
      await second.dbHandle.close();
    }
  });
});
