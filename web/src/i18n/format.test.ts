import { describe, expect, it } from 'vitest';
import { bucketLabel, formatAge, formatDay, formatWait } from './format';
import { i18n } from './index';

const tIn = (lang: 'ko' | 'en') => i18n.getFixedT(lang);

describe('format', () => {
  it('says a wait in seconds under a minute, else in minutes rounded up', () => {
    expect(formatWait(1, tIn('ko'))).toBe('1초');
    expect(formatWait(59, tIn('ko'))).toBe('59초');
    expect(formatWait(60, tIn('ko'))).toBe('1분');
    expect(formatWait(61, tIn('ko'))).toBe('2분');
    expect(formatWait(897, tIn('ko'))).toBe('15분');
    expect(formatWait(900, tIn('ko'))).toBe('15분');
    expect(formatWait(0, tIn('ko'))).toBe('1초');
    expect(formatWait(1, tIn('en'))).toBe('1 second');
    expect(formatWait(45, tIn('en'))).toBe('45 seconds');
    expect(formatWait(60, tIn('en'))).toBe('1 minute');
    expect(formatWait(897, tIn('en'))).toBe('15 minutes');
  });

  it('formats days per locale', () => {
    expect(formatDay('2026-11-26', 'ko')).toBe('2026년 11월 26일');
    expect(formatDay('2026-11-26', 'en')).toBe('Nov 26, 2026');
    expect(formatDay('2026-11-26', 'ko', true)).toBe('2026년 11월 26일 목요일');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it('labels timeline buckets from their keys in the reader language', () => {
    expect(bucketLabel('month', '2026-11', 'ko', tIn('ko'))).toBe('2026년 11월');
    expect(bucketLabel('month', '2026-11', 'en', tIn('en'))).toBe('November 2026');
    expect(bucketLabel('year', '2026', 'ko', tIn('ko'))).toBe('2026년');
    expect(bucketLabel('year', '2026', 'en', tIn('en'))).toBe('2026');
    expect(bucketLabel('age', 'm14', 'ko', tIn('ko'))).toBe('생후 14개월');
    expect(bucketLabel('age', 'm1', 'en', tIn('en'))).toBe('1 month');
    expect(bucketLabel('age', 'm14', 'en', tIn('en'))).toBe('14 months');
    expect(bucketLabel('age', 'y3', 'ko', tIn('ko'))).toBe('3살');
    expect(bucketLabel('age', 'y3', 'en', tIn('en'))).toBe('age 3');
    expect(bucketLabel('age', 'prenatal', 'ko', tIn('ko'))).toBe('태어나기 전');
  });

  it("gives a child's age on a day", () => {
    expect(formatAge('2025-09-26', '2026-11-26', tIn('ko'))).toBe('생후 14개월');
    expect(formatAge('2025-09-26', '2026-11-26', tIn('en'))).toBe('14 months');
    expect(formatAge(null, '2026-11-26', tIn('ko'))).toBeNull();
  });
});
