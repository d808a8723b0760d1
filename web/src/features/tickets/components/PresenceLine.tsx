// Who else has this ticket open, and whether they are writing on it.
import type { Presence } from '../../../app/live.tsx';
import { useT } from '../../../app/i18n.tsx';
import { messages } from '../messages.ts';

export function PresenceLine({ others }: { others: Presence[] }) {
  const t = useT(messages);
  // One line per person: typing says more than viewing.
  const byUser = new Map<number, Presence>();
  for (const p of others) {
    const seen = byUser.get(p.userId);
    if (!seen || (seen.state === 'viewing' && p.state === 'typing')) byUser.set(p.userId, p);
  }
  const people = [...byUser.values()];
  return (
    <div className="presence" role="status" aria-live="polite">
      {people.map((p) => (
        <p key={p.userId} className={p.state === 'typing' ? 'presence-typing' : undefined}>
          {p.state === 'typing' ? (p.mode === 'note' ? t('presenceNote', { name: p.name }) : t('presenceReply', { name: p.name })) : t('presenceViewing', { name: p.name })}
        </p>
      ))}
    </div>
  );
}
