import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { authBody, json, problem, scriptedFetch } from '../test/http';
import { ApiClient, REFRESH_KEY } from './client';
import { createApi } from './endpoints';
import { ApiError } from './errors';
import type { Entry, Me, Timeline } from './types';

function setup(routes: Parameters<typeof scriptedFetch>[0], options: { locks?: LockManager | null; now?: () => number } = {}) {
  const http = scriptedFetch(routes);
  const client = new ApiClient({ fetchFn: http.fetch, storage: localStorage, locks: options.locks ?? null, now: options.now });
  return { ...http, client, api: createApi(client) };
}

const me = { user: authBody(0).user, families: [] };

describe('ApiClient', () => {
  it('sends the bearer token and returns typed data', async () => {
    const { api, client, requests } = setup({ 'GET /api/v1/me': () => json(200, me) });
    client.setSession(authBody(1));
    const result = await api.me();
    expect(result.user.display_name).toBe('아빠');
    expect(requests[0].headers.authorization).toBe('Bearer access-1');
    expectTypeOf(result).toEqualTypeOf<Me>();
    expectTypeOf(api.getEntry).returns.resolves.toEqualTypeOf<Entry>();
    expectTypeOf(api.timeline).returns.resolves.toEqualTypeOf<Timeline>();
  });

  it('keeps the refresh token in localStorage and the access token only in memory', async () => {
    const { client } = setup({});
    client.setSession(authBody(1));
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-1');
    expect(JSON.stringify(localStorage)).not.toContain('access-1');
  });

  it('refreshes once for many parallel requests when the access token has expired', async () => {
    let clock = 0;
    let refreshes = 0;
    const { api, client, requests } = setup(
      {
        'POST /api/v1/auth/refresh': async () => {
          refreshes += 1;
          await new Promise((r) => setTimeout(r, 5));
          return json(200, authBody(2));
        },
        'GET /api/v1/me': () => json(200, me),
      },
      { now: () => clock },
    );
    client.setSession(authBody(1));
    clock = 16 * 60 * 1000; // past the 15 minutes
    await Promise.all([api.me(), api.me(), api.me(), api.me()]);
    expect(refreshes).toBe(1);
    expect(requests.find((r) => r.path === '/api/v1/auth/refresh')?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(requests.filter((r) => r.path === '/api/v1/me').every((r) => r.headers.authorization === 'Bearer access-2')).toBe(true);
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-2');
  });

  it('after a 401, refreshes once and retries every request that failed', async () => {
    let refreshes = 0;
    const { api, client } = setup({
      'POST /api/v1/auth/refresh': async () => {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 5));
        return json(200, authBody(2));
      },
      'GET /api/v1/me': (req) =>
        req.headers.authorization === 'Bearer access-2' ? json(200, me) : problem(401, 'unauthenticated'),
    });
    client.setSession(authBody(1));
    const results = await Promise.all([api.me(), api.me(), api.me()]);
    expect(results).toHaveLength(3);
    expect(refreshes).toBe(1);
  });

  it('ends the session when the refresh token is refused', async () => {
    const { api, client } = setup({
      'POST /api/v1/auth/refresh': () => problem(401, 'unauthenticated'),
      'GET /api/v1/me': () => problem(401, 'unauthenticated'),
    });
    const expired = vi.fn();
    client.onSessionExpired(expired);
    localStorage.setItem(REFRESH_KEY, 'spent');
    await expect(api.me()).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(expired).toHaveBeenCalled();
    expect(localStorage.getItem(REFRESH_KEY)).toBeNull();
    expect(client.hasSession()).toBe(false);
  });

  it('keeps the session when the refresh fails for network reasons', async () => {
    const { api } = setup({
      'POST /api/v1/auth/refresh': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    localStorage.setItem(REFRESH_KEY, 'still-good');
    await expect(api.me()).rejects.toMatchObject({ code: 'network' });
    expect(localStorage.getItem(REFRESH_KEY)).toBe('still-good');
  });

  it('does not send a call as another account when a refresh turns out to be someone else’s', async () => {
    // This tab (a father's) missed a sign-out; the stored token is now the mother's.
    const mother = { ...authBody(2), user: { ...authBody(2).user, id: 'u2', display_name: '엄마' } };
    let clock = 0;
    const { api, client, requests } = setup(
      {
        'POST /api/v1/auth/refresh': () => json(200, mother),
        'POST /api/v1/families/f1/entries': () => json(201, {}),
      },
      { now: () => clock },
    );
    const changed = vi.fn();
    const expired = vi.fn();
    client.onAccountChanged(changed);
    client.onSessionExpired(expired);
    client.setSession(authBody(1));
    localStorage.setItem(REFRESH_KEY, 'mothers-token');
    clock = 16 * 60 * 1000;
    await expect(api.createEntry('f1', { body: '아빠의 비밀 초안', member_ids: [], visibility: 'private' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/auth/refresh']);
    expect(changed).toHaveBeenCalledTimes(1);
    // Her session goes on: the new pair is kept for her tabs, and nothing ended it.
    expect(expired).not.toHaveBeenCalled();
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-2');
  });

  it('refreshes under a Web Lock and reads the token only once it holds the lock', async () => {
    const order: string[] = [];
    const locks = {
      request: vi.fn(async (_name: string, callback: () => Promise<unknown>) => {
        order.push('lock');
        // Another tab rotated the token while this one waited for the lock.
        localStorage.setItem(REFRESH_KEY, 'rotated-by-other-tab');
        return callback();
      }),
    } as unknown as LockManager;
    const { client, requests } = setup({ 'POST /api/v1/auth/refresh': () => json(200, authBody(3)) }, { locks });
    localStorage.setItem(REFRESH_KEY, 'old');
    await expect(client.refresh()).resolves.toBe(true);
    expect(order).toEqual(['lock']);
    expect(requests[0].body).toEqual({ refresh_token: 'rotated-by-other-tab' });
  });

  it('turns problem+json into an ApiError with field errors and Retry-After', async () => {
    const { api } = setup({
      'POST /api/v1/auth/signup': () =>
        problem(400, 'validation_failed', { errors: [{ field: 'password', message: 'must be at least 8 characters' }] }),
      'POST /api/v1/auth/login': () => problem(429, 'rate_limited'),
    });
    const signup = api.signup({ email: 'a@b.c', password: 'x', display_name: 'A' });
    await expect(signup).rejects.toBeInstanceOf(ApiError);
    await expect(signup).rejects.toMatchObject({
      code: 'validation_failed',
      fieldErrors: [{ field: 'password', message: 'must be at least 8 characters' }],
    });

    const limited = setup({
      'POST /api/v1/auth/login': () =>
        new Response(JSON.stringify({ code: 'rate_limited', status: 429 }), {
          status: 429,
          headers: { 'Retry-After': '42', 'Content-Type': 'application/problem+json' },
        }),
    });
    await expect(limited.api.login({ email: 'a@b.c', password: 'xxxxxxxx' })).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfter: 42,
    });
  });

  it('sends If-Match on PATCH and fills path parameters', async () => {
    const entry = { id: 'e1', version: 3 };
    const { api, client, requests } = setup({
      'PATCH /api/v1/families/f1/entries/e1': () => json(200, { ...entry, version: 4 }, { ETag: '"4"' }),
    });
    client.setSession(authBody(1));
    await api.updateEntry('f1', 'e1', { body: 'new' }, '"3"');
    expect(requests[0].headers['if-match']).toBe('"3"');
    expect(requests[0].headers['content-type']).toBe('application/json');
    expect(requests[0].body).toEqual({ body: 'new' });
  });

  it('logs out: forgets the tokens and tells the server', async () => {
    const { api, client, requests } = setup({ 'POST /api/v1/auth/logout': () => json(204, null) });
    client.setSession(authBody(1));
    await api.logout();
    expect(client.hasSession()).toBe(false);
    expect(requests[0]).toMatchObject({ path: '/api/v1/auth/logout', body: { refresh_token: 'refresh-1' } });
  });

  it('streams: asks for events with the bearer token, refreshes after a 401, and hands over the body', async () => {
    let calls = 0;
    const { client, requests } = setup({
      'POST /api/v1/auth/refresh': () => json(200, authBody(2)),
      'POST /api/v1/families/f1/search': () =>
        ++calls === 1
          ? problem(401, 'unauthenticated')
          : new Response('event: done\ndata: {}\n\n', { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    });
    client.setSession(authBody(1));
    const res = await client.stream('post', '/api/v1/families/{fid}/search', { path: { fid: 'f1' }, body: { query: 'q', limit: 1 } });
    expect(await res.text()).toBe('event: done\ndata: {}\n\n');
    const sent = requests.filter((r) => r.path === '/api/v1/families/f1/search');
    expect(sent.map((r) => r.headers.authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(sent.every((r) => r.headers.accept === 'text/event-stream')).toBe(true);
  });

  it('streams: a refusal before the stream starts rejects as a problem', async () => {
    const { client } = setup({ 'POST /api/v1/families/f1/search': () => problem(404, 'not_found') });
    client.setSession(authBody(1));
    const res = client.stream('post', '/api/v1/families/{fid}/search', { path: { fid: 'f1' }, body: { query: 'q', limit: 1 } });
    await expect(res).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('reads a problem sent as a stream event, its own status first', () => {
    const error = ApiError.fromProblem({ status: 503, code: 'unavailable', detail: 'AI busy' }, 200);
    expect(error).toMatchObject({ status: 503, code: 'unavailable', detail: 'AI busy' });
    expect(ApiError.fromProblem('not json', 200)).toMatchObject({ status: 200, code: 'unknown' });
  });
});
