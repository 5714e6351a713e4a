import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../test/http';
import { renderApp } from '../test/render';

const QUESTION = '서윤이가 처음 두발자전거를 탄 게 언제였지?';
const REPLY = '기록에서 찾은 내용이에요.\n2026-05-05 — 서윤이가 처음으로 두발자전거를 탔다! [1]';
const CITATION = { entry_id: 'e1', occurred_at: '2026-05-05', excerpt: '서윤이가 처음으로 두발자전거를 탔다!' };

const at = '2026-11-26T09:00:00Z';
const msg = (id: string, role: 'user' | 'assistant', content: string, citations: unknown[] = []) => ({
  id, role, content, citations, created_at: at,
});
const summary = (id: string, title: string) => ({ id, title, created_at: at, updated_at: at });
const exchange = { user_message: msg('m1', 'user', QUESTION), reply: msg('m2', 'assistant', REPLY, [CITATION]) };

/** A streamed answer the test writes event by event. */
function stream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    event: (name: string, data: unknown) =>
      controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)),
    close: () => controller.close(),
    fail: () => controller.error(new TypeError('network error')),
  };
}

const sseOf = (...events: [string, unknown][]) =>
  new Response(events.map(([name, data]) => `event: ${name}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`).join(''), {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream' },
  });

describe('ChatPage', () => {
  it('opens a conversation with its messages, the reply citing its entry as a link', async () => {
    renderApp('/chat/c1', {
      'GET /api/v1/families/f1/conversations': () =>
        json(200, { items: [summary('c1', QUESTION), summary('c2', '')], next_cursor: null }),
      'GET /api/v1/families/f1/conversations/c1': () =>
        json(200, { ...summary('c1', QUESTION), messages: [exchange.user_message, exchange.reply] }),
    });
    expect(await screen.findByRole('heading', { level: 2, name: QUESTION })).toBeInTheDocument();
    const messages = await screen.findAllByTestId('chat-message');
    expect(messages.map((m) => m.dataset.role)).toEqual(['user', 'assistant']);
    const cite = within(messages[1]).getByRole('link', { name: '[1] 2026년 5월 5일의 기록' });
    expect(cite).toHaveAttribute('href', '/entries/e1');
    expect(within(messages[1]).getByText('서윤이가 처음으로 두발자전거를 탔다!')).toBeInTheDocument();

    const list = screen.getByRole('region', { name: '지난 대화' });
    const items = within(list).getAllByRole('listitem');
    expect(within(items[0]).getByRole('link', { current: 'page' })).toHaveTextContent(QUESTION);
    // A conversation without a title yet.
    expect(within(items[1]).getByRole('link')).toHaveTextContent('새 대화');
  });

  it('starts a conversation with its first question and streams the reply in', async () => {
    const user = userEvent.setup();
    const answer = stream();
    let listed = [summary('c0', '지난 이야기')];
    const { requests } = renderApp('/chat', {
      'GET /api/v1/families/f1/conversations': () => json(200, { items: listed, next_cursor: null }),
      'POST /api/v1/families/f1/conversations': () => json(201, { ...summary('c9', ''), messages: [] }),
      'POST /api/v1/families/f1/conversations/c9/messages': () => answer.response(),
    });
    await screen.findByText('지난 이야기');
    const box = screen.getByRole('textbox', { name: '물어볼 내용' });
    expect(box).toHaveAccessibleDescription('Enter로 보내고, Shift+Enter로 줄을 바꿔요.');

    // Shift+Enter is a new line; Enter sends.
    await user.type(box, '서윤이가{Shift>}{Enter}{/Shift}');
    expect(box).toHaveValue('서윤이가\n');
    await user.clear(box);
    await user.type(box, `${QUESTION}{Enter}`);

    await waitFor(() => expect(requests.some((r) => r.path.endsWith('/c9/messages'))).toBe(true));
    const sent = requests.find((r) => r.path.endsWith('/c9/messages'))!;
    expect(sent).toMatchObject({ method: 'POST', body: { content: QUESTION } });
    expect(sent.headers.accept).toBe('text/event-stream');
    expect(sent.headers.authorization).toMatch(/^Bearer /);
    expect(requests.find((r) => r.method === 'POST' && r.path === '/api/v1/families/f1/conversations')?.body).toEqual({});

    // While the reply is written the box waits, and the text grows piece by piece.
    expect(box).toHaveValue('');
    expect(box).toHaveAttribute('aria-disabled', 'true');
    expect(box).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: '보내기' })).toBeDisabled();
    expect(screen.getAllByTestId('chat-message')[0]).toHaveTextContent(QUESTION);
    answer.event('delta', { text: '기록에서 찾은 ' });
    answer.event('delta', { text: '내용이에요.' });
    const streaming = await screen.findByTestId('chat-streaming');
    await waitFor(() => expect(streaming).toHaveTextContent('기록에서 찾은 내용이에요.'));
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('기록을 찾아 답을 쓰는 중…');

    listed = [summary('c9', QUESTION), ...listed];
    answer.event('done', exchange);
    answer.close();

    const reply = await screen.findByRole('link', { name: '[1] 2026년 5월 5일의 기록' });
    expect(reply).toHaveAttribute('href', '/entries/e1');
    expect(screen.queryByTestId('chat-streaming')).not.toBeInTheDocument();
    expect(box).not.toHaveAttribute('aria-disabled');
    expect(box).not.toHaveAttribute('readonly');
    expect(box).toHaveFocus();
    // The list now shows the conversation, titled by its question, as the open one.
    const list = screen.getByRole('region', { name: '지난 대화' });
    await waitFor(() => expect(within(list).getByRole('link', { current: 'page' })).toHaveTextContent(QUESTION));
    expect(screen.getByRole('heading', { level: 2, name: QUESTION })).toBeInTheDocument();
  });

  it('does not send on the Enter that ends a Korean IME composition, nor blank text', async () => {
    const { requests } = renderApp('/chat', {
      'GET /api/v1/families/f1/conversations': () => json(200, { items: [], next_cursor: null }),
    });
    const box = await screen.findByRole('textbox', { name: '물어볼 내용' });
    fireEvent.change(box, { target: { value: '서윤' } });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    fireEvent.change(box, { target: { value: '   ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByRole('button', { name: '보내기' })).toBeDisabled();
    await new Promise((r) => setTimeout(r, 20));
    expect(requests.some((r) => r.method === 'POST' && r.path.includes('/conversations'))).toBe(false);
  });

  it('says when the reply failed and asks again on request', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const first = stream();
    const { requests } = renderApp('/chat/c1', {
      'GET /api/v1/families/f1/conversations': () => json(200, { items: [summary('c1', '대화')], next_cursor: null }),
      'GET /api/v1/families/f1/conversations/c1': () => json(200, { ...summary('c1', '대화'), messages: [] }),
      'POST /api/v1/families/f1/conversations/c1/messages': () =>
        ++attempts === 1 ? first.response() : sseOf(['delta', { text: '기록에서' }], ['done', exchange]),
    });
    const box = await screen.findByRole('textbox', { name: '물어볼 내용' });
    await user.type(box, `${QUESTION}{Enter}`);
    first.event('delta', { text: '기록' });
    first.event('error', { type: 'urn:dadly:problem:unavailable', title: 'x', status: 503, detail: 'busy', code: 'unavailable' });
    first.close();

    const alert = await screen.findByTestId('chat-error');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('답을 받지 못했어요.');
    expect(alert).toHaveTextContent('지금은 서버가 응답하지 않아요.');
    // The question stays; the half-written reply does not.
    expect(screen.getAllByTestId('chat-message')).toHaveLength(1);
    expect(screen.queryByTestId('chat-streaming')).not.toBeInTheDocument();
    expect(box).not.toHaveAttribute('aria-disabled');

    await user.click(within(alert).getByRole('button', { name: '다시 보내기' }));
    expect(await screen.findByRole('link', { name: '[1] 2026년 5월 5일의 기록' })).toBeInTheDocument();
    expect(screen.queryByTestId('chat-error')).not.toBeInTheDocument();
    const asked = requests.filter((r) => r.path.endsWith('/c1/messages')).map((r) => r.body);
    expect(asked).toEqual([{ content: QUESTION }, { content: QUESTION }]);
    expect(screen.getAllByTestId('chat-message').map((m) => m.dataset.role)).toEqual(['user', 'assistant']);
  });

  it('says so when the connection drops mid-reply, and when the server refuses the message', async () => {
    const user = userEvent.setup();
    const dropped = stream();
    let attempts = 0;
    renderApp('/chat/c1', {
      'GET /api/v1/families/f1/conversations': () => json(200, { items: [], next_cursor: null }),
      'GET /api/v1/families/f1/conversations/c1': () => json(200, { ...summary('c1', '대화'), messages: [] }),
      'POST /api/v1/families/f1/conversations/c1/messages': () =>
        ++attempts === 1
          ? dropped.response()
          : problem(400, 'validation_failed', { errors: [{ field: 'content', message: 'too long' }] }),
    });
    const box = await screen.findByRole('textbox', { name: '물어볼 내용' });
    await user.type(box, '질문{Enter}');
    dropped.event('delta', { text: '기록' });
    dropped.fail();
    expect(await screen.findByTestId('chat-error')).toHaveTextContent('서버에 연결할 수 없어요.');

    await user.click(screen.getByRole('button', { name: '다시 보내기' }));
    await waitFor(() => expect(screen.getByTestId('chat-error')).toHaveTextContent('메시지를 2000자 이내로 적어 주세요.'));
  });

  it('deletes a conversation after asking, and leaves it when it was open', async () => {
    const user = userEvent.setup();
    const { requests } = renderApp('/chat/c1', {
      'GET /api/v1/families/f1/conversations': () =>
        json(200, { items: [summary('c1', '자전거 이야기'), summary('c2', '생일')], next_cursor: null }),
      'GET /api/v1/families/f1/conversations/c1': () =>
        json(200, { ...summary('c1', '자전거 이야기'), messages: [exchange.user_message, exchange.reply] }),
      'DELETE /api/v1/families/f1/conversations/c1': () => json(204, null),
    });
    const remove = await screen.findByRole('button', { name: '“자전거 이야기” 대화 지우기' });
    await user.click(remove);
    const confirm = screen.getByRole('group', { name: '“자전거 이야기” 대화를 지울까요? 지운 대화는 되살릴 수 없어요.' });
    expect(within(confirm).getByRole('button', { name: '취소' })).toHaveFocus();

    await user.click(within(confirm).getByRole('button', { name: '취소' }));
    expect(screen.getByRole('button', { name: '“자전거 이야기” 대화 지우기' })).toHaveFocus();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: '“자전거 이야기” 대화 지우기' }));
    await user.click(screen.getByRole('button', { name: '지우기' }));
    await waitFor(() => expect(screen.queryByText('자전거 이야기', { selector: '.chat-list__name' })).not.toBeInTheDocument());
    expect(requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/conversations/c1'))).toBe(true);
    expect(screen.getByText('대화를 지웠어요.')).toBeInTheDocument();
    // The open conversation is gone: the page is a new one again.
    expect(await screen.findByRole('heading', { level: 2, name: '새 대화' })).toBeInTheDocument();
    expect(screen.queryAllByTestId('chat-message')).toHaveLength(0);
    expect(screen.getByRole('heading', { level: 2, name: '지난 대화' })).toHaveFocus();
  });

  it('explains a conversation that does not exist', async () => {
    renderApp('/chat/gone', {
      'GET /api/v1/families/f1/conversations': () => json(200, { items: [], next_cursor: null }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('이 대화를 찾을 수 없어요.');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('아직 나눈 대화가 없어요.')).toBeInTheDocument();
  });
});
