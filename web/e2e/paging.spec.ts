// Long timelines load page by page as the reader scrolls, without repeating a month; from the
// keyboard, 더 보기 leads on to the first entry it brought.
import { expect, test } from '@playwright/test';
import { bucketKeys, logIn, seedAccount, uniqueEmail } from './helpers';

test('the timeline grows page by page while scrolling', async ({ page, request }, info) => {
  const email = uniqueEmail('paging', info);
  const { headers, fid } = await seedAccount(request, email);
  const total = 45;
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const day = new Date(start - i * 9 * 86_400_000).toISOString().slice(0, 10);
    const res = await request.post(`/api/v1/families/${fid}/entries`, {
      data: { body: `기록 ${i + 1}번째`, occurred_at: day },
      headers,
    });
    expect(res.status()).toBe(201);
  }

  await page.goto('/login');
  await logIn(page, email);
  const cards = page.getByTestId('entry-card');
  await expect(cards).toHaveCount(20);
  await page.getByText('아빠의 사랑이 추억이 되는 곳').scrollIntoViewIfNeeded();
  await expect(cards).toHaveCount(40);
  await page.getByText('아빠의 사랑이 추억이 되는 곳').scrollIntoViewIfNeeded();
  await expect(cards).toHaveCount(total);
  await expect(page.getByText('모든 기록을 다 봤어요.')).toBeVisible();
  const keys = await bucketKeys(page);
  expect(new Set(keys).size).toBe(keys.length);
});

test('더 보기 from the keyboard lands on the first new entry', async ({ page, request }, info) => {
  const email = uniqueEmail('paging-keys', info);
  const { headers, fid } = await seedAccount(request, email);
  const start = Date.now();
  for (let i = 0; i < 23; i++) {
    const day = new Date(start - i * 86_400_000).toISOString().slice(0, 10);
    const res = await request.post(`/api/v1/families/${fid}/entries`, {
      data: { body: `키보드 기록 ${i + 1}번째`, occurred_at: day },
      headers,
    });
    expect(res.status()).toBe(201);
  }
  // Without scrolling's automatic loading, only the button asks for more.
  await page.addInitScript(() => {
    delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
  });

  await page.goto('/login');
  await logIn(page, email);
  const cards = page.getByTestId('entry-card');
  await expect(cards).toHaveCount(20);
  await cards.nth(19).getByRole('link').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '더 보기' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(23);
  await expect(cards.nth(20).getByRole('link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cards.nth(21).getByRole('link')).toBeFocused();
});
