// A list read from the server, in whichever state it is: the load error, the spinner, the
// empty message or the list itself, then "Load more" while a paged list has more.
import type { ReactNode } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { messages as admin } from '../messages.ts';

/** What the list needs of a TanStack query (plain or infinite). */
interface ListQuery {
  error: unknown;
  isPending: boolean;
  data?: unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?(): Promise<unknown>;
}

export function QueryList({ query, count, empty, children }: { query: ListQuery; count: number; empty: ReactNode; children: ReactNode }) {
  const a = useT(admin);
  const c = useT(common);
  return (
    <>
      <ErrorBanner error={query.error} title={a('loadError')} />
      {query.isPending && <Spinner label={c('loading')} />}
      {query.data !== undefined && count === 0 && <EmptyState>{empty}</EmptyState>}
      {count > 0 && children}
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage?.()} busy={query.isFetchingNextPage}>
          {c('loadMore')}
        </Button>
      )}
    </>
  );
}
