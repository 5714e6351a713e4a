// The end of a growing list: it asks for the next page when it scrolls into view, and is
// also a plain button for keyboards and for browsers without IntersectionObserver. The
// button stays while a page loads (focus must not fall to the page), and a keyboard user
// still on it then lands on the first item that came in, so Tab goes on through the new ones.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from './ErrorPanel';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onLoadMore: () => void;
  endLabel?: string;
  /** One item of the list this ends (the list is this component's parent element). */
  itemSelector: string;
}

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select, textarea, [tabindex]';

export function LoadMore({ hasMore, loading, error, onLoadMore, endLabel, itemSelector }: LoadMoreProps) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // While a page loads: how many items were shown, and whether focus is on the button (set
  // when the load starts, and by focus and blur while it runs: a user may Tab onto the button
  // mid-load; a button removed because the list ended takes its focus away without a blur).
  const before = useRef<{ items: number; focused: boolean } | null>(null);
  const onButton = (focused: boolean) => {
    if (before.current) before.current.focused = focused;
  };

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

  // Before paint, so focus never shows on the page in between.
  useLayoutEffect(() => {
    const items = () => sentinel.current?.parentElement?.querySelectorAll<HTMLElement>(itemSelector) ?? [];
    if (loading) {
      before.current = { items: items().length, focused: document.activeElement === button.current };
      return;
    }
    const was = before.current;
    before.current = null;
    const active = document.activeElement;
    // Only a user who stayed on the button (it is gone when the list ended) is moved.
    if (!was?.focused || (active !== button.current && active !== document.body && active !== null)) return;
    const first = items()[was.items];
    const target = first ? (first.matches(FOCUSABLE) ? first : first.querySelector<HTMLElement>(FOCUSABLE)) : null;
    (target ?? button.current)?.focus();
  }, [loading, itemSelector]);

  if (error) return <ErrorPanel error={error} onRetry={onLoadMore} />;
  return (
    <div className="load-more" ref={sentinel}>
      {hasMore && (
        <button
          ref={button}
          type="button"
          className="button button--secondary"
          aria-disabled={loading || undefined}
          onFocus={() => onButton(true)}
          onBlur={(event) => {
            // Focus that went somewhere: not the blur a removed button may get.
            if (event.relatedTarget) onButton(false);
          }}
          onClick={() => {
            if (!loading) onLoadMore();
          }}
        >
          {t('timeline.loadMore')}
        </button>
      )}
      <p role="status" className={loading ? 'load-more__status' : 'visually-hidden'}>
        {loading ? t('timeline.loadingMore') : ''}
      </p>
      {!hasMore && endLabel && <p className="load-more__end">{endLabel}</p>}
    </div>
  );
}
