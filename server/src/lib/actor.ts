// Who is making a request, and which organisations' data they may see.
import type { Role } from '../../../common/enums.ts';
import { STAFF_ROLES } from '../../../common/enums.ts';

/**
 * The organisations an actor may see. Repo functions take it as an argument, so a ticket
 * query without a scope does not type-check.
 * - all: staff serving every client organisation;
 * - organisations: staff restricted to some client organisations;
 * - requester: their own tickets, or their whole organisation's when they manage it.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'organisations'; organisationIds: number[] }
  | { kind: 'requester'; userId: number; organisationId: number | null; isOrgManager: boolean };

export interface Actor {
  userId: number;
  email: string;
  name: string;
  roles: Role[];
  organisationId: number | null;
  isOrgManager: boolean;
  language: string;
  scope: Scope;
  via: 'session' | 'token' | 'system';
}

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => STAFF_ROLES.includes(r));
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

export function isSupervisor(actor: Actor): boolean {
  return actor.roles.includes('supervisor') || actor.roles.includes('admin');
}

/** An actor for work the system does itself (jobs, CLI). Sees everything. */
export function systemActor(): Actor {
  return {
    userId: 0,
    email: 'system@guichet.invalid',
    name: 'Guichet',
    roles: ['admin'],
    organisationId: null,
    isOrgManager: false,
    language: 'en',
    scope: { kind: 'all' },
    via: 'system',
  };
}

export function buildScope(u: {
  id: number;
  roles: Role[];
  organisationId: number | null;
  isOrgManager: boolean;
  servedOrganisationIds: number[];
}): Scope {
  if (isStaff(u.roles)) {
    if (u.roles.includes('admin') || u.servedOrganisationIds.length === 0) return { kind: 'all' };
    return { kind: 'organisations', organisationIds: u.servedOrganisationIds };
  }
  return { kind: 'requester', userId: u.id, organisationId: u.organisationId, isOrgManager: u.isOrgManager };
}

/** Whether a scope lets its actor see records of this organisation (and requester). */
export function scopeAllows(scope: Scope, organisationId: number | null, requesterId?: number): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'organisations':
      return organisationId !== null && scope.organisationIds.includes(organisationId);
    case 'requester':
      if (requesterId !== undefined && requesterId === scope.userId) return true;
      return scope.isOrgManager && scope.organisationId !== null && scope.organisationId === organisationId;
  }
}

/** The actor for a user record (signed in, or acted for by the CLI and the demo). */
export function actorForUser(
  u: { id: number; email: string; name: string; roles: Role[]; organisationId: number | null; isOrgManager: boolean; language: string; servedOrganisationIds: number[] },
  via: Actor['via'],
): Actor {
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    organisationId: u.organisationId,
    isOrgManager: u.isOrgManager,
    language: u.language,
    scope: buildScope(u),
    via,
  };
}
