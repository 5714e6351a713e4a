// The user's conversations, most recent first: each opens its thread, and can be deleted after
// a confirmation in its place (cancel is where focus goes, so Enter twice deletes nothing).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import type { ConversationSummary } from '../api/types';
import { useFamily } from '../auth/family';
import type { Conversations } from '../hooks/useConversations';
import { currentLanguage } from '../i18n';
import { describeError } from '../i18n/errors';
import { formatInstantDay } from '../i18n/format';
import { ErrorPanel } from './ErrorPanel';
import { Splash } from './Splash';
import { TrashIcon } from './icons';

export function ConversationList({
  list,
  activeId,
  onDeleted,
  headingRef,
}: {
  list: Conversations;
  activeId: string | null;
  onDeleted: (conversation: ConversationSummary) => void;
  /** The list's heading, where focus goes after a delete. */
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <section className="chat-list" aria-labelledby="chat-list-title">
      <h2 id="chat-list-title" ref={headingRef} tabIndex={-1} className="chat-list__title">
        {t('chat.list')}
      </h2>
      {list.loading ? (
        <Splash />
      ) : list.error !== null && list.items.length === 0 ? (
        <ErrorPanel error={list.error} onRetry={list.refresh} />
      ) : list.items.length === 0 ? (
        <p className="chat-list__empty">{t('chat.noConversations')}</p>
      ) : (
        <ul className="chat-list__items">
          {list.items.map((c) => (
            <ConversationItem key={c.id} conversation={c} active={c.id === activeId} onDeleted={onDeleted} />
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button button--quiet chat-list__more" disabled={list.loadingMore} onClick={list.loadMore}>
          {list.loadingMore ? t('timeline.loadingMore') : t('timeline.loadMore')}
        </button>
      )}
    </section>
  );
}

export function conversationTitle(c: Pick<ConversationSummary, 'title'>, untitled: string): string {
  return c.title.trim() || untitled;
}

function ConversationItem({
  conversation,
  active,
  onDeleted,
}: {
  conversation: ConversationSummary;
  active: boolean;
  onDeleted: (conversation: ConversationSummary) => void;
}) {
  const { t } = useTranslation();
  const { family } = useFamily();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const title = conversationTitle(conversation, t('chat.untitled'));
  const questionId = `delete-${conversation.id}`;

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (asked.current) deleteRef.current?.focus();
  }, [confirming]);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteConversation(family.id, conversation.id);
      onDeleted(conversation);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  if (confirming) {
    return (
      <li className="chat-list__item chat-list__item--confirm" data-testid="conversation" data-id={conversation.id}>
        <div role="group" aria-labelledby={questionId} className="chat-list__confirm">
          <p id={questionId}>{t('chat.confirmDelete', { title })}</p>
          {error !== null && (
            <p className="field__error" role="alert">
              {describeError(error, t, 'chat').message}
            </p>
          )}
          <div className="chat-list__confirm-actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
              {busy ? t('chat.deleting') : t('chat.confirm')}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              {t('chat.cancel')}
            </button>
          </div>
        </div>
      </li>
    );
  }

  return (
    <li className={active ? 'chat-list__item chat-list__item--active' : 'chat-list__item'} data-testid="conversation" data-id={conversation.id}>
      <Link to={`/chat/${conversation.id}`} className="chat-list__link" aria-current={active ? 'page' : undefined}>
        <span className="chat-list__name">{title}</span>
        <time className="chat-list__when" dateTime={conversation.updated_at}>
          {formatInstantDay(conversation.updated_at, currentLanguage())}
        </time>
      </Link>
      <button
        ref={deleteRef}
        type="button"
        className="icon-button"
        aria-label={t('chat.deleteLabel', { title })}
        title={t('chat.delete')}
        onClick={() => {
          asked.current = true;
          setConfirming(true);
        }}
      >
        <TrashIcon />
      </button>
    </li>
  );
}
