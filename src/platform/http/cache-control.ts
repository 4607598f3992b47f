import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * `Cache-Control: no-store` on every response that was made for someone: a signed-in customer or
 * staff member, a bearer token (admin API, recovery case), the recovery case cookie. Such pages
 * hold personal data, and a shared or browser cache must not keep them (a back button on a public
 * computer after sign-out, a proxy that caches by URL). Other dynamic responses get it too unless
 * the route chose a policy (static files keep theirs): nothing here is meant to be cached.
 */
function isPersonal(request: FastifyRequest): boolean {
  return (
    request.customer !== null ||
    request.staff !== null ||
    request.headers.authorization !== undefined ||
    request.url.startsWith('/recovery/cases/')
  );
}

async function cacheControlPlugin(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    if (isPersonal(request) || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

export default fp(cacheControlPlugin, {
  name: 'cache-control',
  dependencies: ['customer-session', 'staff-session'],
});
