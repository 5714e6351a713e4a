// Asking the journal a question: the answer cites the entry it came from, [1] opens it, back
// brings the answer again; a question about nothing in the journal says so. Then the emotion
// map shows this month's joy.
import { expect, test, type Page } from '@playwright/test';
import { addChild, createFamily, koMonthLabel, monthsAgo, shot, signUp, todayYmd, uniqueEmail, writeEntry } from './helpers';

const BIKE = '서윤이가 처음으로 두발자전거를 탔다. 너무 기뻤다!';
const QUESTION = '서윤이가 처음 두발자전거를 탄 게 언제였지?';

/** Waits on the entry's page until Dadly has analysed it (found by meaning, counted in the map). */
async function analysed(page: Page): Promise<void> {
  await expect(page.getByTestId('insight')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
}

function koDayLabel(ymd: string): string {
  return `${koMonthLabel(ymd)} ${Number(ymd.slice(8, 10))}일`;
}

test('a parent asks when something happened, opens the cited entry, and sees the feelings of the month', async ({ page }, info) => {
  const email = uniqueEmail('search', info);
  await signUp(page, '아빠', email);
  await createFamily(page, '서윤이네');
  await addChild(page, '서윤', monthsAgo(40));
  await page.getByRole('button', { name: '타임라인으로 가기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  const bike = await writeEntry(page, { body: BIKE, children: ['서윤'] });
  await analysed(page);
  await writeEntry(page, { body: '비가 와서 하루 종일 집에서 그림을 그렸다. 조금 피곤한 하루였다.', children: ['서윤'] });
  await analysed(page);
  await writeEntry(page, { body: '할머니 댁에 가서 떡국을 먹었다. 모두에게 감사한 하루.', children: ['서윤'] });
  await analysed(page);

  // The question goes into the address; the answer cites the bike entry as [1].
  await page.getByRole('navigation').getByRole('link', { name: '검색', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '기억 찾기' })).toBeVisible();
  const query = page.getByRole('searchbox', { name: '무엇이 궁금한가요?' });
  await expect(query).toHaveAttribute('placeholder', QUESTION);
  await query.fill(QUESTION);
  await page.getByRole('button', { name: '찾기' }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  const answer = page.getByTestId('answer');
  await expect(answer).toContainText('서윤이가 처음으로 두발자전거를 탔다.');
  const cite = answer.getByRole('link', { name: `[1] ${koDayLabel(todayYmd())}의 기록` });
  await expect(cite).toHaveAttribute('href', `/entries/${bike}`);
  await expect(answer.getByRole('listitem').first()).toContainText(BIKE);
  const best = page.getByTestId('search-result').first();
  await expect(best).toHaveAttribute('data-entry-id', bike);
  await expect(best.locator('mark').first()).toBeVisible();
  await shot(page, info, '17-search-answer');

  await cite.click();
  await expect(page).toHaveURL(new RegExp(`/entries/${bike}$`));
  await expect(page.getByTestId('entry')).toContainText(BIKE);

  // Back: the address still holds the question, and the answer comes again.
  await page.goBack();
  await expect(query).toHaveValue(QUESTION);
  await expect(cite).toHaveAttribute('href', `/entries/${bike}`);

  // A question about nothing in the journal: the server's answer says so.
  await query.fill('우주선 발사');
  await query.press('Enter');
  await expect(page.getByTestId('search-empty')).toContainText('관련된 기록을 찾지 못했어요.');
  await expect(answer).toHaveCount(0);
  await shot(page, info, '18-search-empty');

  // The emotion map: this month's joy, for everyone and for 서윤.
  await page.getByRole('navigation').getByRole('link', { name: '감정', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '감정 지도' })).toBeVisible();
  const joy = page.getByRole('cell', { name: `${koMonthLabel(todayYmd())} 기쁨 1번` });
  await expect(joy).toBeVisible();
  await expect(joy).toHaveAttribute('data-entries', '1');
  expect(Number(await joy.evaluate((td) => (td as HTMLElement).style.getPropertyValue('--intensity')))).toBeGreaterThan(0);
  await expect(joy).toBeInViewport();
  await shot(page, info, '19-emotion-map');
  await page.getByRole('group', { name: '아이' }).getByText('서윤', { exact: true }).click();
  await expect(page).toHaveURL(/child=/);
  await expect(page.getByRole('cell', { name: `${koMonthLabel(todayYmd())} 기쁨 1번` })).toBeVisible();
});
