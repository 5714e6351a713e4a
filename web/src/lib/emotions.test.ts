import { describe, expect, it } from 'vitest';
import type { EmotionPeriod } from '../api/types';
import { EMOTION_IDS, buildHeatMap, currentMonth, isMonth, monthSpan, monthsEnding, shiftMonth } from './emotions';

const period = (month: string, member: string | null, entries: number, emotions: [string, number, number][]): EmotionPeriod => ({
  period: month,
  member_id: member,
  entries,
  emotions: emotions.map(([id, count, score]) => ({ id, label: id === 'joy' ? '기쁨' : '', entries: count, score })),
});

describe('emotion map', () => {
  it('counts months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 13)).toBe('2027-01');
    expect(monthsEnding('2026-03', 4)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthSpan(monthsEnding('2024-02'))).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(currentMonth(new Date(2026, 10, 30, 23, 59))).toBe('2026-11');
    expect([isMonth('2026-11'), isMonth('2026-13'), isMonth('2026-1'), isMonth(null)]).toEqual([true, false, false, false]);
  });

  it("adds up the children's periods and scales each cell to the strongest", () => {
    const months = monthsEnding('2026-11');
    const map = buildHeatMap(
      [
        period('2026-05', null, 1, [['worry', 1, 0.45]]),
        period('2026-11', 'm1', 2, [['joy', 2, 1.2], ['love', 1, 0.3]]),
        period('2026-11', 'm2', 1, [['joy', 1, 0.6], ['wonder', 1, 0.2]]),
        period('2024-01', 'm1', 1, [['joy', 1, 9]]),
      ],
      months,
    );
    expect(map.empty).toBe(false);
    expect(map.rows.map((r) => r.id)).toEqual([...EMOTION_IDS, 'wonder']);
    const cell = (id: string, month: string) => map.rows.find((r) => r.id === id)!.cells[months.indexOf(month)];
    expect(cell('joy', '2026-11')).toMatchObject({ month: '2026-11', entries: 3, intensity: 1 });
    expect(cell('joy', '2026-11').score).toBeCloseTo(1.8);
    expect(cell('love', '2026-11').intensity).toBe(0.17);
    expect(cell('worry', '2026-05')).toMatchObject({ entries: 1, intensity: 0.25 });
    expect(cell('joy', '2026-05')).toMatchObject({ entries: 0, intensity: 0 });
    expect(map.rows[0].label).toBe('기쁨');
  });

  it('is empty without analysed entries in its months', () => {
    const map = buildHeatMap([period('2020-01', null, 2, [['joy', 2, 1]])], monthsEnding('2026-11'));
    expect(map.empty).toBe(true);
    expect(map.rows.every((r) => r.cells.every((c) => c.intensity === 0))).toBe(true);
  });
});
