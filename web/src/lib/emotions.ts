// The emotion map as a grid: months (`YYYY-MM`) across, feelings down, each cell the number of
// entries that carry the feeling that month and how strong it was in all (summed scores),
// relative to the strongest cell of the map.
import type { EmotionPeriod } from '../api/types';
import { formatYmd } from './dates';

/** The feelings the server knows, in the order the map lists them; an unknown one goes last. */
export const EMOTION_IDS = [
  'joy', 'love', 'gratitude', 'pride', 'excitement', 'calm', 'surprise',
  'worry', 'sadness', 'anger', 'fear', 'tiredness', 'longing',
] as const;

/** Months the map shows at once. */
export const MAP_MONTHS = 12;

const YM = /^(\d{4})-(\d{2})$/;

export function isMonth(text: string | null): text is string {
  const match = text ? YM.exec(text) : null;
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** This month in the browser's time zone. */
export function currentMonth(now: Date = new Date()): string {
  return formatYmd({ year: now.getFullYear(), month: now.getMonth() + 1, day: 1 }).slice(0, 7);
}

/** The month `delta` months after `month` (before, when negative). */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return formatYmd({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 }).slice(0, 7);
}

/** `count` months ending with `end`, oldest first. */
export function monthsEnding(end: string, count = MAP_MONTHS): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(end, i - count + 1));
}

/** The days the months cover, for the API's `from` and `to`. */
export function monthSpan(months: readonly string[]): { from: string; to: string } {
  const last = months[months.length - 1];
  const [year, month] = last.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${months[0]}-01`, to: `${last}-${String(lastDay).padStart(2, '0')}` };
}

export interface HeatCell {
  month: string;
  /** Entries that month that carry the feeling. */
  entries: number;
  /** Their scores summed. */
  score: number;
  /** `score` over the map's strongest cell, 0..1 in hundredths. */
  intensity: number;
}

export interface HeatRow {
  id: string;
  /** The server's (Korean) name of the feeling, when it sent one. */
  label: string;
  cells: HeatCell[];
}

export interface HeatMap {
  months: string[];
  rows: HeatRow[];
  /** True when no analysed entry falls in the months. */
  empty: boolean;
}

/**
 * The grid for `months` from the server's periods. The server gives one period per month and
 * child; they are added up, so on a map of everyone an entry about two children counts for
 * each of them, as it does in the children's own maps.
 */
export function buildHeatMap(items: readonly EmotionPeriod[], months: readonly string[]): HeatMap {
  const column = new Map(months.map((m, i) => [m, i]));
  const ids: string[] = [...EMOTION_IDS];
  const labels = new Map<string, string>();
  const sums = new Map<string, { entries: number; score: number }[]>();
  const row = (id: string) => {
    let cells = sums.get(id);
    if (!cells) {
      cells = months.map(() => ({ entries: 0, score: 0 }));
      sums.set(id, cells);
      if (!ids.includes(id)) ids.push(id);
    }
    return cells;
  };
  let empty = true;
  for (const item of items) {
    const at = column.get(item.period.slice(0, 7));
    if (at === undefined) continue;
    if (item.entries > 0) empty = false;
    for (const e of item.emotions) {
      if (e.label && !labels.has(e.id)) labels.set(e.id, e.label);
      const cell = row(e.id)[at];
      cell.entries += e.entries;
      cell.score += e.score;
    }
  }
  let max = 0;
  for (const cells of sums.values()) for (const c of cells) max = Math.max(max, c.score);
  const rows = ids.map((id) => ({
    id,
    label: labels.get(id) ?? '',
    cells: (sums.get(id) ?? months.map(() => ({ entries: 0, score: 0 }))).map((c, i) => ({
      month: months[i],
      entries: c.entries,
      score: c.score,
      intensity: max > 0 ? Math.round((c.score / max) * 100) / 100 : 0,
    })),
  }));
  return { months: [...months], rows, empty };
}
