// Which child a child's own account belongs to. The link lives on the child profile
// (`Member.user_id`): saving clears it on the child linked before and sets it on the chosen one,
// each PATCH with If-Match on the child as this page read it. A child changed elsewhere meanwhile
// (412) is loaded again and the owner saves once more.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, etagOf, isApiError } from '../api';
import type { FamilyUser, Member } from '../api/types';
import { useApiForm } from '../hooks/useApiForm';
import { linkChanges, linkedChild } from '../lib/access';
import { Field, FormAlert } from './Field';

// The select names the child; the server names the value it refuses `user_id`.
const FIELDS = { child: 'user_id' };

export function ChildLinkForm({
  familyId,
  person,
  members,
  onSaved,
  reloadMembers,
}: {
  familyId: string;
  person: FamilyUser;
  members: Member[];
  onSaved: (child: Member | null) => void;
  reloadMembers: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const linked = linkedChild(members, person.user_id);
  // null until the owner picks: the select then follows the stored link.
  const [choice, setChoice] = useState<string | null>(null);
  const chosenId = choice ?? linked?.id ?? '';
  const form = useApiForm('access', FIELDS);
  const id = `link-${person.user_id}`;

  const submit = async () => {
    const changes = linkChanges(members, person.user_id, chosenId || null);
    try {
      for (const change of changes) {
        await api.updateMember(familyId, change.member.id, { user_id: change.user_id }, etagOf(change.member));
      }
    } catch (error) {
      // What did go through, and the child changed elsewhere, are shown as now stored.
      if (isApiError(error) && (error.code === 'precondition_failed' || error.code === 'not_found')) {
        await reloadMembers();
      }
      throw error;
    }
    await reloadMembers();
    setChoice(null);
    onSaved(members.find((m) => m.id === chosenId) ?? null);
  };

  return (
    <form
      ref={form.formRef}
      onChange={form.onChange}
      className="form access-link"
      noValidate
      onSubmit={form.handleSubmit(submit)}
    >
      <Field
        id={id}
        label={
          <>
            {t('access.childLink')}
            <span className="visually-hidden"> · {person.display_name}</span>
          </>
        }
        hint={t('access.childLinkHint')}
        error={form.errors.fields.child}
      >
        {(control) => (
          <select {...control} name="child" className="input" value={chosenId} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('access.childNone')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.user_id && m.user_id !== person.user_id
                  ? t('access.childLinkedElsewhere', { name: m.name })
                  : m.name}
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
          aria-label={t('access.saveLinkLabel', { name: person.display_name })}
        >
          {form.busy ? t('access.savingRole') : t('access.saveLink')}
        </button>
      </div>
    </form>
  );
}
