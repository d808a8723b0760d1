// Every screen and its URL. Feature pages are loaded on demand (one chunk each), so the
// first load carries only the shell, the sign-in page and the landing queue.
import { createBrowserRouter, Navigate } from 'react-router';
import { AgentLayout } from './layouts/AgentLayout.tsx';
import { PortalLayout } from './layouts/PortalLayout.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { HomeRedirect, NotFoundPage } from '../features/auth/HomeRedirect.tsx';

export const router = createBrowserRouter([
  { path: '/', Component: HomeRedirect },
  { path: '/login', Component: LoginPage },
  {
    path: '/agent',
    Component: AgentLayout,
    children: [
      { index: true, element: <Navigate to="/agent/queues/work" replace /> },
      { path: 'queues/:queue', lazy: () => import('../features/queues/QueuePage.tsx').then((m) => ({ Component: m.QueuePage })) },
      { path: 'tickets/:id', lazy: () => import('../features/tickets/TicketPage.tsx').then((m) => ({ Component: m.TicketPage })) },
      { path: 'phone', lazy: () => import('../features/phone/PhoneCallPage.tsx').then((m) => ({ Component: m.PhoneCallPage })) },
      { path: 'on-duty', lazy: () => import('../features/oncall/OnDutyPage.tsx').then((m) => ({ Component: m.OnDutyPage })) },
      { path: 'kb', lazy: () => import('../features/kb/KbListPage.tsx').then((m) => ({ Component: m.KbListPage })) },
      { path: 'kb/new', lazy: () => import('../features/kb/ArticleEditPage.tsx').then((m) => ({ Component: m.ArticleEditPage })) },
      { path: 'kb/:id', lazy: () => import('../features/kb/ArticlePage.tsx').then((m) => ({ Component: m.ArticlePage })) },
      { path: 'kb/:id/edit', lazy: () => import('../features/kb/ArticleEditPage.tsx').then((m) => ({ Component: m.ArticleEditPage })) },
      { path: 'problems', lazy: () => import('../features/problems/ProblemsPage.tsx').then((m) => ({ Component: m.ProblemsPage })) },
      { path: 'problems/candidates', lazy: () => import('../features/problems/CandidatesPage.tsx').then((m) => ({ Component: m.CandidatesPage })) },
      { path: 'problems/:id', lazy: () => import('../features/problems/ProblemPage.tsx').then((m) => ({ Component: m.ProblemPage })) },
      { path: 'supervisor', lazy: () => import('../features/supervisor/SupervisorPage.tsx').then((m) => ({ Component: m.SupervisorPage })) },
      { path: 'account', lazy: () => import('../features/account/AccountPage.tsx').then((m) => ({ Component: m.AccountPage })) },
      { path: 'admin/*', lazy: () => import('../features/admin/AdminPage.tsx').then((m) => ({ Component: m.AdminPage })) },
      { path: '*', Component: NotFoundPage },
    ],
  },
  {
    path: '/portal',
    Component: PortalLayout,
    children: [
      { index: true, lazy: () => import('../features/portal/PortalHomePage.tsx').then((m) => ({ Component: m.PortalHomePage })) },
      { path: 'new', lazy: () => import('../features/portal/NewRequestPage.tsx').then((m) => ({ Component: m.NewRequestPage })) },
      { path: 'account', lazy: () => import('../features/account/AccountPage.tsx').then((m) => ({ Component: m.AccountPage })) },
      { path: 'tickets/:id', lazy: () => import('../features/portal/PortalTicketPage.tsx').then((m) => ({ Component: m.PortalTicketPage })) },
      { path: '*', Component: NotFoundPage },
    ],
  },
  {
    // The public help centre: open to anonymous visitors (public articles for every
    // organisation) and to signed-in requesters (their organisation's too).
    path: '/help',
    lazy: () => import('../features/help/HelpLayout.tsx').then((m) => ({ Component: m.HelpLayout })),
    children: [
      { index: true, lazy: () => import('../features/help/HelpHomePage.tsx').then((m) => ({ Component: m.HelpHomePage })) },
      { path: 'articles/:id', lazy: () => import('../features/help/HelpArticlePage.tsx').then((m) => ({ Component: m.HelpArticlePage })) },
      { path: '*', Component: NotFoundPage },
    ],
  },
  { path: '*', Component: NotFoundPage },
]);
