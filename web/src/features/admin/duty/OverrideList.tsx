// Upcoming one-off overrides, of the shifts or of an on-call rotation: who, from, to and the
// note (a shift's also say whether the agent is on or off), each with a delete button.
import { api } from '../../../app/api-client.ts';
import { useFormat, useT, type Catalog } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { useDutyMutation, type UserRef } from './api.ts';

export interface OverrideRow {
  id: number;
  user: UserRef;
  startsAt: string;
  endsAt: string;
  note: string;
}

/** The words both kinds of override share keys for (shift-messages, oncall-messages). */
export type OverrideListWords = Catalog<'noOverrides' | 'colFrom' | 'colTo' | 'note' | 'deleteOverride'>;

interface Props<T> {
  query: { data?: T[]; error: unknown; isPending: boolean };
  words: OverrideListWords;
  headingId: string;
  personLabel: string;
  /** An extra column after the person, such as a shift change's kind. */
  kind?: { label: string; text(row: T): string };
  deletePath(id: number): string;
}

export function OverrideList<T extends OverrideRow>({ query, words, headingId, personLabel, kind, deletePath }: Props<T>) {
  const t = useT(words);
  const a = useT(admin);
  const c = useT(common);
  const f = useFormat();
  const items = query.data ?? [];
  const remove = useDutyMutation((id: number) => api.delete(deletePath(id)));
  return (
    <>
      <FormStatus error={remove.error} />
      <QueryList query={query} count={items.length} empty={t('noOverrides')}>
        <table className="data admin-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{personLabel}</th>
              {kind && <th scope="col">{kind.label}</th>}
              <th scope="col">{t('colFrom')}</th>
              <th scope="col">{t('colTo')}</th>
              <th scope="col">{t('note')}</th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id}>
                <td>{o.user.name}</td>
                {kind && <td>{kind.text(o)}</td>}
                <td>{f.dateTime(o.startsAt)}</td>
                <td>{f.dateTime(o.endsAt)}</td>
                <td>{o.note}</td>
                <td>
                  <Button className="btn-small" busy={remove.isPending && remove.variables === o.id} aria-label={t('deleteOverride', { name: o.user.name, from: f.dateTime(o.startsAt) })} onClick={() => remove.mutate(o.id)}>
                    {c('delete')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
    </>
  );
}
