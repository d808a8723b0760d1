// Linking more incidents: ticket ids or links to ticket pages, several at once.
import { useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useLinkIncidents } from '../api.ts';
import { messages } from '../messages.ts';
import { parseTicketRefs } from '../ticket-refs.ts';

export function LinkIncidentsForm({ problemId }: { problemId: number }) {
  const t = useT(messages);
  const link = useLinkIncidents(problemId);
  const [text, setText] = useState('');
  const [linked, setLinked] = useState<number | null>(null);
  const refs = parseTicketRefs(text);
  const refsError = refs.invalid.length ? t('badTicketRefs', { refs: refs.invalid.join(', ') }) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (refsError || refs.ids.length === 0) return;
    setLinked(null);
    link.mutate(refs.ids, {
      onSuccess: () => {
        setLinked(refs.ids.length);
        setText('');
      },
    });
  }

  return (
    <form className="problem-link-form" onSubmit={submit}>
      <TextField
        label={t('linkIncidents')}
        hint={t('incidentsHint')}
        error={refsError}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setLinked(null);
        }}
      />
      <Button type="submit" busy={link.isPending} disabled={refs.ids.length === 0 || !!refsError}>
        {t('link')}
      </Button>
      {linked !== null && <Notice tone="success">{t.plural('linkedCount', linked)}</Notice>}
      <ErrorBanner error={link.error} />
    </form>
  );
}
