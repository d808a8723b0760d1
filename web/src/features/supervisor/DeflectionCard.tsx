// Self-help in figures for supervisors: of the portal attempts that were shown articles in
// the last 30 days, how many ended without a request (solved, or left), and which articles
// did it most. The rate is the server's: (solved + abandoned) / decided attempts.
import { Link } from 'react-router';
import { defineMessages, useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { REPORT_DAYS, useDeflectionReport } from '../help/api.ts';
import '../help/help.css';

const messages = defineMessages({
  en: {
    title: 'Self-help deflection (last {days} days)',
    attempts: 'Attempts',
    solved: 'Solved by an article',
    abandoned: 'Left without a request',
    submitted: 'Request sent anyway',
    rate: 'Deflection rate',
    noRate: 'not enough data',
    open: '{count} still being typed.',
    top: 'Articles that helped most',
    deflected_one: '{count} deflected',
    deflected_other: '{count} deflected',
    none: 'No self-help attempt yet: requesters see suggestions while they type a new request.',
  },
  fr: {
    title: 'Auto-assistance ({days} derniers jours)',
    attempts: 'Tentatives',
    solved: 'Résolues par un article',
    abandoned: 'Abandonnées sans demande',
    submitted: 'Demande envoyée malgré tout',
    rate: "Taux d'évitement",
    noRate: 'pas assez de données',
    open: '{count} en cours de saisie.',
    top: 'Articles les plus utiles',
    deflected_one: '{count} évitée',
    deflected_other: '{count} évitées',
    none: "Aucune tentative d'auto-assistance pour l'instant : les demandeurs voient des suggestions en rédigeant une demande.",
  },
});

export function DeflectionCard() {
  const t = useT(messages);
  const c = useT(common);
  const format = useFormat();
  const report = useDeflectionReport();
  const r = report.data;
  const figures = r && [
    { label: t('attempts'), value: format.number(r.attempts) },
    { label: t('solved'), value: format.number(r.solved) },
    { label: t('abandoned'), value: format.number(r.abandoned) },
    { label: t('submitted'), value: format.number(r.submitted) },
    { label: t('rate'), value: r.deflectionRate === null ? t('noRate') : percent(r.deflectionRate, t.lang) },
  ];

  return (
    <section className="panel deflection-card" aria-labelledby="deflection-heading">
      <h2 id="deflection-heading">{t('title', { days: REPORT_DAYS })}</h2>
      {report.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={report.error} />
      {r && figures && (
        <>
          {r.attempts === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <dl className="deflection-figures">
              {figures.map((f) => (
                <div key={f.label}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {r.open > 0 && <p className="muted">{t('open', { count: r.open })}</p>}
          {r.topArticles.length > 0 && (
            <>
              <h3>{t('top')}</h3>
              <ol className="deflection-top">
                {r.topArticles.map((a) => (
                  <li key={a.id}>
                    <Link to={`/agent/kb/${a.id}`}>{a.title}</Link> <span className="muted">({t.plural('deflected', a.deflected)})</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

const percent = (rate: number, lang: string) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
