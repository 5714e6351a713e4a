// One entry on its own page, with what Dadly made of it (filled in by itself while it is being
// made), and edit and move-to-trash for those allowed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api';
import type { Entry } from '../api/types';
import { useFamily } from '../auth/family';
import { useSession } from '../auth/session';
import { ChildTags } from '../components/ChildTag';
import { PrivateBadge } from '../components/EntryCard';
import { EntryInsight } from '../components/EntryInsight';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';
import { ArrowLeftIcon } from '../components/icons';
import { useEntry } from '../hooks/useEntry';
import { currentLanguage } from '../i18n';
import { describeError } from '../i18n/errors';
import { formatDay, formatInstantDay } from '../i18n/format';
import { wasEdited } from '../lib/entry';
import { canChangeEntry } from '../lib/permissions';

export function EntryPage() {
  const { t } = useTranslation();
  const { eid = '' } = useParams();
  const { family } = useFamily();
  const { entry, error, polling } = useEntry(family.id, eid);

  return (
    <div className="page page--narrow">
      <Link to="/" className="back-link">
        <ArrowLeftIcon /> {t('entry.back')}
      </Link>
      {error !== null ? (
        <>
          <PageHeading title={t('errors.title')} />
          <ErrorPanel error={error} context="read" titled={false} />
        </>
      ) : entry ? (
        <EntryView entry={entry} polling={polling} />
      ) : (
        <Splash />
      )}
    </div>
  );
}

function EntryView({ entry, polling }: { entry: Entry; polling: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { me } = useSession();
  const { family, members } = useFamily();
  const navigate = useNavigate();
  const location = useLocation();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const day = formatDay(entry.occurred_at, lang, true);
  const mayChange = me ? canChangeEntry(entry, me.user.id, family.role) : false;
  const paragraphs = entry.body.split(/\n\s*\n/).filter((p) => p.trim());

  const remove = async () => {
    setDeleting(true);
    setError(null);
    try {
      await api.deleteEntry(family.id, entry.id);
      navigate('/', { state: { deletedId: entry.id } });
    } catch (e) {
      setError(e);
      setDeleting(false);
    }
  };

  return (
    <>
      {saved && (
        <p className="notice" role="status">
          {t('entry.saved')}
        </p>
      )}
      <article className="entry" data-testid="entry">
        <div className="entry__meta">
          {entry.title && <time dateTime={entry.occurred_at}>{day}</time>}
          {entry.visibility === 'private' && <PrivateBadge />}
        </div>
        <PageHeading title={entry.title ?? day} className="entry__title">
          {entry.title ?? <time dateTime={entry.occurred_at}>{day}</time>}
        </PageHeading>
        <ChildTags ids={entry.member_ids} members={members} on={entry.occurred_at} />
        <div className="entry__body">
          {paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <EntryInsight insight={entry.insight} polling={polling} />
        <footer className="entry__footer">
          <p className="muted">
            <span>
              {me?.user.id === entry.author_id ? t('entry.mine') : t('entry.by', { name: entry.author_name })}
            </span>
            {wasEdited(entry) && <span> · {t('entry.updated', { date: formatInstantDay(entry.updated_at, lang) })}</span>}
          </p>
          {mayChange && (
            <div className="entry__actions">
              <Link to={`/entries/${entry.id}/edit`} className="button button--secondary">
                {t('entry.edit')}
              </Link>
              <button type="button" className="button button--danger" onClick={() => void remove()} disabled={deleting}>
                {deleting ? t('entry.deleting') : t('entry.delete')}
              </button>
            </div>
          )}
          {error !== null && (
            <p className="alert alert--error" role="alert">
              {describeError(error, t, 'edit').message}
            </p>
          )}
        </footer>
      </article>
    </>
  );
}
