import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json } from '../test/http';
import { entry, insight, member, renderApp } from '../test/render';

const members = [member('m1', '도윤', '2023-07-26'), member('m2', '서윤', '2025-09-26'), member('m3', '하린', null)];
const withMembers = { 'GET /api/v1/families/f1/members': () => json(200, { items: members, next_cursor: null }) };

describe('TimelinePage', () => {
  it('loads the next page on demand and continues a bucket that spans pages', async () => {
    const user = userEvent.setup();
    renderApp('/', {
      ...withMembers,
      'GET /api/v1/families/f1/timeline': (req) =>
        req.path.includes('cursor=c2')
          ? json(200, {
              group: 'month',
              next_cursor: null,
              buckets: [
                { key: '2026-10', label: 'x', count: 2, entries: [entry('e3', '2026-10-01')] },
                { key: '2026-09', label: 'x', count: 1, entries: [entry('e4', '2026-09-01')] },
              ],
            })
          : json(200, {
              group: 'month',
              next_cursor: 'c2',
              buckets: [
                { key: '2026-11', label: 'x', count: 1, entries: [entry('e1', '2026-11-02')] },
                { key: '2026-10', label: 'x', count: 2, entries: [entry('e2', '2026-10-20')] },
              ],
            }),
    });
    expect(await screen.findByRole('heading', { level: 2, name: '2026년 11월' })).toBeInTheDocument();
    expect(screen.getAllByTestId('entry-card')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: '더 보기' }));
    await waitFor(() => expect(screen.getAllByTestId('entry-card')).toHaveLength(4));
    const october = screen.getAllByTestId('bucket').filter((b) => b.dataset.key === '2026-10');
    expect(october).toHaveLength(1);
    expect(within(october[0]).getAllByTestId('entry-card')).toHaveLength(2);
    expect(within(october[0]).getByText('기록 2개')).toBeInTheDocument();
    expect(screen.getByText('모든 기록을 다 봤어요.')).toBeInTheDocument();
  });

  it('puts a keyboard user who asked for more on the first entry that came in', async () => {
    const user = userEvent.setup();
    const page = (next: string | null, ids: string[]) =>
      json(200, { group: 'month', next_cursor: next, buckets: [{ key: '2026-11', label: 'x', count: 9, entries: ids.map((id) => entry(id, '2026-11-01')) }] });
    renderApp('/', {
      ...withMembers,
      'GET /api/v1/families/f1/timeline': (req) => (req.path.includes('cursor=c2') ? page('c3', ['e3', 'e4']) : page('c2', ['e1', 'e2'])),
    });
    const more = await screen.findByRole('button', { name: '더 보기' });
    more.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('entry-card')).toHaveLength(4));
    expect(screen.getByRole('link', { name: '본문 e3' })).toHaveFocus();
  });

  it('groups by age for a child with a birthday, and filters by child', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/', {
      ...withMembers,
      'GET /api/v1/families/f1/timeline': (req) => {
        const age = req.path.includes('group=age');
        return json(200, {
          group: age ? 'age' : 'month',
          next_cursor: null,
          buckets: [
            age
              ? { key: 'm14', label: '14 months', count: 1, entries: [entry('e1', '2026-11-26', { member_ids: ['m2'] })] }
              : { key: '2026-11', label: 'November 2026', count: 1, entries: [entry('e1', '2026-11-26', { member_ids: ['m2'] })] },
          ],
        });
      },
    });
    await screen.findByRole('heading', { level: 2, name: '2026년 11월' });
    await user.click(screen.getByRole('radio', { name: '서윤' }));
    await waitFor(() => expect(requests.at(-1)?.path).toContain('member_id=m2'));

    await user.click(screen.getByRole('radio', { name: '나이별' }));
    // Labels come from the key in the UI language, not from the server's label.
    expect(await screen.findByRole('heading', { level: 2, name: '생후 14개월' })).toBeInTheDocument();
    expect(requests.at(-1)?.path).toMatch(/group=age.*member_id=m2|member_id=m2.*group=age/);
    expect(screen.getByRole('radio', { name: '모두' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: '하린' })).toBeDisabled();
  });

  it('tags a card with a few topics and its strongest feeling once its insight is done', async () => {
    const done = insight('done', {
      summary: '요약',
      topics: ['birthday', 'family', 'gift', 'cooking'],
      emotions: [{ id: 'love', label: '사랑', score: 0.4 }, { id: 'joy', label: '기쁨', score: 0.9 }],
    });
    renderApp('/', {
      'GET /api/v1/families/f1/timeline': () =>
        json(200, {
          group: 'month',
          next_cursor: null,
          buckets: [
            {
              key: '2026-11', label: 'x', count: 2,
              entries: [entry('e1', '2026-11-26', { insight: done }), entry('e2', '2026-11-20', { insight: insight('pending') })],
            },
          ],
        }),
    });
    const [first, second] = await screen.findAllByTestId('entry-card');
    const tags = within(first).getAllByRole('listitem').map((li) => li.textContent);
    expect(tags).toEqual(['생일', '가족', '선물', '기쁨많이']);
    expect(within(second).queryByRole('list')).not.toBeInTheDocument();
    expect(within(second).queryByText(/살펴보고/)).not.toBeInTheDocument();
  });

  it('invites to write the first entry when there is none', async () => {
    renderApp('/', {
      'GET /api/v1/families/f1/timeline': () => json(200, { group: 'month', buckets: [], next_cursor: null }),
    });
    expect(await screen.findByText('아직 기록이 없어요')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: '기록하기' }).length).toBeGreaterThan(0);
  });

  it('filters by topic and feeling, and says when nothing matches with a way back to everything', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/', {
      ...withMembers,
      'GET /api/v1/families/f1/timeline': (req) =>
        json(200, {
          group: 'month',
          next_cursor: null,
          buckets: req.path.includes('emotion=')
            ? []
            : [{ key: '2026-11', label: 'x', count: 1, entries: [entry('e1', '2026-11-26')] }],
        }),
    });
    await screen.findAllByTestId('entry-card');
    expect(screen.queryByRole('button', { name: '조건 지우기' })).not.toBeInTheDocument();

    const topic = screen.getByRole('combobox', { name: '주제' });
    // Topics in 가나다 order after "all".
    const names = within(topic).getAllByRole('option').map((o) => o.textContent);
    expect(names.slice(0, 3)).toEqual(['모든 주제', '가족', '걸음마']);
    await user.selectOptions(topic, '자전거');
    await waitFor(() => expect(requests.at(-1)?.path).toContain('topic=bike'));
    expect(await screen.findAllByTestId('entry-card')).toHaveLength(1);

    await user.selectOptions(screen.getByRole('combobox', { name: '감정' }), '기쁨');
    await waitFor(() => expect(requests.at(-1)?.path).toMatch(/topic=bike.*emotion=joy|emotion=joy.*topic=bike/));
    const empty = await screen.findByTestId('timeline-empty');
    expect(within(empty).getByRole('status')).toHaveTextContent('고른 조건에 맞는 기록이 없어요.');

    await user.click(within(empty).getByRole('button', { name: '조건 지우기' }));
    await waitFor(() => expect(requests.at(-1)?.path).not.toMatch(/topic=|emotion=/));
    expect(await screen.findAllByTestId('entry-card')).toHaveLength(1);
    expect(topic).toHaveValue('');
    expect(topic).toHaveFocus();
    expect(screen.queryByRole('button', { name: '조건 지우기' })).not.toBeInTheDocument();
  });

  it('takes its filters from the address, and keeps an age grouping’s child when clearing', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/?group=age&child=m2&topic=volcano&emotion=pride', {
      ...withMembers,
      'GET /api/v1/families/f1/timeline': () =>
        json(200, {
          group: 'age',
          next_cursor: null,
          buckets: [{ key: 'm14', label: 'x', count: 1, entries: [entry('e1', '2026-11-26', { member_ids: ['m2'] })] }],
        }),
    });
    await screen.findAllByTestId('entry-card');
    const asked = requests.find((r) => r.path.includes('/timeline'))?.path ?? '';
    for (const part of ['group=age', 'member_id=m2', 'topic=volcano', 'emotion=pride']) expect(asked).toContain(part);
    // A topic the app has no name for shows as its id.
    expect(screen.getByRole('combobox', { name: '주제' })).toHaveDisplayValue('volcano');
    expect(screen.getByRole('combobox', { name: '감정' })).toHaveDisplayValue('자부심');
    expect(screen.getByRole('radio', { name: '서윤' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: '조건 지우기' }));
    await waitFor(() => expect(requests.at(-1)?.path).not.toMatch(/topic=|emotion=/));
    expect(requests.at(-1)?.path).toContain('member_id=m2');
    expect(screen.getByRole('radio', { name: '서윤' })).toBeChecked();
  });
});
