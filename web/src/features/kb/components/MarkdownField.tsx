// The article text: a Markdown textarea and a Preview tab that the server renders
// (POST /kb/preview, the same renderer and sanitiser as the saved article).
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { renderPreview } from '../api.ts';
import { editorMessages } from '../editor-messages.ts';

type Tab = 'write' | 'preview';

export function MarkdownField({ value, onChange, error, lang }: { value: string; onChange(v: string): void; error: string | null; lang: string }) {
  const t = useT(editorMessages);
  const id = useId();
  const [tab, setTab] = useState<Tab>('write');
  const [preview, setPreview] = useState<{ source: string; html: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const tabs = useRef<Record<Tab, HTMLButtonElement | null>>({ write: null, preview: null });

  async function show(next: Tab) {
    setTab(next);
    if (next !== 'preview' || !value.trim() || preview?.source === value) return;
    setLoading(true);
    setFailure(null);
    try {
      const r = await renderPreview(value);
      setPreview({ source: value, html: r.html });
    } catch (err) {
      setFailure(err);
    } finally {
      setLoading(false);
    }
  }

  // Arrow keys move between the two tabs (the ARIA tabs pattern).
  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const next: Tab = tab === 'write' ? 'preview' : 'write';
    void show(next);
    tabs.current[next]?.focus();
  }

  const tabButton = (name: Tab) => (
    <button
      ref={(el) => {
        tabs.current[name] = el;
      }}
      type="button"
      role="tab"
      id={`${id}-${name}-tab`}
      aria-selected={tab === name}
      aria-controls={`${id}-${name}`}
      tabIndex={tab === name ? 0 : -1}
      className={`kb-tab${tab === name ? ' is-active' : ''}`}
      onClick={() => void show(name)}
    >
      {t(name)}
    </button>
  );

  return (
    <div className="kb-markdown">
      <div role="tablist" aria-label={t('editorTabs')} className="kb-tablist" onKeyDown={onKeyDown}>
        {tabButton('write')}
        {tabButton('preview')}
      </div>
      <div role="tabpanel" id={`${id}-write`} aria-labelledby={`${id}-write-tab`} hidden={tab !== 'write'}>
        <TextArea label={t('body')} hint={t('bodyHint')} error={error} rows={18} value={value} spellCheck lang={lang} className="kb-source" onChange={(e) => onChange(e.target.value)} />
      </div>
      <div role="tabpanel" id={`${id}-preview`} aria-labelledby={`${id}-preview-tab`} hidden={tab !== 'preview'} tabIndex={0} className="kb-preview">
        {tab === 'preview' &&
          (loading ? (
            <Spinner label={t('previewLoading')} />
          ) : failure ? (
            <ErrorBanner error={failure} />
          ) : !value.trim() ? (
            <p className="muted">{t('previewEmpty')}</p>
          ) : (
            // Rendered and sanitised by the server.
            preview && <div className="kb-body" lang={lang} dangerouslySetInnerHTML={{ __html: preview.html }} />
          ))}
      </div>
    </div>
  );
}
