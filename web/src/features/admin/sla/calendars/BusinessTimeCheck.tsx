// "If a ticket came in then, with a target of N business minutes, when would it be due?":
// the server's own arithmetic on this calendar, for checking hours and holidays.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../../../app/api-client.ts';
import { useT } from '../../../../app/i18n.tsx';
import { Button } from '../../../../ui/Button.tsx';
import { TextField } from '../../../../ui/Field.tsx';
import { FormStatus } from '../../components/FormStatus.tsx';
import type { BusinessTime, Calendar } from '../api.ts';
import { messages } from '../messages.ts';
import { formatInZone, nowInZone, zonedWallTimeToIso } from './zoned-time.ts';

export function BusinessTimeCheck({ calendar }: { calendar: Calendar }) {
  const t = useT(messages);
  const [from, setFrom] = useState(() => nowInZone(calendar.timeZone));
  const [minutes, setMinutes] = useState('60');
  const check = useMutation({
    mutationFn: () => {
      const iso = zonedWallTimeToIso(from, calendar.timeZone);
      if (!iso) throw new Error(t('checkBadDate'));
      return api.get<BusinessTime>(`/calendars/${calendar.id}/business-time`, { from: iso, addMinutes: minutes });
    },
  });
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function submit(e: FormEvent) {
    e.preventDefault();
    check.mutate();
  }

  return (
    <section className="panel" aria-labelledby="check-heading">
      <h4 id="check-heading">{t('checkTitle')}</h4>
      <form onSubmit={submit}>
        <div className="grid-2">
          <TextField label={t('checkFrom', { zone: calendar.timeZone })} type="datetime-local" required value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label={t('checkMinutes')} type="number" min={0} max={10_000_000} step={1} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </div>
        <FormStatus error={check.error} />
        <Button type="submit" busy={check.isPending}>
          {t('checkButton')}
        </Button>
      </form>
      {check.data && (
        <output className="sla-check-result" aria-live="polite">
          <div>
            <strong>{t('checkDue')}</strong> {formatInZone(check.data.to, calendar.timeZone, t.lang)} <span className="muted">({calendar.timeZone})</span>
          </div>
          {browserZone !== calendar.timeZone && (
            <div className="muted">{t('checkDueHere', { date: formatInZone(check.data.to, browserZone, t.lang), zone: browserZone })}</div>
          )}
          <div>{check.data.openNow ? t('openNow') : t('closedNow')}</div>
        </output>
      )}
    </section>
  );
}
