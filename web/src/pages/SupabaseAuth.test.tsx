// The login and signup pages when the server signs users in through Supabase: the same forms,
// talking to Supabase Auth (a fake here) instead of Dadly's auth routes.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../App';
import { api, apiClient } from '../api';
import { createAuthBackend } from '../auth/backend';
import { SessionProvider } from '../auth/session';
import { authBody, json, scriptedFetch } from '../test/http';
import { fakeSupabase } from '../test/supabase';

const FAMILY = { id: 'f1', name: '서윤이네', role: 'owner' as const };
const CONFIG = { auth: 'supabase' as const, supabase_url: 'https://p.supabase.co', supabase_anon_key: 'anon' };

async function renderSupabaseApp(path: string) {
  const http = scriptedFetch({
    'GET /api/v1/me': () => json(200, { user: authBody(0).user, families: [FAMILY] }),
    'GET /api/v1/families/f1/members': () => json(200, { items: [], next_cursor: null }),
    'GET /api/v1/families/f1/timeline': () => json(200, { group: 'month', buckets: [], next_cursor: null }),
  });
  vi.stubGlobal('fetch', http.fetch);
  const fake = fakeSupabase();
  const backend = await createAuthBackend(CONFIG, apiClient, api, { supabaseAuth: async () => fake.asSupabase });
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider backend={backend}>
        <AppRoutes />
      </SessionProvider>
    </MemoryRouter>,
  );
  return { fake, requests: http.requests };
}

describe('Supabase sign-in', () => {
  it('logs in with Supabase and calls the API with its token', async () => {
    const user = userEvent.setup();
    const { fake, requests } = await renderSupabaseApp('/login');
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'a long password');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    await waitFor(() => expect(requests.some((r) => r.path === '/api/v1/me')).toBe(true));
    expect(fake.auth.signInWithPassword).toHaveBeenCalledWith({ email: 'dad@example.com', password: 'a long password' });
    expect(requests.find((r) => r.path === '/api/v1/me')?.headers.authorization).toBe('Bearer sb-access-1');
    expect(requests.some((r) => r.path.startsWith('/api/v1/auth/'))).toBe(false);
  });

  it('shows a wrong password as it does for Dadly’s own accounts', async () => {
    const user = userEvent.setup();
    await renderSupabaseApp('/login');
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'wrong password');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이메일 또는 비밀번호가 맞지 않아요.');
  });

  it('asks to confirm the email after signing up when Supabase wants that', async () => {
    const user = userEvent.setup();
    const { fake } = await renderSupabaseApp('/signup');
    await user.type(screen.getByLabelText('이름'), '아빠');
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'a long password');
    await user.click(screen.getByRole('button', { name: '가입하기' }));
    expect(await screen.findByText(/확인 메일을 보냈어요/)).toBeInTheDocument();
    expect(fake.auth.signUp).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('비밀번호')).toHaveValue('');
  });
});
