// i18next set up with the two languages. The language is chosen once per browser: the
// user's own choice if they made one, else the browser's language, else Korean.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko, type Messages } from './ko';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export type Lang = 'ko' | 'en';
export const LANG_KEY = 'dadly.lang';

export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Lang {
  if (stored === 'ko' || stored === 'en') return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'ko';
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) ?? null;
  } catch {
    return null;
  }
}

export function initI18n(lang: Lang = detectLanguage(storedLanguage(), navigator.languages ?? [])) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { ko: { translation: ko }, en: { translation: en } },
      lng: lang,
      fallbackLng: 'ko',
      supportedLngs: ['ko', 'en'],
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  } else if (i18n.language !== lang) {
    void i18n.changeLanguage(lang);
  }
  document.documentElement.lang = lang;
  return i18n;
}

export function currentLanguage(): Lang {
  return i18n.language === 'en' ? 'en' : 'ko';
}

/** Switches the UI language and remembers the choice in this browser. */
export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export { i18n };
