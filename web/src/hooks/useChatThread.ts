// One conversation on the chat page: its stored messages, loaded when the address names it,
// and the question being answered, whose reply streams in. Asking in a new conversation
// (no id yet) creates it first and reports its id, so the page can put it in the address;
// leaving the conversation stops its stream.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { api } from '../api';
import type { ConversationSummary } from '../api/types';
import { NEW_THREAD, threadReducer, type Thread } from '../lib/chat';

export interface ChatThread {
  thread: Thread;
  /** True while a reply is being written: the input waits. */
  answering: boolean;
  /** Asks `content`; a failed question is asked again the same way. */
  send(content: string): Promise<void>;
  /** Loads the conversation again after it failed to load. */
  reload(): void;
}

interface Callbacks {
  /** A new conversation was created for the first question. */
  onCreated: (conversation: ConversationSummary) => void;
  /** A reply was stored (or a new conversation's first question failed): the list may have changed. */
  onChanged: () => void;
}

export function useChatThread(fid: string, cid: string | null, callbacks: Callbacks): ChatThread {
  const [thread, dispatch] = useReducer(threadReducer, NEW_THREAD);
  const [loads, bumpLoads] = useReducer((n: number) => n + 1, 0);
  const threadRef = useRef(thread);
  threadRef.current = thread;
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;
  const streamRef = useRef<AbortController | null>(null);
  /** The conversation created for the question being answered: shown already, not loaded. */
  const createdRef = useRef<string | null>(null);

  useEffect(() => {
    // Another conversation (or a new one): the reply of this one stops.
    if (threadRef.current.cid !== cid || cid === null) {
      streamRef.current?.abort();
      streamRef.current = null;
    }
    if (cid === null) {
      createdRef.current = null;
      dispatch({ type: 'new' });
      return;
    }
    // The conversation just created for a question is already shown, and is being answered.
    if (cid === createdRef.current) return;
    createdRef.current = null;
    const abort = new AbortController();
    dispatch({ type: 'load', cid });
    api.getConversation(fid, cid, abort.signal).then(
      (conversation) => dispatch({ type: 'loaded', conversation }),
      (error: unknown) => {
        if (!abort.signal.aborted) dispatch({ type: 'loadFailed', cid, error });
      },
    );
    return () => abort.abort();
  }, [fid, cid, loads]);

  // Leaving the page stops the stream.
  useEffect(() => () => streamRef.current?.abort(), []);

  const send = useCallback(
    async (content: string) => {
      if (threadRef.current.turn?.status === 'answering') return;
      const abort = new AbortController();
      streamRef.current = abort;
      dispatch({ type: 'send', content });
      let id = threadRef.current.cid;
      let created = false;
      try {
        if (id === null) {
          const conversation = await api.createConversation(fid);
          if (abort.signal.aborted) return;
          dispatch({ type: 'created', conversation });
          threadRef.current = { ...threadRef.current, cid: conversation.id, status: 'ready' };
          createdRef.current = conversation.id;
          created = true;
          id = conversation.id;
          callbacksRef.current.onCreated(conversation);
        }
        const exchange = await api.sendMessage(fid, id, content, (text) => dispatch({ type: 'delta', text }), abort.signal);
        if (abort.signal.aborted) return;
        dispatch({ type: 'done', exchange });
        callbacksRef.current.onChanged();
      } catch (error) {
        if (abort.signal.aborted) return;
        dispatch({ type: 'failed', error });
        if (created) callbacksRef.current.onChanged();
      } finally {
        if (streamRef.current === abort) streamRef.current = null;
      }
    },
    [fid],
  );

  const reload = useCallback(() => {
    createdRef.current = null;
    bumpLoads();
  }, []);

  // Until the effect above has caught up with a new address, show that address's thread; but a
  // conversation just created for a question stays while the address catches up with it.
  const creating = cid === null && thread.cid !== null && thread.cid === createdRef.current;
  const shown: Thread =
    thread.cid === cid || creating ? thread : cid === null ? NEW_THREAD : { ...NEW_THREAD, cid, status: 'loading' };
  return { thread: shown, answering: shown.turn?.status === 'answering', send, reload };
}
