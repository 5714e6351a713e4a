// A correction refused because someone else changed the child first. Shows what is stored
// now wherever it differs from the form, or was taken into a field the parent had left alone,
// and offers the two ways on: save the form as it is (a submit button of the surrounding form,
// so it goes through the same checks) or fill the form with what is stored.
import type { TFunction } from 'i18next';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDay } from '../i18n/format';
import { CHILD_FIELDS, childValues, differentFields, type ChildField, type ChildValues } from '../lib/children';
import { StoredValues } from './StoredValues';

interface Props {
  /** Prefix of the ids inside, unique on the page. */
  idPrefix: string;
  stored: Member;
  /** What the form holds now. */
  mine: ChildValues;
  /** Fields that changed elsewhere and were taken into the form. */
  taken: readonly ChildField[];
  busy: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onTakeStored: () => void;
}

export function ChildConflict({ idPrefix, stored, mine, taken, busy, headingRef, onTakeStored }: Props) {
  const { t } = useTranslation();
  const now = childValues(stored);
  const differ = differentFields(mine, now);
  const rows = CHILD_FIELDS.filter((field) => differ.includes(field) || taken.includes(field)).map((field) => ({
    field,
    label: t(`child.${field}`),
    value: shownValue(field, now, t),
    note: differ.includes(field) ? t('child.conflictMine', { value: shownValue(field, mine, t) }) : t('child.conflictTaken'),
  }));

  return (
    <section className="panel conflict" aria-labelledby={`${idPrefix}-conflict-title`} data-testid="child-conflict">
      <h2 className="panel__title" id={`${idPrefix}-conflict-title`} tabIndex={-1} ref={headingRef}>
        {t('child.conflictTitle')}
      </h2>
      <p>{t('child.conflictLead')}</p>
      {rows.length > 0 ? <StoredValues rows={rows} /> : <p>{t('child.conflictSame')}</p>}
      <div className="conflict__choices">
        <div className="conflict__choice">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-describedby={`${idPrefix}-conflict-save-hint`}
          >
            {t('child.conflictSave')}
          </button>
          <p className="field__hint" id={`${idPrefix}-conflict-save-hint`}>{t('child.conflictSaveHint')}</p>
        </div>
        <div className="conflict__choice">
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={onTakeStored}
            aria-describedby={`${idPrefix}-conflict-take-hint`}
          >
            {t('child.conflictTake')}
          </button>
          <p className="field__hint" id={`${idPrefix}-conflict-take-hint`}>{t('child.conflictTakeHint')}</p>
        </div>
      </div>
    </section>
  );
}

/** A field's value as the children page shows it. */
function shownValue(field: ChildField, values: ChildValues, t: TFunction): string {
  switch (field) {
    case 'name':
      return values.name.trim() || t('conflict.none');
    case 'birthdate':
      return values.birthdate ? formatDay(values.birthdate, currentLanguage()) : t('child.noBirthdate');
    case 'relation':
      return values.relation.trim() || t('conflict.none');
  }
}
