// The timeline filtered by what Dadly found in the entries: a topic, a feeling, both. The
// filters live in the address (a reload keeps them), a filter that matches nothing says so
// and clears in one click, and a tag on an entry's page opens the timeline filtered by it.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { logIn, seedAccount, shot, uniqueEmail } from './helpers';

const BIKE = '서윤이가 처음으로 두발자전거를 탔다. 너무 기뻤다!';
const RAIN = '비가 와서 하루 종일 집에서 그림을 그렸다. 조금 피곤한 하루였다.';
const GRANDMA = '할머니 댁에 가서 떡국을 먹었다. 모두에게 감사한 하루.';

type Headers = Record<string, string>;

/** Writes an entry through the API and waits until the background worker has analysed it. */
async function analysedEntry(request: APIRequestContext, fid: string, headers: Headers, body: string, day: string) {
  const res = await request.post(`/api/v1/families/${fid}/entries`, { data: { body, occurred_at: day }, headers });
  expect(res.status()).toBe(201);
  const id: string = (await res.json()).id;
  await expect
    .poll(
      async () => {
        const entry = await request.get(`/api/v1/families/${fid}/entries/${id}`, { headers });
        return (await entry.json()).insight?.status;
      },
      { timeout: 20_000 },
    )
    .toBe('done');
  return id;
}

/** The page scrolls only up and down: nothing sticks out sideways. */
async function fitsWidth(page: import('@playwright/test').Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a parent narrows the timeline to a topic and a feeling, reloads, clears, and follows a tag', async ({ page, request }, info) => {
  const email = uniqueEmail('filters', info);
  const { headers, fid } = await seedAccount(request, email);
  const bike = await analysedEntry(request, fid, headers, BIKE, '2026-05-05');
  await analysedEntry(request, fid, headers, RAIN, '2026-04-12');
  const grandma = await analysedEntry(request, fid, headers, GRANDMA, '2026-02-17');

  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();
  const cards = page.getByTestId('entry-card');
  await expect(cards).toHaveCount(3);
  await expect(page.getByRole('button', { name: '조건 지우기' })).toHaveCount(0);

  // A topic: only the bike entry, and the address says so.
  const topic = page.getByRole('combobox', { name: '주제' });
  const feeling = page.getByRole('combobox', { name: '감정' });
  await topic.selectOption({ label: '자전거' });
  await expect(page).toHaveURL(/[?&]topic=bike(&|$)/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-entry-id', bike);
  await fitsWidth(page);
  await shot(page, info, '20-timeline-topic');

  // A reload keeps the filter.
  await page.reload();
  await expect(topic).toHaveValue('bike');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-entry-id', bike);

  // Topic and feeling together: the bike entry was joyful, not tiring.
  await feeling.selectOption({ label: '기쁨' });
  await expect(page).toHaveURL(/topic=bike&emotion=joy/);
  await expect(cards).toHaveCount(1);
  await feeling.selectOption({ label: '피곤' });
  await expect(page).toHaveURL(/topic=bike&emotion=tiredness/);
  const empty = page.getByTestId('timeline-empty');
  await expect(empty.getByRole('status')).toContainText('고른 조건에 맞는 기록이 없어요.');
  await expect(cards).toHaveCount(0);
  await fitsWidth(page);
  await shot(page, info, '21-timeline-no-match');

  // One click shows everything again and leaves the keyboard on the topic filter.
  await empty.getByRole('button', { name: '조건 지우기' }).click();
  await expect(cards).toHaveCount(3);
  await expect(page).not.toHaveURL(/topic=|emotion=/);
  await expect(topic).toHaveValue('');
  await expect(feeling).toHaveValue('');
  await expect(topic).toBeFocused();

  // A feeling alone, chosen from the keyboard.
  await feeling.focus();
  await feeling.selectOption('tiredness');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('그림을 그렸다');
  await page.getByRole('button', { name: '조건 지우기' }).click();
  await expect(cards).toHaveCount(3);

  // On an entry's page, its feeling links to the timeline of entries that share it.
  await page.goto(`/entries/${grandma}`);
  const insight = page.getByTestId('insight');
  await expect(insight).toHaveAttribute('data-status', 'done');
  await fitsWidth(page);
  await shot(page, info, '22-entry-tag-links');
  await insight.getByRole('link', { name: /^감사/ }).click();
  await expect(page).toHaveURL(/\/\?emotion=gratitude$/);
  await expect(feeling).toHaveValue('gratitude');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-entry-id', grandma);

  // And a topic does the same.
  await page.goto(`/entries/${bike}`);
  await insight.getByRole('link', { name: '자전거', exact: true }).click();
  await expect(page).toHaveURL(/\/\?topic=bike$/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-entry-id', bike);
});
