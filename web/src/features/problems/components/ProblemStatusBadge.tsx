// A problem's status: colour plus words, never colour alone.
import { useT } from '../../../app/i18n.tsx';
import type { ProblemStatus } from '../api.ts';
import { messages } from '../messages.ts';

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const t = useT(messages);
  return <span className={`badge badge-status problem-status problem-status-${status}`}>{t(`status_${status}`)}</span>;
}
