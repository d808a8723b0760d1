// The incidents linked to the problem (those the reader may see): number (to the ticket),
// title, status, organisation, requester; unlink one; link more by id or link.
import { Link } from 'react-router';
import type { TicketStatus } from '../../../../../common/enums.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { StatusBadge } from '../../../ui/Badges.tsx';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner } from '../../../ui/Feedback.tsx';
import { useUnlinkIncident, type Problem } from '../api.ts';
import { messages } from '../messages.ts';
import { LinkIncidentsForm } from './LinkIncidentsForm.tsx';

export function IncidentsPanel({ problem }: { problem: Problem }) {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const unlink = useUnlinkIncident(problem.id);
  const locked = problem.status === 'closed';
  return (
    <section className="panel" aria-labelledby="problem-incidents-title">
      <h2 id="problem-incidents-title">
        {t('incidentsTitle')} <span className="muted problem-count">{t('incidentsOpenOfTotal', { open: problem.openIncidentCount, total: problem.incidentCount })}</span>
      </h2>
      <ErrorBanner error={unlink.error} title={t('unlinkFailed')} />
      {problem.incidents.length === 0 ? (
        <EmptyState>{t('noIncidents')}</EmptyState>
      ) : (
        <div className="problems-table-wrap">
          <table className="data problem-incidents" aria-labelledby="problem-incidents-title">
            <thead>
              <tr>
                <th scope="col">{t('colTicket')}</th>
                <th scope="col">{t('colTitle')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colOrganisation')}</th>
                <th scope="col">{t('colRequester')}</th>
                <th scope="col">{t('colOpened')}</th>
                {!locked && (
                  <th scope="col">
                    <span className="visually-hidden">{t('colActions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {problem.incidents.map((i) => (
                <tr key={i.id}>
                  <td className="problems-ref">
                    <Link to={`/agent/tickets/${i.id}`}>#{i.number}</Link>
                  </td>
                  <td>{i.title}</td>
                  <td>
                    <StatusBadge status={i.status as TicketStatus} label={c(`status_${i.status as TicketStatus}`)} />
                  </td>
                  <td>{i.organisationName ?? <span className="muted">{c('none')}</span>}</td>
                  <td>{i.requesterName ?? <span className="muted">{c('none')}</span>}</td>
                  <td className="problems-updated">
                    <time dateTime={i.createdAt}>{f.date(i.createdAt)}</time>
                  </td>
                  {!locked && (
                    <td className="problem-action">
                      <Button className="btn-small" busy={unlink.isPending && unlink.variables === i.id} onClick={() => unlink.mutate(i.id)} aria-label={t('unlinkTicket', { number: String(i.number) })}>
                        {t('unlink')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!locked && <LinkIncidentsForm problemId={problem.id} />}
    </section>
  );
}
