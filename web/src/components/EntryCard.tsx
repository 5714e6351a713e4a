// One entry in a list: day, title or opening words (the link to its page), children, privacy,
// and a few tags from its insight.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Entry, Member } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDay } from '../i18n/format';
import { ChildTags } from './ChildTag';
import { CardInsight } from './EntryInsight';
import { LockIcon } from './icons';

const EXCERPT = 220;

export function excerpt(body: string, max = EXCERPT): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function EntryCard({ entry, members }: { entry: Entry; members: Member[] }) {
  const lang = currentLanguage();
  const text = excerpt(entry.body);
  const href = `/entries/${entry.id}`;
  return (
    <article className="entry-card" data-testid="entry-card" data-entry-id={entry.id}>
      <div className="entry-card__meta">
        <time dateTime={entry.occurred_at}>{formatDay(entry.occurred_at, lang)}</time>
        {entry.visibility === 'private' && <PrivateBadge />}
      </div>
      {entry.title ? (
        <>
          <h3 className="entry-card__title">
            <Link to={href} className="entry-card__link">
              {entry.title}
            </Link>
          </h3>
          <p className="entry-card__body">{text}</p>
        </>
      ) : (
        <p className="entry-card__body entry-card__body--lead">
          <Link to={href} className="entry-card__link">
            {text}
          </Link>
        </p>
      )}
      <ChildTags ids={entry.member_ids} members={members} on={entry.occurred_at} />
      <CardInsight insight={entry.insight} />
    </article>
  );
}

export function PrivateBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--private">
      <LockIcon /> {t('entry.private')}
    </span>
  );
}
