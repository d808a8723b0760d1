// Query keys shared by the features and the live updates (which invalidate them by prefix).
export const queryKeys = {
  me: ['me'] as const,
  tickets: ['tickets'] as const, // + params: every ticket list and search
  ticket: (id: number) => ['ticket', id] as const,
  timeline: (id: number) => ['timeline', id] as const, // + anything shown beside the timeline
  counts: ['counts'] as const,
  views: ['views'] as const,
  supervisor: ['supervisor'] as const,
};
