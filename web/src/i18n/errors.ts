// From an API failure to sentences in the user's language: one for the form, one per field.
// The server's English `detail` is shown only when nothing here knows the code.
import type { TFunction } from 'i18next';
import { fieldProblem, isApiError } from '../api/errors';
import type { FieldError } from '../api/types';
import { formatWait } from './format';
import { ko } from './ko';

/** What the user was doing; it picks the kinder sentence for 401, 403, 404 and 409. */
export type ErrorContext =
  | 'login' | 'signup' | 'family' | 'child' | 'access' | 'write' | 'edit' | 'read' | 'search' | 'chat';

export interface ErrorView {
  /** For the form as a whole (or the page); null when every problem sits next to a field. */
  message: string | null;
  /** Field name → sentence, only for fields the form shows. */
  fields: Record<string, string>;
}

const FIELD_KEYS = [
  'email', 'password', 'display_name', 'name', 'birthdate', 'relation', 'body', 'title',
  'occurred_at', 'member_ids', 'visibility', 'query', 'from', 'to', 'content', 'role', 'user_id',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);

/**
 * The sentence for one refused field: that it is empty, too short or too long when the
 * server says so and the field has such a sentence, else the field's own sentence (its rule).
 */
export function fieldSentence({ field, message }: FieldError, context: ErrorContext | undefined, t: TFunction): string {
  const key = field === 'name' && context === 'family' ? 'familyName' : field;
  const problem = fieldProblem(message);
  if (problem.kind === 'empty' && has(ko.fieldEmpty, key)) return t(`fieldEmpty.${key}`);
  if (problem.kind === 'tooShort' && has(ko.fieldTooShort, key)) return t(`fieldTooShort.${key}`, { min: problem.min });
  if (problem.kind === 'tooLong' && has(ko.fieldTooLong, key)) return t(`fieldTooLong.${key}`, { max: problem.max });
  if (key === 'familyName') return t('fields.familyName');
  if ((FIELD_KEYS as readonly string[]).includes(field)) return t(`fields.${field as FieldKey}`);
  return t('fields.unknown', { field });
}

export function describeError(
  error: unknown,
  t: TFunction,
  context?: ErrorContext,
  shownFields: readonly string[] = [],
): ErrorView {
  if (!isApiError(error)) return { message: t('errors.generic'), fields: {} };
  const view: ErrorView = { message: null, fields: {} };
  switch (error.code) {
    case 'validation_failed': {
      const leftovers: string[] = [];
      for (const problem of error.fieldErrors) {
        const { field } = problem;
        const sentence = fieldSentence(problem, context, t);
        if (shownFields.includes(field)) view.fields[field] ??= sentence;
        else if (field !== '') leftovers.push(sentence);
      }
      if (leftovers.length > 0) view.message = leftovers.join(' ');
      else if (Object.keys(view.fields).length === 0) view.message = t('errors.invalid');
      return view;
    }
    case 'unauthenticated':
      view.message = context === 'login' ? t('errors.badCredentials') : t('errors.sessionExpired');
      return view;
    case 'conflict':
      if (context === 'signup' && shownFields.includes('email')) {
        view.fields.email = t('errors.emailTaken');
      } else {
        view.message =
          context === 'signup' ? t('errors.emailTaken')
          : context === 'child' ? t('child.changedMeanwhile')
          : context === 'access' ? t('access.lastOwner')
          : t('errors.conflict');
      }
      return view;
    case 'precondition_failed':
      view.message =
        context === 'child' ? t('child.changedMeanwhile')
        : context === 'access' ? t('access.linkStale')
        : t('errors.stale');
      return view;
    case 'forbidden':
      view.message =
        context === 'child' ? t('child.ownerOnly')
        : context === 'write' ? t('errors.forbiddenWrite')
        : context === 'edit' ? t('errors.forbiddenEdit')
        : t('errors.forbidden');
      return view;
    case 'not_found':
      view.message =
        context === 'read' || context === 'edit' ? t('entry.notFound')
        : context === 'chat' ? t('chat.notFound')
        : context === 'child' ? t('child.notFound')
        : context === 'access' ? t('access.notFound')
        : t('errors.notFound');
      return view;
    case 'email_not_confirmed':
      view.message = t('errors.emailNotConfirmed');
      return view;
    case 'payload_too_large':
      view.message = t('errors.tooLarge');
      return view;
    case 'rate_limited':
      view.message =
        error.retryAfter !== null
          ? t('errors.rateLimited', { wait: formatWait(error.retryAfter, t) })
          : t('errors.rateLimitedSoon');
      return view;
    case 'network':
      view.message = t('errors.network');
      return view;
    case 'unavailable':
      view.message = t('errors.unavailable');
      return view;
    default:
      view.message = error.detail
        ? `${t('errors.generic')} ${t('errors.detail', { detail: error.detail })}`
        : t('errors.generic');
      return view;
  }
}
