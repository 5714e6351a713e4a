// State of a form that submits to the API: busy flag, the last failure turned into
// sentences (recomputed on render, so they follow a language switch), and focus on the
// first invalid field after a failed submit. What the user typed is never touched here.
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyField } from '../api/errors';
import type { FieldError } from '../api/types';
import { describeError, fieldSentence, type ErrorContext, type ErrorView } from '../i18n/errors';

export interface ApiForm {
  busy: boolean;
  errors: ErrorView;
  formRef: RefObject<HTMLFormElement | null>;
  /**
   * Runs `action` unless the browser-side checks found something wrong: `invalid` names a
   * field that is empty, or holds a FieldError for anything else.
   */
  handleSubmit(action: () => Promise<void>, invalid?: readonly LocalProblem[]): (event: FormEvent) => void;
  clear(): void;
}

/** A field found empty before sending (its name), or what else is wrong with one. */
export type LocalProblem = string | FieldError;

export function useApiForm(context: ErrorContext, shownFields: readonly string[]): ApiForm {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [localInvalid, setLocalInvalid] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const errors: ErrorView =
    failure !== null
      ? describeError(failure, t, context, shownFields)
      : { message: null, fields: {} };
  for (const problem of localInvalid) errors.fields[problem.field] ??= fieldSentence(problem, context, t);

  useEffect(() => {
    if (attempt === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }, [attempt]);

  const handleSubmit = useCallback(
    (action: () => Promise<void>, invalid: readonly LocalProblem[] = []) =>
      (event: FormEvent) => {
        event.preventDefault();
        setFailure(null);
        setLocalInvalid(invalid.map((p) => (typeof p === 'string' ? emptyField(p) : p)));
        if (invalid.length > 0) {
          setAttempt((n) => n + 1);
          return;
        }
        setBusy(true);
        action()
          .catch((error: unknown) => {
            if (!mounted.current) return;
            setFailure(error);
            setAttempt((n) => n + 1);
          })
          .finally(() => {
            if (mounted.current) setBusy(false);
          });
      },
    [],
  );

  const clear = useCallback(() => {
    setFailure(null);
    setLocalInvalid([]);
  }, []);

  return { busy, errors, formRef, handleSubmit, clear };
}
