import { describe, expect, it } from 'vitest';
import { answerLines, invalidFields, readSearch, toRequest, writeSearch } from './search';

describe('search', () => {
  it('reads and writes the address of a search', () => {
    const asked = readSearch(new URLSearchParams('q=%EC%9E%90%EC%A0%84%EA%B1%B0&child=m1&child=m2&child=m1&from=2026-01-01'));
    expect(asked).toEqual({ q: '자전거', member_ids: ['m1', 'm2'], from: '2026-01-01', to: '' });
    expect(writeSearch({ ...asked, q: '  자전거 ' }).toString()).toBe(
      'q=%EC%9E%90%EC%A0%84%EA%B1%B0&child=m1&child=m2&from=2026-01-01',
    );
    expect(toRequest(asked)).toEqual({ query: '자전거', member_ids: ['m1', 'm2'], from: '2026-01-01', limit: 10 });
    expect(toRequest({ q: '  ', member_ids: [], from: '', to: '' })).toBeNull();
  });

  it('knows a blank question and a range that ends before it starts', () => {
    expect(invalidFields({ q: ' ', member_ids: [], from: '2026-02-01', to: '2026-01-31' })).toEqual(['query', { field: 'to', message: 'must not be before from' }]);
    expect(invalidFields({ q: 'x', member_ids: [], from: '2026-02-01', to: '2026-02-01' })).toEqual([]);
  });

  it('cuts the answer into lines of text and the markers that name a citation', () => {
    const answer = '2026-11-26 — 서윤이가 처음으로 두발자전거를 탔다. [1]\n\n2026-10-01 — 네발[0]에서 [9] 두발로 [2][3]';
    expect(answerLines(answer, 3)).toEqual([
      [{ kind: 'text', text: '2026-11-26 — 서윤이가 처음으로 두발자전거를 탔다. ' }, { kind: 'cite', index: 0 }],
      [
        { kind: 'text', text: '2026-10-01 — 네발[0]에서 [9] 두발로 ' },
        { kind: 'cite', index: 1 },
        { kind: 'cite', index: 2 },
      ],
    ]);
    expect(answerLines('관련된 기록을 찾지 못했어요.', 0)).toEqual([[{ kind: 'text', text: '관련된 기록을 찾지 못했어요.' }]]);
  });
});
