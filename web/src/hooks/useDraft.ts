// Keeps what the user is writing in sessionStorage, so a reload or a trip through the login
// page (expired session) does not lose it. Cleared once the entry is saved.
import { useEffect, useRef, useState } from 'react';

export function useDraft<T>(key: string, initial: T): {
  value: T;
  setValue: (update: (current: T) => T) => void;
  restored: boolean;
  clear: () => void;
} {
  const [state, setState] = useState<{ value: T; restored: boolean }>(() => {
    try {
      const saved = sessionStorage.getItem(key);
      if (saved) return { value: { ...initial, ...(JSON.parse(saved) as Partial<T>) }, restored: true };
    } catch {
      // A broken draft is not worth an error.
    }
    return { value: initial, restored: false };
  });
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!dirty.current) return;
    timer.current = setTimeout(() => {
      try {
        sessionStorage.setItem(key, JSON.stringify(state.value));
      } catch {
        // Storage full or blocked: the form still works.
      }
    }, 300);
    return () => clearTimeout(timer.current);
  }, [key, state.value]);

  return {
    value: state.value,
    restored: state.restored,
    setValue: (update) => {
      dirty.current = true;
      setState((s) => ({ ...s, value: update(s.value) }));
    },
    clear: () => {
      // A save still waiting (the last change was under 300 ms before the entry was stored)
      // would otherwise bring the draft back, and the next new entry would open with it.
      dirty.current = false;
      clearTimeout(timer.current);
      sessionStorage.removeItem(key);
    },
  };
}
