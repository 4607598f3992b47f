import Tokens from 'csrf';
import { safeParse } from 'fast-content-type-parse';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { cookieName, cookieOptions } from './cookies.ts';
import { AppError } from './errors.ts';

const tokens = new Tokens();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The secret of the signed-in session, set by the session plugins; null when anonymous. */
    csrfSessionSecret: string | null;
    /** A CSRF token for this request's forms and for `GET /api/v1/csrf`. */
    csrfToken(): string;
    /**
     * True on a multipart form post that carried no `x-csrf-token` header: its `_csrf` field is
     * inside the stream, so the route's multipart reader must call `assertCsrfToken` with it
     * before it reads any file (see platform/http/multipart-upload.ts).
     */
    csrfPending: boolean;
    /** Throws CSRF_FAILED unless `token` is valid for this request's secret; clears `csrfPending`. */
    assertCsrfToken(token: unknown): void;
  }
  interface FastifyContextConfig {
    /** The route reads multipart bodies with `readMultipartUpload`, which checks the deferred CSRF token. */
    multipartCsrf?: boolean;
    /**
     * false: a protocol endpoint that authenticates its callers its own way (the OpenID Provider's
     * token, revocation… endpoints; its logout form has its own anti-forgery token).
     */
    csrf?: boolean;
  }
}

/**
 * Synchronizer tokens: the secret lives in the server-side session row when signed in, and in an
 * HttpOnly cookie before sign-in (so the sign-in form itself is protected against login CSRF).
 * Checked on every state-changing request, signed in or not (so sign-in, forgot-password and recovery
 * forms are protected too), except an anonymous JSON one (it cannot be sent cross-site) and one
 * authenticated by an `Authorization: Bearer` token (not exposed to CSRF).
 */
async function csrfPlugin(app: FastifyInstance, { config }: { config: Config }) {
  const anonymousCookie = cookieName(config, 'csrf');
  app.decorateRequest('csrfSessionSecret', null);
  app.decorateRequest('csrfPending', false);
  app.decorateRequest('assertCsrfToken', function (this: FastifyRequest, token: unknown) {
    const secret = this.csrfSessionSecret ?? this.cookies[anonymousCookie];
    if (!secret || typeof token !== 'string' || !tokens.verify(secret, token))
      throw new AppError('CSRF_FAILED');
    this.csrfPending = false;
  });
  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    return tokens.create(
      this.csrfSessionSecret ?? this.cookies[anonymousCookie] ?? createAnonymousSecret(this),
    );
  });

  function createAnonymousSecret(request: FastifyRequest): string {
    const secret = tokens.secretSync();
    // Remembered for the rest of this request, and set on the reply that carries the form.
    request.cookies[anonymousCookie] = secret;
    pendingCookies.set(request, secret);
    return secret;
  }

  const pendingCookies = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (request, reply) => {
    const secret = pendingCookies.get(request);
    if (secret) reply.setCookie(anonymousCookie, secret, cookieOptions(config));
  });

  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.routeOptions.config.csrf === false) return;
    if (/^bearer\s/i.test(request.headers.authorization ?? '')) return;
    const mediaType = mediaTypeOf(request.headers['content-type']);
    // A JSON body cannot be sent cross-site without a CORS preflight (which we never grant), so an
    // anonymous JSON request cannot be forged; anything else can (a form, text/plain, no body), and
    // so can every request that a live session cookie authenticates.
    if (isJsonMediaType(mediaType) && !request.csrfSessionSecret) return;
    // A multipart body is not parsed yet: only routes that read it with the CSRF-checking reader
    // may accept one without the header; every other route refuses it here.
    if (mediaType === 'multipart/form-data' && request.headers['x-csrf-token'] === undefined) {
      if (!request.routeOptions.config.multipartCsrf) throw new AppError('CSRF_FAILED');
      request.csrfPending = true;
      return;
    }
    const secret = request.csrfSessionSecret ?? request.cookies[anonymousCookie];
    const body = request.body as Record<string, unknown> | undefined;
    const token =
      request.headers['x-csrf-token'] ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (!secret || typeof token !== 'string' || !tokens.verify(secret, token))
      throw new AppError('CSRF_FAILED');
  });
}

/**
 * The media type of a Content-Type header, lower-cased and without parameters, parsed by
 * fast-content-type-parse (RFC 9110: the type is case-insensitive, so `APPLICATION/X-WWW-FORM-URLENCODED`
 * is a form); '' when absent or unparsable — which is treated like any non-JSON body.
 */
export function mediaTypeOf(header: string | undefined): string {
  return header ? safeParse(header).type : '';
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

export default fp(csrfPlugin, { name: 'csrf' });
