// Merging timeline pages: a page ends wherever `limit` entries end, so the first bucket of
// the next page may continue the last bucket already shown (same key).
import type { Bucket } from '../api/types';

export function mergeBuckets(shown: Bucket[], page: Bucket[]): Bucket[] {
  if (shown.length === 0) return page;
  if (page.length === 0) return shown;
  const last = shown[shown.length - 1];
  const [first, ...rest] = page;
  if (first.key !== last.key) return [...shown, ...page];
  const seen = new Set(last.entries.map((e) => e.id));
  const merged: Bucket = {
    ...last,
    // The newer page knows the bucket's current total best.
    count: first.count,
    entries: [...last.entries, ...first.entries.filter((e) => !seen.has(e.id))],
  };
  return [...shown.slice(0, -1), merged, ...rest];
}

export function entryCount(buckets: Bucket[]): number {
  return buckets.reduce((sum, b) => sum + b.entries.length, 0);
}
