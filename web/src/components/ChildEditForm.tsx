// Correcting a child in place: name, birthday (empty clears it) and relation. The form stays
// filled when the server says no; a child removed elsewhere is reported by the list.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import type { Member } from '../api/types';
import { useApiForm } from '../hooks/useApiForm';
import { ChildFields } from './ChildFields';
import { FormAlert, TextField } from './Field';

const FIELDS = ['name', 'birthdate', 'relation'] as const;

export function ChildEditForm({
  familyId,
  member,
  members,
  onSaved,
  onCancel,
  onGone,
}: {
  familyId: string;
  member: Member;
  members: Member[];
  onSaved: (member: Member) => void;
  onCancel: () => void;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(member.name);
  const [birthdate, setBirthdate] = useState(member.birthdate ?? '');
  const [relation, setRelation] = useState(member.relation ?? '');
  const form = useApiForm('child', FIELDS);
  const id = `child-${member.id}`;

  useEffect(() => document.getElementById(`${id}-name`)?.focus(), [id]);

  const submit = async () => {
    try {
      const saved = await api.updateMember(familyId, member.id, {
        name: name.trim(),
        birthdate: birthdate || null,
        relation: relation.trim() || null,
      });
      onSaved(saved);
    } catch (error) {
      if (isApiError(error) && error.code === 'not_found') onGone();
      else throw error;
    }
  };

  return (
    <form
      ref={form.formRef}
      className="form child-edit"
      noValidate
      aria-label={t('child.editLabel', { name: member.name })}
      onSubmit={form.handleSubmit(submit, name.trim() ? [] : ['name'])}
    >
      <FormAlert message={form.errors.message} />
      <ChildFields
        idPrefix={id}
        members={members}
        exceptId={member.id}
        name={name}
        onName={setName}
        birthdate={birthdate}
        onBirthdate={setBirthdate}
        errors={form.errors.fields}
      />
      <TextField
        id={`${id}-relation`}
        label={t('child.relation')}
        optional={t('child.optional')}
        error={form.errors.fields.relation}
        name="relation"
        autoComplete="off"
        maxLength={50}
        placeholder={t('child.relationPlaceholder')}
        value={relation}
        onChange={setRelation}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('child.saving') : t('child.save')}
        </button>
        <button type="button" className="button button--secondary" disabled={form.busy} onClick={onCancel}>
          {t('child.cancel')}
        </button>
      </div>
    </form>
  );
}
