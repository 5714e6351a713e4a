// Dates and ages in the reader's language: 2026년 11월 26일 / Nov 26, 2026;
// 생후 14개월 / 14 months. Timeline labels are made here from bucket keys, so they follow
// the UI language rather than the account's signup locale.
import type { TFunction } from 'i18next';
import type { TimelineGroup } from '../api/types';
import { ageKey, parseYmd, utcDate, type AgeKey } from '../lib/dates';
import type { Lang } from './index';

const TAG: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };

function fmt(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(TAG[lang], { timeZone: 'UTC', ...options });
}

/** A `YYYY-MM-DD` day. */
export function formatDay(ymd: string, lang: Lang, withWeekday = false): string {
  const day = parseYmd(ymd);
  if (!day) return ymd;
  return fmt(lang, {
    year: 'numeric',
    month: lang === 'ko' ? 'long' : 'short',
    day: 'numeric',
    ...(withWeekday ? { weekday: lang === 'ko' ? 'long' : 'short' } : {}),
  }).format(utcDate(day));
}

/** The local calendar day of an RFC 3339 instant (e.g. a trash purge time). */
export function formatInstantDay(iso: string, lang: Lang): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return new Intl.DateTimeFormat(TAG[lang], {
    year: 'numeric',
    month: lang === 'ko' ? 'long' : 'short',
    day: 'numeric',
  }).format(when);
}

/** A wait the server asked for (Retry-After): under a minute in seconds, else whole minutes, rounded up. */
export function formatWait(seconds: number, t: TFunction): string {
  const count = Math.max(1, Math.ceil(seconds));
  return count < 60 ? t('errors.waitSeconds', { count }) : t('errors.waitMinutes', { count: Math.ceil(count / 60) });
}

export function formatAgeKey(key: string, t: TFunction): string {
  if (key === 'prenatal') return t('age.prenatal');
  const match = /^([my])(\d+)$/.exec(key);
  if (!match) return key;
  const count = Number(match[2]);
  return match[1] === 'm' ? t('age.months', { count }) : t('age.years', { count });
}

/** The age of a child with `birthdate` on the day `on`, or null without a birthdate. */
export function formatAge(birthdate: string | null, on: string, t: TFunction): string | null {
  if (!birthdate) return null;
  const key: AgeKey | null = ageKey(birthdate, on);
  return key ? formatAgeKey(key, t) : null;
}

export function bucketLabel(group: TimelineGroup, key: string, lang: Lang, t: TFunction): string {
  if (group === 'age') return formatAgeKey(key, t);
  if (group === 'year') {
    const year = Number(key);
    if (!Number.isInteger(year)) return key;
    return fmt(lang, { year: 'numeric' }).format(new Date(Date.UTC(year, 0, 1)));
  }
  return formatMonth(key, lang);
}

/** A `YYYY-MM` month: 2026년 11월 / November 2026; `short`, without the year: 11월 / Nov. */
export function formatMonth(ym: string, lang: Lang, short = false): string {
  const match = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!match) return ym;
  const options: Intl.DateTimeFormatOptions = short ? { month: 'short' } : { year: 'numeric', month: 'long' };
  return fmt(lang, options).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}
