import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import '../i18n/index';
import { LoadMore } from './LoadMore';

/** A list whose next page arrives when the test says so, with `extra` new items. */
function List({ extra, more = true }: { extra: number; more?: boolean }) {
  const [count, setCount] = useState(2);
  const [loading, setLoading] = useState(false);
  const [hasMore, setHasMore] = useState(true);
  const finish = () => {
    setCount((n) => n + extra);
    setLoading(false);
    setHasMore(more);
  };
  return (
    <div>
      {Array.from({ length: count }, (_, i) => (
        <article key={i} className="card">
          <a href={`#e${i + 1}`}>{`기록 ${i + 1}`}</a>
        </article>
      ))}
      <LoadMore hasMore={hasMore} loading={loading} error={null} onLoadMore={() => setLoading(true)} itemSelector=".card" />
      <button type="button" onClick={finish}>
        page arrives
      </button>
      <button type="button" onClick={() => setLoading(true)}>
        scrolled to the end
      </button>
    </div>
  );
}

async function loadFromKeyboard(extra: number, more?: boolean) {
  const user = userEvent.setup();
  render(<List extra={extra} more={more} />);
  const button = screen.getByRole('button', { name: '더 보기' });
  await user.tab();
  await user.tab();
  await user.tab();
  expect(button).toHaveFocus();
  await user.keyboard('{Enter}');
  // While the page loads, focus stays on the button and the list says it is loading.
  expect(button).toHaveFocus();
  expect(button).toHaveAttribute('aria-disabled', 'true');
  expect(screen.getByRole('status')).toHaveTextContent('기록을 더 불러오는 중…');
  act(() => screen.getByRole('button', { name: 'page arrives' }).click());
  return { user, button };
}

describe('LoadMore', () => {
  it('puts a keyboard user on the first item that came in, and Tab goes on through the new ones', async () => {
    const { user } = await loadFromKeyboard(2);
    expect(screen.getByRole('link', { name: '기록 3' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('link', { name: '기록 4' })).toHaveFocus();
  });

  it('moves focus to the new items also when the list ended and the button is gone', async () => {
    await loadFromKeyboard(1, false);
    expect(screen.queryByRole('button', { name: '더 보기' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: '기록 3' })).toHaveFocus();
  });

  it('moves focus to the new items when the user reached the button while the page loaded', async () => {
    const user = userEvent.setup();
    render(<List extra={1} more={false} />);
    await user.tab();
    await user.tab();
    expect(screen.getByRole('link', { name: '기록 2' })).toHaveFocus();
    // The end of the list scrolled into view: the page starts loading on its own.
    act(() => screen.getByRole('button', { name: 'scrolled to the end' }).click());
    await user.tab();
    expect(screen.getByRole('button', { name: '더 보기' })).toHaveFocus();
    act(() => screen.getByRole('button', { name: 'page arrives' }).click());
    expect(screen.getByRole('link', { name: '기록 3' })).toHaveFocus();
  });

  it('keeps focus on the button when nothing new came', async () => {
    const { button } = await loadFromKeyboard(0);
    expect(button).toHaveFocus();
    expect(button).not.toHaveAttribute('aria-disabled');
  });

  it('leaves focus alone when the user was elsewhere', async () => {
    const user = userEvent.setup();
    render(<List extra={2} />);
    await user.click(screen.getByRole('button', { name: '더 보기' }));
    const first = screen.getByRole('link', { name: '기록 1' });
    first.focus();
    act(() => screen.getByRole('button', { name: 'page arrives' }).click());
    expect(first).toHaveFocus();
  });
});
