// Signing in through Supabase Auth (email and password). supabase-js holds the session and
// refreshes it; the API client asks it for the current access token. Supabase's errors become
// ApiErrors, so the forms show them like the server's own.
import type { AuthError, SupabaseClient } from '@supabase/supabase-js';
import type { TokenSource } from '../api/client';
import { ApiError } from '../api/errors';
import type { AuthBackend } from './backend';

/** The part of supabase-js's auth client the app uses. */
export type SupabaseAuth = Pick<
  SupabaseClient['auth'],
  'signInWithPassword' | 'signUp' | 'signOut' | 'getSession' | 'refreshSession' | 'onAuthStateChange'
>;

export const SUPABASE_STORAGE_KEY = 'dadly.supabase.auth';

export interface SupabaseBackend extends AuthBackend {
  readonly tokens: TokenSource;
}

/** Supabase could not be reached (or answered 502-504): the session is not over. */
function isNetworkError(error: AuthError): boolean {
  return error.name === 'AuthRetryableFetchError';
}

/** Supabase Auth's failure as an ApiError with the code the app knows. */
export function fromAuthError(error: AuthError): ApiError {
  const detail = error.message;
  if (isNetworkError(error)) return ApiError.network(error);
  switch (error.code) {
    case 'invalid_credentials':
      return new ApiError({ status: 401, code: 'unauthenticated', detail });
    case 'email_not_confirmed':
      return new ApiError({ status: 403, code: 'email_not_confirmed', detail });
    case 'user_already_exists':
    case 'email_exists':
      return new ApiError({ status: 409, code: 'conflict', detail });
    case 'weak_password':
      return new ApiError({
        status: 400, code: 'validation_failed', detail,
        fieldErrors: [{ field: 'password', message: detail }],
      });
    case 'email_address_invalid':
      return new ApiError({
        status: 400, code: 'validation_failed', detail,
        fieldErrors: [{ field: 'email', message: detail }],
      });
    case 'over_request_rate_limit':
    case 'over_email_send_rate_limit':
      return new ApiError({ status: 429, code: 'rate_limited', detail });
    case 'signup_disabled':
    case 'email_provider_disabled':
      return new ApiError({ status: 403, code: 'forbidden', detail });
    default:
      if (error.status !== undefined && error.status >= 500) {
        return new ApiError({ status: error.status, code: 'unavailable', detail });
      }
      return new ApiError({ status: error.status ?? 400, code: 'unknown', detail });
  }
}

export function supabaseBackend(auth: SupabaseAuth, storage: Storage = globalThis.localStorage): SupabaseBackend {
  let inflightRefresh: Promise<boolean> | null = null;

  const tokens: TokenSource = {
    async accessToken() {
      const { data, error } = await auth.getSession();
      if (error && isNetworkError(error)) throw ApiError.network(error);
      return data.session?.access_token ?? null;
    },
    refresh() {
      // Many requests refused at once share one refresh.
      inflightRefresh ??= auth
        .refreshSession()
        .then(({ data, error }) => {
          if (error && isNetworkError(error)) throw ApiError.network(error);
          return !error && data.session !== null;
        })
        .finally(() => {
          inflightRefresh = null;
        });
      return inflightRefresh;
    },
    hasSession: () => storage.getItem(SUPABASE_STORAGE_KEY) !== null,
  };

  return {
    mode: 'supabase',
    tokens,
    async login(email, password) {
      const { error } = await auth.signInWithPassword({ email, password });
      if (error) throw fromAuthError(error);
    },
    async signup({ email, password, display_name, locale }) {
      // Dadly names the user from `user_metadata.full_name` when it first sees their token.
      const { data, error } = await auth.signUp({
        email,
        password,
        options: { data: { full_name: display_name, locale } },
      });
      if (error) throw fromAuthError(error);
      return data.session ? 'signedIn' : 'confirmEmail';
    },
    async logout() {
      await auth.signOut({ scope: 'local' }).catch(() => undefined);
    },
    onSignedOut(listener) {
      const { data } = auth.onAuthStateChange((event) => {
        if (event === 'SIGNED_OUT') listener();
      });
      return () => data.subscription.unsubscribe();
    },
  };
}
