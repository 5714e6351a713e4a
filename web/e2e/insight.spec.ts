// What Dadly makes of an entry in the background: the entry's page shows "analysing" and then,
// without a reload, the summary, topics and feelings; the timeline card shows a few tags.
import { expect, test } from '@playwright/test';
import { logIn, seedAccount, shot, uniqueEmail, writeEntry } from './helpers';

const BODY = '서윤이가 처음으로 두발자전거를 탔다. 너무 기뻤다!';

test('a new entry gets its summary, topics and feelings while its page is open', async ({ page, request }, info) => {
  const email = uniqueEmail('insight', info);
  await seedAccount(request, email);
  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  // A full page load would drop this mark; the insight must arrive without one.
  await page.evaluate(() => Object.assign(window, { dadlyNoReload: true }));
  await writeEntry(page, { body: BODY, children: [] });

  const insight = page.getByTestId('insight');
  await expect(insight.getByText('서윤이가 처음으로 두발자전거를 탔다.')).toBeVisible({ timeout: 20_000 });
  await expect(insight).toHaveAttribute('data-status', 'done');
  await expect(insight.getByRole('listitem').filter({ hasText: /^자전거$/ })).toBeVisible();
  await expect(insight.getByRole('listitem').filter({ hasText: /^기쁨/ })).toBeVisible();
  expect(await page.evaluate(() => 'dadlyNoReload' in window)).toBe(true);
  await shot(page, info, '15-entry-insight');

  // The timeline card carries the first topics and the strongest feeling.
  await page.getByRole('navigation').getByRole('link', { name: '타임라인', exact: true }).click();
  const card = page.getByTestId('entry-card');
  await expect(card.getByRole('listitem').filter({ hasText: /^자전거$/ })).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: /^기쁨/ })).toBeVisible();
  await shot(page, info, '16-timeline-insight');

  // In English, topics and feelings have English names.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(card.getByRole('listitem').filter({ hasText: /^Bike$/ })).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: /^Joy/ })).toBeVisible();
});
