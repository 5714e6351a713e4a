// /entries/new and /entries/:eid/edit.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, etagOf } from '../api';
import type { Entry, EntryCreate, EntryPatch } from '../api/types';
import { useFamily } from '../auth/family';
import { useSession } from '../auth/session';
import { EntryForm, emptyEntry, type EntryValues } from '../components/EntryForm';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';

export function NewEntryPage() {
  const { t } = useTranslation();
  const { family, members, membersLoaded } = useFamily();
  const navigate = useNavigate();

  const create = async (v: EntryValues) => {
    const body: EntryCreate = {
      body: v.body,
      member_ids: v.member_ids,
      visibility: v.visibility,
      ...(v.title.trim() ? { title: v.title.trim() } : {}),
      ...(v.occurred_at ? { occurred_at: v.occurred_at } : {}),
    };
    const entry = await api.createEntry(family.id, body);
    navigate(`/entries/${entry.id}`, { state: { saved: true } });
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('editor.newTitle')} />
      {membersLoaded ? (
        <EntryForm
          context="write"
          initial={emptyEntry()}
          draftKey={`dadly.draft.${family.id}.new`}
          members={members}
          cancelHref="/"
          onSubmit={create}
        />
      ) : (
        <Splash />
      )}
    </div>
  );
}

export function EditEntryPage() {
  const { t } = useTranslation();
  const { eid = '' } = useParams();
  const { me } = useSession();
  const { family, members, membersLoaded } = useFamily();
  const navigate = useNavigate();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setEntry(null);
    setError(null);
    api.getEntry(family.id, eid).then(setEntry, setError);
  }, [family.id, eid]);

  const save = async (v: EntryValues) => {
    if (!entry) return;
    const patch: EntryPatch = {
      body: v.body,
      title: v.title.trim() ? v.title.trim() : null,
      member_ids: v.member_ids,
      visibility: v.visibility,
      ...(v.occurred_at ? { occurred_at: v.occurred_at } : {}),
    };
    const saved = await api.updateEntry(family.id, entry.id, patch, etagOf(entry));
    navigate(`/entries/${saved.id}`, { replace: true, state: { saved: true } });
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('editor.editTitle')} />
      {error !== null ? (
        <ErrorPanel error={error} context="edit" />
      ) : entry && membersLoaded ? (
        <EntryForm
          context="edit"
          initial={{
            title: entry.title ?? '',
            body: entry.body,
            occurred_at: entry.occurred_at,
            member_ids: entry.member_ids,
            visibility: entry.visibility,
          }}
          draftKey={`dadly.draft.${family.id}.${entry.id}.v${entry.version}`}
          members={members}
          cancelHref={`/entries/${entry.id}`}
          onSubmit={save}
          showVisibility={me?.user.id === entry.author_id}
        />
      ) : (
        <Splash />
      )}
    </div>
  );
}
