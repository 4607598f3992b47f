import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { isAddressInList } from '../net/client-address.ts';
import { AppError } from './errors.ts';

/** Internal endpoints: what they tell (metrics, every route's schema) is for the operator only. */
export function isOperationsPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/metrics' || path === '/api/docs' || path.startsWith('/api/docs/');
}

/**
 * `/metrics` and `/api/docs` only for OPERATIONS_ALLOWED_CLIENTS (by default in production: the
 * loopback addresses, e.g. a Prometheus agent on the host). Everyone else gets the ordinary 404,
 * which says nothing about what is there. `/api/openapi.json` stays public: it is the contract.
 */
async function operationsAccessPlugin(app: FastifyInstance, { config }: { config: Config }) {
  const allowed = config.operationsAllowedClients;
  if (!allowed) return;
  app.addHook('onRequest', async (request) => {
    if (isOperationsPath(request.url) && !isAddressInList(request.ip, allowed))
      throw new AppError('NOT_FOUND');
  });
}

export default fp(operationsAccessPlugin, { name: 'operations-access' });
