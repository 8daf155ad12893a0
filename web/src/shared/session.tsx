// Who is signed in: read from /auth/me once, refreshed after signing in or out.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, whenSignedOut } from './api';
import { endSession, getMe, type Me } from './session-api';
import type { Permission, Role } from './types';

type Session = {
  me: Me | null;
  ready: boolean;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
  can: (permission: Permission) => boolean;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const m = await getMe();
      setCsrfToken(m.csrfToken);
      setMe(m);
      return m;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      setCsrfToken(null);
      setMe(null);
      return null;
    } finally {
      setReady(true);
    }
  }, []);

  const signOut = useCallback(async () => {
    await endSession().catch(() => undefined);
    setCsrfToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    whenSignedOut(() => {
      setCsrfToken(null);
      setMe(null);
    });
    void refresh().catch(() => setReady(true));
  }, [refresh]);

  const can = useCallback((permission: Permission) => !!me?.permissions.includes(permission), [me]);
  return <SessionContext.Provider value={{ me, ready, refresh, signOut, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Where each person starts: by role for staff, their own page for a customer. */
const roleHome: Record<Role, string> = {
  agent: '/app/search',
  dispatcher: '/app/orders?status=awaiting_dispatch',
  technician: '/app/today',
  provider_admin: '/app/orders',
  follow_up: '/app/orders?status=confirmed',
  manager: '/app/dashboard',
  admin: '/app/dashboard',
};

export function homeOf(me: Me | null): string {
  if (!me) return '/sign-in';
  if (me.kind === 'customer') return '/my';
  return me.user ? roleHome[me.user.role] : '/app/search';
}
