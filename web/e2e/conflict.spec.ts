// Two tabs edit the same entry. The one that saves second is shown what the other saved, keeps
// its own text (also through a reload), and chooses; nothing is overwritten before that.
import { expect, test } from '@playwright/test';
import { logIn, seedUser, shot, uniqueEmail } from './helpers';

test('an edit refused because of another tab’s save is kept, shown beside it, and saved by choice', async ({ page, request }, info) => {
  const father = await seedUser(request, '아빠', uniqueEmail('conflict', info));
  const family = await request.post('/api/v1/families', { data: { name: '충돌이네' }, headers: father.headers });
  const fid: string = (await family.json()).id;
  const created = await request.post(`/api/v1/families/${fid}/entries`, {
    data: { body: '처음 쓴 글', member_ids: [], visibility: 'family' },
    headers: father.headers,
  });
  expect(created.status()).toBe(201);
  const eid: string = (await created.json()).id;

  await page.goto('/login');
  await logIn(page, father.email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  // Tab A starts an edit.
  await page.goto(`/entries/${eid}/edit`);
  await page.getByLabel('무슨 일이 있었나요?').fill('탭 A에서 고친 글');

  // Tab B edits the same entry and saves first.
  const tabB = await page.context().newPage();
  await tabB.goto(`/entries/${eid}/edit`);
  await tabB.getByLabel('무슨 일이 있었나요?').fill('탭 B에서 고친 글');
  await tabB.getByRole('button', { name: '저장하기' }).click();
  await expect(tabB.getByTestId('entry')).toContainText('탭 B에서 고친 글');
  await tabB.close();

  // Tab A's save is refused: its text stays, and tab B's is shown beside it.
  await page.getByRole('button', { name: '저장하기' }).click();
  const panel = page.getByTestId('entry-conflict');
  await expect(panel.getByRole('heading', { name: '그사이 이 기록이 다른 곳에서 바뀌었어요' })).toBeFocused();
  await expect(panel).toContainText('탭 B에서 고친 글');
  await expect(page.getByLabel('무슨 일이 있었나요?')).toHaveValue('탭 A에서 고친 글');
  await shot(page, info, '20-edit-conflict');

  // A reload (what the old message asked for) no longer loses it.
  await page.reload();
  await expect(panel.getByRole('heading', { name: '이전 버전에 쓰던 내용이 있어요' })).toBeVisible();
  await expect(panel).toContainText('탭 B에서 고친 글');
  await expect(page.getByLabel('무슨 일이 있었나요?')).toHaveValue('탭 A에서 고친 글');

  // Saving before choosing sends nothing.
  let patches = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches += 1;
  });
  await page.getByRole('button', { name: '저장하기' }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  expect(patches).toBe(0);

  await panel.getByRole('button', { name: '내가 쓴 내용으로 이어 쓰기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '내가 쓴 내용으로 이어 써요' })).toBeVisible();
  await page.getByRole('button', { name: '저장하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '기록을 저장했어요.' })).toBeVisible();
  await expect(page.getByTestId('entry')).toContainText('탭 A에서 고친 글');
  expect(patches).toBe(1);

  const stored = await request.get(`/api/v1/families/${fid}/entries/${eid}`, { headers: father.headers });
  expect(await stored.json()).toMatchObject({ body: '탭 A에서 고친 글', version: 3 });
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('dadly.draft.')))).toEqual([]);
});
