import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { I18nProvider } from './i18n.tsx';
import { SessionProvider } from './session.tsx';
import { LiveProvider } from './live.tsx';
import { ShortcutsProvider } from './shortcuts.tsx';
import { router } from './router.tsx';
import { ApiError } from './api-client.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live updates invalidate what changed; no refetch on every focus.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <LiveProvider>
            <ShortcutsProvider>
              <RouterProvider router={router} />
            </ShortcutsProvider>
          </LiveProvider>
        </SessionProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
