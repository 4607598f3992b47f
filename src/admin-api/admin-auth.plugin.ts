import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { type ApiToken, bearerTokenOf } from './api-token.ts';
import { authenticateApiToken } from './api-tokens.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin API token that authenticated this request; null outside /api/v1/admin. */
    apiToken: ApiToken | null;
  }
}

const REALM = 'Bearer realm="sesame-admin"';

/** 401 with the challenge of RFC 6750 §3: no error code when no token came, `invalid_token` otherwise. */
function unauthorized(presented: boolean): AppError {
  const challenge = presented ? `${REALM}, error="invalid_token"` : REALM;
  return new AppError('UNAUTHENTICATED', { headers: { 'www-authenticate': challenge } });
}

/** The admin API token of a request, or UNAUTHENTICATED; use it in handlers that need the caller. */
export function requireApiToken(request: FastifyRequest): ApiToken {
  if (!request.apiToken) throw unauthorized(false);
  return request.apiToken;
}

/**
 * Authenticates every route of the context it is registered in by `Authorization: Bearer` alone.
 * Registered inside the admin routes' own (encapsulated) context, so it guards exactly the routes
 * Fastify matched there, whatever spelling of the URL reached them. A customer session cookie
 * counts for nothing here: the admin API is for other systems, and a cookie-only request is 401
 * before the CSRF check would even look at it. Runs at onRequest, before body parsing.
 */
async function adminAuthPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.decorateRequest('apiToken', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const token = bearerTokenOf(header);
    // Long values are no token of ours: refuse them before any database work.
    const apiToken = token && token.length <= 100 ? await authenticateApiToken(deps, token) : null;
    if (!apiToken) throw unauthorized(/^bearer\b/i.test(header ?? ''));
    request.apiToken = apiToken;
  });
}

export default fp(adminAuthPlugin, { name: 'admin-api-auth' });
