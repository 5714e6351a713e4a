import { describe, expect, it } from 'vitest';
import type { Bucket, Entry } from '../api/types';
import { entryCount, mergeBuckets } from './timeline';

const entry = (id: string): Entry => ({
  id, family_id: 'f', author_id: 'u', author_name: '아빠', title: null, body: id, occurred_at: '2026-11-01',
  member_ids: [], visibility: 'family', version: 1, created_at: '', updated_at: '', deleted_at: null, insight: null,
});
const bucket = (key: string, count: number, ids: string[]): Bucket => ({
  key, label: key, count, entries: ids.map(entry),
});

describe('mergeBuckets', () => {
  it('takes the first page as it is', () => {
    const page = [bucket('2026-11', 2, ['a', 'b'])];
    expect(mergeBuckets([], page)).toBe(page);
  });

  it('continues the last bucket when the next page starts with the same key', () => {
    const shown = [bucket('2026-11', 3, ['a']), bucket('2026-10', 3, ['b', 'c'])];
    const page = [bucket('2026-10', 3, ['d']), bucket('2026-09', 1, ['e'])];
    const merged = mergeBuckets(shown, page);
    expect(merged.map((b) => b.key)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(merged[1].entries.map((e) => e.id)).toEqual(['b', 'c', 'd']);
    expect(entryCount(merged)).toBe(5);
  });

  it('appends buckets with new keys', () => {
    const merged = mergeBuckets([bucket('y3', 1, ['a'])], [bucket('y2', 1, ['b'])]);
    expect(merged.map((b) => b.key)).toEqual(['y3', 'y2']);
  });

  it('never shows an entry twice and keeps the newest count', () => {
    const merged = mergeBuckets([bucket('2026', 2, ['a', 'b'])], [bucket('2026', 3, ['b', 'c'])]);
    expect(merged[0].entries.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(merged[0].count).toBe(3);
  });

  it('keeps what is shown when a page is empty', () => {
    const shown = [bucket('2026', 1, ['a'])];
    expect(mergeBuckets(shown, [])).toBe(shown);
  });
});
