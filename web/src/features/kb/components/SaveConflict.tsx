// Shown when saving met someone else's newer version (409): who saved what and when, and
// the two ways out — load their version, or save mine over it.
import { useEffect, useRef } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import type { Article, ArticleVersionSummary } from '../api.ts';
import { editorMessages } from '../editor-messages.ts';

export interface Conflict {
  current: Article;
  latest: ArticleVersionSummary | null;
}

export function SaveConflict({ conflict, busy, onReload, onKeepMine }: { conflict: Conflict; busy: boolean; onReload(): void; onKeepMine(): void }) {
  const t = useT(editorMessages);
  const f = useFormat();
  const { current, latest } = conflict;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [conflict]);
  return (
    <div ref={box} className="banner banner-warning kb-conflict" role="alert">
      <p>
        <strong>{t('conflictTitle')}</strong>
      </p>
      <p>
        {latest
          ? t('conflictDetail', { name: latest.authorName ?? t('someone'), version: current.version, time: f.dateTime(latest.createdAt) })
          : t('conflictDetailUnknown', { version: current.version })}
      </p>
      <div className="row">
        <Button onClick={onReload} disabled={busy}>
          {t('conflictReload')}
        </Button>
        <Button variant="primary" onClick={onKeepMine} busy={busy}>
          {t('conflictKeep', { version: current.version })}
        </Button>
        <a href={`/agent/kb/${current.id}`} target="_blank" rel="noopener">
          {t('conflictSee')}
        </a>
      </div>
    </div>
  );
}
