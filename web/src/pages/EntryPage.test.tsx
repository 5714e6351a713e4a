import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_FOR_MS, POLL_MS } from '../hooks/useEntry';
import { json, problem } from '../test/http';
import { entry, insight, renderApp } from '../test/render';

const BODY = '서윤이가 처음으로 두발자전거를 탔다. 너무 기뻤다!';
const pending = entry('e1', '2026-11-26', { body: BODY, insight: insight('pending') });
const done = entry('e1', '2026-11-26', {
  body: BODY,
  insight: insight('done', {
    summary: '서윤이가 처음으로 두발자전거를 탔다.',
    topics: ['milestone', 'bike'],
    emotions: [{ id: 'joy', label: '기쁨', score: 0.67 }],
    language: 'ko',
  }),
});

/** The entry answers `pending` for the first `pendingFor` reads, then `then`. */
function entryRoute(pendingFor: number, then: object = done) {
  let reads = 0;
  return {
    'GET /api/v1/families/f1/entries/e1': () => {
      reads += 1;
      return json(200, reads <= pendingFor ? pending : then);
    },
  };
}

const reads = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/families/f1/entries/e1').length;

describe('EntryPage insight', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows that it is analysing, then the insight after a poll, and stops asking', async () => {
    const { requests } = renderApp('/entries/e1', entryRoute(1));
    const region = await screen.findByTestId('insight');
    expect(region).toHaveTextContent('기록을 살펴보고 있어요…');
    expect(reads(requests)).toBe(1);

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(await within(region).findByText('서윤이가 처음으로 두발자전거를 탔다.')).toBeInTheDocument();
    expect(within(region).getByText('자전거')).toBeInTheDocument();
    expect(within(region).getByText('기쁨')).toBeInTheDocument();
    expect(reads(requests)).toBe(2);

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(reads(requests)).toBe(2);
  });

  it('stops asking after a minute and says to look again later', async () => {
    const { requests } = renderApp('/entries/e1', entryRoute(Infinity));
    const region = await screen.findByTestId('insight');
    await act(() => vi.advanceTimersByTimeAsync(POLL_FOR_MS + POLL_MS * 2));
    expect(region).toHaveTextContent('아직 살펴보는 중이에요.');
    expect(reads(requests)).toBe(1 + POLL_FOR_MS / POLL_MS);
  });

  it('stops asking when the page is left', async () => {
    const { requests, unmount } = renderApp('/entries/e1', entryRoute(Infinity));
    await screen.findByTestId('insight');
    unmount();
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 4));
    expect(reads(requests)).toBe(1);
  });

  it('does not poll an entry without an insight or whose analysis failed', async () => {
    const failed = entry('e1', '2026-11-26', { body: BODY, insight: insight('failed') });
    const { requests } = renderApp('/entries/e1', entryRoute(0, failed));
    expect(await screen.findByTestId('insight')).toHaveTextContent('이 기록은 살펴보지 못했어요.');
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 2));
    expect(reads(requests)).toBe(1);
  });
});

describe('EntryPage edited label', () => {
  const show = (extra: Record<string, unknown>) =>
    renderApp('/entries/e1', {
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-11-26', { body: BODY, ...extra })),
    });

  it('does not call an entry that came back from the trash edited', async () => {
    // Trash and restore raise the version (the ETag must change) but not updated_at.
    show({ version: 3, created_at: '2026-11-26T09:00:00Z', updated_at: '2026-11-26T09:00:00Z' });
    expect(await screen.findByText('내가 쓴 기록')).toBeInTheDocument();
    expect(screen.queryByText(/에 고침/)).not.toBeInTheDocument();
  });

  it('says when an entry was changed after it was written', async () => {
    show({ version: 2, created_at: '2026-11-26T09:00:00Z', updated_at: '2026-11-28T09:00:00Z' });
    expect(await screen.findByText(/2026년 11월 28일에 고침/)).toBeInTheDocument();
  });
});

describe('EntryPage that cannot be shown', () => {
  it('says that something went wrong once, then why', async () => {
    renderApp('/entries/e1', { 'GET /api/v1/families/f1/entries/e1': () => problem(404, 'not_found') });
    expect(await screen.findByRole('heading', { level: 1, name: '문제가 생겼어요' })).toBeInTheDocument();
    expect(screen.getAllByText('문제가 생겼어요')).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent('이 기록을 찾을 수 없어요. 지워졌거나 볼 수 없는 기록이에요.');
  });
});
