// One person with access: name, email, role and since when; for the owner managing them, their
// role, removal behind a question, and (for a child's own account) which child is theirs.
// Focus comes back to "remove" when the question is put away.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyUser, Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatInstantDay } from '../i18n/format';
import { AccessRemoveConfirm } from './AccessRemoveConfirm';
import { ChildLinkForm } from './ChildLinkForm';
import { RoleForm } from './RoleForm';

export interface PersonActions {
  familyId: string;
  members: Member[];
  reloadMembers: () => Promise<void>;
  onRoleSaved: (saved: FamilyUser) => void;
  onRemoved: () => void;
  onGone: () => void;
  onLinkSaved: (child: Member | null) => void;
}

export function AccessPerson({ person, isMe, actions }: { person: FamilyUser; isMe: boolean; actions: PersonActions }) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState(false);
  const [cancelled, setCancelled] = useState(0);
  const removeRef = useRef<HTMLButtonElement>(null);
  const nameId = `person-${person.user_id}`;

  useEffect(() => {
    if (cancelled > 0) removeRef.current?.focus();
  }, [cancelled]);

  const cancel = () => {
    setRemoving(false);
    setCancelled((n) => n + 1);
  };

  return (
    <li
      className="access-person"
      data-testid="person"
      data-id={person.user_id}
      aria-labelledby={nameId}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Escape' && removing) cancel();
      }}
    >
      <div className="access-person__head">
        <span id={nameId} className="access-person__name">
          {person.display_name}
          {isMe && <span className="badge access-person__me">{t('access.me')}</span>}
        </span>
        <span className="access-person__email">{person.email}</span>
        <span className="access-person__detail">
          {t(`role.${person.role}`)} ·{' '}
          <time dateTime={person.joined_at}>
            {t('access.joined', { date: formatInstantDay(person.joined_at, currentLanguage()) })}
          </time>
        </span>
      </div>
      <RoleForm familyId={actions.familyId} person={person} onSaved={actions.onRoleSaved} />
      {person.role === 'child' && (
        <ChildLinkForm
          familyId={actions.familyId}
          person={person}
          members={actions.members}
          onSaved={actions.onLinkSaved}
          reloadMembers={actions.reloadMembers}
        />
      )}
      {removing ? (
        <AccessRemoveConfirm
          familyId={actions.familyId}
          person={person}
          isMe={isMe}
          onRemoved={actions.onRemoved}
          onCancel={cancel}
          onGone={actions.onGone}
        />
      ) : (
        <div className="access-person__actions">
          <button
            ref={removeRef}
            type="button"
            className="button button--quiet"
            aria-label={t('access.removeLabel', { name: person.display_name })}
            onClick={() => setRemoving(true)}
          >
            {isMe ? t('access.leave') : t('access.remove')}
          </button>
        </div>
      )}
    </li>
  );
}
