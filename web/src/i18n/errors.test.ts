import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
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
    expect(view.fields).toEqual({ password: '비밀번호는 8자 이상 128자 이하로 정해 주세요.' });
    expect(view.message).toBe('입력한 값을 확인해 주세요: locale');
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
    expect(describeError(of('precondition_failed'), t).message).toContain('그사이 이 기록이');
    expect(describeError(of('network'), t).message).toContain('서버에 연결할 수 없어요');
    expect(describeError(new Error('boom'), t).message).toBe('문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
  });

  it('falls back to the server detail only for an unknown code', () => {
    const view = describeError(new ApiError({ status: 418, code: 'unknown', detail: 'teapot' }), t);
    expect(view.message).toBe('문제가 생겼어요. 잠시 후 다시 시도해 주세요. 자세한 내용: teapot');
  });
});
