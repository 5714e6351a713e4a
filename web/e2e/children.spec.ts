// Correcting the children: QA added 서윤 twice, one with a wrong birthday. The owner fixes one
// and removes the other; the entry tagged with the removed one stays, without its tag.
import { expect, test } from '@playwright/test';
import { logIn, monthsAgo, seedAccount, shot, uniqueEmail } from './helpers';

test('the owner corrects a child and removes a duplicate without losing its entries', async ({ page, request }, info) => {
  const email = uniqueEmail('children', info);
  const { headers, fid } = await seedAccount(request, email);
  const add = async (name: string, birthdate: string) => {
    const res = await request.post(`/api/v1/families/${fid}/members`, { data: { name, birthdate }, headers });
    expect(res.status()).toBe(201);
    return (await res.json()).id as string;
  };
  const rightBirth = monthsAgo(14);
  await add('서윤', rightBirth);
  const duplicate = await add('서윤', monthsAgo(30));
  await add('서준', monthsAgo(40));
  const tagged = await request.post(`/api/v1/families/${fid}/entries`, {
    data: { body: '서윤이가 처음으로 박수를 쳤다.', member_ids: [duplicate] },
    headers,
  });
  expect(tagged.status()).toBe(201);
  const entryId: string = (await tagged.json()).id;

  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();
  await page.getByRole('navigation', { name: '주요 메뉴' }).getByRole('link', { name: '아이들' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '아이들' })).toBeVisible();
  const rows = page.getByTestId('child');
  await expect(rows).toHaveCount(3);

  // Adding a third 서윤 is pointed out (not refused) while typing.
  const addForm = page.getByRole('form', { name: '아이 추가' });
  await addForm.getByLabel('아이 이름').fill('서윤');
  await expect(addForm.getByTestId('field-warning')).toContainText('같은 이름의 아이가 이미 있어요');
  await addForm.getByLabel('아이 이름').fill('');

  // The duplicate is the wrong one: rename it so the two can be told apart, then remove it.
  const wrong = page.locator(`[data-testid="child"][data-id="${duplicate}"]`);
  await wrong.getByRole('button', { name: '서윤 정보 고치기' }).click();
  const form = page.getByRole('form', { name: '서윤 정보 고치기' });
  await expect(form.getByLabel('아이 이름')).toBeFocused();
  await expect(form.getByTestId('field-warning')).toContainText('서윤');
  await form.getByLabel('아이 이름').fill('서윤(중복)');
  await expect(form.getByTestId('field-warning')).toHaveCount(0);
  await form.getByRole('button', { name: '저장하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '고쳤어요: 서윤(중복)' })).toBeVisible();
  await expect(rows).toContainText(['서준', '서윤(중복)', '서윤']);

  // Removing it says what happens to its entry, and the entry stays.
  await wrong.getByRole('button', { name: '서윤(중복) 지우기' }).click();
  const question = page.getByRole('group', { name: '‘서윤(중복)’ 아이를 목록에서 지울까요?' });
  await expect(question.getByRole('button', { name: '취소' })).toBeFocused();
  await expect(question).toContainText('이 아이가 태그된 기록이 1개 있어요.');
  await expect(question).toContainText('기록은 지워지지 않고 그대로 남아요.');
  await shot(page, info, 'children-remove');
  await question.getByRole('button', { name: '목록에서 지우기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '목록에서 지웠어요: 서윤(중복).' })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows).toContainText(['서준', '서윤']);

  const entry = await request.get(`/api/v1/families/${fid}/entries/${entryId}`, { headers });
  expect(entry.status()).toBe(200);
  expect(await entry.json()).toMatchObject({ body: '서윤이가 처음으로 박수를 쳤다.', member_ids: [] });

  // The picker of the editor now offers each child once.
  await page.getByRole('link', { name: '기록하기' }).first().click();
  const picker = page.getByRole('group', { name: '누구에 대한 기록인가요?' });
  await expect(picker.getByText('서윤', { exact: true })).toHaveCount(1);
  await expect(picker.getByText('서윤(중복)', { exact: true })).toHaveCount(0);
});
