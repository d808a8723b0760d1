// The ticket's history, oldest first: messages as cards (public replies and internal notes
// clearly apart), every other change as a compact line saying who and when.
import type { Ticket, TimelineEvent } from '../api.ts';
import { useT } from '../../../app/i18n.tsx';
import { EmptyState } from '../../../ui/Feedback.tsx';
import { messages } from '../messages.ts';
import { TimelineCard, isCard } from './TimelineCard.tsx';
import { TimelineChange } from './TimelineChange.tsx';

export function Timeline({ ticket, events, categoryPaths }: { ticket: Ticket; events: TimelineEvent[]; categoryPaths: Map<number, string> }) {
  const t = useT(messages);
  return (
    <section aria-labelledby="ticket-timeline-title" className="ticket-timeline">
      <h2 id="ticket-timeline-title">{t('timeline')}</h2>
      {events.length === 0 && <EmptyState>{t('timelineEmpty')}</EmptyState>}
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} className={isCard(e) ? 'timeline-entry' : 'timeline-entry timeline-entry-compact'}>
            {isCard(e) ? <TimelineCard event={e} ticket={ticket} /> : <TimelineChange event={e} categoryPaths={categoryPaths} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
