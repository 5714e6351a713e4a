import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { ChatExchange, ConversationSummary, Message } from '../api/types';
import {
  NEW_THREAD,
  appendPage,
  chatEvent,
  readReply,
  sendable,
  threadReducer,
  titleFrom,
  touched,
  type Thread,
} from './chat';

const message = (id: string, role: 'user' | 'assistant', content: string): Message => ({
  id, role, content, citations: [], created_at: '2026-11-26T00:00:00Z',
});
const exchange: ChatExchange = {
  user_message: message('m1', 'user', '서윤이가 처음 두발자전거를 탄 게 언제였지?'),
  reply: {
    ...message('m2', 'assistant', '기록에서 찾은 내용이에요.\n2026-05-05 — 서윤이가 처음으로 두발자전거를 탔다! [1]'),
    citations: [{ entry_id: 'e1', occurred_at: '2026-05-05', excerpt: '서윤이가 처음으로 두발자전거를 탔다!' }],
  },
};
const summary = (id: string): ConversationSummary => ({ id, title: id, created_at: '', updated_at: '' });

function streamOf(text: string, cutEvery = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += cutEvery) controller.enqueue(bytes.slice(i, i + cutEvery));
      controller.close();
    },
  });
}
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('chatEvent', () => {
  it('reads delta, done and error events and skips others', () => {
    expect(chatEvent({ event: 'delta', data: '{"text":"기록"}', id: '' })).toEqual({ kind: 'delta', text: '기록' });
    expect(chatEvent({ event: 'done', data: JSON.stringify(exchange), id: '' })).toEqual({ kind: 'done', exchange });
    const error = chatEvent({ event: 'error', data: '{"status":503,"code":"unavailable","detail":"busy"}', id: '' });
    expect(error).toMatchObject({ kind: 'error', error: { status: 503, code: 'unavailable' } });
    expect(chatEvent({ event: 'message', data: 'hello', id: '' })).toBeNull();
    expect(chatEvent({ event: 'delta', data: 'not json', id: '' })).toBeNull();
  });

  it('treats a done event without the exchange as a failure', () => {
    expect(chatEvent({ event: 'done', data: '{}', id: '' })?.kind).toBe('error');
  });
});

describe('readReply', () => {
  it('passes the text on piece by piece and resolves with the stored exchange', async () => {
    const pieces: string[] = [];
    const body = streamOf(sse('delta', { text: '기록에서 ' }) + sse('delta', { text: '찾았어요 [1]' }) + sse('done', exchange));
    await expect(readReply(body, (t) => pieces.push(t))).resolves.toEqual(exchange);
    expect(pieces.join('')).toBe('기록에서 찾았어요 [1]');
  });

  it('rejects with the problem of an error event, after the text that came before it', async () => {
    const pieces: string[] = [];
    const body = streamOf(sse('delta', { text: '기록' }) + sse('error', { status: 503, code: 'unavailable', detail: 'AI busy' }));
    const reply = readReply(body, (t) => pieces.push(t));
    await expect(reply).rejects.toBeInstanceOf(ApiError);
    await expect(readReply(streamOf(sse('error', { status: 429, code: 'rate_limited' })), () => {})).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
    });
    expect(pieces).toEqual(['기록']);
  });

  it('rejects as a network failure when the stream stops before done or breaks', async () => {
    await expect(readReply(streamOf(sse('delta', { text: '기록' })), () => {})).rejects.toMatchObject({ code: 'network' });
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('network error'));
      },
    });
    await expect(readReply(broken, () => {})).rejects.toMatchObject({ code: 'network' });
  });
});

describe('threadReducer', () => {
  const loading: Thread = threadReducer(NEW_THREAD, { type: 'load', cid: 'c1' });

  it('shows a loaded conversation, but not one the page has already left', () => {
    const conversation = { ...summary('c1'), messages: [exchange.user_message, exchange.reply] };
    const shown = threadReducer(loading, { type: 'loaded', conversation });
    expect(shown).toMatchObject({ cid: 'c1', status: 'ready', messages: conversation.messages });
    const moved = threadReducer(loading, { type: 'load', cid: 'c2' });
    expect(threadReducer(moved, { type: 'loaded', conversation })).toBe(moved);
    expect(threadReducer(moved, { type: 'loadFailed', cid: 'c1', error: 'x' })).toBe(moved);
  });

  it('streams a reply into the turn and then keeps the stored messages', () => {
    let s = threadReducer(NEW_THREAD, { type: 'send', content: '언제였지?' });
    s = threadReducer(s, { type: 'created', conversation: { ...summary('c9'), title: '' } });
    expect(s).toMatchObject({ cid: 'c9', turn: { content: '언제였지?', status: 'answering' } });
    s = threadReducer(s, { type: 'delta', text: '기록에서 ' });
    s = threadReducer(s, { type: 'delta', text: '찾았어요' });
    expect(s.turn?.text).toBe('기록에서 찾았어요');
    s = threadReducer(s, { type: 'done', exchange });
    expect(s.turn).toBeNull();
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(s.title).toBe('서윤이가 처음 두발자전거를 탄 게 언제였지?');
  });

  it('keeps a failed question with its error, and a retry starts the reply over', () => {
    let s = threadReducer(loading, { type: 'send', content: '언제였지?' });
    s = threadReducer(s, { type: 'delta', text: '기록' });
    s = threadReducer(s, { type: 'failed', error: 'down' });
    expect(s.turn).toEqual({ content: '언제였지?', text: '기록', status: 'failed', error: 'down' });
    // A late piece of the failed reply changes nothing.
    expect(threadReducer(s, { type: 'delta', text: 'x' })).toBe(s);
    s = threadReducer(s, { type: 'send', content: '언제였지?' });
    expect(s.turn).toEqual({ content: '언제였지?', text: '', status: 'answering', error: null });
  });
});

describe('conversation list and input helpers', () => {
  it('moves a conversation that changed to the top, adding it when new', () => {
    const list = [summary('a'), summary('b'), summary('c')];
    expect(touched(list, { ...summary('c'), title: 'new' }).map((c) => c.title)).toEqual(['new', 'a', 'b']);
    expect(touched(list, summary('d')).map((c) => c.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('appends a page without repeating a conversation already shown', () => {
    expect(appendPage([summary('a'), summary('b')], [summary('b'), summary('c')]).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('sends trimmed text of 1 to 2000 characters', () => {
    expect(sendable('  안녕\n')).toBe('안녕');
    expect(sendable(' \n ')).toBeNull();
    expect(sendable('가'.repeat(2000))).toHaveLength(2000);
    expect(sendable('가'.repeat(2001))).toBeNull();
  });

  it('titles a conversation by its first line, cut short', () => {
    expect(titleFrom('첫 줄\n둘째 줄')).toBe('첫 줄');
    expect(titleFrom('가'.repeat(80))).toBe(`${'가'.repeat(59)}…`);
  });
});
