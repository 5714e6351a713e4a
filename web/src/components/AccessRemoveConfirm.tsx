// Taking a person's access away, after saying what it means: they no longer see the family's
// entries, and what they wrote stays. For the signed-in owner it reads as leaving. Cancel takes
// focus, so Enter twice removes nobody.
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { FamilyUser } from '../api/types';
import { useRemoval } from '../hooks/useRemoval';
import { describeError } from '../i18n/errors';

export function AccessRemoveConfirm({
  familyId,
  person,
  isMe,
  onRemoved,
  onCancel,
  onGone,
}: {
  familyId: string;
  person: FamilyUser;
  isMe: boolean;
  onRemoved: () => void;
  onCancel: () => void;
  /** The server no longer knows them in this family (removed elsewhere). */
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, remove, cancelRef } = useRemoval(
    () => api.removeFamilyUser(familyId, person.user_id),
    onRemoved,
    onGone,
  );
  const questionId = `remove-${person.user_id}`;

  return (
    <div role="group" aria-labelledby={questionId} className="child-remove" data-testid="access-remove">
      <p id={questionId} className="child-remove__question">
        {isMe ? t('access.leaveQuestion') : t('access.removeQuestion', { name: person.display_name })}
      </p>
      <p>{isMe ? t('access.leaveMeans') : t('access.removeMeans')}</p>
      <p>{t('access.removeAgain')}</p>
      {error !== null && (
        <p className="alert alert--error" role="alert">
          {describeError(error, t, 'access').message}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
          {busy ? t('access.removing') : isMe ? t('access.leaveConfirm') : t('access.removeConfirm')}
        </button>
        <button ref={cancelRef} type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t('access.cancel')}
        </button>
      </div>
    </div>
  );
}
