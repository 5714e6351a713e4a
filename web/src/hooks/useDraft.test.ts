import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDraft } from './useDraft';

describe('useDraft', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a change after a pause', () => {
    const { result } = renderHook(() => useDraft('draft.k', { body: '' }));
    act(() => result.current.setValue(() => ({ body: '첫 걸음마' })));
    act(() => vi.advanceTimersByTime(400));
    expect(JSON.parse(sessionStorage.getItem('draft.k') ?? '{}')).toEqual({ body: '첫 걸음마' });
  });

  it('stays cleared when the entry is stored right after a change', () => {
    const { result } = renderHook(() => useDraft('draft.k', { body: '' }));
    act(() => result.current.setValue(() => ({ body: '첫 걸음마' })));
    act(() => result.current.clear());
    act(() => vi.advanceTimersByTime(400));
    expect(sessionStorage.getItem('draft.k')).toBeNull();
  });
});
