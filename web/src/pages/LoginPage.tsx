import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { AuthLayout } from '../components/AuthLayout';
import { FormAlert, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { sameNames, useApiForm } from '../hooks/useApiForm';

const FIELDS = sameNames(['email', 'password']);

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useApiForm('login', FIELDS);
  const reason = params.get('reason');
  const signupHref = params.get('next') ? `/signup?next=${encodeURIComponent(params.get('next')!)}` : '/signup';

  const missing = [!email.trim() && 'email', !password && 'password'].filter(Boolean) as string[];

  return (
    <AuthLayout>
      <PageHeading title={t('auth.loginTitle')} />
      <p className="lead">{t('auth.loginLead')}</p>
      {reason === 'expired' && <p className="alert alert--info">{t('auth.expired')}</p>}
      {reason === 'signedOut' && <p className="alert alert--info">{t('auth.signedOut')}</p>}
      <form
        ref={form.formRef}
        onChange={form.onChange}
        className="form"
        noValidate
        onSubmit={form.handleSubmit(() => login(email.trim(), password), missing)}
      >
        <FormAlert message={form.errors.message} />
        <TextField
          id="login-email"
          label={t('auth.email')}
          error={form.errors.fields.email}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="login-password"
          label={t('auth.password')}
          error={form.errors.fields.password}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button button--primary button--block" disabled={form.busy}>
          {form.busy ? t('auth.submitting') : t('auth.loginSubmit')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.noAccount')} <Link to={signupHref}>{t('auth.toSignup')}</Link>
      </p>
    </AuthLayout>
  );
}
