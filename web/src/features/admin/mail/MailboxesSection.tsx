// Mailboxes: the helpdesk addresses, how each receives (SMTP listener or IMAP polling, with
// the last poll and its error), and the forms to add, change or delete one.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useSelection } from '../components/useSelection.ts';
import { messages as admin } from '../messages.ts';
import { useMailboxes, type Mailbox } from './api.ts';
import { EditMailbox, NewMailbox } from './MailboxForms.tsx';
import { messages } from './messages.ts';

export function MailboxesSection() {
  const t = useT(messages);
  const a = useT(admin);
  const f = useFormat();
  const mailboxes = useMailboxes();
  const items = mailboxes.data ?? [];
  const { selectedId, selected, select, notice, created, deleted } = useSelection(items);

  return (
    <section aria-labelledby="mailboxes-heading">
      <h3 id="mailboxes-heading">{t('s_mailboxes')}</h3>
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="stack">
        <div>
          <QueryList query={mailboxes} count={items.length} empty={t('noMailboxes')}>
            <table className="data admin-table" aria-labelledby="mailboxes-heading">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colAddress')}</th>
                  <th scope="col">{t('colReceives')}</th>
                  <th scope="col">{t('colLastPoll')}</th>
                  <th scope="col">{t('colState')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id} className={m.id === selectedId ? 'selected' : undefined}>
                    <td>{m.name}</td>
                    <td>{m.address}</td>
                    <td>{m.imap ? t('imapAt', { host: m.imap.host }) : t('smtpOnly')}</td>
                    <td>
                      <PollState mailbox={m} date={m.lastPolledAt ? f.dateTime(m.lastPolledAt) : null} />
                    </td>
                    <td>{m.active ? a('active') : a('inactive')}</td>
                    <td>
                      <Button className="btn-small" aria-label={t('editMailbox', { name: m.name })} aria-pressed={m.id === selectedId} onClick={() => select(m.id)}>
                        {a('edit')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </QueryList>
        </div>
        <div className="mail-forms">
          <NewMailbox onCreated={created} />
          {selected ? (
            <EditMailbox key={selected.id} mailbox={selected} onDeleted={() => deleted(t('deleted', { name: selected.name }))} />
          ) : (
            <p className="muted">{t('pickOne')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function PollState({ mailbox: m, date }: { mailbox: Mailbox; date: string | null }) {
  const t = useT(messages);
  if (!m.imap) return <span className="muted">—</span>;
  return (
    <>
      {date ?? t('never')}
      {m.lastPollError && <div className="mail-poll-error">{t('pollFailed')}</div>}
    </>
  );
}
