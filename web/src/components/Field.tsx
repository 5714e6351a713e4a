// A labelled form control with its hint, a warning (worth a look, never blocking) and its
// error right below it, wired for screen readers (aria-describedby, aria-invalid).
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  optional?: string;
  warning?: string | null;
  error?: string;
  children: (control: ControlProps) => ReactNode;
}

export function describedBy(id: string, hint: unknown, error: unknown, warning?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, warning ? `${id}-warning` : null, error ? `${id}-error` : null];
  const shown = ids.filter(Boolean);
  return shown.length ? shown.join(' ') : undefined;
}

export function Field({ id, label, hint, optional, warning, error, children }: FieldProps) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional && <span className="field__optional"> ({optional})</span>}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(id, hint, error, warning),
      })}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {warning && (
        <p className="field__warning" id={`${id}-warning`} data-testid="field-warning">
          {warning}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** A Field holding one input, the common case of every form; `onChange` gets the new text. */
export function TextField({
  id,
  label,
  hint,
  optional,
  warning,
  error,
  value,
  onChange,
  className = 'input',
  ...input
}: Omit<FieldProps, 'children'> &
  InputProps & { value: string; onChange: (value: string) => void }) {
  return (
    <Field id={id} label={label} hint={hint} optional={optional} warning={warning} error={error}>
      {(control) => (
        <input
          {...control}
          {...input}
          className={className}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      <span aria-hidden="true" className="field__error-mark">!</span> {error}
    </p>
  );
}

/** A group of checkboxes or radios under one legend, with one error for the group. */
export function FieldGroup({
  id,
  legend,
  hint,
  error,
  children,
  className = '',
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset
      className={`field field--group ${error ? 'field--invalid' : ''} ${className}`.trim()}
      aria-describedby={describedBy(id, hint, error)}
      id={id}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** The form's own error (role=alert is announced when it appears). */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="alert alert--error" role="alert">
      {message}
    </p>
  );
}
