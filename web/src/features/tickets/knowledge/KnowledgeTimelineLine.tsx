// Timeline lines for the knowledge base and problems: an article drafted from the ticket,
// linked in a reply or marked as helpful (or such a mark removed), and the ticket linked
// to or unlinked from a problem. Each names the article or problem with a link to it.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import type { TimelineEvent } from '../api.ts';
import { num, obj, str } from '../components/event-data.ts';
import { knowledgeMessages } from './messages.ts';

const RELATIONS = ['source', 'linked', 'helped'] as const;
type Relation = (typeof RELATIONS)[number];
const isRelation = (v: unknown): v is Relation => (RELATIONS as readonly unknown[]).includes(v);

/** The sentence with its {link} placeholder replaced by the element. */
function withLink(sentence: string, link: ReactNode): ReactNode {
  const at = sentence.indexOf('{link}');
  if (at < 0) return sentence;
  return (
    <>
      {sentence.slice(0, at)}
      {link}
      {sentence.slice(at + '{link}'.length)}
    </>
  );
}

export function KnowledgeTimelineLine({ event }: { event: TimelineEvent }) {
  const t = useT(knowledgeMessages);
  const f = useFormat();
  const d = obj(event.data);
  const who = event.author?.name ?? t('system');
  let sentence: ReactNode;

  if (event.kind === 'article') {
    const id = num(d?.articleId);
    const title = str(d?.title) ?? (id !== null ? `#${id}` : '?');
    const link = id !== null ? <Link to={`/agent/kb/${id}`}>“{title}”</Link> : `“${title}”`;
    const relation = isRelation(d?.relation) ? d.relation : 'linked';
    sentence = withLink(d?.removed === true ? t(`tl_removed_${relation}`) : t(`tl_${relation}`), link);
  } else {
    const id = num(d?.problemId);
    const name = [str(d?.reference) ?? (id !== null ? `PRB-${id}` : null), str(d?.title)].filter(Boolean).join(' · ') || '?';
    const link = id !== null ? <Link to={`/agent/problems/${id}`}>{name}</Link> : name;
    const action = str(d?.action);
    sentence = withLink(t(action === 'linked' ? 'tl_problem_linked' : action === 'unlinked' ? 'tl_problem_unlinked' : 'tl_problem_other'), link);
  }

  return (
    <div className="tl-line">
      <p>
        <span className="tl-author">{who}</span> {sentence}
        {event.internal && <span className="tl-internal-tag"> {t('tl_internal')}</span>}{' '}
        <time dateTime={event.createdAt} className="muted">
          · {f.dateTime(event.createdAt)}
        </time>
      </p>
    </div>
  );
}
