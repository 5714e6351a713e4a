// Cursor pagination for lists that grow as the user scrolls. A change of `key` (filters)
// starts over; answers that arrive for an older key are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  data: T;
  next: string | null;
}

export interface Paged<T> {
  data: T;
  /** First page not loaded yet. */
  initialLoading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

interface State<T> {
  data: T;
  next: string | null;
  loading: boolean;
  loaded: boolean;
  error: unknown;
}

export function usePaged<T>(
  key: string,
  empty: T,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  merge: (shown: T, page: T) => T,
): Paged<T> {
  const [state, setState] = useState<State<T>>({
    data: empty, next: null, loading: true, loaded: false, error: null,
  });
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  const mergeRef = useRef(merge);
  const emptyRef = useRef(empty);
  const stateRef = useRef(state);
  fetchRef.current = fetchPage;
  mergeRef.current = merge;
  emptyRef.current = empty;
  stateRef.current = state;

  const fetchInto = useCallback((cursor: string | undefined, fresh: boolean) => {
    const mine = fresh ? ++generation.current : generation.current;
    setState((s) => ({ ...(fresh ? { data: emptyRef.current, next: null, loaded: false } : s), loading: true, error: null }));
    fetchRef.current(cursor).then(
      (page) => {
        if (mine !== generation.current) return;
        setState((s) => ({
          data: fresh ? page.data : mergeRef.current(s.data, page.data),
          next: page.next,
          loading: false,
          loaded: true,
          error: null,
        }));
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
  }, []);

  useEffect(() => {
    fetchInto(undefined, true);
  }, [key, fetchInto]);

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (s.loading || !s.loaded || s.next === null) return;
    fetchInto(s.next, false);
  }, [fetchInto]);

  const reload = useCallback(() => fetchInto(undefined, true), [fetchInto]);

  return {
    data: state.data,
    initialLoading: !state.loaded && state.error === null,
    loadingMore: state.loaded && state.loading,
    error: state.error,
    hasMore: state.next !== null,
    loadMore,
    reload,
  };
}
