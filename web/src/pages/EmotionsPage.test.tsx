import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { currentMonth, monthSpan, monthsEnding } from '../lib/emotions';
import { json, type Recorded } from '../test/http';
import { member, renderApp } from '../test/render';

const members = [member('m1', '도윤', '2023-07-26'), member('m2', '서윤', '2025-09-26')];
const withMembers = { 'GET /api/v1/families/f1/members': () => json(200, { items: members, next_cursor: null }) };

const feeling = (id: string, label: string, entries: number, score: number) => ({ id, label, entries, score });
const everyone = {
  bucket: 'month',
  items: [
    { period: '2026-05', member_id: null, entries: 1, emotions: [feeling('worry', '걱정', 1, 0.45)] },
    { period: '2026-11', member_id: 'm1', entries: 2, emotions: [feeling('joy', '기쁨', 2, 1.2), feeling('love', '사랑', 1, 0.3)] },
    { period: '2026-11', member_id: 'm2', entries: 1, emotions: [feeling('joy', '기쁨', 1, 0.6)] },
  ],
};
const seoyun = {
  bucket: 'month',
  items: [{ period: '2026-11', member_id: 'm2', entries: 1, emotions: [feeling('joy', '기쁨', 1, 0.6)] }],
};

const asks = (requests: Recorded[]) =>
  requests.filter((r) => r.path.startsWith('/api/v1/families/f1/emotions')).map((r) => new URL(r.path, 'http://x').searchParams);

describe('EmotionsPage', () => {
  it('draws the months against the feelings, each cell as deep as the feeling was strong', async () => {
    const { requests } = renderApp('/emotions?end=2026-11', {
      ...withMembers,
      'GET /api/v1/families/f1/emotions': () => json(200, everyone),
    });
    const table = await screen.findByRole('table', { name: '2025년 12월부터 2026년 11월까지 달마다 느낀 감정' });
    expect(Object.fromEntries(asks(requests)[0])).toEqual({ bucket: 'month', from: '2025-12-01', to: '2026-11-30' });
    expect(screen.getByText('2025년 12월 – 2026년 11월')).toBeInTheDocument();

    const columns = within(table).getAllByRole('columnheader');
    expect(columns).toHaveLength(13);
    expect(columns[1]).toHaveAccessibleName('2025년 12월');
    expect(columns[12]).toHaveAccessibleName('2026년 11월');
    const rows = within(table).getAllByRole('rowheader').map((th) => th.textContent);
    expect(rows).toEqual(['기쁨', '사랑', '감사', '자부심', '설렘', '평온', '놀람', '걱정', '슬픔', '화남', '두려움', '피곤', '그리움']);

    // The children's periods add up; intensity is relative to the strongest cell.
    const joy = within(table).getByRole('cell', { name: '2026년 11월 기쁨 3번' });
    expect(joy.style.getPropertyValue('--intensity')).toBe('1');
    expect(joy).toHaveTextContent('3');
    expect(joy).toHaveAttribute('title', '2026년 11월 기쁨 3번');
    const love = within(table).getByRole('cell', { name: '2026년 11월 사랑 1번' });
    expect(love.style.getPropertyValue('--intensity')).toBe('0.17');
    const worry = within(table).getByRole('cell', { name: '2026년 5월 걱정 1번' });
    expect(worry.style.getPropertyValue('--intensity')).toBe('0.25');
    const none = within(table).getByRole('cell', { name: '2026년 1월 기쁨 없음' });
    expect(none).toHaveClass('heat__cell--none');
    expect(none.style.getPropertyValue('--intensity')).toBe('0');
    expect(screen.getByText(/색이 짙을수록 그 달에 그 감정이 컸어요/)).toBeInTheDocument();
  });

  it("shows one child's map, and a year further back", async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/emotions?end=2026-11', {
      ...withMembers,
      'GET /api/v1/families/f1/emotions': (req) => json(200, req.path.includes('member_id=m2') ? seoyun : everyone),
    });
    await screen.findByRole('cell', { name: '2026년 11월 기쁨 3번' });
    await user.click(screen.getByRole('radio', { name: '서윤' }));
    const joy = await screen.findByRole('cell', { name: '2026년 11월 기쁨 1번' });
    expect(joy.style.getPropertyValue('--intensity')).toBe('1');
    expect(screen.getByRole('cell', { name: '2026년 5월 걱정 없음' })).toBeInTheDocument();
    expect(asks(requests).at(-1)?.get('member_id')).toBe('m2');

    await user.click(screen.getByRole('button', { name: '이전 12개월' }));
    expect(await screen.findByText('이 기간에는 이 아이에 대해 살펴본 기록이 아직 없어요')).toBeInTheDocument();
    await waitFor(() => expect(Object.fromEntries(asks(requests).at(-1)!)).toEqual({
      bucket: 'month', member_id: 'm2', from: '2024-12-01', to: '2025-11-30',
    }));
    expect(screen.getByText('2024년 12월 – 2025년 11월')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '서윤' })).toBeChecked();
  });

  it('shows the last twelve months by default, and says when there is nothing yet', async () => {
    const { requests } = renderApp('/emotions', {
      'GET /api/v1/families/f1/emotions': () => json(200, { bucket: 'month', items: [] }),
    });
    expect(await screen.findByText('이 기간에는 살펴본 기록이 아직 없어요')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const span = monthSpan(monthsEnding(currentMonth()));
    expect(asks(requests)[0].get('from')).toBe(span.from);
    expect(asks(requests)[0].get('to')).toBe(span.to);
    expect(screen.getByRole('button', { name: /다음 12개월/ })).toBeDisabled();
  });
});
