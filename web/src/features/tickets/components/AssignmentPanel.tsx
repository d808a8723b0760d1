// Who works on the ticket: a group and one of its members, or "take it" in one click.
import { useState, type FormEvent } from 'react';
import type { Ticket } from '../api.ts';
import { useGroups, useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useMe } from '../../../app/session.tsx';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { panelMessages } from '../panel-messages.ts';

interface Target {
  groupId: number | null;
  assigneeId: number | null;
}

export function AssignmentPanel({ ticket }: { ticket: Ticket }) {
  const t = useT(panelMessages);
  const c = useT(common);
  const me = useMe();
  const groups = useGroups();
  const current: Target = { groupId: ticket.group?.id ?? null, assigneeId: ticket.assignee?.id ?? null };
  const [target, setTarget] = useState<Target>(current);
  const signature = `${current.groupId}|${current.assigneeId}`;
  const [seen, setSeen] = useState(signature);
  if (seen !== signature) {
    setSeen(signature);
    setTarget(current);
  }
  const assign = useTicketAction(ticket.id, (body: Partial<Target>) => api.post<Ticket>(`/tickets/${ticket.id}/assign`, body));

  const open = ['new', 'assigned', 'in_progress', 'pending'].includes(ticket.status);
  const group = groups.data?.find((g) => g.id === target.groupId);
  // Members of the chosen group; without a group, every member of any group.
  const agents = group ? group.members : [...new Map((groups.data ?? []).flatMap((g) => g.members).map((m) => [m.id, m])).values()];

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: Partial<Target> = {};
    if (target.groupId !== current.groupId) body.groupId = target.groupId;
    if (target.assigneeId !== current.assigneeId) body.assigneeId = target.assigneeId;
    if (Object.keys(body).length) assign.mutate(body);
  }

  return (
    <section className="panel" aria-labelledby="ticket-assign-title">
      <h2 id="ticket-assign-title">{t('a_title')}</h2>
      {!open && <p className="muted">{t('a_notOpen')}</p>}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!open} className="plain-fieldset">
          <SelectField
            label={t('a_group')}
            value={target.groupId ?? ''}
            onChange={(e) => {
              const groupId = e.target.value ? Number(e.target.value) : null;
              const members = groups.data?.find((g) => g.id === groupId)?.members ?? [];
              // Keep the agent only if they belong to the new group.
              setTarget((t0) => ({ groupId, assigneeId: groupId === null || members.some((m) => m.id === t0.assigneeId) ? t0.assigneeId : null }));
            }}
          >
            <option value="">{t('a_noGroup')}</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {c('tier', { tier: g.tier })} · {g.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('a_agent')} value={target.assigneeId ?? ''} onChange={(e) => setTarget((t0) => ({ ...t0, assigneeId: e.target.value ? Number(e.target.value) : null }))}>
            <option value="">{c('unassigned')}</option>
            {agents.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <ErrorBanner error={groups.error ?? assign.error} />
          <div className="row">
            <Button type="submit" busy={assign.isPending} disabled={target.groupId === current.groupId && target.assigneeId === current.assigneeId}>
              {t('a_assign')}
            </Button>
            <Button variant="primary" busy={assign.isPending} disabled={ticket.assignee?.id === me.id} onClick={() => assign.mutate({})}>
              {ticket.assignee?.id === me.id ? t('a_yours') : t('a_take')}
            </Button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
