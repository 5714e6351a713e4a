// One entry, kept up to date while the server is still analysing it. Each create and edit
// queues an insight for the new version, which a worker usually fills within a second or two;
// while it is pending the entry is fetched again every POLL_MS, for at most POLL_FOR_MS.
// Leaving the page, or turning to another entry, stops it.
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Entry } from '../api/types';

export const POLL_MS = 1500;
export const POLL_FOR_MS = 60_000;

export interface EntryState {
  entry: Entry | null;
  /** Why the entry could not be loaded at first; a failed poll only stops the polling. */
  error: unknown;
  /** The insight is pending and will be asked for again; false once that was given up. */
  polling: boolean;
}

const pending = (entry: Entry) => entry.insight?.status === 'pending';

export function useEntry(fid: string, eid: string): EntryState {
  const [state, setState] = useState<EntryState>({ entry: null, error: null, polling: false });

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;

    const show = (entry: Entry) => {
      if (abort.signal.aborted) return;
      const again = pending(entry) && polls < POLL_FOR_MS / POLL_MS;
      setState({ entry, error: null, polling: again });
      if (again) timer = setTimeout(poll, POLL_MS);
    };
    const poll = () => {
      polls += 1;
      api.getEntry(fid, eid, abort.signal).then(show, () => {
        if (!abort.signal.aborted) setState((s) => ({ ...s, polling: false }));
      });
    };

    setState({ entry: null, error: null, polling: false });
    api.getEntry(fid, eid, abort.signal).then(show, (error: unknown) => {
      if (!abort.signal.aborted) setState({ entry: null, error, polling: false });
    });
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [fid, eid]);

  return state;
}
