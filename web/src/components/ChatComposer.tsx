// The question box: Enter sends, Shift+Enter starts a new line (and Enter that ends a Korean
// IME composition only ends the composition). While a reply is written the box is read-only
// (aria-disabled), so focus and the phone's keyboard stay where they are.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE, sendable } from '../lib/chat';
import { SendIcon } from './icons';

/** Show the count once the message is this close to the limit. */
const COUNT_FROM = MAX_MESSAGE - 200;

export function ChatComposer({ busy, onSend }: { busy: boolean; onSend: (content: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const content = sendable(text);

  // After a reply, a user who was sending from the keyboard goes on typing.
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy && (document.activeElement === document.body || document.activeElement === box.current)) {
      box.current?.focus();
    }
    wasBusy.current = busy;
  }, [busy]);

  const send = (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || content === null) return;
    onSend(content);
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  };

  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor="chat-input" className="visually-hidden">
        {t('chat.input')}
      </label>
      <div className="composer__bar">
        <textarea
          ref={box}
          id="chat-input"
          className="input composer__input"
          rows={2}
          maxLength={MAX_MESSAGE}
          placeholder={t('chat.placeholder')}
          aria-describedby={hintId}
          readOnly={busy}
          aria-disabled={busy || undefined}
          enterKeyHint="send"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary composer__send" disabled={busy || content === null}>
          <SendIcon /> <span className="composer__send-label">{t('chat.send')}</span>
        </button>
      </div>
      <p id={hintId} className="composer__hint">
        <span>{t('chat.hint')}</span>
        {text.length >= COUNT_FROM && <span className="composer__count">{t('chat.count', { count: text.length, max: MAX_MESSAGE })}</span>}
      </p>
    </form>
  );
}
