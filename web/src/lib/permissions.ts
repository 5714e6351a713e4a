// Who may do what, as the server decides it; used only to show or hide buttons and forms.
import type { Entry, Role } from '../api/types';

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}

/** Adding, changing and removing children (`/members`) is the owner's alone. */
export function canManageChildren(role: Role): boolean {
  return role === 'owner';
}

/** Seeing who has access, changing roles and taking access away is the owner's alone too. */
export function canManageAccess(role: Role): boolean {
  return role === 'owner';
}

export function canChangeEntry(
  entry: Pick<Entry, 'author_id' | 'visibility'>,
  userId: string,
  role: Role,
): boolean {
  if (!canWrite(role)) return false;
  return entry.author_id === userId || (role === 'owner' && entry.visibility === 'family');
}
