// Talking with the journal: a question in a new conversation gets a reply streamed in, whose
// [1] opens the entry it came from; the conversation is still there after a reload, with its
// messages, and is gone once deleted.
import { expect, test } from '@playwright/test';
import { createFamily, koMonthLabel, shot, signUp, todayYmd, uniqueEmail, writeEntry } from './helpers';

const BIKE = '서윤이가 처음으로 두발자전거를 탔다! 너무 기뻤다.';
const QUESTION = '서윤이가 처음 두발자전거를 탄 게 언제였지?';
/** The [1] marker's name: the cited entry's day (written today). */
const CITE = `[1] ${koMonthLabel(todayYmd())} ${Number(todayYmd().slice(8, 10))}일의 기록`;

test('a parent asks the journal, follows the citation, comes back after a reload and deletes the conversation', async ({ page }, info) => {
  await signUp(page, '아빠', uniqueEmail('chat', info));
  await createFamily(page, '서윤이네');
  await page.getByRole('button', { name: '나중에 할게요' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '타임라인' })).toBeVisible();

  const bike = await writeEntry(page, { body: BIKE, children: [] });
  await expect(page.getByTestId('insight')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });

  // Chat sits beside Search in the main menu.
  await page.getByRole('navigation').getByRole('link', { name: '대화', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '기억과 대화하기' })).toBeVisible();
  await expect(page.getByText('아직 나눈 대화가 없어요.')).toBeVisible();

  // While the reply is being written the page says so and the box waits. (The local AI
  // answers at once, so its pieces may all land in one render; unit tests cover the pieces.)
  await page.evaluate(() => {
    const seen = { writing: false, boxWaited: false };
    Object.assign(window, { dadlySeen: seen });
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="chat-streaming"][aria-busy="true"]')) seen.writing = true;
      if (document.querySelector('#chat-input[aria-disabled="true"][readonly]')) seen.boxWaited = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });

  const box = page.getByRole('textbox', { name: '물어볼 내용' });
  await box.fill(QUESTION);
  const streamed = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
  await box.press('Enter');
  const response = await streamed;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);
  expect(response.request().headers()['accept']).toBe('text/event-stream');
  expect(response.request().headers()['authorization']).toMatch(/^Bearer /);
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const cid = /\/chat\/([0-9a-f-]{36})$/.exec(page.url())![1];

  const messages = page.getByTestId('chat-message');
  await expect(messages.first()).toContainText(QUESTION);
  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]');
  await expect(reply).toContainText('서윤이가 처음으로 두발자전거를 탔다!', { timeout: 20_000 });
  const cite = reply.getByRole('link', { name: CITE });
  await expect(cite).toHaveAttribute('href', `/entries/${bike}`);
  expect(await page.evaluate(() => (window as unknown as { dadlySeen: unknown }).dadlySeen)).toEqual({ writing: true, boxWaited: true });
  await expect(box).toBeEnabled();
  await expect(box).toBeEditable();
  // The new conversation is listed (on a phone, one step back) and titled by the question.
  const item = page.getByTestId('conversation').filter({ hasText: QUESTION });
  if (info.project.name === 'desktop') await expect(item.getByRole('link')).toHaveAttribute('aria-current', 'page');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, info, '23-chat-reply');

  // [1] opens the entry the reply came from.
  await cite.click();
  await expect(page).toHaveURL(new RegExp(`/entries/${bike}$`));
  await expect(page.getByTestId('entry')).toContainText(BIKE);

  // Back in the conversation, a reload shows it again with its messages.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/chat/${cid}$`));
  await expect(messages).toHaveCount(2);
  await page.reload();
  await expect(messages).toHaveCount(2);
  await expect(messages.first()).toContainText(QUESTION);
  await expect(messages.nth(1).getByRole('link', { name: CITE })).toHaveAttribute('href', `/entries/${bike}`);

  // And it is listed; opening it from the list shows the same messages.
  if (info.project.name === 'mobile') await page.getByRole('link', { name: '대화 목록' }).click();
  await expect(item).toBeVisible();
  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/chat/${cid}$`));
  await expect(messages).toHaveCount(2);

  // Delete it, after saying yes. On a phone the list is one step back.
  if (info.project.name === 'mobile') await page.getByRole('link', { name: '대화 목록' }).click();
  await page.getByRole('button', { name: `“${QUESTION}” 대화 지우기` }).click();
  const confirm = page.getByRole('group', { name: /대화를 지울까요\?/ });
  await expect(confirm.getByRole('button', { name: '취소' })).toBeFocused();
  await shot(page, info, '24-chat-delete');
  await confirm.getByRole('button', { name: '지우기' }).click();
  await expect(page.getByTestId('conversation')).toHaveCount(0);
  await expect(page.getByText('아직 나눈 대화가 없어요.')).toBeVisible();
  await expect(page).toHaveURL(/\/chat$/);
  await page.reload();
  await expect(page.getByText('아직 나눈 대화가 없어요.')).toBeVisible();
});
