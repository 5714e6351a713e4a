// The app shell: brand, family, main navigation, language and logout; pages go in <main>.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { api } from '../api';
import { useFamily } from '../auth/family';
import { useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { PenIcon } from './icons';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout, selectFamily } = useSession();
  const { family, canWrite, canManageAccess } = useFamily();
  const navigate = useNavigate();
  const families = me?.families ?? [];

  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'nav__link nav__link--active' : 'nav__link';

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">♥</span>
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          {families.length > 1 ? (
            <label className="family-select">
              <span className="visually-hidden">{t('nav.family')}</span>
              <select value={family.id} onChange={(e) => { selectFamily(e.target.value); navigate('/'); }}>
                {families.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="family-name">{family.name}</span>
          )}
          <div className="topbar__actions">
            {/* Best effort: the account's language also names the server's timeline labels. */}
            <LanguageSwitch onSwitched={(locale) => void api.updateMe({ locale }).catch(() => undefined)} />
            <button type="button" className="button button--quiet" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          </div>
        </div>
        <nav className="nav" aria-label={t('nav.label')}>
          <div className="nav__inner">
            <NavLink to="/" end className={navClass}>
              {t('nav.timeline')}
            </NavLink>
            <NavLink to="/search" className={navClass}>
              {t('nav.search')}
            </NavLink>
            <NavLink to="/chat" className={navClass}>
              {t('nav.chat')}
            </NavLink>
            <NavLink to="/emotions" className={navClass}>
              {t('nav.emotions')}
            </NavLink>
            <NavLink to="/children" className={navClass}>
              {t('nav.children')}
            </NavLink>
            <NavLink to="/trash" className={navClass}>
              {t('nav.trash')}
            </NavLink>
            {canManageAccess && (
              <NavLink to="/family/access" className={navClass}>
                {t('nav.access')}
              </NavLink>
            )}
            {canWrite && (
              <Link to="/entries/new" className="button button--primary nav__write">
                <PenIcon /> {t('nav.write')}
              </Link>
            )}
          </div>
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
