// What an entry's timestamps say about its history.
import type { Entry } from '../api/types';

/**
 * Whether the entry was changed after it was written. Not its version: a move to the trash
 * and back raises the version too (its ETag must change), but leaves `updated_at` alone.
 */
export function wasEdited(entry: Pick<Entry, 'created_at' | 'updated_at'>): boolean {
  const created = Date.parse(entry.created_at);
  const updated = Date.parse(entry.updated_at);
  if (Number.isNaN(created) || Number.isNaN(updated)) return entry.updated_at !== entry.created_at;
  return updated > created;
}
