import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../views/i18n/index.ts';
import { AppError, type FieldError } from './errors.ts';

/** What a form shows again after its service refused: errors by field, or the problem in words. */
export type FormRefusal = { errors: FieldError[]; status: number; message: string | undefined };

// Kept for their own answers: the sign-in page, the CSRF page, the 404 page.
const notForForms = new Set(['UNAUTHENTICATED', 'CSRF_FAILED', 'NOT_FOUND']);

/**
 * The one mapping of a refused form action to what the form shows: an expected refusal (an AppError
 * below 500, e.g. field errors, a throttle) sets its headers (Retry-After) on the reply and becomes
 * a FormRefusal — field errors when it has them, else its problem message; anything else (a bug, a
 * 5xx, sign-in and CSRF failures, « not found ») is thrown on to the error handler.
 * @example catch (error) { return render(formRefusal(request, reply, error)); }
 */
export function formRefusal(request: FastifyRequest, reply: FastifyReply, error: unknown): FormRefusal {
  if (!(error instanceof AppError) || error.status >= 500 || notForForms.has(error.code)) throw error;
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  const errors = error.options.errors ?? [];
  return {
    errors,
    status: error.status,
    message: errors.length
      ? undefined
      : request.t(`problem.${error.type}` as MessageKey, error.options.params),
  };
}

/**
 * Runs a back-office action posted from a form and comes back to `path` (303) with what happened
 * (`?done=`), or with the problem (`?problem=`) for the page to say in words; refusals that are not
 * for forms keep their own answers (see formRefusal).
 */
export async function redirectAfterAction(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  action: () => Promise<string>,
) {
  try {
    return reply.redirect(`${path}?done=${await action()}`, 303);
  } catch (error) {
    if (!(error instanceof AppError) || notForForms.has(error.code)) throw error;
    request.log.info({ problem: error.type }, 'back-office action refused');
    return reply.redirect(`${path}?problem=${error.type}`, 303);
  }
}
