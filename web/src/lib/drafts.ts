// Unsaved entry drafts, kept in the tab's sessionStorage. A draft belongs to the account that
// wrote it: its key starts with that user's id, and a page only ever asks for the signed-in
// user's own key. Drafts outlive an expired session (the writer signs in again and finds them),
// but not a sign-out, here or seen from another tab, nor another account signing in on this tab.
//
// Stored as { base, value }: `base` is the entry version the text was written against (null for
// a new entry), so an edit page can tell a draft of an older version from one of the current.

const PREFIX = 'dadly.draft.';

export interface StoredDraft<T> {
  base: number | null;
  value: Partial<T>;
}

/** The key of `uid`'s draft in family `fid`: of a new entry (`'new'`) or of entry `entry`. */
export function draftKey(uid: string, fid: string, entry: string): string {
  return `${PREFIX}${uid}.${fid}.${entry}`;
}

/** The draft under `key`, or null when there is none or it cannot be read. */
export function readDraft<T>(key: string): StoredDraft<T> | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || !isRecord(parsed.value)) return null;
    const base = typeof parsed.base === 'number' ? parsed.base : null;
    return { base, value: parsed.value as Partial<T> };
  } catch {
    // A broken draft is not worth an error.
    return null;
  }
}

export function writeDraft<T>(key: string, draft: StoredDraft<T>): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still works.
  }
}

export function removeDraft(key: string): void {
  sessionStorage.removeItem(key);
}

type Forgotten = (key: string) => boolean;
const listeners = new Set<(forgotten: Forgotten) => void>();

/**
 * Removes every draft in this tab but those of `keepUid` (every draft when it is not given), and
 * tells each mounted editor, so that a write it has pending does not bring its draft back.
 * Drafts from before they were keyed by user (no owner in the key) go too.
 */
export function forgetDrafts(keepUid?: string): void {
  const kept = keepUid === undefined ? null : `${PREFIX}${keepUid}.`;
  const forgotten: Forgotten = (key) => key.startsWith(PREFIX) && !(kept !== null && key.startsWith(kept));
  for (const key of Object.keys(sessionStorage)) {
    if (forgotten(key)) sessionStorage.removeItem(key);
  }
  for (const listener of [...listeners]) listener(forgotten);
}

/** `listener` learns which keys forgetDrafts just dropped; returns an unsubscribe. */
export function onDraftsForgotten(listener: (forgotten: Forgotten) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
