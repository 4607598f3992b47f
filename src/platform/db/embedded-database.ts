import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely } from 'kysely';
import { DatabaseInUseError } from './database-errors.ts';
import {
  type DatabaseRole,
  lockPathFor,
  type PgliteDirectoryLock,
  tryLockPgliteDirectory,
} from './pglite-directory-lock.ts';
import {
  createGatedPgliteDialect,
  createPgliteSessionGate,
  type PgliteSessionGate,
} from './pglite-session-gate.ts';
import { type DatabaseSocketServer, socketPathFor, startPgliteSocketServer } from './pglite-socket-server.ts';
import type { Database } from './schema.ts';

/**
 * The embedded database opened in this process: PGlite behind the session gate, and for a
 * directory the lock that makes this process its only owner. Who opens `DATA_DIR/pg` without the
 * lock? Nobody: `openPgliteDirectory` takes it first and throws when another process holds it.
 */

type EmbeddedParts = {
  pglite: PGlite;
  gate: PgliteSessionGate;
  dataDir: string | null;
  lock: PgliteDirectoryLock | null;
  socket: DatabaseSocketServer | null;
};

/**
 * The contrib extensions the migrations create (PostgreSQL ships them; PGlite loads each bundle
 * when asked here): pg_trgm for the staff account search's index. Every PGlite of ours gets them.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

const embeddedParts = new WeakMap<Kysely<Database>, EmbeddedParts>();

export type PgliteOwner = { command: string; role: DatabaseRole };

const defaultOwner = (): PgliteOwner => ({
  command: `node ${path.basename(process.argv[1] ?? '')}`,
  role: 'command',
});

/**
 * PGlite in memory (tests): no directory, no lock, the same gate. `loadDataDir` starts it from a
 * data directory dumped by `PGlite.dumpDataDir` (a migrated template) instead of an empty cluster.
 */
export function openPgliteInMemory(options: { loadDataDir?: Blob } = {}): Kysely<Database> {
  const pglite = options.loadDataDir
    ? new PGlite('memory://', {
        extensions: PGLITE_EXTENSIONS,
        loadDataDir: options.loadDataDir,
        // A dump of a running cluster starts with crash recovery, which arms PostgreSQL's 10 s
        // startup-progress timer; off, so that no timer outlives close() and holds the process.
        startParams: [...PGlite.defaultStartParams, '-c', 'log_startup_progress_interval=0'],
      })
    : new PGlite('memory://', { extensions: PGLITE_EXTENSIONS });
  return openPglite(pglite, { dataDir: null, lock: null });
}

/** `DATA_DIR/pg` under its lock; throws DatabaseInUseError, naming the holder, when another process has it. */
export function openPgliteDirectory(
  pgliteDir: string,
  owner: PgliteOwner = defaultOwner(),
): Kysely<Database> {
  const dataDir = path.dirname(path.resolve(pgliteDir));
  const attempt = tryLockPgliteDirectory(lockPathFor(dataDir), owner);
  if (!attempt.ok) throw new DatabaseInUseError(pgliteDir, attempt.holder);
  try {
    // Owner only: PGlite creates its files world-readable (its WASM file system ignores the umask).
    mkdirSync(pgliteDir, { recursive: true, mode: 0o700 });
    chmodSync(pgliteDir, 0o700);
    return openPglite(new PGlite(pgliteDir, { extensions: PGLITE_EXTENSIONS }), {
      dataDir,
      lock: attempt.lock,
    });
  } catch (error) {
    attempt.lock.release();
    throw error;
  }
}

function openPglite(pglite: PGlite, where: { dataDir: string | null; lock: PgliteDirectoryLock | null }) {
  const parts: EmbeddedParts = { pglite, gate: createPgliteSessionGate(), ...where, socket: null };
  const db = new Kysely<Database>({
    dialect: createGatedPgliteDialect({
      pglite,
      gate: parts.gate,
      beforeDestroy: async () => {
        await parts.socket?.stop();
        parts.socket = null;
      },
      onDestroy: () => parts.lock?.release(),
    }),
  });
  embeddedParts.set(db, parts);
  return db;
}

/**
 * Serves this process's embedded database to the other local processes on `DATA_DIR/.s.PGSQL.5432`
 * (until `db.destroy()`); returns the socket path, or null when `db` is not an embedded directory
 * this process owns (PostgreSQL, memory, or a client of another owner).
 */
export async function serveEmbeddedDatabase(
  db: Kysely<Database>,
  options: { onClientError?: (error: unknown) => void; unitIdleTimeoutMs?: number } = {},
): Promise<string | null> {
  const parts = embeddedParts.get(db);
  if (!parts?.dataDir || !parts.lock) return null;
  if (parts.socket) return parts.socket.socketPath;
  parts.socket = await startPgliteSocketServer({
    pglite: parts.pglite,
    gate: parts.gate,
    socketPath: socketPathFor(parts.dataDir),
    ...options,
  });
  parts.lock.markServing();
  return parts.socket.socketPath;
}

/** True when `db` is an embedded database directory held by this process. */
export function ownsEmbeddedDirectory(db: Kysely<Database>): boolean {
  return Boolean(embeddedParts.get(db)?.lock);
}
