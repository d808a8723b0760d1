// Problem rows to API shapes.
import type { Problem, ProblemStatus, ProblemSummary } from '../../../../common/schemas/problems.ts';
import type { ProblemSummaryRow, findProblemView, listIncidentViews } from './problems.repo.ts';

export function problemReference(id: number): string {
  return `PRB-${id}`;
}

export function toProblemSummary(r: ProblemSummaryRow): ProblemSummary {
  return {
    id: r.id,
    reference: problemReference(r.id),
    title: r.title,
    status: r.status as ProblemStatus,
    ownerGroupId: r.owner_group_id,
    ownerGroupName: r.owner_group_name,
    organisationId: r.organisation_id,
    categoryId: r.category_id,
    incidentCount: Number(r.incident_count ?? 0),
    openIncidentCount: Number(r.open_incident_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type ViewRow = NonNullable<Awaited<ReturnType<typeof findProblemView>>>;
type IncidentRow = Awaited<ReturnType<typeof listIncidentViews>>[number];

export function toProblem(r: ViewRow, incidents: IncidentRow[]): Problem {
  return {
    ...toProblemSummary(r),
    description: r.description,
    rootCause: r.root_cause,
    workaround: r.workaround,
    resolution: r.resolution,
    categoryName: r.category_name,
    candidateId: r.candidate_id,
    createdByName: r.created_by_name,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    incidents: incidents.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      status: i.status,
      priority: i.priority,
      organisationName: i.organisation_name,
      requesterName: i.requester_name,
      createdAt: i.created_at,
      linkedAt: i.linked_at,
    })),
  };
}
