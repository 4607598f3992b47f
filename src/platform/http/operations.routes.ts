import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { isMigrated } from '../db/database.ts';
import type { Deps } from '../deps.ts';

/** Liveness and readiness for the load balancer and the orchestrator. */
export async function operationsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up' } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'Database reachable and migrations applied' } },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db);
        if (!(await isMigrated(deps.db))) return reply.code(503).send({ status: 'migrations_pending' });
        return { status: 'ready' };
      } catch (error) {
        deps.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'database_unreachable' });
      }
    },
  );
}
