// Back after saving a new entry: the entry's page takes the editor's place in the history, so
// Back returns to where the parent started writing, not to an empty form.
import { expect, test } from '@playwright/test';
import { logIn, seedAccount, uniqueEmail, writeEntry } from './helpers';

test('Back after writing an entry returns to the timeline', async ({ page, request }, info) => {
  const email = uniqueEmail('back', info);
  await seedAccount(request, email);
  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('link', { name: '기록하기' }).first()).toBeVisible();
  const start = new URL(page.url()).pathname;
  await writeEntry(page, { body: '뒤로 가기를 눌러도 빈 양식이 나오지 않아야 한다', children: [] });
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === start);
  await expect(page.getByRole('heading', { level: 1, name: '새 기록' })).toHaveCount(0);
});
