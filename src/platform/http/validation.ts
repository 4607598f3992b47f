import type { z } from 'zod';
import { isMessageKey } from '../../views/i18n/index.ts';
import { type FieldError, validationError } from './errors.ts';

type IssueLike = { path: readonly PropertyKey[]; code: string; message: string };

/**
 * Turns schema issues into field errors. Schemas name their own codes as messages
 * (`z.string().min(1, 'required')`); anything else falls back on the issue's kind.
 */
export function fieldErrorsFromIssues(issues: readonly IssueLike[]): FieldError[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', code: codeFor(issue) }));
}

function codeFor(issue: IssueLike): string {
  if (isMessageKey(`fieldError.${issue.message}`)) return issue.message;
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return 'required';
  return 'invalid';
}

/** Parses a form or body with a schema, or throws a 422 listing every field error at once. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldErrorsFromIssues(result.error.issues));
  return result.data;
}
