// Home: the family's entries grouped by month, year or a child's age, optionally only one
// child's, loading page by page as the reader scrolls. Grouping and child live in the URL.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import type { Bucket, Member, TimelineGroup } from '../api/types';
import { useFamily } from '../auth/family';
import { useSession } from '../auth/session';
import { BucketSection } from '../components/BucketSection';
import { ErrorPanel } from '../components/ErrorPanel';
import { LoadMore } from '../components/LoadMore';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';
import { TimelineControls } from '../components/TimelineControls';
import { PenIcon } from '../components/icons';
import { usePaged } from '../hooks/usePaged';
import { mergeBuckets } from '../lib/timeline';
import { UndoDelete } from '../components/UndoDelete';

export const TIMELINE_PAGE_SIZE = 20;
const GROUPS: TimelineGroup[] = ['month', 'year', 'age'];
const NO_BUCKETS: Bucket[] = [];

export function TimelinePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { members, membersLoaded, membersError, reloadMembers } = useFamily();
  const [params, setParams] = useSearchParams();
  const [reloads, setReloads] = useState(0);

  const asked = params.get('group') as TimelineGroup | null;
  let group: TimelineGroup = asked && GROUPS.includes(asked) ? asked : 'month';
  let child = members.find((m) => m.id === params.get('child')) ?? null;
  if (group === 'age' && !child?.birthdate) {
    child = members.find((m) => m.birthdate) ?? null;
    if (!child) group = 'month';
  }

  const change = (nextGroup: TimelineGroup, childId: string | null) => {
    const next = new URLSearchParams();
    if (nextGroup !== 'month') next.set('group', nextGroup);
    if (childId) next.set('child', childId);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <div className="page__intro">
        <div>
          <PageHeading title={t('timeline.title')} />
          {me && <p className="lead">{t('timeline.greeting', { name: me.user.display_name })}</p>}
        </div>
      </div>
      <UndoDelete onRestored={() => setReloads((n) => n + 1)} />
      {membersError !== null && <ErrorPanel error={membersError} onRetry={() => void reloadMembers()} />}
      {!membersLoaded ? (
        <Splash />
      ) : (
        <>
          <TimelineControls group={group} childId={child?.id ?? null} members={members} onChange={change} />
          <TimelineList key={reloads} group={group} child={child} members={members} />
        </>
      )}
    </div>
  );
}

function TimelineList({ group, child, members }: { group: TimelineGroup; child: Member | null; members: Member[] }) {
  const { t } = useTranslation();
  const { family, canWrite } = useFamily();
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      api
        .timeline(family.id, {
          group,
          member_id: child?.id,
          cursor,
          limit: TIMELINE_PAGE_SIZE,
        })
        .then((page) => ({ data: page.buckets, next: page.next_cursor })),
    [family.id, group, child?.id],
  );
  const paged = usePaged(`${family.id}/${group}/${child?.id ?? ''}`, NO_BUCKETS, fetchPage, mergeBuckets);

  if (paged.initialLoading) return <Splash />;
  if (paged.error !== null && paged.data.length === 0) {
    return <ErrorPanel error={paged.error} onRetry={paged.reload} />;
  }
  if (paged.data.length === 0) {
    return <EmptyTimeline filtered={child !== null} canWrite={canWrite} />;
  }
  return (
    <div className="timeline" aria-busy={paged.loadingMore}>
      {paged.data.map((bucket) => (
        <BucketSection key={bucket.key} bucket={bucket} group={group} members={members} />
      ))}
      <LoadMore
        hasMore={paged.hasMore}
        loading={paged.loadingMore}
        error={paged.error}
        onLoadMore={paged.loadMore}
        endLabel={t('timeline.end')}
      />
    </div>
  );
}

function EmptyTimeline({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="empty">
      <p className="empty__title">{filtered ? t('timeline.emptyFiltered') : t('timeline.empty')}</p>
      {!filtered && <p className="empty__lead">{t('timeline.emptyLead')}</p>}
      {canWrite && (
        <Link to="/entries/new" className="button button--primary">
          <PenIcon /> {t('nav.write')}
        </Link>
      )}
    </div>
  );
}

