import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../components/AuthLayout';
import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <AuthLayout>
      <PageHeading title={t('notFound.title')} />
      <p className="lead">{t('notFound.lead')}</p>
      <Link to="/" className="button button--primary">
        {t('notFound.home')}
      </Link>
    </AuthLayout>
  );
}
