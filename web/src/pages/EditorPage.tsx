// /entries/new and /entries/:eid/edit. Drafts are the signed-in user's own (draftKey).
//
// Editing sends the ETag of the version the text was written against. When the entry has been
// changed elsewhere since (the save is refused with 412, or the editor opens with a draft of an
// older version) the page shows what is stored now beside the parent's text, which stays, and
// asks: keep mine (the next save may then replace the stored version) or take the stored one.
// Nothing is sent with the newer ETag before that choice.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { isApiError } from '../api/errors';
import type { Entry, EntryCreate, EntryPatch, Member } from '../api/types';
import { useFamily } from '../auth/family';
import { useSession } from '../auth/session';
import { EntryConflict } from '../components/EntryConflict';
import { EntryForm, changedFields, emptyEntry, entryValues, type EntryValues } from '../components/EntryForm';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageHeading } from '../components/PageHeading';
import { RoleNotice } from '../components/RoleNotice';
import { Splash } from '../components/Splash';
import { useDraft } from '../hooks/useDraft';
import { draftKey } from '../lib/drafts';
import { canChangeEntry } from '../lib/permissions';

export function NewEntryPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { members, membersLoaded } = useFamily();

  return (
    <div className="page page--narrow">
      <PageHeading title={t('editor.newTitle')} />
      {me && membersLoaded ? <NewEntryForm uid={me.user.id} members={members} /> : <Splash />}
    </div>
  );
}

function NewEntryForm({ uid, members }: { uid: string; members: Member[] }) {
  const { family } = useFamily();
  const navigate = useNavigate();
  const draft = useDraft(draftKey(uid, family.id, 'new'), emptyEntry());

  const create = async (v: EntryValues) => {
    const body: EntryCreate = {
      body: v.body,
      member_ids: v.member_ids,
      visibility: v.visibility,
      ...(v.title.trim() ? { title: v.title.trim() } : {}),
      ...(v.occurred_at ? { occurred_at: v.occurred_at } : {}),
    };
    const entry = await api.createEntry(family.id, body);
    draft.clear();
    // The entry takes the editor's place: Back returns to where the writing started.
    navigate(`/entries/${entry.id}`, { replace: true, state: { saved: true } });
  };

  return <EntryForm context="write" draft={draft} members={members} cancelHref="/" onSubmit={create} />;
}

export function EditEntryPage() {
  const { t } = useTranslation();
  const { eid = '' } = useParams();
  const { me } = useSession();
  const { family, members, membersLoaded } = useFamily();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setEntry(null);
    setError(null);
    api.getEntry(family.id, eid).then(setEntry, setError);
  }, [family.id, eid]);

  // An editor may change only what they wrote: another's entry gets the notice, not a form
  // whose save the server would refuse.
  if (me && entry && !canChangeEntry(entry, me.user.id, family.role)) {
    return (
      <div className="page page--narrow">
        <RoleNotice
          role={family.role}
          job="entry"
          backTo={`/entries/${entry.id}`}
          backLabel={t('roleNotice.toEntry')}
        />
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <PageHeading title={t('editor.editTitle')} />
      {error !== null ? (
        <ErrorPanel error={error} context="edit" />
      ) : me && entry && membersLoaded ? (
        <EditEntryForm key={entry.id} uid={me.user.id} loaded={entry} members={members} />
      ) : (
        <Splash />
      )}
    </div>
  );
}

function EditEntryForm({ uid, loaded, members }: { uid: string; loaded: Entry; members: Member[] }) {
  const { t } = useTranslation();
  const { family } = useFamily();
  const navigate = useNavigate();
  // The newest version this page knows of; the draft's base is the one its text was written on.
  const [latest, setLatest] = useState(loaded);
  const draft = useDraft(draftKey(uid, family.id, loaded.id), entryValues(loaded), loaded.version);
  const [cause, setCause] = useState<'save' | 'draft'>('draft');
  const [choice, setChoice] = useState<'kept' | 'taken' | null>(null);
  const [refusals, setRefusals] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A text of an older version that says just what the stored version says is no conflict.
  const conflict =
    draft.base !== latest.version && changedFields(draft.value, entryValues(latest)).length > 0;

  // After a refused save, the choice is the next thing to read.
  useEffect(() => {
    if (refusals > 0) headingRef.current?.focus();
  }, [refusals]);

  const patchOf = (v: EntryValues): EntryPatch => ({
    body: v.body,
    title: v.title.trim() ? v.title.trim() : null,
    member_ids: v.member_ids,
    visibility: v.visibility,
    ...(v.occurred_at ? { occurred_at: v.occurred_at } : {}),
  });
  const put = async (v: EntryValues, version: number) => {
    const saved = await api.updateEntry(family.id, latest.id, patchOf(v), `"${version}"`);
    draft.clear();
    navigate(`/entries/${saved.id}`, { replace: true, state: { saved: true } });
  };

  const save = async (v: EntryValues) => {
    if (conflict) {
      // Not before the parent has chosen: that would overwrite the other change unseen.
      headingRef.current?.focus();
      return;
    }
    try {
      await put(v, latest.version);
    } catch (error) {
      if (!isApiError(error) || error.code !== 'precondition_failed') throw error;
      // Changed elsewhere meanwhile: fetch what is stored now and let the parent choose. If that
      // fails, the form says the entry changed, and saving again tries once more.
      const fresh = await api.getEntry(family.id, latest.id).catch(() => {
        throw error;
      });
      if (fresh.version === latest.version) throw error;
      setLatest(fresh);
      setCause('save');
      setChoice(null);
      // The other change made the entry say just what this text says: nothing to choose.
      if (changedFields(v, entryValues(fresh)).length === 0) return put(v, fresh.version);
      setRefusals((n) => n + 1);
    }
  };

  const keepMine = () => {
    draft.rebase(latest.version);
    setChoice('kept');
    document.getElementById('entry-body')?.focus();
  };
  const takeLatest = () => {
    draft.reset(entryValues(latest), latest.version);
    setChoice('taken');
    document.getElementById('entry-body')?.focus();
  };

  return (
    <>
      {conflict && (
        <EntryConflict
          latest={latest}
          mine={draft.value}
          members={members}
          cause={cause}
          headingRef={headingRef}
          onKeepMine={keepMine}
          onTakeLatest={takeLatest}
        />
      )}
      {!conflict && choice && (
        <p className="alert alert--info" role="status">
          {choice === 'kept' ? t('conflict.kept') : t('conflict.taken')}
        </p>
      )}
      <EntryForm
        context="edit"
        draft={draft}
        members={members}
        cancelHref={`/entries/${latest.id}`}
        onSubmit={save}
        showVisibility={uid === latest.author_id}
        showRestored={!conflict && !choice}
      />
    </>
  );
}
