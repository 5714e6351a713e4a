import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useTranslation } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { LANG_KEY } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

function Probe() {
  const { t } = useTranslation();
  return <p>{t('nav.timeline')}</p>;
}

describe('LanguageSwitch', () => {
  it('switches every string between Korean and English and remembers the choice', async () => {
    const user = userEvent.setup();
    render(
      <>
        <LanguageSwitch />
        <Probe />
      </>,
    );
    expect(screen.getByText('타임라인')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    expect(screen.getByText('Timeline')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_KEY)).toBe('en');
    await user.click(screen.getByRole('button', { name: '한국어로 바꾸기' }));
    expect(screen.getByText('타임라인')).toBeInTheDocument();
  });

  it('tells a signed-in page which language was picked, so the account keeps it', async () => {
    const user = userEvent.setup();
    const onSwitched = vi.fn();
    render(<LanguageSwitch onSwitched={onSwitched} />);
    const next = document.documentElement.lang === 'en' ? 'ko' : 'en';
    await user.click(screen.getByRole('button'));
    expect(onSwitched).toHaveBeenCalledWith(next);
  });
});
