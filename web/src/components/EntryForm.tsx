// Writing or changing an entry: what happened, the day (today by default), which children,
// and who may see it. On failure everything typed stays, errors next to their fields. The page
// owns the draft (useDraft) and clears it once the entry is saved.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Entry, Member, Visibility } from '../api/types';
import { sameNames, useApiForm } from '../hooks/useApiForm';
import type { Draft } from '../hooks/useDraft';
import { currentLanguage } from '../i18n';
import { formatDay } from '../i18n/format';
import { todayLocal } from '../lib/dates';
import { Field, FieldGroup, FormAlert, TextField } from './Field';
import { ChildToggles, toggled } from './ChildPicker';

export interface EntryValues {
  title: string;
  body: string;
  occurred_at: string;
  member_ids: string[];
  visibility: Visibility;
}

const FIELDS = ['title', 'body', 'occurred_at', 'member_ids', 'visibility'] as const;
const INPUTS = sameNames(FIELDS);

interface Props {
  draft: Draft<EntryValues>;
  members: Member[];
  cancelHref: string;
  /** Saves the entry (and clears the draft); rejects with what the form should show. */
  onSubmit: (values: EntryValues) => Promise<void>;
  context: 'write' | 'edit';
  /** Only an entry's author may make it private; others editing it do not get the choice. */
  showVisibility?: boolean;
  /** Says that a draft came back; false while the page explains it some other way. */
  showRestored?: boolean;
}

export function EntryForm({
  draft,
  members,
  cancelHref,
  onSubmit,
  context,
  showVisibility = true,
  showRestored = true,
}: Props) {
  const { t } = useTranslation();
  const form = useApiForm(context, INPUTS);
  const v = draft.value;
  const set = <K extends keyof EntryValues>(key: K, value: EntryValues[K]) =>
    draft.setValue((current) => ({ ...current, [key]: value }));
  const toggleChild = (id: string) => set('member_ids', toggled(v.member_ids, id));

  return (
    <form
      ref={form.formRef}
      onChange={form.onChange}
      className="form entry-form"
      noValidate
      onSubmit={form.handleSubmit(() => onSubmit(v), v.body.trim() ? [] : ['body'])}
    >
      {showRestored && draft.restored && <p className="alert alert--info">{t('editor.draftRestored')}</p>}
      <FormAlert message={form.errors.message} />
      <Field id="entry-body" label={t('editor.body')} error={form.errors.fields.body}>
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            name="body"
            rows={8}
            placeholder={t('editor.bodyPlaceholder')}
            value={v.body}
            onChange={(e) => set('body', e.target.value)}
          />
        )}
      </Field>
      <TextField
        id="entry-title"
        label={t('editor.title')}
        optional={t('editor.optional')}
        error={form.errors.fields.title}
        name="title"
        placeholder={t('editor.titlePlaceholder')}
        value={v.title}
        onChange={(text) => set('title', text)}
      />
      <TextField
        id="entry-date"
        label={t('editor.occurredAt')}
        hint={v.occurred_at ? formatDay(v.occurred_at, currentLanguage(), true) : undefined}
        error={form.errors.fields.occurred_at}
        className="input input--date"
        type="date"
        name="occurred_at"
        min="1900-01-01"
        max={todayLocal()}
        value={v.occurred_at}
        onChange={(text) => set('occurred_at', text)}
      />
      <FieldGroup
        id="entry-children"
        legend={t('editor.children')}
        hint={members.length === 0 ? t('editor.noChildren') : undefined}
        error={form.errors.fields.member_ids}
      >
        <ChildToggles name="member_ids" members={members} selected={v.member_ids} onToggle={toggleChild} />
      </FieldGroup>
      {showVisibility && (
        <FieldGroup id="entry-visibility" legend={t('editor.visibility')} error={form.errors.fields.visibility}>
          <div className="choice-cards">
            {(['family', 'private'] as const).map((option) => (
              <label key={option} className="choice-card">
                <input
                  type="radio"
                  name="visibility"
                  value={option}
                  checked={v.visibility === option}
                  onChange={() => set('visibility', option)}
                />
                <span className="choice-card__text">
                  <span className="choice-card__title">
                    {option === 'family' ? t('editor.visFamily') : t('editor.visPrivate')}
                  </span>
                  <span className="choice-card__hint">
                    {option === 'family' ? t('editor.visFamilyHint') : t('editor.visPrivateHint')}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </FieldGroup>
      )}
      <div className="form__actions form__actions--end">
        <Link to={cancelHref} className="button button--quiet" onClick={draft.clear}>
          {t('editor.cancel')}
        </Link>
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('editor.saving') : t('editor.save')}
        </button>
      </div>
    </form>
  );
}

export function emptyEntry(): EntryValues {
  return { title: '', body: '', occurred_at: todayLocal(), member_ids: [], visibility: 'family' };
}

/** What the form shows for a stored entry. */
export function entryValues(entry: Entry): EntryValues {
  return {
    title: entry.title ?? '',
    body: entry.body,
    occurred_at: entry.occurred_at,
    member_ids: entry.member_ids,
    visibility: entry.visibility,
  };
}

/** The fields where `a` and `b` differ, as saving would see them (children in any order). */
export function changedFields(a: EntryValues, b: EntryValues): (keyof EntryValues)[] {
  const sameChildren =
    a.member_ids.length === b.member_ids.length && a.member_ids.every((id) => b.member_ids.includes(id));
  return FIELDS.filter((field) => {
    if (field === 'member_ids') return !sameChildren;
    if (field === 'title') return a.title.trim() !== b.title.trim();
    return a[field] !== b[field];
  });
}
