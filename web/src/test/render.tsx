// Renders the real app (routes, session, API client) at a path, over a scripted fetch.
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { AppRoutes } from '../App';
import { REFRESH_KEY } from '../api/client';
import { SessionProvider } from '../auth/session';
import { authBody, json, scriptedFetch } from './http';

export const FAMILY = { id: 'f1', name: '서윤이네', role: 'owner' as const };

export const member = (id: string, name: string, birthdate: string | null) => ({
  id, family_id: 'f1', name, birthdate, relation: null, user_id: null,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', version: 1,
});

export const entry = (id: string, occurred_at: string, extra: Record<string, unknown> = {}) => ({
  id, family_id: 'f1', author_id: 'u1', author_name: '아빠', title: null, body: `본문 ${id}`, occurred_at,
  member_ids: [], visibility: 'family', version: 1,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', deleted_at: null, insight: null,
  ...extra,
});

/** An entry's insight; content (summary, topics, emotions) only makes sense when done. */
export const insight = (status: 'pending' | 'done' | 'failed', extra: Record<string, unknown> = {}) => ({
  status, summary: null, topics: [], emotions: [], language: null, ...extra,
});

type Routes = Parameters<typeof scriptedFetch>[0];

/** The `GET /me` route for 아빠 with another role in the family, e.g. `renderApp(path, signedInAs('viewer'))`. */
export const signedInAs = (role: 'owner' | 'editor' | 'viewer' | 'child'): Routes => ({
  'GET /api/v1/me': () => json(200, { user: authBody(0).user, families: [{ ...FAMILY, role }] }),
});

/** Signed in as 아빠, owner of one family, unless `signedIn` is false. */
export function renderApp(path: string, routes: Routes = {}, signedIn = true) {
  const http = scriptedFetch({
    'POST /api/v1/auth/refresh': () => json(200, authBody(2)),
    'GET /api/v1/me': () => json(200, { user: authBody(0).user, families: [FAMILY] }),
    'GET /api/v1/families/f1/members': () => json(200, { items: [], next_cursor: null }),
    ...routes,
  });
  vi.stubGlobal('fetch', http.fetch);
  if (signedIn) localStorage.setItem(REFRESH_KEY, 'refresh-1');
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </MemoryRouter>,
  );
  return { ...view, requests: http.requests };
}
