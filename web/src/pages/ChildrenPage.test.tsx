import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, type Recorded } from '../test/http';
import { entry, member, renderApp, signedInAs } from '../test/render';

/** The family's children as the server holds them; PATCH and DELETE change them. */
function childrenServer(extra: Record<string, (req: Recorded) => Response> = {}) {
  let items = [member('m1', '서윤', '2025-01-02'), member('m2', '서윤', '2024-03-04'), member('m3', '서준', null)];
  return {
    'GET /api/v1/families/f1/members': () => json(200, { items, next_cursor: null }),
    'PATCH /api/v1/families/f1/members/m2': (req: Recorded) => {
      const changed = { ...items[1], ...(req.body as object) };
      items = items.map((m) => (m.id === 'm2' ? changed : m));
      return json(200, changed);
    },
    'DELETE /api/v1/families/f1/members/m2': () => {
      items = items.filter((m) => m.id !== 'm2');
      return json(204, null);
    },
    'GET /api/v1/families/f1/entries': () =>
      json(200, { items: [entry('e1', '2026-01-01'), entry('e2', '2026-02-01')], next_cursor: null }),
    ...extra,
  };
}

const rows = () => screen.getAllByTestId('child');

describe('ChildrenPage for the owner', () => {
  it('corrects a child in place: name, birthday and relation', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/children', childrenServer());
    await screen.findAllByTestId('child');
    expect(screen.getAllByRole('button', { name: '서윤 정보 고치기' })).toHaveLength(2);
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 정보 고치기' }));
    const form = screen.getByRole('form', { name: '서윤 정보 고치기' });
    const name = within(form).getByLabelText('아이 이름');
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.type(name, '서아');
    await user.clear(within(form).getByLabelText('생일'));
    await user.type(within(form).getByLabelText(/관계/), '딸');
    await user.click(within(form).getByRole('button', { name: '저장하기' }));

    expect(await screen.findByText('고쳤어요: 서아')).toHaveAttribute('role', 'status');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/api/v1/families/f1/members/m2');
    expect(patch?.body).toEqual({ name: '서아', birthdate: null, relation: '딸' });
    await waitFor(() => expect(rows()[1]).toHaveTextContent('서아딸 · 생일 미등록'));
    expect(screen.getByRole('button', { name: '서아 정보 고치기' })).toHaveFocus();
  });

  it('warns, without refusing, when a name is already taken', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/children', {
      ...childrenServer(),
      'POST /api/v1/families/f1/members': () => json(201, member('m4', '서준', null)),
    });
    const add = await screen.findByRole('form', { name: '아이 추가' });
    const name = within(add).getByLabelText('아이 이름');
    await user.type(name, '서준');
    expect(name).toHaveAccessibleDescription(/같은 이름의 아이가 이미 있어요: 서준\(생일 미등록\)/);
    await user.click(within(add).getByRole('button', { name: '아이 추가하기' }));
    await screen.findByText('추가했어요: 서준');
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/members'))).toBe(true);

    // Renaming into a taken name warns too, naming the other child only.
    await user.click(screen.getByRole('button', { name: '서준 정보 고치기' }));
    const form = screen.getByRole('form', { name: '서준 정보 고치기' });
    expect(within(form).getByLabelText('아이 이름')).not.toHaveAccessibleDescription(/같은 이름/);
    await user.clear(within(form).getByLabelText('아이 이름'));
    await user.type(within(form).getByLabelText('아이 이름'), '서윤');
    expect(within(form).getByLabelText('아이 이름')).toHaveAccessibleDescription(
      '같은 이름의 아이가 이미 있어요: 서윤(2025년 1월 2일 출생), 서윤(2024년 3월 4일 출생). 그대로 저장해도 되지만, 헷갈리지 않게 생일을 함께 적어 두세요.',
    );
  });

  it('removes a child after saying the tagged entries stay', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/children', childrenServer());
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 지우기' }));
    const question = screen.getByRole('group', { name: '‘서윤’ 아이를 목록에서 지울까요?' });
    expect(within(question).getByRole('button', { name: '취소' })).toHaveFocus();
    expect(await within(question).findByText('이 아이가 태그된 기록이 2개 있어요.')).toBeInTheDocument();
    expect(question).toHaveTextContent('기록은 지워지지 않고 그대로 남아요.');
    expect(question).toHaveTextContent('지운 아이는 되살릴 수 없어요.');
    expect(requests.find((r) => r.path.includes('/entries'))?.path).toBe('/api/v1/families/f1/entries?member_id=m2&limit=100');

    await user.click(within(question).getByRole('button', { name: '목록에서 지우기' }));
    expect(await screen.findByText('목록에서 지웠어요: 서윤. 이 아이가 태그됐던 기록은 그대로 있어요.')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'DELETE' && r.path === '/api/v1/families/f1/members/m2')).toBe(true);
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it('cancelling a removal changes nothing and gives focus back', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/children', childrenServer());
    await screen.findAllByTestId('child');
    await user.click(within(rows()[2]!).getByRole('button', { name: '서준 지우기' }));
    await user.click(screen.getByRole('button', { name: '취소' }));
    expect(screen.getByRole('button', { name: '서준 지우기' })).toHaveFocus();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('Escape closes the edit form and the removal question, giving focus back', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/children', childrenServer());
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 정보 고치기' }));
    expect(screen.getByLabelText('아이 이름', { selector: '#child-m2-name' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: '서윤 정보 고치기' })).not.toBeInTheDocument();
    expect(within(rows()[1]!).getByRole('button', { name: '서윤 정보 고치기' })).toHaveFocus();
    await user.click(within(rows()[2]!).getByRole('button', { name: '서준 지우기' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('child-remove')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '서준 지우기' })).toHaveFocus();
    expect(requests.some((r) => r.method === 'PATCH' || r.method === 'DELETE')).toBe(false);
  });

  it.each([
    [403, 'forbidden', '관리자만 할 수 있어요'],
    [409, 'conflict', '그사이 이 아이의 정보가 다른 곳에서 바뀌었어요'],
    [412, 'precondition_failed', '그사이 이 아이의 정보가 다른 곳에서 바뀌었어요'],
  ])('explains a %i answer to an edit and keeps what was typed', async (status, code, sentence) => {
    const user = userEvent.setup();
    renderApp('/children', childrenServer({ 'PATCH /api/v1/families/f1/members/m2': () => problem(status, code) }));
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 정보 고치기' }));
    const name = screen.getByLabelText('아이 이름', { selector: '#child-m2-name' });
    await user.type(name, '이');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(name).toHaveValue('서윤이');
  });

  it('says so when the child was already removed elsewhere, and reloads the list', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp(
      '/children',
      childrenServer({ 'DELETE /api/v1/families/f1/members/m2': () => problem(404, 'not_found') }),
    );
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 지우기' }));
    await user.click(screen.getByRole('button', { name: '목록에서 지우기' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이 아이를 찾을 수 없어요.');
    await waitFor(() => expect(requests.filter((r) => r.path.endsWith('/members')).length).toBeGreaterThan(1));
  });

  it('explains a refused removal in the question itself', async () => {
    const user = userEvent.setup();
    renderApp('/children', childrenServer({ 'DELETE /api/v1/families/f1/members/m2': () => problem(403, 'forbidden') }));
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 지우기' }));
    await user.click(screen.getByRole('button', { name: '목록에서 지우기' }));
    const question = screen.getByRole('group', { name: '‘서윤’ 아이를 목록에서 지울까요?' });
    expect(await within(question).findByRole('alert')).toHaveTextContent('관리자만 할 수 있어요');
  });
});

describe('ChildrenPage for others', () => {
  it.each(['viewer', 'editor'] as const)('shows a %s the list without edit or remove controls', async (role) => {
    renderApp('/children', { ...childrenServer(), ...signedInAs(role) });
    expect(await screen.findAllByTestId('child')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /고치기|지우기/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('아이 이름')).not.toBeInTheDocument();
  });
});
