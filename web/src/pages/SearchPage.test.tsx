import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, type Recorded } from '../test/http';
import { entry, member, renderApp } from '../test/render';

const QUESTION = '서윤이가 처음 두발자전거를 탄 게 언제였지?';
const members = [member('m1', '도윤', '2023-07-26'), member('m2', '서윤', '2025-09-26')];
const withMembers = { 'GET /api/v1/families/f1/members': () => json(200, { items: members, next_cursor: null }) };

const snippet = (...segments: [string, boolean][]) => ({
  segments: segments.map(([text, highlighted]) => ({ text, highlighted })),
  cut_before: false,
  cut_after: false,
});

const bike = snippet(['서윤이가 처음으로 두발자전거를', true], [' 탔다. 너무 기뻤다!', false]);
const shop = { ...snippet(['<b>굵게</b> 쓴 ', false], ['자전거', true], [' 가게 <img src=x onerror="alert(1)">', false]), cut_before: true, cut_after: true };
const found = {
  answer: `2026-11-26 — 서윤이가 처음으로 두발자전거를 탔다. [1]\n2026-10-01 — <b>굵게</b> 쓴 자전거 가게 [2]`,
  citations: [
    { entry_id: 'e1', occurred_at: '2026-11-26', snippet: bike },
    { entry_id: 'e2', occurred_at: '2026-10-01', snippet: shop },
  ],
  results: [
    { entry_id: 'e1', occurred_at: '2026-11-26', score: 0.033, snippet: bike },
    { entry_id: 'e2', occurred_at: '2026-10-01', score: 0.032, snippet: shop },
    { entry_id: 'e3', occurred_at: '2026-06-05', score: 0.01, snippet: snippet(['공원에서 ', false], ['자전거', true]) },
  ],
};

const searches = (requests: Recorded[]) => requests.filter((r) => r.method === 'POST' && r.path.endsWith('/search'));

describe('SearchPage', () => {
  it('answers the question in the address, each [n] linking to the entry it cites', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp(`/search?q=${encodeURIComponent(QUESTION)}`, {
      'POST /api/v1/families/f1/search': () => json(200, found),
      'GET /api/v1/families/f1/entries/e1': () => json(200, entry('e1', '2026-11-26', { body: '서윤이가 처음으로 두발자전거를 탔다. 너무 기뻤다!' })),
    });
    const answer = await screen.findByTestId('answer');
    expect(screen.getByRole('searchbox', { name: '무엇이 궁금한가요?' })).toHaveValue(QUESTION);
    expect(searches(requests).map((r) => r.body)).toEqual([{ query: QUESTION, limit: 10 }]);

    // The markers are links named by the entry's day; the rest of the answer is text.
    const first = within(answer).getByRole('link', { name: '[1] 2026년 11월 26일의 기록' });
    expect(first).toHaveAttribute('href', '/entries/e1');
    expect(first).toHaveTextContent('[1]');
    expect(within(answer).getByRole('link', { name: '[2] 2026년 10월 1일의 기록' })).toHaveAttribute('href', '/entries/e2');
    expect(answer.querySelector('.answer__text')).toHaveTextContent('2026-10-01 — <b>굵게</b> 쓴 자전거 가게 [2]');

    // Each citation with its day and snippet, opening its entry.
    const sources = within(answer).getAllByRole('listitem');
    expect(sources).toHaveLength(2);
    expect(within(sources[0]).getByRole('link')).toHaveAttribute('href', '/entries/e1');
    expect(sources[0]).toHaveTextContent('[1]2026년 11월 26일서윤이가 처음으로 두발자전거를 탔다. 너무 기뻤다!');

    // Every result, its matched words in <mark>; what the server sent is text, never markup.
    const results = screen.getAllByTestId('search-result');
    expect(results.map((r) => r.dataset.entryId)).toEqual(['e1', 'e2', 'e3']);
    expect(within(results[0]).getByText('서윤이가 처음으로 두발자전거를').tagName).toBe('MARK');
    expect(within(results[1]).getByRole('link')).toHaveTextContent('…<b>굵게</b> 쓴 자전거 가게 <img src=x onerror="alert(1)">…');
    expect([...results[1].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['자전거']);
    expect(document.querySelector('main b, main img')).toBeNull();
    expect(within(results[2]).getByText('2026년 6월 5일')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('기록 3개를 찾았어요.');

    await user.click(first);
    expect(await screen.findByTestId('entry')).toHaveTextContent('두발자전거');
  });

  it('sends the question with the chosen children and days', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/search', {
      ...withMembers,
      'POST /api/v1/families/f1/search': () => json(200, found),
    });
    await user.type(await screen.findByRole('searchbox', { name: '무엇이 궁금한가요?' }), '자전거');
    await user.click(screen.getByText('서윤', { selector: 'span' }));
    await user.type(screen.getByLabelText(/언제부터/), '2026-01-01');
    await user.type(screen.getByLabelText(/언제까지/), '2026-11-30');
    await user.click(screen.getByRole('button', { name: '찾기' }));
    await screen.findByTestId('answer');
    expect(searches(requests).map((r) => r.body)).toEqual([
      { query: '자전거', member_ids: ['m2'], from: '2026-01-01', to: '2026-11-30', limit: 10 },
    ]);
    // The same search sent again asks the server again (an entry may have been analysed since).
    await user.click(screen.getByRole('button', { name: '찾기' }));
    await waitFor(() => expect(searches(requests)).toHaveLength(2));
    await screen.findByTestId('answer');
    expect(screen.getByLabelText(/언제부터/)).toHaveValue('2026-01-01');
  });

  it('shows the server answer when nothing was found', async () => {
    renderApp('/search?q=%EC%9A%B0%EC%A3%BC%EC%84%A0', {
      'POST /api/v1/families/f1/search': () => json(200, { answer: '관련된 기록을 찾지 못했어요.', citations: [], results: [] }),
    });
    const empty = await screen.findByTestId('search-empty');
    expect(empty).toHaveTextContent('관련된 기록을 찾지 못했어요.');
    expect(empty).toHaveTextContent('다른 낱말로 물어보거나');
    expect(screen.queryByTestId('answer')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '관련된 기록' })).not.toBeInTheDocument();
    // Said once, in a status a screen reader hears.
    expect(screen.getAllByText('관련된 기록을 찾지 못했어요.')).toHaveLength(1);
    expect(within(empty).getByRole('status')).toHaveTextContent('관련된 기록을 찾지 못했어요.');
  });

  it('explains a refused field next to it, and a blank question without asking', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/search?q=%EC%9E%90%EC%A0%84%EA%B1%B0&from=2026-13-01', {
      'POST /api/v1/families/f1/search': () =>
        problem(400, 'validation_failed', { errors: [{ field: 'from', message: 'must be a date written YYYY-MM-DD' }] }),
    });
    const from = await screen.findByLabelText(/언제부터/);
    await waitFor(() => expect(from).toHaveAttribute('aria-invalid', 'true'));
    expect(from).toHaveAccessibleDescription('시작 날짜를 다시 골라 주세요.');
    expect(from).toHaveFocus();
    expect(screen.queryByText(/must be a date/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const query = screen.getByRole('searchbox', { name: '무엇이 궁금한가요?' });
    await user.clear(query);
    await user.click(screen.getByRole('button', { name: '찾기' }));
    await waitFor(() => expect(query).toHaveAttribute('aria-invalid', 'true'));
    expect(query).toHaveAccessibleDescription('찾을 내용을 적어 주세요.');
    expect(query).toHaveFocus();
    expect(searches(requests)).toHaveLength(1);
  });

  it('shows the server’s `query` error beside the question box (`q`) and drops it once the question changes', async () => {
    const user = userEvent.setup();
    renderApp('/search?q=%EC%9E%90%EC%A0%84%EA%B1%B0&from=2026-13-01', {
      'POST /api/v1/families/f1/search': () =>
        problem(400, 'validation_failed', {
          errors: [
            { field: 'query', message: 'must be at most 500 characters' },
            { field: 'from', message: 'must be a date written YYYY-MM-DD' },
          ],
        }),
    });
    const query = await screen.findByRole('searchbox', { name: '무엇이 궁금한가요?' });
    await waitFor(() => expect(query).toHaveAccessibleDescription('찾을 내용을 500자 이내로 줄여 주세요.'));
    expect(query).toHaveFocus();

    await user.type(query, '를 탄 날');
    expect(query).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(/500자 이내로/)).not.toBeInTheDocument();
    // The start day was not touched: its error stays until it changes too.
    const from = screen.getByLabelText(/언제부터/);
    expect(from).toHaveAccessibleDescription('시작 날짜를 다시 골라 주세요.');
    await user.type(from, '2026-01-01');
    expect(from).not.toHaveAttribute('aria-invalid');
  });

  it('says kindly when the search failed, and tries again', async () => {
    const user = userEvent.setup();
    let calls = 0;
    renderApp('/search?q=%EC%9E%90%EC%A0%84%EA%B1%B0', {
      'POST /api/v1/families/f1/search': () => (++calls === 1 ? problem(503, 'unavailable') : json(200, found)),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('지금은 서버가 응답하지 않아요.');
    await user.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(await screen.findByTestId('answer')).toBeInTheDocument();
  });
});
