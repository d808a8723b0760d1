// "Take" (assign to me) from a queue row or the a shortcut, with its outcome announced.
import { useCallback, useState } from 'react';
import { useT } from '../../app/i18n.tsx';
import { useTakeTicket } from './api.ts';
import { messages } from './messages.ts';

export function useTake() {
  const t = useT(messages);
  const mutation = useTakeTicket();
  const [notice, setNotice] = useState<string | null>(null);
  const { mutate } = mutation;
  const run = useCallback(
    (id: number) => {
      setNotice(null);
      mutate(id, { onSuccess: (ticket) => setNotice(t('taken', { reference: ticket.reference })) });
    },
    [mutate, t],
  );
  return { run, takingId: mutation.isPending ? (mutation.variables ?? null) : null, error: mutation.error, notice };
}
