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
  /** What the page is for: writing entries, changing another's entry, introducing children, or access. */
  job: 'write' | 'entry' | 'children' | 'access';
  backTo: string;
  backLabel: string;
}) {
  const { t } = useTranslation();
  const roleName = t(`role.${role}`);
  return (
    <div className="role-notice" data-testid="role-notice">
      <PageHeading title={t(`roleNotice.${job}Title`)} />
      <p className="lead">{t(`roleNotice.${job}`, { role: roleName })}</p>
      <Link to={backTo} className="button button--primary">
        {backLabel}
      </Link>
    </div>
  );
}
