// Adding a child: name and (optional) birthday. The form stays filled when the server says no;
// a name another child already has is pointed out, never refused.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Member } from '../api/types';
import { sameNames, useApiForm } from '../hooks/useApiForm';
import { ChildFields } from './ChildFields';
import { FormAlert } from './Field';

const FIELDS = sameNames(['name', 'birthdate']);

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
      onChange={form.onChange}
      className="form form--inline"
      noValidate
      onSubmit={(e) => {
        setAdded(null);
        form.handleSubmit(submit, name.trim() ? [] : ['name'])(e);
      }}
      aria-label={t('children.addTitle')}
    >
      <FormAlert message={form.errors.message} />
      <ChildFields
        idPrefix="child"
        members={members}
        name={name}
        onName={setName}
        birthdate={birthdate}
        onBirthdate={setBirthdate}
        errors={form.errors.fields}
        namePlaceholder={t('child.namePlaceholder')}
      />
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
