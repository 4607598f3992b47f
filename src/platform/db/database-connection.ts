import path from 'node:path';
import pg from 'pg';
import { createDatabase, createPostgresDatabase, type Db, pgliteDirFor } from './database.ts';
import { DatabaseBusyError, DatabaseInUseError, isDatabaseUnreachableError } from './database-errors.ts';
import { openPgliteDirectory } from './embedded-database.ts';
import {
  type DatabaseRole,
  lockPathFor,
  type PgliteHolder,
  readPgliteHolder,
} from './pglite-directory-lock.ts';
import { SOCKET_FILE_NAME, socketPathFor, socketPathProblem } from './pglite-socket-server.ts';

/**
 * How a `sesame` process reaches its database. PostgreSQL: directly. The embedded database:
 *
 * - its owner (the process holding DATA_DIR/pg.lock) serves it on DATA_DIR/.s.PGSQL.5432 → a
 *   command or a worker connects there with node-postgres;
 * - nobody holds it → this process opens PGlite itself, under the lock;
 * - it is held but not served (the owner is starting, or it is another command) → wait, as long as
 *   the holder keeps changing within `waitSeconds`;
 * - a server (`serve`, `demo --serve`) must be the owner: it waits for a command to finish, and
 *   refuses at once (DatabaseInUseError, one line naming the holder) when a server or worker has it.
 */

export type ConnectOptions = {
  databaseUrl: string | undefined;
  dataDir: string;
  role: DatabaseRole;
  /** This process's command line, written in the lock file when it becomes the owner. */
  command: string;
  waitSeconds: number;
  onPoolError?: (error: Error) => void;
  /** Told once, when this process starts waiting for the holder. */
  onWait?: (message: string) => void;
};

const POLL_MS = 200;

export async function connectDatabase(options: ConnectOptions): Promise<Db> {
  if (options.databaseUrl) return createDatabase({ ...options, pgliteDir: 'memory://' });
  const dataDir = path.resolve(options.dataDir);
  const problem = socketPathProblem(socketPathFor(dataDir));
  if (problem) throw new Error(problem);
  const pgliteDir = pgliteDirFor(dataDir);
  let waitingFor: { holder: PgliteHolder | null; since: number } | null = null;
  for (;;) {
    if (options.role !== 'server' && readPgliteHolder(lockPathFor(dataDir))?.serving) {
      const client = await connectToOwner(dataDir, options);
      if (client) return client;
    }
    let holder: PgliteHolder | null;
    try {
      return openPgliteDirectory(pgliteDir, { command: options.command, role: options.role });
    } catch (error) {
      if (!(error instanceof DatabaseInUseError)) throw error;
      holder = error.holder;
      // A server never shares: another server or worker holding the directory is final.
      if (options.role === 'server' && holder && holder.role !== 'command') throw error;
    }
    // The wait restarts whenever the holder changes: commands queued behind each other all get their turn.
    if (!waitingFor || waitingFor.holder?.pid !== holder?.pid) {
      if (!waitingFor)
        options.onWait?.(`waiting for the embedded database ${pgliteDir}: held by ${describe(holder)}`);
      waitingFor = { holder, since: Date.now() };
    } else if (Date.now() - waitingFor.since > options.waitSeconds * 1000) {
      throw new DatabaseBusyError(pgliteDir, holder, options.waitSeconds);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function describe(holder: PgliteHolder | null): string {
  return holder ? `process ${holder.pid} (${holder.command})` : 'another process';
}

/** A pool on the owner's socket, once a first query went through; null when the owner just went away. */
async function connectToOwner(dataDir: string, options: ConnectOptions): Promise<Db | null> {
  // node-postgres takes the socket's directory as host and finds `.s.PGSQL.<port>` in it.
  const port = Number(SOCKET_FILE_NAME.split('.').pop());
  // One connection: PGlite runs one statement at a time anyway, and a process then behaves as it
  // does on its own PGlite (a second connection opened inside a transaction would wait forever).
  const pool = new pg.Pool({ host: dataDir, port, user: 'postgres', database: 'postgres', max: 1 });
  const db = createPostgresDatabase(pool, options);
  try {
    await pool.query('SELECT 1');
    return db;
  } catch (error) {
    await db.destroy().catch(() => {});
    if (isDatabaseUnreachableError(error)) return null;
    throw error;
  }
}
