// An unsaved draft belongs to the account that wrote it: a sign-out in another tab forgets it,
// an expired session (in this tab or another) keeps it for its writer only, and no other account
// is ever offered it.
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { grant, logIn, seedUser, uniqueEmail } from './helpers';

const SECRET = '아빠의 비밀 초안: 아직 아무에게도 보여 주고 싶지 않은 이야기';

/** A father who owns a family and a mother who is an editor in it. */
async function parents(request: APIRequestContext, info: TestInfo) {
  const father = await seedUser(request, '아빠', uniqueEmail('draft-dad', info));
  const mother = await seedUser(request, '엄마', uniqueEmail('draft-mom', info));
  const family = await request.post('/api/v1/families', { data: { name: '초안이네' }, headers: father.headers });
  expect(family.status()).toBe(201);
  grant((await family.json()).id, mother.email, 'editor');
  return { father, mother };
}

async function openEditor(page: Page) {
  await page.getByRole('link', { name: '기록하기' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '새 기록' })).toBeVisible();
}

/** Types a private draft and waits until it is kept in the tab's sessionStorage. */
async function writeSecretDraft(page: Page) {
  await openEditor(page);
  await page.getByLabel('무슨 일이 있었나요?').fill(SECRET);
  await page.getByText('나만', { exact: true }).click();
  await expect.poll(() => storedDrafts(page)).toContain(SECRET);
}

/** Everything the tab keeps in sessionStorage, as one string. */
const storedDrafts = (page: Page) => page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));

async function expectEmptyEditor(page: Page) {
  await openEditor(page);
  await expect(page.getByLabel('무슨 일이 있었나요?')).toHaveValue('');
  await expect(page.getByRole('radio', { name: /가족 모두/ })).toBeChecked();
  await expect(page.getByText('쓰던 내용을 되살렸어요.')).toHaveCount(0);
  expect(await storedDrafts(page)).not.toContain(SECRET);
}

test('a sign-out in another tab forgets the draft; the next account starts empty', async ({ page, request }, info) => {
  const { father, mother } = await parents(request, info);
  await page.goto('/login');
  await logIn(page, father.email);
  await writeSecretDraft(page);

  // A second tab of the same browser signs out.
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByRole('button', { name: '로그아웃' })).toBeVisible();
  await other.getByRole('button', { name: '로그아웃' }).click();
  await expect(other).toHaveURL(/\/login\?reason=signedOut$/);

  // The first tab follows, and keeps nothing of what was being written.
  await expect(page).toHaveURL(/\/login\?reason=signedOut$/);
  expect(await storedDrafts(page)).not.toContain(SECRET);

  await logIn(page, mother.email);
  await expectEmptyEditor(page);
  await other.close();
});

test('an expired session keeps the draft for its writer, never for another account', async ({ page, browser, request }, info) => {
  const { father, mother } = await parents(request, info);

  // The father's session ends while he writes; he signs in again and finds his draft.
  const ownTab = await browser.newPage();
  await ownTab.goto('/login');
  await logIn(ownTab, father.email);
  await writeSecretDraft(ownTab);
  await endSessionElsewhere(ownTab);
  await logIn(ownTab, father.email);
  await expect(ownTab).toHaveURL(/\/entries\/new$/);
  await expect(ownTab.getByLabel('무슨 일이 있었나요?')).toHaveValue(SECRET);
  await expect(ownTab.getByText('쓰던 내용을 되살렸어요.')).toBeVisible();
  await ownTab.close();

  // Same again, but the mother signs in on that tab: an empty form, and the draft is gone.
  await page.goto('/login');
  await logIn(page, father.email);
  await writeSecretDraft(page);
  await endSessionElsewhere(page);
  await logIn(page, mother.email);
  await expect(page).toHaveURL(/\/entries\/new$/);
  await expect(page.getByLabel('무슨 일이 있었나요?')).toHaveValue('');
  await expect(page.getByText('쓰던 내용을 되살렸어요.')).toHaveCount(0);
  expect(await storedDrafts(page)).not.toContain(SECRET);
  await expectEmptyEditor(page);
});

test('a session that expires in another tab keeps this tab’s draft for its writer', async ({ page, request }, info) => {
  const { father } = await parents(request, info);
  await page.goto('/login');
  await logIn(page, father.email);
  await writeSecretDraft(page);

  // A second tab of the same browser finds the session over: its refresh is refused.
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByRole('button', { name: '로그아웃' })).toBeVisible();
  const token = await other.evaluate(() => localStorage.getItem('dadly.refresh_token'));
  expect((await other.request.post('/api/v1/auth/logout', { data: { refresh_token: token } })).status()).toBe(204);
  await other.reload();
  await expect(other).toHaveURL(/\/login\?reason=expired$/);

  // The first tab follows as an expiry, not a sign-out: the draft stays for the same parent.
  await expect(page).toHaveURL(/\/login\?next=%2Fentries%2Fnew&reason=expired$/);
  expect(await storedDrafts(page)).toContain(SECRET);
  await logIn(page, father.email);
  await expect(page).toHaveURL(/\/entries\/new$/);
  await expect(page.getByLabel('무슨 일이 있었나요?')).toHaveValue(SECRET);
  await expect(page.getByText('쓰던 내용을 되살렸어요.')).toBeVisible();
  await other.close();
});

/** The session is revoked behind the tab's back; its next request finds out. */
async function endSessionElsewhere(page: Page) {
  const token = await page.evaluate(() => localStorage.getItem('dadly.refresh_token'));
  const logout = await page.request.post('/api/v1/auth/logout', { data: { refresh_token: token } });
  expect(logout.status()).toBe(204);
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=%2Fentries%2Fnew&reason=expired$/);
}
