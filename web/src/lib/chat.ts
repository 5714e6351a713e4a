// A conversation as the chat page holds it: the stored messages, and the turn being answered
// (its question, the reply so far as it streams in, or why it failed). The reply streams as
// Server-Sent Events: `delta` pieces of text, then `done` with the question and the reply as
// stored (whose content carries the final citation numbers), or `error` with a problem.
import { ApiError } from '../api/errors';
import type { ChatExchange, Conversation, ConversationSummary, Message } from '../api/types';
import { readSse, type SseEvent } from './sse';

/** The longest message the server takes. */
export const MAX_MESSAGE = 2000;

export type ChatEvent =
  | { kind: 'delta'; text: string }
  | { kind: 'done'; exchange: ChatExchange }
  | { kind: 'error'; error: ApiError };

/** One event of the stream as the chat understands it; null for events it does not know. */
export function chatEvent(event: SseEvent): ChatEvent | null {
  const data = parseJson(event.data);
  switch (event.event) {
    case 'delta':
      return isRecord(data) && typeof data.text === 'string' ? { kind: 'delta', text: data.text } : null;
    case 'done':
      if (isRecord(data) && isMessage(data.user_message) && isMessage(data.reply)) {
        return { kind: 'done', exchange: data as unknown as ChatExchange };
      }
      return { kind: 'error', error: new ApiError({ status: 200, code: 'unknown', detail: 'malformed done event' }) };
    case 'error':
      return { kind: 'error', error: ApiError.fromProblem(data, 503) };
    default:
      return null;
  }
}

/**
 * Reads a streamed reply: `onDelta` gets each piece of text as it arrives; resolves with the
 * stored exchange. Rejects with the stream's problem (`error` event), with a network error
 * when reading fails or the stream ends before `done`, or with the AbortError of `signal`.
 */
export async function readReply(
  body: ReadableStream<Uint8Array>,
  onDelta: (text: string) => void,
  signal?: AbortSignal,
): Promise<ChatExchange> {
  let outcome: ChatEvent | null = null;
  try {
    await readSse(
      body,
      (event) => {
        if (outcome) return;
        const parsed = chatEvent(event);
        if (parsed?.kind === 'delta') onDelta(parsed.text);
        else if (parsed) outcome = parsed;
      },
      signal,
    );
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw ApiError.network(cause);
  }
  const last = outcome as ChatEvent | null;
  if (last?.kind === 'done') return last.exchange;
  if (last?.kind === 'error') throw last.error;
  throw ApiError.network('the reply ended before it was complete');
}

/** What the page shows of a conversation. */
export interface Thread {
  /** The conversation shown; null for a new one not created yet. */
  cid: string | null;
  title: string;
  messages: Message[];
  /** Its stored messages: loading, shown, or failed to load. */
  status: 'loading' | 'ready' | 'failed';
  loadError: unknown;
  /** The question being answered, or the last one whose answer failed. */
  turn: Turn | null;
}

export interface Turn {
  content: string;
  /** The reply so far, as the model writes it. */
  text: string;
  status: 'answering' | 'failed';
  error: unknown;
}

export type ThreadAction =
  | { type: 'new' }
  | { type: 'load'; cid: string }
  | { type: 'loaded'; conversation: Conversation }
  | { type: 'loadFailed'; cid: string; error: unknown }
  | { type: 'created'; conversation: ConversationSummary }
  | { type: 'send'; content: string }
  | { type: 'delta'; text: string }
  | { type: 'done'; exchange: ChatExchange }
  | { type: 'failed'; error: unknown };

export const NEW_THREAD: Thread = { cid: null, title: '', messages: [], status: 'ready', loadError: null, turn: null };

export function threadReducer(state: Thread, action: ThreadAction): Thread {
  switch (action.type) {
    case 'new':
      return NEW_THREAD;
    case 'load':
      return { ...NEW_THREAD, cid: action.cid, status: 'loading' };
    case 'loaded':
      if (action.conversation.id !== state.cid) return state;
      return { ...state, title: action.conversation.title, messages: action.conversation.messages, status: 'ready', loadError: null };
    case 'loadFailed':
      if (action.cid !== state.cid) return state;
      return { ...state, status: 'failed', loadError: action.error };
    case 'created':
      return { ...state, cid: action.conversation.id, title: action.conversation.title, status: 'ready' };
    case 'send':
      return { ...state, turn: { content: action.content, text: '', status: 'answering', error: null } };
    case 'delta':
      if (state.turn?.status !== 'answering') return state;
      return { ...state, turn: { ...state.turn, text: state.turn.text + action.text } };
    case 'done': {
      const { user_message, reply } = action.exchange;
      return {
        ...state,
        title: state.title || titleFrom(user_message.content),
        messages: [...state.messages, user_message, reply],
        turn: null,
      };
    }
    case 'failed':
      if (state.turn === null) return state;
      return { ...state, turn: { ...state.turn, status: 'failed', error: action.error } };
  }
}

/** A title for a conversation that has none yet: its first line, cut short (as the server does). */
export function titleFrom(content: string, max = 60): string {
  const line = content.trim().split('\n')[0].trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Conversations with `changed` moved to the top (most recently updated first), added if new. */
export function touched(list: ConversationSummary[], changed: ConversationSummary): ConversationSummary[] {
  return [changed, ...list.filter((c) => c.id !== changed.id)];
}

/** The next page appended, without one already shown (the list moves while it is read). */
export function appendPage(list: ConversationSummary[], page: ConversationSummary[]): ConversationSummary[] {
  const shown = new Set(list.map((c) => c.id));
  return [...list, ...page.filter((c) => !shown.has(c.id))];
}

/** The content of a message without surrounding blank space; null when nothing is left to send. */
export function sendable(text: string): string | null {
  const content = text.trim();
  return content.length > 0 && content.length <= MAX_MESSAGE ? content : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.id === 'string' && typeof value.content === 'string' && Array.isArray(value.citations);
}
