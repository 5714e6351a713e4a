// A failed page load, said kindly, with a way to try again.
import { useTranslation } from 'react-i18next';
import { describeError, type ErrorContext } from '../i18n/errors';

export function ErrorPanel({
  error,
  onRetry,
  context,
  titled = true,
}: {
  error: unknown;
  onRetry?: () => void;
  context?: ErrorContext;
  /** False when the page's own heading already says that something went wrong. */
  titled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = describeError(error, t, context);
  return (
    <div className="panel panel--error" role="alert">
      {titled && <p className="panel__title">{t('errors.title')}</p>}
      <p>{message ?? t('errors.generic')}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
