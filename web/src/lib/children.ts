// Telling children apart: two children may share a name (it is allowed), but a parent
// adding or renaming one should know, so they can tell them apart by birthday.
import type { TFunction } from 'i18next';
import type { Member } from '../api/types';
import type { Lang } from '../i18n';
import { formatDay } from '../i18n/format';

/** A name as people read it: composed Hangul, no case, single spaces. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** The other children (not `exceptId`) already called `name`; none for an empty name. */
export function sameNamed(members: Member[], name: string, exceptId?: string): Member[] {
  const key = nameKey(name);
  if (!key) return [];
  return members.filter((m) => m.id !== exceptId && nameKey(m.name) === key);
}

/** The warning a name field shows when another child is already called `name`; null if none. */
export function sameNameWarning(
  members: Member[],
  name: string,
  t: TFunction,
  lang: Lang,
  exceptId?: string,
): string | null {
  const others = sameNamed(members, name, exceptId);
  if (others.length === 0) return null;
  const who = others
    .map((m) =>
      t('child.sameNameWho', {
        name: m.name,
        detail: m.birthdate ? t('child.born', { date: formatDay(m.birthdate, lang) }) : t('child.noBirthdate'),
      }),
    )
    .join(', ');
  return t('child.sameName', { who });
}

/** A child as its edit form holds it: text as typed, '' for no birthday or relation. */
export interface ChildValues {
  name: string;
  birthdate: string;
  relation: string;
}
export type ChildField = keyof ChildValues;
export const CHILD_FIELDS: readonly ChildField[] = ['name', 'birthdate', 'relation'];

export function childValues(member: Pick<Member, 'name' | 'birthdate' | 'relation'>): ChildValues {
  return { name: member.name, birthdate: member.birthdate ?? '', relation: member.relation ?? '' };
}

/** The fields in which `a` and `b` would save differently (spaces around a name do not count). */
export function differentFields(a: ChildValues, b: ChildValues): ChildField[] {
  return CHILD_FIELDS.filter((field) => a[field].trim() !== b[field].trim());
}

/**
 * A save refused because the child changed meanwhile: `typed` was written on `opened`, `stored`
 * is the child now. A field the parent left as it was takes the stored value (so another's
 * correction is not undone unseen); a field they changed keeps what they typed. `taken` names
 * the fields that changed elsewhere and were taken in.
 */
export function mergeStored(
  opened: ChildValues,
  stored: ChildValues,
  typed: ChildValues,
): { values: ChildValues; taken: ChildField[] } {
  const mine = differentFields(opened, typed);
  const taken = differentFields(opened, stored).filter((field) => !mine.includes(field));
  const values = { ...typed };
  for (const field of taken) values[field] = stored[field];
  return { values, taken };
}
