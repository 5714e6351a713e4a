// The two fields of every child form: the name (a name another child already has is pointed
// out, never refused) and the birthday, which may not be after today.
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { sameNameWarning } from '../lib/children';
import { todayLocal } from '../lib/dates';
import { TextField } from './Field';

export function ChildFields({
  idPrefix,
  members,
  exceptId,
  name,
  onName,
  birthdate,
  onBirthdate,
  errors,
  namePlaceholder,
}: {
  /** The fields' ids are `${idPrefix}-name` and `${idPrefix}-birthdate`. */
  idPrefix: string;
  /** The family's children, to point out a name that is taken. */
  members: Member[];
  /** The child being corrected, which may keep its own name. */
  exceptId?: string;
  name: string;
  onName: (value: string) => void;
  birthdate: string;
  onBirthdate: (value: string) => void;
  errors: Record<string, string>;
  namePlaceholder?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form__row">
      <TextField
        id={`${idPrefix}-name`}
        label={t('child.name')}
        warning={sameNameWarning(members, name, t, currentLanguage(), exceptId)}
        error={errors.name}
        name="name"
        autoComplete="off"
        placeholder={namePlaceholder}
        value={name}
        onChange={onName}
      />
      <TextField
        id={`${idPrefix}-birthdate`}
        label={t('child.birthdate')}
        hint={t('child.birthdateHint')}
        error={errors.birthdate}
        type="date"
        name="birthdate"
        min="1900-01-01"
        max={todayLocal()}
        value={birthdate}
        onChange={onBirthdate}
      />
    </div>
  );
}
