import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldMessage } from '../../views/form.tsx';
import { type MessageKey, translator } from '../../views/i18n/index.ts';
import { Layout } from '../../views/layout.tsx';
import { sendPage } from '../../views/render.ts';
import { PasswordHashingBusyError } from '../crypto/argon2-queue.ts';
import { isDatabaseUnreachableError } from '../db/database-errors.ts';
import { AppError, type FieldError, serverBusy, validationError } from './errors.ts';
import { pageContext } from './request-context.ts';
import { fieldErrorsFromIssues } from './validation.ts';

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').includes('application/json');
}

/** Maps anything thrown to a safe AppError: 5xx details stay in the log, never in the answer. */
function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof PasswordHashingBusyError) return serverBusy();
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationError(
      fieldErrorsFromIssues(
        error.validation.map((v) => ({
          path: v.instancePath.split('/').filter(Boolean),
          code: v.keyword,
          message: v.message ?? '',
        })),
      ),
    );
  }
  const fastifyError = error as FastifyError;
  // Before the client-abort test: a connection to PostgreSQL reset by its restart is an
  // ECONNRESET too, and the client is still there waiting for its answer.
  if (isDatabaseUnreachableError(error)) {
    request.log.warn({ error: fastifyError.message, code: fastifyError.code }, 'database unreachable');
    return new AppError('DATABASE_UNAVAILABLE', { headers: { 'retry-after': '5' } });
  }
  if (isClientAbort(fastifyError, request)) {
    // The client went away mid-body (or was cut off by a timeout): nothing for us to fix, and
    // nobody to answer. Logged at debug, not as an error a slow-body attack would flood.
    request.log.debug(
      { code: fastifyError.code, message: fastifyError.message },
      'request aborted by the client',
    );
    return new AppError('REQUEST_ABORTED');
  }
  if (fastifyError.statusCode === 413 || fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new AppError('PAYLOAD_TOO_LARGE');
  if (fastifyError.statusCode === 415 || fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (fastifyError.statusCode === 400 && fastifyError.code?.startsWith('FST_ERR_CTP')) {
    return validationError([{ field: 'body', code: 'invalid' }]);
  }
  request.log.error({ err: error }, 'unhandled error');
  return new AppError('INTERNAL');
}

/** The body stream ended early: the client closed the connection, or a server timeout did. */
function isClientAbort(error: FastifyError, request: FastifyRequest): boolean {
  return (
    error.code === 'ECONNRESET' ||
    error.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    error.message === 'aborted' ||
    // The connection itself, not the request stream: that one is destroyed as soon as its body
    // has been read, while the client still waits for the answer.
    request.raw.socket?.destroyed === true
  );
}

/** RFC 9457 problem document for the API; a French/English page otherwise. */
export function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply) {
  // An error raised before the request context hook ran still gets a French answer.
  if (!request.t) request.t = translator('fr');
  const t = request.t;
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  const title = t(`problem.${error.type}` as MessageKey, error.options.params);
  const errors = (error.options.errors ?? []).map((e: FieldError) => ({
    field: e.field,
    code: e.code,
    message: fieldMessage(t, e),
  }));
  if (isApiRequest(request)) {
    return reply
      .code(error.status)
      .type('application/problem+json')
      .send({
        type: `/problems/${error.type}`,
        title,
        status: error.status,
        code: error.type,
        ...(errors.length ? { errors } : {}),
        ...error.options.extensions,
      });
  }
  if (error.code === 'UNAUTHENTICATED' && request.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const ctx = pageContext(request);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('error.title')}>
      <section class="panel">
        <h1>{t('error.title')}</h1>
        <p>{title}</p>
        {errors.length ? (
          <ul>
            {errors.map((e) => (
              <li key={e.field}>{e.message}</li>
            ))}
          </ul>
        ) : null}
        <p>
          <a href="/">{t('error.back')}</a>
        </p>
      </section>
    </Layout>,
    error.status,
  );
}

export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => sendError(toAppError(error, request), request, reply));
  app.setNotFoundHandler((request, reply) => sendError(new AppError('NOT_FOUND'), request, reply));
}
