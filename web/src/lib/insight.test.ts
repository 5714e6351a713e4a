import { describe, expect, it } from 'vitest';
import type { EmotionScore } from '../api/types';
import { strengthOf, strongest } from './insight';

describe('insight', () => {
  it('reads a score as one of three strengths', () => {
    expect([0, 0.2, 0.33, 0.5, 0.66, 0.67, 1].map(strengthOf)).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high', 'high']);
  });

  it('finds the strongest feeling, whatever the order', () => {
    const calm: EmotionScore = { id: 'calm', label: '평온', score: 0.3 };
    const love: EmotionScore = { id: 'love', label: '사랑', score: 0.8 };
    expect(strongest([calm, love])).toBe(love);
    expect(strongest([love, calm])).toBe(love);
    expect(strongest([])).toBeNull();
  });
});
