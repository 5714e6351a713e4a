import { describe, expect, it } from 'vitest';
import type { Member } from '../api/types';
import { member } from '../test/render';
import { linkChanges, linkedChild } from './access';

const kids = (): Member[] => [
  { ...member('m1', '서윤', null), user_id: 'u2' },
  member('m2', '서준', null),
  { ...member('m3', '하린', null), user_id: 'u3' },
];

describe('child links', () => {
  it('finds the child linked to an account', () => {
    expect(linkedChild(kids(), 'u2')?.id).toBe('m1');
    expect(linkedChild(kids(), 'u9')).toBeNull();
  });

  it('clears the old link before setting the new one', () => {
    expect(linkChanges(kids(), 'u2', 'm2').map((c) => [c.member.id, c.user_id])).toEqual([
      ['m1', null],
      ['m2', 'u2'],
    ]);
  });

  it('asks for nothing when the link is already so, and only clears for none', () => {
    expect(linkChanges(kids(), 'u2', 'm1')).toEqual([]);
    expect(linkChanges(kids(), 'u2', null).map((c) => [c.member.id, c.user_id])).toEqual([['m1', null]]);
  });
});
