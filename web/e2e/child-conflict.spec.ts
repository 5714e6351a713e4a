// Two tabs of the owner correct the same child. The tab that saves second is refused, shown
// what the first saved, keeps its own change and takes the other into the field it left
// alone; saving then stores both corrections, and exactly what its form holds.
import { expect, test } from '@playwright/test';
import { logIn, monthsAgo, seedAccount, shot, uniqueEmail } from './helpers';

const koDay = (ymd: string) => `${Number(ymd.slice(0, 4))}년 ${Number(ymd.slice(5, 7))}월 ${Number(ymd.slice(8, 10))}일`;

test('a correction saved second does not undo the first, and the parent sees both', async ({ page, request }, info) => {
  const email = uniqueEmail('child-conflict', info);
  const { headers, fid } = await seedAccount(request, email);
  const born = monthsAgo(14);
  const created = await request.post(`/api/v1/families/${fid}/members`, { data: { name: '서윤', birthdate: born }, headers });
  expect(created.status()).toBe(201);
  const mid: string = (await created.json()).id;

  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  // Both tabs open the child's edit form.
  const tabB = await page.context().newPage();
  const rowOf = (tab: typeof page) => tab.locator(`[data-testid="child"][data-id="${mid}"]`);
  for (const tab of [page, tabB]) {
    await tab.goto('/children');
    await rowOf(tab).getByRole('button', { name: '서윤 정보 고치기' }).click();
    await expect(rowOf(tab).getByLabel('아이 이름')).toBeFocused();
  }

  // Tab A renames the child and saves first.
  await rowOf(page).getByLabel('아이 이름').fill('서아');
  await rowOf(page).getByRole('button', { name: '저장하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '고쳤어요: 서아' })).toBeVisible();

  // Tab B, still on the old version, corrects the birthday and is refused.
  const rightBirth = monthsAgo(13);
  const formB = rowOf(tabB);
  await formB.getByLabel('생일', { exact: true }).fill(rightBirth);
  await formB.getByRole('button', { name: '저장하기' }).click();
  const notice = tabB.getByTestId('child-conflict');
  await expect(notice.getByRole('heading', { name: '그사이 누군가 이 아이의 정보를 먼저 고쳤어요' })).toBeFocused();
  await expect(notice).toContainText('아이 이름서아이 칸은 고치지 않으셔서, 새로 저장된 값으로 바꿔 두었어요.');
  await expect(notice).toContainText(`생일${koDay(born)}칸에 적은 값: ${koDay(rightBirth)}`);
  await expect(notice).not.toContainText('관계');
  // Its own change stays; the name it left alone now holds tab A's.
  await expect(formB.getByLabel('아이 이름')).toHaveValue('서아');
  await expect(formB.getByLabel('생일', { exact: true })).toHaveValue(rightBirth);
  await shot(tabB, info, 'child-conflict');

  // Saving sends what the form holds, on the new version.
  const patch = tabB.waitForRequest((r) => r.method() === 'PATCH');
  await notice.getByRole('button', { name: '칸에 있는 내용으로 저장하기' }).click();
  expect((await patch).headers()['if-match']).toBe('"2"');
  await expect(tabB.getByRole('status').filter({ hasText: '고쳤어요: 서아' })).toBeVisible();
  await expect(rowOf(tabB)).toContainText(`서아${koDay(rightBirth)} 출생`);

  const stored = await request.get(`/api/v1/families/${fid}/members/${mid}`, { headers });
  expect(stored.headers()['etag']).toBe('"3"');
  expect(await stored.json()).toMatchObject({ name: '서아', birthdate: rightBirth, relation: null, version: 3 });
});
