// Correcting a child in place: name, birthday (empty clears it) and relation. The form stays
// filled when the server says no; a child removed elsewhere is reported by the list.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import type { Member } from '../api/types';
import { useApiForm } from '../hooks/useApiForm';
import { currentLanguage } from '../i18n';
import { sameNameWarning } from '../lib/children';
import { todayLocal } from '../lib/dates';
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
      <div className="form__row">
        <TextField
          id={`${id}-name`}
          label={t('child.name')}
          warning={sameNameWarning(members, name, t, currentLanguage(), member.id)}
          error={form.errors.fields.name}
          name="name"
          autoComplete="off"
          value={name}
          onChange={setName}
        />
        <TextField
          id={`${id}-birthdate`}
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
