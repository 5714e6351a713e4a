import { describe, expect, it, vi } from 'vitest';
import { draftKey, forgetDrafts, onDraftsForgotten, readDraft, writeDraft } from './drafts';

describe('drafts', () => {
  it('keys a draft by user, family and entry', () => {
    expect(draftKey('u1', 'f1', 'new')).toBe('dadly.draft.u1.f1.new');
    expect(draftKey('u2', 'f1', 'new')).not.toBe(draftKey('u1', 'f1', 'new'));
    expect(draftKey('u1', 'f1', 'e9')).toBe('dadly.draft.u1.f1.e9');
  });

  it('reads back what was written, with the version it was written on', () => {
    writeDraft(draftKey('u1', 'f1', 'e9'), { base: 4, value: { body: '고친 내용' } });
    expect(readDraft(draftKey('u1', 'f1', 'e9'))).toEqual({ base: 4, value: { body: '고친 내용' } });
    expect(readDraft(draftKey('u2', 'f1', 'e9'))).toBeNull();
  });

  it('ignores what it cannot read, and drafts from before they had an owner', () => {
    sessionStorage.setItem('dadly.draft.u1.f1.new', '{not json');
    expect(readDraft('dadly.draft.u1.f1.new')).toBeNull();
    sessionStorage.setItem('dadly.draft.u1.f1.new', JSON.stringify({ body: '옛 형식' }));
    expect(readDraft('dadly.draft.u1.f1.new')).toBeNull();
  });

  it('forgets every draft, or every draft but one user’s', () => {
    writeDraft(draftKey('u1', 'f1', 'new'), { base: null, value: { body: '아빠' } });
    writeDraft(draftKey('u1', 'f2', 'e1'), { base: 1, value: { body: '아빠 2' } });
    writeDraft(draftKey('u12', 'f1', 'new'), { base: null, value: { body: '이름이 겹치는 다른 사람' } });
    writeDraft(draftKey('u2', 'f1', 'new'), { base: null, value: { body: '엄마' } });
    sessionStorage.setItem('dadly.draft.f1.new', JSON.stringify({ body: '주인 없는 옛 초안' }));
    sessionStorage.setItem('dadly.other', 'stays');

    forgetDrafts('u1');
    expect(Object.keys(sessionStorage).sort()).toEqual(['dadly.draft.u1.f1.new', 'dadly.draft.u1.f2.e1', 'dadly.other']);
    forgetDrafts();
    expect(Object.keys(sessionStorage)).toEqual(['dadly.other']);
  });

  it('tells listeners which keys were dropped, stored or not', () => {
    const heard = vi.fn<(forgotten: (key: string) => boolean) => void>();
    const stop = onDraftsForgotten(heard);
    forgetDrafts('u1');
    const forgotten = heard.mock.calls[0][0];
    expect(forgotten(draftKey('u1', 'f1', 'new'))).toBe(false);
    expect(forgotten(draftKey('u2', 'f1', 'new'))).toBe(true);
    expect(forgotten('dadly.other')).toBe(false);
    stop();
    forgetDrafts();
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
