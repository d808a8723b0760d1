// Sign-in, sessions and API tokens; turns a cookie or a bearer token into an Actor.
import type { Deps } from '../../lib/deps.ts';
import { actorForUser, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFound, Unauthorized, Unprocessable } from '../../lib/errors.ts';
import * as repo from './auth.repo.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const SESSION_COOKIE = 'guichet_session';
const TOKEN_PREFIX = 'gch_';

// Resolved actors are cached briefly: a bearer-token integration makes many requests a
// second. Revocation and role changes take effect within CACHE_MS in other processes, at
// once in this one.
const CACHE_MS = 5_000;
const TOUCH_MS = 60_000;
type CachedActor = { actor: Actor; until: number; expiresAt?: string };
// One cache per database handle, i.e. per app: what a process would hold.
const actorCaches = new WeakMap<object, Map<string, CachedActor>>();
function actorCache(deps: Deps): Map<string, CachedActor> {
  let cache = actorCaches.get(deps.db);
  if (!cache) actorCaches.set(deps.db, (cache = new Map()));
  return cache;
}

export function forgetCachedActors(deps: Deps, userId?: number): void {
  const cache = actorCache(deps);
  if (userId === undefined) return cache.clear();
  for (const [k, v] of cache) if (v.actor.userId === userId) cache.delete(k);
}

const toActor = actorForUser;

export async function login(deps: Deps, email: string, password: string) {
  const row = await repo.findPasswordHashByEmail(deps.db, email);
  if (!row || !row.password_hash || row.is_active !== 1) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw new Unauthorized('Email or password is incorrect.');
  }
  if (!(await verifyPassword(row.password_hash, password))) throw new Unauthorized('Email or password is incorrect.');
  const user = await repo.findAuthUser(deps.db, row.id);
  if (!user) throw new Unauthorized('Email or password is incorrect.');
  const secret = newSecret('');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, { id: hashSecret(secret), userId: user.id, createdAt: now.toISOString(), expiresAt });
    await recordAudit(trx, toActor(user, 'session'), now.toISOString(), { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { secret, expiresAt, actor: toActor(user, 'session') };
}

export async function logout(deps: Deps, secret: string): Promise<void> {
  const id = hashSecret(secret);
  actorCache(deps).delete('s:' + id);
  await repo.deleteSession(deps.db, id);
}

export async function actorFromSession(deps: Deps, secret: string): Promise<Actor | undefined> {
  const id = hashSecret(secret);
  const now = deps.clock.now();
  const cached = actorCache(deps).get('s:' + id);
  if (cached && cached.until > now.getTime() && cached.expiresAt! > now.toISOString()) return cached.actor;
  const session = await repo.findSession(deps.db, id);
  if (!session || session.expires_at <= now.toISOString()) return undefined;
  const user = await repo.findAuthUser(deps.db, session.user_id);
  if (!user || !user.isActive) return undefined;
  const actor = toActor(user, 'session');
  actorCache(deps).set('s:' + id, { actor, until: now.getTime() + CACHE_MS, expiresAt: session.expires_at });
  return actor;
}

export async function actorFromToken(deps: Deps, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const tokenHash = hashSecret(token);
  const now = deps.clock.now();
  const cached = actorCache(deps).get('t:' + tokenHash);
  if (cached && cached.until > now.getTime() && (!cached.expiresAt || cached.expiresAt > now.toISOString())) return cached.actor;
  const row = await repo.findApiToken(deps.db, tokenHash);
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
  const user = await repo.findAuthUser(deps.db, row.user_id);
  if (!user || !user.isActive) return undefined;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_MS) {
    await repo.touchApiToken(deps.db, row.id, now.toISOString());
  }
  const actor = toActor(user, 'token');
  actorCache(deps).set('t:' + tokenHash, { actor, until: now.getTime() + CACHE_MS, expiresAt: row.expires_at ?? undefined });
  return actor;
}

/** expiresAt: an ISO date-time in the future, after which the token is refused; omitted, it works until revoked. */
export async function createApiToken(deps: Deps, actor: Actor | null, userId: number, name: string, expiresAt?: string) {
  const user = await repo.findAuthUser(deps.db, userId);
  if (!user) throw new NotFound(`User ${userId} does not exist.`);
  const at = isoNow(deps.clock);
  // Stored in UTC like every instant, so that expiry compares as text on both databases.
  const expires = expiresAt === undefined ? null : new Date(expiresAt).toISOString();
  if (expires !== null && expires <= at) throw new Unprocessable(`expiresAt: ${expiresAt} is not in the future.`);
  const token = newSecret(TOKEN_PREFIX);
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await repo.insertApiToken(trx, { userId, name, tokenHash: hashSecret(token), prefix: token.slice(0, 10), createdAt: at, expiresAt: expires });
    await recordAudit(trx, actor, at, { action: 'token.create', entityType: 'api_token', entityId: r.id, data: { userId, name, expiresAt: expires } });
    return r;
  });
  return { id: row.id, name, prefix: token.slice(0, 10), token, createdAt: at, expiresAt: expires };
}

export async function revokeApiToken(deps: Deps, actor: Actor, userId: number, tokenId: number) {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeApiToken(trx, userId, tokenId, at))) throw new NotFound(`Token ${tokenId} does not exist or is already revoked.`);
    await recordAudit(trx, actor, at, { action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
  });
  forgetCachedActors(deps, userId);
}

export function listApiTokens(deps: Deps, userId: number) {
  return repo.listApiTokens(deps.db, userId);
}
