import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../test/http';
import { entry, member, renderApp, signedInAs } from '../test/render';
import { todayLocal } from '../lib/dates';

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
    await waitFor(() => expect(sessionStorage.getItem('dadly.draft.f1.new')).toBeNull());
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
    sessionStorage.setItem('dadly.draft.f1.new', JSON.stringify({ body: '쓰다 만 이야기' }));
    renderApp('/entries/new', withMembers);
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toHaveValue('쓰다 만 이야기');
    expect(screen.getByText('쓰던 내용을 되살렸어요.')).toBeInTheDocument();
  });
});

describe('EditEntryPage', () => {
  it('sends If-Match and explains a conflicting edit without losing the text', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/entries/e1/edit', {
      ...withMembers,
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-10-01', { version: 2, title: '제목' })),
      'PATCH /api/v1/families/f1/entries/e1': () => problem(412, 'precondition_failed'),
    });
    const body = await screen.findByLabelText('무슨 일이 있었나요?');
    await user.clear(body);
    await user.type(body, '고친 내용');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('그사이 이 기록이 다른 곳에서 바뀌었어요');
    expect(screen.getByLabelText('무슨 일이 있었나요?')).toHaveValue('고친 내용');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"2"');
    expect(patch?.body).toMatchObject({ body: '고친 내용', title: '제목', occurred_at: '2026-10-01' });
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

  it('still shows the form to an editor', async () => {
    renderApp('/entries/new', { ...withMembers, ...signedInAs('editor') });
    expect(await screen.findByLabelText('무슨 일이 있었나요?')).toBeInTheDocument();
    expect(screen.queryByTestId('role-notice')).not.toBeInTheDocument();
  });
});
