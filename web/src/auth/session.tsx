// The signed-in user, their families and the chosen family, for the whole app. It restores
// a session on load (from the stored refresh token, or Supabase's stored session) and notices
// when the session ends (token refused, or a logout in another tab). Signing in, up and out go
// through the AuthBackend the server's config chose (Dadly's own accounts by default).
// It also decides whose unsaved drafts this tab keeps (src/lib/drafts.ts): only the signed-in
// user's, and none past a sign-out, whichever tab it happened in; an expired session keeps them.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, apiClient } from '../api';
import type { FamilySummary, Me } from '../api/types';
import { forgetDrafts } from '../lib/drafts';
import { builtinBackend, type AuthBackend, type SignupInput, type SignupOutcome } from './backend';

const FAMILY_KEY = 'dadly.family';

/**
 * Set, to a new value each time, when the user signs out on purpose. An expiry removes the
 * stored session just as a sign-out does, so this is how other tabs tell the two apart.
 */
export const SIGNED_OUT_KEY = 'dadly.signed_out';

function markSignOut(): void {
  try {
    localStorage.setItem(SIGNED_OUT_KEY, `${Date.now()}.${Math.random().toString(36).slice(2)}`);
  } catch {
    // Storage blocked: other tabs take the sign-out for an expiry, as before the mark.
  }
}

const lastSignOut = (): string | null => localStorage.getItem(SIGNED_OUT_KEY);

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'signedOut' }
  | { status: 'ready'; me: Me }
  | { status: 'error'; error: unknown };

export interface SessionValue {
  state: SessionState;
  me: Me | null;
  family: FamilySummary | null;
  /** `builtin` or `supabase`: who signs users in. */
  authMode: AuthBackend['mode'];
  login(email: string, password: string): Promise<void>;
  signup(input: SignupInput): Promise<SignupOutcome>;
  logout(): Promise<void>;
  reloadMe(): Promise<Me>;
  selectFamily(id: string): void;
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

const BUILTIN = builtinBackend(api, apiClient);

export function SessionProvider({ children, backend = BUILTIN }: { children: ReactNode; backend?: AuthBackend }) {
  const [state, setState] = useState<SessionState>(() =>
    apiClient.hasSession() ? { status: 'loading' } : { status: 'anonymous', reason: 'none' },
  );
  const [familyId, setFamilyId] = useState<string | null>(() => localStorage.getItem(FAMILY_KEY));
  // The sign-out mark when this tab's session began: another one now means a sign-out since.
  const signOutSeen = useRef(lastSignOut());
  const beginSession = useCallback(() => {
    signOutSeen.current = lastSignOut();
  }, []);

  const load = useCallback(async () => {
    const me = await api.me();
    // Drafts kept through an expired session are only ever for the account that wrote them.
    forgetDrafts(me.user.id);
    setState({ status: 'ready', me });
    return me;
  }, []);

  const restore = useCallback(() => {
    if (!apiClient.hasSession()) return;
    beginSession();
    setState({ status: 'loading' });
    load().catch((error: unknown) => {
      // An ended session is reported through onSessionExpired; anything else can be retried.
      if (apiClient.hasSession()) setState({ status: 'error', error });
    });
  }, [load, beginSession]);

  useEffect(restore, [restore]);

  useEffect(() => {
    // The session ended other than by a sign-out in this tab: its refresh was refused here or in
    // another tab, or another tab signed out. sessionStorage is per tab, so a sign-out's drafts
    // go here too; an expiry (even one that missed a sign-out, frozen meanwhile, finds the mark)
    // keeps them for their writer, whom load() checks at the next sign-in.
    const ended = () => {
      if (lastSignOut() !== signOutSeen.current) {
        forgetDrafts();
        setState({ status: 'anonymous', reason: 'signedOut' });
      } else {
        setState({ status: 'anonymous', reason: 'expired' });
      }
    };
    const stopExpired = apiClient.onSessionExpired(() => {
      apiClient.clearSession();
      ended();
    });
    const stopSignedOut = backend.onSignedOut(ended);
    // This tab missed a sign-out (it was frozen or in the back-forward cache) and now holds
    // another account's session: nothing shown or written for the previous one may stay.
    const stopChanged = apiClient.onAccountChanged(() => {
      forgetDrafts();
      restore();
    });
    return () => {
      stopExpired();
      stopSignedOut();
      stopChanged();
    };
  }, [backend, restore]);

  const value = useMemo<SessionValue>(() => {
    const me = state.status === 'ready' ? state.me : null;
    const families = me?.families ?? [];
    const family = families.find((f) => f.id === familyId) ?? families[0] ?? null;
    return {
      state,
      me,
      family,
      authMode: backend.mode,
      async login(email, password) {
        beginSession();
        await backend.login(email, password);
        await load();
      },
      async signup(input) {
        beginSession();
        const outcome = await backend.signup(input);
        if (outcome === 'signedIn') await load();
        return outcome;
      },
      async logout() {
        // Marked before the stored session goes, so other tabs find the mark when they see it gone.
        markSignOut();
        await backend.logout();
        forgetDrafts();
        setState({ status: 'anonymous', reason: 'signedOut' });
      },
      reloadMe: load,
      selectFamily(id) {
        localStorage.setItem(FAMILY_KEY, id);
        setFamilyId(id);
      },
      retry: restore,
    };
  }, [state, familyId, load, restore, backend, beginSession]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
