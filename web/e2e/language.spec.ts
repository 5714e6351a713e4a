// The language: Korean by default, English from the browser or by the switch, and dates,
// ages and timeline labels that follow it.
import { expect, test } from '@playwright/test';
import { PASSWORD, monthsAgo, shot, uniqueEmail } from './helpers';

function enMonth(ymd: string) {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${ymd.slice(0, 7)}-01T00:00:00Z`),
  );
}
function enDay(ymd: string) {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${ymd}T00:00:00Z`),
  );
}

test('the language switch turns the whole app to English and back', async ({ page }, info) => {
  const day = monthsAgo(1);
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back');

  // Sign up in English; the account's locale follows the UI.
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Your name').fill('Dad');
  await page.getByLabel('Email').fill(uniqueEmail('lang', info));
  await page.getByLabel('Password').fill(PASSWORD);
  const signup = page.waitForRequest('**/api/v1/auth/signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  expect((await signup).postDataJSON()).toMatchObject({ locale: 'en' });

  await page.getByLabel('Family name').fill('The Kims');
  await page.getByRole('button', { name: 'Create archive' }).click();
  await page.getByLabel("Child's name").fill('Seoyun');
  await page.getByLabel('Birthday').fill(monthsAgo(15));
  await page.getByRole('button', { name: 'Add child' }).click();
  await expect(page.getByText('Added: Seoyun')).toBeVisible();
  await page.getByRole('button', { name: 'Go to the timeline' }).click();

  await page.getByRole('link', { name: 'Write' }).first().click();
  await page.getByLabel('What happened?').fill('Seoyun laughed at the rain for the first time.');
  await page.getByLabel('When did it happen?').fill(day);
  await page.getByRole('group', { name: 'Who is it about?' }).getByText('Seoyun').click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Entry saved.')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(enMonth(day));
  await expect(page.getByTestId('entry-card')).toContainText(enDay(day));
  await expect(page.getByTestId('entry-card')).toContainText('14 months');
  await page.getByText('Age', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Age' })).toBeChecked();
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('14 months');
  await shot(page, info, '11-timeline-english');

  // Back to Korean: labels, dates and ages follow without a reload.
  await page.getByRole('button', { name: '한국어로 바꾸기' }).click();
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('생후 14개월');
  const [y, m, d] = day.split('-').map(Number);
  await expect(page.getByTestId('entry-card')).toContainText(`${y}년 ${m}월 ${d}일`);
  await expect(page.getByRole('navigation').getByRole('link', { name: '타임라인', exact: true })).toBeVisible();
});

test('a browser that prefers English opens in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back');
  await context.close();
});
