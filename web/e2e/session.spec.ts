// Sessions survive a reload, also one that cut a refresh short; an ended session sends the user
// to log in and back.
import { expect, test } from '@playwright/test';
import { createFamily, logIn, signUp, uniqueEmail, writeEntry } from './helpers';

test('a reload keeps the session, an ended one returns the user where they were', async ({ page }, info) => {
  const email = uniqueEmail('session', info);
  await signUp(page, '아빠', email);
  await createFamily(page, '세션이네');
  await page.getByRole('button', { name: '나중에 할게요' }).click();
  const id = await writeEntry(page, { body: '새로고침해도 그대로인 기록', children: [] });

  await page.reload();
  await expect(page.getByTestId('entry')).toContainText('새로고침해도 그대로인 기록');

  // A reload starts with no access token in memory: one refresh, then the page's calls.
  const refreshes: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) refreshes.push(r.url());
  });
  await page.reload();
  await expect(page.getByTestId('entry')).toBeVisible();
  expect(refreshes).toHaveLength(1);

  // The session ends elsewhere (logout with the same refresh token).
  const token = await page.evaluate(() => localStorage.getItem('dadly.refresh_token'));
  const logout = await page.request.post('/api/v1/auth/logout', { data: { refresh_token: token } });
  expect(logout.status()).toBe(204);
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=%2Fentries%2F.*reason=expired/);
  await expect(page.getByText(/로그인이 만료되었어요/)).toBeVisible();
  await logIn(page, email);
  await expect(page).toHaveURL(new RegExp(`/entries/${id}$`));
  await expect(page.getByTestId('entry')).toContainText('새로고침해도 그대로인 기록');
});

test('a reload that lost the answer to its refresh keeps the session', async ({ page }, info) => {
  await signUp(page, '엄마', uniqueEmail('lost-refresh', info));
  await createFamily(page, '끊긴새로고침네');
  await page.getByRole('button', { name: '나중에 할게요' }).click();
  await writeEntry(page, { body: '새로고침이 끊겨도 남는 기록', children: [] });

  // The page's refresh reached the server, but the page went away before it could store the
  // answer: the stored token is spent, and the new one is lost.
  const spent = await page.evaluate(() => localStorage.getItem('dadly.refresh_token'));
  const lost = await page.request.post('/api/v1/auth/refresh', { data: { refresh_token: spent } });
  expect(lost.status()).toBe(200);
  expect(await page.evaluate(() => localStorage.getItem('dadly.refresh_token'))).toBe(spent);

  await page.reload();
  await expect(page.getByTestId('entry')).toContainText('새로고침이 끊겨도 남는 기록');
  await expect(page).not.toHaveURL(/\/login/);
  const current = await page.evaluate(() => localStorage.getItem('dadly.refresh_token'));
  expect(current).not.toBe(spent);

  // The token that was lost has been withdrawn: whoever shows it holds a copy, and the session
  // ends for everyone.
  const copied = await page.request.post('/api/v1/auth/refresh', {
    data: { refresh_token: (await lost.json()).refresh_token },
  });
  expect(copied.status()).toBe(401);
  await page.reload();
  await expect(page).toHaveURL(/\/login\?.*reason=expired/);
});
