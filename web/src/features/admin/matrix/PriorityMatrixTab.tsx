// The priority matrix: impact (rows) × urgency (columns) → P1..P5, saved as a whole.
import { useState } from 'react';
import { PRIORITIES } from '../../../../../common/enums.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { useAdminMutation, usePriorityMatrix } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { messages as admin } from '../messages.ts';
import { messages } from './messages.ts';

const LEVELS = [1, 2, 3, 4] as const;

export function PriorityMatrixTab() {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const loaded = usePriorityMatrix();
  const [draft, setDraft] = useState<number[][] | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAdminMutation(['matrix'], (matrix: number[][]) => api.put<{ matrix: number[][] }>('/settings/priority-matrix', { matrix }));
  const current = loaded.data;
  const matrix = draft ?? current;
  const changes = current && draft ? LEVELS.flatMap((i) => LEVELS.filter((u) => draft[i - 1][u - 1] !== current[i - 1][u - 1])).length : 0;

  const setCell = (impact: number, urgency: number, value: number) => {
    setSaved(false);
    setDraft((matrix ?? []).map((row, i) => (i === impact - 1 ? row.map((v, u) => (u === urgency - 1 ? value : v)) : row)));
  };

  async function submit() {
    if (!draft) return;
    setSaved(false);
    const r = await save.mutateAsync(draft).catch(() => null);
    if (!r) return;
    setDraft(null);
    setSaved(true);
  }

  return (
    <section aria-labelledby="matrix-heading">
      <h2 id="matrix-heading">{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>
      <ErrorBanner error={loaded.error} title={a('loadError')} />
      {loaded.isPending && <Spinner label={c('loading')} />}
      {matrix && current && (
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <table className="data matrix-table">
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <td>
                  <span className="muted">{t('impactUrgency')}</span>
                </td>
                {LEVELS.map((u) => (
                  <th key={u} scope="col">
                    {t('urgency', { level: c(`level_${u}`) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {LEVELS.map((i) => (
                <tr key={i}>
                  <th scope="row">{t('impact', { level: c(`level_${i}`) })}</th>
                  {LEVELS.map((u) => (
                    <td key={u} className={matrix[i - 1][u - 1] !== current[i - 1][u - 1] ? 'changed' : undefined}>
                      <select
                        aria-label={t('cell', { impact: c(`level_${i}`), urgency: c(`level_${u}`) })}
                        value={matrix[i - 1][u - 1]}
                        onChange={(e) => setCell(i, u, Number(e.target.value))}
                      >
                        {PRIORITIES.map((p, index) => (
                          <option key={p} value={index + 1}>
                            {p}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <FormStatus error={save.error} success={saved ? t('saved') : null} />
          <div className="admin-form-actions">
            <Button variant="primary" type="submit" busy={save.isPending} disabled={changes === 0}>
              {t('save')}
            </Button>
            <Button onClick={() => setDraft(null)} disabled={changes === 0}>
              {t('reset')}
            </Button>
            {changes > 0 && <span className="muted">{t.plural('unsaved', changes)}</span>}
          </div>
        </form>
      )}
    </section>
  );
}
