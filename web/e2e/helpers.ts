// Shared steps and data for the end-to-end tests.
import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PASSWORD = 'a long family password';
const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.join(WEB, 'test-results', 'screenshots');

export function uniqueEmail(tag: string, info: TestInfo): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${tag}-${info.project.name}-${Date.now()}-${random}@example.com`;
}

/** A full-page screenshot for reviewers: test-results/screenshots/<project>-<name>.png. */
export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SHOTS, `${info.project.name}-${name}.png`), fullPage: true });
}

// Days as the app and the server see them (the browser runs in UTC, see playwright.config).
function pad(n: number) {
  return String(n).padStart(2, '0');
}

export function today(): { y: number; m: number; d: number } {
  const now = new Date();
  return { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
}

/** The day `n` months before today, on a day of the month every month has. */
export function monthsAgo(n: number): string {
  const t = today();
  const index = t.y * 12 + (t.m - 1) - n;
  const day = Math.min(t.d, 28);
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-${pad(day)}`;
}

export function todayYmd(): string {
  const t = today();
  return `${t.y}-${pad(t.m)}-${pad(t.d)}`;
}

export const monthKey = (ymd: string) => ymd.slice(0, 7);

export function koMonthLabel(ymd: string): string {
  return `${Number(ymd.slice(0, 4))}년 ${Number(ymd.slice(5, 7))}월`;
}

export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('이름', { exact: true }).fill(name);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '가입하기' }).click();
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
}

export async function createFamily(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: '우리 가족 보관함 만들기' })).toBeVisible();
  await page.getByLabel('가족 이름').fill(name);
  await page.getByRole('button', { name: '보관함 만들기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '아이들을 소개해 주세요' })).toBeVisible();
}

export async function addChild(page: Page, name: string, birthdate: string): Promise<void> {
  await page.getByLabel('아이 이름').fill(name);
  await page.getByLabel('생일').fill(birthdate);
  await page.getByRole('button', { name: '아이 추가하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: `추가했어요: ${name}` })).toBeVisible();
}

export interface EntryInput {
  body: string;
  title?: string;
  date?: string;
  children: string[];
  private?: boolean;
}

/** Writes an entry through the editor and waits for its page; returns its id. */
export async function writeEntry(page: Page, entry: EntryInput): Promise<string> {
  await page.getByRole('link', { name: '기록하기' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '새 기록' })).toBeVisible();
  await page.getByLabel('무슨 일이 있었나요?').fill(entry.body);
  if (entry.title) await page.getByLabel('제목').fill(entry.title);
  if (entry.date) await page.getByLabel('언제 있었던 일인가요?').fill(entry.date);
  for (const child of entry.children) {
    await page.getByRole('group', { name: '누구에 대한 기록인가요?' }).getByText(child, { exact: true }).click();
  }
  if (entry.private) await page.getByText('나만', { exact: true }).click();
  await page.getByRole('button', { name: '저장하기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '기록을 저장했어요.' })).toBeVisible();
  const id = /\/entries\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** Seeds an account with a family straight through the API; returns what tests need. */
export async function seedAccount(request: APIRequestContext, email: string, locale = 'ko') {
  const signup = await request.post('/api/v1/auth/signup', {
    data: { email, password: PASSWORD, display_name: '엄마', locale },
  });
  expect(signup.status()).toBe(201);
  const { access_token: token } = await signup.json();
  const headers = { Authorization: `Bearer ${token}` };
  const family = await request.post('/api/v1/families', { data: { name: '하린이네' }, headers });
  expect(family.status()).toBe(201);
  const fid: string = (await family.json()).id;
  return { token, headers, fid };
}

export async function bucketKeys(page: Page): Promise<string[]> {
  return page.getByTestId('bucket').evaluateAll((els) => els.map((el) => el.getAttribute('data-key') ?? ''));
}

/** An account made straight through the API (no family); `headers` carry its access token. */
export async function seedUser(request: APIRequestContext, name: string, email: string) {
  const signup = await request.post('/api/v1/auth/signup', {
    data: { email, password: PASSWORD, display_name: name, locale: 'ko' },
  });
  expect(signup.status()).toBe(201);
  const { access_token: token } = await signup.json();
  return { email, headers: { Authorization: `Bearer ${token}` } };
}

/**
 * Gives `email` a role in family `fid` as an operator does (`dadly grant`), on the data dir of the
 * server the tests run against (see playwright.config.ts).
 */
export function grant(fid: string, email: string, role: 'owner' | 'editor' | 'viewer' | 'child'): void {
  const bin = path.resolve(WEB, process.env.DADLY_BIN ?? '../build/dadly');
  const dataDir = process.env.DADLY_E2E_DATA;
  if (!dataDir) throw new Error('DADLY_E2E_DATA is not set: run the tests through playwright.config.ts');
  execFileSync(bin, ['grant', '--family', fid, '--email', email, '--role', role, '--data-dir', dataDir], {
    env: { ...process.env, DADLY_SQLITE_SYNC: 'normal' },
    stdio: 'pipe',
  });
}
