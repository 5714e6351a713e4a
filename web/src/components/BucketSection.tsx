// One group of the timeline: its label (month, year or age, in the reader's language),
// how many entries it holds in all, and the entries loaded so far.
import { useTranslation } from 'react-i18next';
import type { Bucket, Member, TimelineGroup } from '../api/types';
import { currentLanguage } from '../i18n';
import { bucketLabel } from '../i18n/format';
import { EntryCard } from './EntryCard';

export function BucketSection({
  bucket,
  group,
  members,
}: {
  bucket: Bucket;
  group: TimelineGroup;
  members: Member[];
}) {
  const { t } = useTranslation();
  const id = `bucket-${bucket.key}`;
  return (
    <section className="bucket" aria-labelledby={id} data-testid="bucket" data-key={bucket.key}>
      <header className="bucket__head">
        <h2 id={id} className="bucket__label">
          {bucketLabel(group, bucket.key, currentLanguage(), t)}
        </h2>
        <span className="bucket__count">{t('timeline.count', { count: bucket.count })}</span>
      </header>
      <ol className="bucket__entries">
        {bucket.entries.map((entry) => (
          <li key={entry.id}>
            <EntryCard entry={entry} members={members} />
          </li>
        ))}
      </ol>
    </section>
  );
}
