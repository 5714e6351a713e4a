// Plain calendar dates (`YYYY-MM-DD`), as the API uses for occurred_at and birthdates.
// They are days, not instants: no time zone math beyond "what is today here".

export interface Ymd {
  year: number;
  month: number; // 1..12
  day: number;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseYmd(text: string): Ymd | null {
  const match = YMD.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function formatYmd({ year, month, day }: Ymd): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** Today in the browser's time zone: the day a parent would say "this happened today". */
export function todayLocal(now: Date = new Date()): string {
  return formatYmd({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

/** A Date at UTC midnight of the day, for Intl formatting with timeZone UTC. */
export function utcDate({ year, month, day }: Ymd): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

/** Whole months from `birth` to `on`; negative before birth. */
export function fullMonthsBetween(birth: Ymd, on: Ymd): number {
  let months = (on.year - birth.year) * 12 + (on.month - birth.month);
  if (on.day < birth.day) months -= 1;
  return months;
}

export type AgeKey = 'prenatal' | `m${number}` | `y${number}`;

/** The age bucket the server uses: months under 2 years, then whole years. */
export function ageKey(birthdate: string, on: string): AgeKey | null {
  const birth = parseYmd(birthdate);
  const day = parseYmd(on);
  if (!birth || !day) return null;
  const months = fullMonthsBetween(birth, day);
  if (months < 0) return 'prenatal';
  if (months < 24) return `m${months}`;
  return `y${Math.floor(months / 12)}`;
}
