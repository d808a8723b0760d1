// The inputs of an on-call rotation: who takes turns and in what order, how long a turn
// lasts and when it is handed over, when the rotation pages (its calendar closed), how long
// a page waits for an acknowledgement, and where its webhook goes.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { FormFooter } from '../components/FormFooter.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { messages as admin } from '../messages.ts';
import { useCalendars, type Rotation } from './api.ts';
import { GroupSelect } from './GroupSelect.tsx';
import { MembersEditor } from './MembersEditor.tsx';
import { messages } from './oncall-messages.ts';
import { TimeZoneField } from './TimeZoneField.tsx';
import { WEEKDAYS, weekdayNames } from './week.ts';
import { browserZone, lastWeekdayLocal } from './zones.ts';

export interface RotationFields {
  name: string;
  groupId: string;
  calendarId: string;
  timeZone: string;
  period: 'daily' | 'weekly';
  handoverWeekday: string;
  handoverTime: string;
  startsOn: string;
  ackMinutes: string;
  webhookUrl: string;
  isActive: boolean;
  memberIds: number[];
}

export function rotationFields(r: Rotation | null): RotationFields {
  if (!r) {
    return { name: '', groupId: '', calendarId: '', timeZone: browserZone(), period: 'weekly', handoverWeekday: '1', handoverTime: '09:00', startsOn: lastWeekdayLocal(1), ackMinutes: '15', webhookUrl: '', isActive: true, memberIds: [] };
  }
  return {
    name: r.name,
    groupId: r.group ? String(r.group.id) : '',
    calendarId: r.calendar ? String(r.calendar.id) : '',
    timeZone: r.timeZone,
    period: r.period,
    handoverWeekday: String(r.handoverWeekday),
    handoverTime: r.handoverTime,
    startsOn: r.startsOn,
    ackMinutes: String(r.ackMinutes),
    webhookUrl: r.webhookUrl ?? '',
    isActive: r.isActive,
    memberIds: r.members.map((m) => m.id),
  };
}

export function rotationBody(f: RotationFields) {
  return {
    name: f.name,
    groupId: f.groupId ? Number(f.groupId) : null,
    calendarId: f.calendarId ? Number(f.calendarId) : null,
    timeZone: f.timeZone.trim(),
    period: f.period,
    handoverWeekday: Number(f.handoverWeekday),
    handoverTime: f.handoverTime,
    startsOn: f.startsOn,
    ackMinutes: Number(f.ackMinutes),
    webhookUrl: f.webhookUrl.trim() || null,
    isActive: f.isActive,
    memberIds: f.memberIds,
  };
}

export function RotationForm({ rotation, submitLabel, run }: { rotation: Rotation | null; submitLabel: string; run(f: RotationFields): Promise<unknown> }) {
  const t = useT(messages);
  const a = useT(admin);
  const calendars = useCalendars();
  const [f, setF] = useState(() => rotationFields(rotation));
  const { busy, error, submit } = useFormRun(() => run(f));
  const set = <K extends keyof RotationFields>(k: K, v: RotationFields[K]) => setF({ ...f, [k]: v });
  const days = weekdayNames(t.lang);
  const known = new Map((rotation?.members ?? []).map((m) => [m.id, m.name]));
  return (
    <form onSubmit={submit}>
      <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
      <MembersEditor value={f.memberIds} known={known} onChange={(ids) => set('memberIds', ids)} />
      <div className="grid-2">
        <GroupSelect label={t('group')} hint={t('groupHint')} emptyLabel={t('everyGroup')} value={f.groupId} onChange={(v) => set('groupId', v)} />
        <SelectField label={t('calendar')} hint={t('calendarHint')} value={f.calendarId} onChange={(e) => set('calendarId', e.target.value)}>
          <option value="">{t('always')}</option>
          {(calendars.data ?? []).map((cal) => (
            <option key={cal.id} value={cal.id}>
              {cal.name}
            </option>
          ))}
        </SelectField>
      </div>
      <FormStatus error={calendars.error} />
      <fieldset className="admin-fieldset">
        <legend>{t('turns')}</legend>
        <div className="grid-2">
          <SelectField label={t('period')} value={f.period} onChange={(e) => set('period', e.target.value === 'daily' ? 'daily' : 'weekly')}>
            <option value="weekly">{t('period_weekly')}</option>
            <option value="daily">{t('period_daily')}</option>
          </SelectField>
          <TextField label={t('startsOn')} hint={t('startsOnHint')} type="date" required value={f.startsOn} onChange={(e) => set('startsOn', e.target.value)} />
        </div>
        <div className="grid-2">
          {f.period === 'weekly' && (
            <SelectField label={t('handoverWeekday')} value={f.handoverWeekday} onChange={(e) => set('handoverWeekday', e.target.value)}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {days[d]}
                </option>
              ))}
            </SelectField>
          )}
          <TextField label={t('handoverTime')} type="time" required value={f.handoverTime} onChange={(e) => set('handoverTime', e.target.value)} />
        </div>
        <TimeZoneField label={t('timeZone')} hint={t('timeZoneHint')} value={f.timeZone} onChange={(v) => set('timeZone', v)} />
      </fieldset>
      <fieldset className="admin-fieldset">
        <legend>{t('paging')}</legend>
        <div className="grid-2">
          <TextField label={t('ackMinutes')} hint={t('ackMinutesHint')} type="number" min={1} max={1440} required value={f.ackMinutes} onChange={(e) => set('ackMinutes', e.target.value)} />
          <TextField label={t('webhookUrl')} hint={t('webhookUrlHint')} type="url" maxLength={2000} value={f.webhookUrl} onChange={(e) => set('webhookUrl', e.target.value)} />
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={f.isActive} onChange={(e) => set('isActive', e.target.checked)} /> {a('active')}
      </label>
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}
