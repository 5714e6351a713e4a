import { describe, expect, it } from 'vitest';
import { ageKey, fullMonthsBetween, parseYmd, todayLocal } from './dates';

describe('dates', () => {
  it('parses only real days', () => {
    expect(parseYmd('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseYmd('2023-02-29')).toBeNull();
    expect(parseYmd('2026-13-01')).toBeNull();
    expect(parseYmd('26-1-1')).toBeNull();
  });

  it('gives today in the local calendar', () => {
    expect(todayLocal(new Date(2026, 10, 26, 23, 59))).toBe('2026-11-26');
    expect(todayLocal(new Date(2027, 0, 3))).toBe('2027-01-03');
  });

  it('counts whole months', () => {
    const birth = { year: 2025, month: 9, day: 15 };
    expect(fullMonthsBetween(birth, { year: 2026, month: 11, day: 14 })).toBe(13);
    expect(fullMonthsBetween(birth, { year: 2026, month: 11, day: 15 })).toBe(14);
  });

  it('buckets ages like the server: months under 2, then years, prenatal before birth', () => {
    expect(ageKey('2025-09-15', '2026-11-20')).toBe('m14');
    expect(ageKey('2025-09-15', '2025-09-15')).toBe('m0');
    expect(ageKey('2025-09-15', '2025-09-01')).toBe('prenatal');
    expect(ageKey('2023-07-26', '2025-07-25')).toBe('m23');
    expect(ageKey('2023-07-26', '2025-07-26')).toBe('y2');
    expect(ageKey('2023-07-26', '2026-11-26')).toBe('y3');
    expect(ageKey('bad', '2026-11-26')).toBeNull();
  });
});
