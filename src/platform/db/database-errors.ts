import { describePgliteHolder, type PgliteHolder } from './pglite-directory-lock.ts';

/** Another server or worker owns the embedded database: this process must not open it. One line, for the operator. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly pgliteDir: string,
    readonly holder: PgliteHolder | null,
  ) {
    super(
      `the embedded database ${pgliteDir} is in use by ${describePgliteHolder(holder)}: stop that process first, or use another DATA_DIR`,
    );
    this.name = 'DatabaseInUseError';
  }
}

/** The embedded database stayed held, without being served on its socket, for longer than this process waits. */
export class DatabaseBusyError extends Error {
  constructor(
    readonly pgliteDir: string,
    readonly holder: PgliteHolder | null,
    waitedSeconds: number,
  ) {
    super(
      `the embedded database ${pgliteDir} is still held by ${describePgliteHolder(holder)} after ${waitedSeconds} s: try again when it is done (DATABASE_WAIT_SECONDS sets the wait)`,
    );
    this.name = 'DatabaseBusyError';
  }
}

// SQLSTATE classes and codes meaning "the server is not there (now)": connection exceptions,
// admin/crash shutdown, cannot connect now (starting or stopping).
const UNREACHABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// Failing to connect (no socket file, nobody listening) and losing the connection mid-way.
const CONNECT_ERRNOS = new Set(['ECONNREFUSED', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH']);
const DROPPED_ERRNOS = new Set(['ECONNRESET', 'EPIPE']);

/**
 * True for errors that say the database cannot be reached right now (stopped, restarting, socket
 * gone), as opposed to a failed statement: what a caller can answer with "try again later".
 */
export function isDatabaseUnreachableError(error: unknown): boolean {
  if (error instanceof DatabaseBusyError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, syscall } = error as { code?: unknown; message?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNREACHABLE_SQLSTATES.has(code)) return true;
    // A socket error names its system call; an HTTP body cut short ('aborted', ECONNRESET) does not.
    if (typeof syscall === 'string' && DROPPED_ERRNOS.has(code)) return true;
    if (syscall === 'connect' && CONNECT_ERRNOS.has(code)) return true;
  }
  // node-postgres reports a dropped connection with these messages and no code.
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  );
}
