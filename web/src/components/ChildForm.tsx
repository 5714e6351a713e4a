// Adding a child: name and (optional) birthday. The form stays filled when the server says no;
// a name another child already has is pointed out, never refused.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Member } from '../api/types';
import { useApiForm } from '../hooks/useApiForm';
import { currentLanguage } from '../i18n';
import { sameNameWarning } from '../lib/children';
import { todayLocal } from '../lib/dates';
import { FormAlert, TextField } from './Field';

const FIELDS = ['name', 'birthdate'] as const;

export function ChildForm({
  familyId,
  members,
  onAdded,
}: {
  familyId: string;
  /** The children already there, to point out a name that is taken. */
  members: Member[];
  onAdded: (m: Member) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [birthdate, setBirthdate] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const form = useApiForm('child', FIELDS);

  const submit = async () => {
    const member = await api.createMember(familyId, {
      name: name.trim(),
      ...(birthdate ? { birthdate } : {}),
    });
    setName('');
    setBirthdate('');
    setAdded(member.name);
    onAdded(member);
  };

  return (
    <form
      ref={form.formRef}
      className="form form--inline"
      noValidate
      onSubmit={(e) => {
        setAdded(null);
        form.handleSubmit(submit, name.trim() ? [] : ['name'])(e);
      }}
      aria-label={t('children.addTitle')}
    >
      <FormAlert message={form.errors.message} />
      <div className="form__row">
        <TextField
          id="child-name"
          label={t('child.name')}
          warning={sameNameWarning(members, name, t, currentLanguage())}
          error={form.errors.fields.name}
          name="name"
          autoComplete="off"
          placeholder={t('child.namePlaceholder')}
          value={name}
          onChange={setName}
        />
        <TextField
          id="child-birthdate"
          label={t('child.birthdate')}
          hint={t('child.birthdateHint')}
          error={form.errors.fields.birthdate}
          type="date"
          name="birthdate"
          min="1900-01-01"
          max={todayLocal()}
          value={birthdate}
          onChange={setBirthdate}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={form.busy}>
          {form.busy ? t('child.adding') : t('child.add')}
        </button>
        <p className="form__status" role="status">
          {added && t('child.added', { name: added })}
        </p>
      </div>
    </form>
  );
}
