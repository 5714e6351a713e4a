import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Member } from '../api/types';
import { json, problem, type Recorded } from '../test/http';
import { entry, member, renderApp, signedInAs } from '../test/render';

/** The family's children as the server holds them. */
const childStore = () => ({
  items: [member('m1', '서윤', '2025-01-02'), member('m2', '서윤', '2024-03-04'), member('m3', '서준', null)] as Member[],
});

/** Another owner's save, straight into the store: the child's version goes up. */
function changeElsewhere(store: ReturnType<typeof childStore>, id: string, change: Partial<Member>) {
  store.items = store.items.map((m) => (m.id === id ? { ...m, ...change, version: m.version + 1 } : m));
}

/** The API over `store`; PATCH (honouring If-Match, as the server does) and DELETE change it. */
function childrenServer(extra: Record<string, (req: Recorded) => Response> = {}, store = childStore()) {
  const m2 = () => store.items.find((m) => m.id === 'm2');
  const stored = () => {
    const child = m2();
    return child ? json(200, child, { ETag: `"${child.version}"` }) : problem(404, 'not_found');
  };
  return {
    'GET /api/v1/families/f1/members': () => json(200, { items: store.items, next_cursor: null }),
    'GET /api/v1/families/f1/members/m2': stored,
    'PATCH /api/v1/families/f1/members/m2': (req: Recorded) => {
      const ifMatch = req.headers['if-match'];
      if (!m2()) return problem(404, 'not_found');
      if (ifMatch && ifMatch !== `"${m2()!.version}"`) return problem(412, 'precondition_failed');
      changeElsewhere(store, 'm2', req.body as Partial<Member>);
      return stored();
    },
    'DELETE /api/v1/families/f1/members/m2': () => {
      store.items = store.items.filter((m) => m.id !== 'm2');
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
    expect(patch?.headers['if-match']).toBe('"1"');
    await waitFor(() => expect(rows()[1]).toHaveTextContent('서아딸 · 생일 미등록'));
    expect(screen.getByRole('button', { name: '서아 정보 고치기' })).toHaveFocus();
  });

  /**
   * Opens 서윤 (m2, born 2024-03-04) for editing; another owner then renames it 서아 and makes it
   * 딸, and this parent, not knowing, changes its birthday and makes it 아들 and saves.
   */
  async function saveAfterAnotherOwner() {
    const user = userEvent.setup();
    const store = childStore();
    const app = renderApp('/children', childrenServer({}, store));
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 정보 고치기' }));
    changeElsewhere(store, 'm2', { name: '서아', relation: '딸' });
    const field = (name: 'name' | 'birthdate' | 'relation') => document.getElementById(`child-m2-${name}`)!;
    await user.clear(field('birthdate'));
    await user.type(field('birthdate'), '2024-05-06');
    await user.type(field('relation'), '아들');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    const notice = await screen.findByTestId('child-conflict');
    return { ...app, user, store, field, notice };
  }

  it('shows what another owner saved first, keeps what was typed, and saves on the new version', async () => {
    const { user, requests, field, notice } = await saveAfterAnotherOwner();
    const patches = () => requests.filter((r) => r.method === 'PATCH');
    expect(patches()[0]?.headers['if-match']).toBe('"1"');
    expect(within(notice).getByRole('heading', { name: '그사이 누군가 이 아이의 정보를 먼저 고쳤어요' })).toHaveFocus();
    // What is stored now, where it differs from the form or was taken into it.
    expect(notice.querySelector('dl')).toHaveTextContent(
      '아이 이름서아이 칸은 고치지 않으셔서, 새로 저장된 값으로 바꿔 두었어요.' +
        '생일2024년 3월 4일칸에 적은 값: 2024년 5월 6일' +
        '관계딸칸에 적은 값: 아들',
    );
    // The typed fields stay; the untouched name takes the other owner's correction.
    expect(field('name')).toHaveValue('서아');
    expect(field('birthdate')).toHaveValue('2024-05-06');
    expect(field('relation')).toHaveValue('아들');
    // The list behind asks for the children again.
    expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/families/f1/members')).toHaveLength(2);

    await user.click(within(notice).getByRole('button', { name: '칸에 있는 내용으로 저장하기' }));
    expect(await screen.findByText('고쳤어요: 서아')).toHaveAttribute('role', 'status');
    expect(patches()).toHaveLength(2);
    expect(patches()[1]?.headers['if-match']).toBe('"2"');
    expect(patches()[1]?.body).toEqual({ name: '서아', birthdate: '2024-05-06', relation: '아들' });
    await waitFor(() => expect(rows()[1]).toHaveTextContent(/^서아아들 · 2024년 5월 6일 출생/));
  });

  it('fills the form with what is stored when the parent takes it, and the list shows it', async () => {
    const { user, requests, field, notice } = await saveAfterAnotherOwner();
    await user.click(within(notice).getByRole('button', { name: '저장된 내용 불러오기' }));
    expect(screen.queryByTestId('child-conflict')).not.toBeInTheDocument();
    expect(screen.getByText('지금 저장된 내용을 칸에 불러왔어요.')).toHaveAttribute('role', 'status');
    expect(field('name')).toHaveValue('서아');
    expect(field('name')).toHaveFocus();
    expect(field('birthdate')).toHaveValue('2024-03-04');
    expect(field('relation')).toHaveValue('딸');

    await user.click(screen.getByRole('button', { name: '취소' }));
    expect(rows()[1]).toHaveTextContent(/^서아딸 · 2024년 3월 4일 출생/);
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
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

  it('drops a field’s error once its value changes, keeping the other field’s', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/children', {
      ...childrenServer(),
      'POST /api/v1/families/f1/members': () =>
        problem(400, 'validation_failed', {
          errors: [
            { field: 'name', message: 'must be at most 100 characters' },
            { field: 'birthdate', message: 'must not be after today' },
          ],
        }),
    });
    const add = await screen.findByRole('form', { name: '아이 추가' });
    const name = within(add).getByLabelText('아이 이름');
    const birthdate = within(add).getByLabelText('생일');
    await user.type(name, '가'.repeat(101));
    await user.click(within(add).getByRole('button', { name: '아이 추가하기' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('아이 이름을 100자 이내로 줄여 주세요.'));
    expect(name).toHaveFocus();
    expect(birthdate).toHaveAttribute('aria-invalid', 'true');

    await user.clear(name);
    await user.type(name, '서아');
    expect(name).not.toHaveAttribute('aria-invalid');
    expect(within(add).queryByText(/100자 이내로/)).not.toBeInTheDocument();
    // The birthday was not touched: what the server said of it still stands.
    expect(birthdate).toHaveAccessibleDescription(/생일은 1900년 1월 1일부터 오늘까지의 날짜로 골라 주세요\./);
    expect(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/members'))).toHaveLength(1);
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

  it('says so when the child being corrected was removed elsewhere, and its row goes', async () => {
    const user = userEvent.setup();
    const store = childStore();
    renderApp('/children', childrenServer({}, store));
    await screen.findAllByTestId('child');
    await user.click(within(rows()[1]!).getByRole('button', { name: '서윤 정보 고치기' }));
    store.items = store.items.filter((m) => m.id !== 'm2');
    await user.type(screen.getByLabelText('아이 이름', { selector: '#child-m2-name' }), '이');
    await user.click(screen.getByRole('button', { name: '저장하기' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이 아이를 찾을 수 없어요. 다른 곳에서 이미 지워졌을 수 있어요.');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole('form', { name: /정보 고치기/ })).not.toBeInTheDocument();
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
