// Which workflow buttons an article shows, by its status and the reader's role. The server
// decides (and refuses with a reason); this only avoids offering what it would refuse.
import type { ArticleStatus } from './api.ts';

export type WorkflowAction = 'submitForReview' | 'publish' | 'sendBack' | 'withdraw' | 'archive' | 'restoreToDraft';

export const ACTION_TARGET: Record<WorkflowAction, ArticleStatus> = {
  submitForReview: 'in_review',
  publish: 'published',
  sendBack: 'draft',
  withdraw: 'draft',
  archive: 'archived',
  restoreToDraft: 'draft',
};

/** Mirrors the server's table (server/src/modules/kb/article-status.ts). */
export function workflowActions(status: ArticleStatus, isSupervisor: boolean): WorkflowAction[] {
  switch (status) {
    case 'draft':
      return ['submitForReview'];
    case 'in_review':
      return isSupervisor ? ['publish', 'sendBack'] : [];
    case 'published':
      return isSupervisor ? ['archive', 'withdraw'] : [];
    case 'archived':
      return ['restoreToDraft'];
  }
}
