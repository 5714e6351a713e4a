import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authBody, json, problem } from '../test/http';
import { member, renderApp, signedInAs } from '../test/render';

const withMembers = {
  'GET /api/v1/families/f1/members': () => json(200, { items: [member('m1', '서윤', '2025-01-02')], next_cursor: null }),
};

describe('SetupPage, children step', () => {
  it('lets the owner add children', async () => {
    renderApp('/setup', withMembers);
    expect(await screen.findByRole('heading', { level: 1, name: '아이들을 소개해 주세요' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '아이 추가하기' })).toBeInTheDocument();
  });

  it.each([
    ['viewer', '보는 사람'],
    ['editor', '작성자'],
  ] as const)('tells a %s that only the owner adds children, without a form', async (role, roleName) => {
    renderApp('/setup', { ...withMembers, ...signedInAs(role) });
    expect(await screen.findByRole('heading', { level: 1, name: '아이 소개는 관리자가 해요' })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`‘${roleName}’ 역할로 함께하고 있어요`))).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '타임라인으로 가기' })).toHaveAttribute('href', '/');
    expect(screen.queryByLabelText('아이 이름')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '아이 추가하기' })).not.toBeInTheDocument();
  });
});

describe('SetupPage, family step', () => {
  it('shows what the server says of the family’s `name` beside its input, until the name changes', async () => {
    const user = userEvent.setup();
    renderApp('/setup', {
      'GET /api/v1/me': () => json(200, { user: authBody(0).user, families: [] }),
      'POST /api/v1/families': () =>
        problem(400, 'validation_failed', { errors: [{ field: 'name', message: 'must be at most 100 characters' }] }),
    });
    const name = await screen.findByLabelText('가족 이름');
    await user.type(name, '아주 긴 이름');
    await user.click(screen.getByRole('button', { name: '보관함 만들기' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('가족 이름을 100자 이내로 줄여 주세요.'));
    expect(name).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.type(name, '!');
    expect(name).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(/100자 이내로/)).not.toBeInTheDocument();
  });
});
