// One person's role, chosen from the four and saved explicitly. A change the server refuses
// because the family would be left without an owner (409) says so in a plain sentence.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { FamilyUser, Role } from '../api/types';
import { sameNames, useApiForm } from '../hooks/useApiForm';
import { Field, FormAlert } from './Field';

export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer', 'child'];

const FIELDS = sameNames(['role']);

export function RoleForm({
  familyId,
  person,
  onSaved,
}: {
  familyId: string;
  person: FamilyUser;
  onSaved: (saved: FamilyUser) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(person.role);
  const form = useApiForm('access', FIELDS);
  const id = `role-${person.user_id}`;

  const submit = async () => {
    onSaved(await api.changeRole(familyId, person.user_id, role));
  };

  return (
    <form
      ref={form.formRef}
      onChange={form.onChange}
      className="form access-role"
      noValidate
      onSubmit={form.handleSubmit(submit)}
    >
      <Field
        id={id}
        label={
          <>
            {t('access.role')}
            <span className="visually-hidden"> · {person.display_name}</span>
          </>
        }
        error={form.errors.fields.role}
      >
        {(control) => (
          <select
            {...control}
            name="role"
            className="input"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormAlert message={form.errors.message} />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--secondary"
          disabled={form.busy}
          aria-label={t('access.saveRoleLabel', { name: person.display_name })}
        >
          {form.busy ? t('access.savingRole') : t('access.saveRole')}
        </button>
      </div>
    </form>
  );
}
