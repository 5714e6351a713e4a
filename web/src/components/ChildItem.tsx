// One child in the list: name, birthday and age; for the owner also "edit" and "remove",
// which turn the row into a form or a confirmation. Focus comes back to the row's button.
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatAge, formatDay } from '../i18n/format';
import { todayLocal } from '../lib/dates';
import { ChildEditForm } from './ChildEditForm';
import { ChildRemoveConfirm } from './ChildRemoveConfirm';
import { ChildTag, toneOf } from './ChildTag';

export interface ChildItemManagement {
  familyId: string;
  onSaved: (member: Member) => void;
  onRemoved: () => void;
  /** The child was changed elsewhere: load it again as stored. */
  onStale: () => void;
  /** The server no longer knows the child (removed elsewhere). */
  onGone: () => void;
}

export function ChildItem({
  member,
  members,
  manage,
}: {
  member: Member;
  members: Member[];
  manage?: ChildItemManagement;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [returnTo, setReturnTo] = useState<'edit' | 'remove' | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode !== 'view' || returnTo === null) return;
    (returnTo === 'edit' ? editRef : removeRef).current?.focus();
  }, [mode, returnTo]);

  // Closing the open form or question (also with Escape) gives focus back to its row button.
  const back = () => {
    if (mode === 'view') return;
    setReturnTo(mode);
    setMode('view');
  };

  if (manage && mode !== 'view') {
    return (
      <li
        className="child-list__item child-list__item--open"
        data-testid="child"
        data-id={member.id}
        onKeyDown={(event: KeyboardEvent) => {
          if (event.key === 'Escape') back();
        }}
      >
        {mode === 'edit' ? (
          <ChildEditForm
            familyId={manage.familyId}
            member={member}
            members={members}
            onSaved={(saved) => {
              back();
              manage.onSaved(saved);
            }}
            onStale={manage.onStale}
            onCancel={back}
            onGone={manage.onGone}
          />
        ) : (
          <ChildRemoveConfirm
            familyId={manage.familyId}
            member={member}
            onRemoved={manage.onRemoved}
            onCancel={back}
            onGone={manage.onGone}
          />
        )}
      </li>
    );
  }
  return (
    <li className="child-list__item" data-testid="child" data-id={member.id}>
      <ChildTag member={member} tone={toneOf(members, member.id)} />
      <span className="child-list__detail">{childDetail(member, t)}</span>
      {manage && (
        <span className="child-list__actions">
          <button
            ref={editRef}
            type="button"
            className="button button--quiet"
            aria-label={t('child.editLabel', { name: member.name })}
            onClick={() => setMode('edit')}
          >
            {t('child.edit')}
          </button>
          <button
            ref={removeRef}
            type="button"
            className="button button--quiet"
            aria-label={t('child.removeLabel', { name: member.name })}
            onClick={() => setMode('remove')}
          >
            {t('child.remove')}
          </button>
        </span>
      )}
    </li>
  );
}

/** "딸 · 2025년 1월 2일 출생 · 생후 14개월", or that the birthday is not known. */
export function childDetail(member: Member, t: TFunction): string {
  const born = member.birthdate
    ? `${t('child.born', { date: formatDay(member.birthdate, currentLanguage()) })} · ${formatAge(member.birthdate, todayLocal(), t)}`
    : t('child.noBirthdate');
  return member.relation ? `${member.relation} · ${born}` : born;
}
