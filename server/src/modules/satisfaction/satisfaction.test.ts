// The satisfaction survey over real HTTP: who rates, when, bad scores, corrections, reads.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeOrganisation, makeTicket, makeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let requester: MadeUser;
let colleague: MadeUser;
let manager: MadeUser;
let outsider: MadeUser;
let otherOrgAgent: MadeUser;

const record = { symptoms: 'Printer offline', diagnosis: 'Driver crashed', actions: 'Reinstalled the driver', result: 'Prints again' };

before(async () => {
  t = await startTestApp();
  api = client(t);
  const org = await makeOrganisation(t.deps);
  const otherOrg = await makeOrganisation(t.deps);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  otherOrgAgent = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [otherOrg.id] });
  requester = await makeUser(t.deps, { organisationId: org.id });
  colleague = await makeUser(t.deps, { organisationId: org.id });
  manager = await makeUser(t.deps, { organisationId: org.id, isOrgManager: true });
  outsider = await makeUser(t.deps, { organisationId: otherOrg.id });
});
after(() => t.close());

async function resolvedTicket(requesterId = requester.id) {
  const tk = await makeTicket(t.deps, { requesterId });
  const r = await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return tk;
}

const rate = (id: number, body: unknown, who: MadeUser = requester) => api.put(`/api/v1/tickets/${id}/satisfaction`, body, { token: who.token });

describe('satisfaction survey', () => {
  test('rating before resolution is a 409 saying so; once resolved it is stored and audited', async () => {
    const tk = await makeTicket(t.deps, { requesterId: requester.id });
    assertProblem(await rate(tk.id, { score: 4 }), 409, { detail: /once it is resolved/ });
    assertProblem(await api.get(`/api/v1/tickets/${tk.id}/satisfaction`, { token: requester.token }), 404, { detail: /not been rated/ });

    await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
    const r = await rate(tk.id, { score: 4, comment: '  Quick and friendly  ' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['comment', 'createdAt', 'ratedBy', 'score', 'ticketId', 'updatedAt']);
    assert.equal(r.body.score, 4);
    assert.equal(r.body.comment, 'Quick and friendly');
    assert.equal(r.body.ratedBy.id, requester.id);

    const audit = await api.get(`/api/v1/audit?entityType=ticket&entityId=${tk.id}`, { token: (await makeUser(t.deps, { roles: ['admin'] })).token });
    assert.equal(audit.body.items[0].action, 'ticket.satisfaction.create');
    assert.equal(audit.body.items[0].data.score, 4);
  });

  test('a second PUT corrects the rating (200), also after the ticket is closed', async () => {
    const tk = await resolvedTicket();
    assert.equal((await rate(tk.id, { score: 2, comment: 'Slow' })).status, 201);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/close`, {}, { token: requester.token })).status, 200);
    const r = await rate(tk.id, { score: 5 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.score, 5);
    assert.equal(r.body.comment, null);
    const read = await api.get(`/api/v1/tickets/${tk.id}/satisfaction`, { token: requester.token });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, r.body);
    assert.ok(read.body.updatedAt >= read.body.createdAt);
  });

  test('scores outside 1–5, non-integers, long comments and unknown fields are 400', async () => {
    const tk = await resolvedTicket();
    for (const body of [{ score: 0 }, { score: 6 }, { score: 3.5 }, { score: '4' }, {}, { score: 3, comment: 'x'.repeat(2001) }, { score: 3, stars: 3 }]) {
      const r = await rate(tk.id, body);
      assertProblem(r, 400);
      assert.match(r.body.detail, /score|comment|stars/, JSON.stringify(body));
    }
    assert.equal((await rate(tk.id, { score: 3, comment: 'x'.repeat(2000) })).status, 201);
  });

  test("another requester gets 404 (read and write); the organisation's manager may rate, a colleague may not", async () => {
    const tk = await resolvedTicket();
    for (const who of [outsider, colleague]) {
      assertProblem(await rate(tk.id, { score: 1 }, who), 404);
      assertProblem(await api.get(`/api/v1/tickets/${tk.id}/satisfaction`, { token: who.token }), 404, { detail: /not visible/ });
    }
    assertProblem(await rate(999_999, { score: 1 }), 404);
    const r = await rate(tk.id, { score: 3, comment: 'On behalf of my team' }, manager);
    assert.equal(r.status, 201);
    assert.equal(r.body.ratedBy.id, manager.id);
    assert.equal((await api.get(`/api/v1/tickets/${tk.id}/satisfaction`, { token: requester.token })).body.score, 3);
  });

  test('staff who see the ticket read the rating but do not rate; staff who do not see it get 404', async () => {
    const tk = await resolvedTicket();
    await rate(tk.id, { score: 4, comment: 'Thanks' });
    const read = await api.get(`/api/v1/tickets/${tk.id}/satisfaction`, { token: agent.token });
    assert.equal(read.status, 200);
    assert.equal(read.body.score, 4);
    assert.equal(read.body.comment, 'Thanks');
    assertProblem(await rate(tk.id, { score: 5 }, agent), 403, { detail: /requester/ });
    assertProblem(await api.get(`/api/v1/tickets/${tk.id}/satisfaction`, { token: otherOrgAgent.token }), 404);
    assert.equal((await api.get(`/api/v1/tickets/${tk.id}/satisfaction`)).status, 401);
  });
});
