// ApiError: every failure of an API call, as a value the UI can translate. The server's
// problem+json `code` and field errors are kept; its English `detail` is only a fallback.
import type { FieldError, ProblemCode } from './types';

/** Dadly's problem codes, plus failures met before or outside the API (Supabase Auth's). */
export type ErrorCode = ProblemCode | 'network' | 'email_not_confirmed' | 'unknown';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fieldErrors: FieldError[];
  readonly retryAfter: number | null;
  readonly detail: string;

  constructor(init: {
    status: number;
    code: ErrorCode;
    detail?: string;
    fieldErrors?: FieldError[];
    retryAfter?: number | null;
  }) {
    super(`${init.status} ${init.code}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? '';
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  static network(cause: unknown): ApiError {
    const err = new ApiError({ status: 0, code: 'network', detail: String(cause) });
    return err;
  }

  static async fromResponse(res: Response): Promise<ApiError> {
    const retry = res.headers.get('Retry-After');
    const retryAfter = retry !== null && /^\d+$/.test(retry) ? Number(retry) : null;
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    return ApiError.build(body, res.status, res.statusText, retryAfter);
  }

  /** A problem+json body read from an `error` event of a stream; `fallbackStatus` when it names none. */
  static fromProblem(body: unknown, fallbackStatus: number): ApiError {
    const status = isRecord(body) && typeof body.status === 'number' ? body.status : fallbackStatus;
    return ApiError.build(body, status, '', null);
  }

  private static build(body: unknown, status: number, fallbackDetail: string, retryAfter: number | null): ApiError {
    const problem = isRecord(body) ? body : {};
    const code = typeof problem.code === 'string' ? (problem.code as ProblemCode) : codeForStatus(status);
    const fieldErrors = Array.isArray(problem.errors)
      ? problem.errors.filter(isFieldError)
      : [];
    const detail = typeof problem.detail === 'string' ? problem.detail : fallbackDetail;
    return new ApiError({ status, code, detail, fieldErrors, retryAfter });
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * What is wrong with a field, read from the server's message (service/validate.cc writes
 * "must not be empty", "must be at least 8 characters", "must be at most 100 characters").
 * Any other message (a bad date, a wrong choice) is `other`: the field's own sentence says it.
 */
export type FieldProblem =
  | { kind: 'empty' }
  | { kind: 'tooShort'; min: number }
  | { kind: 'tooLong'; max: number }
  | { kind: 'other' };

export function fieldProblem(message: string): FieldProblem {
  if (message === 'must not be empty' || message === 'is required') return { kind: 'empty' };
  const short = /^must be at least (\d+) characters$/.exec(message);
  if (short) return { kind: 'tooShort', min: Number(short[1]) };
  const long = /^must be at most (\d+) characters$/.exec(message);
  if (long) return { kind: 'tooLong', max: Number(long[1]) };
  return { kind: 'other' };
}

/** A field the browser found empty, said as the server says it, so it reads the same. */
export function emptyField(field: string): FieldError {
  return { field, message: 'must not be empty' };
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'validation_failed';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 405: return 'method_not_allowed';
    case 409: return 'conflict';
    case 412: return 'precondition_failed';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 502:
    case 503:
    case 504: return 'unavailable';
    default: return 'unknown';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}
