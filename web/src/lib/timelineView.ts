// What the timeline shows, as its address keeps it (?group=&child=&topic=&emotion=): the
// grouping, one child or everyone, and the topic and feeling an entry's insight must carry.
// Reading is forgiving (a value the app cannot use is left out), writing is canonical, so
// equal views have equal addresses.
import type { EmotionScore, Member, TimelineGroup } from '../api/types';
import { EMOTION_IDS } from './emotions';

export type EmotionId = EmotionScore['id'];

export const GROUPS: readonly TimelineGroup[] = ['month', 'year', 'age'];

/** The API's pattern for a topic id; ids the app has no name for are still valid filters. */
const TOPIC = /^[a-z_]{1,40}$/;

export interface TimelineView {
  group: TimelineGroup;
  /** null: everyone. */
  childId: string | null;
  topic: string | null;
  emotion: EmotionId | null;
}

export const ALL: TimelineView = { group: 'month', childId: null, topic: null, emotion: null };

export function isTopic(text: string | null): text is string {
  return text !== null && TOPIC.test(text);
}

export function isEmotion(text: string | null): text is EmotionId {
  return text !== null && (EMOTION_IDS as readonly string[]).includes(text);
}

function isGroup(text: string | null): text is TimelineGroup {
  return text !== null && (GROUPS as readonly string[]).includes(text);
}

/** The view an address asks for. */
export function readView(params: URLSearchParams): TimelineView {
  const group = params.get('group');
  const topic = params.get('topic');
  const emotion = params.get('emotion');
  return {
    group: isGroup(group) ? group : 'month',
    childId: params.get('child') || null,
    topic: isTopic(topic) ? topic : null,
    emotion: isEmotion(emotion) ? emotion : null,
  };
}

/** The address of a view: only what differs from the whole timeline by month, in a fixed order. */
export function writeView(view: TimelineView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.group !== 'month') params.set('group', view.group);
  if (view.childId) params.set('child', view.childId);
  if (view.topic) params.set('topic', view.topic);
  if (view.emotion) params.set('emotion', view.emotion);
  return params;
}

/** The timeline of entries with a topic or a feeling (from an entry's insight). */
export function timelineHref(filter: { topic?: string; emotion?: EmotionId }): string {
  const query = writeView({ ...ALL, topic: filter.topic ?? null, emotion: filter.emotion ?? null }).toString();
  return query ? `/?${query}` : '/';
}

export interface ShownView {
  group: TimelineGroup;
  child: Member | null;
  topic: string | null;
  emotion: EmotionId | null;
}

/**
 * The view the page can show with the family's members: an unknown child means everyone;
 * grouping by age needs a child with a birthday (the one asked for, else the first), and
 * falls back to months when no child has one.
 */
export function resolveView(view: TimelineView, members: readonly Member[]): ShownView {
  let group = view.group;
  let child = members.find((m) => m.id === view.childId) ?? null;
  if (group === 'age' && !child?.birthdate) {
    const dated = members.find((m) => m.birthdate) ?? null;
    if (dated) child = dated;
    else group = 'month';
  }
  return { group, child, topic: view.topic, emotion: view.emotion };
}

/** True when some entries may be left out: a topic, a feeling, or one child (by age, the child only sets the ages). */
export function isFiltered(view: Pick<TimelineView, 'group' | 'childId' | 'topic' | 'emotion'>): boolean {
  return view.topic !== null || view.emotion !== null || (view.childId !== null && view.group !== 'age');
}

/** The same view without its filters; grouping by age keeps its child. */
export function withoutFilters(view: TimelineView): TimelineView {
  return { group: view.group, childId: view.group === 'age' ? view.childId : null, topic: null, emotion: null };
}

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** Options in the reader's alphabetical order (가나다 in Korean). */
export function byLabel<T extends string>(options: Option<T>[], lang: string): Option<T>[] {
  const collator = new Intl.Collator(lang);
  return [...options].sort((a, b) => collator.compare(a.label, b.label));
}
