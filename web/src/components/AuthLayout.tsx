// The calm, centered frame of the pages before the app: login, signup, family setup.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

export function AuthLayout({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <header className="auth__top">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">♥</span>
          <span className="brand__name">{t('app.name')}</span>
        </span>
        <div className="auth__top-actions">
          {aside}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="auth__main">
        <div className="auth__card">{children}</div>
        <p className="auth__tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
