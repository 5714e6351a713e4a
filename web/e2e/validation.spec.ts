// Errors from the API are sentences in the user's language, next to what caused them, and a
// failed request never empties the form.
import { expect, test } from '@playwright/test';
import { PASSWORD, addChild, createFamily, shot, signUp, uniqueEmail } from './helpers';

test('a refused password is explained next to the password field', async ({ page }, info) => {
  const email = uniqueEmail('valid', info);
  await page.goto('/signup');
  await page.getByLabel('이름', { exact: true }).fill('아빠');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill('short');
  await page.getByRole('button', { name: '가입하기' }).click();

  const password = page.getByLabel('비밀번호');
  const error = page.locator('#signup-password-error');
  await expect(error).toHaveText(/비밀번호를 8자 이상으로 정해 주세요\./);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAttribute('aria-describedby', /signup-password-error/);
  await expect(password).toBeFocused();
  await expect(page.getByLabel('이메일')).toHaveValue(email);
  await expect(page.getByLabel('이름', { exact: true })).toHaveValue('아빠');
  await expect(page.getByText(/validation_failed|must be at least/)).toHaveCount(0);
  // The error sits right under its field.
  const fieldBox = (await password.boundingBox())!;
  const errorBox = (await error.boundingBox())!;
  expect(errorBox.y).toBeGreaterThan(fieldBox.y);
  expect(errorBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(60);
  await shot(page, info, '12-signup-validation');

  // Changing the password takes its error away before the form is sent again.
  await password.fill(PASSWORD);
  await expect(error).toHaveCount(0);
  await expect(password).not.toHaveAttribute('aria-invalid');
  await page.getByRole('button', { name: '가입하기' }).click();

  // The server calls the family's name `name`; its input is `family_name`.
  const familyName = page.getByLabel('가족 이름');
  await familyName.fill('가'.repeat(101));
  await page.getByRole('button', { name: '보관함 만들기' }).click();
  await expect(page.locator('#family-name-error')).toHaveText(/가족 이름을 100자 이내로 줄여 주세요\./);
  await expect(familyName).toBeFocused();
  await familyName.fill('검');
  await expect(page.locator('#family-name-error')).toHaveCount(0);
  await createFamily(page, '검증이네');

  // A birthday in the future is refused by the server, next to the birthday field.
  await page.getByLabel('아이 이름').fill('미래');
  await page.getByLabel('생일').fill('2999-01-01');
  await page.getByRole('button', { name: '아이 추가하기' }).click();
  await expect(page.locator('#child-birthdate-error')).toHaveText(/생일은 1900년 1월 1일부터 오늘까지의 날짜로 골라 주세요\./);
  await expect(page.getByLabel('아이 이름')).toHaveValue('미래');
  await page.getByLabel('생일').fill('2025-01-05');
  await expect(page.locator('#child-birthdate-error')).toHaveCount(0);
  await addChild(page, '서윤', '2025-01-05');
});

test('a wrong password and a taken email are said kindly', async ({ page }, info) => {
  const email = uniqueEmail('taken', info);
  await signUp(page, '엄마', email);
  await createFamily(page, '하린이네');
  await page.getByRole('button', { name: '나중에 할게요' }).click();
  await page.getByRole('button', { name: '로그아웃' }).click();

  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill('not the password');
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('이메일 또는 비밀번호가 맞지 않아요.');
  await expect(page.getByLabel('이메일')).toHaveValue(email);

  await page.getByRole('link', { name: '새로 가입하기' }).click();
  await page.getByLabel('이름', { exact: true }).fill('엄마');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '가입하기' }).click();
  await expect(page.locator('#signup-email-error')).toHaveText(/이미 가입된 이메일이에요/);
});

test('an entry the server refuses keeps everything typed', async ({ page }, info) => {
  await signUp(page, '아빠', uniqueEmail('entry', info));
  await createFamily(page, '기록이네');
  await page.getByRole('button', { name: '나중에 할게요' }).click();
  await page.getByRole('link', { name: '기록하기' }).first().click();
  await page.getByLabel('무슨 일이 있었나요?').fill('아주 먼 미래의 이야기');
  await page.getByLabel('제목').fill('미래');
  await page.getByLabel('언제 있었던 일인가요?').fill('2999-12-31');
  await page.getByRole('button', { name: '저장하기' }).click();
  await expect(page.locator('#entry-date-error')).toHaveText(/1900년 1월 1일부터 내일까지/);
  await expect(page.getByLabel('무슨 일이 있었나요?')).toHaveValue('아주 먼 미래의 이야기');
  await expect(page.getByLabel('제목')).toHaveValue('미래');
  await shot(page, info, '13-entry-validation');

  // An empty body is caught before asking the server, with the same sentence style.
  await page.getByLabel('무슨 일이 있었나요?').fill('   ');
  await page.getByRole('button', { name: '저장하기' }).click();
  await expect(page.locator('#entry-body-error')).toHaveText(/내용을 적어 주세요\.$/);
});
