// The requester's home: their requests (or their organisation's, for its manager), newest
// activity first, and the way to make a new one.
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../app/session.tsx';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useMyTickets, type PortalScope } from './api.ts';
import { portalMessages } from './messages.ts';
import { TicketCards } from './components/TicketCards.tsx';
import './portal.css';

export function PortalHomePage() {
  const t = useT(portalMessages);
  const c = useT(common);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const isManager = me.isOrgManager && me.organisationId !== null;
  const scope: PortalScope = isManager && params.get('show') === 'organisation' ? 'organisation' : 'mine';
  const list = useMyTickets(scope, me.id);
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="portal">
      <div className="portal-head">
        <h1>{t('homeTitle')}</h1>
        <Link to="/portal/new" className="btn btn-primary portal-cta">
          {t('newRequest')}
        </Link>
      </div>
      {isManager && (
        <fieldset className="portal-switch">
          <legend className="visually-hidden">{t('scopeLegend')}</legend>
          {(['mine', 'organisation'] as const).map((s) => (
            <label key={s} className={scope === s ? 'is-on' : undefined}>
              <input
                type="radio"
                name="portal-scope"
                value={s}
                checked={scope === s}
                onChange={() => setParams(s === 'mine' ? {} : { show: s }, { replace: true })}
              />
              {t(s === 'mine' ? 'scopeMine' : 'scopeOrganisation')}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorBanner error={list.error} />
      {list.isPending ? (
        <Spinner label={c('loading')} />
      ) : tickets.length === 0 && !list.error ? (
        <div className="panel">
          <EmptyState>{t(scope === 'mine' ? 'emptyMine' : 'emptyOrganisation')}</EmptyState>
        </div>
      ) : (
        <TicketCards tickets={tickets} showRequester={scope === 'organisation'} />
      )}
      {list.hasNextPage && (
        <Button className="portal-wide" busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {c('loadMore')}
        </Button>
      )}
    </div>
  );
}
