// Known errors for a ticket: problems whose workaround may help now (status known_error, or
// root_cause_known with a workaround), that the agent may see, ranked by how much of their
// wording the ticket shares (known-error-rank.ts). Problems number in the hundreds: they
// are read in one query and ranked in memory, the corpus kept per process for a few
// seconds (other processes' writes show within CORPUS_TTL_MS; this process's at once).
import type { KnownErrorSuggestion } from '../../../../common/schemas/kb.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor, Scope } from '../../lib/actor.ts';
import { backgroundOf, buildCorpus, rankKnownErrors, type Background, type Corpus } from './known-error-rank.ts';
import * as repo from './problems.repo.ts';

const CORPUS_TTL_MS = 5_000;
/** Recent tickets sampled for document frequencies; re-read every few minutes. */
const BACKGROUND_TICKETS = 500;
const BACKGROUND_TTL_MS = 300_000;

/** Whether a staff scope sees a problem (one without an organisation is for those who see them all). */
export function scopeSeesProblem(scope: Scope, organisationId: number | null): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'organisations' && organisationId !== null && scope.organisationIds.includes(organisationId);
}

let problemWrites = 0;
/** Problem writes in this process make the next read rebuild the corpus. */
export function forgetKnownErrors(): void {
  problemWrites++;
}

interface Cached<T> {
  until: number;
  version: number;
  value: Promise<T>;
}
// Per database handle (per app).
const corpora = new WeakMap<object, Cached<Corpus>>();
const backgrounds = new WeakMap<object, Cached<Background>>();

function cached<T>(map: WeakMap<object, Cached<T>>, key: object, ttlMs: number, version: number, build: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.until > now && hit.version === version) return hit.value;
  const value = build();
  map.set(key, { until: now + ttlMs, version, value });
  value.catch(() => map.delete(key));
  return value;
}

function corpusOf(deps: Deps): Promise<Corpus> {
  return cached(corpora, deps.db, CORPUS_TTL_MS, problemWrites, async () => {
    const background = await cached(backgrounds, deps.db, BACKGROUND_TTL_MS, 0, async () =>
      backgroundOf((await repo.recentTicketTexts(deps.db, BACKGROUND_TICKETS)).map((r) => `${r.title}\n${r.description}`)),
    );
    return buildCorpus(await repo.listKnownErrorRows(deps.db), background);
  });
}

/** Known errors that may explain a ticket's text, best first, among the problems the actor sees. */
export async function findKnownErrors(
  deps: Deps,
  actor: Actor,
  t: { text: string; categoryId: number | null; organisationId: number | null; excludeProblemIds?: number[]; limit: number },
): Promise<KnownErrorSuggestion[]> {
  if (actor.scope.kind === 'requester' || t.limit <= 0 || !t.text.trim()) return [];
  const corpus = await corpusOf(deps);
  return rankKnownErrors(corpus, t, (d) => scopeSeesProblem(actor.scope, d.organisationId));
}
