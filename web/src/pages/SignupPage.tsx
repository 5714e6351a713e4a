import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { AuthLayout } from '../components/AuthLayout';
import { FormAlert, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { sameNames, useApiForm } from '../hooks/useApiForm';
import { currentLanguage } from '../i18n';

const FIELDS = sameNames(['email', 'password', 'display_name']);

export function SignupPage() {
  const { t } = useTranslation();
  const { signup } = useSession();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Supabase may ask the user to confirm the email before the first sign-in.
  const [confirmEmail, setConfirmEmail] = useState(false);
  const form = useApiForm('signup', FIELDS);

  // Only emptiness is checked here; every other rule is the server's, shown the same way.
  const missing = [
    !displayName.trim() && 'display_name',
    !email.trim() && 'email',
    !password && 'password',
  ].filter(Boolean) as string[];

  const submit = async () => {
    const outcome = await signup({
      email: email.trim(),
      password,
      display_name: displayName.trim(),
      locale: currentLanguage(),
    });
    if (outcome === 'confirmEmail') {
      setPassword('');
      setConfirmEmail(true);
    }
  };

  return (
    <AuthLayout>
      <PageHeading title={t('auth.signupTitle')} />
      <p className="lead">{t('auth.signupLead')}</p>
      {confirmEmail && (
        <p className="alert alert--info" role="status">
          {t('auth.confirmEmail')}
        </p>
      )}
      <form
        ref={form.formRef}
        onChange={form.onChange}
        className="form"
        noValidate
        onSubmit={form.handleSubmit(submit, missing)}
      >
        <FormAlert message={form.errors.message} />
        <TextField
          id="signup-name"
          label={t('auth.displayName')}
          hint={t('auth.displayNameHint')}
          error={form.errors.fields.display_name}
          name="display_name"
          autoComplete="nickname"
          value={displayName}
          onChange={setDisplayName}
        />
        <TextField
          id="signup-email"
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
          id="signup-password"
          label={t('auth.password')}
          hint={t('auth.passwordHint')}
          error={form.errors.fields.password}
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button button--primary button--block" disabled={form.busy}>
          {form.busy ? t('auth.submitting') : t('auth.signupSubmit')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.haveAccount')} <Link to="/login">{t('auth.toLogin')}</Link>
      </p>
    </AuthLayout>
  );
}
