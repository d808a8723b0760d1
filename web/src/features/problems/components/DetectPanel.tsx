// "Run detection now": the detection job's pass, run at once, and what it found.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useDetect } from '../api.ts';
import { clusterMessages } from '../cluster-messages.ts';

export function DetectPanel() {
  const t = useT(clusterMessages);
  const f = useFormat();
  const detect = useDetect();
  const r = detect.data;
  return (
    <section className="panel clusters-detect" aria-labelledby="clusters-detect-title">
      <h2 id="clusters-detect-title">{t('detectTitle')}</h2>
      <p className="muted">{t('detectHelp')}</p>
      <Button variant="primary" onClick={() => detect.mutate(undefined)} busy={detect.isPending}>
        {t('detectNow')}
      </Button>
      <div aria-live="polite">
        {r && (
          <Notice tone="success">
            {t.plural('detectScanned', r.scanned, { ms: f.number(Math.round(r.ms)) })} {t.plural('detectProposed', r.proposed)} {r.updated > 0 && t.plural('detectUpdated', r.updated)}
          </Notice>
        )}
      </div>
      <ErrorBanner error={detect.error} title={t('detectFailed')} />
    </section>
  );
}
