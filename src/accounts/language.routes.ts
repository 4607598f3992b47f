import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { cookieName, cookieOptions } from '../platform/http/cookies.ts';
import { safeNextPath } from '../platform/http/safe-redirect.ts';
import { updateAccountDetails } from './accounts.service.ts';

/** The language switcher: a cookie for everyone, and the fiche's language for a signed-in customer (emails follow it). */
export async function languageRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.post<{ Body: Record<string, unknown> }>('/language', async (request, reply) => {
    const locale = request.body.locale === 'en' ? 'en' : 'fr';
    reply.setCookie(cookieName(deps.config, 'lang'), locale, cookieOptions(deps.config, 365 * 86_400));
    if (request.customer && request.customer.account.locale !== locale) {
      await updateAccountDetails(deps, request.customer.account.id, { locale }, request.meta);
    }
    return reply.redirect(safeNextPath(request.body.next, '/'), 303);
  });
}
