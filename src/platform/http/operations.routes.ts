import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { isMigrated } from '../db/database.ts';
import type { Deps } from '../deps.ts';

/** A readiness probe that hangs (a database that accepts connections but never answers) is a failed one. */
const READINESS_TIMEOUT_MS = 5000;

async function isDatabaseReady(deps: Deps): Promise<'ready' | 'migrations_pending'> {
  await sql`SELECT 1`.execute(deps.db);
  return (await isMigrated(deps.db)) ? 'ready' : 'migrations_pending';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

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
        // Asked afresh each time, never cached: 503 while the database is away, 200 once it is back.
        const status = await withTimeout(isDatabaseReady(deps), READINESS_TIMEOUT_MS);
        if (status !== 'ready') return reply.code(503).send({ status });
        return { status };
      } catch (error) {
        deps.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'database_unreachable' });
      }
    },
  );
}
