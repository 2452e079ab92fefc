import type { ZodError } from 'zod';

export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'unavailable';

/** Field path (dotted, e.g. `number` or `rows.3.email`) -> messages. */
export type FieldErrors = Record<string, string[]>;

/**
 * An expected failure. Every door maps it in one place: actions return it as a result, route
 * handlers as application/problem+json, the AGI server as a safe answer, the CLI as an exit code.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const conflict = (message: string, fieldErrors?: FieldErrors) => new AppError('conflict', message, fieldErrors);

export function validationError(fieldErrors: FieldErrors, message?: string): AppError {
  const fields = Object.keys(fieldErrors);
  return new AppError(
    'validation',
    message ?? (fields.length === 1 ? `${fields[0]}: ${fieldErrors[fields[0]][0]}` : `${fields.length} fields are invalid`),
    fieldErrors,
  );
}

export function fieldErrorsFromZod(err: ZodError, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of err.issues) {
    const key = prefix + (issue.path.length ? issue.path.join('.') : '_');
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function fromZod(err: ZodError): AppError {
  return validationError(fieldErrorsFromZod(err));
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
