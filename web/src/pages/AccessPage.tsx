// 가족과 권한: who can read the family's archive, with which role, and since when. Only the
// owner may see and change it (the API's rule); other roles are told so. Roles are saved one
// person at a time; removing someone asks first. An owner who leaves goes on to their other
// family, or to set-up when there is none.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import type { FamilyUser } from '../api/types';
import { useFamily } from '../auth/family';
import { useSession } from '../auth/session';
import { AccessPerson } from '../components/AccessPerson';
import { ErrorPanel } from '../components/ErrorPanel';
import { ListNews, type News } from '../components/ListNews';
import { PageHeading } from '../components/PageHeading';
import { RoleNotice } from '../components/RoleNotice';
import { Splash } from '../components/Splash';
import { useLoad } from '../hooks/useLoad';


export function AccessPage() {
  const { t } = useTranslation();
  const { family, canManageAccess } = useFamily();
  if (!canManageAccess) {
    return (
      <div className="page page--narrow">
        <RoleNotice role={family.role} job="access" backTo="/" backLabel={t('roleNotice.toTimeline')} />
      </div>
    );
  }
  return <AccessManager />;
}

function AccessManager() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, reloadMe, selectFamily } = useSession();
  const { family, members, reloadMembers } = useFamily();
  const loaded = useLoad(family.id, (signal) => api.listFamilyUsers(family.id, signal));
  // The list as changed here, so a saved role or a removal does not reload (and lose focus).
  const [people, setPeople] = useState<FamilyUser[] | null>(null);
  const [news, setNews] = useState<News>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const myId = me?.user.id;

  useEffect(() => setPeople(loaded.data), [loaded.data]);

  const replace = (saved: FamilyUser) =>
    setPeople((list) => list?.map((p) => (p.user_id === saved.user_id ? saved : p)) ?? null);

  const removed = async (person: FamilyUser) => {
    if (person.user_id === myId) {
      // Gone from this family: on to another one, or to set up a new one.
      const next = (await reloadMe()).families[0];
      if (next) selectFamily(next.id);
      navigate('/', { replace: true });
      return;
    }
    setPeople((list) => list?.filter((p) => p.user_id !== person.user_id) ?? null);
    setNews({ text: t('access.removed', { name: person.display_name }), alert: false });
    listRef.current?.focus();
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('access.title')} />
      <p className="lead">{t('access.lead')}</p>
      <p className="muted">{t('access.roleHint')}</p>
      {loaded.error !== null && <ErrorPanel error={loaded.error} onRetry={loaded.reload} />}
      <div className="child-list-box" ref={listRef} tabIndex={-1}>
        <ListNews news={news} />
        {people === null ? (
          loaded.loading && <Splash />
        ) : (
          <ul className="access-list" aria-label={t('access.listTitle')}>
            {people.map((person) => (
              <AccessPerson
                key={person.user_id}
                person={person}
                isMe={person.user_id === myId}
                actions={{
                  familyId: family.id,
                  members,
                  reloadMembers,
                  onRoleSaved: (saved) => {
                    replace(saved);
                    const role = t(`role.${saved.role}`);
                    setNews({ text: t('access.roleSaved', { name: saved.display_name, role }), alert: false });
                    // An owner who gave up the role no longer manages access: the page says so.
                    if (saved.user_id === myId && saved.role !== 'owner') void reloadMe();
                  },
                  onRemoved: () => void removed(person),
                  onGone: () => {
                    setNews({ text: t('access.notFound'), alert: true });
                    loaded.reload();
                    listRef.current?.focus();
                  },
                  onLinkSaved: (child) =>
                    setNews({
                      text: child
                        ? t('access.linkSaved', { name: person.display_name, child: child.name })
                        : t('access.linkCleared', { name: person.display_name }),
                      alert: false,
                    }),
                }}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
