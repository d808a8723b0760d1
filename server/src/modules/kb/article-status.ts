// The article workflow as a pure table: draft → in review → published → archived, and who
// may make each move. Agents write and send for review; supervisors and admins decide.
import type { ArticleStatus } from '../../../../common/schemas/kb.ts';

export type MoveRole = 'agent' | 'supervisor';

export const ARTICLE_MOVES: Record<ArticleStatus, Partial<Record<ArticleStatus, MoveRole>>> = {
  draft: { in_review: 'agent' },
  in_review: { published: 'supervisor', draft: 'supervisor' },
  published: { archived: 'supervisor', draft: 'supervisor' },
  archived: { draft: 'agent' },
};

/** Who may move an article from one status to another; null when the move does not exist. */
export function moveRole(from: ArticleStatus, to: ArticleStatus): MoveRole | null {
  return ARTICLE_MOVES[from][to] ?? null;
}

/** "in_review (agent)" style list of the moves out of a status, for error details. */
export function describeMoves(from: ArticleStatus): string {
  const moves = Object.entries(ARTICLE_MOVES[from]).map(([to, role]) => `${to} (${role === 'agent' ? 'any agent' : 'supervisor or admin'})`);
  return moves.join(', ');
}
