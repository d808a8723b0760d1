// Which columns the table shows. The title always stays: it is the link to the ticket.
import { memo, useEffect, useRef } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { messages } from '../messages.ts';
import { COLUMNS, type ViewColumn } from '../queue-state.ts';

export const ColumnPicker = memo(function ColumnPicker({ columns, onChange }: { columns: ViewColumn[]; onChange(next: ViewColumn[]): void }) {
  const t = useT(messages);
  const ref = useRef<HTMLDetailsElement>(null);
  const toggle = (column: ViewColumn, on: boolean) => onChange(COLUMNS.filter((c) => (c === column ? on : columns.includes(c))));

  // A pop-over closes on a click elsewhere or on Escape, as menus do.
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) {
        d.open = false;
        if (e instanceof KeyboardEvent) d.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  return (
    <details className="queue-columns" ref={ref}>
      <summary className="btn btn-secondary">{t('columns')}</summary>
      <fieldset>
        <legend>{t('columnsLegend')}</legend>
        {COLUMNS.map((c) => (
          <label key={c} className="checkbox">
            <input type="checkbox" checked={columns.includes(c)} disabled={c === 'title'} onChange={(e) => toggle(c, e.target.checked)} />
            {t(`col_${c}`)}
          </label>
        ))}
      </fieldset>
    </details>
  );
});
