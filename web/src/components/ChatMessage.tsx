// One message of a conversation. A question is the user's text as typed; a reply is cut into
// lines whose [n] markers link to the entries it cites, followed by those entries. A reply
// still being written is plain text (its numbering is final only once stored).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChatCitation, Message } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDay } from '../i18n/format';
import { CitedParagraphs } from './SearchAnswer';

export function ChatMessage({ message }: { message: Message }) {
  return message.role === 'user' ? (
    <Question content={message.content} />
  ) : (
    <Reply content={message.content} citations={message.citations} />
  );
}

export function Question({ content }: { content: string }) {
  const { t } = useTranslation();
  return (
    <li className="chat-msg chat-msg--user" data-testid="chat-message" data-role="user">
      <span className="visually-hidden">{t('chat.you')}: </span>
      <p className="chat-msg__text">{content}</p>
    </li>
  );
}

function Reply({ content, citations }: { content: string; citations: ChatCitation[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className="chat-msg chat-msg--reply" data-testid="chat-message" data-role="assistant">
      <span className="chat-msg__who">{t('chat.dadly')}</span>
      <div className="chat-msg__text chat-msg__text--reply">
        <CitedParagraphs text={content} citations={citations} />
      </div>
      {citations.length > 0 && (
        <div className="chat-msg__sources">
          <p className="chat-msg__sources-title">{t('chat.sources')}</p>
          <ol className="citations">
            {citations.map((c, i) => (
              <li key={`${c.entry_id}-${i}`} className="citations__item">
                <Link to={`/entries/${c.entry_id}`} className="citations__link">
                  <span className="citations__marker">[{i + 1}]</span>
                  <time dateTime={c.occurred_at} className="citations__date">
                    {formatDay(c.occurred_at, lang)}
                  </time>
                  <span className="citations__snippet">{c.excerpt}</span>
                </Link>
              </li>
            ))}
          </ol>
        </div>
      )}
    </li>
  );
}

/** The reply being written: the text so far, and a quiet note while it grows. */
export function StreamingReply({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <li className="chat-msg chat-msg--reply chat-msg--streaming" data-testid="chat-streaming" aria-busy="true">
      <span className="chat-msg__who">{t('chat.dadly')}</span>
      {text && <p className="chat-msg__text chat-msg__text--reply chat-msg__text--plain">{text}</p>}
      <p className="chat-msg__note">
        <span className="insight__dot" aria-hidden="true" />
        {t('chat.answering')}
      </p>
    </li>
  );
}
