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

// Whether this browser holds a session, as far as the console knows: a console that has not signed
// in here has nothing to ask /auth/me about, and asking would only log a 401 before every sign-in.
// The session cookie itself is httpOnly, so the console keeps its own mark beside it.
const hintKey = 'aftercare.signedIn';
function hint(on: boolean | undefined): boolean {
  try {
    if (on === true) localStorage.setItem(hintKey, '1');
    if (on === false) localStorage.removeItem(hintKey);
    return localStorage.getItem(hintKey) === '1';
  } catch {
    return true; // No storage (a locked-down browser): ask, as before.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const m = await getMe();
      setCsrfToken(m.csrfToken);
      setMe(m);
      hint(true);
      return m;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      hint(false);
      setCsrfToken(null);
      setMe(null);
      return null;
    } finally {
      setReady(true);
    }
  }, []);

  const signOut = useCallback(async () => {
    await endSession().catch(() => undefined);
    hint(false);
    setCsrfToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    whenSignedOut(() => {
      hint(false);
      setCsrfToken(null);
      setMe(null);
    });
    if (!hint(undefined)) {
      setReady(true);
      return;
    }
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
  agent: '/app/workspace',
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
