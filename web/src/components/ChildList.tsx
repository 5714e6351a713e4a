// The family's children with their birthday and age today. Given `manage`, each child can be
// corrected or removed in place, and the list says what became of the last change.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { ChildItem } from './ChildItem';
import { ListNews, type News } from './ListNews';

export interface ChildManagement {
  familyId: string;
  /** Asks the server for the list again, after a change or when a child turned out to be gone. */
  onChanged: () => void;
}


export function ChildList({ members, manage }: { members: Member[]; manage?: ChildManagement }) {
  const { t } = useTranslation();
  const [news, setNews] = useState<News>(null);
  // After a removal the row and its buttons are gone: focus stays in the list.
  const listRef = useRef<HTMLDivElement>(null);

  const changed = (next: News, focusList: boolean) => {
    setNews(next);
    manage?.onChanged();
    if (focusList) listRef.current?.focus();
  };

  return (
    <div className="child-list-box" ref={listRef} tabIndex={-1}>
      <ListNews news={news} />
      {members.length === 0 ? (
        <p className="muted">{t('child.empty')}</p>
      ) : (
        <ul className="child-list" aria-label={t('child.listTitle')}>
          {members.map((m) => (
            <ChildItem
              key={m.id}
              member={m}
              members={members}
              manage={
                manage && {
                  familyId: manage.familyId,
                  onSaved: (saved) => changed({ text: t('child.saved', { name: saved.name }), alert: false }, false),
                  onRemoved: () => changed({ text: t('child.removed', { name: m.name }), alert: false }, true),
                  // The form shows what changed; the rows behind it only need the stored child.
                  onStale: manage.onChanged,
                  onGone: () => changed({ text: t('child.notFound'), alert: true }, true),
                }
              }
            />
          ))}
        </ul>
      )}
    </div>
  );
}
