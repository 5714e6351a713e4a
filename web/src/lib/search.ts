// A search as the page keeps it in its address (?q=&child=&from=&to=), as the API takes it,
// and the server's answer cut into text and citation markers ([1], [2], ...).
import type { FieldError, SearchRequest } from '../api/types';

export interface SearchValues {
  q: string;
  member_ids: string[];
  from: string;
  to: string;
}

/** Entries a search shows at most (the server's default). */
export const SEARCH_LIMIT = 10;

/** What the address asks for; `child` may repeat. */
export function readSearch(params: URLSearchParams): SearchValues {
  return {
    q: params.get('q') ?? '',
    member_ids: [...new Set(params.getAll('child').filter(Boolean))],
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** The address of a search: only what was given, in a fixed order, so equal searches compare equal. */
export function writeSearch(v: SearchValues): URLSearchParams {
  const params = new URLSearchParams();
  if (v.q.trim()) params.set('q', v.q.trim());
  for (const id of v.member_ids) params.append('child', id);
  if (v.from) params.set('from', v.from);
  if (v.to) params.set('to', v.to);
  return params;
}

/** The request for a search, or null when there is nothing to look for yet. */
export function toRequest(v: SearchValues): SearchRequest | null {
  const query = v.q.trim();
  if (!query) return null;
  return {
    query,
    ...(v.member_ids.length > 0 ? { member_ids: v.member_ids } : {}),
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    limit: SEARCH_LIMIT,
  };
}

/** What the browser can already tell is wrong: no words (the field's name), or a range that ends before it starts. */
export function invalidFields(v: SearchValues): Array<string | FieldError> {
  const invalid: Array<string | FieldError> = [];
  if (!v.q.trim()) invalid.push('query');
  if (v.from && v.to && v.to < v.from) invalid.push({ field: 'to', message: 'must not be before from' });
  return invalid;
}

/** A piece of an answer line: plain text, or a marker citing `citations[index]`. */
export type AnswerPart = { kind: 'text'; text: string } | { kind: 'cite'; index: number };

const MARKER = /\[(\d+)\]/g;

/**
 * The answer's lines, each cut into text and markers. A marker is a citation only when its
 * number names one of the `citations` (1-based); any other bracketed number stays text.
 */
export function answerLines(answer: string, citations: number): AnswerPart[][] {
  return answer
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const parts: AnswerPart[] = [];
      let at = 0;
      for (const match of line.matchAll(MARKER)) {
        const n = Number(match[1]);
        if (n < 1 || n > citations) continue;
        if (match.index > at) parts.push({ kind: 'text', text: line.slice(at, match.index) });
        parts.push({ kind: 'cite', index: n - 1 });
        at = match.index + match[0].length;
      }
      if (at < line.length) parts.push({ kind: 'text', text: line.slice(at) });
      return parts;
    });
}
