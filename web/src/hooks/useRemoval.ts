// A removal asked for in a confirmation: busy while it runs, the failure kept to show, and
// `cancelRef` for the cancel button, which takes focus when the question opens (so Enter twice
// removes nothing). A 404 means it was gone already (removed elsewhere).
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../api';

export function useRemoval(run: () => Promise<void>, onRemoved: () => void, onGone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => cancelRef.current?.focus(), []);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
      onRemoved();
    } catch (e) {
      if (isApiError(e) && e.code === 'not_found') return onGone();
      setError(e);
      setBusy(false);
    }
  };

  return { busy, error, remove, cancelRef };
}
