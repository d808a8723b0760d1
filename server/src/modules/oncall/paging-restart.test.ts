// Restart in the middle: a page sent by one server, which stops before the page is due for
// re-notification; the next server on the same database sends the re-notification, once.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../db/db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Deps } from '../../lib/deps.ts';
import { systemActor } from '../../lib/actor.ts';
import { startJobRunner } from '../../lib/jobs.ts';
import { createPgDatabase, openTestDeps, testDb, type PgTestDatabase } from '../../test/databases.ts';
import { makeGroup, makeUser, uniq } from '../../test/factories.ts';
import { createRotationBody } from '../../../../common/schemas/oncall.ts';
import { jobHandlers } from '../../main.ts';
import { createRotation } from './rotations.service.ts';
import { renotifyIn } from './paging.ts';
import { openTicketAndPage } from './paging-test-kit.ts';
import { testClock } from '../../test/test-clock.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-oncall-restart-'));
let pgDb: PgTestDatabase | undefined;
after(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await pgDb?.drop();
});

async function prepareDatabase(): Promise<void> {
  if (testDb === 'postgres') pgDb = await createPgDatabase({ migrated: true, prefix: 'oncall' });
  else {
    const h = openDb({ dataDir });
    await migrateToLatest(h.db);
    await h.close();
  }
}

/** One server's worth: deps on the shared database, its job runner driven by hand. */
function startServer(clock: { now(): Date }) {
  const deps = openTestDeps({ dataDir, databaseUrl: pgDb?.url, clock, env: { GUICHET_PUBLIC_URL: 'https://help.example.test' } });
  const runner = startJobRunner(deps, jobHandlers().handlers, [], { pollMs: 0 });
  return {
    deps,
    async runJobs() {
      while ((await runner.runDueJobs()) > 0);
    },
    async stop() {
      await runner.stop();
      await deps.live.close();
      await deps.dbHandle.close();
    },
  };
}

const pagesOf = (deps: Deps, ticketId: number) =>
  deps.db.selectFrom('oncall_pages').select(['id', 'level', 'user_id', 'reason', 'sent_at']).where('ticket_id', '=', ticketId).orderBy('level').execute();

test('a re-notification due while the server is down is sent by the next server on the same database, once', async () => {
  await prepareDatabase();
  const clock = testClock('2026-03-07T21:00:00.000Z'); // Saturday 22:00 in Paris
  const first = startServer(clock);
  const requester = await makeUser(first.deps);
  const group = await makeGroup(first.deps);
  const [ada, bo] = [await makeUser(first.deps, { roles: ['agent'], name: 'Ada' }), await makeUser(first.deps, { roles: ['agent'], name: 'Bo' })];
  const rotation = await createRotation(
    first.deps,
    systemActor(),
    createRotationBody.parse({ name: `Nights ${uniq()}`, groupId: group.id, timeZone: 'Europe/Paris', startsOn: '2026-03-02', ackMinutes: 20, memberIds: [ada.id, bo.id] }),
  );
  const ticket = await openTicketAndPage(first.deps, { requesterId: requester.id, groupId: group.id });
  await first.runJobs();
  const [page] = await pagesOf(first.deps, ticket.id);
  assert.equal(page.user_id, ada.id);
  clock.advance(10 * 60_000);
  await first.runJobs();
  await first.stop(); // ten minutes before the re-notification is due

  clock.advance(15 * 60_000);
  const second = startServer(clock);
  try {
    const job = await second.deps.db.selectFrom('jobs').select(['run_at', 'attempts']).where('dedupe_key', '=', `oncall.renotify:${page.id}`).executeTakeFirstOrThrow();
    assert.deepEqual(job, { run_at: '2026-03-07T21:20:00.000Z', attempts: 0 });
    await second.runJobs();
    const pages = await pagesOf(second.deps, ticket.id);
    assert.deepEqual(
      pages.map((p) => [p.level, p.user_id, p.reason, p.sent_at]),
      [
        [0, ada.id, 'priority_1', '2026-03-07T21:00:00.000Z'],
        [1, bo.id, 'not_acknowledged', '2026-03-07T21:25:00.000Z'],
      ],
    );
    const events = await second.deps.db.selectFrom('ticket_events').select(['data']).where('ticket_id', '=', ticket.id).where('kind', '=', 'page').orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => JSON.parse(e.data!).user.id),
      [ada.id, bo.id],
    );
    // Without a relay there is no mail to queue: the page still goes out (its event, its re-notification).
    assert.equal((await second.deps.db.selectFrom('outbound_messages').select('id').where('kind', '=', 'oncall_page').execute()).length, 0);

    // The same job run again (its worker died after the commit): nobody is paged twice.
    const again = await second.deps.db.transaction().execute((trx) => renotifyIn(trx, second.deps, page.id, clock.now().toISOString()));
    assert.equal(again, null);
    assert.equal((await pagesOf(second.deps, ticket.id)).length, 2);
    assert.equal(rotation.members.length, 2);
  } finally {
    await second.stop();
  }
});
