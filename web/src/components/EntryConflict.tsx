// An entry changed elsewhere since the text in the form was started (found on saving, or on
// opening the editor with a draft of an older version). Shows what is stored now, field by
// field where it differs from the form, and lets the parent choose: go on with their own text
// (saving will then replace the stored version) or take the stored version (dropping theirs).
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry, Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDay } from '../i18n/format';
import { changedFields, entryValues, type EntryValues } from './EntryForm';
import { StoredValues } from './StoredValues';

interface Props {
  latest: Entry;
  mine: EntryValues;
  members: Member[];
  /** `save`: a save was refused just now; `draft`: the editor opened with an older draft. */
  cause: 'save' | 'draft';
  headingRef?: Ref<HTMLHeadingElement>;
  onKeepMine: () => void;
  onTakeLatest: () => void;
}

export function EntryConflict({ latest, mine, members, cause, headingRef, onKeepMine, onTakeLatest }: Props) {
  const { t } = useTranslation();
  const stored = entryValues(latest);
  const fields = changedFields(mine, stored);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;

  const shown = (field: keyof EntryValues): string => {
    switch (field) {
      case 'title':
        return stored.title.trim() || t('conflict.none');
      case 'body':
        return stored.body;
      case 'occurred_at':
        return formatDay(stored.occurred_at, currentLanguage(), true);
      case 'member_ids':
        return stored.member_ids.length ? stored.member_ids.map(nameOf).join(', ') : t('conflict.none');
      case 'visibility':
        return stored.visibility === 'private' ? t('editor.visPrivate') : t('editor.visFamily');
    }
  };

  return (
    <section className="panel conflict" aria-labelledby="entry-conflict-title" data-testid="entry-conflict">
      <h2 className="panel__title" id="entry-conflict-title" tabIndex={-1} ref={headingRef}>
        {cause === 'save' ? t('conflict.changedTitle') : t('conflict.draftTitle')}
      </h2>
      <p>{cause === 'save' ? t('conflict.changedLead') : t('conflict.draftLead')}</p>
      <StoredValues
        rows={fields.map((field) => ({
          field,
          label: t(`conflict.fields.${field}`),
          value: shown(field),
          long: field === 'body',
        }))}
      />
      <div className="conflict__choices">
        <div className="conflict__choice">
          <button type="button" className="button button--primary" onClick={onKeepMine} aria-describedby="conflict-keep-hint">
            {t('conflict.keepMine')}
          </button>
          <p className="field__hint" id="conflict-keep-hint">{t('conflict.keepMineHint')}</p>
        </div>
        <div className="conflict__choice">
          <button type="button" className="button button--quiet" onClick={onTakeLatest} aria-describedby="conflict-take-hint">
            {t('conflict.takeLatest')}
          </button>
          <p className="field__hint" id="conflict-take-hint">{t('conflict.takeLatestHint')}</p>
        </div>
      </div>
    </section>
  );
}
