import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { type Locale, negotiateLocale, type Translate, translator } from '../../views/i18n/index.ts';
import type { PageContext } from '../../views/page-context.ts';
import type { RequestMeta } from '../deps.ts';
import { cookieName } from './cookies.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    /** IP and user agent, for the audit log. */
    meta: RequestMeta;
    /** Name shown in the header when a customer is signed in (set by the session plugin). */
    signedInAs: string | null;
  }
}

/** The page context of a request: translator, CSRF token, path and who is signed in. */
export function pageContext(request: FastifyRequest): PageContext {
  return {
    t: request.t,
    locale: request.locale,
    csrfToken: request.csrfToken(),
    path: request.url.split('?')[0] ?? '/',
    signedInAs: request.signedInAs,
  };
}

/** Decorates every request with its language (cookie, then Accept-Language, then French) and its meta. */
async function requestContextPlugin(app: FastifyInstance, { config }: { config: Config }) {
  const langCookie = cookieName(config, 'lang');
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('meta', null as unknown as RequestMeta);
  app.decorateRequest('signedInAs', null);
  app.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale(request.cookies[langCookie], request.headers['accept-language']);
    request.t = translator(request.locale);
    request.meta = {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    };
  });
}

export default fp(requestContextPlugin, { name: 'request-context', dependencies: ['@fastify/cookie'] });
