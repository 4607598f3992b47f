import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { recoveryClaimantApiRoutes } from './claimant-api.routes.ts';
import { recoveryClaimantPageRoutes } from './claimant-pages.routes.tsx';

/**
 * The claimant side of recovery cases: JSON routes (case token as bearer) and pages (case token
 * in a cookie). Every answer may carry the case's personal data or its token in the URL: no
 * cache keeps it, no Referer carries it away.
 */
export async function recoveryClaimantRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
  await app.register(recoveryClaimantApiRoutes, { deps });
  await app.register(recoveryClaimantPageRoutes, { deps });
}
