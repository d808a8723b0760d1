// Routing: the first active rule, by position, whose every condition holds sends a new ticket
// to its group. Lists match any of their values; a category condition also matches the
// category's descendants; keywords match whole words (or phrases) of the title or the
// description, case and accents ignored. Active rules are kept per process for a few seconds
// (another process may change them); writes through this process forget them at once.
import type { Trx } from '../../db/db.ts';
import type { RoutingConditions } from '../../../../common/schemas/routing.ts';
import * as repo from './rules.repo.ts';

export interface RoutableTicket {
  channel: string;
  mailbox_id: number | null;
  category_id: number | null;
  organisation_id: number | null;
  title: string;
  description: string;
}

interface ActiveRule {
  id: number;
  name: string;
  groupId: number;
  conditions: RoutingConditions;
  /** The keywords normalised as the text is, each padded with spaces. */
  needles: string[] | null;
}

const TTL_MS = 5_000;
// One cache per database (keyed by its adapter, which its transactions share).
const caches = new WeakMap<object, { at: number; generation: number; rules: ActiveRule[] }>();
let generation = 0;

/** Call after a committed write to the rules (or to anything they resolve against). */
export function forgetRoutingRules(): void {
  generation += 1;
}

/** Lower case, accents removed, every run of non-letters and non-digits one space, padded with spaces. */
export function wordsOf(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return ` ${words.join(' ')} `;
}

async function activeRules(db: Trx): Promise<ActiveRule[]> {
  const key = db.getExecutor().adapter;
  const hit = caches.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < TTL_MS) return hit.rules;
  const started = generation;
  const rows = await repo.listActiveRules(db);
  const rules = rows.map((r) => {
    const conditions = JSON.parse(r.conditions) as RoutingConditions;
    const needles = conditions.keywords?.map(wordsOf).filter((k) => k.trim() !== '') ?? null;
    return { id: r.id, name: r.name, groupId: r.group_id, conditions, needles };
  });
  if (started === generation) caches.set(key, { at: Date.now(), generation: started, rules });
  return rules;
}

/** Whether every condition of a rule holds; `categories` is the ticket's category and its ancestors. */
export function ruleMatches(rule: Pick<ActiveRule, 'conditions' | 'needles'>, ticket: RoutableTicket, categories: readonly number[], text: () => string): boolean {
  const c = rule.conditions;
  if (c.channels && !c.channels.includes(ticket.channel as never)) return false;
  if (c.mailboxIds && (ticket.mailbox_id === null || !c.mailboxIds.includes(ticket.mailbox_id))) return false;
  if (c.organisationIds && (ticket.organisation_id === null || !c.organisationIds.includes(ticket.organisation_id))) return false;
  if (c.categoryIds && !categories.some((id) => c.categoryIds!.includes(id))) return false;
  if (rule.needles) {
    const haystack = text();
    if (!rule.needles.some((n) => haystack.includes(n))) return false;
  }
  return true;
}

export async function findRoutingRule(trx: Trx, ticket: RoutableTicket): Promise<{ ruleId: number; ruleName: string; groupId: number } | null> {
  const rules = await activeRules(trx);
  if (rules.length === 0) return null;
  const needsCategories = ticket.category_id !== null && rules.some((r) => r.conditions.categoryIds);
  const categories = needsCategories ? await repo.categoryAncestry(trx, ticket.category_id!) : [];
  let text: string | undefined;
  // Title and description are separate fields: a phrase must not match across the two.
  const haystack = () => (text ??= `${wordsOf(ticket.title)}\n${wordsOf(ticket.description)}`);
  for (const rule of rules) {
    if (ruleMatches(rule, ticket, categories, haystack)) return { ruleId: rule.id, ruleName: rule.name, groupId: rule.groupId };
  }
  return null;
}
