// Asking the family's entries a question: the answer with the entries it cites, then every
// entry that matched. The search lives in the address (?q=&child=&from=&to=), so back,
// forward and reload show it again; sending the same search again asks the server again.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, isApiError } from '../api';
import type { Member, SearchResponse } from '../api/types';
import { useFamily } from '../auth/family';
import { ChildToggles, toggled } from '../components/ChildPicker';
import { ErrorPanel } from '../components/ErrorPanel';
import { Field, FieldGroup, FormAlert, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { SearchAnswer, SearchResults } from '../components/SearchAnswer';
import { Splash } from '../components/Splash';
import { SearchIcon } from '../components/icons';
import { useApiForm } from '../hooks/useApiForm';
import { useLoad, type Loaded } from '../hooks/useLoad';
import { invalidFields, readSearch, toRequest, writeSearch, type SearchValues } from '../lib/search';

// The inputs are named as the address names them (?q=&child=); the API says `query` and `member_ids`.
const FIELDS = { q: 'query', child: 'member_ids', from: 'from', to: 'to' } as const;

export function SearchPage() {
  const { t } = useTranslation();
  const { family, members, membersLoaded, membersError, reloadMembers } = useFamily();
  const [params, setParams] = useSearchParams();
  const asked = readSearch(params);
  const address = writeSearch(asked).toString();
  const request = toRequest(asked);
  const search = useLoad(request ? `${family.id}?${address}` : null, (signal) =>
    api.search(family.id, request!, signal),
  );

  const send = (values: SearchValues) => {
    const next = writeSearch(values);
    if (next.toString() === address) search.reload();
    else setParams(next);
  };

  return (
    <div className="page">
      <div className="page__intro">
        <PageHeading title={t('search.title')} />
        <p className="lead">{t('search.lead')}</p>
      </div>
      {membersError !== null && <ErrorPanel error={membersError} onRetry={() => void reloadMembers()} />}
      {membersLoaded ? (
        <SearchForm asked={asked} members={members} busy={search.loading} failure={search.error} onSearch={send} />
      ) : (
        <Splash />
      )}
      {/* A search that found nothing says so in its own status, below. */}
      <p className="visually-hidden" role="status">
        {search.data && search.data.results.length > 0 && t('search.found', { count: search.data.results.length })}
      </p>
      <SearchOutcome search={search} />
    </div>
  );
}

const isValidation = (error: unknown) => isApiError(error) && error.code === 'validation_failed';

function SearchForm({
  asked,
  members,
  busy,
  failure,
  onSearch,
}: {
  asked: SearchValues;
  members: Member[];
  busy: boolean;
  /** Why the last search failed: a refused field is shown next to it. */
  failure: unknown;
  onSearch: (values: SearchValues) => void;
}) {
  const { t } = useTranslation();
  const form = useApiForm('search', FIELDS);
  const [values, setValues] = useState(asked);
  const set = <K extends keyof SearchValues>(key: K, value: SearchValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  // Back and forward show the search of that address.
  const askedKey = writeSearch(asked).toString();
  const { clear, report } = form;
  useEffect(() => {
    setValues(asked);
    clear();
    // `asked` is new on every render; its address says when it changed.
  }, [askedKey, clear]);

  // The search is sent through the address, so the server's refusal comes back through the page.
  useEffect(() => {
    if (isValidation(failure)) report(failure);
  }, [failure, report]);
  const { fields, message } = form.errors;

  return (
    <form
      ref={form.formRef}
      onChange={form.onChange}
      role="search"
      className="form search-form"
      noValidate
      onSubmit={form.handleSubmit(async () => onSearch(values), invalidFields(values))}
    >
      <FormAlert message={message} />
      <Field id="search-query" label={t('search.query')} error={fields.q}>
        {(control) => (
          <div className="search-form__bar">
            <input
              {...control}
              className="input search-form__input"
              type="search"
              name="q"
              maxLength={500}
              enterKeyHint="search"
              autoComplete="off"
              placeholder={t('search.queryPlaceholder')}
              value={values.q}
              onChange={(e) => set('q', e.target.value)}
            />
            <button type="submit" className="button button--primary" disabled={busy}>
              <SearchIcon /> {t('search.submit')}
            </button>
          </div>
        )}
      </Field>
      {members.length > 0 && (
        <FieldGroup
          id="search-children"
          legend={t('search.children')}
          hint={t('search.childrenHint')}
          error={fields.child}
        >
          <ChildToggles
            name="child"
            members={members}
            selected={values.member_ids}
            onToggle={(id) => set('member_ids', toggled(values.member_ids, id))}
          />
        </FieldGroup>
      )}
      <div className="form__row">
        <TextField
          id="search-from"
          label={t('search.from')}
          optional={t('editor.optional')}
          error={fields.from}
          className="input input--date"
          type="date"
          name="from"
          min="1900-01-01"
          value={values.from}
          onChange={(text) => set('from', text)}
        />
        <TextField
          id="search-to"
          label={t('search.to')}
          optional={t('editor.optional')}
          error={fields.to}
          className="input input--date"
          type="date"
          name="to"
          min={values.from || '1900-01-01'}
          value={values.to}
          onChange={(text) => set('to', text)}
        />
      </div>
    </form>
  );
}

function SearchOutcome({ search }: { search: Loaded<SearchResponse> }) {
  const { t } = useTranslation();
  if (search.loading) return <Splash label={t('search.searching')} />;
  if (search.error !== null) {
    // A refused field is explained next to it, in the form.
    return isValidation(search.error) ? null : <ErrorPanel error={search.error} onRetry={search.reload} />;
  }
  const response = search.data;
  if (!response) return null;
  if (response.results.length === 0) {
    return (
      <div className="empty" data-testid="search-empty">
        <div role="status" className="empty__status">
          <p className="empty__title">{response.answer}</p>
          <p className="empty__lead">{t('search.emptyLead')}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="search-outcome">
      <SearchAnswer response={response} />
      <SearchResults response={response} />
    </div>
  );
}
