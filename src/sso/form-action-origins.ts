import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { listOidcClientRows } from './oidc-clients.repository.ts';

const CACHE_MS = 30_000;

export type FormActionWidener = (policy: string) => Promise<string>;

/**
 * Browsers apply CSP `form-action` to every redirect that follows a form post: the sign-in, second
 * factor, consent and logout forms end, through the provider, at an application's redirect URI on
 * another origin. So pages allow form posts to 'self' and to the origins of the registered clients'
 * redirect and post-logout URIs (registered by the operator, read at most every 30 s), nowhere else.
 */
export function createFormActionWidener(deps: Deps): FormActionWidener {
  let cached: { at: number; sources: string } | null = null;
  const sources = async () => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.sources;
    const origins = new Set<string>();
    for (const client of await listOidcClientRows(deps.db)) {
      if (client.disabledAt) continue;
      for (const uri of [...client.redirectUris, ...client.postLogoutRedirectUris])
        origins.add(new URL(uri).origin);
    }
    cached = { at: Date.now(), sources: [...origins].join(' ') };
    return cached.sources;
  };
  return async (policy) => {
    const extra = await sources();
    return extra ? policy.replace("form-action 'self'", `form-action 'self' ${extra}`) : policy;
  };
}

/** Widens `form-action` on every HTML page Fastify sends (the provider's own pages: see oidc.routes). */
export function allowFormRedirectsToClients(app: FastifyInstance, widen: FormActionWidener): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const policy = reply.getHeader('content-security-policy');
    if (typeof policy !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      return payload;
    reply.header('content-security-policy', await widen(policy));
    return payload;
  });
}
