import { describe, expect, it } from 'vitest';
import { en } from './en';
import { detectLanguage, i18n, setLanguage, LANG_KEY } from './index';
import { ko } from './ko';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

describe('i18n', () => {
  it('has the same keys in Korean and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ko).sort());
    for (const key of keys(en)) expect(i18n.getResource('en', 'translation', key)).not.toBe('');
  });

  it('uses the stored choice, else the browser language, else Korean', () => {
    expect(detectLanguage('en', ['ko-KR'])).toBe('en');
    expect(detectLanguage(null, ['en-US', 'ko'])).toBe('en');
    expect(detectLanguage(null, ['ko-KR'])).toBe('ko');
    expect(detectLanguage(null, ['ja-JP', 'fr'])).toBe('ko');
    expect(detectLanguage('de', [])).toBe('ko');
  });

  it('switches language, remembers it and sets <html lang>', () => {
    setLanguage('en');
    expect(i18n.t('nav.timeline')).toBe('Timeline');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_KEY)).toBe('en');
    setLanguage('ko');
    expect(i18n.t('nav.timeline')).toBe('타임라인');
  });
});
