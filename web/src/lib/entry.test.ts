import { describe, expect, it } from 'vitest';
import { wasEdited } from './entry';

describe('wasEdited', () => {
  it('is true only when the entry changed after it was written', () => {
    expect(wasEdited({ created_at: '2026-05-05T09:00:00Z', updated_at: '2026-05-05T09:00:00Z' })).toBe(false);
    expect(wasEdited({ created_at: '2026-05-05T09:00:00Z', updated_at: '2026-05-06T10:30:00Z' })).toBe(true);
  });

  it('compares instants, not how they are written', () => {
    expect(wasEdited({ created_at: '2026-05-05T09:00:00Z', updated_at: '2026-05-05T18:00:00+09:00' })).toBe(false);
    expect(wasEdited({ created_at: '2026-05-05T09:00:00Z', updated_at: '2026-05-05T09:00:00.000Z' })).toBe(false);
  });
});
