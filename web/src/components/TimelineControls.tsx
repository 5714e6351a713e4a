// How the timeline is grouped (month, year, a child's age) and whose entries it shows.
// Both are radio groups, so arrow keys move between the options.
import { useTranslation } from 'react-i18next';
import type { Member, TimelineGroup } from '../api/types';
import { ChildRadios } from './ChildPicker';

interface Props {
  group: TimelineGroup;
  childId: string | null;
  members: Member[];
  onChange: (group: TimelineGroup, childId: string | null) => void;
}

export function TimelineControls({ group, childId, members, onChange }: Props) {
  const { t } = useTranslation();
  const dated = members.filter((m) => m.birthdate);
  const groups: { value: TimelineGroup; label: string; disabled?: boolean }[] = [
    { value: 'month', label: t('timeline.byMonth') },
    { value: 'year', label: t('timeline.byYear') },
    { value: 'age', label: t('timeline.byAge'), disabled: dated.length === 0 },
  ];

  const pickGroup = (next: TimelineGroup) => {
    if (next === 'age') {
      const current = members.find((m) => m.id === childId);
      onChange('age', current?.birthdate ? current.id : (dated[0]?.id ?? null));
    } else {
      onChange(next, childId);
    }
  };

  return (
    <div className="controls">
      <fieldset className="segmented" aria-describedby={dated.length === 0 ? 'age-help' : undefined}>
        <legend className="controls__label">{t('timeline.groupLabel')}</legend>
        <div className="segmented__options">
          {groups.map((g) => (
            <label key={g.value} className="segmented__option">
              <input
                type="radio"
                name="timeline-group"
                value={g.value}
                checked={group === g.value}
                disabled={g.disabled}
                onChange={() => pickGroup(g.value)}
              />
              <span>{g.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {members.length > 0 && (
        <ChildRadios
          name="timeline-child"
          legend={t('timeline.childLabel')}
          allLabel={t('timeline.allChildren')}
          members={members}
          childId={childId}
          onChange={(id) => onChange(group, id)}
          allDisabled={group === 'age'}
          isDisabled={(m) => group === 'age' && !m.birthdate}
          describedBy={group === 'age' ? 'age-help' : undefined}
        />
      )}
      {(group === 'age' || dated.length === 0) && (
        <p id="age-help" className="controls__help">
          {dated.length === 0 ? t('timeline.ageNeedsBirthdate') : t('timeline.ageChild')}
        </p>
      )}
    </div>
  );
}
