// The four breakdowns of the open backlog: group, tier, priority and age.
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { PriorityBadge } from '../../../ui/Badges.tsx';
import type { SupervisorOverview } from '../api.ts';
import { messages } from '../messages.ts';
import { BacklogTable } from './BacklogTable.tsx';

export function BacklogBreakdowns({ overview }: { overview: SupervisorOverview }) {
  const t = useT(messages);
  const c = useT(common);
  const total = overview.totalOpen;
  return (
    <section aria-labelledby="backlog-heading">
      <h2 id="backlog-heading">{t('backlog')}</h2>
      <div className="backlog-grid">
        <BacklogTable
          title={t('byGroup')}
          labelHeader={t('colGroup')}
          total={total}
          rows={overview.byGroup.map((g) => ({
            key: String(g.group?.id ?? 'none'),
            label: g.group ? (
              <>
                {g.group.name} <span className="muted">({c('tier', { tier: g.group.tier })})</span>
              </>
            ) : (
              <span className="muted">{t('noGroup')}</span>
            ),
            open: g.open,
            unassigned: g.unassigned,
          }))}
        />
        <BacklogTable
          title={t('byTier')}
          labelHeader={t('colTier')}
          total={total}
          rows={overview.byTier.map((r) => ({ key: String(r.tier), label: c('tier', { tier: r.tier }), open: r.open }))}
        />
        <BacklogTable
          title={t('byPriority')}
          labelHeader={t('colPriority')}
          total={total}
          rows={overview.byPriority.map((r) => ({ key: r.priority, label: <PriorityBadge priority={r.priority} />, open: r.open }))}
        />
        <BacklogTable
          title={t('byAge')}
          labelHeader={t('colAge')}
          total={total}
          rows={overview.byAge.map((r) => ({ key: r.bucket, label: t(`age_${r.bucket}`), open: r.open }))}
        />
      </div>
    </section>
  );
}
