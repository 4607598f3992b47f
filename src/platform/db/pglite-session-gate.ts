import type { PGlite } from '@electric-sql/pglite';
import { Mutex, type MutexInterface } from 'async-mutex';
import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PGliteDialect,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';

/**
 * PGlite is one PostgreSQL session. Whoever uses it — this process through Kysely, or another
 * process through the database socket — must have it alone from the first statement of a unit of
 * work to its end: a whole transaction, or one statement outside any. The gate is that rule: a
 * first-come first-served mutex that both sides take (Kysely for the span of each connection use,
 * the socket scheduler for each client's unit, see pglite-socket-scheduler.ts). PGlite's own
 * mutexes guard single calls only, so without the gate another client's statement could run inside
 * a transaction that is not its own.
 */
export type PgliteSessionGate = MutexInterface;

export function createPgliteSessionGate(): PgliteSessionGate {
  return new Mutex();
}

/**
 * Kysely's PGlite dialect, with the gate held from `acquireConnection` to `releaseConnection`
 * (Kysely keeps one connection, so that spans one query or one whole transaction). `onDestroy`
 * runs after PGlite is closed (the directory lock is released there).
 */
export function createGatedPgliteDialect(options: {
  pglite: PGlite;
  gate: PgliteSessionGate;
  beforeDestroy?: () => Promise<void>;
  onDestroy?: () => void;
}): Dialect {
  const inner = new PGliteDialect({ pglite: options.pglite });
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new GatedDriver(inner.createDriver(), options),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
}

class GatedDriver implements Driver {
  #release: MutexInterface.Releaser | null = null;

  constructor(
    private readonly inner: Driver,
    private readonly options: {
      gate: PgliteSessionGate;
      beforeDestroy?: () => Promise<void>;
      onDestroy?: () => void;
    },
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Kysely already lets one caller at a time hold the PGlite connection; the gate adds the socket's clients.
    const release = await this.options.gate.acquire();
    try {
      const connection = await this.inner.acquireConnection();
      this.#release = release;
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      const release = this.#release;
      this.#release = null;
      release?.();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.inner.savepoint?.(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }

  async destroy(): Promise<void> {
    try {
      // The socket server first: its clients' open transactions are rolled back while PGlite still runs.
      await this.options.beforeDestroy?.();
      await this.inner.destroy();
    } finally {
      this.options.onDestroy?.();
    }
  }
}
