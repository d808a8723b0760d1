// Where the SLA clock will sit once the SLA engine exists.
import { useT } from '../../../app/i18n.tsx';
import { messages } from '../messages.ts';

export function SlaClock() {
  const t = useT(messages);
  return (
    <section className="panel ticket-sla" aria-labelledby="ticket-sla-title">
      <h2 id="ticket-sla-title">{t('slaTitle')}</h2>
      <p className="muted">{t('slaPlaceholder')}</p>
    </section>
  );
}
