// One button that switches between 한국어 and English; the choice is kept in this browser, and
// `onSwitched` lets a signed-in page keep it on the account too.
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { currentLanguage, setLanguage } from '../i18n';

export function LanguageSwitch({
  className = '',
  onSwitched,
}: {
  className?: string;
  onSwitched?: (lang: Locale) => void;
}) {
  const { t } = useTranslation();
  const next = currentLanguage() === 'ko' ? 'en' : 'ko';
  return (
    <button
      type="button"
      className={`button button--quiet lang-switch ${className}`.trim()}
      lang={next}
      aria-label={t('lang.switchToLabel')}
      onClick={() => {
        setLanguage(next);
        onSwitched?.(next);
      }}
    >
      <span aria-hidden="true" className="lang-switch__globe">
        <GlobeIcon />
      </span>
      {t('lang.switchTo')}
    </button>
  );
}

function GlobeIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}
