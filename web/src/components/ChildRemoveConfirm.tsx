// Removing a child, after saying what it does: the entries tagged with the child stay (the
// server only takes the tag off them, see DELETE /members/{mid}), and how many there are.
// Cancel takes focus, so Enter twice removes nothing.
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Member } from '../api/types';
import { useLoad } from '../hooks/useLoad';
import { useRemoval } from '../hooks/useRemoval';
import { describeError } from '../i18n/errors';

/** Entries counted before removal; past this the question says "more than". */
const COUNT_UP_TO = 100;

export function ChildRemoveConfirm({
  familyId,
  member,
  onRemoved,
  onCancel,
  onGone,
}: {
  familyId: string;
  member: Member;
  onRemoved: () => void;
  onCancel: () => void;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, remove, cancelRef } = useRemoval(
    () => api.deleteMember(familyId, member.id),
    onRemoved,
    onGone,
  );
  const tagged = useLoad(`${familyId}/${member.id}`, (signal) =>
    api.listEntries(familyId, { member_id: member.id, limit: COUNT_UP_TO }, signal),
  );
  const questionId = `remove-${member.id}`;

  // Without a count (still counting, or the count failed) the sentence about keeping them stands alone.
  const count = tagged.data
    ? tagged.data.next_cursor
      ? t('child.entriesMore', { count: COUNT_UP_TO })
      : tagged.data.items.length === 0
        ? t('child.entriesNone')
        : t('child.entriesCount', { count: tagged.data.items.length })
    : tagged.loading
      ? t('child.counting')
      : null;

  return (
    <div role="group" aria-labelledby={questionId} className="child-remove" data-testid="child-remove">
      <p id={questionId} className="child-remove__question">
        {t('child.removeQuestion', { name: member.name })}
      </p>
      <p aria-live="polite">{count}</p>
      {tagged.data?.items.length !== 0 && <p>{t('child.entriesKept')}</p>}
      {member.user_id && <p>{t('child.linkedAccount')}</p>}
      <p>{t('child.removeFinal')}</p>
      {error !== null && (
        <p className="alert alert--error" role="alert">
          {describeError(error, t, 'child').message}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
          {busy ? t('child.removing') : t('child.removeConfirm')}
        </button>
        <button ref={cancelRef} type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t('child.cancel')}
        </button>
      </div>
    </div>
  );
}
