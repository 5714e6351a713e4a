import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/http';
import { renderApp } from '../test/render';

describe('LoginPage', () => {
  it('shows a wrong password as a sentence and keeps what was typed', async () => {
    const user = userEvent.setup();
    renderApp('/login', { 'POST /api/v1/auth/login': () => problem(401, 'unauthenticated') }, false);
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'wrong password');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이메일 또는 비밀번호가 맞지 않아요.');
    expect(screen.getByLabelText('이메일')).toHaveValue('dad@example.com');
    expect(screen.getByLabelText('비밀번호')).toHaveValue('wrong password');
    expect(screen.queryByText(/unauthenticated|detail/)).not.toBeInTheDocument();
  });

  it('marks empty fields next to them without calling the server', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/login', {}, false);
    await user.click(screen.getByRole('button', { name: '로그인' }));
    const email = screen.getByLabelText('이메일');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('이메일 주소를 적어 주세요.');
    await waitFor(() => expect(email).toHaveFocus());
    expect(requests).toHaveLength(0);

    // Typing the email takes its mark away; the password is still empty and still marked.
    await user.type(email, 'dad@example.com');
    expect(email).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('비밀번호')).toHaveAccessibleDescription('비밀번호를 적어 주세요.');
  });

  it('says so when the session expired', async () => {
    renderApp('/login?next=%2Fentries%2Fe1&reason=expired', {}, false);
    expect(await screen.findByText(/로그인이 만료되었어요/)).toBeInTheDocument();
  });
});
