// A child's name (and age on the day of the entry) as a soft colored tag. The color follows
// the child's place in the family list, so a child keeps one color everywhere.
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { formatAge } from '../i18n/format';

export const TONES = 5;

export function toneOf(members: Member[], id: string): number {
  const index = members.findIndex((m) => m.id === id);
  return index < 0 ? 0 : index % TONES;
}

export function ChildTag({ member, tone, on }: { member: Member; tone: number; on?: string }) {
  const { t } = useTranslation();
  const age = on ? formatAge(member.birthdate, on, t) : null;
  return (
    <span className={`tag tone-${tone}`}>
      <span className="tag__name">{member.name}</span>
      {age && <span className="tag__age">{age}</span>}
    </span>
  );
}

export function ChildTags({ ids, members, on }: { ids: string[]; members: Member[]; on?: string }) {
  const tagged = members.filter((m) => ids.includes(m.id));
  if (tagged.length === 0) return null;
  return (
    <ul className="tags">
      {tagged.map((m) => (
        <li key={m.id}>
          <ChildTag member={m} tone={toneOf(members, m.id)} on={on} />
        </li>
      ))}
    </ul>
  );
}
