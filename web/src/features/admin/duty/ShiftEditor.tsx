// One agent's shift: their time zone and weekly hours, saved whole; removing it makes the
// agent count as always on duty again.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { WeekHoursEditor } from '../components/WeekHoursEditor.tsx';
import { useDutyMutation, type Shift, type UserRef } from './api.ts';
import { messages } from './shift-messages.ts';
import { TimeZoneField } from './TimeZoneField.tsx';
import { editableWeek, officeWeek, weekBody } from './week.ts';
import { browserZone } from './zones.ts';

export function ShiftEditor({ user, shift, onSaved, onRemoved }: { user: Pick<UserRef, 'id' | 'name'>; shift: Shift | null; onSaved(): void; onRemoved(): void }) {
  const t = useT(messages);
  const [timeZone, setTimeZone] = useState(shift?.timeZone ?? browserZone());
  const [week, setWeek] = useState(() => (shift ? editableWeek(shift.hours) : officeWeek()));
  const [saved, setSaved] = useState(false);
  const save = useDutyMutation(() => api.put<Shift>(`/users/${user.id}/shift`, { timeZone: timeZone.trim(), hours: weekBody(week) }));
  const remove = useDutyMutation(() => api.delete(`/users/${user.id}/shift`));
  const { busy, error, submit } = useFormRun(async () => {
    setSaved(false);
    await save.mutateAsync(undefined);
    setSaved(true);
    onSaved();
  });
  return (
    <section className="panel stack" aria-labelledby="shift-edit-heading">
      <h4 id="shift-edit-heading">{t('shiftOf', { name: user.name })}</h4>
      {!shift && <p className="muted">{t('noShiftYet')}</p>}
      <form onSubmit={submit}>
        <TimeZoneField label={t('timeZone')} hint={t('timeZoneHint')} value={timeZone} onChange={setTimeZone} />
        <WeekHoursEditor week={week} words={messages} onChange={setWeek} />
        <FormStatus error={error} success={saved ? t('shiftSaved', { name: user.name }) : null} />
        <Button variant="primary" type="submit" busy={busy}>
          {t('saveShift')}
        </Button>
      </form>
      {shift && <ConfirmDelete label={t('removeShift')} confirmLabel={t('confirmRemoveShift', { name: user.name })} hint={t('removeShiftHint')} run={() => remove.mutateAsync(undefined)} onDone={onRemoved} />}
    </section>
  );
}
