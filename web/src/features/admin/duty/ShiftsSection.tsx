// Shifts: each agent's weekly hours in their own time zone (an agent without one counts as
// always on duty), and one-off changes below: extra duty or absence between two instants.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { useStaff } from '../api.ts';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { useShifts } from './api.ts';
import { messages } from './shift-messages.ts';
import { ShiftEditor } from './ShiftEditor.tsx';
import { ShiftOverrides } from './ShiftOverrides.tsx';
import { weekdayNames, weekSummary } from './week.ts';

export function ShiftsSection() {
  const t = useT(messages);
  const a = useT(admin);
  const shifts = useShifts();
  const staff = useStaff().data ?? [];
  const items = [...(shifts.data ?? [])].sort((x, y) => x.user.name.localeCompare(y.user.name));
  const names = weekdayNames(t.lang, 'short');
  const [userId, setUserId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shift = items.find((s) => s.user.id === userId) ?? null;
  const agent = shift?.user ?? staff.find((u) => u.id === userId) ?? null;
  const without = staff.filter((u) => !items.some((s) => s.user.id === u.id));

  return (
    <section aria-labelledby="shifts-heading">
      <h3 id="shifts-heading">{t('s_shifts')}</h3>
      <p className="muted">{t('shiftsIntro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="duty-split">
        <div>
          <QueryList query={shifts} count={items.length} empty={t('noShifts')}>
            <table className="data admin-table" aria-labelledby="shifts-heading">
              <thead>
                <tr>
                  <th scope="col">{t('colAgent')}</th>
                  <th scope="col">{t('timeZone')}</th>
                  <th scope="col">{t('colHours')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => {
                  const lines = weekSummary(s.hours, names);
                  return (
                    <tr key={s.user.id} className={s.user.id === userId ? 'selected' : undefined}>
                      <td>{s.user.name}</td>
                      <td>{s.timeZone}</td>
                      <td>{lines.length ? lines.map((l) => <div key={l}>{l}</div>) : <span className="muted">{t('neverOnDuty')}</span>}</td>
                      <td>
                        <Button className="btn-small" aria-label={t('editShift', { name: s.user.name })} aria-pressed={s.user.id === userId} onClick={() => setUserId(s.user.id)}>
                          {a('edit')}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </QueryList>
          <SelectField label={t('newShiftFor')} hint={t('newShiftHint')} value="" onChange={(e) => e.target.value && setUserId(Number(e.target.value))}>
            <option value="">{t('choose')}</option>
            {without.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          {agent ? (
            <ShiftEditor
              key={agent.id}
              user={agent}
              shift={shift}
              onSaved={() => setNotice(null)}
              onRemoved={() => {
                setNotice(t('shiftRemoved', { name: agent.name }));
                setUserId(null);
              }}
            />
          ) : (
            <p className="muted">{t('pickShift')}</p>
          )}
        </div>
      </div>
      <ShiftOverrides />
    </section>
  );
}
