// The caller's conversations, most recently updated first, a page at a time. After a reply or
// a delete the page refreshes its first page in place, without emptying the list meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ConversationSummary } from '../api/types';
import { appendPage, touched } from '../lib/chat';

export const CONVERSATION_PAGE = 30;

export interface Conversations {
  items: ConversationSummary[];
  /** The first page has not arrived yet. */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  /** Asks for the first page again and shows it in place of the list. */
  refresh(): void;
  /** Takes a conversation out of the list at once (it was deleted). */
  remove(id: string): void;
  /** Puts a conversation first at once (it was just started). */
  touch(conversation: ConversationSummary): void;
}

interface State {
  items: ConversationSummary[];
  next: string | null;
  loaded: boolean;
  busy: boolean;
  error: unknown;
}

export function useConversations(fid: string): Conversations {
  const [state, setState] = useState<State>({ items: [], next: null, loaded: false, busy: true, error: null });
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const fetchPage = useCallback(
    (cursor: string | undefined) => {
      const mine = cursor === undefined ? ++generation.current : generation.current;
      setState((s) => ({ ...s, busy: true, error: null }));
      api.listConversations(fid, { limit: CONVERSATION_PAGE, cursor }).then(
        (page) => {
          if (mine !== generation.current) return;
          setState((s) => ({
            items: cursor === undefined ? page.items : appendPage(s.items, page.items),
            next: page.next_cursor,
            loaded: true,
            busy: false,
            error: null,
          }));
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setState((s) => ({ ...s, busy: false, error }));
        },
      );
    },
    [fid],
  );

  useEffect(() => {
    setState({ items: [], next: null, loaded: false, busy: true, error: null });
    fetchPage(undefined);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (s.busy || !s.loaded || s.next === null) return;
    fetchPage(s.next);
  }, [fetchPage]);
  const refresh = useCallback(() => fetchPage(undefined), [fetchPage]);
  const remove = useCallback(
    (id: string) => setState((s) => ({ ...s, items: s.items.filter((c) => c.id !== id) })),
    [],
  );

  const touch = useCallback(
    (conversation: ConversationSummary) => setState((s) => ({ ...s, items: touched(s.items, conversation) })),
    [],
  );

  return {
    items: state.items,
    loading: !state.loaded && state.error === null,
    loadingMore: state.loaded && state.busy,
    error: state.error,
    hasMore: state.next !== null,
    loadMore,
    refresh,
    remove,
    touch,
  };
}
