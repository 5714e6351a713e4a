// The app works from the keyboard alone: logging in, skipping to the content, changing the
// timeline's grouping with the arrow keys, opening an entry.
import { expect, test } from '@playwright/test';
import { PASSWORD, seedAccount, uniqueEmail } from './helpers';

test('keyboard only: log in, skip to content, regroup, open an entry', async ({ page, request }, info) => {
  const email = uniqueEmail('keys', info);
  const { headers, fid } = await seedAccount(request, email);
  await request.post(`/api/v1/families/${fid}/entries`, { data: { body: '키보드로 읽는 기록' }, headers });

  await page.goto('/login');
  // Wait for the app to render the form: a Tab pressed before that lands nowhere.
  await expect(page.getByLabel('이메일')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Switch to English' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('이메일')).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('비밀번호')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  // The first Tab on a page reaches the skip link, which leads into <main>.
  await page.reload();
  await expect(page.getByTestId('entry-card')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '본문으로 건너뛰기' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: '월별' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '연도별' })).toBeChecked();
  await expect(page).toHaveURL(/group=year/);

  // Tab on to the entry and open it with Enter.
  const link = page.getByRole('link', { name: '키보드로 읽는 기록' });
  for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('entry')).toContainText('키보드로 읽는 기록');
});
