import { chmodSync, lstatSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { PgliteSessionGate } from './pglite-session-gate.ts';
import { PgliteSocketScheduler } from './pglite-socket-scheduler.ts';

/**
 * The owner of an embedded database serves it to the other local processes (the CLI, `mail
 * ingest` from the MTA, `sesame worker`) over the PostgreSQL protocol on a Unix socket inside
 * DATA_DIR, named as PostgreSQL names its own (`.s.PGSQL.5432`, so `psql -h DATA_DIR` works), mode
 * 0600. pglite-socket's handler speaks the protocol; our scheduler decides whose turn it is.
 */

export const SOCKET_FILE_NAME = '.s.PGSQL.5432';
/** sun_path holds 108 bytes on Linux, the last one a NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;
const UNIT_IDLE_TIMEOUT_MS = 60_000;
const MAX_CONNECTIONS = 64;

export type DatabaseSocketServer = { socketPath: string; stop(): Promise<void> };

export function socketPathFor(dataDir: string): string {
  return path.join(path.resolve(dataDir), SOCKET_FILE_NAME);
}

/** Why this DATA_DIR cannot have its socket, or null when it can. */
export function socketPathProblem(socketPath: string): string | null {
  const bytes = Buffer.byteLength(socketPath);
  return bytes > MAX_SOCKET_PATH_BYTES
    ? `the database socket path ${socketPath} is ${bytes} bytes long, more than a Unix socket allows (${MAX_SOCKET_PATH_BYTES}): use a shorter DATA_DIR`
    : null;
}

/** Listens on the socket. Only the holder of the directory lock calls this, so a socket file found there is stale. */
export async function startPgliteSocketServer(options: {
  pglite: PGlite;
  gate: PgliteSessionGate;
  socketPath: string;
  unitIdleTimeoutMs?: number;
  onClientError?: (error: unknown) => void;
}): Promise<DatabaseSocketServer> {
  const problem = socketPathProblem(options.socketPath);
  if (problem) throw new Error(problem);
  removeStaleSocket(options.socketPath);
  const handlers = new Map<number, PGLiteSocketHandler>();
  const scheduler = new PgliteSocketScheduler(options.pglite, options.gate, {
    unitIdleTimeoutMs: options.unitIdleTimeoutMs ?? UNIT_IDLE_TIMEOUT_MS,
    onIdleUnit: (handlerId) => void handlers.get(handlerId)?.detach(true),
  });
  const server = createServer((socket) => {
    if (handlers.size >= MAX_CONNECTIONS) return void socket.destroy();
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue, clearQueueForHandler and clearTransactionIfNeeded, which the
      // scheduler implements; its declared type is the library's private queue class.
      queryQueue: scheduler as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.set(handler.handlerId, handler);
    const forget = () => handlers.delete(handler.handlerId);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', (event) => {
      forget();
      options.onClientError?.((event as CustomEvent<unknown>).detail);
    });
    handler.attach(socket).catch(() => socket.destroy());
  });
  await listenOwnerOnly(server, options.socketPath);
  return {
    socketPath: options.socketPath,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers.values()].map((handler) => handler.detach(true)));
      await closed;
      rmSync(options.socketPath, { force: true });
    },
  };
}

function removeStaleSocket(socketPath: string): void {
  try {
    if (!lstatSync(socketPath).isSocket())
      throw new Error(`${socketPath} exists and is not a socket: move it away, then start again`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // Left by an owner that died (kill -9 leaves it): we hold the lock, so nobody listens on it.
  rmSync(socketPath);
}

async function listenOwnerOnly(server: Server, socketPath: string): Promise<void> {
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Node binds the socket synchronously inside listen(): with this umask it is born 0600, no window
  // where another user could connect. Restored at once, before any other code of this process runs.
  const previousUmask = process.umask(0o177);
  try {
    server.listen(socketPath);
  } finally {
    process.umask(previousUmask);
  }
  await listening;
  chmodSync(socketPath, 0o600);
}
