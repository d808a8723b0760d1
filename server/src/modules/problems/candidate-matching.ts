// What a detection run does with each cluster, given the candidates already there (pure):
// - it overlaps an undecided candidate of its organisation: that candidate gains the new
//   tickets and a fresh explanation (the one it overlaps most, when several);
// - it overlaps a dismissed candidate with the same signature (half their stems in common):
//   nothing, unless the cluster has grown by half since; then a new candidate;
// - otherwise: a new candidate.
// Tickets linked to a problem meanwhile are left out; a cluster left with fewer than
// minSize tickets is dropped. Re-running on unchanged tickets changes nothing.
import type { CandidateExplanation } from '../../../../common/schemas/problems.ts';
import type { Cluster } from './clustering.ts';
import { summarise } from './cluster-explanation.ts';

export interface LiveCandidate {
  id: number;
  status: string;
  organisation_id: number | null;
  signature: string;
  ticket_count: number;
  explanation: string;
  tickets: { ticket_id: number; similarity: number; created_at: string }[];
}

export interface CandidateDraft {
  title: string;
  organisationId: number | null;
  categoryId: number | null;
  signature: string;
  explanation: CandidateExplanation;
  ticketCount: number;
  firstAt: string;
  lastAt: string;
}

export interface CandidatePlan {
  create: { draft: CandidateDraft; tickets: { id: number; similarity: number }[] }[];
  update: { id: number; draft: CandidateDraft; addTickets: { id: number; similarity: number }[] }[];
  /** Clusters left alone because their candidate was dismissed. */
  suppressed: number;
}

/** Half the stems of the shorter signature in common. */
export function sameSignature(a: string, b: string): boolean {
  const x = new Set(a.split(' ').filter(Boolean));
  const y = b.split(' ').filter(Boolean);
  if (x.size === 0 || y.length === 0) return x.size === 0 && y.length === 0;
  const common = y.filter((s) => x.has(s)).length;
  return 2 * common >= Math.min(x.size, y.length);
}

function draftOf(cluster: Cluster, members: { id: number; createdAt: string }[], windowDays: number): CandidateDraft {
  const times = members.map((m) => m.createdAt).sort();
  const firstAt = times[0];
  const lastAt = times[times.length - 1];
  const base = {
    ...cluster.explanation,
    ticketCount: members.length,
    firstAt,
    lastAt,
    spanHours: Math.round(((Date.parse(lastAt) - Date.parse(firstAt)) / 3_600_000) * 10) / 10,
    windowDays,
  };
  const { summary: _, ...rest } = base;
  return {
    title: cluster.suggestedTitle,
    organisationId: cluster.organisationId,
    categoryId: cluster.categoryId,
    signature: cluster.signature.join(' '),
    explanation: { ...rest, summary: summarise(rest) },
    ticketCount: members.length,
    firstAt,
    lastAt,
  };
}

export function planCandidates(
  clusters: Cluster[],
  createdAtOf: (ticketId: number) => string,
  live: LiveCandidate[],
  linked: Set<number>,
  o: { minSize: number; windowDays: number },
): CandidatePlan {
  const proposedOf = new Map<number, LiveCandidate>();
  for (const c of live) if (c.status === 'proposed') for (const t of c.tickets) proposedOf.set(t.ticket_id, c);
  const plan: CandidatePlan = { create: [], update: [], suppressed: 0 };
  const touched = new Set<number>();

  for (const cluster of clusters) {
    const members = cluster.members.filter((m) => !linked.has(m.id));
    if (members.length < o.minSize) continue;
    const overlap = new Map<LiveCandidate, number>();
    for (const m of members) {
      const c = proposedOf.get(m.id);
      if (c && c.organisation_id === cluster.organisationId) overlap.set(c, (overlap.get(c) ?? 0) + 1);
    }
    const target = [...overlap].sort((a, b) => b[1] - a[1] || a[0].id - b[0].id)[0]?.[0];
    if (target && !touched.has(target.id)) {
      touched.add(target.id);
      const had = new Set(target.tickets.map((t) => t.ticket_id));
      // A ticket listed by another undecided candidate stays there.
      const addTickets = members.filter((m) => !had.has(m.id) && !proposedOf.has(m.id)).map((m) => ({ id: m.id, similarity: m.similarity }));
      const all = [
        ...target.tickets.filter((t) => !linked.has(t.ticket_id)).map((t) => ({ id: t.ticket_id, createdAt: t.created_at })),
        ...addTickets.map((t) => ({ id: t.id, createdAt: createdAtOf(t.id) })),
      ];
      const draft = draftOf(cluster, all, o.windowDays);
      if (addTickets.length > 0 || JSON.stringify(draft.explanation) !== target.explanation) plan.update.push({ id: target.id, draft, addTickets });
      continue;
    }
    if (target) continue; // two clusters overlapping one candidate: the first updated it
    const dismissed = live.find(
      (c) =>
        c.status === 'dismissed' &&
        c.organisation_id === cluster.organisationId &&
        sameSignature(c.signature, cluster.signature.join(' ')) &&
        c.tickets.some((t) => members.some((m) => m.id === t.ticket_id)),
    );
    if (dismissed && members.length < Math.ceil(1.5 * dismissed.ticket_count)) {
      plan.suppressed++;
      continue;
    }
    const fresh = members.filter((m) => !proposedOf.has(m.id));
    if (fresh.length < o.minSize) continue;
    plan.create.push({
      draft: draftOf(cluster, fresh.map((m) => ({ id: m.id, createdAt: createdAtOf(m.id) })), o.windowDays),
      tickets: fresh.map((m) => ({ id: m.id, similarity: m.similarity })),
    });
  }
  return plan;
}
