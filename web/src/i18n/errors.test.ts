import { describe, expect, it } from 'vitest';
import { ApiError, fieldProblem } from '../api/errors';
import { describeError } from './errors';
import { i18n } from './index';

const t = i18n.getFixedT('ko');
const tEn = i18n.getFixedT('en');

describe('describeError', () => {
  it('puts validation errors next to the fields the form shows, the rest on the form', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      fieldErrors: [
        { field: 'password', message: 'must be at least 8 characters' },
        { field: 'locale', message: 'must be ko or en' },
      ],
    });
    const view = describeError(error, t, 'signup', ['email', 'password']);
    expect(view.fields).toEqual({ password: '비밀번호를 8자 이상으로 정해 주세요.' });
    expect(view.message).toBe('입력한 값을 확인해 주세요: locale');
  });

  // Every message shape of service/validate.cc and http/json_body.cc, for the fields the forms show.
  const refused = (field: string, message: string) =>
    new ApiError({ status: 400, code: 'validation_failed', fieldErrors: [{ field, message }] });
  const said = (field: string, message: string, context: Parameters<typeof describeError>[2], lang = t) =>
    describeError(refused(field, message), lang, context, [field]).fields[field];

  it.each([
    ['display_name', 'must not be empty', 'signup', '이름을 적어 주세요.', 'Please enter your name.'],
    ['display_name', 'must be at most 100 characters', 'signup', '이름을 100자 이내로 줄여 주세요.', 'Please shorten your name to 100 characters or fewer.'],
    ['name', 'must not be empty', 'child', '아이 이름을 적어 주세요.', "Please enter the child's name."],
    ['name', 'is required', 'child', '아이 이름을 적어 주세요.', "Please enter the child's name."],
    ['name', 'must be at most 100 characters', 'child', '아이 이름을 100자 이내로 줄여 주세요.', "Please shorten the child's name to 100 characters or fewer."],
    ['name', 'must not be empty', 'family', '가족 이름을 적어 주세요.', 'Please enter a family name.'],
    ['name', 'must be at most 100 characters', 'family', '가족 이름을 100자 이내로 줄여 주세요.', 'Please shorten the family name to 100 characters or fewer.'],
    ['relation', 'must not be empty', 'child', '관계를 적어 주세요.', 'Please enter the relation.'],
    ['relation', 'must be at most 50 characters', 'child', '관계를 50자 이내로 줄여 주세요.', 'Please shorten the relation to 50 characters or fewer.'],
    ['body', 'must not be empty', 'write', '내용을 적어 주세요.', 'Please write something.'],
    ['body', 'is required', 'write', '내용을 적어 주세요.', 'Please write something.'],
    ['body', 'must be at most 100000 characters', 'edit', '내용을 100,000자 이내로 줄여 주세요.', 'Please shorten the entry to 100,000 characters or fewer.'],
    ['title', 'must be at most 200 characters', 'write', '제목을 200자 이내로 줄여 주세요.', 'Please shorten the title to 200 characters or fewer.'],
    ['query', 'must not be empty', 'search', '찾을 내용을 적어 주세요.', 'Please type your question.'],
    ['query', 'must be at most 500 characters', 'search', '찾을 내용을 500자 이내로 줄여 주세요.', 'Please shorten your question to 500 characters or fewer.'],
    ['content', 'must not be empty', 'chat', '메시지를 적어 주세요.', 'Please write a message.'],
    ['content', 'must be at most 2000 characters', 'chat', '메시지를 2,000자 이내로 줄여 주세요.', 'Please shorten your message to 2,000 characters or fewer.'],
    ['password', 'must be at least 8 characters', 'signup', '비밀번호를 8자 이상으로 정해 주세요.', 'Please choose a password of at least 8 characters.'],
    ['password', 'must be at most 128 characters', 'signup', '비밀번호를 128자 이내로 줄여 주세요.', 'Please shorten the password to 128 characters or fewer.'],
    ['email', 'must be an email address', 'signup', '이메일 주소를 올바르게 적어 주세요. (예: dad@example.com)', 'Please enter a valid email address (e.g. dad@example.com).'],
    ['birthdate', 'must be a date written YYYY-MM-DD', 'child', '생일은 1900년 1월 1일부터 오늘까지의 날짜로 골라 주세요.', 'Choose a birthday between January 1, 1900 and today.'],
    ['birthdate', 'must be between 1900-01-01 and 2026-05-01', 'child', '생일은 1900년 1월 1일부터 오늘까지의 날짜로 골라 주세요.', 'Choose a birthday between January 1, 1900 and today.'],
    ['occurred_at', 'must be a date written YYYY-MM-DD', 'write', '날짜는 1900년 1월 1일부터 내일까지 고를 수 있어요.', 'Choose a day between January 1, 1900 and tomorrow.'],
    ['from', 'must be a date written YYYY-MM-DD', 'search', '시작 날짜를 다시 골라 주세요.', 'Please choose the start date again.'],
    ['member_ids', 'must name members of this family', 'write', '아이를 다시 골라 주세요.', 'Please choose the children again.'],
    ['visibility', 'must be family or private', 'write', '누가 볼 수 있는지 골라 주세요.', 'Please choose who can see it.'],
  ] as const)('says what is wrong with %s when it %s (%s)', (field, message, context, korean, english) => {
    expect(said(field, message, context)).toBe(korean);
    expect(said(field, message, context, tEn)).toBe(english);
  });

  it('reads the kind of problem out of the server message', () => {
    expect(fieldProblem('must not be empty')).toEqual({ kind: 'empty' });
    expect(fieldProblem('is required')).toEqual({ kind: 'empty' });
    expect(fieldProblem('must be at least 8 characters')).toEqual({ kind: 'tooShort', min: 8 });
    expect(fieldProblem('must be at most 100000 characters')).toEqual({ kind: 'tooLong', max: 100000 });
    expect(fieldProblem('must have at most 20 items')).toEqual({ kind: 'other' });
    expect(fieldProblem('must be a string')).toEqual({ kind: 'other' });
  });

  it('never shows the server English text when a translation exists', () => {
    const error = new ApiError({ status: 403, code: 'forbidden', detail: 'role viewer may not write' });
    expect(describeError(error, t, 'child').message).toBe(
      '아이를 추가하거나 바꾸는 일은 가족 보관함의 관리자만 할 수 있어요. 관리자에게 부탁해 주세요.',
    );
    expect(describeError(error, tEn, 'write').message).toBe(
      'In this family archive you can read entries but not write them.',
    );
  });

  it('says which field is wrong for a family name', () => {
    const error = new ApiError({ status: 400, code: 'validation_failed', fieldErrors: [{ field: 'name', message: 'x' }] });
    expect(describeError(error, t, 'family', ['name']).fields.name).toBe('가족 이름을 100자 이내로 적어 주세요.');
  });

  it('maps the other codes to sentences', () => {
    const of = (code: ApiError['code'], extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
      new ApiError({ status: 0, code, ...extra });
    expect(describeError(of('unauthenticated'), t, 'login').message).toBe('이메일 또는 비밀번호가 맞지 않아요.');
    expect(describeError(of('conflict'), t, 'signup', ['email']).fields.email).toBe('이미 가입된 이메일이에요. 로그인해 보세요.');
    expect(describeError(of('rate_limited', { retryAfter: 30 }), t).message).toBe('시도가 너무 많았어요. 30초 뒤에 다시 해 주세요.');
    expect(describeError(of('rate_limited', { retryAfter: 897 }), t).message).toBe('시도가 너무 많았어요. 15분 뒤에 다시 해 주세요.');
    expect(describeError(of('rate_limited', { retryAfter: 897 }), tEn).message).toBe('Too many attempts. Please try again in 15 minutes.');
    expect(describeError(of('precondition_failed'), t).message).toContain('그사이 이 기록이');
    expect(describeError(of('network'), t).message).toContain('서버에 연결할 수 없어요');
    expect(describeError(new Error('boom'), t).message).toBe('문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
  });

  it('falls back to the server detail only for an unknown code', () => {
    const view = describeError(new ApiError({ status: 418, code: 'unknown', detail: 'teapot' }), t);
    expect(view.message).toBe('문제가 생겼어요. 잠시 후 다시 시도해 주세요. 자세한 내용: teapot');
  });
});
