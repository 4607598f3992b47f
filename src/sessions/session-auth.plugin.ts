import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { accountDisplayName } from '../accounts/account.ts';
import type { Deps } from '../platform/deps.ts';
import { cookieName, cookieOptions } from '../platform/http/cookies.ts';
import { AppError } from '../platform/http/errors.ts';
import { translator } from '../views/i18n/index.ts';
import { type AuthenticatedSession, authenticateSession } from './sessions.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in customer, or null. */
    customer: AuthenticatedSession | null;
  }
}

/** The signed-in customer, or UNAUTHENTICATED (401 on the API, a redirect to /login on pages). */
export function requireCustomer(request: FastifyRequest): AuthenticatedSession {
  if (!request.customer) throw new AppError('UNAUTHENTICATED');
  return request.customer;
}

export function customerSessionCookie(deps: Deps): string {
  return cookieName(deps.config, 'session');
}

export function setCustomerSessionCookie(deps: Deps, reply: FastifyReply, token: string): void {
  // No Max-Age: the server decides when a session ends; the cookie goes with the browser session too.
  reply.setCookie(customerSessionCookie(deps), token, cookieOptions(deps.config));
}

export function clearCustomerSessionCookie(deps: Deps, reply: FastifyReply): void {
  reply.clearCookie(customerSessionCookie(deps), cookieOptions(deps.config));
}

/** Reads the customer session cookie on every request and resolves it to the account. */
async function sessionAuthPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  const name = customerSessionCookie(deps);
  const langCookie = cookieName(deps.config, 'lang');
  app.decorateRequest('customer', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[name];
    if (!token || token.length > 100) return;
    const auth = await authenticateSession(deps, token, request.meta);
    if (!auth) return;
    request.customer = auth;
    request.csrfSessionSecret = auth.csrfSecret;
    request.signedInAs = accountDisplayName(auth.account) || auth.account.email;
    // A signed-in customer's saved language wins over the browser's, unless they just switched.
    if (!request.cookies[langCookie]) {
      request.locale = auth.account.locale;
      request.t = translator(auth.account.locale);
    }
  });
}

export default fp(sessionAuthPlugin, { name: 'customer-session', dependencies: ['request-context', 'csrf'] });

/** Route hook for customer-only API routes: authentication is checked before CSRF and validation. */
export async function customerOnly(request: FastifyRequest): Promise<void> {
  requireCustomer(request);
}
