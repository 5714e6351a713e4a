// The end of a growing list: it asks for the next page when it scrolls into view, and is
// also a plain button for keyboards and for browsers without IntersectionObserver.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from './ErrorPanel';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onLoadMore: () => void;
  endLabel?: string;
}

export function LoadMore({ hasMore, loading, error, onLoadMore, endLabel }: LoadMoreProps) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || error || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((s) => s.isIntersecting)) onLoadMore();
      },
      { rootMargin: '0px 0px 600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, error, onLoadMore]);

  if (error) return <ErrorPanel error={error} onRetry={onLoadMore} />;
  return (
    <div className="load-more" ref={sentinel}>
      {loading ? (
        <p role="status" className="load-more__status">
          {t('timeline.loadingMore')}
        </p>
      ) : hasMore ? (
        <button type="button" className="button button--secondary" onClick={onLoadMore}>
          {t('timeline.loadMore')}
        </button>
      ) : (
        endLabel && <p className="load-more__end">{endLabel}</p>
      )}
    </div>
  );
}
