// Keeps what the user is writing in sessionStorage (src/lib/drafts.ts), so a reload or a trip
// through the login page (expired session) does not lose it. The page clears it once the entry
// is saved. `key` must name the signed-in user (draftKey); it is read once, on mount.
import { useEffect, useRef, useState } from 'react';
import { onDraftsForgotten, readDraft, removeDraft, writeDraft } from '../lib/drafts';

const SAVE_AFTER_MS = 300;

export interface Draft<T> {
  value: T;
  /** The text came back from storage (a reload, or a trip through the login page). */
  restored: boolean;
  /** The entry version the text was written against: the stored one, else the `base` given. */
  base: number | null;
  setValue(update: (current: T) => T): void;
  /** Keeps the text but bases it on version `base` (the writer chose it over that version). */
  rebase(base: number): void;
  /** Puts `value`, based on `base`, in place of the text, and forgets the stored draft. */
  reset(value: T, base: number | null): void;
  /** Forgets the stored draft (saved or abandoned); the text on screen stays. */
  clear(): void;
}

interface State<T> {
  value: T;
  base: number | null;
  restored: boolean;
}

export function useDraft<T extends object>(key: string, initial: T, base: number | null = null): Draft<T> {
  const [state, setState] = useState<State<T>>(() => {
    const saved = readDraft<T>(key);
    return saved
      ? { value: { ...initial, ...saved.value }, base: saved.base, restored: true }
      : { value: initial, base, restored: false };
  });
  // Only what the user changed is stored, and only until it is cleared.
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(state);
  latest.current = state;

  const stopWriting = () => {
    dirty.current = false;
    clearTimeout(timer.current);
  };

  useEffect(() => {
    if (!dirty.current) return;
    timer.current = setTimeout(() => writeDraft(key, { base: state.base, value: state.value }), SAVE_AFTER_MS);
    return () => clearTimeout(timer.current);
  }, [key, state.value, state.base]);

  useEffect(() => {
    // A sign-out drops the drafts while this form may still have a write pending.
    const stop = onDraftsForgotten((forgotten) => {
      if (forgotten(key)) stopWriting();
    });
    // Leaving the page, reloading it, or the session expiring under it keeps the last
    // keystrokes too.
    const flush = () => {
      if (!dirty.current) return;
      clearTimeout(timer.current);
      writeDraft(key, { base: latest.current.base, value: latest.current.value });
    };
    window.addEventListener('pagehide', flush);
    return () => {
      stop();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [key]);

  return {
    value: state.value,
    restored: state.restored,
    base: state.base,
    setValue: (update) => {
      dirty.current = true;
      setState((s) => ({ ...s, value: update(s.value) }));
    },
    rebase: (next) => {
      dirty.current = true;
      writeDraft(key, { base: next, value: latest.current.value });
      setState((s) => ({ ...s, base: next, restored: false }));
    },
    reset: (value, next) => {
      stopWriting();
      removeDraft(key);
      setState({ value, base: next, restored: false });
    },
    clear: () => {
      // A save still waiting (the last change was under 300 ms before the entry was stored)
      // would otherwise bring the draft back, and the next new entry would open with it.
      stopWriting();
      removeDraft(key);
    },
  };
}
