// 가족과 권한: an owner changes who may read the family archive and how, and the API agrees;
// a child's own account, once linked to its child, reads only the family's entries about it.
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { grant, logIn, seedUser, shot, todayYmd, uniqueEmail } from './helpers';

/** A father who owns a family, and another account the operator gives `role` in it. */
async function familyWith(request: APIRequestContext, info: TestInfo, name: string, role: 'viewer' | 'child') {
  const father = await seedUser(request, '아빠', uniqueEmail('access-dad', info));
  const other = await seedUser(request, name, uniqueEmail(`access-${role}`, info));
  const family = await request.post('/api/v1/families', { data: { name: '권한이네' }, headers: father.headers });
  expect(family.status()).toBe(201);
  const fid: string = (await family.json()).id;
  grant(fid, other.email, role);
  return { father, other, fid };
}

async function openAccess(page: Page, email: string) {
  await page.goto('/login');
  await logIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();
  await page.getByRole('navigation', { name: '주요 메뉴' }).getByRole('link', { name: '가족과 권한' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '가족과 권한' })).toBeVisible();
}

async function usersOf(request: APIRequestContext, fid: string, headers: Record<string, string>) {
  const res = await request.get(`/api/v1/families/${fid}/users`, { headers });
  expect(res.status()).toBe(200);
  return ((await res.json()).items as { email: string; role: string }[]).map((u) => [u.email, u.role]);
}

test('an owner makes a viewer an editor, then takes their access away', async ({ page, request }, info) => {
  const { father, other, fid } = await familyWith(request, info, '이모', 'viewer');
  await openAccess(page, father.email);

  const aunt = page.getByTestId('person').filter({ hasText: other.email });
  await expect(aunt).toContainText('보는 사람');
  await expect(page.getByTestId('person').filter({ hasText: father.email })).toContainText('나');
  await aunt.getByRole('combobox', { name: /역할/ }).selectOption({ label: '작성자' });
  await aunt.getByRole('button', { name: '이모 역할 저장하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '이모 님의 역할을 바꿨어요: 작성자' })).toBeVisible();
  expect(await usersOf(request, fid, father.headers)).toContainEqual([other.email, 'editor']);
  await shot(page, info, 'access');

  await aunt.getByRole('button', { name: '이모 가족 보관함에서 빼기' }).click();
  const question = page.getByRole('group', { name: '이모 님을 이 가족 보관함에서 뺄까요?' });
  await expect(question).toContainText('그동안 쓴 기록은 지워지지 않고 그대로 남아요.');
  await question.getByRole('button', { name: '빼기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '이모 님을 뺐어요.' })).toBeVisible();
  await expect(aunt).toHaveCount(0);
  const left = await usersOf(request, fid, father.headers);
  expect(left.map(([email]) => email)).not.toContain(other.email);
  expect(left).toHaveLength(1);
});

test("a child's own account, linked to its child, reads only the entries about that child", async ({ page, request }, info) => {
  const { father, other, fid } = await familyWith(request, info, '서윤', 'child');
  const child = await request.post(`/api/v1/families/${fid}/members`, {
    data: { name: '서윤', birthdate: '2015-04-01' },
    headers: father.headers,
  });
  expect(child.status()).toBe(201);
  const mid: string = (await child.json()).id;
  const day = todayYmd();
  for (const [body, member_ids] of [
    ['서윤이가 처음으로 자전거를 탔다', [mid]],
    ['엄마 아빠 둘이서 영화를 봤다', []],
  ] as const) {
    const res = await request.post(`/api/v1/families/${fid}/entries`, {
      data: { body, occurred_at: day, member_ids, visibility: 'family' },
      headers: father.headers,
    });
    expect(res.status()).toBe(201);
  }

  await openAccess(page, father.email);
  const account = page.getByTestId('person').filter({ hasText: other.email });
  await expect(account).toContainText('가족에게 공개된 기록 가운데 고른 아이에 대한 기록만 볼 수 있어요.');
  await account.getByRole('combobox', { name: /이 계정의 아이/ }).selectOption({ label: '서윤' });
  await account.getByRole('button', { name: '서윤 계정의 아이 저장하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '서윤 계정과 연결한 아이: 서윤' })).toBeVisible();
  const stored = await request.get(`/api/v1/families/${fid}/members/${mid}`, { headers: father.headers });
  expect((await stored.json()).user_id).toBeTruthy();

  await page.getByRole('button', { name: '로그아웃' }).click();
  await page.goto('/login');
  await logIn(page, other.email);
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();
  await expect(page.getByText('서윤이가 처음으로 자전거를 탔다')).toBeVisible();
  await expect(page.getByText('엄마 아빠 둘이서 영화를 봤다')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '가족과 권한' })).toHaveCount(0);
});
