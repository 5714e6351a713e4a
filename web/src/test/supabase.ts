// A stand-in for supabase-js's auth client, for unit tests: a real Supabase project is not
// reachable here. Signing in (or refreshing) makes the session `sb-access-<n>`.
import { vi } from 'vitest';
import { SUPABASE_STORAGE_KEY, type SupabaseAuth } from '../auth/supabaseBackend';

export function authError(code: string, status: number, name = 'AuthApiError') {
  return Object.assign(new Error(code), { name, code, status, __isAuthError: true });
}

/** A stand-in for supabase-js's auth client: sessions are `sb-access-<n>`. */
export function fakeSupabase() {
  let n = 0;
  let session: { access_token: string } | null = null;
  const signIn = () => {
    n += 1;
    session = { access_token: `sb-access-${n}` };
    localStorage.setItem(SUPABASE_STORAGE_KEY, JSON.stringify(session));
  };
  const auth = {
    signInWithPassword: vi.fn(async ({ password }: { email: string; password: string }) => {
      if (password !== 'a long password') {
        return { data: { user: null, session: null }, error: authError('invalid_credentials', 400) };
      }
      signIn();
      return { data: { user: {}, session }, error: null };
    }),
    signUp: vi.fn(async () => ({ data: { user: {}, session: null }, error: null })),
    signOut: vi.fn(async () => {
      session = null;
      localStorage.removeItem(SUPABASE_STORAGE_KEY);
      return { error: null };
    }),
    getSession: vi.fn(async () => ({ data: { session }, error: null })),
    refreshSession: vi.fn(async () => {
      signIn();
      return { data: { user: {}, session }, error: null };
    }),
    onAuthStateChange: vi.fn(() => ({ data: { subscription: { unsubscribe: vi.fn() } } })),
  };
  return { auth, asSupabase: auth as unknown as SupabaseAuth };
}
