import { describe, expect, it } from 'vitest';
import type { Member } from '../api/types';
import {
  ALL,
  byLabel,
  isFiltered,
  readView,
  resolveView,
  timelineHref,
  withoutFilters,
  writeView,
  type TimelineView,
} from './timelineView';

const member = (id: string, birthdate: string | null): Member => ({
  id, family_id: 'f', name: id, birthdate, relation: null, user_id: null, created_at: '', updated_at: '', version: 1,
});
const view = (extra: Partial<TimelineView>): TimelineView => ({ ...ALL, ...extra });

describe('readView and writeView', () => {
  it('reads every part of the address and writes it back in a fixed order', () => {
    const read = readView(new URLSearchParams('emotion=joy&topic=bike&child=m1&group=year'));
    expect(read).toEqual({ group: 'year', childId: 'm1', topic: 'bike', emotion: 'joy' });
    expect(writeView(read).toString()).toBe('group=year&child=m1&topic=bike&emotion=joy');
  });

  it('leaves out what it cannot use, and the default grouping', () => {
    const read = readView(new URLSearchParams('group=week&child=&topic=Bike!&emotion=happy'));
    expect(read).toEqual(ALL);
    expect(writeView(read).toString()).toBe('');
  });

  it('keeps a well-formed topic id the app has no name for', () => {
    expect(readView(new URLSearchParams('topic=volcano_trip')).topic).toBe('volcano_trip');
    expect(readView(new URLSearchParams(`topic=${'a'.repeat(41)}`)).topic).toBeNull();
  });
});

describe('timelineHref', () => {
  it('links to the whole timeline by month with only the one filter', () => {
    expect(timelineHref({ topic: 'bike' })).toBe('/?topic=bike');
    expect(timelineHref({ emotion: 'joy' })).toBe('/?emotion=joy');
    expect(timelineHref({})).toBe('/');
  });
});

describe('resolveView', () => {
  const members = [member('m1', null), member('m2', '2024-01-01')];

  it('shows everyone when the child is not in the family', () => {
    expect(resolveView(view({ childId: 'gone', topic: 'bike' }), members)).toEqual({
      group: 'month', child: null, topic: 'bike', emotion: null,
    });
  });

  it('groups by the age of a child with a birthday, the first one when the asked child has none', () => {
    expect(resolveView(view({ group: 'age', childId: 'm1' }), members).child?.id).toBe('m2');
    expect(resolveView(view({ group: 'age' }), members).child?.id).toBe('m2');
  });

  it('falls back to months, keeping the child, when no child has a birthday', () => {
    const shown = resolveView(view({ group: 'age', childId: 'm1', emotion: 'joy' }), [member('m1', null)]);
    expect(shown).toEqual({ group: 'month', child: members[0], topic: null, emotion: 'joy' });
  });
});

describe('isFiltered and withoutFilters', () => {
  it('counts a topic, a feeling or a child as filters, but not the child an age grouping needs', () => {
    expect(isFiltered(ALL)).toBe(false);
    expect(isFiltered(view({ group: 'year' }))).toBe(false);
    expect(isFiltered(view({ topic: 'bike' }))).toBe(true);
    expect(isFiltered(view({ emotion: 'joy' }))).toBe(true);
    expect(isFiltered(view({ childId: 'm1' }))).toBe(true);
    expect(isFiltered(view({ group: 'age', childId: 'm1' }))).toBe(false);
  });

  it('clears the filters and keeps the grouping', () => {
    const all = { group: 'year', childId: 'm1', topic: 'bike', emotion: 'joy' } as const;
    expect(withoutFilters(all)).toEqual({ group: 'year', childId: null, topic: null, emotion: null });
    expect(withoutFilters({ ...all, group: 'age' })).toEqual({ group: 'age', childId: 'm1', topic: null, emotion: null });
  });
});

describe('byLabel', () => {
  it('sorts options in the reader’s order', () => {
    const options = [
      { value: 'bike', label: '자전거' },
      { value: 'sick', label: '아픈 날' },
      { value: 'travel', label: '여행' },
      { value: 'park', label: '공원' },
    ];
    expect(byLabel(options, 'ko').map((o) => o.label)).toEqual(['공원', '아픈 날', '여행', '자전거']);
    expect(byLabel([{ value: 'b', label: 'bike' }, { value: 'a', label: 'Art' }], 'en').map((o) => o.value)).toEqual(['a', 'b']);
  });
});
