// The whole first-week story of a parent: sign up, create the family, add two children,
// write three entries, read the timeline three ways, edit, delete, restore, log out and in.
import { expect, test } from '@playwright/test';
import {
  addChild, bucketKeys, createFamily, koMonthLabel, logIn, monthKey, monthsAgo, shot, signUp,
  todayYmd, uniqueEmail, writeEntry,
} from './helpers';

test('a parent keeps a family journal from signup to logging in again', async ({ page }, info) => {
  const email = uniqueEmail('journey', info);
  const seoyunBirth = monthsAgo(14); // 생후 14개월 today
  const doyunBirth = monthsAgo(40); // 3살 today
  const day1 = todayYmd();
  const day2 = monthsAgo(2);
  const day3 = monthsAgo(13);

  // Anyone arriving is asked to log in; a new parent signs up from there.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('다시 만나서 반가워요');
  await shot(page, info, '01-login');
  await page.getByRole('link', { name: '새로 가입하기' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('가족의 기억 보관함을 만들어요');
  await shot(page, info, '02-signup');
  await signUp(page, '아빠', email);

  await createFamily(page, '서윤이네');
  await addChild(page, '서윤', seoyunBirth);
  await addChild(page, '도윤', doyunBirth);
  await expect(page.getByRole('list').getByText('서윤')).toBeVisible();
  await shot(page, info, '03-setup-children');
  await page.getByRole('button', { name: '타임라인으로 가기' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();
  await expect(page.getByText('아직 기록이 없어요')).toBeVisible();
  await shot(page, info, '04-timeline-empty');

  // Three entries on different days, about different children. The day defaults to today.
  await page.getByRole('link', { name: '기록하기' }).first().click();
  await expect(page.getByLabel('언제 있었던 일인가요?')).toHaveValue(day1);
  await page.getByRole('link', { name: '취소' }).click();
  const first = await writeEntry(page, {
    body: '서윤이가 처음으로 "아빠"라고 불렀다. 하루 종일 그 목소리가 귀에 맴돌았다.',
    children: ['서윤'],
  });
  await shot(page, info, '05-entry-page');
  await writeEntry(page, {
    title: '도윤이의 첫 줄넘기',
    body: '도윤이가 줄넘기를 세 번 연속으로 넘었다. 스스로도 놀란 표정이었다.',
    date: day2,
    children: ['도윤'],
  });
  await writeEntry(page, {
    body: '둘이 처음으로 같이 낮잠을 잤다. 도윤이가 동생 손을 꼭 잡고 있었다.',
    date: day3,
    children: ['서윤', '도윤'],
    private: true,
  });

  // By month: three months, newest first, one entry each; labels in Korean.
  await page.getByRole('navigation').getByRole('link', { name: '타임라인', exact: true }).click();
  await expect(page.getByTestId('entry-card')).toHaveCount(3);
  expect(await bucketKeys(page)).toEqual([monthKey(day1), monthKey(day2), monthKey(day3)]);
  await expect(page.getByTestId('bucket').first().getByRole('heading', { level: 2 })).toHaveText(koMonthLabel(day1));
  await expect(page.getByText('나만 보기')).toBeVisible();
  await shot(page, info, '06-timeline-month');

  // By year.
  await page.getByText('연도별', { exact: true }).click();
  const years = [...new Set([day1, day2, day3].map((d) => d.slice(0, 4)))];
  await expect.poll(() => bucketKeys(page)).toEqual(years);
  await expect(page.getByTestId('bucket').first().getByRole('heading', { level: 2 })).toHaveText(`${years[0]}년`);

  // By age: per child with a birthday; 도윤 is the older, listed first.
  await page.getByText('나이별', { exact: true }).click();
  await expect(page).toHaveURL(/group=age/);
  await expect.poll(() => bucketKeys(page)).toEqual(['y3', 'y2']);
  await expect(page.getByTestId('bucket').first().getByRole('heading', { level: 2 })).toHaveText('3살');
  await page.getByRole('group', { name: '아이' }).getByText('서윤').click();
  await expect.poll(() => bucketKeys(page)).toEqual(['m14', 'm1']);
  await expect(page.getByTestId('bucket').first().getByRole('heading', { level: 2 })).toHaveText('생후 14개월');
  await expect(page.getByTestId('bucket').nth(1).getByRole('heading', { level: 2 })).toHaveText('생후 1개월');
  await shot(page, info, '07-timeline-age');

  // Filtered by child, by month again.
  await page.getByText('월별', { exact: true }).click();
  await expect.poll(() => bucketKeys(page)).toEqual([monthKey(day1), monthKey(day3)]);
  await page.getByRole('group', { name: '아이' }).getByText('도윤').click();
  await expect.poll(() => bucketKeys(page)).toEqual([monthKey(day2), monthKey(day3)]);
  await expect(page.getByTestId('entry-card')).toHaveCount(2);
  await shot(page, info, '08-timeline-filtered');
  await page.getByRole('group', { name: '아이' }).getByText('모두').click();
  await expect(page.getByTestId('entry-card')).toHaveCount(3);

  await page.getByRole('navigation').getByRole('link', { name: '아이들', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '아이들' })).toBeVisible();
  await expect(page.getByText(/3살/)).toBeVisible();
  await shot(page, info, '14-children');
  await page.getByRole('navigation').getByRole('link', { name: '타임라인', exact: true }).click();

  // Edit the second entry from its own page.
  await page.getByRole('link', { name: '도윤이의 첫 줄넘기' }).click();
  await page.getByRole('link', { name: '고치기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '기록 고치기' })).toBeVisible();
  await shot(page, info, '09-editor');
  await page.getByLabel('무슨 일이 있었나요?').fill('도윤이가 줄넘기를 다섯 번 연속으로 넘었다!');
  await page.getByRole('button', { name: '저장하기' }).click();
  await expect(page.getByTestId('entry')).toContainText('다섯 번 연속');
  await expect(page.getByTestId('entry')).toContainText('고침');

  // Delete it, find it in the trash, restore it.
  await page.getByRole('button', { name: '휴지통으로 옮기기' }).click();
  await expect(page.getByText('기록을 휴지통으로 옮겼어요.')).toBeVisible();
  await expect(page.getByTestId('entry-card')).toHaveCount(2);
  await page.getByRole('navigation').getByRole('link', { name: '휴지통', exact: true }).click();
  await expect(page.getByTestId('trash-item')).toHaveCount(1);
  await expect(page.getByTestId('trash-item')).toContainText('도윤이의 첫 줄넘기');
  await shot(page, info, '10-trash');
  await page.getByRole('button', { name: '되살리기' }).click();
  await expect(page.getByText('휴지통이 비어 있어요.')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '타임라인', exact: true }).click();
  await expect(page.getByTestId('entry-card')).toHaveCount(3);

  // The entry's own page is reachable by its address.
  await page.goto(`/entries/${first}`);
  await expect(page.getByTestId('entry')).toContainText('아빠');
  await expect(page.getByTestId('entry')).toContainText('서윤');

  // Log out, log in again: the journal is still there.
  await page.getByRole('button', { name: '로그아웃' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('로그아웃했어요. 또 만나요!')).toBeVisible();
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();
  await expect(page.getByTestId('entry-card')).toHaveCount(3);
});
