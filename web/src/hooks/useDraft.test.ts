import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDrafts } from '../lib/drafts';
import { useDraft } from './useDraft';

const KEY = 'dadly.draft.u1.f1.e1';
const stored = () => JSON.parse(sessionStorage.getItem(KEY) ?? 'null');

describe('useDraft', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a change after a pause, with the version it was written on', () => {
    const { result } = renderHook(() => useDraft(KEY, { body: '' }, 2));
    expect(stored()).toBeNull(); // nothing is stored before the user changes something
    act(() => result.current.setValue(() => ({ body: '첫 걸음마' })));
    act(() => vi.advanceTimersByTime(400));
    expect(stored()).toEqual({ base: 2, value: { body: '첫 걸음마' } });
  });

  it('stays cleared when the entry is stored right after a change', () => {
    const { result, unmount } = renderHook(() => useDraft(KEY, { body: '' }));
    act(() => result.current.setValue(() => ({ body: '첫 걸음마' })));
    act(() => result.current.clear());
    act(() => vi.advanceTimersByTime(400));
    unmount();
    expect(stored()).toBeNull();
  });

  it('brings a stored draft back with the version it was written on', () => {
    sessionStorage.setItem(KEY, JSON.stringify({ base: 1, value: { body: '쓰다 만 이야기' } }));
    const { result } = renderHook(() => useDraft(KEY, { title: '제목', body: '' }, 3));
    expect(result.current.value).toEqual({ title: '제목', body: '쓰다 만 이야기' });
    expect(result.current.restored).toBe(true);
    expect(result.current.base).toBe(1);
  });

  it('rebases the text at once, or puts another text in its place and forgets it', () => {
    sessionStorage.setItem(KEY, JSON.stringify({ base: 1, value: { body: '내 글' } }));
    const { result } = renderHook(() => useDraft(KEY, { body: '' }, 3));
    act(() => result.current.rebase(3));
    expect(stored()).toEqual({ base: 3, value: { body: '내 글' } });
    expect(result.current).toMatchObject({ base: 3, restored: false, value: { body: '내 글' } });

    act(() => result.current.reset({ body: '저장된 글' }, 4));
    act(() => vi.advanceTimersByTime(400));
    expect(stored()).toBeNull();
    expect(result.current).toMatchObject({ base: 4, value: { body: '저장된 글' } });
  });

  it('writes the last keystrokes when the page goes away (an expired session)', () => {
    const { result, unmount } = renderHook(() => useDraft(KEY, { body: '' }));
    act(() => result.current.setValue(() => ({ body: '방금 쓴 말' })));
    unmount();
    expect(stored()).toEqual({ base: null, value: { body: '방금 쓴 말' } });
  });

  it('writes the last keystrokes when the tab is reloaded or closed', () => {
    const { result } = renderHook(() => useDraft(KEY, { body: '' }, 2));
    act(() => result.current.setValue(() => ({ body: '새로고침 직전에 쓴 말' })));
    window.dispatchEvent(new Event('pagehide'));
    expect(stored()).toEqual({ base: 2, value: { body: '새로고침 직전에 쓴 말' } });
  });

  it('does not bring a draft back after a sign-out forgot it, even with a write pending', () => {
    const { result, unmount } = renderHook(() => useDraft(KEY, { body: '' }));
    act(() => result.current.setValue(() => ({ body: '비밀' })));
    act(() => vi.advanceTimersByTime(400));
    act(() => result.current.setValue(() => ({ body: '비밀 초안' })));
    forgetDrafts();
    act(() => vi.advanceTimersByTime(400));
    unmount();
    expect(stored()).toBeNull();
  });

  it('keeps writing when another user’s drafts are forgotten', () => {
    const { result } = renderHook(() => useDraft(KEY, { body: '' }));
    act(() => result.current.setValue(() => ({ body: '내 글' })));
    forgetDrafts('u1');
    act(() => vi.advanceTimersByTime(400));
    expect(stored()).toEqual({ base: null, value: { body: '내 글' } });
  });
});
