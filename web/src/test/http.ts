// A scripted fetch for unit tests: answers by method and path, records every request.
import { vi } from 'vitest';

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (req: Recorded) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': type, ...headers },
  });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: `urn:dadly:problem:${code}`, title: code, status, detail: `${code} detail`, code, ...extra });
}

export function authBody(n: number) {
  return {
    user: { id: 'u1', email: 'dad@example.com', display_name: '아빠', locale: 'ko', created_at: '2026-01-01T00:00:00Z' },
    access_token: `access-${n}`,
    refresh_token: `refresh-${n}`,
    expires_in: 900,
    token_type: 'Bearer',
  };
}

export function scriptedFetch(routes: Record<string, Handler>) {
  const requests: Recorded[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://app.test');
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const req: Recorded = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname + url.search,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(req);
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) return problem(404, 'not_found');
    return handler(req);
  });
  return { fetch: fn as unknown as typeof fetch, requests };
}
