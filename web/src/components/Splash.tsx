import { useTranslation } from 'react-i18next';

/** Shown while the session or a page's first data is loading. */
export function Splash({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status">
      <span className="splash__dot" aria-hidden="true" />
      <span>{label ?? t('app.loading')}</span>
    </div>
  );
}
