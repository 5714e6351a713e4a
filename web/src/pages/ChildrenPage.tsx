import { useTranslation } from 'react-i18next';
import { useFamily } from '../auth/family';
import { ChildForm } from '../components/ChildForm';
import { ChildList } from '../components/ChildList';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';

export function ChildrenPage() {
  const { t } = useTranslation();
  const { family, members, membersLoaded, membersError, reloadMembers, canManageChildren } = useFamily();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('children.title')} />
      <p className="lead">{t('children.lead')}</p>
      {membersError !== null && <ErrorPanel error={membersError} onRetry={() => void reloadMembers()} />}
      {membersLoaded ? (
        <ChildList
          members={members}
          manage={canManageChildren ? { familyId: family.id, onChanged: () => void reloadMembers() } : undefined}
        />
      ) : (
        <Splash />
      )}
      <section className="card section" aria-labelledby="add-child">
        <h2 id="add-child" className="section__title">
          {t('children.addTitle')}
        </h2>
        {canManageChildren ? (
          <ChildForm familyId={family.id} members={members} onAdded={() => void reloadMembers()} />
        ) : (
          <p className="alert alert--info">{t('child.ownerOnly')}</p>
        )}
      </section>
    </div>
  );
}
