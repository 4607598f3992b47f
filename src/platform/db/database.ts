import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { openPgliteDirectory, openPgliteInMemory, type PgliteOwner } from './embedded-database.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both unless they need a lock. */
export type DbOrTx = Db | Tx;

export type DatabaseOptions = {
  /** A PostgreSQL URL; when absent, embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; 'memory://' keeps nothing. */
  pgliteDir: string;
  /** Told about errors on idle PostgreSQL connections. */
  onPoolError?: (error: Error) => void;
  /** Written in the directory's lock file, for whoever finds it taken. */
  owner?: PgliteOwner;
};

/**
 * Opens the database in this process: PostgreSQL when a URL is given, PGlite otherwise. A PGlite
 * directory is opened only under its lock (DatabaseInUseError when another process holds it);
 * `sesame` processes go through `connectDatabase`, which also finds an owner's socket.
 */
export function createDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl)
    return createPostgresDatabase(new pg.Pool({ connectionString: options.databaseUrl, max: 10 }), options);
  if (options.pgliteDir.startsWith('memory://')) return openPgliteInMemory();
  return openPgliteDirectory(options.pgliteDir, options.owner);
}

/** Kysely over a node-postgres pool (a PostgreSQL server, or an embedded database's owner through its socket). */
export function createPostgresDatabase(
  pool: pg.Pool,
  options: Pick<DatabaseOptions, 'onPoolError'> = {},
): Db {
  // An idle connection dropped by the server (restart, failover, a test dropping its database)
  // must not crash the process: the pool replaces it on next use.
  pool.on('error', (error) => options.onPoolError?.(error));
  // Neither must one dropped while checked out between two queries (a transaction awaiting
  // argon2, a lease held by the outbox): node-postgres emits that on the client, where nobody
  // listens, and an unheard 'error' ends the process. The request using it fails with its next
  // query (DATABASE_UNAVAILABLE, 503) and the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onPoolError?.(error));
  });
  // Timestamps come back as Date from both drivers; bigints stay strings (no precision loss).
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function pgliteDirFor(dataDir: string): string {
  return path.join(dataDir, 'pg');
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for /readyz). */
export async function isMigrated(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const list = await migrator.getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
