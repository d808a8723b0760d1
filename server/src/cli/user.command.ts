// guichet user add / guichet user list: accounts from the command line (the first admin
// of a fresh install is made here).
import { ROLES, LANGUAGES, type Language, type Role } from '../../../common/enums.ts';
import { systemActor } from '../lib/actor.ts';
import type { Deps } from '../lib/deps.ts';
import { createUser, listUsers } from '../modules/users/users.service.ts';
import { getOrganisation } from '../modules/organisations/organisations.service.ts';
import { findOrganisationByName } from '../modules/organisations/organisations.repo.ts';
import { CliError, UsageError, listOption, optionalString, requireString, type Command } from './args.ts';
import { withContext } from './context.ts';
import { formatTable } from './table.ts';

export function parseRoles(raw: string[]): Role[] {
  if (raw.length === 0) throw new UsageError(`Missing --role (one of ${ROLES.join(', ')}).`);
  const bad = raw.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length) throw new CliError(`Unknown role${bad.length > 1 ? 's' : ''} ${bad.map((r) => `"${r}"`).join(', ')}; roles are ${ROLES.join(', ')}.`);
  return raw as Role[];
}

/** An organisation by id (digits) or by name (any case). */
export async function resolveOrganisation(deps: Deps, ref: string): Promise<{ id: number; name: string }> {
  if (/^\d+$/.test(ref)) {
    const org = await getOrganisation(deps, systemActor(), Number(ref)).catch(() => undefined);
    if (org) return org;
  }
  const byName = await findOrganisationByName(deps.db, ref);
  if (!byName) throw new CliError(`No organisation is named or numbered "${ref}".`);
  return byName;
}

export const userAddCommand: Command = {
  name: 'user add',
  summary: 'Create a user (staff or requester).',
  options: {
    email: { type: 'string', description: 'Email address, used to sign in (required)' },
    name: { type: 'string', description: 'Display name (required)' },
    role: {
      type: 'string',
      multiple: true,
      valueName: 'ROLE',
      description: `${ROLES.join(' | ')}; repeat it or separate with commas (required)`,
    },
    password: { type: 'string', description: 'Password (8+ characters); without it the user cannot sign in yet' },
    organisation: { type: 'string', valueName: 'NAME_OR_ID', description: 'Client organisation (default: the one owning the email domain)' },
    'org-manager': { type: 'boolean', description: 'The user sees all tickets of their organisation' },
    language: { type: 'string', valueName: LANGUAGES.join('|'), description: 'Interface and mail language (default en)' },
  },
  notes: `Examples:
  guichet user add --email admin@example.org --name "Ada Admin" --role admin --password 'long secret'
  guichet user add --email lea@example.org --name "Léa Martin" --role agent,supervisor`,
  async run(args) {
    const email = requireString(args, 'email');
    const name = requireString(args, 'name');
    const roles = parseRoles(listOption(args, 'role'));
    const language = optionalString(args, 'language');
    if (language !== undefined && !(LANGUAGES as readonly string[]).includes(language)) {
      throw new CliError(`--language must be one of ${LANGUAGES.join(', ')}.`);
    }
    const orgRef = optionalString(args, 'organisation');
    await withContext(async ({ deps }) => {
      const organisation = orgRef === undefined ? undefined : await resolveOrganisation(deps, orgRef);
      const user = await createUser(deps, systemActor(), {
        email,
        name,
        roles,
        password: optionalString(args, 'password'),
        organisationId: organisation?.id,
        isOrgManager: args.values['org-manager'] === true ? true : undefined,
        language: language as Language | undefined,
      });
      console.log(`Created user ${user.id} ${user.email} (${user.roles.join(', ')}${organisation ? `, ${organisation.name}` : ''}).`);
      if (!args.values.password) console.error('No password was set: the user cannot sign in until one is.');
    });
  },
};

export const userListCommand: Command = {
  name: 'user list',
  summary: 'List users.',
  options: {
    role: { type: 'string', description: `Only users with this role (${ROLES.join(', ')})` },
    organisation: { type: 'string', valueName: 'NAME_OR_ID', description: 'Only users of this organisation' },
    search: { type: 'string', valueName: 'TEXT', description: 'Part of the name or email' },
  },
  async run(args) {
    const role = optionalString(args, 'role');
    if (role !== undefined) parseRoles([role.toLowerCase()]);
    await withContext(async ({ deps }) => {
      const actor = systemActor();
      const orgRef = optionalString(args, 'organisation');
      const organisationId = orgRef === undefined ? undefined : (await resolveOrganisation(deps, orgRef)).id;
      const users = [];
      let cursor: number | undefined;
      do {
        const page = await listUsers(deps, actor, { role: role?.toLowerCase() as Role | undefined, organisationId, q: optionalString(args, 'search'), limit: 200, cursor });
        users.push(...page.items);
        cursor = page.nextCursor === null ? undefined : Number(page.nextCursor);
      } while (cursor !== undefined);
      const orgNames = new Map<number, string>();
      for (const id of new Set(users.map((u) => u.organisationId).filter((id): id is number => id !== null))) {
        orgNames.set(id, (await getOrganisation(deps, actor, id)).name);
      }
      if (users.length === 0) {
        console.log('No users.');
        return;
      }
      const rows = users.map((u) => [
        String(u.id),
        u.email,
        u.name,
        u.roles.join(','),
        u.organisationId === null ? '-' : `${orgNames.get(u.organisationId)}${u.isOrgManager ? ' (manager)' : ''}`,
        u.isActive ? 'yes' : 'no',
      ]);
      process.stdout.write(formatTable(['ID', 'EMAIL', 'NAME', 'ROLES', 'ORGANISATION', 'ACTIVE'], rows));
      console.log(`${users.length} user${users.length === 1 ? '' : 's'}`);
    });
  },
};
