import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { api, apiClient } from '../api';
import { REFRESH_KEY } from '../api/client';
import { SIGNED_OUT_KEY } from '../auth/session';
import { authBody, json, problem } from '../test/http';
import { FAMILY, entry, member, renderApp, signedInAs } from '../test/render';
import { todayLocal } from '../lib/dates';
import { draftKey } from '../lib/drafts';

// renderApp signs in as 아빠 (u1).
const DAD_NEW = draftKey('u1', 'f1', 'new');
const MOM_NEW = draftKey('u2', 'f1', 'new');
const DAD_E1 = draftKey('u1', 'f1', 'e1');
const stored = (key: string) => JSON.parse(sessionStorage.getItem(key) ?? 'null');
const mom = { user: { ...authBody(0).user, id: 'u2', email: 'mom@example.com', display_name: '엄마' }, families: [FAMILY] };

/** Another tab changes the shared localStorage; this tab hears of it as a browser tells it. */
function elsewhere(key: string, newValue: string | null) {
  const oldValue = localStorage.getItem(key);
  if (newValue === null) localStorage.removeItem(key);
  else localStorage.setItem(key, newValue);
  window.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue }));
}

const withMembers = {
  'GET /api/v1/families/f1/members': () =>
    json(200, { items: [member('m1', '도윤', '2023-07-26'), member('m2', '서윤', null)], next_cursor: null }),
};

describe('NewEntryPage', () => {
  it('defaults the day to today and sends what was chosen', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/entries/new', {
      ...withMembers,
      'POST /api/v1/families/f1/entries': () => json(201, entry('e9', todayLocal())),
      'GET /api/v1/families/f1/entries/e9': () => json(200, entry('e9', todayLocal())),
    });
    const date = await screen.findByLabelText('언제 있었던 일인가요?');
    expect(date).toHaveValue(todayLocal());
    await user.type(screen.getByLabelText('무슨 일이 있었나요?'), '첫 걸음마');
    await user.click(screen.getByText('서윤', { selector: 'span' }));
    await user.click(screen.getByText('나만', { selector: 'span' }));
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    await screen.findByText('기록을 저장했어요.');
    const sent = requests.find((r) => r.method === 'POST' && r.path.endsWith('/entries'));
    expect(sent?.body).toEqual({ body: '첫 걸음마', member_ids: ['m2'], visibility: 'private', occurred_at: todayLocal() });
    // The draft is dropped once the save has returned, which may be just after the message shows.
    await waitFor(() => expect(sessionStorage.getItem(DAD_NEW)).toBeNull());
  });

  it('shows a refused day next to the date field and keeps the text', async () => {
    const user = userEvent.setup();
    renderApp('/entries/new', {
      ...withMembers,
      'POST /api/v1/families/f1/entries': () =>
        problem(400, 'validation_failed', { errors: [{ field: 'occurred_at', message: 'must be between 1900-01-01 and 2026-11-27' }] }),
    });
    await user.type(await screen.findByLabelText('무슨 일이 있었나요?'), '미래의 일');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    const date = screen.getByLabelText('언제 있었던 일인가요?');
    await waitFor(() => expect(date).toHaveAttribute('aria-invalid', 'true'));
    expect(date).toHaveAccessibleDescription(/1900년 1월 1일부터 내일까지/);
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue('미래의 일');
  });

  it('brings back a draft after a reload', async () => {
    sessionStorage.setItem(DAD_NEW, JSON.stringify({ base: null, value: { body: '쓰다 만 이야기' } }));
    renderApp('/entries/new', withMembers);
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toHaveValue('쓰다 만 이야기');
    expect(screen.getByText('쓰던 내용을 되살렸어요.')).toBeInTheDocument();
  });
});

describe('drafts belong to the account that wrote them', () => {
  it('never offers one account’s draft to another, and drops it when that account signs in', async () => {
    // 아빠's session expired on this tab with a private draft; 엄마 signs in here.
    sessionStorage.setItem(DAD_NEW, JSON.stringify({ base: null, value: { body: '아빠의 비밀 초안', visibility: 'private' } }));
    sessionStorage.setItem('dadly.draft.f1.new', JSON.stringify({ body: '주인 없는 옛 초안' }));
    renderApp('/entries/new', { ...withMembers, 'GET /api/v1/me': () => json(200, mom) });
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toHaveValue('');
    expect(screen.getByRole('radio', { name: /가족 모두/ })).toBeChecked();
    expect(screen.queryByText('쓰던 내용을 되살렸어요.')).not.toBeInTheDocument();
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('forgets this tab’s drafts when another tab signs out', async () => {
    const user = userEvent.setup();
    renderApp('/entries/new', withMembers);
    await user.type(await screen.findByLabelText('무슨 일이 있었나요?'), '아빠의 비밀 초안');
    await user.click(screen.getByText('나만', { selector: 'span' }));
    await waitFor(() => expect(stored(DAD_NEW)?.value.visibility).toBe('private'));
    sessionStorage.setItem(draftKey('u1', 'f1', 'e7'), JSON.stringify({ base: 1, value: { body: '고치던 글' } }));

    // The other tab's logout marks the sign-out, then removes the shared refresh token.
    act(() => {
      elsewhere(SIGNED_OUT_KEY, 'signed-out-1');
      elsewhere(REFRESH_KEY, null);
    });
    expect(await screen.findByRole('heading', { level: 1, name: '다시 만나서 반가워요' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 400)); // past any pending draft write
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('keeps this tab’s drafts when the session expired in another tab, for the same parent', async () => {
    const user = userEvent.setup();
    renderApp('/entries/new', { ...withMembers, 'POST /api/v1/auth/login': () => json(200, authBody(3)) });
    await user.type(await screen.findByLabelText('무슨 일이 있었나요?'), '아빠의 초안');
    await waitFor(() => expect(stored(DAD_NEW)?.value.body).toBe('아빠의 초안'));

    // The other tab's refresh was refused: it removed the shared token, and marked no sign-out.
    act(() => elsewhere(REFRESH_KEY, null));
    expect(await screen.findByText(/로그인이 만료되었어요/)).toBeInTheDocument();
    expect(stored(DAD_NEW)?.value.body).toBe('아빠의 초안');

    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'a long password');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toHaveValue('아빠의 초안');
    expect(screen.getByText('쓰던 내용을 되살렸어요.')).toBeInTheDocument();
  });

  it('forgets the drafts when this tab slept through a sign-out and then finds its session gone', async () => {
    const user = userEvent.setup();
    renderApp('/entries/new', withMembers);
    await user.type(await screen.findByLabelText('무슨 일이 있었나요?'), '아빠의 비밀 초안');
    await waitFor(() => expect(stored(DAD_NEW)?.value.body).toBe('아빠의 비밀 초안'));

    // Frozen meanwhile, this tab heard nothing; its next call finds no session and the mark.
    localStorage.setItem(SIGNED_OUT_KEY, 'signed-out-1');
    localStorage.removeItem(REFRESH_KEY);
    apiClient.dropAccessToken();
    await act(() => api.me().catch(() => undefined));
    expect(await screen.findByRole('heading', { level: 1, name: '다시 만나서 반가워요' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('starts over as the other account when this tab missed a sign-out and the session became someone else’s', async () => {
    const user = userEvent.setup();
    let who = authBody(2);
    let meNow: unknown = { user: authBody(0).user, families: [FAMILY] };
    renderApp('/entries/new', {
      ...withMembers,
      'POST /api/v1/auth/refresh': () => json(200, who),
      'GET /api/v1/me': () => json(200, meNow),
    });
    await user.type(await screen.findByLabelText('무슨 일이 있었나요?'), '아빠의 비밀 초안');
    await waitFor(() => expect(stored(DAD_NEW)?.value.body).toBe('아빠의 비밀 초안'));

    // Elsewhere 아빠 signed out and 엄마 signed in; this tab's next refresh gets her session.
    who = { ...authBody(3), user: mom.user };
    meNow = mom;
    await act(() => apiClient.refresh().catch(() => undefined));
    await waitFor(() => expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue(''));
    expect(screen.queryByText('쓰던 내용을 되살렸어요.')).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('forgets the drafts on a logout in this tab, and the next account starts empty', async () => {
    const user = userEvent.setup();
    renderApp('/entries/new', { ...withMembers, 'POST /api/v1/auth/logout': () => json(204, null) });
    await user.type(await screen.findByLabelText('무슨 일이 있었나요?'), '아빠의 초안');
    await user.click(screen.getByRole('button', { name: '로그아웃' }));
    expect(await screen.findByRole('heading', { level: 1, name: '다시 만나서 반가워요' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sessionStorage.getItem(DAD_NEW)).toBeNull();
    expect(sessionStorage.getItem(MOM_NEW)).toBeNull();
  });
});

/**
 * Entry e1 as stored: version 2 until someone else saves it (`changeElsewhere`), then version 3
 * with that person's text. A PATCH succeeds only with the current version's ETag.
 */
function storedEntry() {
  let current = entry('e1', '2026-10-01', { version: 2, title: '제목', body: '처음 쓴 글' });
  return {
    changeElsewhere(extra: Record<string, unknown> = { body: '엄마가 고친 글' }) {
      current = { ...current, ...extra, version: current.version + 1 };
    },
    routes: {
      ...withMembers,
      'GET /api/v1/families/f1/entries/e1': () => json(200, current),
      'PATCH /api/v1/families/f1/entries/e1': (req: { headers: Record<string, string>; body: unknown }) => {
        if (req.headers['if-match'] !== `"${current.version}"`) return problem(412, 'precondition_failed');
        current = { ...current, ...(req.body as object), version: current.version + 1 };
        return json(200, current);
      },
    },
  };
}

const patches = (requests: { method: string; headers: Record<string, string>; body: unknown }[]) =>
  requests.filter((r) => r.method === 'PATCH');

describe('EditEntryPage', () => {
  it('sends If-Match, and after a conflicting edit shows both versions without losing the text', async () => {
    const user = userEvent.setup();
    const e1 = storedEntry();
    const { requests } = renderApp('/entries/e1/edit', e1.routes);
    const body = await screen.findByLabelText('무슨 일이 있었나요?');
    await user.clear(body);
    await user.type(body, '아빠가 고친 글');
    e1.changeElsewhere(); // another tab saves meanwhile
    await user.click(screen.getByRole('button', { name: '저장하기' }));

    const heading = await screen.findByRole('heading', { name: '그사이 이 기록이 다른 곳에서 바뀌었어요' });
    expect(heading).toHaveFocus();
    const panel = screen.getByTestId('entry-conflict');
    expect(within(panel).getByText('엄마가 고친 글')).toBeInTheDocument();
    expect(within(panel).queryByText('제목')).not.toBeInTheDocument(); // only what differs
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue('아빠가 고친 글');
    await waitFor(() => expect(stored(DAD_E1)).toEqual({ base: 2, value: expect.objectContaining({ body: '아빠가 고친 글' }) }));
    expect(patches(requests).map((r) => r.headers['if-match'])).toEqual(['"2"']);

    // Saving again before choosing sends nothing: the other change is not overwritten unseen.
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    expect(heading).toHaveFocus();
    expect(patches(requests)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: '내가 쓴 내용으로 이어 쓰기' }));
    expect(screen.queryByTestId('entry-conflict')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('내가 쓴 내용으로 이어 써요');
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveFocus();
    expect(stored(DAD_E1)).toEqual({ base: 3, value: expect.objectContaining({ body: '아빠가 고친 글' }) });
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    await screen.findByText('기록을 저장했어요.');
    const last = patches(requests).at(-1);
    expect(last?.headers['if-match']).toBe('"3"');
    expect(last?.body).toMatchObject({ body: '아빠가 고친 글', title: '제목', occurred_at: '2026-10-01' });
    await waitFor(() => expect(sessionStorage.getItem(DAD_E1)).toBeNull());
  });

  it('takes the version saved elsewhere when the parent chooses it', async () => {
    const user = userEvent.setup();
    const e1 = storedEntry();
    const { requests } = renderApp('/entries/e1/edit', e1.routes);
    const body = await screen.findByLabelText('무슨 일이 있었나요?');
    await user.type(body, ' 그리고 더');
    e1.changeElsewhere({ body: '엄마가 고친 글', member_ids: ['m2'] });
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    const panel = await screen.findByTestId('entry-conflict');
    expect(within(panel).getByText('서윤')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: '지금 저장된 내용 불러오기' }));
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue('엄마가 고친 글');
    expect(screen.getByRole('checkbox', { name: /서윤/ })).toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('지금 저장된 내용을 불러왔어요');
    expect(sessionStorage.getItem(DAD_E1)).toBeNull();
    await user.type(screen.getByLabelText('무슨 일이 있었나요?'), '!');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    await screen.findByText('기록을 저장했어요.');
    expect(patches(requests).at(-1)?.headers['if-match']).toBe('"3"');
    expect(patches(requests).at(-1)?.body).toMatchObject({ body: '엄마가 고친 글!', member_ids: ['m2'] });
  });

  it('offers a draft written on an older version, beside what is stored now', async () => {
    const user = userEvent.setup();
    const e1 = storedEntry();
    e1.changeElsewhere(); // version 3 by now
    sessionStorage.setItem(DAD_E1, JSON.stringify({ base: 2, value: { body: '새로고침 전에 쓰던 글', title: '제목' } }));
    const { requests } = renderApp('/entries/e1/edit', e1.routes);

    const panel = await screen.findByTestId('entry-conflict');
    expect(within(panel).getByRole('heading', { name: '이전 버전에 쓰던 내용이 있어요' })).toBeInTheDocument();
    expect(within(panel).getByText('엄마가 고친 글')).toBeInTheDocument();
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue('새로고침 전에 쓰던 글');
    expect(screen.queryByText('쓰던 내용을 되살렸어요.')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    expect(patches(requests)).toHaveLength(0);

    await user.click(within(panel).getByRole('button', { name: '내가 쓴 내용으로 이어 쓰기' }));
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    await screen.findByText('기록을 저장했어요.');
    expect(patches(requests).map((r) => r.headers['if-match'])).toEqual(['"3"']);
    expect(patches(requests)[0].body).toMatchObject({ body: '새로고침 전에 쓰던 글' });
  });

  it('asks nothing when the older draft says what is stored now', async () => {
    const user = userEvent.setup();
    const e1 = storedEntry();
    e1.changeElsewhere({ body: '같은 고침' });
    sessionStorage.setItem(DAD_E1, JSON.stringify({ base: 2, value: { body: '같은 고침', title: '제목' } }));
    const { requests } = renderApp('/entries/e1/edit', e1.routes);
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toHaveValue('같은 고침');
    expect(screen.queryByTestId('entry-conflict')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    await screen.findByText('기록을 저장했어요.');
    expect(patches(requests).map((r) => r.headers['if-match'])).toEqual(['"3"']);
  });

  it('says the entry changed, text kept, when the stored version cannot be read', async () => {
    const user = userEvent.setup();
    let reads = 0;
    renderApp('/entries/e1/edit', {
      ...withMembers,
      'GET /api/v1/families/f1/entries/e1': () => {
        reads += 1;
        return reads === 1 ? json(200, entry('e1', '2026-10-01', { version: 2 })) : problem(503, 'unavailable');
      },
      'PATCH /api/v1/families/f1/entries/e1': () => problem(412, 'precondition_failed'),
    });
    const body = await screen.findByLabelText('무슨 일이 있었나요?');
    await user.clear(body);
    await user.type(body, '고친 내용');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('그사이 이 기록이 다른 곳에서 바뀌었어요. 쓰신 내용은 그대로 있어요. 다시 저장을 누르면');
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue('고친 내용');
  });

  it('offers "only me" to the author alone', async () => {
    const routes = (author_id: string) => ({
      ...withMembers,
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-10-01', { author_id, author_name: '엄마' })),
    });
    const mine = renderApp('/entries/e1/edit', routes('u1'));
    await screen.findByLabelText('무슨 일이 있었나요?');
    expect(screen.getByRole('radio', { name: /나만/ })).toBeInTheDocument();
    mine.unmount();
    // The owner may edit another parent's family entry, but not hide it from the family.
    renderApp('/entries/e1/edit', routes('u2'));
    await screen.findByLabelText('무슨 일이 있었나요?');
    expect(screen.queryByRole('radio', { name: /나만/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: '누가 볼 수 있나요?' })).not.toBeInTheDocument();
  });
});

describe('writing as a viewer', () => {
  it('says the role can only read instead of showing the new-entry form', async () => {
    renderApp('/entries/new', { ...withMembers, ...signedInAs('viewer') });
    expect(await screen.findByRole('heading', { level: 1, name: '기록을 볼 수만 있어요' })).toBeInTheDocument();
    expect(screen.getByText(/‘보는 사람’ 역할로 함께하고 있어서 기록을 읽을 수만 있어요/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '타임라인으로 가기' })).toHaveAttribute('href', '/');
    expect(screen.queryByLabelText('무슨 일이 있었나요?')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '저장하기' })).not.toBeInTheDocument();
  });

  it('leads back to the entry instead of showing the edit form, without loading it', async () => {
    const { requests } = renderApp('/entries/e1/edit', {
      ...withMembers,
      ...signedInAs('viewer'),
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-10-01')),
    });
    expect(await screen.findByRole('heading', { level: 1, name: '기록을 볼 수만 있어요' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '기록으로 돌아가기' })).toHaveAttribute('href', '/entries/e1');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('무슨 일이 있었나요?')).not.toBeInTheDocument();
    expect(requests.some((r) => r.path.endsWith('/entries/e1'))).toBe(false);
  });

  it("tells an editor that another parent's entry is not theirs to change", async () => {
    renderApp('/entries/e1/edit', {
      ...withMembers,
      ...signedInAs('editor'),
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-10-01', { author_id: 'u2' })),
    });
    expect(await screen.findByRole('heading', { level: 1, name: '이 기록은 고칠 수 없어요' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '기록으로 돌아가기' })).toHaveAttribute('href', '/entries/e1');
    expect(screen.queryByLabelText('무슨 일이 있었나요?')).not.toBeInTheDocument();
  });

  it("still lets an editor change their own entry", async () => {
    renderApp('/entries/e1/edit', {
      ...withMembers,
      ...signedInAs('editor'),
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-10-01')),
    });
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toHaveValue('본문 e1');
    expect(screen.queryByTestId('role-notice')).not.toBeInTheDocument();
  });

  it('still shows the form to an editor', async () => {
    renderApp('/entries/new', { ...withMembers, ...signedInAs('editor') });
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toBeInTheDocument();
    expect(screen.queryByTestId('role-notice')).not.toBeInTheDocument();
  });
});
