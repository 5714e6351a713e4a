// Topic and feeling names in the reader's language. Topics are the server's English ids; one
// the app does not know yet is shown as its id. A feeling comes with its Korean name from the
// server (`label`), which Korean readers see; others see the name of its id from en.ts.
import type { TFunction } from 'i18next';
import type { EmotionScore } from '../api/types';
import type { Lang } from './index';
import { ko } from './ko';

type TopicId = keyof typeof ko.topic;

const isTopicId = (id: string): id is TopicId => Object.hasOwn(ko.topic, id);

export function topicLabel(id: string, t: TFunction): string {
  return isTopicId(id) ? t(`topic.${id}`) : id;
}

export function emotionLabel(emotion: EmotionScore, lang: Lang, t: TFunction): string {
  if (lang === 'ko' && emotion.label) return emotion.label;
  return t(`emotion.${emotion.id}`, { defaultValue: emotion.label });
}
