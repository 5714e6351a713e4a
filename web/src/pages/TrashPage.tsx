// Entries moved to the trash, restorable until they are purged 30 days after deletion.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { TrashEntry } from '../api/types';
import { useFamily } from '../auth/family';
import { ChildTags } from '../components/ChildTag';
import { excerpt } from '../components/EntryCard';
import { CardInsight } from '../components/EntryInsight';
import { ErrorPanel } from '../components/ErrorPanel';
import { LoadMore } from '../components/LoadMore';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';
import { usePaged } from '../hooks/usePaged';
import { currentLanguage } from '../i18n';
import { describeError } from '../i18n/errors';
import { formatDay, formatInstantDay } from '../i18n/format';

const NONE: TrashEntry[] = [];
const append = (shown: TrashEntry[], page: TrashEntry[]) => [
  ...shown,
  ...page.filter((e) => !shown.some((s) => s.id === e.id)),
];

export function TrashPage() {
  const { t } = useTranslation();
  const { family } = useFamily();
  const [restored, setRestored] = useState<string[]>([]);
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      api.listTrash(family.id, { cursor, limit: 20 }).then((p) => ({ data: p.items, next: p.next_cursor })),
    [family.id],
  );
  const paged = usePaged(`trash/${family.id}`, NONE, fetchPage, append);
  const items = paged.data.filter((e) => !restored.includes(e.id));

  return (
    <div className="page page--narrow">
      <PageHeading title={t('trash.title')} />
      <p className="lead">{t('trash.lead')}</p>
      <p className="visually-hidden" role="status">
        {restored.length > 0 ? t('trash.restored') : ''}
      </p>
      {paged.initialLoading ? (
        <Splash />
      ) : paged.error !== null && paged.data.length === 0 ? (
        <ErrorPanel error={paged.error} onRetry={paged.reload} />
      ) : items.length === 0 && !paged.hasMore ? (
        <div className="empty">
          <p className="empty__title">{t('trash.empty')}</p>
        </div>
      ) : (
        <>
          <ul className="trash-list">
            {items.map((entry) => (
              <li key={entry.id}>
                <TrashItem entry={entry} onRestored={() => setRestored((r) => [...r, entry.id])} />
              </li>
            ))}
          </ul>
          <LoadMore
            hasMore={paged.hasMore}
            loading={paged.loadingMore}
            error={paged.error}
            onLoadMore={paged.loadMore}
            itemSelector=".entry-card"
          />
        </>
      )}
    </div>
  );
}

function TrashItem({ entry, onRestored }: { entry: TrashEntry; onRestored: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { family, members } = useFamily();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.restoreEntry(family.id, entry.id);
      onRestored();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <article className="entry-card entry-card--trash" data-testid="trash-item">
      <div className="entry-card__meta">
        <time dateTime={entry.occurred_at}>{formatDay(entry.occurred_at, lang)}</time>
      </div>
      {entry.title && <h2 className="entry-card__title">{entry.title}</h2>}
      <p className="entry-card__body">{excerpt(entry.body, 160)}</p>
      <ChildTags ids={entry.member_ids} members={members} on={entry.occurred_at} />
      <CardInsight insight={entry.insight} />
      <div className="entry-card__actions">
        <button type="button" className="button button--secondary" onClick={() => void restore()} disabled={busy}>
          {busy ? t('trash.restoring') : t('trash.restore')}
        </button>
        <span className="entry-card__purge">
          {t('trash.purgeOn', { date: formatInstantDay(entry.purge_at, lang) })}
        </span>
        {error !== null && (
          <p className="alert alert--error" role="alert">
            {describeError(error, t, 'edit').message}
          </p>
        )}
      </div>
    </article>
  );
}
