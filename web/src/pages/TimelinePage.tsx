// Home: the family's entries grouped by month, year or a child's age, optionally only one
// child's and only those whose insight carries a topic or a feeling, loading page by page as
// the reader scrolls. The whole view lives in the URL (?group=&child=&topic=&emotion=).
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import type { Bucket, Member } from '../api/types';
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
import { isFiltered, readView, resolveView, withoutFilters, writeView, type ShownView, type TimelineView } from '../lib/timelineView';
import { UndoDelete } from '../components/UndoDelete';

export const TIMELINE_PAGE_SIZE = 20;
const NO_BUCKETS: Bucket[] = [];

export function TimelinePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { members, membersLoaded, membersError, reloadMembers } = useFamily();
  const [params, setParams] = useSearchParams();
  const [reloads, setReloads] = useState(0);

  const topicRef = useRef<HTMLSelectElement>(null);

  const shown = resolveView(readView(params), members);
  const view: TimelineView = { ...shown, childId: shown.child?.id ?? null };
  const change = (next: TimelineView) => setParams(writeView(next), { replace: true });
  const clear = () => {
    change(withoutFilters(view));
    topicRef.current?.focus();
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
          <TimelineControls view={view} members={members} onChange={change} onClear={clear} topicRef={topicRef} />
          <TimelineList key={reloads} view={shown} members={members} onClear={clear} />
        </>
      )}
    </div>
  );
}

function TimelineList({ view, members, onClear }: { view: ShownView; members: Member[]; onClear: () => void }) {
  const { t } = useTranslation();
  const { group, child, topic, emotion } = view;
  const { family, canWrite } = useFamily();
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      api
        .timeline(family.id, {
          group,
          member_id: child?.id,
          topic: topic ?? undefined,
          emotion: emotion ?? undefined,
          cursor,
          limit: TIMELINE_PAGE_SIZE,
        })
        .then((page) => ({ data: page.buckets, next: page.next_cursor })),
    [family.id, group, child?.id, topic, emotion],
  );
  const key = `${family.id}/${group}/${child?.id ?? ''}/${topic ?? ''}/${emotion ?? ''}`;
  const paged = usePaged(key, NO_BUCKETS, fetchPage, mergeBuckets);

  if (paged.initialLoading) return <Splash />;
  if (paged.error !== null && paged.data.length === 0) {
    return <ErrorPanel error={paged.error} onRetry={paged.reload} />;
  }
  if (paged.data.length === 0) {
    return <EmptyTimeline view={view} canWrite={canWrite} onClear={onClear} />;
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
        itemSelector=".entry-card"
      />
    </div>
  );
}

/** No entries: none yet, none about the chosen child, or none that match the topic or feeling. */
function EmptyTimeline({ view, canWrite, onClear }: { view: ShownView; canWrite: boolean; onClear: () => void }) {
  const { t } = useTranslation();
  const byInsight = view.topic !== null || view.emotion !== null;
  const filtered = isFiltered({ ...view, childId: view.child?.id ?? null });
  const title = byInsight ? t('timeline.emptyMatch') : filtered ? t('timeline.emptyFiltered') : t('timeline.empty');
  const lead = byInsight ? t('timeline.emptyMatchLead') : filtered ? null : t('timeline.emptyLead');
  return (
    <div className="empty" data-testid="timeline-empty">
      <div role="status" className="empty__status">
        <p className="empty__title">{title}</p>
        {lead && <p className="empty__lead">{lead}</p>}
      </div>
      <div className="empty__actions">
        {filtered && (
          <button type="button" className="button button--secondary" onClick={onClear}>
            {t('timeline.clearFilters')}
          </button>
        )}
        {canWrite && (
          <Link to="/entries/new" className="button button--primary">
            <PenIcon /> {t('nav.write')}
          </Link>
        )}
      </div>
    </div>
  );
}
