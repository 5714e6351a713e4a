// Which child profile a child's own account is linked to (`Member.user_id`), and the member
// changes that move the link: a child account sees only the family entries about its child.
import type { Member } from '../api/types';

/** The child linked to `userId`; the first when several are (the server allows it). */
export function linkedChild(members: readonly Member[], userId: string): Member | null {
  return members.find((m) => m.user_id === userId) ?? null;
}

export interface LinkChange {
  member: Member;
  user_id: string | null;
}

/**
 * The member PATCHes that leave `userId` linked to `childId` alone (or to none when null):
 * every other child linked to it is cleared first, then the chosen one is set. Clearing first
 * means a failure halfway shows the account less, never more.
 */
export function linkChanges(members: readonly Member[], userId: string, childId: string | null): LinkChange[] {
  const clears = members
    .filter((m) => m.user_id === userId && m.id !== childId)
    .map((member) => ({ member, user_id: null }));
  const chosen = members.find((m) => m.id === childId);
  const sets = chosen && chosen.user_id !== userId ? [{ member: chosen, user_id: userId }] : [];
  return [...clears, ...sets];
}
