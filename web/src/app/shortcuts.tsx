// Keyboard shortcuts: pages register what a key does while they are shown; "?" lists
// every shortcut in force. Keys typed into a field are left alone (Escape aside).
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { defineMessages, useT } from './i18n.tsx';

export interface Shortcut {
  /** A single key as KeyboardEvent.key gives it ('j', 'R', '?'), or a sequence 'g i'. */
  keys: string;
  /** Shown in the help overlay, already translated. */
  description: string;
  run(): void;
}

const messages = defineMessages({
  en: { title: 'Keyboard shortcuts', close: 'Close', help: 'Show this list', none: 'No shortcut on this page.' },
  fr: { title: 'Raccourcis clavier', close: 'Fermer', help: 'Afficher cette liste', none: 'Aucun raccourci sur cette page.' },
});

interface Registry {
  register(s: Shortcut): () => void;
  list(): Shortcut[];
  openHelp(): void;
}
const Ctx = createContext<Registry | null>(null);

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const t = useT(messages);
  const shortcuts = useRef(new Set<Shortcut>());
  const [helpOpen, setHelpOpen] = useState(false);
  const pending = useRef<{ key: string; at: number } | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelpOpen(true);
        return;
      }
      const now = Date.now();
      const sequence = pending.current && now - pending.current.at < 1000 ? `${pending.current.key} ${e.key}` : null;
      const all = [...shortcuts.current];
      const match = (sequence && all.find((s) => s.keys === sequence)) || all.find((s) => s.keys === e.key);
      if (match) {
        e.preventDefault();
        pending.current = null;
        match.run();
      } else {
        pending.current = { key: e.key, at: now };
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const registry = useMemo<Registry>(
    () => ({
      register(s) {
        shortcuts.current.add(s);
        return () => shortcuts.current.delete(s);
      },
      list: () => [...shortcuts.current],
      openHelp: () => setHelpOpen(true),
    }),
    [],
  );

  const list = helpOpen ? registry.list() : [];
  return (
    <Ctx.Provider value={registry}>
      {children}
      <Dialog open={helpOpen} onClose={() => setHelpOpen(false)} title={t('title')} closeLabel={t('close')}>
        <table className="data">
          <tbody>
            <tr>
              <td><kbd>?</kbd></td>
              <td>{t('help')}</td>
            </tr>
            {list.map((s) => (
              <tr key={s.keys}>
                <td>
                  {s.keys.split(' ').map((k, i) => (
                    <kbd key={i}>{k}</kbd>
                  ))}
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.length === 0 && <p className="muted">{t('none')}</p>}
      </Dialog>
    </Ctx.Provider>
  );
}

/** Registers a shortcut while the calling component is mounted. */
export function useShortcut(keys: string, description: string, run: () => void, enabled = true): void {
  const registry = useContext(Ctx);
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (!registry || !enabled) return;
    return registry.register({ keys, description, run: () => runRef.current() });
  }, [registry, keys, description, enabled]);
}

export function useShortcutHelp(): () => void {
  const registry = useContext(Ctx);
  return () => registry?.openHelp();
}
