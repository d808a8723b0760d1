import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../lib/actor.ts';
import { carriedOver, refuseRoleFields, refuseSelfLockout } from './users.policy.ts';

const admin: Actor = {
  userId: 7,
  email: 'a@x.example',
  name: 'A',
  roles: ['admin'],
  organisationId: null,
  isOrgManager: false,
  language: 'en',
  scope: { kind: 'all' },
  via: 'token',
};
const none = { servedOrganisationIds: [], groupIds: [], isOrgManager: false, organisationId: null };

describe('users policy', () => {
  test('an admin may not lock themselves out, but may change others', () => {
    assert.match(refuseSelfLockout(admin, 7, { roles: ['agent'] })!, /admin role/);
    assert.match(refuseSelfLockout(admin, 7, { isActive: false })!, /deactivate/);
    assert.equal(refuseSelfLockout(admin, 7, { roles: ['admin', 'agent'], isActive: true }), null);
    assert.equal(refuseSelfLockout(admin, 8, { roles: ['requester'], isActive: false }), null);
  });

  test('staff-only fields fit staff roles only', () => {
    assert.equal(refuseRoleFields(['agent'], { ...none, servedOrganisationIds: [1], groupIds: [2] }), null);
    assert.match(refuseRoleFields(['requester'], { ...none, servedOrganisationIds: [1] })!, /only staff/);
    assert.match(refuseRoleFields(['requester'], { ...none, groupIds: [1] })!, /only staff/);
    assert.match(refuseRoleFields(['agent', 'admin'], { ...none, servedOrganisationIds: [1] })!, /admin serves every/);
    assert.match(refuseRoleFields(['requester'], { ...none, isOrgManager: true })!, /organisation manager/);
    assert.equal(refuseRoleFields(['requester'], { ...none, isOrgManager: true, organisationId: 3 }), null);
  });

  test('what a user keeps after a role change', () => {
    const current = { servedOrganisationIds: [1], groupIds: [2] };
    assert.deepEqual(carriedOver(['agent'], current), current);
    assert.deepEqual(carriedOver(['admin'], current), { servedOrganisationIds: [], groupIds: [2] });
    assert.deepEqual(carriedOver(['requester'], current), { servedOrganisationIds: [], groupIds: [] });
  });
});
