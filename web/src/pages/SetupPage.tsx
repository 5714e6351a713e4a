// First steps after signup: name the family archive, then introduce the children.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import type { Member, Role } from '../api/types';
import { useSession } from '../auth/session';
import { AuthLayout } from '../components/AuthLayout';
import { ChildForm } from '../components/ChildForm';
import { ChildList } from '../components/ChildList';
import { ErrorPanel } from '../components/ErrorPanel';
import { FormAlert, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { RoleNotice } from '../components/RoleNotice';
import { useApiForm } from '../hooks/useApiForm';
import { canManageChildren } from '../lib/permissions';

// The family's name is `name` to the API, and its input is named `family_name`.
const FAMILY_FIELDS = { family_name: 'name' } as const;

export function SetupPage() {
  const { family } = useSession();
  if (!family) return <FamilyStep />;
  if (!canManageChildren(family.role)) return <NotOwnerStep role={family.role} />;
  return <ChildrenStep familyId={family.id} />;
}

/** Someone who joined a family can open /setup too; only its owner may add children. */
function NotOwnerStep({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <AuthLayout>
      <RoleNotice role={role} job="children" backTo="/" backLabel={t('roleNotice.toTimeline')} />
    </AuthLayout>
  );
}

function FamilyStep() {
  const { t } = useTranslation();
  const { reloadMe, selectFamily } = useSession();
  const [name, setName] = useState('');
  const form = useApiForm('family', FAMILY_FIELDS);

  const submit = async () => {
    const family = await api.createFamily(name.trim());
    selectFamily(family.id);
    await reloadMe();
  };

  return (
    <AuthLayout>
      <p className="step">1 / 2</p>
      <PageHeading title={t('setup.familyTitle')} />
      <p className="lead">{t('setup.familyLead')}</p>
      <form
        ref={form.formRef}
        onChange={form.onChange}
        className="form"
        noValidate
        onSubmit={form.handleSubmit(submit, name.trim() ? [] : ['name'])}
      >
        <FormAlert message={form.errors.message} />
        <TextField
          id="family-name"
          label={t('setup.familyName')}
          error={form.errors.fields.family_name}
          name="family_name"
          autoComplete="off"
          placeholder={t('setup.familyNamePlaceholder')}
          value={name}
          onChange={setName}
        />
        <button type="submit" className="button button--primary button--block" disabled={form.busy}>
          {t('setup.createFamily')}
        </button>
      </form>
    </AuthLayout>
  );
}

function ChildrenStep({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Always the server's list, in its order (by birthdate), so each child keeps its color.
  const load = useCallback(() => {
    api.listMembers(familyId).then(setMembers, setError);
  }, [familyId]);
  useEffect(load, [load]);

  return (
    <AuthLayout>
      <p className="step">2 / 2</p>
      <PageHeading title={t('setup.childrenTitle')} />
      <p className="lead">{t('setup.childrenLead')}</p>
      {error !== null && <ErrorPanel error={error} />}
      <ChildForm familyId={familyId} members={members ?? []} onAdded={load} />
      {members && members.length > 0 && (
        <section className="section" aria-labelledby="setup-children">
          <h2 id="setup-children" className="section__title">
            {t('child.listTitle')}
          </h2>
          <ChildList members={members} manage={{ familyId, onChanged: load }} />
        </section>
      )}
      <div className="form__actions form__actions--end">
        <button type="button" className="button button--primary" onClick={() => navigate('/')}>
          {members && members.length > 0 ? t('setup.done') : t('setup.skip')}
        </button>
      </div>
    </AuthLayout>
  );
}
