// The family's children with their birthday and age today.
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatAge, formatDay } from '../i18n/format';
import { todayLocal } from '../lib/dates';
import { ChildTag, toneOf } from './ChildTag';

export function ChildList({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (members.length === 0) return <p className="muted">{t('child.empty')}</p>;
  const today = todayLocal();
  return (
    <ul className="child-list">
      {members.map((m) => (
        <li key={m.id} className="child-list__item">
          <ChildTag member={m} tone={toneOf(members, m.id)} />
          <span className="child-list__detail">
            {m.birthdate
              ? `${t('child.born', { date: formatDay(m.birthdate, lang) })} · ${formatAge(m.birthdate, today, t)}`
              : t('child.noBirthdate')}
          </span>
        </li>
      ))}
    </ul>
  );
}
