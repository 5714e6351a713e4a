import { describe, expect, it } from 'vitest';
import { member } from '../test/render';
import { differentFields, mergeStored, nameKey, sameNamed } from './children';

describe('sameNamed', () => {
  const members = [member('m1', '서윤', '2025-01-02'), member('m2', '서준', null), member('m3', 'Ha Rin', null)];

  it('finds another child with the same name, however it was typed', () => {
    expect(sameNamed(members, ' 서윤 ').map((m) => m.id)).toEqual(['m1']);
    expect(sameNamed(members, 'ha  rin').map((m) => m.id)).toEqual(['m3']);
    // Hangul typed as separate jamo is the same name once composed.
    expect(sameNamed(members, '서윤'.normalize('NFD')).map((m) => m.id)).toEqual(['m1']);
  });

  it('leaves out the child being renamed, and empty or different names', () => {
    expect(sameNamed(members, '서윤', 'm1')).toEqual([]);
    expect(sameNamed(members, '  ')).toEqual([]);
    expect(sameNamed(members, '서윤이')).toEqual([]);
  });

  it('keys names without case or extra spaces', () => {
    expect(nameKey('  Ha   Rin ')).toBe('ha rin');
  });
});

describe('mergeStored', () => {
  const opened = { name: '서윤', birthdate: '2025-01-02', relation: '' };

  it('takes what changed elsewhere into fields the parent left alone, and keeps what they typed', () => {
    const stored = { name: '서아', birthdate: '2025-01-02', relation: '딸' };
    const typed = { name: '서윤', birthdate: '2025-02-03', relation: '' };
    expect(mergeStored(opened, stored, typed)).toEqual({
      values: { name: '서아', birthdate: '2025-02-03', relation: '딸' },
      taken: ['name', 'relation'],
    });
  });

  it('keeps a field both changed as the parent typed it', () => {
    const stored = { ...opened, name: '서아' };
    const typed = { ...opened, name: '서윤이 ' };
    expect(mergeStored(opened, stored, typed)).toEqual({ values: typed, taken: [] });
  });

  it('does not count spaces around a name as a change', () => {
    expect(differentFields(opened, { ...opened, name: ' 서윤 ' })).toEqual([]);
    expect(differentFields(opened, { ...opened, relation: '딸' })).toEqual(['relation']);
  });
});
