// Who may change an entry, as the server decides it; used only to show or hide buttons.
import type { Entry, Role } from '../api/types';

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}

export function canChangeEntry(
  entry: Pick<Entry, 'author_id' | 'visibility'>,
  userId: string,
  role: Role,
): boolean {
  if (!canWrite(role)) return false;
  return entry.author_id === userId || (role === 'owner' && entry.visibility === 'family');
}
