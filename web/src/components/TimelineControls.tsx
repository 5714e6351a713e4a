// How the timeline is grouped (month, year, a child's age), whose entries it shows, and which
// topic and feeling their insight must carry. Grouping and child are radio groups (arrow keys
// move between the options); topic and feeling are selects, with a button that clears them.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, TimelineGroup } from '../api/types';
import { currentLanguage } from '../i18n';
import { ko } from '../i18n/ko';
import { topicLabel } from '../i18n/insight';
import { EMOTION_IDS } from '../lib/emotions';
import { byLabel, isEmotion, isFiltered, type TimelineView } from '../lib/timelineView';
import { ChildRadios } from './ChildPicker';

interface Props {
  /** What is shown: a child the family has (or null), an age grouping only with a birthday. */
  view: TimelineView;
  members: Member[];
  onChange: (view: TimelineView) => void;
  /** Clears topic, feeling and child (see withoutFilters). */
  onClear: () => void;
  /** The topic select, where focus goes once the filters are cleared. */
  topicRef?: RefObject<HTMLSelectElement | null>;
}

const TOPIC_IDS = Object.keys(ko.topic);

export function TimelineControls({ view, members, onChange, onClear, topicRef }: Props) {
  const { t } = useTranslation();
  const { group, childId } = view;
  const dated = members.filter((m) => m.birthdate);
  const groups: { value: TimelineGroup; label: string; disabled?: boolean }[] = [
    { value: 'month', label: t('timeline.byMonth') },
    { value: 'year', label: t('timeline.byYear') },
    { value: 'age', label: t('timeline.byAge'), disabled: dated.length === 0 },
  ];

  const pickGroup = (next: TimelineGroup) => {
    if (next === 'age') {
      const current = members.find((m) => m.id === childId);
      onChange({ ...view, group: 'age', childId: current?.birthdate ? current.id : (dated[0]?.id ?? null) });
    } else {
      onChange({ ...view, group: next });
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
          onChange={(id) => onChange({ ...view, childId: id })}
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
      <InsightFilters view={view} onChange={onChange} onClear={onClear} topicRef={topicRef} />
    </div>
  );
}

function InsightFilters({ view, onChange, onClear, topicRef }: Omit<Props, 'members'>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  // An id from the address that the app has no name for is still a filter: it shows as itself.
  const topicIds = view.topic && !TOPIC_IDS.includes(view.topic) ? [...TOPIC_IDS, view.topic] : TOPIC_IDS;
  const topics = byLabel(
    topicIds.map((id) => ({ value: id, label: topicLabel(id, t) })),
    lang,
  );
  return (
    <div className="controls__filters">
      <div className="controls__select">
        <label htmlFor="timeline-topic" className="controls__label">
          {t('timeline.topicLabel')}
        </label>
        <select
          ref={topicRef}
          id="timeline-topic"
          className="input input--select"
          value={view.topic ?? ''}
          onChange={(e) => onChange({ ...view, topic: e.target.value || null })}
        >
          <option value="">{t('timeline.allTopics')}</option>
          {topics.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="controls__select">
        <label htmlFor="timeline-emotion" className="controls__label">
          {t('timeline.emotionLabel')}
        </label>
        <select
          id="timeline-emotion"
          className="input input--select"
          value={view.emotion ?? ''}
          onChange={(e) => onChange({ ...view, emotion: isEmotion(e.target.value) ? e.target.value : null })}
        >
          <option value="">{t('timeline.allEmotions')}</option>
          {EMOTION_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`emotion.${id}`)}
            </option>
          ))}
        </select>
      </div>
      {isFiltered(view) && (
        <button type="button" className="button button--quiet controls__clear" onClick={onClear}>
          {t('timeline.clearFilters')}
        </button>
      )}
    </div>
  );
}
