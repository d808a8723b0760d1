// Pure rules about people: who may change what, and which fields fit which roles.
import { isStaff, type Actor } from '../../lib/actor.ts';
import type { Role } from '../../../../common/enums.ts';

/** Why an admin may not make this change to their own account, or null when they may. */
export function refuseSelfLockout(actor: Actor, userId: number, change: { roles?: Role[]; isActive?: boolean }): string | null {
  if (actor.userId !== userId) return null;
  if (change.roles && actor.roles.includes('admin') && !change.roles.includes('admin')) {
    return 'You cannot remove your own admin role; ask another admin.';
  }
  if (change.isActive === false) return 'You cannot deactivate yourself; ask another admin.';
  return null;
}

/**
 * Why a user with these roles cannot have these fields, or null. Only staff serve
 * organisations or sit in groups; admins always serve every organisation; an organisation
 * manager needs an organisation.
 */
export function refuseRoleFields(
  roles: Role[],
  f: { servedOrganisationIds: number[]; groupIds: number[]; isOrgManager: boolean; organisationId: number | null },
): string | null {
  const staff = isStaff(roles);
  if (f.servedOrganisationIds.length > 0 && !staff) return 'servedOrganisationIds: only staff (agent, supervisor, admin) serve organisations.';
  if (f.servedOrganisationIds.length > 0 && roles.includes('admin')) return 'servedOrganisationIds: an admin serves every organisation; leave it empty.';
  if (f.groupIds.length > 0 && !staff) return 'groupIds: only staff (agent, supervisor, admin) can be members of a group.';
  if (f.isOrgManager && f.organisationId === null) return 'isOrgManager: an organisation manager must belong to an organisation.';
  return null;
}

/** What a user keeps when their roles change and the caller did not say: nothing that no longer fits. */
export function carriedOver(roles: Role[], current: { servedOrganisationIds: number[]; groupIds: number[] }) {
  const staff = isStaff(roles);
  return {
    servedOrganisationIds: staff && !roles.includes('admin') ? current.servedOrganisationIds : [],
    groupIds: staff ? current.groupIds : [],
  };
}
