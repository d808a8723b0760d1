// The issues demo tickets are made of, per language: what the requester writes, what the
// agents ask, note and hand over, and how it is resolved.
import type { Language } from '../../../common/enums.ts';
import type { GroupKey } from './demo-data.ts';
import { ISSUES_EN } from './demo-issues.en.ts';
import { ISSUES_FR } from './demo-issues.fr.ts';

export interface Resolution {
  symptoms: string;
  diagnosis: string;
  actions: string;
  result: string;
  code: string;
}

export interface Issue {
  /** Category path, "Parent / Child". */
  category: string;
  type: 'incident' | 'service_request';
  impact: number;
  urgency: number;
  titles: string[];
  body: string;
  /** The question an agent asks when the ticket waits on the requester. */
  question: string;
  answer: string;
  /** What an agent notes internally while working on it. */
  note: string;
  fix: Resolution;
  /** Solvable on the phone by the service desk. */
  quick?: boolean;
  /** Where it goes when the service desk cannot solve it, and the hand-off note. */
  escalateTo?: GroupKey;
  handoff?: string;
  /** A further escalation from there (tier 2 → tier 3). */
  escalateTo2?: GroupKey;
  handoff2?: string;
  /** A supplier the fix depends on. */
  vendor?: string;
}

export const ISSUES: Record<Language, Issue[]> = { fr: ISSUES_FR, en: ISSUES_EN };
