// Reading an entry's insight: what a card has room for, and how strong a feeling reads.
import type { EmotionScore, Insight } from '../api/types';

/** Topics a card shows; the entry's page shows them all. */
export const CARD_TOPICS = 3;

export type Strength = 'low' | 'mid' | 'high';

/** A score in [0, 1] as one of three steps, for a small indicator rather than a number. */
export function strengthOf(score: number): Strength {
  if (score >= 0.66) return 'high';
  if (score >= 0.33) return 'mid';
  return 'low';
}

/** The strongest feeling, or null when there is none. */
export function strongest(emotions: readonly EmotionScore[]): EmotionScore | null {
  return emotions.reduce<EmotionScore | null>((best, e) => (best === null || e.score > best.score ? e : best), null);
}

export interface InsightTags {
  topics: string[];
  emotions: EmotionScore[];
}

/** What a card shows: the first few topics and the strongest feeling, and only once done. */
export function cardTags(insight: Insight | null | undefined): InsightTags | null {
  if (insight?.status !== 'done') return null;
  const feeling = strongest(insight.emotions);
  const tags = { topics: insight.topics.slice(0, CARD_TOPICS), emotions: feeling ? [feeling] : [] };
  return tags.topics.length + tags.emotions.length > 0 ? tags : null;
}
