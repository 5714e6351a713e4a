// Who signs users in, as the app sees it: Dadly's own accounts (builtin) or Supabase Auth. The
// server says which at start (GET /api/v1/client-config); the session provider only ever talks
// to an AuthBackend. In Supabase mode supabase-js is loaded on demand, so the built-in app does
// not carry it.
import type { Api } from '../api';
import type { ApiClient } from '../api/client';
import { REFRESH_KEY } from '../api/client';
import type { ClientConfig } from '../api/clientConfig';
import { ApiError } from '../api/errors';
import type { Locale } from '../api/types';
import { supabaseBackend, type SupabaseAuth } from './supabaseBackend';

export interface SignupInput {
  email: string;
  password: string;
  display_name: string;
  locale: Locale;
}

/** `confirmEmail`: the account exists but its email must be confirmed before it can sign in. */
export type SignupOutcome = 'signedIn' | 'confirmEmail';

export interface AuthBackend {
  readonly mode: ClientConfig['auth'];
  /** Rejects with an ApiError the forms can show. */
  login(email: string, password: string): Promise<void>;
  signup(input: SignupInput): Promise<SignupOutcome>;
  /** Ends the session here; never rejects. */
  logout(): Promise<void>;
  /**
   * `listener` runs when the session ends elsewhere (another tab signed out, or its refresh was
   * refused: the session tells a sign-out from an expiry); returns an unsubscribe.
   */
  onSignedOut(listener: () => void): () => void;
}

/** Dadly's own accounts: the auth routes of the API, tokens kept by the ApiClient. */
export function builtinBackend(api: Api, client: ApiClient): AuthBackend {
  return {
    mode: 'builtin',
    async login(email, password) {
      await api.login({ email, password });
    },
    async signup(input) {
      await api.signup(input);
      return 'signedIn';
    },
    logout: () => api.logout(),
    onSignedOut(listener) {
      // A logout in another tab, or a refresh refused there, removes the stored refresh token.
      const onStorage = (event: StorageEvent) => {
        if (event.key === REFRESH_KEY && event.newValue === null) {
          client.dropAccessToken();
          listener();
        }
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

/** Supabase mode that cannot work (no anon key, supabase-js failed to load): nobody signs in. */
function unconfiguredBackend(): AuthBackend {
  const refuse = () => Promise.reject(new ApiError({ status: 503, code: 'unavailable' }));
  return {
    mode: 'supabase',
    login: refuse,
    signup: refuse,
    logout: () => Promise.resolve(),
    onSignedOut: () => () => undefined,
  };
}

export interface BackendDeps {
  /** Makes supabase-js's auth client; replaced in tests. */
  supabaseAuth?: (url: string, anonKey: string) => Promise<SupabaseAuth>;
}

const loadSupabaseAuth = async (url: string, anonKey: string) =>
  (await import('./supabaseClient')).createSupabaseAuth(url, anonKey);

/**
 * The backend the server's config asks for. In Supabase mode the ApiClient takes its bearer
 * tokens from the Supabase session from now on.
 */
export async function createAuthBackend(
  config: ClientConfig,
  client: ApiClient,
  api: Api,
  deps: BackendDeps = {},
): Promise<AuthBackend> {
  if (config.auth !== 'supabase') return builtinBackend(api, client);
  if (!config.supabase_url || !config.supabase_anon_key) return unconfiguredBackend();
  let auth: SupabaseAuth;
  try {
    auth = await (deps.supabaseAuth ?? loadSupabaseAuth)(config.supabase_url, config.supabase_anon_key);
  } catch (error) {
    console.error('cannot start Supabase Auth', error);
    return unconfiguredBackend();
  }
  const backend = supabaseBackend(auth);
  client.useTokenSource(backend.tokens);
  return backend;
}
