// The ticket's SLA clock beside the timeline: the policy and calendar, then each target
// (first response, resolution, next response when one is owed) counting down live. The
// countdowns move every 30 s on their own; a live update of the ticket refetches it
// (queryKeys.ticket), and the panel redraws with the new state at once.
import { useEffect, useMemo, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '../api.ts';
import type { SlaMetric as MetricName, SlaMetricState, TicketSla } from '../../../../../common/schemas/sla.ts';
import { useT } from '../../../app/i18n.tsx';
import { queryKeys } from '../../../app/query-keys.ts';
import { slaMessages } from './messages.ts';
import { SlaMetric } from './SlaMetric.tsx';
import { useNow } from './useNow.ts';
import './sla.css';

export function SlaPanel({ ticket }: { ticket: Ticket }) {
  const t = useT(slaMessages);
  const sla = useSlaOf(ticket);
  return (
    <section className="panel ticket-sla" aria-labelledby="ticket-sla-title">
      <h2 id="ticket-sla-title">{t('title')}</h2>
      {sla === undefined ? null : sla ? <SlaClock sla={sla} stopped={ticket.status === 'resolved' || ticket.status === 'closed'} /> : <p className="muted">{t('noSla')}</p>}
    </section>
  );
}

/**
 * The ticket's SLA state. The answer to a write (status, reply…) is a ticket without it
 * (only GET /tickets/{id} computes it): the last state stays shown while the ticket is
 * fetched again. A server that never sent one is never asked again.
 */
function useSlaOf(ticket: Ticket): TicketSla | null | undefined {
  const qc = useQueryClient();
  const last = useRef<{ id: number; sla: TicketSla | null } | null>(null);
  const current = ticket.sla;
  if (current !== undefined) last.current = { id: ticket.id, sla: current };
  const known = last.current?.id === ticket.id ? last.current.sla : undefined;
  const missing = current === undefined && known !== undefined;
  useEffect(() => {
    if (missing) void qc.invalidateQueries({ queryKey: queryKeys.ticket(ticket.id), exact: true });
  }, [missing, ticket, qc]);
  return current !== undefined ? current : known;
}

function SlaClock({ sla, stopped }: { sla: TicketSla; stopped: boolean }) {
  const t = useT(slaMessages);
  const tick = useNow();
  // New data is drawn against the time it arrived, not the last tick (up to 30 s earlier).
  const arrived = useMemo(() => Date.now(), [sla]);
  const now = Math.max(tick, arrived);
  const metrics: [MetricName, SlaMetricState][] = [
    ['firstResponse', sla.firstResponse],
    ['resolution', sla.resolution],
  ];
  if (sla.nextResponse) metrics.push(['nextResponse', sla.nextResponse]);

  return (
    <>
      <dl className="sla-policy">
        <div>
          <dt>{t('policy')}</dt>
          <dd>{sla.policy.name}</dd>
        </div>
        <div>
          <dt>{t('calendar')}</dt>
          <dd>
            {sla.calendar.name}
            {!sla.calendar.is24x7 && <span className="muted"> · {sla.calendar.timeZone}</span>}
          </dd>
        </div>
      </dl>
      {sla.paused && !stopped && <p className="sla-paused-note">{t('clockPaused')}</p>}
      <ul className="sla-metrics" aria-label={t('metrics')}>
        {metrics.map(([name, state]) => (
          <SlaMetric
            key={name}
            name={name}
            state={state}
            paused={sla.paused}
            pausedSince={sla.pausedSince}
            stopped={stopped}
            businessTime={!sla.calendar.is24x7}
            now={now}
          />
        ))}
      </ul>
    </>
  );
}
