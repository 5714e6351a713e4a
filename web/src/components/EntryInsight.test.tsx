import { render as baseRender, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Insight } from '../api/types';
import { initI18n } from '../i18n';
import { insight } from '../test/render';
import { CardInsight, EntryInsight } from './EntryInsight';

const done = insight('done', {
  summary: '서윤이가 처음으로 두발자전거를 탔다.',
  topics: ['milestone', 'bike', 'park', 'volcano'],
  emotions: [
    { id: 'joy', label: '기쁨', score: 0.67 },
    { id: 'pride', label: '자부심', score: 0.4 },
    { id: 'worry', label: '걱정', score: 0.1 },
  ],
  language: 'ko',
}) as Insight;

// The entry page's tags are links into the timeline.
const render = (ui: ReactElement) => baseRender(ui, { wrapper: MemoryRouter });

describe('EntryInsight', () => {
  it('shows the summary, every topic and every feeling with its strength', () => {
    const { rerender } = render(<EntryInsight insight={done} polling={false} />);
    const region = screen.getByTestId('insight');
    expect(within(region).getByRole('heading', { level: 2, name: '한눈에 보기' })).toBeInTheDocument();
    expect(within(region).getByText('서윤이가 처음으로 두발자전거를 탔다.')).toBeInTheDocument();
    const tags = within(region).getByRole('list', { name: '주제와 감정' });
    const items = within(tags).getAllByRole('listitem');
    // Topics by their Korean names (an id the app does not know stays as it is), then feelings.
    expect(items.map((li) => li.textContent)).toEqual(['첫 경험', '자전거', '공원', 'volcano', '기쁨많이', '자부심꽤', '걱정조금']);
    expect(items[4]).toHaveAttribute('data-emotion', 'joy');
    expect(items[4].querySelector('.strength')).toHaveClass('strength--high');
    // Each tag opens the timeline of the entries that share it.
    expect(within(items[1]).getByRole('link', { name: '자전거' })).toHaveAttribute('href', '/?topic=bike');
    expect(within(items[1]).getByRole('link')).toHaveAccessibleDescription('‘자전거’ 주제의 기록 모아 보기');
    expect(within(items[4]).getByRole('link', { name: '기쁨많이' })).toHaveAttribute('href', '/?emotion=joy');

    // English names the topics and feelings itself.
    initI18n('en');
    rerender(<EntryInsight insight={done} polling={false} />);
    expect(screen.getByRole('heading', { level: 2, name: 'At a glance' })).toBeInTheDocument();
    const english = within(screen.getByRole('list', { name: 'Topics and feelings' })).getAllByRole('listitem');
    expect(english.map((li) => li.textContent)).toEqual(['Firsts', 'Bike', 'Park', 'volcano', 'Joya lot', 'Pridequite', 'Worrya little']);
  });

  it('says quietly that it is analysing, and when it has stopped waiting', () => {
    const { rerender } = render(<EntryInsight insight={insight('pending') as Insight} polling />);
    expect(screen.getByTestId('insight')).toHaveTextContent('기록을 살펴보고 있어요…');
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
    rerender(<EntryInsight insight={insight('pending') as Insight} polling={false} />);
    expect(screen.getByTestId('insight')).toHaveTextContent('아직 살펴보는 중이에요.');
  });

  it('gives a short note when the analysis failed', () => {
    render(<EntryInsight insight={insight('failed') as Insight} polling={false} />);
    expect(screen.getByTestId('insight')).toHaveTextContent('이 기록은 살펴보지 못했어요.');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows nothing without an insight', () => {
    const { container } = render(<EntryInsight insight={null} polling={false} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('CardInsight', () => {
  it('shows the first three topics and the strongest feeling', () => {
    render(<CardInsight insight={{ ...done, emotions: [...done.emotions].reverse() }} />);
    const items = within(screen.getByRole('list', { name: '주제와 감정' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['첫 경험', '자전거', '공원', '기쁨많이']);
    // The card itself is the link to the entry.
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows nothing until the insight is done', () => {
    for (const status of ['pending', 'failed'] as const) {
      const { container, unmount } = render(<CardInsight insight={insight(status) as Insight} />);
      expect(container).toBeEmptyDOMElement();
      unmount();
    }
    const { container } = render(<CardInsight insight={insight('done') as Insight} />);
    expect(container).toBeEmptyDOMElement();
  });
});
