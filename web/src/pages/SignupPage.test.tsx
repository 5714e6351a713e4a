import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/http';
import { renderApp } from '../test/render';

describe('SignupPage', () => {
  it('shows the server validation next to the password and keeps the form', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp(
      '/signup',
      {
        'POST /api/v1/auth/signup': () =>
          problem(400, 'validation_failed', { errors: [{ field: 'password', message: 'must be at least 8 characters' }] }),
      },
      false,
    );
    await user.type(screen.getByLabelText('이름'), '아빠');
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'short');
    await user.click(screen.getByRole('button', { name: '가입하기' }));

    const password = screen.getByLabelText('비밀번호');
    expect(await screen.findByText('비밀번호를 8자 이상으로 정해 주세요.')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/8자 이상으로 정해 주세요\..*비밀번호를 8자 이상으로 정해 주세요\./);
    expect(screen.getByLabelText('이름')).toHaveValue('아빠');
    expect(screen.getByLabelText('이메일')).toHaveValue('dad@example.com');
    expect(requests[0].body).toMatchObject({ locale: 'ko', display_name: '아빠' });
  });

  it('puts a taken email next to the email field', async () => {
    const user = userEvent.setup();
    renderApp('/signup', { 'POST /api/v1/auth/signup': () => problem(409, 'conflict') }, false);
    await user.type(screen.getByLabelText('이름'), '아빠');
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'a long password');
    await user.click(screen.getByRole('button', { name: '가입하기' }));
    expect(await screen.findByText('이미 가입된 이메일이에요. 로그인해 보세요.')).toBeInTheDocument();
    expect(screen.getByLabelText('이메일')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says an empty name is empty and a long one too long, not both at once', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp(
      '/signup',
      {
        'POST /api/v1/auth/signup': () =>
          problem(400, 'validation_failed', { errors: [{ field: 'display_name', message: 'must be at most 100 characters' }] }),
      },
      false,
    );
    await user.type(screen.getByLabelText('이메일'), 'dad@example.com');
    await user.type(screen.getByLabelText('비밀번호'), 'a long password');
    await user.click(screen.getByRole('button', { name: '가입하기' }));
    const name = screen.getByLabelText('이름');
    expect(name).toHaveAccessibleDescription(/이름을 적어 주세요\.$/);
    expect(requests).toHaveLength(0);

    await user.type(name, '아빠');
    await user.click(screen.getByRole('button', { name: '가입하기' }));
    expect(await screen.findByText('이름을 100자 이내로 줄여 주세요.')).toBeInTheDocument();
  });
});
