// A routing rule as the form holds it, and the request body made from it: only the
// conditions given are sent (the server needs at least one and checks each).
import type { Channel } from '../../../../../common/enums.ts';
import type { RoutingConditions, RoutingRule } from './api.ts';

export interface RuleFields {
  name: string;
  channels: Channel[];
  mailboxIds: number[];
  categoryIds: number[];
  organisationIds: number[];
  /** Comma-separated, as typed. */
  keywords: string;
  groupId: string;
  isActive: boolean;
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The conditions of a stored rule, read defensively (the response types them loosely). */
export function readConditions(c: Record<string, unknown>) {
  return {
    channels: strings(c.channels) as Channel[],
    mailboxIds: numbers(c.mailboxIds),
    categoryIds: numbers(c.categoryIds),
    organisationIds: numbers(c.organisationIds),
    keywords: strings(c.keywords),
  };
}

export function ruleFields(rule: RoutingRule | null): RuleFields {
  if (!rule) return { name: '', channels: [], mailboxIds: [], categoryIds: [], organisationIds: [], keywords: '', groupId: '', isActive: true };
  const c = readConditions(rule.conditions);
  return { name: rule.name, ...c, keywords: c.keywords.join(', '), groupId: String(rule.group.id), isActive: rule.isActive };
}

export function splitKeywords(text: string): string[] {
  return [...new Set(text.split(',').map((k) => k.trim()).filter(Boolean))];
}

export function ruleBody(f: RuleFields) {
  const conditions: RoutingConditions = {};
  if (f.channels.length) conditions.channels = f.channels;
  if (f.mailboxIds.length) conditions.mailboxIds = f.mailboxIds;
  if (f.categoryIds.length) conditions.categoryIds = f.categoryIds;
  if (f.organisationIds.length) conditions.organisationIds = f.organisationIds;
  const keywords = splitKeywords(f.keywords);
  if (keywords.length) conditions.keywords = keywords;
  // An empty group id is sent as 0 so that the server names the missing field.
  return { name: f.name, conditions, groupId: Number(f.groupId) || 0, isActive: f.isActive };
}
