// The app chooses who signs users in from GET /api/v1/client-config: Dadly's own accounts, or
// Supabase Auth (here a fake of supabase-js's auth client; a real project is not reachable in
// tests), whose session then supplies every bearer token.
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client';
import { loadClientConfig } from '../api/clientConfig';
import { createApi } from '../api/endpoints';
import { ApiError } from '../api/errors';
import { authBody, json, problem, scriptedFetch } from '../test/http';
import { authError, fakeSupabase } from '../test/supabase';
import { createAuthBackend } from './backend';

const me = { user: authBody(0).user, families: [] };
const SUPABASE = {
  auth: 'supabase' as const,
  supabase_url: 'https://abcdefghijklmnop.supabase.co',
  supabase_anon_key: 'anon-public-key',
};

function setup(routes: Parameters<typeof scriptedFetch>[0]) {
  const http = scriptedFetch(routes);
  const client = new ApiClient({ fetchFn: http.fetch, storage: localStorage, locks: null });
  return { ...http, client, api: createApi(client) };
}

describe('client config', () => {
  it('reads the mode from the server', async () => {
    const { client, requests } = setup({ 'GET /api/v1/client-config': () => json(200, SUPABASE) });
    expect(await loadClientConfig(client)).toEqual(SUPABASE);
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it('falls back to built-in sign-in when the server does not say', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { client } = setup({});
    expect(await loadClientConfig(client)).toEqual({ auth: 'builtin' });
  });
});

describe('createAuthBackend', () => {
  it('uses Dadly’s own accounts in builtin mode', async () => {
    const { client, api, requests } = setup({
      'POST /api/v1/auth/login': () => json(200, authBody(1)),
      'GET /api/v1/me': () => json(200, me),
    });
    const supabaseAuth = vi.fn();
    const backend = await createAuthBackend({ auth: 'builtin' }, client, api, { supabaseAuth });
    expect(backend.mode).toBe('builtin');
    await backend.login('dad@example.com', 'a long password');
    await api.me();
    expect(supabaseAuth).not.toHaveBeenCalled();
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/auth/login', '/api/v1/me']);
    expect(requests[1].headers.authorization).toBe('Bearer access-1');
  });

  it('signs in through Supabase and sends its access token to the API', async () => {
    const { client, api, requests } = setup({ 'GET /api/v1/me': () => json(200, me) });
    const fake = fakeSupabase();
    const supabaseAuth = vi.fn(async () => fake.asSupabase);
    const backend = await createAuthBackend(SUPABASE, client, api, { supabaseAuth });
    expect(backend.mode).toBe('supabase');
    expect(supabaseAuth).toHaveBeenCalledWith(SUPABASE.supabase_url, SUPABASE.supabase_anon_key);
    expect(client.hasSession()).toBe(false);

    await backend.login('dad@example.com', 'a long password');
    expect(fake.auth.signInWithPassword).toHaveBeenCalledWith({ email: 'dad@example.com', password: 'a long password' });
    expect(client.hasSession()).toBe(true);
    await api.me();
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/me']); // never Dadly's auth routes
    expect(requests[0].headers.authorization).toBe('Bearer sb-access-1');
  });

  it('renews the Supabase session once when the API refuses its token', async () => {
    const { client, api } = setup({
      'GET /api/v1/me': (req) =>
        req.headers.authorization === 'Bearer sb-access-2' ? json(200, me) : problem(401, 'unauthenticated'),
    });
    const fake = fakeSupabase();
    const backend = await createAuthBackend(SUPABASE, client, api, { supabaseAuth: async () => fake.asSupabase });
    await backend.login('dad@example.com', 'a long password');
    const results = await Promise.all([api.me(), api.me(), api.me()]);
    expect(results).toHaveLength(3);
    expect(fake.auth.refreshSession).toHaveBeenCalledTimes(1);
  });

  it('turns Supabase’s errors into the errors the forms know', async () => {
    const { client, api } = setup({});
    const fake = fakeSupabase();
    const backend = await createAuthBackend(SUPABASE, client, api, { supabaseAuth: async () => fake.asSupabase });
    await expect(backend.login('dad@example.com', 'wrong')).rejects.toMatchObject({ code: 'unauthenticated' });

    fake.auth.signUp.mockResolvedValueOnce({
      data: { user: null, session: null },
      error: authError('weak_password', 422),
    } as never);
    const weak = backend.signup({ email: 'dad@example.com', password: 'x', display_name: '아빠', locale: 'ko' });
    await expect(weak).rejects.toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'password' }] });

    fake.auth.getSession.mockResolvedValueOnce({
      data: { session: null },
      error: authError('fetch failed', 0, 'AuthRetryableFetchError'),
    } as never);
    await expect(api.me()).rejects.toMatchObject({ code: 'network' });
  });

  it('names the user from the signup form and reports a pending email confirmation', async () => {
    const { client, api } = setup({});
    const fake = fakeSupabase();
    const backend = await createAuthBackend(SUPABASE, client, api, { supabaseAuth: async () => fake.asSupabase });
    const outcome = await backend.signup({ email: 'dad@example.com', password: 'a long password', display_name: '아빠', locale: 'en' });
    expect(outcome).toBe('confirmEmail');
    expect(fake.auth.signUp).toHaveBeenCalledWith({
      email: 'dad@example.com',
      password: 'a long password',
      options: { data: { full_name: '아빠', locale: 'en' } },
    });
  });

  it('signs out of Supabase and ends API access', async () => {
    const { client, api } = setup({ 'GET /api/v1/me': () => json(200, me) });
    const fake = fakeSupabase();
    const backend = await createAuthBackend(SUPABASE, client, api, { supabaseAuth: async () => fake.asSupabase });
    await backend.login('dad@example.com', 'a long password');
    await backend.logout();
    expect(fake.auth.signOut).toHaveBeenCalledWith({ scope: 'local' });
    expect(client.hasSession()).toBe(false);
    const expired = vi.fn();
    client.onSessionExpired(expired);
    await expect(api.me()).rejects.toBeInstanceOf(ApiError);
    expect(expired).toHaveBeenCalled();
  });

  it('refuses to sign in when the server named no anon key', async () => {
    const { client, api } = setup({});
    const backend = await createAuthBackend({ auth: 'supabase', supabase_url: SUPABASE.supabase_url }, client, api, {
      supabaseAuth: async () => fakeSupabase().asSupabase,
    });
    await expect(backend.login('dad@example.com', 'a long password')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
