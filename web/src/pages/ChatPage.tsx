// Talking with the family's memories: the user's conversations beside the open one, its
// messages, and a box to ask in. Replies stream in as they are written and cite entries as
// [1], [2]; a reply that fails says so and can be asked again. /chat is a new conversation
// (created with its first question, then its address becomes /chat/<id>).
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api';
import type { ConversationSummary } from '../api/types';
import { useFamily } from '../auth/family';
import { ChatComposer } from '../components/ChatComposer';
import { ChatThreadView } from '../components/ChatThreadView';
import { ConversationList, conversationTitle } from '../components/ConversationList';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';
import { ArrowLeftIcon, PlusIcon } from '../components/icons';
import { useChatThread } from '../hooks/useChatThread';
import { useConversations } from '../hooks/useConversations';

export function ChatPage() {
  const { t } = useTranslation();
  const { family } = useFamily();
  const { cid = null } = useParams();
  const navigate = useNavigate();
  const list = useConversations(family.id);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState('');

  const chat = useChatThread(family.id, cid, {
    onCreated: (conversation) => {
      list.touch(conversation);
      navigate(`/chat/${conversation.id}`);
    },
    onChanged: list.refresh,
  });
  const { thread } = chat;

  const deleted = (conversation: ConversationSummary) => {
    list.remove(conversation.id);
    setNotice(t('chat.deleted'));
    if (conversation.id === cid) navigate('/chat', { replace: true });
    listHeading.current?.focus();
  };

  const title = cid === null ? t('chat.new') : conversationTitle(thread, t('chat.untitled'));
  const missing = thread.status === 'failed' && isApiError(thread.loadError) && thread.loadError.status === 404;

  return (
    <div className="page page--chat">
      <div className="page__intro">
        <PageHeading title={t('chat.title')} />
        <p className="lead">{t('chat.lead')}</p>
      </div>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      <div className={cid === null ? 'chat' : 'chat chat--open'}>
        <aside className="chat__side">
          <Link to="/chat" className="button button--secondary chat__new" aria-current={cid === null ? 'page' : undefined}>
            <PlusIcon /> {t('chat.new')}
          </Link>
          <ConversationList list={list} activeId={cid} onDeleted={deleted} headingRef={listHeading} />
        </aside>
        <section className="chat__main" aria-labelledby="chat-thread-title">
          {cid !== null && (
            <Link to="/chat" className="back-link chat__back">
              <ArrowLeftIcon /> {t('chat.back')}
            </Link>
          )}
          <h2 id="chat-thread-title" className="chat__title">
            {title}
          </h2>
          {thread.status === 'loading' ? (
            <Splash />
          ) : thread.status === 'failed' ? (
            <ErrorPanel error={thread.loadError} context="chat" onRetry={missing ? undefined : chat.reload} />
          ) : (
            <ChatThreadView thread={thread} onRetry={(content) => void chat.send(content)} />
          )}
          {thread.status === 'ready' && <ChatComposer busy={chat.answering} onSend={(content) => void chat.send(content)} />}
        </section>
      </div>
    </div>
  );
}
