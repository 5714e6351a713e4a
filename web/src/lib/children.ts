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
