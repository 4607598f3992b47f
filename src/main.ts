import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { systemClock } from './platform/clock.ts';
import { createDatabase, migrateToLatest, pgliteDirFor } from './platform/db/database.ts';
import type { Deps } from './platform/deps.ts';
import { loggerOptions } from './platform/http/logger.ts';

/** Config → logger → database: what the server and every CLI command share. */
export function createDeps(config: Config): Deps {
  const log = pino(loggerOptions(config.logLevel) as object);
  const db = createDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: pgliteDirFor(config.dataDir),
    onPoolError: (error) => log.warn({ err: error }, 'idle database connection lost'),
  });
  return { config, db, clock: systemClock, log };
}

/** Migrates, builds the app and listens; closes gracefully on SIGINT/SIGTERM. */
export async function startServer(deps: Deps): Promise<FastifyInstance> {
  const applied = await migrateToLatest(deps.db);
  if (applied.length) deps.log.info({ migrations: applied }, 'migrations applied');
  const app = await buildApp(deps);
  await app.listen({ port: deps.config.port, host: deps.config.host });
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) deps.log.error({ err }, 'shutting down after an error');
    else deps.log.info({ signal }, 'shutting down');
    await app.close();
    await deps.db.destroy();
  });
  return app;
}
