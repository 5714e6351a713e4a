// State of a form that submits to the API: busy flag, the last failure turned into
// sentences (recomputed on render, so they follow a language switch), and focus on the
// first invalid field after a failed submit. A field's error goes as soon as its value
// changes; the form's own message stays until the next submit. What the user typed is never
// touched here.
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyField } from '../api/errors';
import type { FieldError } from '../api/types';
import { describeError, fieldSentence, type ErrorContext, type ErrorView } from '../i18n/errors';

/**
 * The fields a form shows: each input's `name` → the API's name for the value it sends, the
 * name problem+json's `errors[].field` (and a LocalProblem) uses. Errors are keyed by the
 * input's name, so an input reads its own error and loses it when its value changes.
 */
export type FormFields = Readonly<Record<string, string>>;

/** The fields of a form whose inputs are named as the API names their values. */
export function sameNames(names: readonly string[]): FormFields {
  return Object.fromEntries(names.map((name) => [name, name]));
}

export interface ApiForm {
  busy: boolean;
  /** `fields` is keyed by the inputs' names (FormFields). */
  errors: ErrorView;
  formRef: RefObject<HTMLFormElement | null>;
  /** The form's `onChange`: every input's change bubbles to it, named by the input's `name`. */
  onChange(event: FormEvent<HTMLFormElement>): void;
  /**
   * Runs `action` unless the browser-side checks found something wrong: `invalid` names a
   * field that is empty, or holds a FieldError for anything else.
   */
  handleSubmit(action: () => Promise<void>, invalid?: readonly LocalProblem[]): (event: FormEvent) => void;
  /** Shows a failure met outside `handleSubmit` (a search sent through the address) as a submit's. */
  report(error: unknown): void;
  clear(): void;
}

/** A field found empty before sending (its API name), or what else is wrong with one. */
export type LocalProblem = string | FieldError;

const NONE: ReadonlySet<string> = new Set();

export function useApiForm(context: ErrorContext, fields: FormFields): ApiForm {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [localInvalid, setLocalInvalid] = useState<FieldError[]>([]);
  // Inputs changed since the last submit: their errors speak of a value no longer there.
  const [edited, setEdited] = useState<ReadonlySet<string>>(NONE);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const found: ErrorView =
    failure !== null
      ? describeError(failure, t, context, Object.values(fields))
      : { message: null, fields: {} };
  for (const problem of localInvalid) found.fields[problem.field] ??= fieldSentence(problem, context, t);
  const errors: ErrorView = { message: found.message, fields: {} };
  for (const [input, field] of Object.entries(fields)) {
    const sentence = found.fields[field];
    if (sentence !== undefined && !edited.has(input)) errors.fields[input] = sentence;
  }

  useEffect(() => {
    if (attempt === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }, [attempt]);

  // React's own change event, so that this update is batched with the input's: a state update
  // from a native listener would re-render the form before the input's onChange has run, and a
  // controlled input would be put back to its old value.
  const onChange = useCallback((event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as Partial<HTMLInputElement>).name;
    if (name) setEdited((current) => (current.has(name) ? current : new Set(current).add(name)));
  }, []);

  const handleSubmit = useCallback(
    (action: () => Promise<void>, invalid: readonly LocalProblem[] = []) =>
      (event: FormEvent) => {
        event.preventDefault();
        setFailure(null);
        setEdited(NONE);
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

  const report = useCallback((error: unknown) => {
    setFailure(error);
    setAttempt((n) => n + 1);
  }, []);

  const clear = useCallback(() => {
    setFailure(null);
    setLocalInvalid([]);
    setEdited(NONE);
  }, []);

  return { busy, errors, formRef, onChange, handleSubmit, report, clear };
}
