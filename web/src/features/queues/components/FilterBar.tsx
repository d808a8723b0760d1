// The filter bar of a queue: text search and one choice per ticket field, plus the sort.
// Every change goes to the URL (see queue-state.ts); the list follows.
import { memo, useMemo, type FormEvent } from 'react';
import { CHANNELS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../../../common/enums.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useFilterChoices } from '../api.ts';
import { messages } from '../messages.ts';
import { SORTS, type QueueState, type ViewFilters } from '../queue-state.ts';
import { SlaDueFilter } from './SlaDueFilter.tsx';
import { OrganisationPicker } from './OrganisationPicker.tsx';

type Options = [value: string, label: string][];

function Choice({ label, value, any, options, onChange }: { label: string; value: string | undefined; any: string; options: Options; onChange(v: string): void }) {
  // A value from a bookmark or a view that is not among the choices (say "P1,P2") stays shown.
  const unknown = value !== undefined && !options.some(([v]) => v === value);
  return (
    <SelectField label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
      <option value="">{any}</option>
      {unknown && <option value={value}>{value}</option>}
      {options.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </SelectField>
  );
}

// Memoised: a page of tickets arriving does not re-render a dozen selects.
export const FilterBar = memo(function FilterBar({ state, onChange }: { state: QueueState; onChange(next: QueueState): void }) {
  const t = useT(messages);
  const tc = useT(common);
  const { groups, categories } = useFilterChoices();
  const { filters } = state;
  const set = (key: keyof ViewFilters) => (value: string) => onChange({ ...state, filters: { ...filters, [key]: value || undefined } });

  const staff = useMemo(() => {
    const byId = new Map<number, string>();
    for (const g of groups) for (const m of g.members) byId.set(m.id, m.name);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [groups]);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    set('q')(q);
  };

  return (
    <section className="panel queue-filters" aria-label={t('filters')}>
      <form className="queue-search" role="search" onSubmit={search}>
        <TextField key={filters.q ?? ''} name="q" type="search" label={t('searchLabel')} hint={t('searchHint')} defaultValue={filters.q ?? ''} maxLength={500} />
        <button type="submit" className="btn btn-secondary">
          {tc('search')}
        </button>
      </form>
      <div className="queue-filter-grid">
        <Choice
          label={t('status')}
          value={filters.status}
          any={t('anyStatus')}
          options={[['open', t('openStatuses')], ...TICKET_STATUSES.map((s): Options[number] => [s, tc(`status_${s}`)])]}
          onChange={set('status')}
        />
        <Choice label={t('priority')} value={filters.priority} any={t('anyPriority')} options={PRIORITIES.map((p) => [p, p])} onChange={set('priority')} />
        <Choice label={t('channel')} value={filters.channel} any={t('anyChannel')} options={CHANNELS.map((c) => [c, tc(`channel_${c}`)])} onChange={set('channel')} />
        <Choice label={t('type')} value={filters.type} any={t('anyType')} options={TICKET_TYPES.map((k) => [k, tc(`type_${k}`)])} onChange={set('type')} />
        <Choice
          label={t('group')}
          value={filters.groupId}
          any={t('anyGroup')}
          options={[['mine', t('myGroups')], ['none', t('noGroup')], ...groups.map((g): Options[number] => [String(g.id), g.name])]}
          onChange={set('groupId')}
        />
        <Choice
          label={t('assignee')}
          value={filters.assigneeId}
          any={t('anyone')}
          options={[['me', t('me')], ['none', t('nobody')], ...staff.map(([id, name]): Options[number] => [String(id), name])]}
          onChange={set('assigneeId')}
        />
        <Choice label={t('category')} value={filters.categoryId} any={t('anyCategory')} options={categories.map((c) => [String(c.id), c.path])} onChange={set('categoryId')} />
        <OrganisationPicker value={filters.organisationId} onChange={set('organisationId')} />
        <SlaDueFilter value={filters.slaDueWithin} onChange={set('slaDueWithin')} />
        <SelectField
          label={t('sort')}
          value={state.sort}
          hint={filters.q ? t('sortByRelevance') : undefined}
          disabled={!!filters.q}
          onChange={(e) => onChange({ ...state, sort: e.target.value as QueueState['sort'] })}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort_${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
    </section>
  );
});
