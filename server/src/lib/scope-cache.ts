// Figures that are the same for everyone who sees the same organisations (queue counts, the
// supervisor's backlog) and cost a scan to compute: shared per app and per scope, until a
// ticket is written in this process, and for a few seconds at most (other processes'
// writes). Live updates make every open screen refetch after each change; this is what
// keeps that from costing one scan per screen.
import type { Deps } from './deps.ts';
import type { Scope } from './actor.ts';

interface Entry {
  until: number;
  version: number;
  value: Promise<unknown>;
}

// Per database handle (per app), then per figure and scope.
const caches = new WeakMap<object, Map<string, Entry>>();

export function sharedPerScope<T>(deps: Deps, figure: string, scope: Scope, o: { ttlMs: number; version: number }, compute: () => Promise<T>): Promise<T> {
  const key = `${figure}:${JSON.stringify(scope)}`;
  const now = deps.clock.now().getTime();
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.until > now && hit.version === o.version) return hit.value as Promise<T>;
  if (cache.size > 1_000) cache.clear();
  const value = compute();
  cache.set(key, { until: now + o.ttlMs, version: o.version, value });
  const entries = cache;
  value.catch(() => entries.delete(key));
  return value;
}
