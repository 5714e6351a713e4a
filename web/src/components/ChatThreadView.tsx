// A conversation's messages, oldest first, then the question being answered: its reply as it
// streams in, or why it failed with a way to ask again. The newest message is kept in sight;
// a screen reader hears that a reply is being written and then the reply, not every piece.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '../lib/chat';
import { describeError } from '../i18n/errors';
import { ChatMessage, Question, StreamingReply } from './ChatMessage';

export function ChatThreadView({ thread, onRetry }: { thread: Thread; onRetry: (content: string) => void }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const { messages, turn } = thread;
  const last = messages[messages.length - 1];

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [messages.length, turn?.text, turn?.status]);

  // The reply that arrived while the page was open (not one loaded with the conversation).
  const [arrived, setArrived] = useState<string | null>(null);
  const wasAnswering = useRef(false);
  useEffect(() => {
    if (wasAnswering.current && turn === null && last?.role === 'assistant') setArrived(last.id);
    wasAnswering.current = turn?.status === 'answering';
  }, [turn, last]);

  const status =
    turn?.status === 'answering'
      ? t('chat.answering')
      : last !== undefined && last.id === arrived
        ? t('chat.replied', { reply: last.content })
        : '';

  return (
    <div className="chat-thread">
      {messages.length === 0 && turn === null ? (
        <div className="chat-start">
          <p className="chat-start__title">{t('chat.startTitle')}</p>
          <p className="chat-start__lead">{t('chat.startLead')}</p>
        </div>
      ) : (
        <ol className="chat-thread__messages" data-testid="chat-messages">
          {messages.map((m) => (
            <ChatMessage key={m.id} message={m} />
          ))}
          {turn && <Question content={turn.content} />}
          {turn?.status === 'answering' && <StreamingReply text={turn.text} />}
        </ol>
      )}
      {turn?.status === 'failed' && (
        <div className="panel panel--error chat-thread__error" role="alert" data-testid="chat-error">
          <p className="panel__title">{t('chat.failed')}</p>
          <p>{describeError(turn.error, t, 'chat').message ?? t('errors.generic')}</p>
          <button type="button" className="button button--secondary" onClick={() => onRetry(turn.content)}>
            {t('chat.resend')}
          </button>
        </div>
      )}
      {/* Announced once per state: while writing, then the reply as stored. */}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <div ref={end} className="chat-thread__end" />
    </div>
  );
}
