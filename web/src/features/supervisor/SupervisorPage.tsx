// The supervisor's view: the open backlog by group, tier, priority and age, the oldest open
// tickets (with bulk reassignment) and each agent's load. Live updates refresh it.
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useOverview } from './api.ts';
import { messages } from './messages.ts';
import { AgentLoadTable } from './components/AgentLoadTable.tsx';
import { BacklogBreakdowns } from './components/BacklogBreakdowns.tsx';
import { OldestTickets } from './components/OldestTickets.tsx';
import { DeflectionCard } from './DeflectionCard.tsx';
import './supervisor.css';

export function SupervisorPage() {
  const t = useT(messages);
  const c = useT(common);
  const format = useFormat();
  const overview = useOverview();
  const data = overview.data;

  return (
    <div className="supervisor">
      <div className="supervisor-head">
        <h1>{t('title')}</h1>
        {data && (
          <p className="supervisor-summary">
            <strong>{t.plural('totalOpen', data.totalOpen)}</strong>
            <span>{t.plural('unassigned', data.unassigned)}</span>
            <span className="muted">{t('updatedAt', { time: format.dateTime(data.generatedAt) })}</span>
          </p>
        )}
        <Button onClick={() => void overview.refetch()} busy={overview.isFetching}>
          {t('refresh')}
        </Button>
      </div>
      {overview.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={overview.error} title={t('loadError')} />
      {data && (
        <>
          <BacklogBreakdowns overview={data} />
          <OldestTickets overview={data} />
          <AgentLoadTable agents={data.agents} />
        </>
      )}
      <DeflectionCard />
    </div>
  );
}
