// One request whose answer a page shows, made again whenever `key` changes (the page's
// address, its filters) or when asked to. The answer for an older key is dropped, and its
// request aborted; a null key asks for nothing.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  /** Why the last request failed; null while loading and after a success. */
  error: unknown;
  loading: boolean;
  /** Asks again for the same key (a search sent again, "try again" after a failure). */
  reload(): void;
}

interface State<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: key !== null });
  const [runs, setRuns] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const abort = new AbortController();
    setState({ data: null, error: null, loading: true });
    loadRef.current(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => abort.abort();
  }, [key, runs]);

  const reload = useCallback(() => setRuns((n) => n + 1), []);
  return { ...state, reload };
}
