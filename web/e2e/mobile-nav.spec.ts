// On a phone every item of the main menu is on screen and a tap at its centre lands on it:
// nothing hides under the write button, nothing needs sideways scrolling to be found.
import { expect, test, type Page } from '@playwright/test';
import { logIn, seedAccount, shot, uniqueEmail } from './helpers';

const SIZES = [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
];

/** Each nav link whose centre is covered by something else, by its text; empty when all are reachable. */
async function coveredLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation').locator('a').evaluateAll((links) =>
    links
      .filter((link) => {
        const box = link.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const onScreen = box.left >= 0 && box.right <= window.innerWidth && box.width > 0;
        return !onScreen || !hit || !link.contains(hit);
      })
      .map((link) => link.textContent?.trim() ?? ''),
  );
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('every menu item can be tapped on a phone, in Korean and in English', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'mobile', 'a phone layout');
  const email = uniqueEmail('mobile-nav', info);
  await seedAccount(request, email);
  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  const menu = page.getByRole('navigation', { name: '주요 메뉴' });
  await expect(menu.getByRole('link')).toHaveCount(8);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await coveredLinks(page), `${size.width}px, Korean`).toEqual([]);
    expect(await pageOverflow(page), `${size.width}px, Korean`).toBeLessThanOrEqual(0);
  }

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Children' })).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await coveredLinks(page), `${size.width}px, English`).toEqual([]);
    expect(await pageOverflow(page), `${size.width}px, English`).toBeLessThanOrEqual(0);
  }

  await shot(page, info, 'nav-360-en');
  // The tap itself reaches the page it names.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Trash' }).tap();
  await expect(page).toHaveURL(/\/trash$/);
});
