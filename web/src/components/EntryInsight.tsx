// What Dadly made of an entry in the background: a summary, its topics and the feelings in it.
// The entry's page shows all of it, or that it is still being made, and each tag opens the
// timeline of entries that share it; a card shows a few tags (the card itself is the link).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EmotionScore, Insight } from '../api/types';
import { currentLanguage } from '../i18n';
import { emotionLabel, topicLabel } from '../i18n/insight';
import { cardTags, strengthOf, type InsightTags as Tags } from '../lib/insight';
import { timelineHref } from '../lib/timelineView';

/**
 * The insight under an entry. `polling`: the page is still asking for a pending insight
 * (false once it gave up). The region is live, so the result is announced when it arrives.
 */
export function EntryInsight({ insight, polling }: { insight: Insight | null | undefined; polling: boolean }) {
  const { t } = useTranslation();
  if (!insight) return null;
  const { status } = insight;
  return (
    <section className={`insight insight--${status}`} aria-live="polite" data-testid="insight" data-status={status}>
      {status === 'pending' ? (
        <p className="insight__note">
          {polling && <span className="insight__dot" aria-hidden="true" />}
          {polling ? t('insight.pending') : t('insight.later')}
        </p>
      ) : status === 'failed' ? (
        <p className="insight__note">{t('insight.failed')}</p>
      ) : (
        <>
          <h2 className="insight__title">{t('insight.title')}</h2>
          {insight.summary && <p className="insight__summary">{insight.summary}</p>}
          <InsightTags tags={insight} linked />
        </>
      )}
    </section>
  );
}

/** A card's few tags (first topics, strongest feeling) once the insight is done. */
export function CardInsight({ insight }: { insight: Insight | null | undefined }) {
  const tags = cardTags(insight);
  return tags ? <InsightTags tags={tags} /> : null;
}

/** `linked`: each tag is a link to the timeline filtered by it. */
function InsightTags({ tags, linked = false }: { tags: Tags; linked?: boolean }) {
  const { t } = useTranslation();
  if (tags.topics.length === 0 && tags.emotions.length === 0) return null;
  return (
    <ul className={linked ? 'insight-tags insight-tags--links' : 'insight-tags'} aria-label={t('insight.tags')}>
      {tags.topics.map((id) => {
        const name = topicLabel(id, t);
        return (
          <li key={id} className="insight-tag insight-tag--topic" data-topic={id}>
            {linked ? (
              <Link to={timelineHref({ topic: id })} className="insight-tag__link" title={t('insight.topicLink', { topic: name })}>
                {name}
              </Link>
            ) : (
              name
            )}
          </li>
        );
      })}
      {tags.emotions.map((e) => (
        <EmotionChip key={e.id} emotion={e} linked={linked} />
      ))}
    </ul>
  );
}

function EmotionChip({ emotion, linked }: { emotion: EmotionScore; linked: boolean }) {
  const { t } = useTranslation();
  const strength = strengthOf(emotion.score);
  const name = emotionLabel(emotion, currentLanguage(), t);
  const content = (
    <>
      <span>{name}</span>
      <span className={`strength strength--${strength}`} aria-hidden="true">
        <span className="strength__bar" />
        <span className="strength__bar" />
        <span className="strength__bar" />
      </span>
      <span className="visually-hidden">{t(`insight.strength.${strength}`)}</span>
    </>
  );
  return (
    <li className="insight-tag insight-tag--emotion" data-emotion={emotion.id}>
      {linked ? (
        <Link
          to={timelineHref({ emotion: emotion.id })}
          className="insight-tag__link"
          title={t('insight.emotionLink', { emotion: name })}
        >
          {content}
        </Link>
      ) : (
        content
      )}
    </li>
  );
}
