// On-call rotations: the list with who is on call now, then the selected rotation's form,
// overrides and schedule (or the form for a new one).
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useSelection } from '../components/useSelection.ts';
import { messages as admin } from '../messages.ts';
import { useRotations, type Rotation } from './api.ts';
import { messages } from './oncall-messages.ts';
import { EditRotation, NewRotation } from './RotationPanels.tsx';

export function RotationsSection() {
  const t = useT(messages);
  const a = useT(admin);
  const rotations = useRotations();
  const items = rotations.data ?? [];
  const { selectedId, selected, select, notice, setNotice, deleted } = useSelection(items);

  return (
    <section aria-labelledby="rotations-heading">
      <h3 id="rotations-heading">{t('s_oncall')}</h3>
      <p className="muted">{t('rotationsIntro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <QueryList query={rotations} count={items.length} empty={t('noRotations')}>
        <table className="data admin-table" aria-labelledby="rotations-heading">
          <thead>
            <tr>
              <th scope="col">{t('colRotation')}</th>
              <th scope="col">{t('group')}</th>
              <th scope="col">{t('colTurns')}</th>
              <th scope="col">{t('members')}</th>
              <th scope="col">{t('colNow')}</th>
              <th scope="col">{t('colState')}</th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
                <td>{r.name}</td>
                <td>{r.group?.name ?? t('everyGroup')}</td>
                <td>
                  <TurnText rotation={r} />
                </td>
                <td>{r.members.map((m) => m.name).join(', ') || <span className="muted">{t('noMembers')}</span>}</td>
                <td>
                  <CurrentText rotation={r} />
                </td>
                <td>{r.isActive ? a('active') : a('inactive')}</td>
                <td>
                  <Button className="btn-small" aria-label={t('editRotation', { name: r.name })} aria-pressed={r.id === selectedId} onClick={() => select(r.id)}>
                    {a('edit')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
      <div className="admin-form-actions duty-gap">
        <Button
          aria-pressed={selectedId === null}
          onClick={() => {
            setNotice(null);
            select(null);
          }}
        >
          {t('newRotation')}
        </Button>
      </div>
      {selected ? (
        <EditRotation key={selected.id} rotation={selected} onDeleted={() => deleted(t('rotationDeleted', { name: selected.name }))} />
      ) : (
        <NewRotation
          onCreated={(r) => {
            setNotice(t('rotationCreated', { name: r.name }));
            select(r.id);
          }}
        />
      )}
    </section>
  );
}

function TurnText({ rotation: r }: { rotation: Rotation }) {
  const t = useT(messages);
  const day = new Intl.DateTimeFormat(t.lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, r.handoverWeekday));
  return <>{r.period === 'daily' ? t('turnDaily', { time: r.handoverTime, zone: r.timeZone }) : t('turnWeekly', { day, time: r.handoverTime, zone: r.timeZone })}</>;
}

function CurrentText({ rotation: r }: { rotation: Rotation }) {
  const t = useT(messages);
  const f = useFormat();
  if (!r.current) return <span className="muted">{t('nobody')}</span>;
  return (
    <>
      {t('currentUntil', { name: r.current.user.name, until: f.dateTime(r.current.until) })}
      {r.current.override && <span className="duty-tag">{t('override')}</span>}
    </>
  );
}
