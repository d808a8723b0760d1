// guichet token create / revoke: API tokens for integrations. The token goes to stdout
// alone (so `TOKEN=$(guichet token create …)` works); explanations go to stderr.
import { systemActor } from '../lib/actor.ts';
import { revokeApiToken } from '../modules/auth/auth.service.ts';
import { createUserToken } from '../modules/users/users.service.ts';
import { findUserIdByEmail } from '../modules/users/users.repo.ts';
import { CliError, optionalString, positiveInt, requireString, type Command } from './args.ts';
import { withContext } from './context.ts';

export const tokenCreateCommand: Command = {
  name: 'token create',
  summary: 'Create an API token for a user; the token is printed once, alone on the last line.',
  options: {
    email: { type: 'string', description: 'The user the token acts as (required)' },
    name: { type: 'string', description: 'A label to recognise the token by (default "cli")' },
  },
  notes: `Use it as "Authorization: Bearer <token>". Example:
  TOKEN=$(guichet token create --email bot@example.org --name "monitoring")`,
  async run(args) {
    const email = requireString(args, 'email').toLowerCase();
    const name = optionalString(args, 'name') ?? 'cli';
    await withContext(async ({ deps }) => {
      const user = await findUserIdByEmail(deps.db, email);
      if (!user) throw new CliError(`No user has the email ${email}.`);
      const created = await createUserToken(deps, systemActor(), user.id, name);
      console.error(`API token ${created.id} "${created.name}" for ${email}. It is shown only this once: store it now.`);
      console.log(created.token);
    });
  },
};

export const tokenRevokeCommand: Command = {
  name: 'token revoke',
  summary: 'Revoke an API token by its id.',
  options: { id: { type: 'string', valueName: 'N', description: 'The token id printed by "token create" (required)' } },
  async run(args) {
    const id = positiveInt(args, 'id');
    await withContext(async ({ deps }) => {
      const token = await deps.db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .select(['api_tokens.user_id', 'api_tokens.name', 'api_tokens.revoked_at', 'users.email'])
        .where('api_tokens.id', '=', id)
        .executeTakeFirst();
      if (!token) throw new CliError(`There is no API token ${id}.`);
      if (token.revoked_at) throw new CliError(`API token ${id} was already revoked on ${token.revoked_at}.`);
      await revokeApiToken(deps, systemActor(), token.user_id, id);
      console.log(`Revoked API token ${id} "${token.name}" of ${token.email}.`);
    });
  },
};
