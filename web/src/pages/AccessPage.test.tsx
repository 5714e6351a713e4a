import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FamilyUser, Member } from '../api/types';
import { authBody, json, problem, type Recorded } from '../test/http';
import { FAMILY, member, renderApp, signedInAs } from '../test/render';

const person = (user_id: string, display_name: string, role: FamilyUser['role']): FamilyUser => ({
  user_id, display_name, role, email: `${user_id}@example.com`, joined_at: '2026-03-05T09:00:00Z',
});

/** 아빠 (u1, signed in) owns the family with 엄마 (viewer) and 서윤's own account (child, linked to m2). */
function accessServer(extra: Record<string, (req: Recorded) => Response> = {}) {
  const store = {
    users: [person('u1', '아빠', 'owner'), person('u2', '엄마', 'viewer'), person('u3', '서윤', 'child')],
    members: [member('m1', '서준', null), { ...member('m2', '서윤', '2025-01-02'), user_id: 'u3' }] as Member[],
  };
  const patchMember = (id: string) => (req: Recorded) => {
    const found = store.members.find((m) => m.id === id)!;
    if (req.headers['if-match'] !== `"${found.version}"`) return problem(412, 'precondition_failed');
    Object.assign(found, req.body as Partial<Member>, { version: found.version + 1 });
    return json(200, found);
  };
  const routes = {
    'GET /api/v1/families/f1/users': () => json(200, { items: store.users, next_cursor: null }),
    'GET /api/v1/families/f1/members': () => json(200, { items: store.members, next_cursor: null }),
    'PATCH /api/v1/families/f1/users/u2': (req: Recorded) => {
      store.users[1] = { ...store.users[1]!, ...(req.body as { role: FamilyUser['role'] }) };
      return json(200, store.users[1]);
    },
    'DELETE /api/v1/families/f1/users/u2': () => {
      store.users = store.users.filter((u) => u.user_id !== 'u2');
      return json(204, null);
    },
    'PATCH /api/v1/families/f1/members/m1': patchMember('m1'),
    'PATCH /api/v1/families/f1/members/m2': patchMember('m2'),
    ...extra,
  };
  return { store, routes };
}

/** The row of one person, by user id. */
const row = (uid: string) => screen.getAllByTestId('person').find((li) => li.dataset.id === uid)!;

describe('AccessPage', () => {
  it('lists everyone with access: name, email, role in words, since when, and who is me', async () => {
    renderApp('/family/access', accessServer().routes);
    expect(await screen.findByRole('heading', { level: 1, name: '가족과 권한' })).toBeInTheDocument();
    const people = await screen.findAllByTestId('person');
    expect(people).toHaveLength(3);
    expect(people[0]).toHaveTextContent('아빠나');
    expect(people[0]).toHaveTextContent('u1@example.com');
    expect(people[0]).toHaveTextContent('관리자 · 2026년 3월 5일부터 함께해요');
    expect(people[1]).toHaveTextContent('보는 사람');
    expect(within(people[1]!).queryByText('나')).toBeNull();
    expect(screen.getByRole('navigation', { name: '주요 메뉴' })).toContainElement(
      screen.getByRole('link', { name: '가족과 권한' }),
    );
  });

  it('saves a changed role and says so', async () => {
    const user = userEvent.setup();
    const { routes } = accessServer();
    const { requests } = renderApp('/family/access', routes);
    await screen.findAllByTestId('person');
    await user.selectOptions(screen.getByRole('combobox', { name: /^역할\W+엄마$/ }), '작성자');
    await user.click(screen.getByRole('button', { name: '엄마 역할 저장하기' }));

    expect(await screen.findByText('엄마 님의 역할을 바꿨어요: 작성자')).toHaveAttribute('role', 'status');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/api/v1/families/f1/users/u2');
    expect(patch?.body).toEqual({ role: 'editor' });
    expect(row('u2')).toHaveTextContent('작성자 ·');
  });

  it('says plainly that the last owner cannot give up the role', async () => {
    const user = userEvent.setup();
    const { routes } = accessServer({ 'PATCH /api/v1/families/f1/users/u1': () => problem(409, 'conflict') });
    renderApp('/family/access', routes);
    await screen.findAllByTestId('person');
    await user.selectOptions(screen.getByRole('combobox', { name: /^역할\W+아빠$/ }), '보는 사람');
    await user.click(screen.getByRole('button', { name: '아빠 역할 저장하기' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '가족 보관함에는 관리자가 한 명은 꼭 있어야 해요. 다른 사람을 먼저 관리자로 정한 뒤에 다시 해 주세요.',
    );
    expect(row('u1')).toHaveTextContent('관리자 ·');
  });

  it('removes a person after saying what it means', async () => {
    const user = userEvent.setup();
    const { routes } = accessServer();
    const { requests } = renderApp('/family/access', routes);
    await screen.findAllByTestId('person');
    await user.click(screen.getByRole('button', { name: '엄마 가족 보관함에서 빼기' }));

    const question = screen.getByRole('group', { name: '엄마 님을 이 가족 보관함에서 뺄까요?' });
    expect(question).toHaveTextContent('빠진 사람은 이 가족의 기록을 더는 볼 수 없어요. 그동안 쓴 기록은 지워지지 않고 그대로 남아요.');
    expect(within(question).getByRole('button', { name: '취소' })).toHaveFocus();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(within(question).getByRole('button', { name: '빼기' }));
    expect(await screen.findByText('엄마 님을 뺐어요. 이제 이 가족의 기록을 볼 수 없어요.')).toHaveAttribute('role', 'status');
    expect(requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/v1/families/f1/users/u2');
    expect(screen.getAllByTestId('person')).toHaveLength(2);
  });

  it('cancelling the question removes nobody and gives focus back', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/family/access', accessServer().routes);
    await screen.findAllByTestId('person');
    await user.click(screen.getByRole('button', { name: '엄마 가족 보관함에서 빼기' }));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: '엄마 가족 보관함에서 빼기' })).toHaveFocus();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('an owner who leaves goes on to their other family', async () => {
    const user = userEvent.setup();
    const other = { id: 'f2', name: '할머니댁', role: 'editor' as const };
    let left = false;
    const { routes } = accessServer({
      'DELETE /api/v1/families/f1/users/u1': () => {
        left = true;
        return json(204, null);
      },
      'GET /api/v1/me': () =>
        json(200, { user: authBody(0).user, families: left ? [other] : [FAMILY, other] }),
      'GET /api/v1/families/f2/members': () => json(200, { items: [], next_cursor: null }),
      'GET /api/v1/families/f2/timeline': () => json(200, { group: 'month', buckets: [], next_cursor: null }),
    });
    renderApp('/family/access', routes);
    await screen.findAllByTestId('person');
    await user.click(screen.getByRole('button', { name: '아빠 가족 보관함에서 빼기' }));
    const question = screen.getByRole('group', { name: '이 가족 보관함에서 나갈까요?' });
    expect(question).toHaveTextContent('내가 쓴 기록은 그대로 남아요.');
    await user.click(within(question).getByRole('button', { name: '나가기' }));

    expect(await screen.findByRole('heading', { level: 1, name: '타임라인' })).toBeInTheDocument();
    expect(screen.getByText('할머니댁')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '가족과 권한' })).toBeNull();
  });

  it("links a child's account to another child: clears the old link, sets the new, each with If-Match", async () => {
    const user = userEvent.setup();
    const { routes, store } = accessServer();
    const { requests } = renderApp('/family/access', routes);
    await screen.findAllByTestId('person');
    expect(within(row('u2')).queryByLabelText(/이 계정의 아이/)).toBeNull();
    const select = within(row('u3')).getByLabelText(/이 계정의 아이/);
    expect(select).toHaveValue('m2');
    expect(row('u3')).toHaveTextContent('가족에게 공개된 기록 가운데 고른 아이에 대한 기록만 볼 수 있어요.');
    await user.selectOptions(select, '서준');
    await user.click(screen.getByRole('button', { name: '서윤 계정의 아이 저장하기' }));

    expect(await screen.findByText('서윤 계정과 연결한 아이: 서준')).toHaveAttribute('role', 'status');
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.path, r.body, r.headers['if-match']])).toEqual([
      ['/api/v1/families/f1/members/m2', { user_id: null }, '"1"'],
      ['/api/v1/families/f1/members/m1', { user_id: 'u3' }, '"1"'],
    ]);
    expect(store.members.map((m) => m.user_id)).toEqual(['u3', null]);
    await waitFor(() => expect(within(row('u3')).getByLabelText(/이 계정의 아이/)).toHaveValue('m1'));
  });

  it('a child changed elsewhere is loaded again and the owner is asked to save once more', async () => {
    const user = userEvent.setup();
    const { routes, store } = accessServer();
    renderApp('/family/access', routes);
    await screen.findAllByTestId('person');
    store.members[1] = { ...store.members[1]!, name: '서아', version: 2 };
    await user.selectOptions(within(row('u3')).getByLabelText(/이 계정의 아이/), '');
    await user.click(screen.getByRole('button', { name: '서윤 계정의 아이 저장하기' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('그사이 아이 정보가 다른 곳에서 바뀌어 저장하지 못했어요.');
    expect(await within(row('u3')).findByRole('option', { name: '서아' })).toBeInTheDocument();
  });

  it.each(['editor', 'viewer', 'child'] as const)('a %s is told that access is the owner’s, and asks nothing', async (role) => {
    const { requests } = renderApp('/family/access', { ...accessServer().routes, ...signedInAs(role) });
    expect(await screen.findByTestId('role-notice')).toHaveTextContent('가족과 권한은 관리자가 정해요');
    expect(screen.queryByRole('link', { name: '가족과 권한' })).toBeNull();
    expect(requests.some((r) => r.path.endsWith('/users'))).toBe(false);
  });
});
