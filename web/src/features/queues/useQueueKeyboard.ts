// Selection and keyboard of a queue page: j/k move the selected row, Enter or o opens it,
// a takes it. Opening a ticket leaves the queue's order for the ticket page's "next".
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.tsx';
import { useShortcut } from '../../app/shortcuts.tsx';
import { messages } from './messages.ts';
import { rememberQueue } from './queue-context.ts';
import { rowLinkId, ticketOfRowLink } from './components/TicketTable.tsx';

export function useQueueKeyboard(ids: readonly number[], onTake?: (id: number) => void) {
  const t = useT(messages);
  const navigate = useNavigate();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const idsRef = useRef(ids);
  idsRef.current = ids;
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  const onOpenLink = useCallback(() => rememberQueue(idsRef.current), []);
  const openTicket = useCallback(
    (id: number) => {
      rememberQueue(idsRef.current);
      navigate(`/agent/tickets/${id}`);
    },
    [navigate],
  );

  const move = (delta: number) => {
    const list = idsRef.current;
    if (list.length === 0) return;
    const at = selectedRef.current === null ? -1 : list.indexOf(selectedRef.current);
    const next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    setSelectedId(list[next]);
    // Focus follows the selection: screen readers announce the ticket, and the page scrolls.
    document.getElementById(rowLinkId(list[next]))?.focus();
  };

  const open = () => {
    const active = document.activeElement as HTMLElement | null;
    const onRow = active ? ticketOfRowLink(active.id) : null;
    if (onRow !== null) return openTicket(onRow);
    // The shortcut took Enter from whatever had focus: a button or link still gets its click.
    if (active && active !== document.body && active.matches('a, button, summary, [role="button"]')) return active.click();
    if (selectedRef.current !== null && idsRef.current.includes(selectedRef.current)) openTicket(selectedRef.current);
  };

  useShortcut('j', t('sc_next'), () => move(1));
  useShortcut('k', t('sc_previous'), () => move(-1));
  useShortcut('Enter', t('sc_open'), open);
  useShortcut('o', t('sc_open'), () => {
    if (selectedRef.current !== null) openTicket(selectedRef.current);
  });
  useShortcut(
    'a',
    t('sc_take'),
    () => {
      if (selectedRef.current !== null && onTake) onTake(selectedRef.current);
    },
    !!onTake,
  );

  return { selectedId, select: setSelectedId, onOpenLink };
}
