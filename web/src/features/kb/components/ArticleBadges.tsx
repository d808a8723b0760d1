// An article's status and audience as badges: words plus colour, never colour alone.
import type { ArticleAudience, ArticleStatus } from '../api.ts';
import { useT } from '../../../app/i18n.tsx';
import { messages } from '../messages.ts';

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  const t = useT(messages);
  return <span className={`badge badge-status kb-status-${status}`}>{t(`status_${status}`)}</span>;
}

export function AudienceBadge({ audience }: { audience: ArticleAudience }) {
  const t = useT(messages);
  return (
    <span className={`badge kb-audience-${audience}`} title={t(`audienceHint_${audience}`)}>
      {t(`audience_${audience}`)}
    </span>
  );
}

/** "75 % of 4", or a dash when nobody has voted. */
export function helpfulShare(stats: { helpful: number; notHelpful: number }): { percent: number; votes: number } | null {
  const votes = stats.helpful + stats.notHelpful;
  return votes ? { percent: Math.round((100 * stats.helpful) / votes), votes } : null;
}
