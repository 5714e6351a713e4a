import { describe, expect, it } from 'vitest';
import { canChangeEntry, canManageChildren, canWrite } from './permissions';

describe('permissions', () => {
  it('lets owners and editors write', () => {
    expect(canWrite('owner')).toBe(true);
    expect(canWrite('editor')).toBe(true);
    expect(canWrite('viewer')).toBe(false);
    expect(canWrite('child')).toBe(false);
  });

  it('lets only the owner add, change or remove children', () => {
    expect(canManageChildren('owner')).toBe(true);
    expect(canManageChildren('editor')).toBe(false);
    expect(canManageChildren('viewer')).toBe(false);
    expect(canManageChildren('child')).toBe(false);
  });

  it('lets the author change their entry, and the owner any family entry', () => {
    const mine = { author_id: 'me', visibility: 'private' as const };
    const theirs = { author_id: 'other', visibility: 'family' as const };
    expect(canChangeEntry(mine, 'me', 'editor')).toBe(true);
    expect(canChangeEntry(theirs, 'me', 'editor')).toBe(false);
    expect(canChangeEntry(theirs, 'me', 'owner')).toBe(true);
    expect(canChangeEntry({ ...theirs, visibility: 'private' }, 'me', 'owner')).toBe(false);
    expect(canChangeEntry(mine, 'me', 'viewer')).toBe(false);
  });
});
