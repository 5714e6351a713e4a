// What a user whose role cannot do a page's job sees instead of a form that could only fail:
// their role, what it allows, and the way back.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '../api/types';
import { PageHeading } from './PageHeading';

export function RoleNotice({
  role,
  job,
  backTo,
  backLabel,
}: {
  role: Role;
  /** What the page is for: writing entries, or introducing children. */
  job: 'write' | 'children';
  backTo: string;
  backLabel: string;
}) {
  const { t } = useTranslation();
  const roleName = t(`role.${role}`);
  return (
    <div className="role-notice" data-testid="role-notice">
      <PageHeading title={job === 'write' ? t('roleNotice.writeTitle') : t('roleNotice.childrenTitle')} />
      <p className="lead">
        {job === 'write' ? t('roleNotice.write', { role: roleName }) : t('roleNotice.children', { role: roleName })}
      </p>
      <Link to={backTo} className="button button--primary">
        {backLabel}
      </Link>
    </div>
  );
}
