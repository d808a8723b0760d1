// Who is signed in. The session is the httpOnly cookie; this only mirrors /auth/me. When a
// request meets a 401 (session expired or revoked), the user is sent to the sign-in page
// with a note, and brought back to where they were after signing in again.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../common/schemas/auth.ts';
import { api, ApiError, onSessionExpired } from './api-client.ts';

export type { Me };

interface SessionContext {
  me: Me | null;
  loading: boolean;
  expired: boolean;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}
const Ctx = createContext<SessionContext | null>(null);

export function isStaff(me: Me | null): boolean {
  return !!me && me.roles.some((r) => r === 'agent' || r === 'supervisor' || r === 'admin');
}
export function hasRole(me: Me | null, role: Me['roles'][number]): boolean {
  return !!me && me.roles.includes(role);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api
      .get<Me>('/auth/me')
      .then(setMe)
      .catch((err) => {
        if (!(err instanceof ApiError && err.status === 401)) console.error(err);
      })
      .finally(() => setLoading(false));
  }, []);

  useEffect(
    () =>
      onSessionExpired(() => {
        setMe((current) => {
          if (current) setExpired(true);
          return null;
        });
        queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const user = await api.post<Me>('/auth/login', { email, password });
    setExpired(false);
    setMe(user);
    return user;
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    queryClient.clear();
    setExpired(false);
    setMe(null);
  }, [queryClient]);

  const value = useMemo(() => ({ me, loading, expired, signIn, signOut }), [me, loading, expired, signIn, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user, inside pages that are only reachable signed in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe while signed out');
  return me;
}
