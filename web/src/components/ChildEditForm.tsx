// Correcting a child in place: name, birthday (empty clears it) and relation. The save carries
// the version the form was written on (If-Match), so it cannot undo a correction saved
// elsewhere meanwhile. When that happened (412), the form fetches the child as stored, keeps
// what the parent typed, takes the other change into the fields they had left alone, and shows
// what is stored now (ChildConflict); the next save goes out on the new version. The form stays
// filled when the server says no; a child removed elsewhere is reported by the list.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, etagOf, isApiError } from '../api';
import type { Member } from '../api/types';
import { sameNames, useApiForm } from '../hooks/useApiForm';
import {
  CHILD_FIELDS, childValues, differentFields, mergeStored, type ChildField, type ChildValues,
} from '../lib/children';
import { ChildConflict } from './ChildConflict';
import { ChildFields } from './ChildFields';
import { FormAlert, TextField } from './Field';

interface Conflict {
  stored: Member;
  taken: ChildField[];
}

const FIELDS = sameNames(CHILD_FIELDS);

export function ChildEditForm({
  familyId,
  member,
  members,
  onSaved,
  onStale,
  onCancel,
  onGone,
}: {
  familyId: string;
  member: Member;
  members: Member[];
  onSaved: (member: Member) => void;
  /** The child was changed elsewhere: the list should load it as stored. */
  onStale: () => void;
  onCancel: () => void;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  // The child as stored when the form's values were written on it; its ETag goes as If-Match.
  const [base, setBase] = useState(member);
  const [values, setValues] = useState<ChildValues>(() => childValues(member));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [tookStored, setTookStored] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = useApiForm('child', FIELDS);
  const id = `child-${member.id}`;
  const setField = (field: ChildField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  useEffect(() => document.getElementById(`${id}-name`)?.focus(), [id]);
  // After a refused save, what is stored now is the next thing to read.
  useEffect(() => {
    if (refusals > 0) headingRef.current?.focus();
  }, [refusals]);

  const submit = async () => {
    try {
      const body = {
        name: values.name.trim(),
        birthdate: values.birthdate || null,
        relation: values.relation.trim() || null,
      };
      onSaved(await api.updateMember(familyId, member.id, body, etagOf(base)));
    } catch (error) {
      if (isApiError(error) && error.code === 'not_found') return onGone();
      if (!isApiError(error) || error.code !== 'precondition_failed') throw error;
      await changedElsewhere(error);
    }
  };

  // If the child cannot be fetched, the refusal stands: the form says the child changed.
  const changedElsewhere = async (refusal: unknown) => {
    const stored = await api.getMember(familyId, member.id).catch((error: unknown) => {
      if (isApiError(error) && error.code === 'not_found') return null;
      throw refusal;
    });
    if (stored === null) return onGone();
    if (stored.version <= base.version) throw refusal;
    const merged = mergeStored(childValues(base), childValues(stored), values);
    // The other change already says all this form meant to say: nothing is left to choose.
    if (differentFields(merged.values, childValues(stored)).length === 0) return onSaved(stored);
    setBase(stored);
    setValues(merged.values);
    setConflict({ stored, taken: merged.taken });
    setTookStored(false);
    setRefusals((n) => n + 1);
    onStale();
  };

  const takeStored = () => {
    if (!conflict) return;
    setValues(childValues(conflict.stored));
    setConflict(null);
    setTookStored(true);
    form.clear();
    document.getElementById(`${id}-name`)?.focus();
  };

  return (
    <form
      ref={form.formRef}
      onChange={form.onChange}
      className="form child-edit"
      noValidate
      aria-label={t('child.editLabel', { name: member.name })}
      onSubmit={form.handleSubmit(submit, values.name.trim() ? [] : ['name'])}
    >
      {conflict && (
        <ChildConflict
          idPrefix={id}
          stored={conflict.stored}
          mine={values}
          taken={conflict.taken}
          busy={form.busy}
          headingRef={headingRef}
          onTakeStored={takeStored}
        />
      )}
      {tookStored && (
        <p className="alert alert--info" role="status">
          {t('child.conflictTook')}
        </p>
      )}
      <FormAlert message={form.errors.message} />
      <ChildFields
        idPrefix={id}
        members={members}
        exceptId={member.id}
        name={values.name}
        onName={setField('name')}
        birthdate={values.birthdate}
        onBirthdate={setField('birthdate')}
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
        value={values.relation}
        onChange={setField('relation')}
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
